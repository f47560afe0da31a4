"""LKIP scans (image-only PDFs): OCR, then the same parser (issue 6: ≥ 95 % of cells)."""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from lkip_support import DOC_IDS, doc_path, extracted, truth

from bench.lkip_scoring import score_tables

SCAN_TARGET = 95.0
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
