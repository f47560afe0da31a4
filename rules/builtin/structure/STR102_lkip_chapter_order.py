"""STR102: LKIP chapters out of order."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipChapterOrder(Rule):
    """The chapters of the report are not in the order of the LKIP format."""

    code = "STR102"
    name = "lkip-chapter-order"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Lampiran 'Format Laporan Kinerja'"
    title = {"id": "Urutan bab LKIP tidak sesuai", "en": "LKIP chapters out of order"}
    rationale = {
        "id": "Sistematika laporan kinerja berurutan: Ikhtisar Eksekutif, Bab I sampai Bab IV, "
        "kemudian Lampiran.",
        "en": "The report outline runs: executive summary, chapters I to IV, then attachments.",
    }
    messages = {
        "message": {
            "id": "'{chapter}' ditempatkan setelah '{before}', padahal seharusnya sebelumnya.",
            "en": "'{chapter}' comes after '{before}' although it should precede it.",
        },
        "suggestion": {
            "id": "Susun ulang bab: Ikhtisar Eksekutif, Bab I, Bab II, Bab III, Bab IV, Lampiran.",
            "en": "Reorder: executive summary, chapters I, II, III, IV, attachments.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rank = {key: i for i, key in enumerate(lkip.chapter_order())}
        chapters = ctx.record.chapters
        for i, ch in enumerate(chapters):
            later = [c for c in chapters[:i] if rank[c.key] > rank[ch.key]]
            if later:
                yield self.finding(
                    ctx,
                    section="chapters",
                    path=f"chapters[{i}]",
                    evidence=ch.title,
                    chapter=lkip.chapter_label(ch.key, ctx.lang),
                    before=lkip.chapter_label(later[0].key, ctx.lang),
                )
