"""CON102: a Bab III target differs from the Perjanjian Kinerja."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from extractor.models import Indicator
from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipTargetDiffersFromAgreement(Rule):
    """The target reported in Bab III is not the one agreed in the Perjanjian Kinerja
    (figures, or words such as an opini "WTP" against "WDP")."""

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
            if pk is None or not _stated(ind) or not _stated(pk) or _same(ind, pk):
                continue
            yield self.finding(
                ctx,
                **lkip.about_indicator(i, ind, "target"),
                target=_show(ind, ctx.lang),
                agreed=_show(pk, ctx.lang),
            )


def _stated(ind: Indicator) -> bool:
    return ind.target is not None or ind.target_text is not None


def _same(ind: Indicator, pk: Indicator) -> bool:
    """Both targets say the same: the same words ("WTP", "Wajar Tanpa Pengecualian") or
    the same figures (and range bounds). A word against a figure differs only when the
    word is a value of a known scale: other words there are likely unreadable cells."""
    words = [w for w in (ind.target_text, pk.target_text) if w is not None]
    if len(words) == 2:
        return lkip.same_word(ind.indicator, words[0], words[1])
    if words:
        return lkip.scale_for(ind.indicator, words[0]) is None
    return _close(ind.target, pk.target) and _close(ind.target_max, pk.target_max)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _show(ind: Indicator, lang: str) -> str:
    if ind.target_text is not None:
        return f"'{ind.target_text}'"
    text = lkip.fmt(ind.target, lang)
    return f"{text} - {lkip.fmt(ind.target_max, lang)}" if ind.target_max is not None else text
