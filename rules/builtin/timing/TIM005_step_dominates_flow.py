"""TIM005: one step takes nearly all the time of the procedure."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.context import Context
from rules.lib.knowledge import load
from rules.lib.text import quote
from rules.lib.timing import parse_norm
from rules.models import Category, Finding, Severity


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
        rule = load("activity_kinds")["dominance"]
        if len(timed) < rule["min_steps"]:
            return
        timed.sort(key=lambda t: -t[0])
        total = sum(m for m, _, _ in timed)
        (top, i, step), second = timed[0], timed[1][0]
        least = parse_norm(rule["min"], ctx.profile.workday_hours)
        if top >= least and top / total >= rule["share"] and top / second >= rule["ratio"]:
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
