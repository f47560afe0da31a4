"""TIM005: one step takes nearly all the time of the procedure."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.context import Context
from rules.lib.text import quote
from rules.models import Category, Finding, Severity

#: Share of the total time above which one step "dwarfs" the whole procedure …
DOMINANT_SHARE = 0.8
#: … provided it is also this many times longer than the next-longest step.
DOMINANT_RATIO = 10
#: Fewer steps than this make no meaningful comparison.
MIN_STEPS = 4


class StepDominatesFlow(Rule):
    """One step's time dwarfs all the others together."""

    code = "TIM005"
    name = "step-dominates-flow"
    category = Category.TIMING
    severity = Severity.WARNING
    regulation = MUTU_BAKU
    title = {"id": "Satu langkah mendominasi waktu", "en": "One step dominates the time"}
    rationale = {
        "id": "Bila satu langkah memakan hampir seluruh waktu prosedur dan jauh melebihi langkah "
        "lain, waktunya kemungkinan salah tulis (hari untuk menit) atau langkah itu perlu dipecah.",
        "en": "When one step takes nearly all the time and far more than any other, its time is "
        "probably mistyped (days for minutes) or the step needs splitting.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} ({text}) memakan {share}% dari seluruh waktu prosedur, "
            "{ratio} kali langkah terlama berikutnya.",
            "en": "Step {step} ({text}) takes {share}% of the procedure's total time, "
            "{ratio} times the next-longest step.",
        },
        "suggestion": {
            "id": (
                "Periksa satuan waktu langkah {step}, atau pecah langkah itu menjadi "
                "beberapa kegiatan."
            ),
            "en": "Check step {step}'s time unit, or split it into several activities.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        timed = [(ctx.minutes(s), i, s) for i, s in enumerate(ctx.record.steps)]
        timed = [(m, i, s) for m, i, s in timed if m is not None and m > 0]
        if len(timed) < MIN_STEPS:
            return
        timed.sort(key=lambda t: -t[0])
        total = sum(m for m, _, _ in timed)
        (top, i, step), second = timed[0], timed[1][0]
        if top / total >= DOMINANT_SHARE and top / second >= DOMINANT_RATIO:
            duration = step.duration.text if step.duration else ""
            yield self.finding(
                ctx,
                section="steps",
                step=step.number,
                path=f"steps[{i}].duration",
                evidence=f"{quote(step.activity, 120)} — {duration}",
                prov=step.prov,
                text=duration,
                share=round(100 * top / total),
                ratio=round(top / second),
            )
