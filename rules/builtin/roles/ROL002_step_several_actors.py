"""ROL002: a step has symbols in several Pelaksana columns."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import PRACTICE_RULES
from rules.context import Context
from rules.models import Category, Finding, Severity


class StepSeveralActors(Rule):
    """One row carries symbols in more than one executor column."""

    code = "ROL002"
    name = "step-several-actors"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = PRACTICE_RULES
    title = {"id": "Satu langkah, beberapa pelaksana", "en": "One step, several actors"}
    rationale = {
        "id": "Setiap baris kegiatan memiliki tepat satu pelaksana (satu simbol); kegiatan "
        "bersama dipecah menjadi beberapa langkah.",
        "en": "Every activity row has exactly one actor (one symbol); shared work is split "
        "into several steps.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} memiliki simbol di {count} kolom pelaksana ({roles}).",
            "en": "Step {step} has symbols in {count} executor columns ({roles}).",
        },
        "suggestion": {
            "id": (
                "Pecah langkah {step} menjadi satu langkah per pelaksana, atau hapus "
                "simbol yang berlebih."
            ),
            "en": "Split step {step} into one step per actor, or remove the extra symbol.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost:
            return
        for i, step in enumerate(ctx.record.steps):
            roles: list[str] = []
            # a shape of no known kind beside the step's symbol (a signature's loop, a
            # stamp's ring on a scan) is no second actor, as the extractor takes it
            deciding = [m for m in step.marks if m.symbol is not None] or step.marks
            for mark in deciding:
                if mark.role is not None and mark.role not in roles:
                    roles.append(mark.role)
            if len(roles) > 1:
                yield self.step_finding(
                    ctx,
                    i,
                    step,
                    count=len(roles),
                    roles=roles,
                )
