"""ROL008: a decision without two exits."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context, symbols_of
from rules.lib.flow import is_negative_answer
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
        "message_unknown": {
            "id": "Langkah {step} adalah keputusan; cabang Ya/Tidak-nya tidak dapat diperiksa "
            "karena dokumen ini tidak memuat anak panah (mis. ekspor teks).",
            "en": "Step {step} is a decision; its Yes/No exits could not be checked because this "
            "document shows no arrows (e.g. a text export).",
        },
        "message_target_unread": {
            "id": "Langkah {step} adalah keputusan dengan cabang '{label}', tetapi langkah tujuan "
            "cabang itu tidak terbaca.",
            "en": "Step {step} is a decision with a '{label}' exit, but that exit's target step "
            "could not be read.",
        },
        "suggestion": {
            "id": "Beri langkah {step} dua anak panah berlabel 'Ya' dan 'Tidak' ke langkah "
            "tujuannya, atau gambar sebagai proses bila tidak ada keputusan.",
            "en": "Give step {step} two arrows labelled 'Ya' and 'Tidak' to their target steps, "
            "or draw it as a process if nothing is decided.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # A document without a single arrow (a text export) cannot show exits: its
        # ``next`` is unknown, not empty. The decision is reported as not checkable.
        arrows = any(s.next for s in ctx.record.steps)
        for i, step in enumerate(ctx.record.steps):
            if "decision" not in symbols_of(step):
                continue
            exits, labels = len(set(step.next)), len(set(step.branch_labels))
            if exits >= 2 or labels >= 2:
                continue
            if not arrows:
                yield self.step_finding(
                    ctx, i, step, key="message_unknown", suggest=None, severity=Severity.INFO
                )
            elif exits == 1 and labels == 1 and is_negative_answer(step.branch_labels[0]):
                # A labelled "Tidak" exit is drawn besides the continuing one; only its
                # target could not be read.
                yield self.step_finding(
                    ctx,
                    i,
                    step,
                    key="message_target_unread",
                    suggest=None,
                    severity=Severity.INFO,
                    label=step.branch_labels[0],
                )
            else:
                yield self.step_finding(ctx, i, step)
