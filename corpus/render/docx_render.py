"""DOCX of an SOP AP with python-docx plus raw DrawingML for the flowchart.

The identity and the six boxes are tables; the flowchart is a table whose two-level
header uses ``gridSpan``/``vMerge`` merges and repeats on every page. Each step's
shape is a ``wps:wsp`` with ``a:prstGeom prst="flowChartTerminator|flowChartProcess|
flowChartDecision"`` anchored in the actor's cell paragraph at an offset; arrows are
``straightConnector1`` segments with a triangle tail, anchored in the source step's
cell; "Ya"/"Tidak" are small text boxes. Row heights are set (at least) to the
heights :mod:`corpus.render.flow` computed, so the offsets hold in Word and
LibreOffice unless a word processor wraps a cell's text onto more lines. The zip is
written with fixed timestamps so the bytes are reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from reportlab.lib.pagesizes import A4, landscape

from corpus.render.flow import PAD_X, PAD_Y, Column, FlowPlan, Node, plan
from corpus.render.spec import Spec, approver_lines, format_date, format_nip, identity_value

MARGIN = 28.0
EMU_PER_PT = 12700
FIXED_TIME = (2023, 1, 1, 0, 0, 0)
SHAPE_PRESETS = {
    "start": "flowChartTerminator",
    "end": "flowChartTerminator",
    "process": "flowChartProcess",
    "decision": "flowChartDecision",
    "connector": "flowChartConnector",
    "offpage": "flowChartOffpageConnector",
}
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _emu(pt: float) -> int:
    return round(pt * EMU_PER_PT)


class _Drawings:
    """Builds anchored DrawingML shapes with document-unique ids."""

    def __init__(self) -> None:
        self.next_id = 1

    def anchor(self, x: float, y: float, w: float, h: float, body: str, name: str) -> str:
        """An anchor at (x, y) points from the cell's text column / paragraph top."""
        n = self.next_id
        self.next_id += 1
        return (
            f'<w:r {NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
            f'simplePos="0" relativeHeight="{251658240 + n}" behindDoc="0" locked="0" '
            f'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{_emu(x)}</wp:posOffset>'
            f'</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>{_emu(y)}'
            f'</wp:posOffset></wp:positionV><wp:extent cx="{_emu(w)}" cy="{_emu(h)}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{n}" name="{name} {n}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{WPS_URI}">{body}</a:graphicData></a:graphic>'
            f"</wp:anchor></w:drawing></w:r>"
        )

    @staticmethod
    def _line(width_pt: float, arrow: bool) -> str:
        tail = '<a:tailEnd type="triangle" w="med" len="med"/>' if arrow else ""
        return (
            f'<a:ln w="{_emu(width_pt)}"><a:solidFill><a:srgbClr val="000000"/>'
            f"</a:solidFill>{tail}</a:ln>"
        )

    def shape(self, kind: str, x: float, y: float, w: float, h: float) -> str:
        body = (
            f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>'
            f'<a:prstGeom prst="{SHAPE_PRESETS[kind]}"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>{self._line(0.8, False)}'
            f"</wps:spPr><wps:bodyPr/></wps:wsp>"
        )
        return self.anchor(x, y, w, h, body, "Flowchart")

    def segment(self, p0: tuple[float, float], p1: tuple[float, float], arrow: bool) -> str:
        (x0, y0), (x1, y1) = p0, p1
        w, h = abs(x1 - x0), abs(y1 - y0)
        flips = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
        body = (
            f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm{flips}><a:off x="0" y="0"/>'
            f'<a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>'
            f'<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
            f"{self._line(0.6, arrow)}</wps:spPr><wps:bodyPr/></wps:wsp>"
        )
        return self.anchor(min(x0, x1), min(y0, y1), w, h, body, "Connector")

    def label(self, text: str, x: float, y: float, w: float, h: float, align: str) -> str:
        jc = "right" if align == "right" else "left"
        body = (
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            f"</a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>"
            f'<w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{jc}"/>'
            f'</w:pPr><w:r><w:rPr><w:sz w:val="12"/></w:rPr><w:t>{escape(text)}</w:t></w:r></w:p>'
            f"</w:txbxContent></wps:txbx>"
            f'<wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0"/></wps:wsp>'
        )
        return self.anchor(x, y, w, h, body, "Label")


# --------------------------------------------------------------------------- helpers


def _shade(cell, fill: str | None) -> None:
    if not fill:
        return
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(
        parse_xml(f'<w:shd {NS} w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>')
    )


def _para(cell_or_doc, text: str, bold: bool = False, size: float = 8, align=None, first=False):
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    return p


def _tbl_pr_add(table, xml: str) -> None:
    """Add a table property in schema order (before ``w:tblLook``, which Word wants last)."""
    tbl_pr = table._tbl.tblPr
    el = parse_xml(xml)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(el)
    else:
        tbl_pr.append(el)


def _borders(table) -> None:
    edges = "".join(
        f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    _tbl_pr_add(table, f"<w:tblBorders {NS}>{edges}</w:tblBorders>")


def _widths(table, widths_pt: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_pt, strict=True):
        col.set(qn("w:w"), str(round(w * 20)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_pt, strict=False):
            cell.width = Emu(_emu(w))
    _tbl_pr_add(table, f'<w:tblLayout {NS} w:type="fixed"/>')


def _cell_margins(table, lr: float, tb: float) -> None:
    m = "".join(
        f'<w:{side} w:w="{round(v * 20)}" w:type="dxa"/>'
        for side, v in (("top", tb), ("left", lr), ("bottom", tb), ("right", lr))
    )
    _tbl_pr_add(table, f"<w:tblCellMar {NS}>{m}</w:tblCellMar>")


# --------------------------------------------------------------------------- parts


def _identity(doc, spec: Spec, width: float) -> None:
    il = spec.layout.identity_labels
    keys = ("number", "created", "revised", "effective", "approved_by", "title")
    t = doc.add_table(rows=len(keys), cols=3)
    _borders(t)
    _widths(t, [width * 0.36, width * 0.17, width * 0.47])
    left = t.cell(0, 0).merge(t.cell(len(keys) - 1, 0))
    _para(left, "LOGO", bold=True, size=7, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
    ident = spec.record.identity
    for s in (ident.agency, ident.unit):
        if s:
            _para(left, s.upper(), bold=True, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    for r, key in enumerate(keys):
        _para(t.cell(r, 1), il[key], first=True)
        val = t.cell(r, 2)
        if key == "approved_by":
            lines = approver_lines(spec)
            for k, ln in enumerate(lines):
                _para(val, ln, first=k == 0)
                if k == 0:
                    _para(val, "")
                    _para(val, "")
        else:
            _para(val, identity_value(spec, key), bold=key == "title", first=True)


def _boxes(doc, spec: Spec, width: float) -> None:
    boxes = spec.boxes
    pairs = [boxes[k : k + 2] for k in range(0, len(boxes), 2)]
    t = doc.add_table(rows=2 * len(pairs), cols=2)
    _borders(t)
    _widths(t, [width / 2, width / 2])
    for r, pair in enumerate(pairs):
        for c, (_, title, items) in enumerate(pair):
            head = t.cell(2 * r, c)
            _para(head, title, bold=True, first=True)
            _shade(head, spec.layout.header_fill)
            body = t.cell(2 * r + 1, c)
            if not items:
                _para(body, "-", first=True)
            for k, item in enumerate(items, 1):
                text = f"{k}. {item}" if len(items) > 1 else item
                p = _para(body, text, first=k == 1)
                if len(items) > 1:
                    p.paragraph_format.left_indent = Pt(12)
                    p.paragraph_format.first_line_indent = Pt(-12)


def _flow_table(doc, spec: Spec, fp: FlowPlan) -> None:
    cols = fp.columns
    n_steps = len(spec.record.steps)
    t = doc.add_table(rows=2 + n_steps, cols=len(cols))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(t)
    _widths(t, [c.x1 - c.x0 for c in cols])
    _cell_margins(t, PAD_X, 0)
    # python-docx rebuilds the whole cell grid on every table.cell(): take the rows once
    rows = list(t.rows)
    head = [rows[0].cells, rows[1].cells]
    body = [r.cells for r in rows[2:]]
    page = fp.pages[0]
    hl = spec.layout.header_labels
    size = fp.font_size
    fill = spec.layout.header_fill
    for r, h in ((0, page.header_mid - page.table_top), (1, page.header_bottom - page.header_mid)):
        tr_pr = rows[r]._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f'<w:trHeight {NS} w:val="{round(h * 20)}" w:hRule="atLeast"/>'))
        tr_pr.append(parse_xml(f"<w:tblHeader {NS}/>"))
    grouped = {"role": hl["roles_group"], "requirements": hl["quality_group"]}
    for key, label in grouped.items():
        idx = [
            k
            for k, c in enumerate(cols)
            if (c.key == "role") == (key == "role")
            and c.key in ("role", "requirements", "time", "output")
        ]
        if idx:
            cell = head[0][idx[0]].merge(head[0][idx[-1]]) if len(idx) > 1 else head[0][idx[0]]
            _para(cell, label, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
            for k in idx:
                _para(
                    head[1][k],
                    cols[k].label,
                    bold=True,
                    size=size,
                    align=WD_ALIGN_PARAGRAPH.CENTER,
                    first=True,
                )
    for k, c in enumerate(cols):
        if c.key in ("no", "activity", "notes"):
            cell = head[0][k].merge(head[1][k])
            _para(cell, c.label, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
    shaded: list = []  # the cell elements themselves (kept alive, compared by identity)
    for r in (0, 1):
        for cell in rows[r].cells:
            if not any(tc is cell._tc for tc in shaded):
                shaded.append(cell._tc)
                _shade(cell, fill)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if spec.layout.role_labels == "vertical":
        for k, c in enumerate(cols):
            if c.key == "role":
                # turned to read upwards (Word's "rotate text up"), before vAlign as the
                # schema orders a cell's properties
                tc_pr = head[1][k]._tc.get_or_add_tcPr()
                direction = parse_xml(f'<w:textDirection {NS} w:val="btLr"/>')
                v_align = tc_pr.find(qn("w:vAlign"))
                if v_align is not None:
                    v_align.addprevious(direction)
                else:
                    tc_pr.append(direction)
    for row in fp.rows:
        tr_pr = rows[2 + row.step]._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:cantSplit {NS}/>"))
        tr_pr.append(
            parse_xml(
                f'<w:trHeight {NS} w:val="{round((row.bottom - row.top) * 20)}" w:hRule="atLeast"/>'
            )
        )
        cell_text = fp.cells[row.step]
        for k, c in enumerate(cols):
            p = body[row.step][k].paragraphs[0]
            p.paragraph_format.space_before = Pt(PAD_Y)
            p.paragraph_format.line_spacing = Pt(fp.leading)
            text = cell_text.get(c.key, "")
            for j, part in enumerate(text.split("\n")):
                if j:
                    p.add_run().add_break()
                run = p.add_run(part)
                run.font.size = Pt(size)
            if c.key == "no":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _draw(body, fp)


def _draw(body: list, fp: FlowPlan) -> None:
    """Shapes, connectors and branch labels as anchored DrawingML in the role cells."""
    dr = _Drawings()
    rcols = fp.role_columns()

    def origin(node: Node) -> tuple[Column, float, float, object]:
        col = rcols[node.col]
        row = fp.rows[node.step]
        cell = body[node.step][fp.columns.index(col)]
        return col, col.x0 + PAD_X, row.top + PAD_Y, cell.paragraphs[0]

    def put(paragraph, xml: str) -> None:
        paragraph._p.append(parse_xml(xml))

    for node in fp.nodes:
        if node.step is None:
            continue
        _, ox, oy, p = origin(node)
        b = node.box
        put(p, dr.shape(node.kind, b.x0 - ox, b.y0 - oy, b.x1 - b.x0, b.y1 - b.y0))
    for conn in fp.connectors:
        src = fp.step_node(conn.src_step) if conn.src_step is not None else None
        if src is None:
            continue
        _, ox, oy, p = origin(src)
        pts = [(x - ox, y - oy) for x, y in conn.points]
        for k in range(len(pts) - 1):
            put(p, dr.segment(pts[k], pts[k + 1], arrow=k == len(pts) - 2))
        if conn.label_at:
            x, base, align = conn.label_at
            w, h = 22.0, 8.0
            lx = (x - w if align == "right" else x) - ox
            put(p, dr.label(conn.label, lx, base - 6.5 - oy, w, h, align))


def _signature(doc, spec: Spec, width: float) -> None:
    sig = spec.record.signature
    if sig is None:
        return
    indent = Pt(width - 230)

    def line(text: str, bold: bool = False) -> None:
        p = _para(doc, text, bold=bold, size=8.5, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.left_indent = indent

    doc.add_paragraph()
    line(", ".join(x for x in (sig.place, format_date(sig.date)) if x))
    line(sig.position or "")
    for _ in range(3):
        line("")
    line(sig.name or "", bold=True)
    if sig.rank:
        line(sig.rank)
    if sig.nip:
        line(format_nip(sig.nip))


def _deterministic_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(spec: Spec, path: Path) -> None:
    """Write the DOCX (byte-identical for the same spec)."""
    doc = Document()
    sec = doc.sections[0]
    w, h = A4 if spec.layout.orientation == "portrait" else landscape(A4)
    sec.orientation = (
        WD_ORIENT.PORTRAIT if spec.layout.orientation == "portrait" else WD_ORIENT.LANDSCAPE
    )
    sec.page_width, sec.page_height = Emu(_emu(w)), Emu(_emu(h))
    for attr in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, attr, Emu(_emu(MARGIN)))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(8)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    props = doc.core_properties
    props.title = spec.record.identity.title or spec.id
    props.author = spec.record.identity.agency or ""
    props.last_modified_by = props.author
    props.created = props.modified = dt.datetime(*FIXED_TIME)
    props.revision = 1
    width = w - 2 * MARGIN
    _identity(doc, spec, width)
    doc.add_paragraph()
    _boxes(doc, spec, width)
    brk = doc.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    title = (spec.record.identity.title or "").upper()
    _para(doc, title, bold=True, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    fp = plan(spec, w, h, MARGIN, first_page=0, paginate=False)
    _flow_table(doc, spec, fp)
    _signature(doc, spec, width)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_deterministic_zip(buf.getvalue()))
