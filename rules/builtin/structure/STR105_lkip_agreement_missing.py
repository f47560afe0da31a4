"""STR105: no Perjanjian Kinerja attached."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class LkipAgreementMissing(Rule):
    """The Perjanjian Kinerja is not attached, so targets cannot be verified."""

    code = "STR105"
    name = "lkip-agreement-missing"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Lampiran butir 1"
    title = {"id": "Perjanjian Kinerja tidak dilampirkan", "en": "Performance agreement missing"}
    rationale = {
        "id": "Perjanjian Kinerja dilampirkan agar target pada Bab III dapat dicocokkan dengan "
        "target yang diperjanjikan.",
        "en": "The performance agreement is attached so that chapter III targets can be "
        "matched with the agreed ones.",
    }
    messages = {
        "message": {
            "id": "Tabel Perjanjian Kinerja (indikator dan target) tidak ditemukan pada lampiran.",
            "en": "No performance agreement table (indicators and targets) was found in the "
            "attachments.",
        },
        "suggestion": {
            "id": "Lampirkan Perjanjian Kinerja tahun berkenaan beserta tabel indikator dan "
            "targetnya.",
            "en": "Attach the year's performance agreement with its indicator and target table.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.record.agreement_indicators:
            yield self.finding(ctx, section="agreement_indicators", path="agreement_indicators")
