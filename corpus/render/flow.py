"""Geometry of the flowchart table, shared by the PDF and DOCX renderers.

Everything is in PDF points with the origin at the top-left of the page. The plan
holds the leaf columns, the row bands per page (the header is repeated on every
page), the flowchart nodes (one shape per step with an actor, plus off-page
connectors where an arrow crosses a page break) and the connectors as polylines
with their "Ya"/"Tidak" labels. The DOCX renderer plans one endless page and lets
the word processor paginate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from corpus.render.spec import Spec, labels, step_cells

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
PAD_X = 3.0  # cell padding, left/right
PAD_Y = 3.0  # cell padding, top/bottom
VERTICAL_LINE = 70.0  # the longest line (pt) of a role name set turned upright
OFFPAGE_RESERVE = 24.0  # room for an off-page connector at a row's top or bottom
LANE_INSET = 5.0  # routing lane distance from a role cell's edge
TITLE_H = 20.0  # the SOP title line above the table on the first flowchart page

# Column width weights; role columns share what is left.
WEIGHTS = {"no": 0.032, "activity": 0.22, "requirements": 0.12, "time": 0.065, "output": 0.11}
NOTES_WEIGHT = 0.085
ROLE_MIN, ROLE_MAX = 48.0, 96.0


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Column:
    key: str  # no, activity, role, requirements, time, output, notes
    label: str
    x0: float
    x1: float
    role: int | None = None  # index into roles for role columns


@dataclass
class Row:
    step: int  # index into steps
    page: int  # index into plan pages
    top: float
    bottom: float
    top_reserve: float = 0.0
    bottom_reserve: float = 0.0


@dataclass
class Node:
    kind: str  # start, process, decision, end, connector, offpage
    box: Box
    page: int
    col: int  # role index
    step: int | None = None  # step index; None for off-page connectors
    label: str = ""


@dataclass
class Connector:
    page: int
    points: list[tuple[float, float]]
    label: str = ""
    label_at: tuple[float, float, str] | None = None  # x, baseline y, align (left/right)
    src_step: int | None = None  # the step the arrow leaves (its row anchors it in DOCX)


@dataclass
class Page:
    table_top: float  # top of the header
    header_mid: float  # boundary between the two header rows
    header_bottom: float
    rows: list[Row] = field(default_factory=list)
    title: bool = False

    @property
    def table_bottom(self) -> float:
        return self.rows[-1].bottom if self.rows else self.header_bottom


@dataclass
class FlowPlan:
    width: float
    height: float
    margin: float
    font_size: float
    leading: float
    columns: list[Column]
    pages: list[Page]
    rows: list[Row]
    nodes: list[Node]
    connectors: list[Connector]
    cells: list[dict[str, str]]

    def role_columns(self) -> list[Column]:
        return [c for c in self.columns if c.key == "role"]

    def step_node(self, step: int) -> Node | None:
        return next((n for n in self.nodes if n.step == step), None)


# --------------------------------------------------------------------------- text


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; over-long words break after '/' or '-' or, failing that, anywhere."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split():
            for piece in _split_long(word, font, size, width):
                trial = f"{cur} {piece}" if cur else piece
                if cur and stringWidth(trial, font, size) > width:
                    lines.append(cur)
                    cur = piece
                else:
                    cur = trial
        lines.append(cur)
    return lines if any(lines) else []


def _split_long(word: str, font: str, size: float, width: float) -> list[str]:
    if stringWidth(word, font, size) <= width:
        return [word]
    pieces, cur = [], ""
    for ch in word:
        if cur and stringWidth(cur + ch, font, size) > width:
            pieces.append(cur)
            cur = ""
        cur += ch
        if ch in "/-" and stringWidth(cur, font, size) > width / 2:
            pieces.append(cur)
            cur = ""
    if cur:
        pieces.append(cur)
    return pieces


# --------------------------------------------------------------------------- columns and rows


def plan_columns(spec: Spec, x0: float, width: float) -> list[Column]:
    hl = spec.layout.header_labels
    roles = spec.record.roles
    weights = dict(WEIGHTS)
    if spec.layout.keterangan:
        weights["notes"] = NOTES_WEIGHT
    fixed = sum(weights.values()) * width
    n = max(len(roles), 1)
    role_w = (width - fixed) / n
    scale = 1.0
    if role_w < ROLE_MIN:  # many roles: shrink the text columns, not below 60 %
        scale = max(0.6, (width - ROLE_MIN * n) / fixed)
    elif role_w > ROLE_MAX:  # few roles: give the surplus to the activity column
        weights["activity"] += (role_w - ROLE_MAX) * n / width
    widths = {k: w * width * scale for k, w in weights.items()}
    role_w = (width - sum(widths.values())) / n
    cols: list[Column] = []
    x = x0

    def add(key: str, label: str, w: float, role: int | None = None) -> None:
        nonlocal x
        cols.append(Column(key, label, x, x + w, role))
        x += w

    add("no", hl["no"], widths["no"])
    add("activity", hl["activity"], widths["activity"])
    for i, r in enumerate(roles):
        add("role", r, role_w, i)
    for key in ("requirements", "time", "output"):
        add(key, hl[key], widths[key])
    if spec.layout.keterangan:
        add("notes", hl["notes"], widths["notes"])
    return cols


def label_size(label: str, width: float, size: float) -> float:
    """A header label's font size: smaller until its longest word fits the column."""
    longest = max((stringWidth(w, FONT_BOLD, size) for w in label.split()), default=0)
    return max(min(size, size * width / longest), 5.0) if longest > width else size


def header_heights(
    spec: Spec, cols: list[Column], size: float, leading: float
) -> tuple[float, float]:
    """Heights of the group row (Pelaksana / Mutu Baku) and of the leaf-label row."""
    lower = 0
    turned = 0.0  # the longest line of a role name turned upright
    for c in cols:
        if c.key == "role" and spec.layout.role_labels == "vertical":
            turned = max(
                turned, *(stringWidth(t, FONT_BOLD, size) for t in vertical_label(c, size, leading))
            )
        elif c.key in ("role", "requirements", "time", "output"):
            w = c.x1 - c.x0 - 2 * PAD_X
            lower = max(lower, len(wrap(c.label, FONT_BOLD, label_size(c.label, w, size), w)))
    return leading + 2 * PAD_Y, max(max(lower, 1) * leading, turned) + 2 * PAD_Y


def vertical_label(col: Column, size: float, leading: float) -> list[str]:
    """A role name's lines when it is set turned to read upwards: as few lines as the
    column's width holds, each no longer than ``VERTICAL_LINE`` unless one word is."""
    fits = max(1, int((col.x1 - col.x0 - 2 * PAD_X) // leading))
    total = stringWidth(col.label, FONT_BOLD, size)
    width = max(VERTICAL_LINE, total / fits * 1.15)
    return wrap(col.label, FONT_BOLD, size, width)


def shape_size(kind: str, col_w: float) -> tuple[float, float]:
    if kind == "decision":
        return min(col_w - 16, 46), 28
    if kind == "connector":
        return 16, 16
    if kind == "offpage":
        return 16, 16
    return min(col_w - 14, 56), 19 if kind == "process" else 18


def row_height(
    spec: Spec,
    cols: list[Column],
    cell: dict[str, str],
    symbol: str | None,
    size: float,
    leading: float,
) -> float:
    n = 1
    for c in cols:
        if c.key in cell:
            n = max(n, len(wrap(cell[c.key], FONT, size, c.x1 - c.x0 - 2 * PAD_X)))
    min_h = 48.0 if symbol == "decision" else 40.0
    return max(n * leading + 2 * PAD_Y, min_h)


# --------------------------------------------------------------------------- plan


def plan(
    spec: Spec, width: float, height: float, margin: float, first_page: int, paginate: bool = True
) -> FlowPlan:
    """Lay out the flowchart table from ``first_page`` on (page indexes are global)."""
    portrait = spec.layout.orientation == "portrait"
    size = 6.5 if portrait else 7.0
    leading = size * 1.2
    cols = plan_columns(spec, margin, width - 2 * margin)
    h1, h2 = header_heights(spec, cols, size, leading)
    cells = step_cells(spec)
    steps = spec.record.steps
    heights = [
        row_height(spec, cols, c, s.symbol, size, leading)
        for c, s in zip(cells, steps, strict=True)
    ]
    limit = height - margin if paginate else float("inf")

    pages: list[Page] = []
    rows: list[Row] = []

    def new_page() -> Page:
        top = margin + (TITLE_H if not pages else 0)
        page = Page(top, top + h1, top + h1 + h2, title=not pages)
        pages.append(page)
        return page

    page = new_page()
    y = page.header_bottom
    for i, h in enumerate(heights):
        top_res = OFFPAGE_RESERVE if (page.rows == [] and len(pages) > 1) else 0.0
        if page.rows and y + h + OFFPAGE_RESERVE > limit:
            page.rows[-1].bottom += OFFPAGE_RESERVE
            page.rows[-1].bottom_reserve = OFFPAGE_RESERVE
            page = new_page()
            y = page.header_bottom
            top_res = OFFPAGE_RESERVE
        row = Row(i, first_page + len(pages) - 1, y, y + h + top_res, top_reserve=top_res)
        page.rows.append(row)
        rows.append(row)
        y = row.bottom

    fp = FlowPlan(width, height, margin, size, leading, cols, pages, rows, [], [], cells)
    _place_nodes(spec, fp)
    _connect(spec, fp)
    return fp


def _place_nodes(spec: Spec, fp: FlowPlan) -> None:
    roles = spec.record.roles
    rcols = fp.role_columns()
    for row, step in zip(fp.rows, spec.record.steps, strict=True):
        if step.actor is None or step.symbol is None:
            continue
        col = rcols[roles.index(step.actor)]
        w, h = shape_size(step.symbol, col.x1 - col.x0)
        cy = (row.top + row.top_reserve + row.bottom - row.bottom_reserve) / 2
        cx = (col.x0 + col.x1) / 2
        box = Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        fp.nodes.append(Node(step.symbol, box, row.page, roles.index(step.actor), row.step))


def _offpage(fp: FlowPlan, row: Row, col: int, at_bottom: bool, label: str, k: int) -> Node:
    c = fp.role_columns()[col]
    w, h = shape_size("offpage", 0)
    cx = (c.x0 + c.x1) / 2 + (k % 2) * (w + 4) * (1 if k % 4 < 2 else -1)
    y0 = row.bottom - OFFPAGE_RESERVE + 3 if at_bottom else row.top + 3
    node = Node("offpage", Box(cx - w / 2, y0, cx + w / 2, y0 + h), row.page, col, None, label)
    fp.nodes.append(node)
    return node


def _connect(spec: Spec, fp: FlowPlan) -> None:
    steps = spec.record.steps
    index = {s.number: i for i, s in enumerate(steps)}
    yes, no = labels()["branch_labels"]["yes"], labels()["branch_labels"]["no"]
    first_page = fp.rows[0].page if fp.rows else 0
    crossings = 0
    for i, step in enumerate(steps):
        src = fp.step_node(i)
        if src is None:
            continue
        decision = step.symbol == "decision" and len(step.next) == 2
        used_side: str | None = None
        for k, target in enumerate(step.next):
            dst = fp.step_node(index[target])
            if dst is None or dst is src:
                continue
            label = (yes if k == 0 else no) if decision else ""
            force = None
            if used_side in ("left", "right"):
                force = "left" if used_side == "right" else "right"
            if dst.page != src.page:
                letter = chr(ord("A") + crossings % 26)
                crossings += 1
                down = dst.page > src.page
                src_page = fp.pages[src.page - first_page]
                dst_page = fp.pages[dst.page - first_page]
                out_row = src_page.rows[-1] if down else src_page.rows[0]
                in_row = dst_page.rows[0] if down else dst_page.rows[-1]
                out = _offpage(fp, out_row, src.col, down, letter, crossings - 1)
                inn = _offpage(fp, in_row, dst.col, not down, letter, crossings - 1)
                used_side = _add(fp, src, out, label, force, i)
                _add(fp, inn, dst, "", None, i)
            else:
                used_side = _add(fp, src, dst, label, force, i)


def _add(fp: FlowPlan, src: Node, dst: Node, label: str, force: str | None, step: int) -> str:
    points, side = route(fp, src, dst, force)
    conn = Connector(src.page, points, label, src_step=step)
    if label:
        x, y = points[0]
        if side == "bottom":
            conn.label_at = (x + 3, y + 8, "left")
        else:
            # beside the exit, on the side away from where the route turns
            turns_up = len(points) > 2 and points[2][1] < points[1][1]
            base = y + 7 if turns_up else y - 2.5
            conn.label_at = (x + 2, base, "left") if side == "right" else (x - 2, base, "right")
    fp.connectors.append(conn)
    return side


def _blocked(
    fp: FlowPlan, src: Node, dst: Node, x0: float, x1: float, y0: float, y1: float
) -> bool:
    """Is any other node on the page within the box (x0..x1, y0..y1)?"""
    for n in fp.nodes:
        if n is src or n is dst or n.page != src.page:
            continue
        b = n.box
        if b.x1 >= x0 and b.x0 <= x1 and b.y1 >= y0 and b.y0 <= y1:
            return True
    return False


def route(
    fp: FlowPlan, src: Node, dst: Node, force: str | None = None
) -> tuple[list[tuple[float, float]], str]:
    """Orthogonal route from ``src`` to ``dst``; returns the points and the exit side."""
    s, d = src.box, dst.box
    col = fp.role_columns()[src.col]
    if d.y0 > s.y1:  # downward
        if (
            force is None
            and src.col == dst.col
            and not _blocked(fp, src, dst, s.cx, s.cx, s.y1, d.y0)
        ):
            return [(s.cx, s.y1), (d.cx, d.y0)], "bottom"
        side = "right" if d.cx > s.cx else "left"
        if (
            force in (None, side)
            and src.col != dst.col
            and not _blocked(fp, src, dst, min(s.cx, d.cx), max(s.cx, d.cx), s.cy, s.cy)
            and not _blocked(fp, src, dst, d.cx, d.cx, s.cy, d.y0)
        ):
            sx = s.x1 if side == "right" else s.x0
            return [(sx, s.cy), (d.cx, s.cy), (d.cx, d.y0)], side
        side = force or ("right" if d.cx >= s.cx else "left")
        sx = s.x1 if side == "right" else s.x0
        lane = col.x1 - LANE_INSET if side == "right" else col.x0 + LANE_INSET
        yh = d.y0 - 7
        return [(sx, s.cy), (lane, s.cy), (lane, yh), (d.cx, yh), (d.cx, d.y0)], side
    # upward or level: loop back along a lane at the side of the role cell
    toward = "right" if d.cx > s.cx else "left"
    side = force or ("right" if src.col == dst.col else toward)
    sx = s.x1 if side == "right" else s.x0
    lane = col.x1 - LANE_INSET if side == "right" else col.x0 + LANE_INSET
    if src.col == dst.col:
        ex = d.x1 if side == "right" else d.x0
    else:
        ex = d.x0 if d.cx > lane else d.x1
    return [(sx, s.cy), (lane, s.cy), (lane, d.cy), (ex, d.cy)], side
