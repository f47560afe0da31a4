"""CON103: an agreed indicator is not reported in Bab III."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipIndicatorNotReported(Rule):
    """An indicator of the Perjanjian Kinerja has no result in Bab III."""

    code = "CON103"
    name = "lkip-indicator-not-reported"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III A"
    title = {"id": "Indikator PK tidak dilaporkan", "en": "Agreed indicator not reported"}
    rationale = {
        "id": "Setiap indikator yang diperjanjikan dilaporkan target, realisasi dan capaiannya "
        "pada Bab III.",
        "en": "Every agreed indicator is reported in chapter III with target, result and "
        "achievement.",
    }
    messages = {
        "message": {
            "id": "Indikator Perjanjian Kinerja '{indicator}' tidak ditemukan pada tabel capaian "
            "Bab III.",
            "en": "The agreed indicator '{indicator}' is not in the chapter III results table.",
        },
        "suggestion": {
            "id": "Laporkan target, realisasi dan capaian indikator ini pada Bab III.",
            "en": "Report this indicator's target, result and achievement in chapter III.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        reported = ctx.record.indicators
        if not reported:
            return  # no results table read: STR103
        for i, pk in enumerate(ctx.record.agreement_indicators):
            if lkip.best_match(pk.indicator, reported) is None:
                yield self.finding(
                    ctx,
                    section="agreement_indicators",
                    path=f"agreement_indicators[{i}]",
                    evidence=pk.indicator,
                    prov=pk.prov,
                    indicator=pk.indicator,
                )
