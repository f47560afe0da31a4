"""The state of the six boxes: present, empty, missing, or not found by the extractor."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

from rules.lib.knowledge import load
from rules.lib.text import normalise

if TYPE_CHECKING:
    from rules.context import Context

BoxState = Literal["present", "empty", "missing", "unread"]


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, entry in load("vocabulary")["sections"].items():
        for alias in (key, *entry.get("aliases", ())):
            out[normalise(alias)] = key
    return out


def canonical_section(name: str) -> str | None:
    """The record field of a section name as an extractor may report it."""
    return _aliases().get(normalise(name))


def box_state(ctx: Context) -> dict[str, BoxState]:
    """For each of the six boxes: present (has content), empty, missing, or unread.

    ``unread`` means the extractor noted it could not find the section
    (``section_not_found:<name>``) where that may be a reading failure: in an OCR'd
    document, or when it found no box at all. EXT003 reports that instead of a structure
    error. When the extractor read the other boxes of a digital document, a box it did
    not find is absent from the document: missing. When the extractor does not report
    ``sections_found``, a box without content counts as missing.
    """
    record = ctx.record
    found = {canonical_section(s) for s in record.sections_found}
    unreliable = record.source.ocr or not (found - {None})
    unread = {
        canonical_section(note.split(":", 1)[1])
        for note in record.extraction_notes
        if note.lower().startswith("section_not_found:") and unreliable
    }
    states: dict[str, BoxState] = {}
    for key in load("vocabulary")["sections"]:
        content = [
            item for item in getattr(record, key) if str(getattr(item, "text", item)).strip()
        ]
        if content:
            states[key] = "present"
        elif key in unread:
            states[key] = "unread"
        elif key in found:
            states[key] = "empty"
        else:
            states[key] = "missing"
    return states
