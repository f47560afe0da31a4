"""ROL009: an arrow points at a step that does not exist."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context
from rules.models import Category, Finding, Severity


class ExitToMissingStep(Rule):
    """A step's next step number is not in the table."""

    code = "ROL009"
    name = "exit-to-missing-step"
    category = Category.ROLES
    severity = Severity.ERROR
    regulation = FLOWCHART_RULES
    title = {"id": "Alur menuju langkah yang tidak ada", "en": "Flow to a missing step"}
    rationale = {
        "id": "Setiap anak panah menuju langkah yang ada di tabel.",
        "en": "Every arrow leads to a step of the table.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} mengarah ke langkah {target} yang tidak ada.",
            "en": "Step {step} leads to step {target}, which does not exist.",
        },
        "suggestion": {
            "id": "Perbaiki tujuan anak panah dari langkah {step}.",
            "en": "Fix the target of step {step}'s arrow.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        numbers = {s.number for s in ctx.record.steps}
        for i, step in enumerate(ctx.record.steps):
            for target in step.next:
                if target not in numbers:
                    yield self.finding(
                        ctx,
                        section="steps",
                        step=step.number,
                        path=f"steps[{i}].next",
                        prov=step.prov,
                        target=target,
                    )
