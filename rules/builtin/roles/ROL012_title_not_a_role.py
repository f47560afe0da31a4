"""ROL012: an activity names a position that is not among the roles."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.roles._common import FLOWCHART_RULES
from rules.context import Context
from rules.lib.text import quote
from rules.lib.titles import internal_mentions
from rules.models import Category, Finding, Severity


class TitleNotARole(Rule):
    """An activity text names a position ("… kepada Kasi") that has no Pelaksana column."""

    code = "ROL012"
    name = "title-not-a-role"
    category = Category.ROLES
    severity = Severity.INFO
    regulation = FLOWCHART_RULES
    title = {"id": "Jabatan disebut tetapi bukan pelaksana", "en": "Position named but not a role"}
    rationale = {
        "id": "Jabatan yang ikut bekerja dalam prosedur tampil sebagai kolom Pelaksana; jabatan "
        "di luar instansi (Bupati, OPD, pemohon) tidak perlu.",
        "en": "Positions that take part in the procedure appear as executor columns; parties "
        "outside the agency (Bupati, other OPDs, applicants) need not.",
    }
    messages = {
        "message": {
            "id": "Langkah {step} menyebut '{title}', yang tidak termasuk kolom Pelaksana.",
            "en": "Step {step} names '{title}', which is not an executor column.",
        },
        "suggestion": {
            "id": "Tambahkan kolom pelaksana untuk '{title}' bila jabatan itu ikut bekerja, atau "
            "sebut jabatan yang ada pada kolom Pelaksana.",
            "en": "Add an executor column for '{title}' if that position takes part, or name a "
            "position that has a column.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        role_keys = {t.key for t in ctx.role_titles.values() if t is not None}
        agency = ctx.agency_type
        for i, step in enumerate(ctx.record.steps):
            reported: set[str] = set()
            for mention in internal_mentions(step.activity):
                title = mention.title
                if title.key in role_keys or title.key in reported:
                    continue
                if (
                    agency is not None
                    and title.agency_types
                    and agency.key not in title.agency_types
                ):
                    continue  # a title foreign to this agency type: CON010 reports it
                reported.add(title.key)
                yield self.finding(
                    ctx,
                    section="steps",
                    step=step.number,
                    path=f"steps[{i}].activity",
                    evidence=quote(step.activity),
                    prov=step.prov,
                    title=mention.text.title(),
                )
