"""CON102: a Bab III target differs from the Perjanjian Kinerja."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipTargetDiffersFromAgreement(Rule):
    """The target reported in Bab III is not the one agreed in the Perjanjian Kinerja."""

    code = "CON102"
    name = "lkip-target-differs-from-agreement"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Juknis Perjanjian Kinerja dan Format Laporan Kinerja"
    title = {
        "id": "Target berbeda dengan Perjanjian Kinerja",
        "en": "Target differs from the agreement",
    }
    rationale = {
        "id": "Pengukuran kinerja membandingkan realisasi dengan target yang diperjanjikan; "
        "target pada Bab III harus sama dengan target Perjanjian Kinerja.",
        "en": "Performance is measured against the agreed targets; chapter III targets must "
        "equal those of the performance agreement.",
    }
    messages = {
        "message": {
            "id": "Target '{indicator}' pada Bab III adalah {target}, sedangkan pada Perjanjian "
            "Kinerja {agreed}.",
            "en": "The target of '{indicator}' is {target} in chapter III but {agreed} in the "
            "performance agreement.",
        },
        "suggestion": {
            "id": "Gunakan target Perjanjian Kinerja (atau lampirkan perubahan Perjanjian "
            "Kinerja yang sah).",
            "en": "Use the agreed target (or attach the valid amended agreement).",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        agreed = ctx.record.agreement_indicators
        for i, ind in enumerate(ctx.record.indicators):
            pk = lkip.best_match(ind.indicator, agreed)
            if pk is None or ind.target is None or pk.target is None:
                continue
            if _close(ind.target, pk.target) and _close(ind.target_max, pk.target_max):
                continue
            yield self.finding(
                ctx,
                section="indicators",
                path=f"indicators[{i}].target",
                evidence=ind.indicator,
                prov=ind.prov,
                indicator=ind.indicator,
                target=_show(ind.target, ind.target_max, ctx.lang),
                agreed=_show(pk.target, pk.target_max, ctx.lang),
            )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _show(lo: float, hi: float | None, lang: str) -> str:
    text = lkip.fmt(lo, lang)
    return f"{text} - {lkip.fmt(hi, lang)}" if hi is not None else text
