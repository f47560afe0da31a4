"""CON004: identity dates out of order."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import format_date
from rules.models import Category, Finding, Severity


class DatesOutOfOrder(Rule):
    """The effective date precedes the creation date, or the revision precedes creation."""

    code = "CON004"
    name = "dates-out-of-order"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Identitas butir 3-5"
    title = {"id": "Urutan tanggal tidak logis", "en": "Dates out of order"}
    rationale = {
        "id": "Tanggal pembuatan adalah saat SOP selesai disusun; tanggal efektif tidak "
        "mendahuluinya dan tanggal revisi datang sesudahnya.",
        "en": "The creation date is when the SOP was finished; the effective date cannot precede "
        "it and a revision comes after it.",
    }
    messages = {
        "message": {
            "id": "{later_label} ({later}) lebih awal daripada {earlier_label} ({earlier}).",
            "en": "The {later_label} ({later}) is earlier than the {earlier_label} ({earlier}).",
        },
        "suggestion": {
            "id": "Periksa {later_label} dan {earlier_label} pada Bagian Identitas.",
            "en": "Check the {later_label} and the {earlier_label} in the identity section.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        pairs = (
            ("created", ctx.created, "effective", ctx.effective),
            ("created", ctx.created, "revised", ctx.revised),
        )
        for early_key, early, late_key, late in pairs:
            if early and late and late < early:
                yield self.finding(
                    ctx,
                    section="identity",
                    path=f"identity.{late_key}",
                    evidence=f"{late_key}={late.isoformat()}, {early_key}={early.isoformat()}",
                    later_label=ctx.label("identity_fields", late_key),
                    later=format_date(late, ctx.lang),
                    earlier_label=ctx.label("identity_fields", early_key),
                    earlier=format_date(early, ctx.lang),
                )
