"""TIM002: a time standard that is not a duration."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.context import Context
from rules.models import Category, Finding, Severity

# A digit anywhere: without one the text is no duration at all ("Segera", "-").
HAS_NUMBER = re.compile(r"\d")


class DurationUnparseable(Rule):
    """The Waktu cell holds text that is not a number and a unit."""

    code = "TIM002"
    name = "duration-unparseable"
    category = Category.TIMING
    severity = Severity.WARNING
    regulation = MUTU_BAKU
    title = {"id": "Waktu tidak terbaca sebagai durasi", "en": "Time is not a duration"}
    rationale = {
        "id": "Mutu baku waktu dinyatakan sebagai angka dan satuan (menit, jam, hari) agar "
        "dapat diukur.",
        "en": (
            "A time standard is a number and a unit (minutes, hours, days) so it can be measured."
        ),
    }
    messages = {
        "message": {
            "id": "Waktu langkah {step} ('{text}') bukan durasi yang dapat diukur.",
            "en": "Step {step}'s time ('{text}') is not a measurable duration.",
        },
        "suggestion": {
            "id": "Tulis waktu sebagai angka dan satuan, misalnya '15 Menit'.",
            "en": "Write the time as a number and a unit, e.g. '15 Menit'.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, step in enumerate(ctx.record.steps):
            d = step.duration
            if d is None or not d.text.strip() or d.minutes is not None:
                continue
            if HAS_NUMBER.search(d.text):
                continue  # a number with an unknown unit: TIM003
            if ctx.unreadable(d.text):
                continue  # read past reading ("(ABUPATEN": a stamp's letters): EXT005
            yield self.finding(
                ctx,
                section="steps",
                step=step.number,
                path=f"steps[{i}].duration",
                evidence=d.text,
                prov=step.prov,
                text=d.text,
            )
