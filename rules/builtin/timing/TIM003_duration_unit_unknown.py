"""TIM003: a time standard with an unknown unit."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.builtin.timing._common import MUTU_BAKU
from rules.builtin.timing.TIM002_duration_unparseable import HAS_NUMBER
from rules.context import Context
from rules.models import Category, Finding, Severity


class DurationUnitUnknown(Rule):
    """The Waktu cell has a number but a unit that is not minutes, hours, days, weeks or months."""

    code = "TIM003"
    name = "duration-unit-unknown"
    category = Category.TIMING
    severity = Severity.WARNING
    regulation = MUTU_BAKU
    title = {"id": "Satuan waktu tidak dikenal", "en": "Unknown time unit"}
    rationale = {
        "id": "Satuan waktu yang lazim adalah menit, jam, hari, minggu dan bulan; satuan lain "
        "(kali, OH, paket) tidak menyatakan lama kegiatan.",
        "en": "Usual time units are minutes, hours, days, weeks and months; others (times, "
        "man-days, packages) do not state how long an activity takes.",
    }
    messages = {
        "message": {
            "id": "Satuan waktu langkah {step} ('{text}') tidak dikenal.",
            "en": "The time unit of step {step} ('{text}') is not recognised.",
        },
        "suggestion": {
            "id": "Gunakan satuan Menit, Jam, Hari, Minggu atau Bulan.",
            "en": "Use Menit, Jam, Hari, Minggu or Bulan (minutes, hours, days, weeks, months).",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for i, step in enumerate(ctx.record.steps):
            d = step.duration
            if d is None or not HAS_NUMBER.search(d.text):
                continue
            if d.minutes is None and ctx.unreadable(d.text):
                continue  # the unit read past reading ("30 Monk"): EXT005
            unknown_unit = d.unit is not None and not ctx.unit_known(d.unit)
            if d.minutes is None or unknown_unit:
                yield self.finding(
                    ctx,
                    section="steps",
                    step=step.number,
                    path=f"steps[{i}].duration",
                    evidence=d.text,
                    prov=step.prov,
                    text=d.text,
                )
