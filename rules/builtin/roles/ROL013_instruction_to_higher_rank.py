"""ROL013: an instruction given to a higher-ranked position."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context, actors_of
from rules.lib.timing import kind_of
from rules.lib.titles import internal_mentions
from rules.models import Category, Finding, Severity


class InstructionToHigherRank(Rule):
    """A step instructs, disposes or assigns to someone who outranks the actor."""

    code = "ROL013"
    name = "instruction-to-higher-rank"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = "Tata kerja perangkat daerah (hubungan atasan-bawahan); rules/data/titles.yml"
    title = {"id": "Perintah kepada atasan", "en": "Instruction to a superior"}
    rationale = {
        "id": "Perintah, disposisi dan penugasan mengalir dari atasan ke bawahan; arah sebaliknya "
        "menandakan pelaksana yang tertukar.",
        "en": "Instructions, dispositions and assignments flow from superior to subordinate; the "
        "reverse suggests swapped actors.",
    }
    messages = {
        "message": {
            "id": (
                "Pada langkah {step}, {actor} memberi perintah kepada {target} yang "
                "jabatannya lebih tinggi."
            ),
            "en": "In step {step}, {actor} instructs {target}, who holds a higher position.",
        },
        "suggestion": {
            "id": (
                "Periksa pelaksana langkah {step}: perintah biasanya diberikan oleh atasan "
                "kepada bawahan."
            ),
            "en": "Check step {step}'s actor: instructions are normally given by a superior.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost:
            return
        for i, step in enumerate(ctx.record.steps):
            kind = kind_of(step.activity)
            actors = actors_of(step)
            if kind is None or kind.key != "instruct" or len(actors) != 1:
                continue
            rank = ctx.role_rank(actors[0])
            if rank is None:
                continue
            for mention in internal_mentions(step.activity):
                if mention.title.rank < rank:
                    yield self.step_finding(
                        ctx,
                        i,
                        step,
                        actor=actors[0],
                        target=mention.text.title(),
                    )
                    break
