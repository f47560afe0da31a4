"""CON005: the SOP is signed before it was made."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import format_date
from rules.models import Category, Finding, Severity


class SignatureBeforeCreation(Rule):
    """The signature block is dated before the SOP's creation date."""

    code = "CON005"
    name = "signature-before-creation"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 3 dan 5"
    title = {"id": "Ditandatangani sebelum dibuat", "en": "Signed before it was made"}
    rationale = {
        "id": "SOP disahkan setelah selesai disusun; tanda tangan yang bertanggal sebelum "
        "tanggal pembuatan menandakan salah tanggal.",
        "en": "An SOP is approved after it is finished; a signature dated before the creation "
        "date means a wrong date.",
    }
    messages = {
        "message": {
            "id": "Tanda tangan bertanggal {signed}, sebelum SOP dibuat ({created}).",
            "en": "The signature is dated {signed}, before the SOP was made ({created}).",
        },
        "suggestion": {
            "id": "Perbaiki tanggal tanda tangan; lazimnya sama dengan tanggal efektif{effective}.",
            "en": "Correct the signature date; it is normally the effective date{effective}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        made = ctx.created or ctx.effective
        if ctx.signed and made and ctx.signed < made:
            sig = ctx.record.signature
            yield self.finding(
                ctx,
                section="signature",
                path="signature.date",
                evidence=f"{sig.place + ', ' if sig and sig.place else ''}{ctx.signed.isoformat()}",
                prov=sig.prov if sig else None,
                signed=format_date(ctx.signed, ctx.lang),
                created=format_date(made, ctx.lang),
                effective=f" ({format_date(ctx.effective, ctx.lang)})" if ctx.effective else "",
            )
