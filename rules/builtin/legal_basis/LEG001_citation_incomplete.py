"""LEG001: a citation lacks its number, year or subject."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import quote
from rules.models import Category, Finding, Severity

_PARTS = {
    "number": {"id": "nomor", "en": "number"},
    "year": {"id": "tahun", "en": "year"},
    "subject": {"id": "judul (tentang)", "en": "subject ('tentang')"},
}
#: Types cited without number and year (the 1945 Constitution).
UNNUMBERED_TYPES = {"uud"}


class CitationIncomplete(Rule):
    """A regulation in Dasar Hukum is cited without its number or year."""

    code = "LEG001"
    applies_to = ("sop", "lkip")
    name = "citation-incomplete"
    category = Category.LEGAL_BASIS
    severity = Severity.ERROR
    regulation = (
        "UU 12/2011 Lampiran II (teknik penyusunan: jenis, nomor, tahun, "
        "judul); domain.md §3.3 butir 5"
    )
    title = {"id": "Sitasi peraturan tidak lengkap", "en": "Incomplete citation"}
    rationale = {
        "id": "Peraturan hanya dapat dikenali dari jenis, nomor, tahun dan judulnya; tanpa nomor "
        "atau tahun dasar hukum tidak dapat diperiksa.",
        "en": "A regulation is identified by type, number, year and subject; without a number "
        "or year the legal basis cannot be verified.",
    }
    messages = {
        "message": {
            "id": "Dasar hukum butir {item} tidak menyebutkan {parts}.",
            "en": "Legal basis item {item} does not state the {parts}.",
        },
        "suggestion": {
            "id": "Tulis lengkap: jenis, nomor, tahun dan judul, misalnya 'Peraturan Bupati … "
            "Nomor … Tahun … tentang …'.",
            "en": "Cite it in full: type, number, year and subject, e.g. 'Peraturan Bupati … "
            "Nomor … Tahun … tentang …'.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            c = res.citation
            if res.type in UNNUMBERED_TYPES:
                continue
            missing = [p for p in ("number", "year") if not getattr(c, p)]
            if not missing:
                continue
            if not c.subject:
                missing.append("subject")
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(c.text),
                prov=c.prov,
                item=res.index + 1,
                parts=[_PARTS[p][ctx.lang] for p in missing],
            )
