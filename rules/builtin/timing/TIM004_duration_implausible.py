"""TIM004: a time standard implausible for the kind of activity."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.context import Context
from rules.lib.text import quote
from rules.lib.timing import humanise, kind_of
from rules.models import Category, Finding, Severity


class DurationImplausible(Rule):
    """The time is far outside what the activity's kind takes (rules/data/activity_kinds.yml)."""

    code = "TIM004"
    name = "duration-implausible"
    category = Category.TIMING
    severity = Severity.WARNING
    regulation = MUTU_BAKU + "; norma waktu rules/data/activity_kinds.yml"
    title = {"id": "Waktu tidak wajar", "en": "Implausible time"}
    rationale = {
        "id": "Waktu yang tidak masuk akal (menyusun laporan dalam dua menit, disposisi berhari-"
        "hari) membuat mutu baku tidak dapat dipakai sebagai alat kendali.",
        "en": "Implausible times (a report composed in two minutes, a disposition taking days) "
        "make the time standard useless for control.",
    }
    messages = {
        "message_short": {
            "id": (
                "Waktu langkah {step} ({text}) terlalu singkat untuk {kind}; lazimnya "
                "paling sedikit {limit}."
            ),
            "en": (
                "Step {step}'s time ({text}) is too short for {kind}; it usually takes at "
                "least {limit}."
            ),
        },
        "message": {
            "id": (
                "Waktu langkah {step} ({text}) terlalu lama untuk {kind}; lazimnya paling "
                "lama {limit}."
            ),
            "en": (
                "Step {step}'s time ({text}) is too long for {kind}; it usually takes at "
                "most {limit}."
            ),
        },
        "suggestion": {
            "id": "Tinjau kembali waktu langkah {step}: untuk {kind} lazimnya {low} sampai {high}.",
            "en": "Review step {step}'s time: {kind} usually takes {low} to {high}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, step in enumerate(ctx.record.steps):
            minutes = ctx.minutes(step)
            kind = kind_of(step.activity)
            if minutes is None or kind is None or step.duration is None:
                continue
            low, high, low_text, high_text = ctx.norm(kind)
            longest = ctx.max_minutes(step) or minutes
            if minutes < low:
                key, limit = "message_short", low_text
            elif longest > high:
                key, limit = "message", high_text
            else:
                continue
            yield self.finding(
                ctx,
                key=key,
                section="steps",
                step=step.number,
                path=f"steps[{i}].duration",
                evidence=f"{quote(step.activity, 120)} — {step.duration.text}",
                prov=step.prov,
                text=step.duration.text,
                kind=kind.name[ctx.lang],
                limit=limit,
                low=low_text,
                high=high_text,
                data={
                    "kind": kind.key,
                    "minutes": minutes,
                    "norm": [low, high],
                    "as_text": humanise(minutes, ctx.profile.workday_hours, ctx.lang),
                },
            )
