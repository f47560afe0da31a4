"""ROL011: from a step the flow never reaches an end."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context
from rules.lib.flow import reaches_end, successors
from rules.models import Category, Finding, Severity


class StepNeverEnds(Rule):
    """Following the arrows from this step never arrives at an end (a closed loop)."""

    code = "ROL011"
    name = "step-never-ends"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = FLOWCHART_RULES
    title = {"id": "Alur tidak pernah selesai", "en": "Flow never ends"}
    rationale = {
        "id": "Setiap jalur alur berakhir di simbol selesai; putaran tanpa jalan keluar tidak "
        "pernah menyelesaikan prosedur.",
        "en": "Every path ends at an end symbol; a loop without an exit never finishes.",
    }
    messages = {
        "message": {
            "id": "Dari langkah {step} alur tidak pernah sampai ke akhir prosedur.",
            "en": "From step {step} the flow never reaches the end of the procedure.",
        },
        "suggestion": {
            "id": "Periksa anak panah dari langkah {step} agar ada jalan menuju simbol selesai.",
            "en": "Check the arrows from step {step} so that a path leads to the end symbol.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if not steps or not any(s.next for s in steps):
            return
        graph = successors(steps)
        ends = {s.number for s in steps if s.symbol == "end" or not graph.get(s.number)}
        done = reaches_end(graph, ends)
        for i, step in enumerate(steps):
            if step.number not in done:
                yield self.step_finding(ctx, i, step)
