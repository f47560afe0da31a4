"""Decide what a document is (SOP, LKIP, neither) and hand it to its parser."""

from __future__ import annotations

import re

from extractor.errors import InputError
from extractor.layout import LayoutDocument, Paragraph, Table
from extractor.models import LKIPRecord, SOPRecord, Source
from extractor.options import ExtractionOptions

# Signals counted over the whole text; weights are rough evidence, not rules.
_SOP_SIGNALS = (
    r"standar\s+operasional\s+prosedur|\bsop\b",
    r"dasar\s+hukum",
    r"kualifikasi\s+pelaksana",
    r"pelaksana",
    r"mutu\s+b[ae]ku|mutu\s+buku",
    r"keterkaitan",
    r"pencatatan",
)
_LKIP_SIGNALS = (
    r"laporan\s+kinerja|\blkj?i?p\b|\blakip\b|\blkjip\b",
    r"ikhtisar\s+eksekutif|ringkasan\s+eksekutif",
    r"akuntabilitas\s+kinerja",
    r"perjanjian\s+kinerja",
    r"bab\s+(i|ii|iii|iv)\b",
    r"capaian",
    r"realisasi\s+anggaran",
)


def document_text(layout: LayoutDocument) -> str:
    """All text of the document, tables flattened row by row."""
    parts: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts.extend(" | ".join(row) for row in block.text_rows())
    return "\n".join(parts)


def _score(text: str, signals: tuple[str, ...]) -> int:
    return sum(1 for pattern in signals if re.search(pattern, text, re.IGNORECASE))


#: The OCR backends' note on a page whose print was captured coarse (ocr.page_notes).
_COARSE_NOTE = re.compile(r"low_resolution:\d+ \((\d+) dpi\)")


def unread_error(notes: list[str], code: str) -> InputError:
    """Why nothing SOP- or LKIP-like was read: ``code``, unless the reader's ``notes``
    say pages were captured too coarse to read (a forwarded phone photo), which is what
    the reader should hear."""
    dpis = [int(m.group(1)) for n in notes if (m := _COARSE_NOTE.match(n))]
    if dpis:
        return InputError("image_too_small", f"±{min(dpis)} dpi")
    return InputError(code)


def classify(layout: LayoutDocument) -> str:
    """'sop', 'lkip' or raises ``InputError('not_sop')``/``('blank_document')`` (or
    ``('image_too_small')`` when coarse pages were all that could be read)."""
    text = document_text(layout)
    if len(re.sub(r"\s+", "", text)) < 20:
        raise unread_error(layout.notes, "blank_document")
    sop, lkip = _score(text, _SOP_SIGNALS), _score(text, _LKIP_SIGNALS)
    has_bab = len(re.findall(r"\bbab\s+(?:i|ii|iii|iv)\b", text, re.IGNORECASE)) >= 2
    if lkip >= 4 and has_bab and lkip >= sop:
        return "lkip"
    if sop >= 3:
        return "sop"
    if lkip >= 4:
        return "lkip"
    raise unread_error(layout.notes, "not_sop")


def parse_blocks(
    layout: LayoutDocument, source: Source, options: ExtractionOptions
) -> SOPRecord | LKIPRecord:
    """Route a layout to the SOP or LKIP parser."""
    kind = classify(layout)
    if kind == "lkip":
        from extractor.lkip import parse_lkip

        return parse_lkip(layout, source, options)
    from extractor.sop import parse_sop

    return parse_sop(layout, source, options)
