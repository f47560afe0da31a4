"""Reading page images: load, clean up, find the table's lines and the flowchart's shapes, OCR.

The modules form a pipeline of small steps, each a function over numpy arrays:

* :mod:`~extractor.scan.load`       bytes → page images (safe against bombs and corrupt files)
* :mod:`~extractor.scan.prep`       photo → flat page; colour stamps dropped; light flattened;
  binarised; deskewed
* :mod:`~extractor.scan.lines`      long-line masks → ruling ``Segment`` s; rules erased for OCR
* :mod:`~extractor.scan.shapes`     closed outlines → ``ShapeGeom`` (terminator/process/decision/
  offpage); arrowheads + connector strokes → ``Arrow``
* :mod:`~extractor.scan.tesseract`  one Tesseract pass per page, words in points; re-OCR of cells
* :mod:`~extractor.scan.normalise`  this domain's OCR confusions, from ``data/ocr_confusions.yml``

``extractor.backends.ocr.page_geometry`` strings them together.
"""
