"""TIM007: the procedure's total time exceeds the topic's deadline."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.flow import longest_path
from rules.lib.timing import humanise, parse_norm
from rules.lib.topics import topics_of
from rules.models import Category, Finding, Severity


class FlowOverDeadline(Rule):
    """The total time along the flow exceeds the deadline a regulation sets for the topic."""

    code = "TIM007"
    name = "flow-over-deadline"
    category = Category.TIMING
    severity = Severity.WARNING
    regulation = "rules/data/topics.yml (tenggat per topik, dengan sumbernya)"
    title = {"id": "Total waktu melewati tenggat", "en": "Total time beyond the deadline"}
    rationale = {
        "id": "Bila peraturan menetapkan tenggat (mis. perjanjian kinerja paling lambat satu "
        "bulan), prosedur harus dapat selesai dalam tenggat itu.",
        "en": "When a regulation sets a deadline (e.g. a performance agreement within one "
        "month), the procedure must fit in it.",
    }
    messages = {
        "message": {
            "id": (
                "Total waktu prosedur ({total}) melewati tenggat {deadline} untuk {topic} "
                "({source})."
            ),
            "en": (
                "The procedure's total time ({total}) exceeds the {deadline} deadline for "
                "{topic} ({source})."
            ),
        },
        "suggestion": {
            "id": "Sesuaikan waktu langkah-langkah agar prosedur selesai dalam {deadline}.",
            "en": "Adjust the steps' times so that the procedure finishes within {deadline}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if not any(ctx.minutes(s) for s in steps):
            return
        total, _ = longest_path(steps, lambda s: ctx.minutes(s) or 0.0)
        hours = ctx.profile.workday_hours
        for topic in topics_of(ctx):
            deadline = topic.get("deadline")
            if not deadline or total <= parse_norm(deadline["text"], hours):
                continue
            yield self.finding(
                ctx,
                section="steps",
                path="steps",
                severity=Severity.INFO if deadline.get("unverified") else None,
                total=humanise(total, hours, ctx.lang),
                deadline=deadline["text"],
                topic=topic["name"][ctx.lang],
                source=deadline["source"],
            )
