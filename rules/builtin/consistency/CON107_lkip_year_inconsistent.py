"""CON107: the reporting year differs between parts of the report."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity

PLACES = {
    "title": {"id": "judul laporan", "en": "report title"},
    "performance_table": {"id": "tabel capaian kinerja", "en": "performance table"},
    "budget_table": {"id": "tabel realisasi anggaran", "en": "budget table"},
    "agreement": {"id": "Perjanjian Kinerja", "en": "performance agreement"},
}


class LkipYearInconsistent(Rule):
    """A part of the report states another year than the reporting year."""

    code = "CON107"
    name = "lkip-year-inconsistent"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Perpres 29/2014 Pasal 18; Permen PANRB 53/2014"
    title = {"id": "Tahun laporan tidak konsisten", "en": "Reporting year inconsistent"}
    rationale = {
        "id": "Laporan kinerja melaporkan satu tahun anggaran; judul, tabel capaian, tabel "
        "anggaran dan Perjanjian Kinerja harus menyebut tahun yang sama.",
        "en": "A performance report covers one fiscal year; title, tables and the performance "
        "agreement must name the same year.",
    }
    messages = {
        "message": {
            "id": "{place} menyebut tahun {year}, sedangkan laporan ini untuk tahun {report_year}.",
            "en": "The {place} names {year} while this report is for {report_year}.",
        },
        "suggestion": {
            "id": "Samakan tahun atau lampirkan dokumen tahun yang benar.",
            "en": "Use the same year or attach the document of the right year.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        year = rec.identity.year
        if year is None:
            return
        for place, stated in rec.years.items():
            if stated != year and place in PLACES:
                label = PLACES[place][ctx.lang]
                yield self.finding(
                    ctx,
                    section="years",
                    path=f"years.{place}",
                    place=label[0].upper() + label[1:] if ctx.lang == "id" else label,
                    year=stated,
                    report_year=year,
                    data={"place": place},
                )
