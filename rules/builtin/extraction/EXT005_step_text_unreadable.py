"""EXT005: a step's requirement, output or time read by OCR past reading."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class StepTextUnreadable(Rule):
    """On a scan or photo, a step's Mutu Baku text holds no word a reader can read."""

    code = "EXT005"
    name = "step-text-unreadable"
    category = Category.EXTRACTION
    severity = Severity.INFO
    regulation = None
    title = {"id": "Isian langkah tidak terbaca", "en": "Step entry could not be read"}
    rationale = {
        "id": "Pada pindaian atau foto, cap, tanda tangan atau cetakan yang buram dapat "
        "membuat isian Mutu Baku tidak terbaca. Aturan yang memerlukannya (kelengkapan, "
        "output, waktu) tidak dijalankan atas isian itu; ini bukan kesalahan SOP.",
        "en": "On a scan or photo a stamp, a signature or blurred print can leave a Mutu Baku "
        "entry unreadable. The rules that need it (requirements, outputs, time) skip that "
        "entry; this is not a fault of the SOP.",
    }
    messages = {
        "message": {
            "id": (
                "{field} langkah {step} terbaca '{raw}' dan tidak dapat dibaca; pemeriksaan "
                "yang memerlukannya dilewati."
            ),
            "en": (
                "Step {step}'s {field} reads '{raw}' and could not be read; checks that need "
                "it were skipped."
            ),
        },
        "suggestion": {
            "id": "Periksa {field} langkah {step} pada dokumen asli.",
            "en": "Check step {step}'s {field} in the original document.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.record.source.ocr:
            return
        for i, step in enumerate(ctx.record.steps):
            texts = [(f"steps[{i}].requirements", "requirements", r) for r in step.requirements]
            if step.output:
                texts.append((f"steps[{i}].output", "output", step.output))
            if step.duration is not None and step.duration.minutes is None:
                texts.append((f"steps[{i}].duration", "duration", step.duration.text))
            for path, field, raw in texts:
                if raw.strip() and ctx.unreadable(raw):
                    yield self.finding(
                        ctx,
                        section="steps",
                        step=step.number,
                        path=path,
                        evidence=raw,
                        prov=step.prov,
                        field=ctx.label("quality_columns", field),
                        raw=raw,
                    )
