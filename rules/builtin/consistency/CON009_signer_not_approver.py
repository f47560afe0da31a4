"""CON009: the signer is not the official named in 'Disahkan Oleh'."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from rules.base import Rule
from rules.context import Context
from rules.lib.text import normalise
from rules.lib.titles import recognise
from rules.models import Category, Finding, Severity

# Academic and religious titles around a name ("H.", "S.Sos", "M.AP", "dr.") do not identify it.
NAME_DEGREES = re.compile(
    r"\b(h|hj|dr|drs|dra|ir|prof|s|m|a|se|sh|st|sp|mp|mm|mh|si|sos|kom|ap|pd|kep|ked|kes|ak|md|amd)\b"
)
#: Token-set similarity at which two names are the same person.
SAME_NAME_RATIO = 85
#: A name read by OCR is the approver's when each of its words of at least this many
#: letters starts one of the approver's or is ``OCR_NAME_WORD_RATIO`` alike to one: a
#: signature's stroke across the signed name leaves pieces ("Hj. Rahm: Pr Noor" of
#: "Hj. Rahmawati Noor"); a word of another name ("Muhammad Yusuf" for "Muhammad Rizal")
#: still differs.
OCR_NAME_WORD_LEN, OCR_NAME_WORD_RATIO = 3, 80


def _bare_name(name: str) -> str:
    return " ".join(NAME_DEGREES.sub(" ", normalise(name)).split())


def _pieces_of(read: str, name: str) -> bool:
    """Whether the OCR'd bare name ``read`` is pieces of the bare name ``name``."""
    words = [w for w in read.split() if w.isalpha() and len(w) >= OCR_NAME_WORD_LEN]
    own = name.split()
    return bool(words) and all(
        any(o.startswith(w) or fuzz.ratio(o, w) >= OCR_NAME_WORD_RATIO for o in own) for w in words
    )


class SignerNotApprover(Rule):
    """The signature block names another person or position than the approval."""

    code = "CON009"
    name = "signer-not-approver"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 6 (Pengesahan)"
    title = {"id": "Penanda tangan bukan pejabat pengesah", "en": "Signer differs from approver"}
    rationale = {
        "id": "Pejabat pada 'Disahkan Oleh' adalah yang menandatangani SOP.",
        "en": "The official named under 'Disahkan Oleh' is the one who signs the SOP.",
    }
    messages = {
        "message": {
            "id": "Penanda tangan ({signer}) berbeda dengan pejabat pengesah ({approver}).",
            "en": "The signer ({signer}) differs from the approving official ({approver}).",
        },
        "suggestion": {
            "id": "Samakan pejabat pada 'Disahkan Oleh' dengan blok tanda tangan.",
            "en": "Make 'Disahkan Oleh' and the signature block name the same official.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        approver, signer = ctx.record.identity.approved_by, ctx.record.signature
        if approver is None or signer is None:
            return
        if approver.name and signer.name:
            a, b = _bare_name(approver.name), _bare_name(signer.name)
            misread = ctx.record.source.ocr and _pieces_of(b, a)
            if a and b and fuzz.token_set_ratio(a, b) < SAME_NAME_RATIO and not misread:
                yield self.finding(
                    ctx,
                    section="signature",
                    path="signature.name",
                    evidence=signer.name,
                    prov=signer.prov,
                    signer=signer.name,
                    approver=approver.name,
                )
                return
        ta, ts = recognise(approver.position), recognise(signer.position)
        if ta is not None and ts is not None and ta.key != ts.key:
            yield self.finding(
                ctx,
                section="signature",
                path="signature.position",
                evidence=signer.position,
                prov=signer.prov,
                signer=signer.position,
                approver=approver.position,
            )
