"""LEG002: a citation has a number and year but no subject."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import cite
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class CitationSubjectMissing(Rule):
    """A regulation is cited by number and year without its subject ('tentang …')."""

    code = "LEG002"
    applies_to = ("sop", "lkip")
    name = "citation-subject-missing"
    category = Category.LEGAL_BASIS
    severity = Severity.WARNING
    regulation = "UU 12/2011 Lampiran II (teknik penyusunan); domain.md §4.2"
    title = {"id": "Judul peraturan tidak disebutkan", "en": "Regulation subject missing"}
    rationale = {
        "id": "Judul ('tentang …') memastikan nomor dan tahun merujuk peraturan yang dimaksud.",
        "en": "The subject ('tentang …') confirms that number and year point at the intended "
        "regulation.",
    }
    messages = {
        "message": {
            "id": "Dasar hukum butir {item} tidak menyebutkan judul peraturan (tentang …).",
            "en": "Legal basis item {item} does not give the regulation's subject ('tentang …').",
        },
        "suggestion": {
            "id": "Tambahkan judul resmi: {official}.",
            "en": "Add the official subject: {official}.",
        },
        "suggestion_unknown": {
            "id": "Tambahkan judul resmi peraturan setelah kata 'tentang'.",
            "en": "Add the regulation's official subject after 'tentang'.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            c = res.citation
            if c.subject or not c.number or not c.year:
                continue
            entry = res.entry if res.status == "exact" else None
            yield self.finding(
                ctx,
                suggest="suggestion" if entry and entry.subject else "suggestion_unknown",
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(c.text),
                prov=c.prov,
                item=res.index + 1,
                official=cite(entry, with_subject=True) if entry else "",
            )
