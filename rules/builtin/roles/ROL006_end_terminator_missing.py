"""ROL006: the last step is not an end terminator."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context, symbols_of
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class EndTerminatorMissing(Rule):
    """The flowchart does not close with an end terminator (capsule)."""

    code = "ROL006"
    name = "end-terminator-missing"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = FLOWCHART_RULES
    title = {"id": "Tidak diakhiri simbol selesai", "en": "No end terminator"}
    rationale = {
        "id": "Simbol kapsul/terminator menandai awal dan akhir prosedur.",
        "en": "The capsule (terminator) symbol marks where the procedure starts and ends.",
    }
    messages = {
        "message": {
            "id": (
                "Langkah terakhir ({step}) tidak menggunakan simbol selesai (terminator), "
                "melainkan '{symbol}'."
            ),
            "en": "The last step ({step}) does not use the end terminator but '{symbol}'.",
        },
        "suggestion": {
            "id": "Gambar langkah {step} dengan simbol kapsul (terminator) sebagai akhir prosedur.",
            "en": "Draw step {step} with the capsule (terminator) symbol to end the procedure.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if ctx.symbols_lost or len(steps) < 2 or not symbols_of(steps[-1]):
            return
        last = steps[-1]
        if "end" not in symbols_of(last):
            yield self.finding(
                ctx,
                section="steps",
                step=last.number,
                path=f"steps[{len(steps) - 1}]",
                evidence=quote(last.activity),
                prov=last.prov,
                symbol=last.symbol or "/".join(sorted(symbols_of(last))),
            )
