"""LEG011: a local regulation cannot be verified."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import cite
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class LocalRegulationUnverified(Rule):
    """A Perda/Perbup/Pergub/Perwal citation is not in the regency's JDIH catalogue."""

    code = "LEG011"
    applies_to = ("sop", "lkip")
    name = "local-regulation-unverified"
    category = Category.LEGAL_BASIS
    severity = Severity.INFO
    regulation = "Katalog JDIH daerah (profil: local_regulations)"
    title = {"id": "Peraturan daerah belum terverifikasi", "en": "Local regulation not verified"}
    rationale = {
        "id": "Peraturan daerah hanya dapat diperiksa terhadap katalog JDIH daerah; tanpa "
        "katalog itu nomor, tahun dan judulnya perlu diperiksa manual.",
        "en": "Local regulations can only be checked against the region's JDIH catalogue; "
        "without it their number, year and subject need a manual check.",
    }
    messages = {
        "message": {
            "id": "{ref} pada dasar hukum butir {item} tidak dapat diverifikasi: {why}.",
            "en": "{ref} (legal basis item {item}) could not be verified: {why}.",
        },
        "no_catalogue": {
            "id": "belum ada katalog peraturan daerah (JDIH) pada profil",
            "en": "the profile has no local (JDIH) regulation catalogue",
        },
        "not_found": {
            "id": "tidak ditemukan dalam katalog JDIH",
            "en": "it is not in the JDIH catalogue",
        },
        "suggestion": {
            "id": (
                "Periksa nomor, tahun dan judulnya di JDIH daerah, atau muat ekspor JDIH "
                "pada profil."
            ),
            "en": (
                "Check its number, year and subject in the regional JDIH, or load a JDIH "
                "export in the profile."
            ),
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        has_catalogue = ctx.profile.local_catalogue is not None
        for res in ctx.resolutions:
            ref = res.ref
            if not res.local or ref is None or res.entry is not None:
                continue  # incomplete citations are LEG001's; found ones are checked like others
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                item=res.index + 1,
                ref=cite(ref),
                why=self.text(ctx, "not_found" if has_catalogue else "no_catalogue"),
            )
