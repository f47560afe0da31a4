"""LEG005: a known (type, number, year) is cited with a different subject."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import capped, cite
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class RegulationSubjectDifferent(Rule):
    """The cited subject belongs to another regulation than the cited number and year."""

    code = "LEG005"
    applies_to = ("sop", "lkip")
    name = "regulation-subject-different"
    category = Category.LEGAL_BASIS
    severity = Severity.ERROR
    regulation = "Katalog peraturan (rules/data/regulations.yml); domain.md §3.3"
    title = {
        "id": "Nomor/tahun tidak cocok dengan judul",
        "en": "Number/year do not match the subject",
    }
    rationale = {
        "id": "Bila judul yang dikutip sama sekali berbeda dari judul resmi peraturan bernomor "
        "dan bertahun itu, salah satu (nomor, tahun atau judul) keliru.",
        "en": "When the quoted subject is entirely different from the official title of that "
        "number and year, the number, year or subject is wrong.",
    }
    messages = {
        "message": {
            "id": "{ref} pada dasar hukum butir {item} berjudul '{official_subject}', bukan "
            "'{subject}'.",
            "en": (
                "{ref} (legal basis item {item}) is titled '{official_subject}', not '{subject}'."
            ),
        },
        "suggestion": {
            "id": "Periksa nomor dan tahun peraturan yang dimaksud; bila benar, gunakan judul "
            "resminya: {official}.",
            "en": "Check the intended regulation's number and year; if they are right, use the "
            "official title: {official}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            if res.status != "exact" or res.subject.verdict != "different" or res.entry is None:
                continue
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                severity=capped(self.severity, res.entry),
                item=res.index + 1,
                ref=cite(res.entry),
                subject=quote(res.citation.subject, 120),
                official_subject=res.entry.subject,
                official=cite(res.entry, with_subject=True),
            )
