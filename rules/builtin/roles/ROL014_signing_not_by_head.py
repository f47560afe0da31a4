"""ROL014: signing or approving by someone other than the highest-ranked role."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context, actors_of
from rules.lib.timing import kind_of
from rules.models import Category, Finding, Severity


class SigningNotByHead(Rule):
    """A signing/approving step is carried out by a role below the highest-ranked one."""

    code = "ROL014"
    name = "signing-not-by-head"
    category = Category.ROLES
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012 (pengesahan oleh pejabat berwenang); rules/data/titles.yml"
    title = {"id": "Penandatanganan bukan oleh pimpinan", "en": "Signing not by the head"}
    rationale = {
        "id": "Menandatangani, mengesahkan dan menyetujui dilakukan oleh pejabat tertinggi di "
        "antara pelaksana.",
        "en": "Signing, approving and endorsing are done by the highest-ranked executor.",
    }
    messages = {
        "message": {
            "id": (
                "Langkah {step} (penandatanganan/persetujuan) dilakukan oleh {actor}, "
                "bukan oleh {head}."
            ),
            "en": "Step {step} (signing/approval) is done by {actor}, not by {head}.",
        },
        "suggestion": {
            "id": "Pindahkan simbol langkah {step} ke kolom {head}.",
            "en": "Move step {step}'s symbol to the {head} column.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost:
            return
        ranked = [(t.rank, role) for role, t in ctx.role_titles.items() if t is not None]
        if not ranked:
            return
        top_rank, top_role = min(ranked)
        signing = [
            (i, step, actors_of(step))
            for i, step in enumerate(ctx.record.steps)
            if (kind := kind_of(step.activity)) is not None and kind.key == "sign"
        ]
        # When the head signs the procedure's product, a subordinate signing something
        # else (a cover letter, a receipt) is delegation, not a signature out of place.
        if any(ctx.role_rank(a) == top_rank for _, _, actors in signing for a in actors):
            return
        for i, step, actors in signing:
            if len(actors) != 1:
                continue
            rank = ctx.role_rank(actors[0])
            if rank is not None and rank > top_rank:
                yield self.step_finding(
                    ctx,
                    i,
                    step,
                    actor=actors[0],
                    head=top_role,
                )
