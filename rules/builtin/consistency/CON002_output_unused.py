"""CON002: an output that nothing uses and that is not the final product."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import covers, same_text
from rules.models import Category, Finding, Severity


class OutputUnused(Rule):
    """A step's output is not a requirement of any later step and is not the final product."""

    code = "CON002"
    name = "output-unused"
    category = Category.CONSISTENCY
    severity = Severity.INFO
    regulation = "Permen PANRB 35/2012, Lampiran, Mutu Baku (output)"
    title = {"id": "Output tidak dipakai", "en": "Output not used"}
    rationale = {
        "id": "Output yang tidak dipakai langkah berikutnya dan bukan hasil akhir prosedur "
        "biasanya salah tulis atau menandakan langkah yang hilang. Dokumen yang keluar dari "
        "prosedur (surat pengantar) sah, maka temuan ini hanya informasi.",
        "en": "An output that no later step uses and that is not the final product is usually a "
        "slip or a missing step. Documents that leave the procedure are legitimate, so this is "
        "informative only.",
    }
    messages = {
        "message": {
            "id": (
                "Output langkah {step} '{output}' tidak dipakai oleh langkah berikutnya "
                "dan bukan hasil akhir."
            ),
            "en": (
                "Step {step}'s output '{output}' is not used by a later step and is not "
                "the final product."
            ),
        },
        "suggestion": {
            "id": (
                "Periksa apakah '{output}' menjadi kelengkapan langkah berikutnya, dan "
                "samakan penulisannya."
            ),
            "en": (
                "Check whether '{output}' is a requirement of a later step, and write it "
                "the same way."
            ),
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        finals = [s.output for s in steps[-1:] if s.output]
        finals += [s.output for s in steps if s.symbol == "end" and s.output]
        finals += ctx.record.records
        ocr = ctx.record.source.ocr  # misread words are not the document's own
        for i, step in enumerate(steps[:-1]):
            out = step.output
            if not out or any(covers(f, out, ocr=ocr) for f in finals):
                continue
            if ctx.unreadable(out):
                continue  # read past reading: EXT005
            if any(same_text(out, r) for r in step.requirements):
                continue  # passed through unchanged, not a new product
            later = steps[i + 1 :]
            uses = [r for s in later for r in s.requirements] + [s.activity for s in later]
            if any(covers(u, out, ocr=ocr) or covers(out, u, ocr=ocr) for u in uses):
                continue
            yield self.finding(
                ctx,
                section="steps",
                step=step.number,
                path=f"steps[{i}].output",
                evidence=out,
                prov=step.prov,
                output=out,
            )
