"""SOP topics (rules/data/topics.yml), recognised from the title and flowchart heading."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from rules.lib.knowledge import load

if TYPE_CHECKING:
    from rules.context import Context


#: Keys of Identity.raw where an extractor may keep the heading above the flowchart.
@cache
def _compiled() -> tuple[tuple[dict[str, Any], tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (topic, tuple(re.compile(k, re.IGNORECASE) for k in topic["keywords"]))
        for topic in load("topics")["topics"]
    )


def heading(ctx: Context) -> str | None:
    """The heading printed above the flowchart table, as the extractor read it."""
    record = ctx.record
    return getattr(record, "procedure_heading", None)


def topics_of(ctx: Context) -> list[dict[str, Any]]:
    """Topics whose keywords appear in the SOP title or flowchart heading."""
    text = " ".join(t for t in (ctx.record.identity.title, heading(ctx)) if t)
    return [topic for topic, patterns in _compiled() if any(p.search(text) for p in patterns)]
