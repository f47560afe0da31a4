"""CON006: the SOP takes effect before it is signed."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import format_date
from rules.models import Category, Finding, Severity


class SignatureAfterEffective(Rule):
    """The signature is dated after the effective date."""

    code = "CON006"
    name = "signature-after-effective"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = (
        "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 5 "
        "(tanggal efektif = tanggal ditandatangani)"
    )
    title = {"id": "Berlaku sebelum ditandatangani", "en": "Effective before signed"}
    rationale = {
        "id": "Tanggal efektif adalah tanggal mulai berlaku, atau sama dengan tanggal "
        "ditandatanganinya SOP; SOP tidak berlaku sebelum ditandatangani.",
        "en": "The effective date is when the SOP applies, or the date it is signed; it cannot "
        "apply before it is signed.",
    }
    messages = {
        "message": {
            "id": "Tanda tangan bertanggal {signed}, setelah tanggal efektif ({effective}).",
            "en": "The signature is dated {signed}, after the effective date ({effective}).",
        },
        "suggestion": {
            "id": (
                "Samakan tanggal efektif dengan tanggal tanda tangan, atau perbaiki salah satunya."
            ),
            "en": "Make the effective date the signature date, or correct one of them.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.signed and ctx.effective and ctx.signed > ctx.effective:
            sig = ctx.record.signature
            yield self.finding(
                ctx,
                section="signature",
                path="signature.date",
                evidence=ctx.signed.isoformat(),
                prov=sig.prov if sig else None,
                signed=format_date(ctx.signed, ctx.lang),
                effective=format_date(ctx.effective, ctx.lang),
            )
