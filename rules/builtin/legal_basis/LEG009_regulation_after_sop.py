"""LEG009: a regulation dated after the SOP is cited."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import format_date, quote
from rules.models import Category, Finding, Severity


class RegulationAfterSop(Rule):
    """Dasar Hukum cites a regulation enacted after the SOP's date."""

    code = "LEG009"
    name = "regulation-after-sop"
    category = Category.LEGAL_BASIS
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran (Dasar Hukum: peraturan yang mendasari prosedur)"
    title = {"id": "Peraturan lebih baru dari SOP", "en": "Regulation newer than the SOP"}
    rationale = {
        "id": "SOP tidak dapat berdasar pada peraturan yang belum ada saat SOP dibuat; tahun "
        "peraturan atau tanggal SOP keliru.",
        "en": "An SOP cannot rest on a regulation that did not exist when it was made; the "
        "regulation's year or the SOP's date is wrong.",
    }
    messages = {
        "message": {
            "id": "Dasar hukum butir {item} bertahun {year}, setelah tanggal SOP ({sop_date}).",
            "en": "Legal basis item {item} is from {year}, after the SOP's date ({sop_date}).",
        },
        "suggestion": {
            "id": "Periksa tahun peraturan dan tanggal pembuatan/efektif SOP.",
            "en": "Check the regulation's year and the SOP's creation/effective dates.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        sop = ctx.sop_date
        if sop is None:
            return
        for res in ctx.resolutions:
            c = res.citation
            entry = res.entry if res.status == "exact" else None
            late = (entry is not None and entry.enacted is not None and entry.enacted > sop) or (
                c.year is not None and c.year > sop.year
            )
            if not late:
                continue
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(c.text),
                prov=c.prov,
                item=res.index + 1,
                year=c.year,
                sop_date=format_date(sop, ctx.lang),
            )
