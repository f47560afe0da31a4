"""TIM001: a step has no time standard."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.context import Context
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class DurationMissing(Rule):
    """A step's Mutu Baku Waktu is empty."""

    code = "TIM001"
    name = "duration-missing"
    category = Category.TIMING
    severity = Severity.WARNING
    regulation = MUTU_BAKU
    title = {"id": "Waktu tidak diisi", "en": "Time standard missing"}
    rationale = {
        "id": "Setiap kegiatan memiliki mutu baku waktu agar pelaksanaan dapat dikendalikan.",
        "en": "Every activity has a time standard so that execution can be controlled.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} tidak memiliki waktu (Mutu Baku).",
            "en": "Step {step} has no time standard.",
        },
        "suggestion": {
            "id": "Isi kolom Waktu langkah {step}, misalnya '30 Menit' atau '1 Hari'.",
            "en": "Fill in step {step}'s time, e.g. '30 Menit' or '1 Hari'.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, step in enumerate(ctx.record.steps):
            if step.duration is None or not step.duration.text.strip():
                yield self.finding(
                    ctx,
                    section="steps",
                    step=step.number,
                    path=f"steps[{i}].duration",
                    evidence=quote(step.activity),
                    prov=step.prov,
                )
