"""LEG006: a regulation is cited under the wrong type."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import capped, cite, type_name
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class RegulationTypeWrong(Rule):
    """The number and year with this subject exist under another type of regulation."""

    code = "LEG006"
    applies_to = ("sop", "lkip")
    name = "regulation-type-wrong"
    category = Category.LEGAL_BASIS
    severity = Severity.ERROR
    regulation = "Katalog peraturan (rules/data/regulations.yml); domain.md §3.3 butir 1"
    title = {"id": "Jenis peraturan keliru", "en": "Wrong regulation type"}
    rationale = {
        "id": "Nomor dan tahun yang sama dipakai oleh beberapa jenis peraturan (29/2014 ada "
        "sebagai UU, PP dan Perpres); jenis yang keliru merujuk peraturan yang lain sama sekali.",
        "en": "The same number and year exist for several types (29/2014 is a UU, a PP and a "
        "Perpres); the wrong type points at another regulation altogether.",
    }
    messages = {
        "message": {
            "id": "Dasar hukum butir {item} menyebut {written_type} Nomor {number} Tahun {year} "
            "tentang {subject}, padahal peraturan tersebut adalah {correct}.",
            "en": "Legal basis item {item} cites {written_type} Number {number} of {year} on "
            "{subject}, but that regulation is a {correct_type}: {correct}.",
        },
        "suggestion": {
            "id": "Ganti menjadi {official}.",
            "en": "Change it to {official}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            if res.status != "wrong_type" or res.entry is None or res.type is None:
                continue
            c = res.citation
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(c.text),
                prov=c.prov,
                severity=capped(self.severity, res.entry),
                item=res.index + 1,
                written_type=type_name(res.type),
                number=c.number,
                year=c.year,
                subject=quote(c.subject, 120),
                correct=cite(res.entry),
                correct_type=type_name(res.entry.type),
                official=cite(res.entry, with_subject=True),
                data={"correct": cite(res.entry)},
            )
