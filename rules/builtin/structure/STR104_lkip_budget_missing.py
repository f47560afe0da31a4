"""STR104: Bab III without realisasi anggaran."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class LkipBudgetMissing(Rule):
    """Bab III shows no budget realisation (realisasi anggaran)."""

    code = "STR104"
    name = "lkip-budget-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III B"
    title = {"id": "Realisasi anggaran tidak disajikan", "en": "Budget realisation missing"}
    rationale = {
        "id": "Bab III huruf B menguraikan realisasi anggaran yang digunakan untuk mewujudkan "
        "kinerja sesuai Perjanjian Kinerja.",
        "en": "Chapter III B reports the budget spent to achieve the agreed performance.",
    }
    messages = {
        "message": {
            "id": "Bab III tidak memuat realisasi anggaran.",
            "en": "Chapter III does not report the budget realisation.",
        },
        "suggestion": {
            "id": "Sajikan pagu dan realisasi anggaran per program pada Bab III huruf B.",
            "en": "Add budget ceiling and realisation per program in Chapter III B.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        if (
            not rec.budget
            and rec.budget_total is None
            and "realisasi_anggaran" not in rec.sections_found
        ):
            yield self.finding(ctx, section="budget", path="budget")
