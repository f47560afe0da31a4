"""CON008: the SOP title differs from the flowchart heading."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from rules.base import Rule
from rules.context import Context
from rules.lib.text import normalise
from rules.lib.topics import heading
from rules.models import Category, Finding, Severity

# Words that may precede a title without changing it ("SOP", "Standar Operasional Prosedur").
TITLE_NOISE = re.compile(r"\b(standar operasional prosedur|sop|ap)\b")
#: Token-set similarity below which the two titles name different procedures.
SAME_TITLE_RATIO = 80


class TitleHeadingMismatch(Rule):
    """The identity's 'Nama SOP' and the heading above the flowchart name different procedures."""

    code = "CON008"
    name = "title-heading-mismatch"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = (
        "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 7 (judul sama "
        "dengan judul dalam teks)"
    )
    title = {
        "id": "Nama SOP berbeda dengan judul bagan alir",
        "en": "Title differs from flowchart heading",
    }
    rationale = {
        "id": "Judul SOP pada identitas sama dengan judul prosedur pada bagan alir.",
        "en": "The SOP's title in the identity section is the same as the procedure's heading.",
    }
    messages = {
        "message": {
            "id": "Nama SOP '{title}' berbeda dengan judul bagan alir '{heading}'.",
            "en": "The SOP title '{title}' differs from the flowchart heading '{heading}'.",
        },
        "suggestion": {
            "id": "Samakan Nama SOP dengan judul bagan alir.",
            "en": "Make the SOP title and the flowchart heading the same.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        title, head = ctx.record.identity.title, heading(ctx)
        if not title or not head:
            return
        a = TITLE_NOISE.sub(" ", normalise(title))
        b = TITLE_NOISE.sub(" ", normalise(head))
        if fuzz.token_set_ratio(a, b) >= SAME_TITLE_RATIO:
            return
        yield self.finding(
            ctx, section="identity", path="identity.title", evidence=head, title=title, heading=head
        )
