"""ROL001: a step has no actor."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context, has_actor_info
from rules.models import Category, Finding, Severity


class StepWithoutActor(Rule):
    """A step shows no symbol in any Pelaksana column, so nobody carries it out."""

    code = "ROL001"
    name = "step-without-actor"
    category = Category.ROLES
    severity = Severity.ERROR
    regulation = FLOWCHART_RULES
    title = {"id": "Langkah tanpa pelaksana", "en": "Step without an actor"}
    rationale = {
        "id": (
            "Setiap kegiatan dilakukan oleh satu pelaksana, ditandai simbol di kolom pelaksananya."
        ),
        "en": "Every activity is carried out by an executor, marked by a symbol in its column.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} tidak memiliki pelaksana (tidak ada simbol di kolom Pelaksana).",
            "en": "Step {step} has no actor (no symbol in any executor column).",
        },
        "suggestion": {
            "id": "Letakkan simbol langkah {step} di kolom jabatan yang melaksanakannya.",
            "en": "Put step {step}'s symbol in the column of the position that carries it out.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost or not ctx.record.roles:
            return  # EXT001 / STR007 report it once
        for i, step in enumerate(ctx.record.steps):
            if not has_actor_info(step):
                yield self.step_finding(ctx, i, step)
