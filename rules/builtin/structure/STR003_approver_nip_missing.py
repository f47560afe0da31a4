"""STR003: the approving official's NIP is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class ApproverNipMissing(Rule):
    """Neither the approval nor the signature block gives the official's NIP."""

    code = "STR003"
    name = "approver-nip-missing"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 6 (Pengesahan)"
    title = {"id": "NIP pejabat pengesah tidak ada", "en": "Approver's NIP missing"}
    rationale = {
        "id": "Nama pejabat pengesah disertai NIP agar pengesahan dapat diverifikasi.",
        "en": "The approving official's name comes with a NIP so the approval can be verified.",
    }
    messages = {
        "message": {
            "id": "NIP pejabat yang mengesahkan SOP tidak dicantumkan.",
            "en": "The approving official's NIP is not given.",
        },
        "suggestion": {
            "id": "Cantumkan NIP (18 digit) di bawah nama pejabat pengesah.",
            "en": "Write the 18-digit NIP under the approving official's name.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        approver, signer = ctx.record.identity.approved_by, ctx.record.signature
        if (approver and approver.nip) or (signer and signer.nip):
            return
        if not ((approver and approver.name) or (signer and signer.name)):
            return  # no official at all: STR002 says so
        yield self.finding(ctx, section="identity", path="identity.approved_by.nip")
