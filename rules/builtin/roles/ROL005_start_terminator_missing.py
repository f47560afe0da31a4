"""ROL005: the first step is not a start terminator."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context, symbols_of
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class StartTerminatorMissing(Rule):
    """The flowchart does not open with a start terminator (capsule)."""

    code = "ROL005"
    name = "start-terminator-missing"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = FLOWCHART_RULES
    title = {"id": "Tidak diawali simbol mulai", "en": "No start terminator"}
    rationale = {
        "id": "Simbol kapsul/terminator menandai awal dan akhir prosedur.",
        "en": "The capsule (terminator) symbol marks where the procedure starts and ends.",
    }
    messages = {
        "message": {
            "id": (
                "Langkah pertama ({step}) tidak menggunakan simbol mulai (terminator), "
                "melainkan '{symbol}'."
            ),
            "en": "The first step ({step}) does not use the start terminator but '{symbol}'.",
        },
        "suggestion": {
            "id": "Gambar langkah {step} dengan simbol kapsul (terminator) sebagai awal prosedur.",
            "en": "Draw step {step} with the capsule (terminator) symbol to start the procedure.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if ctx.symbols_lost or not steps or not symbols_of(steps[0]):
            return  # an unread symbol is not a wrong one
        first = steps[0]
        if "start" not in symbols_of(first):
            yield self.finding(
                ctx,
                section="steps",
                step=first.number,
                path="steps[0]",
                evidence=quote(first.activity),
                prov=first.prov,
                symbol=first.symbol or "/".join(sorted(symbols_of(first))),
            )
