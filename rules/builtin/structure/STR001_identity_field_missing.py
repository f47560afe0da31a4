"""STR001: an identity field is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity

#: Identity fields every SOP AP states (Tanggal Revisi may be empty).
REQUIRED_FIELDS = ("agency", "number", "title", "created", "effective")


class IdentityFieldMissing(Rule):
    """A required field of the Bagian Identitas is missing."""

    code = "STR001"
    name = "identity-field-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas"
    title = {"id": "Isian identitas SOP tidak ada", "en": "Identity field missing"}
    rationale = {
        "id": "Nama unit, nomor, nama SOP, tanggal pembuatan dan tanggal efektif menjadikan SOP "
        "dapat dirujuk dan diketahui masa berlakunya. Tanggal Revisi boleh kosong.",
        "en": "The unit, number, title, creation and effective dates make an SOP citable and "
        "tell when it applies. The revision date may be empty.",
    }
    messages = {
        "message": {
            "id": "Isian {field} pada Bagian Identitas tidak ada.",
            "en": "The {field} is missing from the identity section.",
        },
        "suggestion": {
            "id": "Lengkapi {field} pada Bagian Identitas SOP.",
            "en": "Fill in the {field} in the SOP's identity section.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        ident = ctx.record.identity
        for name in REQUIRED_FIELDS:
            if getattr(ident, name) or (ident.raw.get(name) or "").strip():
                continue  # present, or written but unreadable (EXT002 reports that)
            yield self.finding(
                ctx,
                section="identity",
                path=f"identity.{name}",
                field=ctx.label("identity_fields", name),
            )
