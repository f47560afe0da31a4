"""Scanned PDF pages are rendered in the colour they hold: gray scans in one channel."""

from __future__ import annotations

import io

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from extractor.backends import ocr, pdf
from extractor.layout import PageGeometry
from extractor.options import ExtractionOptions


def _scan(mode: str) -> bytes:
    """An image-only A5 page at 100 dpi with a text-like bar and a coloured stamp."""
    img = Image.new("RGB", (827, 583), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((60, 60, 700, 80), fill=(20, 20, 20))
    draw.ellipse((500, 300, 650, 450), outline=(40, 60, 200), width=8)
    buf = io.BytesIO()
    img.convert(mode).save(buf, "PDF", resolution=100)
    return buf.getvalue()


@pytest.fixture
def handed(monkeypatch):
    """What the PDF backend hands the OCR page reader, page by page: (array, dpi)."""
    seen: list[tuple[np.ndarray, float]] = []

    def fake_page_geometry(image, number, dpi, lang="ind+eng", capture_scale=1.0):
        seen.append((np.asarray(image), dpi))
        return PageGeometry(page=number, width=595.0, height=420.0)

    monkeypatch.setattr(ocr, "page_geometry", fake_page_geometry)
    return seen


def test_gray_scan_is_rendered_in_one_channel(handed):
    pdf.parse(_scan("L"), ExtractionOptions(ocr_dpi=150))
    assert len(handed) == 1 and handed[0][0].ndim == 2


def test_colour_scan_keeps_its_colour(handed):
    pdf.parse(_scan("RGB"), ExtractionOptions(ocr_dpi=150))
    assert len(handed) == 1 and handed[0][0].ndim == 3
    stamp = handed[0][0][int(375 * 1.5), int(504 * 1.5)]  # on the blue ring's left edge
    assert stamp[2] > stamp[0] + 60


def test_gray_render_equals_the_colour_render_of_a_gray_page():
    doc = pdfium.PdfDocument(_scan("L"))
    try:
        page = doc[0]
        gray = np.asarray(page.render(scale=2, grayscale=True).to_pil().convert("L"))
        rgb = np.asarray(page.render(scale=2).to_pil().convert("RGB"))
    finally:
        doc.close()
    assert gray.shape == rgb.shape[:2]
    assert int(np.abs(gray.astype(int) - rgb[..., 0].astype(int)).max()) <= 1


def test_a_coarse_gray_scan_is_rendered_at_its_own_resolution(handed):
    # 100 dpi: the OCR backend enlarges and sharpens it, as a 100-dpi TIFF
    pdf.parse(_scan("L"), ExtractionOptions(ocr_dpi=300))
    assert [dpi for _, dpi in handed] == [100]


def test_a_colour_scan_and_a_fine_gray_one_are_rendered_at_ocr_dpi(handed):
    pdf.parse(_scan("RGB"), ExtractionOptions(ocr_dpi=300))  # a phone photo's PDF
    pdf.parse(_scan("L"), ExtractionOptions(ocr_dpi=105))  # within 10 % of ocr_dpi
    assert [dpi for _, dpi in handed] == [300, 105]


def test_a_scans_resolution_is_its_pixels_over_its_size_turned_or_not():
    buf = io.BytesIO()
    Image.new("L", (827, 583), "white").save(buf, "PDF", resolution=100)
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as doc:
        page = doc.pages[0]
        assert pdf._scan_dpi(page, page.objects) == pytest.approx(100, abs=0.5)
        turned = [{**page.objects["image"][0], "srcsize": (583, 827)}]
        assert pdf._scan_dpi(page, {"image": turned}) == pytest.approx(100, abs=0.5)
        small = [{**page.objects["image"][0], "x1": 100.0}]  # a picture on the page, no scan
        assert pdf._scan_dpi(page, {"image": small}) is None
