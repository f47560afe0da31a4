"""Text, Markdown and HTML exports of SOPs → blocks.

Exports look like the files in ``shared/seeds/``: table rows as tab-separated
lines, HTML list fragments inside cells (``<ol> 1. … 2. …``), Markdown bold,
and flowchart symbols reduced to tokens ("Mulai", "[]", "{ } (Decision)") or lost.
A full HTML document is read with a real HTML parser: ``<table>`` with rowspan and
colspan becomes a table, other block elements become paragraphs. Nothing is
executed or fetched; scripts and styles are dropped.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extractor.detect import utf16_without_bom
from extractor.errors import InputError
from extractor.layout import Cell, LayoutDocument, Paragraph, Table
from extractor.models import Provenance
from extractor.options import ExtractionOptions

MAX_LINE_CHARS = 200_000  # one "line" longer than this is not an SOP export
MAX_CELLS_PER_ROW = 64

# Markdown decorations that carry no content: **bold**, __bold__, leading '#'.
MD_BOLD = re.compile(r"\*\*|__")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# A Markdown table separator row: | --- | :---: |
MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# An HTML tag inside a cell (the Bappeda seed exports lists as `<ol …> 1. … 2. …`).
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,300}>")
# C0 control characters other than tab, newline and carriage return: never content, and
# lxml refuses to build text nodes holding them (found by fuzzing: "<td><br>\x01").
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PROV = Provenance(source="text")


def decode(data: bytes) -> str:
    """Decode bytes: BOM-marked UTF-8/16, UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    bomless = utf16_without_bom(data[:4096])
    if bomless is not None:
        return data[: len(data) // 2 * 2].decode(bomless, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError("undecodable_text", str(exc.reason)) from exc


def _clean_fragment(text: str) -> str:
    """Cell text without HTML tags and Markdown decoration; list items on their own lines."""
    if HTML_TAG.search(text):
        text = re.sub(r"<\s*(li|br|p|div|tr)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
        text = HTML_TAG.sub(" ", text)
        text = lxml.html.fromstring(f"<span>{text}</span>").text_content() if "&" in text else text
    text = MD_BOLD.sub("", text)
    return "\n".join(re.sub(r"[ \u00a0]+", " ", ln).strip() for ln in text.split("\n")).strip()


def _row_cells(line: str) -> list[str]:
    if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
        parts = line.strip().strip("|").split("|")
    else:
        parts = line.split("\t")
    return [_clean_fragment(p) for p in parts[:MAX_CELLS_PER_ROW]]


def _table(rows: list[list[str]]) -> Table:
    width = max(len(r) for r in rows)
    cells = [
        Cell(row=ri, col=ci, text=text, prov=_PROV)
        for ri, row in enumerate(rows)
        for ci, text in enumerate(row + [""] * (width - len(row)))
    ]
    return Table(n_rows=len(rows), n_cols=width, cells=cells)


def _is_row(line: str) -> bool:
    if "\t" in line:
        return True
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def parse_text(text: str) -> LayoutDocument:
    """Blocks from a plain-text or Markdown export."""
    blocks: list[Paragraph | Table] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            blocks.append(_table(rows))
            rows.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if len(raw) > MAX_LINE_CHARS:
            raw = raw[:MAX_LINE_CHARS]
        if MD_TABLE_SEPARATOR.match(raw) and "-" in raw:
            continue
        if _is_row(raw) and _clean_fragment(raw.replace("\t", " ").replace("|", " ")):
            rows.append(_row_cells(raw))
            continue
        line = _clean_fragment(MD_HEADING.sub("", raw))
        if not line:
            # A blank line ends a table only when the next line is not a row either;
            # exports often put blank lines between rows of one table.
            continue
        flush()
        blocks.append(Paragraph(text=line, prov=_PROV))
    flush()
    return LayoutDocument(blocks=blocks, source_kind="text")


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "blockquote",
    "td",
    "th",
}
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "head")


def _cell_text(el: etree._Element) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for li in el.iter("li", "p", "div"):
        li.tail = "\n" + (li.tail or "")
    return _clean_fragment(el.text_content())


def _html_table(table: etree._Element) -> Table:
    occupied: dict[tuple[int, int], bool] = {}
    cells: list[Cell] = []
    n_cols = 0
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None]
    for ri, tr in enumerate(rows):
        ci = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while occupied.get((ri, ci)):
                ci += 1
            rs = _span(td.get("rowspan"))
            cs = _span(td.get("colspan"))
            for r in range(ri, ri + rs):
                for c in range(ci, ci + cs):
                    occupied[(r, c)] = True
            cells.append(
                Cell(row=ri, col=ci, row_span=rs, col_span=cs, text=_cell_text(td), prov=_PROV)
            )
            ci += cs
            n_cols = max(n_cols, ci)
    n_rows = max([len(rows)] + [c.row + c.row_span for c in cells])
    for c in cells:  # spans that run past the table's edge are clipped
        c.row_span = min(c.row_span, n_rows - c.row)
    return Table(n_rows=n_rows, n_cols=max(n_cols, 1), cells=cells)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def parse_html(text: str) -> LayoutDocument:
    """Blocks from an HTML export (tables kept as tables)."""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("undecodable_text", f"HTML: {exc}") from exc
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    blocks: list[Paragraph | Table] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "table":
                if any(True for _ in child.iter("tr")):
                    blocks.append(_html_table(child))
                continue
            if child.tag in _BLOCK_TAGS and not child.xpath(".//table"):
                txt = _cell_text(child)
                for line in txt.split("\n"):
                    if line.strip():
                        blocks.append(Paragraph(text=line.strip(), prov=_PROV))
                continue
            walk(child)
            if child.tail and child.tail.strip():
                blocks.append(Paragraph(text=_clean_fragment(child.tail), prov=_PROV))

    body = root.find("body")
    walk(body if body is not None else root)
    return LayoutDocument(blocks=blocks, source_kind="text")


def parse(data: bytes, options: ExtractionOptions) -> LayoutDocument:
    """Backend entry point for text, Markdown and HTML."""
    text = CONTROL_CHARS.sub(" ", decode(data))
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<table" in head and "<tr" in text.lower()):
        return parse_html(text)
    return parse_text(text)
