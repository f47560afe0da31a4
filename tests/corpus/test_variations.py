"""bench/variations.py: scans made another way than the bench kinds, for ``--set``."""

from __future__ import annotations

import json

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from bench.variations import VARIATIONS, write

DOC = "sop-008-bkpsdm-cuti-tahunan"


def _page_images(path) -> list[tuple[Image.Image, float]]:
    """Each page's one picture with its resolution (its pixels over the page's inches)."""
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        out = []
        for page in doc:
            (obj,) = [o for o in page.get_objects() if isinstance(o, pdfium.PdfImage)]
            img = obj.get_bitmap().to_pil()
            out.append((img, img.width / (page.get_width() / 72.0)))
        return out
    finally:
        doc.close()


def test_a_gray_pdf_at_200_dpi_and_faded_print(tmp_path):
    (pdf200,) = write("pdf200", tmp_path / "pdf200", [DOC])
    (faded,) = write("faded", tmp_path / "faded", [DOC])
    truth = json.loads((tmp_path / "pdf200" / DOC / "truth.json").read_text("utf-8"))
    assert truth["steps"], "the document's ground truth is beside its scan"
    coarse, fine = _page_images(pdf200), _page_images(faded)
    assert len(coarse) == len(fine) >= 2
    assert all(round(dpi) == 200 and img.mode == "L" for img, dpi in coarse)
    assert all(round(dpi) == 300 for _, dpi in fine)
    # the faded print's darkest tenth is far lighter than the fresh scan's
    dark = [np.percentile(np.asarray(img), 1) for img, _ in coarse]
    pale = [np.percentile(np.asarray(img), 1) for img, _ in fine]
    assert min(pale) > max(dark) + 40


def test_a_colour_scan_keeps_its_colour(tmp_path):
    (scan,) = write("colour", tmp_path, [DOC])
    pages = _page_images(scan)
    assert all(img.mode == "RGB" and round(dpi) == 300 for img, dpi in pages)
    # the stamp on the signed last page is coloured ink, not gray
    last = np.asarray(pages[-1][0]).astype(int)
    spread = last.max(axis=2) - last.min(axis=2)
    assert (spread > 60).sum() > 1000


def test_a_far_photo_is_a_coloured_picture_at_its_own_resolution(tmp_path):
    (photo,) = write("photolow", tmp_path, [DOC])
    assert photo.name.endswith(".photo.pdf")
    pages = _page_images(photo)
    assert len(pages) >= 2
    for img, dpi in pages:
        assert img.mode == "RGB"
        assert round(dpi) == VARIATIONS["photolow"].dpi == 115
        # the sheet at 115 dpi with the desk around it: an A4 side is 11.7 in
        assert 1.1 * 11.69 * 115 < max(img.size) < 1.5 * 11.69 * 115
