"""CON101: stated capaian differs from the recomputed one."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity

POLARITY = {
    "higher": {"id": "semakin tinggi semakin baik", "en": "higher is better"},
    "lower": {"id": "semakin rendah semakin baik", "en": "lower is better"},
    "range": {"id": "rentang target", "en": "target range"},
}


class LkipAchievementWrong(Rule):
    """The capaian (%) stated for an indicator does not follow from its target and realisation."""

    code = "CON101"
    name = "lkip-achievement-wrong"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014 Bab III A; rumus capaian domain.md §2.5"
    title = {"id": "Capaian kinerja salah hitung", "en": "Achievement miscalculated"}
    rationale = {
        "id": "Capaian = realisasi/target × 100% bila semakin tinggi semakin baik, "
        "(2 × target − realisasi)/target × 100% bila semakin rendah semakin baik; target "
        "rentang memakai batas terdekat.",
        "en": "Achievement = result/target × 100% when higher is better, (2 × target − "
        "result)/target × 100% when lower is better; ranges use the nearer bound.",
    }
    messages = {
        "message": {
            "id": "Capaian '{indicator}' tertulis {stated}%, sedangkan hasil hitung ({polarity}) "
            "adalah {expected}%.",
            "en": "The achievement of '{indicator}' is stated as {stated}% but computes to "
            "{expected}% ({polarity}).",
        },
        "suggestion": {
            "id": "Hitung ulang capaian dari target dan realisasi.",
            "en": "Recompute the achievement from target and result.",
        },
        "message_inverse": {
            "id": "Capaian '{indicator}' ({stated}%) dihitung dengan target/realisasi, bukan "
            "rumus semakin rendah semakin baik (2 × target − realisasi)/target = {expected}%.",
            "en": "The achievement of '{indicator}' ({stated}%) uses target/result, not the "
            "lower-is-better formula (2 × target − result)/target = {expected}%.",
        },
        "message_polarity": {
            "id": "Capaian '{indicator}' ({stated}%) sesuai rumus semakin rendah semakin baik, "
            "tetapi polaritas indikator tidak dinyatakan.",
            "en": "The achievement of '{indicator}' ({stated}%) follows the lower-is-better "
            "formula but the indicator's polarity is not stated.",
        },
        "suggestion_polarity": {
            "id": "Nyatakan polaritas indikator, misalnya '(-)' atau kolom Polaritas.",
            "en": "State the indicator's polarity, e.g. '(-)' or a polarity column.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        tol = lkip.setting("achievement_tolerance")
        for i, ind in enumerate(ctx.record.indicators):
            expected = lkip.achievement(ind)
            stated = ind.achievement
            if expected is None or stated is None or abs(stated - expected) <= tol:
                continue
            common = {
                **lkip.about_indicator(i, ind, "achievement"),
                "stated": lkip.fmt(stated, ctx.lang),
                "expected": lkip.fmt(expected, ctx.lang),
                "data": {"stated": stated, "expected": round(expected, 2)},
            }
            lower = lkip.achievement(ind, "lower")
            inverse = lkip.inverse_ratio(ind)
            if ind.polarity is None and lower is not None and abs(stated - lower) <= tol:
                yield self.finding(
                    ctx,
                    key="message_polarity",
                    suggest="suggestion_polarity",
                    severity=Severity.INFO,
                    **common,
                )
            elif ind.polarity == "lower" and inverse is not None and abs(stated - inverse) <= tol:
                yield self.finding(ctx, key="message_inverse", severity=Severity.WARNING, **common)
            else:
                pol = ind.polarity or "higher"
                if pol == "range" and ind.target_max is None:
                    pol = "higher"
                yield self.finding(ctx, polarity=POLARITY[pol][ctx.lang], **common)
