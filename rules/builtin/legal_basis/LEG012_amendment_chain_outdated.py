"""LEG012: a regulation is cited without its latest amendment."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import RegRef, cite, norm_number
from rules.lib.text import quote
from rules.models import Category, Finding, Severity

# "… sebagaimana telah (beberapa kali) diubah (terakhir) dengan UU Nomor 9 Tahun 2015":
# every "Nomor N Tahun Y" after the word "diubah" is part of the amendment chain.
AMENDMENT_TAIL = re.compile(r"\bdiubah\b(?P<tail>.*)$", re.IGNORECASE | re.DOTALL)
NUMBER_YEAR = re.compile(
    r"nomor\s*:?\s*(?P<number>[\w./-]+)\s+tahun\s+(?P<year>\d{4})", re.IGNORECASE
)


class AmendmentChainOutdated(Rule):
    """A regulation amended before the SOP is cited without its latest amendment."""

    code = "LEG012"
    applies_to = ("sop", "lkip")
    name = "amendment-chain-outdated"
    category = Category.LEGAL_BASIS
    severity = Severity.WARNING
    regulation = "UU 12/2011 Lampiran II (penyebutan perubahan peraturan); domain.md §3.3 butir 7"
    title = {"id": "Rangkaian perubahan peraturan usang", "en": "Outdated amendment chain"}
    rationale = {
        "id": "Peraturan yang telah diubah dikutip dengan perubahan terakhirnya ('sebagaimana "
        "telah beberapa kali diubah terakhir dengan …').",
        "en": "An amended regulation is cited with its latest amendment ('as last amended by …').",
    }
    messages = {
        "message": {
            "id": "{ref} pada dasar hukum butir {item} telah diubah terakhir dengan {latest}, "
            "tetapi perubahan itu tidak disebutkan.",
            "en": "{ref} (legal basis item {item}) was last amended by {latest}, which the "
            "citation does not mention.",
        },
        "suggestion": {
            "id": "Tulis: {ref} sebagaimana telah beberapa kali diubah terakhir dengan {latest}.",
            "en": "Write: {ref} as last amended by {latest}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        sop = ctx.sop_date or date.max
        for res in ctx.resolutions:
            entry = res.entry
            if entry is None or not entry.amended_by:
                continue
            known = [a for a in entry.amended_by if _enacted(ctx, a) <= sop]
            if not known:
                continue
            latest = known[-1]
            mentioned = _mentioned(res.citation)
            if (norm_number(latest.number), latest.year) in mentioned:
                continue
            if any(year >= latest.year for _, year in mentioned):
                continue  # the SOP names an amendment as recent as the catalogue's latest
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                severity=self.severity if mentioned else Severity.INFO,
                item=res.index + 1,
                ref=cite(entry),
                latest=cite(latest),
                data={"latest": cite(latest)},
            )


def _enacted(ctx: Context, ref: RegRef) -> date:
    """When an amendment took effect: its catalogue date, else 1 January of its year."""
    entry = ctx.catalogue.get(ref)
    return entry.enacted if entry is not None and entry.enacted else date(ref.year, 1, 1)


def _mentioned(citation) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    found = {(norm_number(a.number), a.year) for a in citation.amended_by if a.number and a.year}
    tail = AMENDMENT_TAIL.search(citation.text)
    if tail:
        for m in NUMBER_YEAR.finditer(tail.group("tail")):
            found.add((norm_number(m.group("number")), int(m.group("year"))))
    return found
