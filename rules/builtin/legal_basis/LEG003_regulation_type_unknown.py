"""LEG003: the type of a cited regulation is not recognised."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class RegulationTypeUnknown(Rule):
    """A citation's type (jenis peraturan) is not a known regulation type."""

    code = "LEG003"
    applies_to = ("sop", "lkip")
    name = "regulation-type-unknown"
    category = Category.LEGAL_BASIS
    severity = Severity.WARNING
    regulation = "UU 12/2011 Pasal 7-8 (jenis dan hierarki peraturan perundang-undangan)"
    title = {"id": "Jenis peraturan tidak dikenal", "en": "Unknown regulation type"}
    rationale = {
        "id": "Dasar hukum menyebut jenis peraturan menurut hierarki (Undang-Undang, Peraturan "
        "Pemerintah, Peraturan Presiden, Peraturan Menteri, Peraturan Daerah, Peraturan Bupati …).",
        "en": "A legal basis names the regulation type of the hierarchy (Undang-Undang, "
        "Peraturan Pemerintah, Peraturan Presiden, ministerial and regional regulations…).",
    }
    messages = {
        "message": {
            "id": "Jenis peraturan pada dasar hukum butir {item} tidak dikenali ('{written}').",
            "en": "The regulation type of legal basis item {item} is not recognised ('{written}').",
        },
        "suggestion": {
            "id": (
                "Tulis jenis peraturan secara lengkap, misalnya 'Peraturan Menteri Dalam Negeri'."
            ),
            "en": "Write the full regulation type, e.g. 'Peraturan Menteri Dalam Negeri'.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            if res.type is not None:
                continue
            written = res.citation.type or res.citation.text.split(" ")[0]
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                item=res.index + 1,
                written=quote(written, 60),
            )
