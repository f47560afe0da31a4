"""Image files through the OCR backend: multi-page TIFF, and unusable images → InputError."""

from __future__ import annotations

import io
import os
import zlib

import numpy as np
import pytest
from ocr_helpers import png_bytes, scans_module
from PIL import Image

from extractor.backends import ocr
from extractor.errors import InputError
from extractor.options import ExtractionOptions

OPTS = ExtractionOptions()


def _code(data: bytes) -> str:
    with pytest.raises(InputError) as info:
        ocr.parse(data, OPTS)
    return info.value.code


@pytest.mark.ocr
def test_multipage_tiff_is_read_page_by_page():
    scans = scans_module()
    pages = [scans.demo_scan(seed, 200, 1.0)[0] for seed in (4, 5)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], dpi=(200, 200))
    doc = ocr.parse(buf.getvalue(), OPTS)
    assert doc.pages == 2
    assert doc.source_kind == "ocr"
    assert doc.ocr_confidence is not None and doc.ocr_confidence > 70
    assert doc.blocks
    for block in doc.blocks:
        prov = block.prov if block.type == "paragraph" else block.cells[0].prov
        assert prov is not None and prov.source == "ocr"
    pages_seen = {b.prov.page for b in doc.blocks if b.type == "paragraph"}
    assert pages_seen in ({1, 2}, set())  # paragraphs (fallback) carry both pages


@pytest.mark.ocr
def test_blank_page_is_reported_as_blank():
    rng = np.random.default_rng(0)
    paper = np.clip(245 + rng.normal(0, 6, (1654, 2339)), 0, 255).astype(np.uint8)
    assert _code(png_bytes(Image.fromarray(paper), 200)) == "blank_document"


@pytest.mark.ocr
def test_photo_of_something_else_is_not_a_document():
    rng = np.random.default_rng(1)
    yy, xx = np.mgrid[0:1500, 0:2000]  # a phone photo: landscape, barn, no paper
    sky = np.stack([80 + xx / 17, 120 + yy / 20, 200 - yy / 17], axis=2)
    photo = sky + rng.normal(0, 10, sky.shape)
    photo[1000:, :] = (60, 110, 40)  # a field
    photo[750:1080, 500:830] = (120, 80, 50)  # a barn
    img = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    assert _code(buf.getvalue()) == "blank_document"


def test_tiny_image_is_too_small():
    img = Image.new("L", (400, 300), 255)
    assert _code(png_bytes(img)) == "image_too_small"


@pytest.mark.ocr
def test_page_shrunk_below_readable_text_is_too_small():
    scans = scans_module()
    img, _ = scans.demo_scan(1, 100, 0.0)
    small = img.resize((700, 495))  # a whole A4 page in 700 px: glyphs ~4 px high
    assert _code(png_bytes(small)) == "image_too_small"


def test_decompression_bomb_is_refused():
    # a valid PNG header claiming 20000×20000 pixels, with a tiny compressed body
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    ihdr = (20000).to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100))
    assert _code(data + chunk(b"IEND", b"")) == "image_too_large"


def test_corrupt_image():
    img = Image.new("L", (1200, 900), 255)
    data = png_bytes(img)
    assert _code(data[:60]) == "corrupt_image"
    assert _code(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20) == "corrupt_image"


def test_batch_workers_read_pages_in_turn(monkeypatch):
    # a batch sandbox sets SOPCHECK_PAGE_WORKERS=1: N documents on N cores, no page pools
    monkeypatch.delenv(ocr.PAGE_WORKERS_ENV, raising=False)
    assert ocr.page_workers(1) == 1
    assert ocr.page_workers(6) == min(ocr.MAX_WORKERS, os.cpu_count() or 1)
    monkeypatch.setenv(ocr.PAGE_WORKERS_ENV, "1")
    assert ocr.page_workers(6) == 1
    monkeypatch.setenv(ocr.PAGE_WORKERS_ENV, "many")
    assert ocr.page_workers(6) == min(ocr.MAX_WORKERS, os.cpu_count() or 1)
