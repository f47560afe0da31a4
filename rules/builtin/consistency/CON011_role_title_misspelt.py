"""CON011: a role column that misspells a position."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.titles import typo_of
from rules.models import Category, Finding, Severity


class RoleTitleMisspelt(Rule):
    """A Pelaksana column is not a known position but is one letter away from one ("KASAD")."""

    code = "CON011"
    name = "role-title-misspelt"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = "Perda/Perbup SOTK perangkat daerah (nomenklatur jabatan); rules/data/titles.yml"
    title = {"id": "Nama jabatan salah tulis", "en": "Misspelt position"}
    rationale = {
        "id": "Nama jabatan pelaksana mengikuti nomenklatur resmi; salah tulis (KASAD untuk "
        "KASAT) membingungkan dan bisa bermakna jabatan lain.",
        "en": "Executor positions follow the official names; a misspelling (KASAD for KASAT) "
        "confuses and may mean another position.",
    }
    messages = {
        "message": {
            "id": (
                "Kolom pelaksana '{role}' bukan nama jabatan yang dikenal; mungkin "
                "maksudnya '{guess}' ({label})."
            ),
            "en": (
                "The executor column '{role}' is not a known position; it probably means "
                "'{guess}' ({label})."
            ),
        },
        "suggestion": {
            "id": "Tulis nama jabatan sesuai nomenklatur, misalnya '{guess}'.",
            "en": "Write the official position name, e.g. '{guess}'.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        agency = ctx.agency_type
        for i, role in enumerate(ctx.record.roles):
            found = typo_of(role)
            if found is None:
                continue
            title, spelling = found
            if agency is not None and title.agency_types and agency.key not in title.agency_types:
                continue
            guess = spelling.upper() if role.isupper() else spelling.capitalize()
            yield self.finding(
                ctx,
                section="roles",
                path=f"roles[{i}]",
                evidence=role,
                role=role,
                guess=guess,
                label=title.label,
            )
