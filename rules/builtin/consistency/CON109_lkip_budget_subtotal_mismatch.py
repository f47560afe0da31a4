"""CON109: in a nested budget table, a line's children do not add up to it."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipBudgetSubtotalMismatch(Rule):
    """In a nested budget table, the pagu or realisasi of a program (or kegiatan) is not the
    sum of the kegiatan (or sub kegiatan) beneath it."""

    code = "CON109"
    name = "lkip-budget-subtotal-mismatch"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III B"
    title = {
        "id": "Anggaran program tidak sama dengan jumlah rinciannya",
        "en": "Program budget does not add up",
    }
    rationale = {
        "id": "Pada tabel realisasi anggaran bertingkat, pagu dan realisasi program sama dengan "
        "jumlah kegiatannya, dan kegiatan sama dengan jumlah sub kegiatannya.",
        "en": "In a nested budget table a program's ceiling and realisation equal the sum of "
        "its activities, and an activity's equal the sum of its sub-activities.",
    }
    messages = {
        "message": {
            "id": "{field_cap} '{program}' tertulis Rp {stated}, sedangkan jumlah {count} "
            "rincian di bawahnya Rp {sum}.",
            "en": "The {field} of '{program}' is stated as Rp {stated} but the {count} lines "
            "beneath it add up to Rp {sum}.",
        },
        "suggestion": {
            "id": "Periksa kembali angka program dan rincian kegiatannya.",
            "en": "Check the program's figures against its activities.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        for parent, kids in lkip.budget_children(rec).items():
            line = rec.budget[parent]
            children = [rec.budget[k] for k in kids]
            for field, label, stated, summed in lkip.sum_mismatches(line, children):
                name = label[ctx.lang]
                yield self.finding(
                    ctx,
                    section="budget",
                    path=f"budget[{parent}].{field}",
                    evidence=line.program,
                    prov=line.prov,
                    program=line.program,
                    field=name,
                    field_cap=name[0].upper() + name[1:],
                    count=len(kids),
                    stated=lkip.fmt(stated, ctx.lang),
                    sum=lkip.fmt(summed, ctx.lang),
                    data={"field": field, "stated": stated, "sum": summed, "lines": kids},
                )
