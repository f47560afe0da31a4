"""EXT002: an identity field was written but could not be read reliably."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity

#: OCR confidence (0-100) under which a field's reading is not trusted.
LOW_CONFIDENCE = 60
# A cell holding only a dash or dots is an empty field, not an unreadable one.
PLACEHOLDER = re.compile(r"^[\s\-–—.:_]*$")
FIELDS = ("agency", "number", "title", "created", "revised", "effective")


class FieldUnreadable(Rule):
    """A field is written in the document but its value could not be read."""

    code = "EXT002"
    name = "field-unreadable"
    category = Category.EXTRACTION
    severity = Severity.INFO
    regulation = None
    title = {"id": "Isian tidak terbaca", "en": "Field could not be read"}
    rationale = {
        "id": "Bila suatu isian tertulis tetapi tidak terbaca (tanggal yang rusak, OCR yang "
        "ragu), aturan yang memerlukannya tidak dijalankan; ini bukan kesalahan SOP.",
        "en": "When a field is written but unreadable (a garbled date, unsure OCR), the rules "
        "that need it do not run; this is not a fault of the SOP.",
    }
    messages = {
        "message": {
            "id": (
                "{field} tertulis '{raw}' tetapi tidak dapat dibaca; pemeriksaan yang "
                "memerlukannya dilewati."
            ),
            "en": (
                "The {field} reads '{raw}' but could not be interpreted; checks that need "
                "it were skipped."
            ),
        },
        "low_confidence": {
            "id": (
                "{field} terbaca '{raw}' dengan keyakinan OCR rendah ({confidence}%); "
                "periksa secara manual."
            ),
            "en": (
                "The {field} was read as '{raw}' with low OCR confidence ({confidence}%); "
                "check it by hand."
            ),
        },
        "suggestion": {
            "id": "Periksa {field} pada dokumen asli.",
            "en": "Check the {field} in the original document.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        ident = ctx.record.identity
        for name in FIELDS:
            raw = (ident.raw.get(name) or "").strip()
            label = ctx.label("identity_fields", name)
            prov = ident.prov.get(name)
            if raw and not PLACEHOLDER.match(raw) and getattr(ident, name) is None:
                yield self.finding(
                    ctx,
                    section="identity",
                    path=f"identity.{name}",
                    evidence=raw,
                    prov=prov,
                    field=label,
                    raw=raw,
                )
            elif prov and prov.confidence is not None and prov.confidence < LOW_CONFIDENCE:
                yield self.finding(
                    ctx,
                    key="low_confidence",
                    section="identity",
                    path=f"identity.{name}",
                    evidence=raw or str(getattr(ident, name) or ""),
                    prov=prov,
                    field=label,
                    raw=raw or getattr(ident, name),
                    confidence=round(prov.confidence),
                )
