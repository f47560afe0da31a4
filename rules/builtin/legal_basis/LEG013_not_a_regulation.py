"""LEG013: an instrument that is not a regulation is cited as legal basis."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import type_name, types
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class NotARegulation(Rule):
    """Dasar Hukum cites an instruction, circular or decision (not peraturan perundang-undangan)."""

    code = "LEG013"
    applies_to = ("sop", "lkip")
    name = "not-a-regulation"
    category = Category.LEGAL_BASIS
    severity = Severity.INFO
    regulation = "UU 12/2011 Pasal 7-8; domain.md §4.1"
    title = {"id": "Bukan peraturan perundang-undangan", "en": "Not a regulation"}
    rationale = {
        "id": "Instruksi, Surat Edaran dan Keputusan (beschikking) bukan peraturan "
        "perundang-undangan; boleh dirujuk tetapi tidak sekuat dasar hukum.",
        "en": "Instructions, circulars and decisions are not regulations; they may be referred "
        "to but are weaker as a legal basis.",
    }
    messages = {
        "message": {
            "id": "Dasar hukum butir {item} adalah {type}, bukan peraturan perundang-undangan.",
            "en": "Legal basis item {item} is a {type}, not a regulation.",
        },
        "suggestion": {
            "id": "Pastikan ada peraturan yang mendasarinya dan cantumkan peraturan itu.",
            "en": "Make sure the regulation behind it is cited.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            if res.type is None or types()[res.type].regulation:
                continue
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                item=res.index + 1,
                type=type_name(res.type),
            )
