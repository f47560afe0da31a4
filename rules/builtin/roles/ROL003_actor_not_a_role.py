"""ROL003: a step's actor is not one of the Pelaksana columns."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context
from rules.models import Category, Finding, Severity


class ActorNotARole(Rule):
    """A step names an actor that has no column among the roles."""

    code = "ROL003"
    name = "actor-not-a-role"
    category = Category.ROLES
    severity = Severity.ERROR
    regulation = FLOWCHART_RULES
    title = {"id": "Pelaksana tidak ada di kolom pelaksana", "en": "Actor is not a role column"}
    rationale = {
        "id": "Pelaksana setiap langkah adalah salah satu kolom Pelaksana pada kepala tabel.",
        "en": "Every step's actor is one of the executor columns in the table header.",
    }
    messages = {
        "message": {
            "id": "Pelaksana langkah {step} ('{actor}') tidak termasuk kolom Pelaksana ({roles}).",
            "en": "Step {step}'s actor ('{actor}') is not an executor column ({roles}).",
        },
        "suggestion": {
            "id": "Tambahkan kolom '{actor}' atau pindahkan simbol ke kolom pelaksana yang ada.",
            "en": "Add a '{actor}' column or move the symbol to an existing executor column.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost or not ctx.record.roles:
            return
        for i, step in enumerate(ctx.record.steps):
            names = [step.actor] if step.actor else []
            names += [m.role for m in step.marks if m.role is not None and m.role not in names]
            for name in names:
                if not ctx.is_role(name):
                    yield self.step_finding(
                        ctx,
                        i,
                        step,
                        actor=name,
                        roles=ctx.record.roles,
                    )
