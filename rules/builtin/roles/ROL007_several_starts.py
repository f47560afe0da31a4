"""ROL007: the flowchart has several start terminators."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import PRACTICE_RULES
from rules.context import Context, symbols_of
from rules.models import Category, Finding, Severity


class SeveralStarts(Rule):
    """More than one step is drawn as a start terminator."""

    code = "ROL007"
    name = "several-starts"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = PRACTICE_RULES
    title = {"id": "Lebih dari satu simbol mulai", "en": "Several start terminators"}
    rationale = {
        "id": (
            "Prosedur memiliki satu titik mulai; beberapa titik mulai menandakan beberapa prosedur."
        ),
        "en": "A procedure has one starting point; several starts mean several procedures.",
    }
    messages = {
        "message": {
            "id": "Ada {count} langkah bersimbol mulai (langkah {steps}).",
            "en": "{count} steps are drawn as a start (steps {steps}).",
        },
        "suggestion": {
            "id": (
                "Pertahankan satu simbol mulai pada langkah pertama; gambar yang lain "
                "sebagai proses."
            ),
            "en": "Keep one start symbol on the first step; draw the others as processes.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        starts = [s.number for s in ctx.record.steps if "start" in symbols_of(s)]
        if len(starts) > 1:
            yield self.finding(
                ctx, section="steps", step=starts[1], path="steps", count=len(starts), steps=starts
            )
