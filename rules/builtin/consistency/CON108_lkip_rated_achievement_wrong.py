"""CON108: the capaian of an indicator rated on a word scale contradicts its realisation."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipRatedAchievementWrong(Rule):
    """An indicator whose target and realisation are words on an ordered scale (opini BPK
    WTP > WDP > TW > TMP, predikat SAKIP AA … D; rules/data/lkip.yml) states a capaian that
    the realisation contradicts; a realisation below target is noted as not achieved."""

    code = "CON108"
    name = "lkip-rated-achievement-wrong"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014 Bab III A; skala opini BPK, predikat SAKIP"
    title = {
        "id": "Capaian indikator berpredikat tidak sesuai realisasi",
        "en": "Achievement of a rated indicator contradicts its result",
    }
    rationale = {
        "id": "Target berupa predikat (mis. opini WTP, nilai SAKIP BB) tercapai bila realisasi "
        "sama atau lebih baik pada skalanya; capaian 100% atau lebih menyatakan tercapai.",
        "en": "A rated target (e.g. a WTP opinion, a SAKIP BB rating) is achieved when the "
        "result is as good or better on its scale; an achievement of 100% or more says so.",
    }
    messages = {
        "message": {
            "id": "Capaian '{indicator}' tertulis {stated}% (tercapai), padahal realisasi "
            "'{actual}' di bawah target '{target}' ({scale}).",
            "en": "The achievement of '{indicator}' is stated as {stated}% (achieved) but the "
            "result '{actual}' is below the target '{target}' ({scale}).",
        },
        "suggestion": {
            "id": "Nyatakan target tidak tercapai dan jelaskan penyebabnya.",
            "en": "Report the target as not achieved and explain why.",
        },
        "message_met": {
            "id": "Capaian '{indicator}' tertulis {stated}% (tidak tercapai), padahal realisasi "
            "'{actual}' memenuhi target '{target}'.",
            "en": "The achievement of '{indicator}' is stated as {stated}% (not achieved) but "
            "the result '{actual}' meets the target '{target}'.",
        },
        "suggestion_met": {
            "id": "Periksa capaian, target dan realisasi indikator ini.",
            "en": "Check this indicator's achievement, target and result.",
        },
        "message_not_met": {
            "id": "Target '{indicator}' tidak tercapai: realisasi '{actual}' di bawah target "
            "'{target}' ({scale}).",
            "en": "The target of '{indicator}' was not achieved: the result '{actual}' is "
            "below the target '{target}' ({scale}).",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        achieved = lkip.setting("achieved_percent")
        for i, ind in enumerate(ctx.record.indicators):
            if ind.target_text is None or ind.actual_text is None:
                continue
            hit = lkip.compare_words(ind.indicator, ind.target_text, ind.actual_text)
            if hit is None:
                continue
            sign, scale = hit
            stated = ind.achievement
            common = {
                **lkip.about_indicator(i, ind, "achievement"),
                "target": ind.target_text,
                "actual": ind.actual_text,
                "stated": lkip.fmt(stated, ctx.lang),
                "scale": scale.describe(ctx.lang) if scale else "",
                "data": {"scale": scale.key if scale else None, "stated": stated},
            }
            if sign < 0 and stated is not None and stated >= achieved:
                yield self.finding(ctx, **common)
            elif sign < 0:
                yield self.finding(ctx, key="message_not_met", severity=Severity.INFO, **common)
            elif stated is not None and stated < achieved:
                yield self.finding(
                    ctx,
                    key="message_met",
                    suggest="suggestion_met",
                    severity=Severity.WARNING,
                    **common,
                )
