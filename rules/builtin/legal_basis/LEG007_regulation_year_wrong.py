"""LEG007: a regulation is cited with the wrong year."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import capped, cite
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class RegulationYearWrong(Rule):
    """The type and number with this subject exist, but in another year."""

    code = "LEG007"
    applies_to = ("sop", "lkip")
    name = "regulation-year-wrong"
    category = Category.LEGAL_BASIS
    severity = Severity.ERROR
    regulation = "Katalog peraturan (rules/data/regulations.yml); domain.md §3.3 butir 3"
    title = {"id": "Tahun peraturan keliru", "en": "Wrong regulation year"}
    rationale = {
        "id": "Tahun yang keliru (mis. Permendagri 86/2018 untuk 86/2017) merujuk peraturan "
        "yang tidak ada atau yang lain.",
        "en": "A wrong year (e.g. Permendagri 86/2018 for 86/2017) points at a regulation that "
        "does not exist or another one.",
    }
    messages = {
        "message": {
            "id": "Dasar hukum butir {item} menyebut tahun {year}, padahal peraturan dengan judul "
            "tersebut adalah {correct}.",
            "en": "Legal basis item {item} gives the year {year}, but the regulation with that "
            "subject is {correct}.",
        },
        "suggestion": {"id": "Ganti menjadi {official}.", "en": "Change it to {official}."},
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            if res.status != "wrong_year" or res.entry is None:
                continue
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                severity=capped(self.severity, res.entry),
                item=res.index + 1,
                year=res.citation.year,
                correct=cite(res.entry),
                official=cite(res.entry, with_subject=True),
            )
