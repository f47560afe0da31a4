"""The LKIP parser: layout blocks → :class:`~extractor.models.LKIPRecord`.

Reads the chapters (Permen PANRB 53/2014 outline) with their pages, the identity
from the cover, the Dasar Hukum, the performance table(s) of Bab III, the budget
realisation table, the Perjanjian Kinerja table of the Lampiran, and which Bab III
analysis elements the prose contains. Figures are kept as the document states
them; checking them is the rules engine's job.
"""

from __future__ import annotations

from extractor.classify import document_text
from extractor.layout import LayoutDocument
from extractor.lkip import front, tables
from extractor.lkip.doc import Chapter, chapters, strip_furniture
from extractor.models import Chapter as ChapterModel
from extractor.models import LKIPRecord, Source
from extractor.options import ExtractionOptions

__all__ = ["parse_lkip"]


def _chapter(chs: list[Chapter], key: str) -> Chapter | None:
    return next((c for c in chs if c.key == key), None)


def _tables_by_chapter(chs: list[Chapter], year: int | None) -> dict[str, list[tables.Found]]:
    return {ch.key: tables.find_tables(ch.blocks, year) for ch in chs}


def _pick(
    by_ch: dict[str, list[tables.Found]], kind: str, prefer: tuple[str, ...]
) -> list[tuple[str, tables.Found]]:
    """Tables of ``kind`` from the preferred chapters, else from anywhere."""
    for keys in (prefer, tuple(by_ch)):
        hits = [(k, t) for k in keys for t in by_ch.get(k, []) if t.kind == kind]
        if hits:
            return hits
    return []


def parse_lkip(layout: LayoutDocument, source: Source, options: ExtractionOptions) -> LKIPRecord:
    """Read an LKIP report from its layout blocks."""
    del options  # no LKIP-specific options yet
    blocks = strip_furniture(layout)
    front_blocks, chs = chapters(blocks)
    text = document_text(layout)
    ident = front.identity(front_blocks, text)
    ident.date = front.report_date(front_blocks, chs)
    record = LKIPRecord(source=source, identity=ident)
    record.chapters = [
        ChapterModel(key=c.key, title=c.title, page=c.page, page_end=c.page_end if c.page else None)
        for c in chs
    ]
    record.legal_basis = front.legal_basis(chs)
    kind = layout.source_kind
    by_ch = _tables_by_chapter(chs, ident.year)
    if not chs:  # no headings read: look at the whole document
        by_ch = {"": tables.find_tables(blocks, ident.year)}
    blocks_of = {c.key: c.blocks for c in chs} or {"": blocks}
    years: dict[str, int] = {}
    if ident.year is not None and ident.title:
        years["title"] = ident.year
    for key, t in _pick(by_ch, "performance", ("akuntabilitas_kinerja",)):
        record.indicators.extend(tables.indicators(t, kind))
        y = front.caption_year(blocks_of[key], t.index) or t.cols.year()
        if y is not None:
            years.setdefault("performance_table", y)
    for key, t in _pick(by_ch, "budget", ("akuntabilitas_kinerja",)):
        lines, total = tables.budget(t, kind)
        record.budget.extend(lines)
        record.budget_total = total or record.budget_total
        y = front.caption_year(blocks_of[key], t.index)
        if y is not None:
            years.setdefault("budget_table", y)
    agreements = _pick(by_ch, "agreement", ("lampiran",))
    if agreements:
        key, first = agreements[0]
        for k, t in agreements:
            if k == key:
                record.agreement_indicators.extend(tables.indicators(t, kind))
        y = front.agreement_year(_chapter(chs, key)) or first.cols.year()
        if y is not None:
            years["agreement"] = y
    record.years = years
    bab3 = _chapter(chs, "akuntabilitas_kinerja")
    record.analyses_found = front.analyses(bab3)
    record.sections_found = front.sections(bab3)
    record.extraction_notes = _notes(record)
    return record


def _notes(record: LKIPRecord) -> list[str]:
    notes = []
    if not record.chapters:
        notes.append("lkip_chapters_not_found")
    if not record.indicators:
        notes.append("lkip_performance_table_not_found")
    if not record.budget:
        notes.append("lkip_budget_table_not_found")
    return notes
