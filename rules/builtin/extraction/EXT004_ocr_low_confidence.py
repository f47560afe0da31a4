"""EXT004: the document was read by OCR with low confidence."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity

#: Mean OCR word confidence (0-100) under which findings may come from misreadings.
LOW_MEAN_CONFIDENCE = 70


class OcrLowConfidence(Rule):
    """The scan was read with low mean OCR confidence, so findings may be misreadings."""

    code = "EXT004"
    name = "ocr-low-confidence"
    category = Category.EXTRACTION
    severity = Severity.INFO
    regulation = None
    title = {"id": "Kualitas pindaian rendah", "en": "Low scan quality"}
    rationale = {
        "id": "Pada pindaian yang buram sebagian temuan bisa berasal dari salah baca OCR.",
        "en": "On a poor scan some findings may come from OCR misreadings.",
    }
    messages = {
        "message": {
            "id": "Dokumen dibaca dengan OCR dengan keyakinan rata-rata {confidence}%; sebagian "
            "temuan mungkin berasal dari salah baca.",
            "en": "The document was read by OCR with a mean confidence of {confidence}%; some "
            "findings may come from misreadings.",
        },
        "suggestion": {
            "id": (
                "Pindai ulang dokumen minimal 300 dpi, lurus dan terang, atau unggah PDF aslinya."
            ),
            "en": "Rescan at 300 dpi or more, straight and bright, or upload the original PDF.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        src = ctx.record.source
        if src.ocr and src.ocr_confidence is not None and src.ocr_confidence < LOW_MEAN_CONFIDENCE:
            yield self.finding(
                ctx,
                section="source",
                path="source.ocr_confidence",
                confidence=round(src.ocr_confidence),
            )
