"""LEG008: a regulation revoked or replaced before the SOP is cited."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import RegRef, Regulation, capped, cite
from rules.lib.text import format_date, quote
from rules.models import Category, Finding, Severity

_STATUS = {
    "dicabut": {"id": "dicabut", "en": "revoked"},
    "diganti": {"id": "diganti", "en": "replaced"},
}


class RegulationRevoked(Rule):
    """Dasar Hukum cites a regulation that was revoked or replaced before the SOP took effect."""

    code = "LEG008"
    applies_to = ("sop", "lkip")
    name = "regulation-revoked"
    category = Category.LEGAL_BASIS
    severity = Severity.ERROR
    regulation = "Katalog peraturan (status berlaku/dicabut/diganti); domain.md §3.3 butir 2"
    title = {"id": "Peraturan sudah tidak berlaku", "en": "Regulation no longer in force"}
    rationale = {
        "id": "Peraturan yang sudah dicabut atau diganti sebelum SOP dibuat tidak dapat menjadi "
        "dasar hukum; yang berlaku adalah penggantinya.",
        "en": "A regulation revoked or replaced before the SOP was made cannot be its legal "
        "basis; its replacement applies.",
    }
    messages = {
        "message": {
            "id": "{ref} pada dasar hukum butir {item} sudah {status} oleh {successor}{when}.",
            "en": "{ref} (legal basis item {item}) was {status} by {successor}{when}.",
        },
        "message_no_successor": {
            "id": "{ref} pada dasar hukum butir {item} sudah {status} dan tidak berlaku lagi.",
            "en": "{ref} (legal basis item {item}) was {status} and is no longer in force.",
        },
        "when": {
            "id": ", sebelum SOP ini berlaku ({sop_date})",
            "en": ", before this SOP took effect ({sop_date})",
        },
        "when_same_year": {
            "id": " pada tahun yang sama dengan SOP ini ({sop_date}); periksa apakah "
            "penggantian itu terjadi sebelum SOP berlaku",
            "en": " in the same year as this SOP ({sop_date}); check whether the replacement "
            "came before the SOP took effect",
        },
        "when_lkip": {
            "id": ", sebelum laporan ini ditandatangani ({sop_date})",
            "en": ", before this report was signed ({sop_date})",
        },
        "when_same_year_lkip": {
            "id": " pada tahun yang sama dengan laporan ini ({sop_date}); periksa apakah "
            "penggantian itu terjadi sebelum laporan disusun",
            "en": " in the same year as this report ({sop_date}); check whether the replacement "
            "came before the report was written",
        },
        "suggestion": {"id": "Ganti dengan {replacement}.", "en": "Replace it with {replacement}."},
        "suggestion_no_successor": {
            "id": "Hapus peraturan ini dari dasar hukum atau ganti dengan peraturan yang berlaku.",
            "en": "Remove it from the legal basis or replace it with the regulation in force.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            entry = res.entry
            if entry is None or entry.status not in _STATUS:
                continue
            successor_ref = entry.successor
            successor = ctx.catalogue.get(successor_ref) if successor_ref else None
            ended = _ended_on(successor_ref, successor)
            sop = ctx.sop_date
            dated = bool(successor and successor.enacted)
            if (
                sop is not None
                and ended is not None
                and (ended > sop if dated else ended.year > sop.year)
            ):
                continue  # revoked after the SOP was made: it was valid then
            severity = capped(self.severity, entry, successor)
            if sop is not None and ended is not None and ended.year == sop.year and not dated:
                severity = Severity.INFO  # same year, order unknown: cannot say "before"
            common = {
                "section": "legal_basis",
                "path": f"legal_basis[{res.index}]",
                "evidence": quote(res.citation.text),
                "prov": res.citation.prov,
                "severity": severity,
                "item": res.index + 1,
                "ref": cite(entry),
                "status": _STATUS[entry.status][ctx.lang],
            }
            if successor_ref is None:
                yield self.finding(
                    ctx, key="message_no_successor", suggest="suggestion_no_successor", **common
                )
                continue
            yield self.finding(
                ctx,
                successor=cite(successor_ref),
                when=self.text(
                    ctx,
                    ("when_same_year" if severity == Severity.INFO else "when")
                    + ("_lkip" if ctx.record.kind == "lkip" else ""),
                    sop_date=format_date(sop, ctx.lang),
                )
                if sop
                else "",
                replacement=cite(successor or successor_ref, with_subject=True),
                data={"replaced_by": cite(successor_ref)},
                **common,
            )


def _ended_on(ref: RegRef | None, successor: Regulation | None) -> date | None:
    if successor is not None and successor.enacted:
        return successor.enacted
    return date(ref.year, 1, 1) if ref else None
