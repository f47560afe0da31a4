"""TIM006: the total time along the longest path of the flow."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.context import Context
from rules.lib.flow import longest_path
from rules.lib.timing import humanise
from rules.models import Category, Finding, Severity


class FlowTotal(Rule):
    """Reports the procedure's total time along its longest path (informative)."""

    code = "TIM006"
    name = "flow-total-time"
    category = Category.TIMING
    severity = Severity.INFO
    regulation = MUTU_BAKU
    title = {"id": "Total waktu prosedur", "en": "Total time of the procedure"}
    rationale = {
        "id": "Jumlah waktu sepanjang jalur terpanjang alur adalah janji waktu layanan prosedur "
        "dan dibandingkan dengan standar pelayanan.",
        "en": "The time along the flow's longest path is the procedure's service-time promise, "
        "compared with the service standard.",
    }
    messages = {
        "message": {
            "id": (
                "Total waktu sepanjang alur terpanjang (langkah {route}) adalah {total}{partial}."
            ),
            "en": "The total time along the longest path (steps {route}) is {total}{partial}.",
        },
        "partial": {
            "id": "; langkah {steps} tanpa waktu terbaca tidak dihitung",
            "en": "; steps {steps} without a readable time are not counted",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if not any(ctx.minutes(s) for s in steps):
            return
        total, route = longest_path(steps, lambda s: ctx.minutes(s) or 0.0)
        by_number = {s.number: s for s in steps}
        untimed = [n for n in route if ctx.minutes(by_number[n]) is None]
        yield self.finding(
            ctx,
            suggest=None,
            section="steps",
            path="steps",
            route=route,
            total=humanise(total, ctx.profile.workday_hours, ctx.lang),
            partial=self.text(ctx, "partial", steps=untimed) if untimed else "",
            data={"total_minutes": total, "route": route},
        )
