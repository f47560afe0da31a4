"""Content blocks → DOCX (python-docx): headings, paragraphs, tables with merged cells."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gen.content import Block, Break, H, P, Tbl

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
TEXT_WIDTH_CM = 16.0


def _run(paragraph, text: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(doc, t: Tbl) -> None:  # type: ignore[no-untyped-def]
    n_head = len(t.header)
    table = doc.add_table(rows=n_head + len(t.rows), cols=len(t.widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate([*t.header, *t.rows]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Cm(TEXT_WIDTH_CM * t.widths[c])
            para = cell.paragraphs[0]
            head = r < n_head
            numeric = not head and (c >= t.numeric_from or c == 0)
            para.alignment = ALIGN["center" if head else ("right" if numeric else "left")]
            _run(para, text, 8.5, bold=head)
    for r in range(n_head):
        if t.repeat:
            _repeat_header(table.rows[r])
    for spans, offset in ((t.header_spans, 0), (t.spans, n_head)):
        for c0, r0, c1, r1 in spans:
            keep = table.cell(r0 + offset, c0).text
            merged = table.cell(r0 + offset, c0).merge(table.cell(r1 + offset, c1))
            for extra in merged.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            if merged.text != keep:
                merged.paragraphs[0].text = ""
                _run(merged.paragraphs[0], keep, 8.5, bold=offset == 0)


def render_docx(blocks: list[Block], path: Path) -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    pending_break = False
    for b in blocks:
        if isinstance(b, Break):
            pending_break = True
            continue
        if isinstance(b, Tbl):
            _table(doc, b)
            doc.add_paragraph()
            continue
        para = doc.add_paragraph()
        if pending_break:
            para.paragraph_format.page_break_before = True
            pending_break = False
        if isinstance(b, H):
            para.alignment = ALIGN["center" if b.level == 0 else "left"]
            lines = b.text.split("\n")
            for i, line in enumerate(lines):
                _run(para, line, 14 if b.level == 0 else 11.5, bold=True)
                if i + 1 < len(lines):
                    para.runs[-1].add_break(WD_BREAK.LINE)
        elif isinstance(b, P):
            para.alignment = ALIGN[b.align]
            _run(para, b.text, 11, bold=b.bold)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_deterministic(buf.getvalue()))


def _deterministic(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so regenerating gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = body.replace(
                    b"<dc:creator>python-docx</dc:creator>",
                    b"<dc:creator>sopcheck corpus</dc:creator>",
                )
            dst.writestr(fixed, body)
    return out.getvalue()
