"""CON106: budget lines do not add up to the stated total."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipBudgetTotalMismatch(Rule):
    """The budget table's total row is not the sum of its lines (in a nested table, of its
    top lines: programs, whose kegiatan CON109 adds up)."""

    code = "CON106"
    name = "lkip-budget-total-mismatch"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III B"
    title = {"id": "Jumlah anggaran tidak sesuai rincian", "en": "Budget total does not add up"}
    rationale = {
        "id": "Jumlah pagu dan realisasi pada tabel realisasi anggaran harus sama dengan "
        "penjumlahan rinciannya.",
        "en": "The total ceiling and realisation must equal the sum of the lines.",
    }
    messages = {
        "message": {
            "id": "Jumlah {field} tertulis Rp {stated}, sedangkan penjumlahan rincian Rp {sum}.",
            "en": "The total {field} is stated as Rp {stated} but the lines add up to Rp {sum}.",
        },
        "suggestion": {
            "id": "Periksa kembali rincian dan baris jumlah tabel realisasi anggaran.",
            "en": "Check the lines and the total row of the budget table.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        total = rec.budget_total
        if total is None or not rec.budget:
            return
        for field, label, stated, summed in lkip.sum_mismatches(total, lkip.budget_roots(rec)):
            yield self.finding(
                ctx,
                section="budget",
                path=f"budget_total.{field}",
                evidence=total.program,
                prov=total.prov,
                field=label[ctx.lang],
                stated=lkip.fmt(stated, ctx.lang),
                sum=lkip.fmt(summed, ctx.lang),
                data={"field": field, "stated": stated, "sum": summed},
            )
