"""ROL004: a Pelaksana column that no step uses."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context
from rules.lib.text import normalise
from rules.models import Category, Finding, Severity


class RoleUnused(Rule):
    """An executor column holds no symbol in any step."""

    code = "ROL004"
    name = "role-unused"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = FLOWCHART_RULES
    title = {"id": "Kolom pelaksana tidak dipakai", "en": "Unused executor column"}
    rationale = {
        "id": "Kolom pelaksana yang tidak pernah melakukan kegiatan tidak perlu ada, atau ada "
        "langkah yang lupa diberi simbol.",
        "en": "An executor who never acts needs no column, or a step lacks its symbol.",
    }
    messages = {
        "message": {
            "id": "Kolom pelaksana '{role}' tidak dipakai oleh langkah mana pun.",
            "en": "The executor column '{role}' is not used by any step.",
        },
        "suggestion": {
            "id": (
                "Hapus kolom '{role}' atau letakkan simbol langkah yang dilakukannya di kolom itu."
            ),
            "en": "Remove the '{role}' column or put the symbols of its steps in it.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost or not ctx.record.steps:
            return
        used = set()
        for step in ctx.record.steps:
            if step.actor:
                used.add(normalise(step.actor))
            used.update(normalise(m.role) for m in step.marks if m.role is not None)
        for i, role in enumerate(ctx.record.roles):
            if normalise(role) not in used:
                yield self.finding(
                    ctx, section="roles", path=f"roles[{i}]", evidence=role, role=role
                )
