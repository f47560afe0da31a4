"""ROL015: a review step without a way back."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import PRACTICE_RULES
from rules.context import Context, symbols_of
from rules.lib.timing import kind_of
from rules.models import Category, Finding, Severity


class ReviewWithoutWayBack(Rule):
    """A checking/correcting step has no branch back for corrections."""

    code = "ROL015"
    name = "review-without-way-back"
    category = Category.ROLES
    severity = Severity.INFO
    regulation = PRACTICE_RULES
    title = {"id": "Pemeriksaan tanpa jalur perbaikan", "en": "Review without a way back"}
    rationale = {
        "id": "Pemeriksaan (memeriksa, mengoreksi, memverifikasi) biasanya digambar sebagai "
        "keputusan dengan cabang 'Tidak' kembali ke langkah sebelumnya untuk perbaikan.",
        "en": "A review (checking, correcting, verifying) is usually a decision whose 'No' "
        "branch returns to an earlier step for corrections.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} adalah pemeriksaan tetapi tidak memiliki jalur kembali bila "
            "hasilnya perlu diperbaiki.",
            "en": "Step {step} is a review but has no way back when corrections are needed.",
        },
        "suggestion": {
            "id": "Pertimbangkan menggambar langkah {step} sebagai keputusan dengan cabang 'Tidak' "
            "ke langkah penyusunan.",
            "en": "Consider drawing step {step} as a decision with a 'No' branch back to the "
            "drafting step.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost:
            return
        for i, step in enumerate(ctx.record.steps):
            kind = kind_of(step.activity)
            symbols = symbols_of(step)
            if kind is None or kind.key != "review" or not symbols:
                continue
            if "decision" in symbols or any(n < step.number for n in step.next):
                continue
            yield self.step_finding(ctx, i, step)
