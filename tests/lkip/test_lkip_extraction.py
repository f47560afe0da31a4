"""LKIP extraction on the corpus: table cells, chapters, identity, legal basis, years."""

from __future__ import annotations

import pytest
from lkip_support import DOC_IDS, extracted, truth

from bench.lkip_scoring import score_tables

#: issue 6: at least 98 % of indicator and budget cells right on digital documents.
DIGITAL_TARGET = 98.0


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_table_cells(doc_id: str, kind: str) -> None:
    record = extracted(doc_id, kind).model_dump(mode="json")
    scores = score_tables(record, truth(doc_id))
    for name, sc in scores.items():
        assert sc.total > 0
        assert sc.share >= DIGITAL_TARGET, (name, sc.misses)


def test_corpus_cell_totals_are_perfect_on_pdf() -> None:
    right = total = 0
    for doc in DOC_IDS:
        for sc in score_tables(extracted(doc, "pdf").model_dump(mode="json"), truth(doc)).values():
            right, total = right + sc.right, total + sc.total
    assert total > 1500 and right / total >= 0.99


def test_chapters_with_pages_on_pdf(doc_id: str) -> None:
    got = [(c.key, c.page, c.page_end) for c in extracted(doc_id, "pdf").chapters]
    want = [(c["key"], c["page"], c["page_end"]) for c in truth(doc_id)["chapters"]]
    assert got == want


def test_chapters_in_order_on_docx(doc_id: str) -> None:
    got = [c.key for c in extracted(doc_id, "docx").chapters]
    assert got == [c["key"] for c in truth(doc_id)["chapters"]]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_identity_years_and_analyses(doc_id: str, kind: str) -> None:
    rec, want = extracted(doc_id, kind), truth(doc_id)
    ident = rec.identity
    assert (ident.agency or "").casefold() == want["identity"]["agency"].casefold()
    assert ident.year == want["identity"]["year"]
    assert (ident.title or "").casefold() == want["identity"]["title"].casefold()
    assert ident.date == want["identity"]["date"]
    assert rec.years == want["years"]
    assert rec.analyses_found == want["analyses_found"]
    assert rec.sections_found == want["sections_found"]


def test_legal_basis(doc_id: str) -> None:
    got = [(c.type, c.number, c.year) for c in extracted(doc_id, "pdf").legal_basis]
    want = [(c["type"], c["number"], c["year"]) for c in truth(doc_id)["legal_basis"]]
    assert got == want


def test_tables_over_page_breaks_are_merged() -> None:
    """lkip-005's results table runs over pages without repeating its header."""
    rec = extracted("lkip-005-rsud-wates-2023", "pdf")
    pages = {i.prov.page for i in rec.indicators if i.prov}
    assert len(pages) >= 2 and len(rec.indicators) == 32
    assert all(i.objective for i in rec.indicators)


def test_records_without_the_newer_fields_still_load() -> None:
    """Word targets and budget levels are optional: an older record (no target_text,
    actual_text, level, code) validates, and they read as None."""
    from extractor.models import LKIPRecord

    old = {k: v for k, v in truth("lkip-001-dinkes-banjarbaru-2023").items() if k != "defects"}
    old["source"] = {"filename": "x.pdf", "sha256": "0", "media_type": "application/pdf"}
    rec = LKIPRecord.model_validate(old)
    assert rec.indicators[0].target_text is None and rec.budget[0].level is None
