"""PDF export (reportlab): agency header, summary, findings with evidence and suggestion,
and the re-drawn flowchart as a swimlane. Every text from a document is escaped before it
becomes Paragraph markup."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle as GCircle
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from api import flowchart
from api.exports.model import ExportDoc, ExportSet

#: TrueType fonts with Indonesian and typographic characters, when the system has them.
FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)
SEVERITY_COLOR = {
    "error": colors.HexColor("#b42318"),
    "warning": colors.HexColor("#b54708"),
    "info": colors.HexColor("#175cd3"),
}
#: Inner padding reportlab's frames keep on each side (points).
FRAME_PAD = 6
#: Room left above a flowchart slice for its heading (points).
HEADING_ROOM = 40


@cache
def _fonts() -> tuple[str, str]:
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("SopSans", regular))
            pdfmetrics.registerFont(TTFont("SopSans-Bold", bold))
            return "SopSans", "SopSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=bold, fontSize=15, leading=19),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=bold, fontSize=12, leading=15),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=bold, fontSize=10, leading=13),
        "body": ParagraphStyle(
            "b", parent=base["BodyText"], fontName=regular, fontSize=9, leading=12
        ),
        "small": ParagraphStyle(
            "s", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10
        ),
        "quote": ParagraphStyle(
            "q",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=8.5,
            leading=11,
            leftIndent=10,
            textColor=colors.HexColor("#344054"),
            backColor=colors.HexColor("#f2f4f7"),
        ),
    }


def p(text: Any, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: markup characters escaped, line breaks kept."""
    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    regular, bold = _fonts()
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#98a2b3")),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("FONTNAME", (0, 0), (-1, 0), bold),
        ]
    table.setStyle(TableStyle(style))
    return table


def _header(ex: ExportSet, doc: ExportDoc | None, st: dict[str, ParagraphStyle]) -> list[Any]:
    agency = (doc.identity.get("agency") or doc.agency) if doc else ""
    out: list[Any] = []
    if agency:
        out.append(p(agency.upper(), st["h2"]))
    out.append(p(ex.title, st["title"]))
    meta = [f"{ex.t('generated')}: {ex.generated:%Y-%m-%d %H:%M} UTC"]
    if doc is not None:
        meta = [
            f"{ex.t('file')}: {doc.path}",
            f"{ex.t('number')}: {doc.number or '-'}",
            f"{ex.t('rules_version')}: {doc.rules_version or '-'}",
            *meta,
        ]
    out.append(p(" · ".join(meta), st["small"]))
    out.append(Spacer(1, 4 * mm))
    return out


def _summary(ex: ExportSet, doc: ExportDoc, st: dict[str, ParagraphStyle]) -> Table:
    keys = ("status", "errors", "warnings", "infos", "score")
    values = [
        ex.status_label(doc.status),
        doc.count("errors"),
        doc.count("warnings"),
        doc.count("infos"),
        doc.count("score"),
    ]
    return _table(
        [[p(ex.t(k), st["small"]) for k in keys], [p(v, st["body"]) for v in values]],
        [50 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm],
    )


def _findings(ex: ExportSet, doc: ExportDoc, st: dict[str, ParagraphStyle]) -> list[Any]:
    if doc.error:
        return [p(f"{ex.t('failed')}: {doc.error}", st["body"])]
    if not doc.findings:
        return [p(ex.t("no_findings"), st["body"])]
    out: list[Any] = []
    for f in doc.findings:
        sev = str(f.get("severity") or "info")
        color = SEVERITY_COLOR.get(sev, colors.black).hexval()[2:]
        where = f" · {ex.t('step')} {f['step']}" if f.get("step") is not None else ""
        head = (
            f'<font color="#{color}"><b>{escape(str(f.get("rule") or ""))} · '
            f"{escape(ex.t('sev_' + sev))}</b></font>{escape(where)} — "
            f"{escape(str(f.get('message') or ''))}"
        )
        block: list[Any] = [Paragraph(head, st["body"])]
        if f.get("evidence"):
            block.append(p(f"“{f['evidence']}”", st["quote"]))
        if f.get("suggestion"):
            block.append(p(f"{ex.t('suggestion')}: {f['suggestion']}", st["small"]))
        if f.get("regulation"):
            block.append(p(f"{ex.t('regulation')}: {f['regulation']}", st["small"]))
        block.append(Spacer(1, 2.5 * mm))
        out.append(KeepTogether(block))
    return out


def _chart_drawings(
    chart: flowchart.Flowchart, width: float, height: float, ex: ExportSet
) -> list[Drawing]:
    """The swimlane scaled to ``width``, in slices of as many rows as fit in ``height``."""
    regular, bold = _fonts()
    scale = min(1.0, width / chart.width)
    per_page = max(1, int((height - flowchart.HEADER_H * scale) // (flowchart.ROW_H * scale)))
    drawings = []
    for start in range(0, len(chart.nodes), per_page):
        nodes = chart.nodes[start : start + per_page]
        top = nodes[0].row_y
        bottom = nodes[-1].row_y + flowchart.ROW_H
        height = flowchart.HEADER_H + (bottom - top)
        d = Drawing(chart.width * scale, height * scale)

        def y(v: float, top: float = top, height: float = height) -> float:
            # layout y grows down from the header; PDF y grows up
            mapped = v if v < flowchart.HEADER_H else flowchart.HEADER_H + (v - top)
            return (height - mapped) * scale

        d.add(
            Rect(0, 0, chart.width * scale, height * scale, strokeColor=colors.grey, fillColor=None)
        )
        d.add(
            String(
                4, y(flowchart.HEADER_H / 2), ex.t("activity"), fontName=bold, fontSize=8 * scale
            )
        )
        for lane in chart.lanes:
            d.add(Line(lane.x * scale, 0, lane.x * scale, height * scale, strokeColor=colors.grey))
            for k, line in enumerate(lane.lines):
                d.add(
                    String(
                        (lane.x + lane.width / 2) * scale,
                        y(14 + 11 * k),
                        line,
                        fontName=bold,
                        fontSize=7 * scale,
                        textAnchor="middle",
                    )
                )
        d.add(
            Line(
                0,
                y(flowchart.HEADER_H),
                chart.width * scale,
                y(flowchart.HEADER_H),
                strokeColor=colors.grey,
            )
        )
        for node in nodes:
            _node(d, node, y, scale, regular)
        for edge in chart.edges:
            pts = edge.points
            if not any(top <= py <= bottom for _, py in pts):
                continue
            flat: list[float] = []
            for px, py in pts:
                flat += [px * scale, y(min(max(py, top), bottom))]
            d.add(PolyLine(flat, strokeColor=colors.HexColor("#475467"), strokeWidth=0.8))
            if edge.label:
                d.add(
                    String(
                        flat[0] + 3,
                        flat[1] - 9 * scale,
                        edge.label,
                        fontName=regular,
                        fontSize=6.5 * scale,
                    )
                )
        drawings.append(d)
    return drawings


def _node(d: Drawing, node: flowchart.Node, y: Any, scale: float, font: str) -> None:
    stroke = SEVERITY_COLOR.get(node.worst or "", colors.HexColor("#1f4e79"))
    width = 1.8 if node.worst else 0.9
    fill = colors.HexColor("#fff4ed") if node.worst else colors.white
    cx, cy = node.cx * scale, y(node.cy)
    w, h = node.w * scale, node.h * scale
    if node.shape == "decision":
        d.add(
            Polygon(
                [cx, cy + h / 2, cx + w / 2, cy, cx, cy - h / 2, cx - w / 2, cy],
                strokeColor=stroke,
                strokeWidth=width,
                fillColor=fill,
            )
        )
    elif node.shape == "connector":
        d.add(GCircle(cx, cy, w / 2, strokeColor=stroke, strokeWidth=width, fillColor=fill))
    else:
        radius = h / 2 if node.shape in ("start", "end") else 0
        d.add(
            Rect(
                cx - w / 2,
                cy - h / 2,
                w,
                h,
                rx=radius,
                ry=radius,
                strokeColor=stroke,
                strokeWidth=width,
                fillColor=fill,
            )
        )
    d.add(
        String(
            cx,
            cy - 3 * scale,
            str(node.number),
            fontName=font,
            fontSize=8 * scale,
            textAnchor="middle",
        )
    )
    for k, line in enumerate(node.activity_lines):
        d.add(
            String(4 * scale, y(node.row_y + 16 + 11 * k), line, fontName=font, fontSize=7 * scale)
        )


def render(ex: ExportSet) -> bytes:
    st = _styles()
    buf = io.BytesIO()
    pagesize = landscape(A4)
    doc_tpl = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=ex.title,
        author="sopcheck",
    )
    width = pagesize[0] - 30 * mm - 2 * FRAME_PAD
    height = pagesize[1] - 24 * mm - 2 * FRAME_PAD - HEADING_ROOM
    story: list[Any] = []
    if ex.audit is None and len(ex.docs) == 1:
        doc = ex.docs[0]
        story += _header(ex, doc, st)
        story += [_summary(ex, doc, st), Spacer(1, 4 * mm), p(ex.t("findings"), st["h2"])]
        story += _findings(ex, doc, st)
        if doc.record and doc.record.get("steps"):
            chart = flowchart.layout(doc.record, doc.findings, ex.t("yes"), ex.t("no"))
            story += [PageBreak(), p(ex.t("flowchart"), st["h2"])]
            for k, drawing in enumerate(_chart_drawings(chart, width, height, ex)):
                story += [PageBreak()] if k else []
                story += [drawing]
    else:
        story += _header(ex, None, st)
        story += _audit_summary(ex, st, width)
        for doc in ex.docs:
            story += [PageBreak(), p(f"{doc.agency or '-'} — {doc.path}", st["h2"])]
            if doc.title:
                story.append(p(doc.title, st["h3"]))
            if doc.summary is not None:
                story += [_summary(ex, doc, st), Spacer(1, 3 * mm)]
            story += _findings(ex, doc, st)
    doc_tpl.build(story)
    return buf.getvalue()


def _audit_summary(ex: ExportSet, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    keys = ("opd", "documents_count", "failed", "errors", "warnings", "score")
    rows: list[list[Any]] = [[p(ex.t(k), st["small"]) for k in keys]]
    for agency in ex.agencies():
        docs = [d for d in ex.docs if (d.agency or "-") == agency]
        read = [d for d in docs if d.summary is not None]
        mean = round(sum(d.count("score") or 0 for d in read) / len(read)) if read else "-"
        rows.append(
            [
                p(agency, st["body"]),
                len(docs),
                len(docs) - len(read),
                sum(d.count("errors") or 0 for d in read),
                sum(d.count("warnings") or 0 for d in read),
                mean,
            ]
        )
    share = width / 6
    return [p(ex.t("per_opd"), st["h2"]), _table(rows, [share * 2] + [share * 0.8] * 5)]
