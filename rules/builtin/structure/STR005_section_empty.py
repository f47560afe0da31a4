"""STR005: one of the six boxes is present but empty."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.boxes import box_state
from rules.models import Category, Finding, Severity


class SectionEmpty(Rule):
    """A box of the Bagian Identitas is there but holds nothing."""

    code = "STR005"
    name = "section-empty"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 8-13"
    title = {"id": "Kotak isian SOP kosong", "en": "SOP box empty"}
    rationale = {
        "id": "Kotak yang ada tetapi kosong tidak memberi informasi kepada pelaksana.",
        "en": "A box that is present but empty tells the executors nothing.",
    }
    messages = {
        "message": {
            "id": "Kotak '{box}' ada tetapi tidak berisi apa pun.",
            "en": "The '{box}' box is present but empty.",
        },
        "suggestion": {
            "id": "Isi kotak '{box}', atau tulis 'Tidak ada' bila memang tidak ada.",
            "en": "Fill in the '{box}' box, or write 'Tidak ada' when there is nothing.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for key, state in box_state(ctx).items():
            if state == "empty":
                yield self.finding(ctx, section=key, path=key, box=ctx.label("sections", key))
