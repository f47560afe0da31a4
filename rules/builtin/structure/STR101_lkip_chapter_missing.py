"""STR101: a required LKIP chapter is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipChapterMissing(Rule):
    """A chapter required by the LKIP format is not in the report."""

    code = "STR101"
    name = "lkip-chapter-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Lampiran 'Format Laporan Kinerja'"
    title = {"id": "Bab LKIP tidak ada", "en": "LKIP chapter missing"}
    rationale = {
        "id": "Laporan Kinerja memuat Ikhtisar Eksekutif, Bab I Pendahuluan, Bab II Perencanaan "
        "Kinerja, Bab III Akuntabilitas Kinerja, Bab IV Penutup dan Lampiran Perjanjian Kinerja.",
        "en": "A performance report holds an executive summary, chapters I-IV (introduction, "
        "planning, accountability, closing) and the performance agreement as attachment.",
    }
    messages = {
        "message": {
            "id": "Bagian '{chapter}' tidak ditemukan dalam laporan.",
            "en": "The '{chapter}' part is not in the report.",
        },
        "suggestion": {
            "id": "Tambahkan '{chapter}' sesuai sistematika Permen PANRB 53/2014.",
            "en": "Add '{chapter}' as the Permen PANRB 53/2014 outline requires.",
        },
        "message_none": {
            "id": "Judul bab laporan tidak dapat dikenali; sistematika tidak dapat diperiksa.",
            "en": "No chapter headings could be recognised; the outline cannot be checked.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        found = {c.key for c in ctx.record.chapters}
        if not found:
            yield self.finding(
                ctx,
                key="message_none",
                suggest=None,
                section="chapters",
                path="chapters",
                severity=Severity.WARNING,
            )
            return
        for key in lkip.chapter_order():
            if key not in found:
                yield self.finding(
                    ctx,
                    section="chapters",
                    path="chapters",
                    chapter=lkip.chapter_label(key, ctx.lang),
                    data={"chapter": key},
                )
