"""Small shared type aliases, defined once (pdfplumber's convention for boxes)."""

from __future__ import annotations

from typing import Literal

#: A box in page coordinates: (x0, top, x1, bottom), in PDF points (1/72 inch),
#: origin at the top-left of the page. OCR backends convert pixels to points.
BBox = tuple[float, float, float, float]

#: Where a piece of text or a shape came from.
SourceKind = Literal["text_layer", "ocr", "docx", "text"]

#: Flowchart symbols of Permen PANRB 35/2012 (five symbols; arrows are `next`).
Symbol = Literal["start", "process", "decision", "end", "connector"]
