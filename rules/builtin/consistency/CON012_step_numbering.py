"""CON012: step numbers with gaps or repeats."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class StepNumbering(Rule):
    """Steps are not numbered 1, 2, 3, … without gaps or repeats."""

    code = "CON012"
    name = "step-numbering"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Flowchart (nomor kegiatan)"
    title = {"id": "Penomoran langkah tidak urut", "en": "Step numbering broken"}
    rationale = {
        "id": "Nomor kegiatan berurutan; nomor yang melompat atau berulang menandakan langkah "
        "yang hilang atau tergandakan.",
        "en": "Steps are numbered in order; skipped or repeated numbers mean a lost or "
        "duplicated step.",
    }
    messages = {
        "message": {
            "id": "Penomoran langkah tidak urut: {problem}.",
            "en": "Step numbering is broken: {problem}.",
        },
        "gap": {"id": "nomor {numbers} tidak ada", "en": "numbers {numbers} are missing"},
        "repeat": {
            "id": "nomor {numbers} muncul lebih dari sekali",
            "en": "numbers {numbers} appear more than once",
        },
        "suggestion": {
            "id": "Nomori langkah 1 sampai {count} secara berurutan.",
            "en": "Number the steps 1 to {count} in order.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        numbers = [s.number for s in ctx.record.steps]
        if not numbers:
            return
        repeats = sorted(n for n, c in Counter(numbers).items() if c > 1)
        gaps = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        for key, found in (("repeat", repeats), ("gap", gaps)):
            if found:
                yield self.finding(
                    ctx,
                    section="steps",
                    step=found[0] if key == "repeat" else None,
                    path="steps",
                    problem=self.text(ctx, key, numbers=found),
                    count=len(numbers),
                )
