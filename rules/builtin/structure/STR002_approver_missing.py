"""STR002: the approving official's position or name is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity

_PARTS = {"position": {"id": "jabatan", "en": "position"}, "name": {"id": "nama", "en": "name"}}


class ApproverMissing(Rule):
    """The Pengesahan lacks the official's position or name."""

    code = "STR002"
    name = "approver-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 6 (Pengesahan)"
    title = {"id": "Pejabat pengesah tidak lengkap", "en": "Approving official incomplete"}
    rationale = {
        "id": "SOP AP disahkan oleh pejabat yang berwenang; pengesahan memuat nomenklatur "
        "jabatan, tanda tangan, nama pejabat dan NIP.",
        "en": "An SOP is approved by the competent official; the approval states the position, "
        "signature, name and NIP.",
    }
    messages = {
        "message": {
            "id": "Bagian pengesahan tidak menyebutkan {part} pejabat yang mengesahkan.",
            "en": "The approval does not state the approving official's {part}.",
        },
        "suggestion": {
            "id": (
                "Tuliskan {part} pejabat pengesah pada isian 'Disahkan Oleh' dan blok tanda tangan."
            ),
            "en": (
                "State the approving official's {part} in 'Disahkan Oleh' and the signature block."
            ),
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        approver, signer = ctx.record.identity.approved_by, ctx.record.signature
        for part, label in _PARTS.items():
            if (approver and getattr(approver, part)) or (signer and getattr(signer, part)):
                continue
            yield self.finding(
                ctx, section="identity", path=f"identity.approved_by.{part}", part=label[ctx.lang]
            )
