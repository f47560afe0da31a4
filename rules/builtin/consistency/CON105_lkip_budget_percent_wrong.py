"""CON105: stated budget percentage differs from realisasi/pagu."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipBudgetPercentWrong(Rule):
    """The percentage stated for a budget line does not equal realisasi / pagu × 100."""

    code = "CON105"
    name = "lkip-budget-percent-wrong"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III B"
    title = {
        "id": "Persentase realisasi anggaran salah hitung",
        "en": "Budget percentage miscalculated",
    }
    rationale = {
        "id": "Persentase realisasi anggaran adalah realisasi dibagi pagu dikali 100%.",
        "en": "The budget realisation percentage is realisation divided by ceiling times 100%.",
    }
    messages = {
        "message": {
            "id": "Persentase '{program}' tertulis {stated}%, sedangkan realisasi/pagu = "
            "{expected}%.",
            "en": "'{program}' states {stated}% while realisation/ceiling = {expected}%.",
        },
        "suggestion": {
            "id": "Hitung ulang persentase dari pagu dan realisasi.",
            "en": "Recompute the percentage from ceiling and realisation.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        tol = lkip.setting("budget_percent_tolerance")
        for path, b in lkip.budget_lines(rec):
            if not b.ceiling or b.realised is None or b.percent is None:
                continue
            expected = b.realised / b.ceiling * 100
            if abs(expected - b.percent) > tol:
                yield self.finding(
                    ctx,
                    section="budget",
                    path=path,
                    evidence=b.program,
                    prov=b.prov,
                    program=b.program,
                    stated=lkip.fmt(b.percent, ctx.lang),
                    expected=lkip.fmt(expected, ctx.lang),
                )
