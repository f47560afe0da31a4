"""STR007: the procedure table has no executor (Pelaksana) columns."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class RoleColumnsMissing(Rule):
    """The procedure table has steps but no Pelaksana columns."""

    code = "STR007"
    name = "role-columns-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    regulation = (
        "Permen PANRB 35/2012, Lampiran, Format SOP AP huruf c (pelaksana dipisahkan dari kegiatan)"
    )
    title = {"id": "Kolom pelaksana tidak ada", "en": "Executor columns missing"}
    rationale = {
        "id": "Pelaksana dipisahkan dari kegiatan: satu kolom untuk setiap pelaku, dengan "
        "simbol pada kolom pelakunya.",
        "en": "Executors are separate from activities: one column per actor, with the symbol "
        "in the actor's column.",
    }
    messages = {
        "message": {
            "id": "Tabel prosedur tidak memiliki kolom Pelaksana.",
            "en": "The procedure table has no executor (Pelaksana) columns.",
        },
        "suggestion": {
            "id": "Buat satu kolom Pelaksana untuk setiap jabatan pelaku dan letakkan simbol "
            "bagan alir di kolom pelakunya.",
            "en": "Add one Pelaksana column per acting position and put each flowchart symbol "
            "in its actor's column.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.record.steps and not ctx.record.roles:
            yield self.finding(ctx, section="roles", path="roles")
