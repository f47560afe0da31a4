"""EXT003: what the extractor noted it could not read."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context, _is_symbol_note
from rules.lib.knowledge import load
from rules.models import Category, Finding, Severity


class ExtractionNote(Rule):
    """The extractor left a note about something it could not read (sections, tables…)."""

    code = "EXT003"
    name = "extraction-note"
    category = Category.EXTRACTION
    severity = Severity.INFO
    regulation = None
    title = {"id": "Catatan pembacaan dokumen", "en": "Note from reading the document"}
    rationale = {
        "id": "Bagian yang tidak ditemukan saat dokumen dibaca tidak dinilai salah; hanya "
        "dilaporkan sebagai tidak dapat diperiksa.",
        "en": "Parts not found when the document was read are not judged wrong; they are "
        "reported as not checkable.",
    }
    messages = {
        "message": {"id": "{text}", "en": "{text}"},
        "suggestion": {
            "id": "Periksa bagian ini pada dokumen asli.",
            "en": "Check this part in the original document.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        templates = load("vocabulary")["extraction_notes"]
        for i, note in enumerate(ctx.record.extraction_notes):
            if _is_symbol_note(note):
                continue  # EXT001
            code, _, detail = note.partition(":")
            entry = templates.get(code.strip().lower(), templates["default"])
            text = entry[ctx.lang].format(detail=detail.strip(), note=note)
            yield self.finding(
                ctx,
                section="extraction_notes",
                path=f"extraction_notes[{i}]",
                evidence=note,
                text=text,
            )
