"""Content blocks → digital PDF (reportlab platypus), recording each chapter's pages."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from gen.content import Block, Break, H, P, Tbl

ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
MARGIN = 2.2 * cm


def _style(name: str, size: float, align: str = "justify", bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName="Helvetica-Bold" if bold else "Helvetica",
        fontSize=size,
        leading=size * 1.35,
        alignment=ALIGN[align],
        spaceAfter=size * 0.5,
    )


BODY = {a: _style(f"body-{a}", 10.5, a) for a in ALIGN}
BOLD = {a: _style(f"bold-{a}", 11, a, True) for a in ALIGN}
CHAPTER = _style("chapter", 14, "center", True)
SUB = {1: _style("sub1", 11.5, "left", True), 2: _style("sub2", 10.5, "left", True)}
CELL = _style("cell", 8.5, "left")
CELL_NUM = _style("cell-num", 8.5, "right")
CELL_HEAD = _style("cell-head", 8.5, "center", True)


class _Heading(Paragraph):
    chapter_key: str | None = None


class _Doc(SimpleDocTemplate):
    def __init__(self, path: str, running: str, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(
            path,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            **kw,
        )
        self.running = running
        self.chapter_pages: dict[str, int] = {}

    def afterFlowable(self, flowable) -> None:  # type: ignore[no-untyped-def]
        key = getattr(flowable, "chapter_key", None)
        if key and key not in self.chapter_pages:
            self.chapter_pages[key] = self.page


def _furniture(running: str):  # type: ignore[no-untyped-def]
    def draw(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        if doc.page == 1:
            return
        w, h = A4
        canvas.saveState()
        canvas.setFont("Helvetica-Oblique", 8)
        canvas.drawString(MARGIN, h - MARGIN + 14, running)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, h - MARGIN + 10, w - MARGIN, h - MARGIN + 10)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(w / 2, MARGIN - 24, f"- {doc.page} -")
        canvas.restoreState()

    return draw


def _cell(text: str, head: bool, numeric: bool) -> Paragraph:
    style = CELL_HEAD if head else (CELL_NUM if numeric else CELL)
    return Paragraph(escape(text), style)


def _table(t: Tbl, width: float) -> Table:
    n_head = len(t.header)
    data = [[_cell(x, True, False) for x in row] for row in t.header]
    for row in t.rows:
        data.append([_cell(x, False, c >= t.numeric_from or c == 0) for c, x in enumerate(row)])
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, n_head - 1), colors.HexColor("#DDDDDD")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, n_head - 1), "MIDDLE"),
    ]
    for c0, r0, c1, r1 in t.header_spans:
        style.append(("SPAN", (c0, r0), (c1, r1)))
    for c0, r0, c1, r1 in t.spans:
        style.append(("SPAN", (c0, r0 + n_head), (c1, r1 + n_head)))
    return Table(
        data,
        colWidths=[w * width for w in t.widths],
        repeatRows=n_head if t.repeat else 0,
        style=TableStyle(style),
    )


def flowables(blocks: list[Block], width: float) -> list:
    out: list = []
    for b in blocks:
        if isinstance(b, Break):
            out.append(PageBreak())
        elif isinstance(b, H):
            style = CHAPTER if b.level == 0 else SUB[b.level]
            para = _Heading(escape(b.text).replace("\n", "<br/>"), style)
            para.chapter_key = b.key
            out.append(para)
            if b.level == 0:
                out.append(Spacer(1, 10))
        elif isinstance(b, P):
            if not b.text:
                out.append(Spacer(1, 14))
                continue
            style = (BOLD if b.bold else BODY)[b.align]
            out.append(Paragraph(escape(b.text), style))
        elif isinstance(b, Tbl):
            out.append(_table(b, width))
            out.append(Spacer(1, 8))
    return out


def render_pdf(blocks: list[Block], path: Path, running: str) -> tuple[dict[str, int], int]:
    """Write the PDF; returns (first page of each chapter, page count)."""
    doc = _Doc(
        str(path),
        running,
        title=running,
        author="sopcheck corpus",
        creator="sopcheck corpus/lkip",
        producer="reportlab",
        invariant=1,
    )
    draw = _furniture(running)
    doc.build(flowables(blocks, doc.width), onFirstPage=draw, onLaterPages=draw)
    return doc.chapter_pages, doc.page
