"""STR009: a step has no activity text."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class StepActivityEmpty(Rule):
    """A row of the procedure table has a number but no Uraian Kegiatan."""

    code = "STR009"
    name = "step-activity-empty"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Flowchart (uraian kegiatan)"
    title = {"id": "Uraian kegiatan kosong", "en": "Empty activity"}
    rationale = {
        "id": 'Setiap langkah diuraikan dengan kalimat aktif tanpa subjek ("Menyusun …").',
        "en": 'Every step is described by an active verb phrase without a subject ("Menyusun …").',
    }
    messages = {
        "message": {
            "id": "Langkah {step} tidak memiliki uraian kegiatan.",
            "en": "Step {step} has no activity text.",
        },
        "suggestion": {
            "id": "Tuliskan kegiatan langkah {step} sebagai kata kerja aktif.",
            "en": "Describe step {step} with an active verb phrase.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, step in enumerate(ctx.record.steps):
            if not step.activity.strip():
                yield self.finding(
                    ctx, section="steps", step=step.number, path=f"steps[{i}]", prov=step.prov
                )
