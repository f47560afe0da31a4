"""STR006: there is no procedure (flowchart) table."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class ProcedureMissing(Rule):
    """The SOP has no procedure table (Bagian Flowchart) with steps."""

    code = "STR006"
    name = "procedure-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    regulation = "Permen PANRB 35/2012, Lampiran, Bagian Flowchart"
    title = {"id": "Tabel prosedur tidak ada", "en": "Procedure table missing"}
    rationale = {
        "id": "Unsur prosedur SOP AP terdiri atas Bagian Identitas dan Bagian Flowchart yang "
        "memuat nomor, uraian kegiatan, pelaksana dan mutu baku.",
        "en": "An SOP AP has an identity part and a flowchart part listing number, activity, "
        "executors and quality standards.",
    }
    messages = {
        "message": {
            "id": "SOP tidak memuat tabel prosedur (bagan alir) dengan langkah-langkah kegiatan.",
            "en": "The SOP has no procedure table (flowchart) with steps.",
        },
        "suggestion": {
            "id": "Tambahkan Bagian Flowchart: No, Uraian Kegiatan, kolom Pelaksana dan Mutu Baku.",
            "en": "Add the flowchart part: No, activity, executor columns and quality standards.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        unread = any(n.lower().startswith("table_not_found") for n in ctx.record.extraction_notes)
        if not ctx.record.steps and not unread:
            yield self.finding(ctx, section="steps", path="steps")
