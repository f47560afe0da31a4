"""ROL010: a step cannot be reached from the start."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context
from rules.lib.flow import reachable, successors
from rules.models import Category, Finding, Severity


class StepUnreachable(Rule):
    """Following the arrows from the first step never arrives at this step."""

    code = "ROL010"
    name = "step-unreachable"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = FLOWCHART_RULES
    title = {"id": "Langkah tidak terjangkau", "en": "Unreachable step"}
    rationale = {
        "id": "Setiap langkah terhubung ke alur dari titik mulai; langkah yang terlepas tidak "
        "pernah dilaksanakan.",
        "en": "Every step is connected to the flow from the start; a detached step is never done.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} tidak dapat dicapai dari langkah pertama mengikuti alur.",
            "en": "Step {step} cannot be reached from the first step by following the flow.",
        },
        "suggestion": {
            "id": "Hubungkan langkah {step} ke alur dengan anak panah dari langkah sebelumnya.",
            "en": "Connect step {step} to the flow with an arrow from an earlier step.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if not steps or not any(s.next for s in steps):
            return  # without arrows the rows run in order
        seen = reachable(successors(steps), steps[0].number)
        for i, step in enumerate(steps):
            if step.number not in seen:
                yield self.step_finding(ctx, i, step)
