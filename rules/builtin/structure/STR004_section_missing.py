"""STR004: one of the six boxes is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.boxes import box_state
from rules.models import Category, Finding, Severity


class SectionMissing(Rule):
    """One of the six boxes of the Bagian Identitas is missing."""

    code = "STR004"
    name = "section-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 8-13"
    title = {"id": "Kotak isian SOP tidak ada", "en": "SOP box missing"}
    rationale = {
        "id": "Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan, "
        "Peringatan serta Pencatatan dan Pendataan adalah unsur wajib SOP AP.",
        "en": "Legal basis, qualifications, related SOPs, equipment, warnings and records are "
        "required parts of an SOP AP.",
    }
    messages = {
        "message": {
            "id": "Kotak '{box}' tidak ditemukan dalam SOP.",
            "en": "The '{box}' box is not in the SOP.",
        },
        "suggestion": {
            "id": "Tambahkan kotak '{box}' beserta isinya pada Bagian Identitas.",
            "en": "Add the '{box}' box with its content to the identity section.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for key, state in box_state(ctx).items():
            if state == "missing":
                yield self.finding(ctx, section=key, path=key, box=ctx.label("sections", key))
