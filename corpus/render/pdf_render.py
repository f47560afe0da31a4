"""Digital PDF of an SOP AP drawn with reportlab (Permen PANRB 35/2012 layout).

Page 1: the identity table (logo and agency on the left; number, dates, approval and
title on the right) and the grid of the six boxes. Then the flowchart table, its
two-level header repeated on every page, one row per step, the flowchart shapes in
the actor's role cell (capsule, rectangle, diamond) joined by arrows; then the
signature block. Standard fonts only (not embedded), ``invariant=1`` for
byte-identical output.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from corpus.render.flow import (
    FONT,
    FONT_BOLD,
    PAD_X,
    PAD_Y,
    Box,
    FlowPlan,
    Node,
    Page,
    label_size,
    plan,
    vertical_label,
    wrap,
)
from corpus.render.spec import (
    Spec,
    approver_lines,
    format_date,
    format_nip,
    identity_value,
    labels,
)

MARGIN = 28.0
SIGN_SPACE = 34.0  # room for the wet signature and stamp
SIGN_W = 230.0
SHAPE_LINE = 0.8
CONNECTOR_LINE = 0.6
ARROW_LEN, ARROW_HALF = 5.0, 2.4


class _Pdf:
    """A canvas working in top-down coordinates."""

    def __init__(self, spec: Spec, path: Path):
        self.spec = spec
        size = A4 if spec.layout.orientation == "portrait" else landscape(A4)
        self.w, self.h = size
        self.c = Canvas(str(path), pagesize=size, invariant=1, pageCompression=1)
        self.c.setTitle(spec.record.identity.title or spec.id)
        self.c.setAuthor(spec.record.identity.agency or "")
        self.c.setCreator("sopcheck corpus renderer")
        self.fill = HexColor(spec.layout.header_fill) if spec.layout.header_fill else None
        self.rule = spec.layout.rule_width
        self.page = 0

    # -- primitives
    def y(self, top: float) -> float:
        return self.h - top

    def text(
        self,
        x: float,
        baseline: float,
        s: str,
        font: str = FONT,
        size: float = 7.0,
        align: str = "left",
    ) -> None:
        self.c.setFont(font, size)
        self.c.setFillColor(black)
        if align == "center":
            self.c.drawCentredString(x, self.y(baseline), s)
        elif align == "right":
            self.c.drawRightString(x, self.y(baseline), s)
        else:
            self.c.drawString(x, self.y(baseline), s)

    def lines_in(
        self,
        box: Box,
        lines: list[str],
        font: str,
        size: float,
        leading: float,
        align: str = "left",
        valign: str = "top",
    ) -> None:
        block = len(lines) * leading
        middle = box.y0 + (box.y1 - box.y0 - block) / 2
        top = middle if valign == "middle" else box.y0 + PAD_Y
        for k, line in enumerate(lines):
            base = top + k * leading + size * 0.85
            if align == "center":
                self.text(box.cx, base, line, font, size, "center")
            else:
                self.text(box.x0 + PAD_X, base, line, font, size)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float | None = None) -> None:
        self.c.setLineWidth(self.rule if width is None else width)
        self.c.setStrokeColor(black)
        self.c.line(x0, self.y(y0), x1, self.y(y1))

    def frame(self, box: Box, fill=None) -> None:
        self.c.setLineWidth(self.rule)
        self.c.setStrokeColor(black)
        if fill is not None:
            self.c.setFillColor(fill)
        self.c.rect(
            box.x0,
            self.y(box.y1),
            box.x1 - box.x0,
            box.y1 - box.y0,
            stroke=1,
            fill=1 if fill is not None else 0,
        )

    def new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1


# --------------------------------------------------------------------------- identity page

ID_SIZE, ID_LEADING = 8.5, 10.5


def _identity(pdf: _Pdf) -> float:
    spec = pdf.spec
    il = spec.layout.identity_labels
    x0, x1 = MARGIN, pdf.w - MARGIN
    width = x1 - x0
    left_w, label_w = width * 0.36, width * 0.17
    vx = x0 + left_w + label_w
    val_w = x1 - vx - 2 * PAD_X
    rows: list[tuple[str, list[str], float]] = []
    for key in ("number", "created", "revised", "effective", "approved_by", "title"):
        if key == "approved_by":
            appr = approver_lines(spec)
            wrapped = [ln for s in appr[:1] for ln in wrap(s, FONT, ID_SIZE, val_w)]
            rest = [ln for s in appr[1:] for ln in wrap(s, FONT, ID_SIZE, val_w)]
            h = (len(wrapped) + len(rest)) * ID_LEADING + 2 * PAD_Y + SIGN_SPACE
            rows.append((il[key], [*wrapped, "", *rest], h))
            continue
        font = FONT_BOLD if key == "title" else FONT
        lines = wrap(identity_value(spec, key), font, ID_SIZE, val_w)
        rows.append((il[key], lines, max(len(lines), 1) * ID_LEADING + 2 * PAD_Y + 2))
    top = MARGIN
    y = top
    for k, (label, lines, h) in enumerate(rows):
        lb = Box(x0 + left_w, y, vx, y + h)
        vb = Box(vx, y, x1, y + h)
        pdf.frame(lb)
        pdf.frame(vb)
        pdf.lines_in(lb, wrap(label, FONT, ID_SIZE, label_w - 2 * PAD_X), FONT, ID_SIZE, ID_LEADING)
        if lines and lines[0] != "" and "" in lines:  # approval: signature space after position
            gap = lines.index("")
            pdf.lines_in(Box(vx, y, x1, y + h), lines[:gap], FONT, ID_SIZE, ID_LEADING)
            lower = Box(vx, y + PAD_Y + gap * ID_LEADING + SIGN_SPACE, x1, y + h)
            pdf.lines_in(lower, lines[gap + 1 :], FONT, ID_SIZE, ID_LEADING)
        else:
            font = FONT_BOLD if k == len(rows) - 1 else FONT
            pdf.lines_in(vb, lines, font, ID_SIZE, ID_LEADING)
        y += h
    left = Box(x0, top, x0 + left_w, y)
    pdf.frame(left)
    _logo(pdf, left.cx, top + 12)
    ident = spec.record.identity
    names = [
        ln
        for s in (ident.agency or "", ident.unit or "")
        if s
        for ln in wrap(s.upper(), FONT_BOLD, 10, left_w - 20)
    ]
    pdf.lines_in(Box(left.x0, top + 70, left.x1, y), names, FONT_BOLD, 10, 12.5, "center")
    return y


def _logo(pdf: _Pdf, cx: float, top: float) -> None:
    """A plain shield standing in for the regency's emblem, with the word LOGO."""
    c = pdf.c
    c.setLineWidth(1.0)
    p = c.beginPath()
    w, h = 40, 48
    p.moveTo(cx - w / 2, pdf.y(top))
    p.lineTo(cx + w / 2, pdf.y(top))
    p.lineTo(cx + w / 2, pdf.y(top + h * 0.55))
    p.curveTo(cx + w / 2, pdf.y(top + h * 0.8), cx + 4, pdf.y(top + h * 0.92), cx, pdf.y(top + h))
    p.curveTo(
        cx - 4,
        pdf.y(top + h * 0.92),
        cx - w / 2,
        pdf.y(top + h * 0.8),
        cx - w / 2,
        pdf.y(top + h * 0.55),
    )
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    pdf.text(cx, top + h * 0.5, labels()["logo_text"], FONT_BOLD, 7, "center")


BOX_SIZE, BOX_LEADING = 8.0, 10.0


def _box_lines(items: list[str], width: float) -> list[tuple[str, str]]:
    """(number, line) pairs with a hanging indent; a lone item is not numbered."""
    if not items:
        return [("", labels()["empty_box"])]
    out: list[tuple[str, str]] = []
    for k, item in enumerate(items, 1):
        num = f"{k}." if len(items) > 1 else ""
        for j, ln in enumerate(wrap(item, FONT, BOX_SIZE, width - (14 if num else 0))):
            out.append((num if j == 0 else " " if num else "", ln))
    return out


def _boxes(pdf: _Pdf, y: float) -> float:
    boxes = pdf.spec.boxes
    x0, x1 = MARGIN, pdf.w - MARGIN
    half = (x1 - x0) / 2
    title_h = BOX_LEADING + 2 * PAD_Y
    y += 8
    for k in range(0, len(boxes), 2):
        pair = boxes[k : k + 2]
        contents = [_box_lines(items, half - 2 * PAD_X) for _, _, items in pair]
        h = max(len(c) for c in contents) * BOX_LEADING + 2 * PAD_Y + 2
        if y + title_h + h > pdf.h - MARGIN:
            pdf.new_page()
            y = MARGIN
        for j, ((_, title, _), lines) in enumerate(zip(pair, contents, strict=True)):
            bx = x0 + j * half
            tb = Box(bx, y, bx + half, y + title_h)
            pdf.frame(tb, pdf.fill)
            pdf.lines_in(tb, [title], FONT_BOLD, BOX_SIZE, BOX_LEADING)
            cb = Box(bx, y + title_h, bx + half, y + title_h + h)
            pdf.frame(cb)
            for n, (num, ln) in enumerate(lines):
                base = cb.y0 + PAD_Y + n * BOX_LEADING + BOX_SIZE * 0.85
                if num.strip():
                    pdf.text(cb.x0 + PAD_X, base, num, FONT, BOX_SIZE)
                pdf.text(cb.x0 + PAD_X + (14 if num else 0), base, ln, FONT, BOX_SIZE)
        y += title_h + h
    return y


# --------------------------------------------------------------------------- flowchart


def _header(pdf: _Pdf, fp: FlowPlan, page: Page) -> None:
    cols = fp.columns
    x0, x1 = cols[0].x0, cols[-1].x1
    top, mid, bot = page.table_top, page.header_mid, page.header_bottom
    size, lead = fp.font_size, fp.leading
    if pdf.fill is not None:
        pdf.c.setFillColor(pdf.fill)
        pdf.c.rect(x0, pdf.y(bot), x1 - x0, bot - top, stroke=0, fill=1)
    hl = pdf.spec.layout.header_labels
    groups = {"role": hl["roles_group"], "requirements": hl["quality_group"]}
    grouped = ("role", "requirements", "time", "output")
    for key, label in groups.items():
        members = [c for c in cols if (c.key == "role") == (key == "role") and c.key in grouped]
        if members:
            b = Box(members[0].x0, top, members[-1].x1, mid)
            pdf.lines_in(b, [label], FONT_BOLD, size, lead, "center", "middle")
            pdf.line(b.x0, mid, b.x1, mid)
    for c in cols:
        inner = c.key in grouped
        b = Box(c.x0, mid if inner else top, c.x1, bot)
        if c.key == "role" and pdf.spec.layout.role_labels == "vertical":
            _turned_lines(pdf, b, vertical_label(c, size, lead), size, lead)
            continue
        w = c.x1 - c.x0 - 2 * PAD_X
        ls = label_size(c.label, w, size)
        pdf.lines_in(b, wrap(c.label, FONT_BOLD, ls, w), FONT_BOLD, ls, lead, "center", "middle")
    pdf.line(x0, bot, x1, bot)
    pdf.line(x0, top, x1, top)


def _turned_lines(pdf: _Pdf, box: Box, lines: list[str], size: float, lead: float) -> None:
    """Bold lines turned a quarter anticlockwise (reading upwards), centred in ``box``:
    the first line leftmost."""
    left = box.cx - len(lines) * lead / 2
    pdf.c.setFont(FONT_BOLD, size)
    pdf.c.setFillColor(black)
    for k, line in enumerate(lines):
        pdf.c.saveState()
        pdf.c.translate(left + k * lead + size * 0.85, pdf.y(box.cy))
        pdf.c.rotate(90)
        pdf.c.drawCentredString(0, 0, line)
        pdf.c.restoreState()


def _grid(pdf: _Pdf, fp: FlowPlan, page: Page) -> None:
    cols = fp.columns
    x0, x1 = cols[0].x0, cols[-1].x1
    bottom = page.table_bottom
    grouped = ("role", "requirements", "time", "output")
    for k, c in enumerate(cols):
        # a boundary inside a header group starts below the group label
        inside = (
            k > 0
            and c.key in grouped
            and cols[k - 1].key in grouped
            and ((c.key == "role") == (cols[k - 1].key == "role"))
        )
        pdf.line(c.x0, page.header_mid if inside else page.table_top, c.x0, bottom)
    pdf.line(x1, page.table_top, x1, bottom)
    for row in page.rows:
        pdf.line(x0, row.bottom, x1, row.bottom)


def _cells(pdf: _Pdf, fp: FlowPlan, page: Page) -> None:
    for row in page.rows:
        cell = fp.cells[row.step]
        for c in fp.columns:
            if c.key not in cell or not cell[c.key]:
                continue
            lines = wrap(cell[c.key], FONT, fp.font_size, c.x1 - c.x0 - 2 * PAD_X)
            b = Box(c.x0, row.top, c.x1, row.bottom)
            pdf.lines_in(
                b, lines, FONT, fp.font_size, fp.leading, "center" if c.key == "no" else "left"
            )


def _shape(pdf: _Pdf, node: Node) -> None:
    c, b = pdf.c, node.box
    c.setLineWidth(SHAPE_LINE)
    c.setStrokeColor(black)
    c.setFillColor(white)
    x, y, w, h = b.x0, pdf.y(b.y1), b.x1 - b.x0, b.y1 - b.y0
    if node.kind in ("start", "end"):
        c.roundRect(x, y, w, h, h / 2, stroke=1, fill=1)
    elif node.kind == "process":
        c.rect(x, y, w, h, stroke=1, fill=1)
    elif node.kind == "connector":
        c.circle(b.cx, pdf.y(b.cy), w / 2, stroke=1, fill=1)
    else:
        p = c.beginPath()
        if node.kind == "decision":
            pts = [(b.cx, b.y0), (b.x1, b.cy), (b.cx, b.y1), (b.x0, b.cy)]
        else:  # off-page connector: a pentagon pointing down
            pts = [
                (b.x0, b.y0),
                (b.x1, b.y0),
                (b.x1, b.y0 + h * 0.6),
                (b.cx, b.y1),
                (b.x0, b.y0 + h * 0.6),
            ]
        p.moveTo(pts[0][0], pdf.y(pts[0][1]))
        for px, py in pts[1:]:
            p.lineTo(px, pdf.y(py))
        p.close()
        c.drawPath(p, stroke=1, fill=1)
        if node.label:
            pdf.text(b.cx, b.y0 + h * 0.5, node.label, FONT_BOLD, 6, "center")


def _arrow(pdf: _Pdf, pts: list[tuple[float, float]]) -> None:
    c = pdf.c
    c.setLineWidth(CONNECTOR_LINE)
    c.setStrokeColor(black)
    (ax, ay), (bx, by) = pts[-2], pts[-1]
    dx, dy = bx - ax, by - ay
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    # the line stops at the arrowhead's base
    end = (bx - ux * ARROW_LEN, by - uy * ARROW_LEN)
    path = c.beginPath()
    path.moveTo(pts[0][0], pdf.y(pts[0][1]))
    for px, py in [*pts[1:-1], end]:
        path.lineTo(px, pdf.y(py))
    c.drawPath(path, stroke=1, fill=0)
    head = c.beginPath()
    head.moveTo(bx, pdf.y(by))
    head.lineTo(end[0] - uy * ARROW_HALF, pdf.y(end[1] + ux * ARROW_HALF))
    head.lineTo(end[0] + uy * ARROW_HALF, pdf.y(end[1] - ux * ARROW_HALF))
    head.close()
    c.setFillColor(black)
    c.drawPath(head, stroke=0, fill=1)


def _flowchart(pdf: _Pdf, fp: FlowPlan) -> None:
    for page in fp.pages:
        pdf.new_page()
        if page.title:
            title = (pdf.spec.record.identity.title or "").upper()
            pdf.text(pdf.w / 2, MARGIN + 11, title, FONT_BOLD, 10, "center")
        _header(pdf, fp, page)
        _cells(pdf, fp, page)
        _grid(pdf, fp, page)
        for conn in fp.connectors:
            if conn.page == pdf.page:
                _arrow(pdf, conn.points)
        for node in fp.nodes:
            if node.page == pdf.page:
                _shape(pdf, node)
        for conn in fp.connectors:
            if conn.page == pdf.page and conn.label_at:
                x, base, align = conn.label_at
                pdf.text(x, base, conn.label, FONT, 6, align)


def _signature(pdf: _Pdf, y: float) -> None:
    sig = pdf.spec.record.signature
    if sig is None:
        return
    size, lead = 8.5, 11.0
    x0 = pdf.w - MARGIN - SIGN_W
    upper = [", ".join(x for x in (sig.place, format_date(sig.date)) if x)]
    upper += wrap(sig.position or "", FONT, size, SIGN_W)
    lower = [sig.name or "", sig.rank or "", format_nip(sig.nip)]
    lower = [x for x in lower if x]
    need = (len(upper) + len(lower)) * lead + SIGN_SPACE + 20
    y += 18
    if y + need > pdf.h - MARGIN:
        pdf.new_page()
        y = MARGIN + 10
    box = Box(x0, y, x0 + SIGN_W, y + need)
    pdf.lines_in(box, [u for u in upper if u], FONT, size, lead, "center")
    y2 = y + len(upper) * lead + SIGN_SPACE
    for k, ln in enumerate(lower):
        font = FONT_BOLD if k == 0 else FONT
        pdf.text(box.cx, y2 + PAD_Y + k * lead + size * 0.85, ln, font, size, "center")


def render_pdf(spec: Spec, path: Path) -> int:
    """Write the digital PDF; returns its page count."""
    pdf = _Pdf(spec, path)
    pdf.new_page()
    y = _identity(pdf)
    _boxes(pdf, y)
    fp = plan(spec, pdf.w, pdf.h, MARGIN, first_page=pdf.page + 1)
    _flowchart(pdf, fp)
    _signature(pdf, fp.pages[-1].table_bottom)
    pdf.c.showPage()
    pdf.c.save()
    return pdf.page
