"""LKIP scans (image-only PDFs): OCR, then the same parser (issue 6: ≥ 95 % of cells)."""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from lkip_support import DOC_IDS, doc_path, extracted, truth

from bench.lkip_scoring import score_tables
from rules import check
from rules.models import Severity

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
