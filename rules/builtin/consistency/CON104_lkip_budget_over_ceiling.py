"""CON104: budget realised beyond its ceiling."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipBudgetOverCeiling(Rule):
    """A budget line (or the total) is realised beyond its pagu (over 100 %)."""

    code = "CON104"
    name = "lkip-budget-over-ceiling"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "UU 17/2003 Pasal 3 ayat (3): pengeluaran tidak melebihi alokasi anggaran"
    title = {"id": "Realisasi anggaran melebihi pagu", "en": "Spending above the ceiling"}
    rationale = {
        "id": "Belanja tidak boleh melampaui pagu anggaran; realisasi di atas 100% menandakan "
        "kesalahan data atau pelanggaran.",
        "en": "Spending may not exceed the budget ceiling; a realisation above 100% is a data "
        "error or a breach.",
    }
    messages = {
        "message": {
            "id": "Realisasi '{program}' Rp {realised} melebihi pagu Rp {ceiling} ({percent}%).",
            "en": "'{program}' spent Rp {realised}, above its ceiling of Rp {ceiling} "
            "({percent}%).",
        },
        "suggestion": {
            "id": "Periksa angka pagu dan realisasi pada dokumen pelaksanaan anggaran.",
            "en": "Check ceiling and realisation against the budget implementation document.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        for path, b in lkip.budget_lines(rec):
            over = b.ceiling and b.realised is not None and b.realised > b.ceiling
            pct = b.realised / b.ceiling * 100 if over and b.ceiling else b.percent
            if over or (b.ceiling is None and b.percent is not None and b.percent > 100):
                yield self.finding(
                    ctx,
                    section="budget",
                    path=path,
                    evidence=b.program,
                    prov=b.prov,
                    program=b.program,
                    realised=lkip.fmt(b.realised, ctx.lang),
                    ceiling=lkip.fmt(b.ceiling, ctx.lang),
                    percent=lkip.fmt(pct, ctx.lang),
                )
