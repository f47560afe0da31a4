"""STR008: a Mutu Baku column (Kelengkapan, Waktu, Output) is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.knowledge import load
from rules.lib.text import normalise
from rules.models import Category, Finding, Severity


class QualityColumnsMissing(Rule):
    """The procedure table lacks a Mutu Baku column."""

    code = "STR008"
    name = "quality-columns-missing"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Flowchart (Mutu Baku)"
    title = {"id": "Kolom Mutu Baku tidak lengkap", "en": "Quality-standard column missing"}
    rationale = {
        "id": "Mutu baku memuat kelengkapan, waktu dan output setiap kegiatan; itulah alat "
        "kendali mutu terhadap standar pelayanan.",
        "en": "The quality standard gives each activity's requirements, time and output; it is "
        "the quality-control tool against the service standard.",
    }
    messages = {
        "message": {
            "id": "Tabel prosedur tidak memiliki kolom Mutu Baku '{column}'.",
            "en": "The procedure table has no '{column}' quality-standard column.",
        },
        "suggestion": {
            "id": "Tambahkan kolom '{column}' di bawah Mutu Baku dan isi untuk setiap langkah.",
            "en": "Add the '{column}' column under Mutu Baku and fill it for every step.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        steps = ctx.record.steps
        if not steps:
            return
        header = " ".join(normalise(c) for c in ctx.record.procedure_columns)
        filled = {
            "requirements": any(s.requirements for s in steps),
            "duration": any(s.duration for s in steps),
            "output": any(s.output for s in steps),
        }
        for key, spec in load("vocabulary")["quality_columns"].items():
            in_header = any(w in header.split() for w in spec["words"])
            present = in_header if header else filled[key]
            if not present and not filled[key]:
                yield self.finding(
                    ctx, section="steps", path="procedure_columns", column=spec["label"][ctx.lang]
                )
