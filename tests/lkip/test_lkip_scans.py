"""LKIP scans (image-only PDFs): OCR, then the same parser (issue 6: ≥ 95 % of cells)."""

from __future__ import annotations

import importlib.util
import shutil

import numpy as np
import pypdfium2
import pytest
from lkip_support import DOC_IDS, doc_path, extracted, truth

from bench.lkip_scoring import score_tables
from extractor import grid
from rules import check
from rules.models import Severity

SCAN_TARGET = 95.0
NATIVE_DPI = 200.0
SCANNED = [d for d in DOC_IDS if doc_path(d, "scan").exists()]

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("extractor.backends.ocr") is None or not shutil.which("tesseract"),
        reason="the OCR backend or tesseract is not available",
    ),
]


@pytest.mark.parametrize("doc", SCANNED)
def test_scan_table_cells(doc: str) -> None:
    record = extracted(doc, "scan").model_dump(mode="json")
    for name, sc in score_tables(record, truth(doc)).items():
        assert sc.share >= SCAN_TARGET, (name, sc.misses)


@pytest.mark.parametrize("doc", SCANNED)
def test_scan_chapters_and_no_false_findings(doc: str) -> None:
    """OCR'd headings ("BAB | PENDAHULUAN", a contents page without dot leaders) are read:
    every chapter on its page, and a clean report stays clean. Reuses the OCR above."""
    record = extracted(doc, "scan")
    got = [(c.key, c.page, c.page_end) for c in record.chapters]
    assert got == [(c["key"], c["page"], c["page_end"]) for c in truth(doc)["chapters"]]
    if not truth(doc)["defects"]:
        findings = check(record).findings
        assert [f"{f.rule}: {f.message}" for f in findings if f.severity != Severity.INFO] == []


def _native_page(doc: str, page: int) -> tuple[np.ndarray, float]:
    """A scanned page's image at the resolution it was scanned at (200 dpi in the corpus,
    as a 200-dpi TIFF or a gray PDF rendered at its own resolution reaches the OCR)."""
    pdf = pypdfium2.PdfDocument(doc_path(doc, "scan"))
    try:
        bitmap = pdf[page - 1].render(scale=NATIVE_DPI / 72, grayscale=True)
        return np.asarray(bitmap.to_pil().convert("L")), NATIVE_DPI
    finally:
        pdf.close()


def test_a_line_stretched_by_specks_reads_as_one_line() -> None:
    """Specks a few points above words of a 200-dpi scan stretched their boxes ("Birokrasi"
    boxed 18 pt high on 8-pt print), and the prose reader broke the line into three
    pieces; held to their print, the list item reads whole."""
    from extractor.backends.ocr import page_geometry

    pixels, dpi = _native_page("lkip-001-dinkes-banjarbaru-2023", 5)
    texts = [b.text for b in grid.page_blocks(page_geometry(pixels, 5, dpi)) if hasattr(b, "text")]
    item = next(t for t in texts if "4. Peraturan Menteri" in t)
    assert (
        "4. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun"
        in item.splitlines()
    )
    assert not any(t.startswith("|") for t in texts)


def test_a_coarse_contents_page_is_enlarged_as_any_coarse_page() -> None:
    """A contents page's dot leaders outnumber its letters: the glyphs' median is a dot's,
    and the 200-dpi page had been read as it was instead of enlarged to 300 dpi."""
    from extractor.backends.ocr import WORK_DPI, _prepare_page

    pixels, dpi = _native_page("lkip-001-dinkes-banjarbaru-2023", 3)
    assert _prepare_page(pixels, dpi).dpi == WORK_DPI
