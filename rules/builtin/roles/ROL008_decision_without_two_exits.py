"""ROL008: a decision without two exits."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context, symbols_of
from rules.models import Category, Finding, Severity


class DecisionWithoutTwoExits(Rule):
    """A decision (diamond) shows fewer than two exits (Ya/Tidak)."""

    code = "ROL008"
    name = "decision-without-two-exits"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = FLOWCHART_RULES + "; alternatif jawaban ya/tidak"
    title = {"id": "Keputusan tanpa dua cabang", "en": "Decision without two exits"}
    rationale = {
        "id": "Simbol keputusan memiliki dua jawaban (ya/tidak, lengkap/tidak) yang menentukan "
        "langkah berikutnya.",
        "en": "A decision has two answers (yes/no, complete/incomplete) that decide the next step.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} adalah keputusan tetapi tidak menunjukkan dua cabang (Ya/Tidak).",
            "en": "Step {step} is a decision but does not show two exits (Yes/No).",
        },
        "suggestion": {
            "id": "Beri langkah {step} dua anak panah berlabel 'Ya' dan 'Tidak' ke langkah "
            "tujuannya, atau gambar sebagai proses bila tidak ada keputusan.",
            "en": "Give step {step} two arrows labelled 'Ya' and 'Tidak' to their target steps, "
            "or draw it as a process if nothing is decided.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, step in enumerate(ctx.record.steps):
            if "decision" not in symbols_of(step):
                continue
            if len(set(step.next)) >= 2 or len(step.branch_labels) >= 2:
                continue
            yield self.step_finding(ctx, i, step)
