"""DOCX tables: the grid from ``w:tbl`` XML, estimated row positions, shapes and edges per table."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lxml import etree

from extractor.backends.docx_layout import (
    DEFAULT_CELL_MARGIN_PT,
    Cursor,
    DocContext,
    Frame,
    PageGeometry,
    Placed,
    expand,
    place,
)
from extractor.backends.docx_shapes import branch_label, read_graphics
from extractor.backends.docx_xml import TWIPS_PER_PT, attr, num, paragraph_text, q
from extractor.layout import Cell, CellShape, Edge, Table
from extractor.models import Provenance

# A connector end farther than this from every shape is left unresolved (points).
CONNECT_TOLERANCE_PT = 24.0
# A "Ya"/"Tidak" text box farther than this from every connector labels none (points).
LABEL_TOLERANCE_PT = 40.0
# A floating shape anchored in a cell stays in its anchor row unless its centre lies
# beyond the row's estimated edges by more than this share of the row height.
ROW_TOLERANCE = 0.3
MIN_ROW_PT = 4.0
# Connector ends closer than this are one polyline (points).
JOIN_PT = 3.0
# A connector end this close to a shape's box starts or ends there (points).
TOUCH_PT = 1.0
MAX_CONNECTORS = 2000
MAX_GRID_COLS = 200
MAX_ROWS = 5000


@dataclass
class _RawCell:
    row: int
    col: int
    span: int
    vmerge: str | None  # "restart", "continue" or None
    hmerge: str | None
    tc: etree._Element


@dataclass
class TableBuild:
    """A table being read: grid, estimated geometry and the drawn objects that fall on it."""

    n_rows: int = 0
    n_cols: int = 0
    col_edges: list[float] = field(default_factory=list)  # page x, n_cols + 1 values
    row_tops: list[float] = field(default_factory=list)  # document y
    row_bottoms: list[float] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    slots: list[list[Cell | None]] = field(default_factory=list)
    objects: list[Placed] = field(default_factory=list)
    nested: list[TableBuild] = field(default_factory=list)
    unwrap: list[etree._Element] | None = None

    @property
    def doc_box(self) -> tuple[float, float, float, float]:
        if not self.row_tops:
            return (0.0, 0.0, 0.0, 0.0)
        return (self.col_edges[0], self.row_tops[0], self.col_edges[-1], self.row_bottoms[-1])

    def all_nested(self) -> list[TableBuild]:
        """Nested tables, depth first, in reading order."""
        out: list[TableBuild] = []
        for inner in self.nested:
            out.append(inner)
            out.extend(inner.all_nested())
        return out

    def shift(self, dy: float) -> None:
        """Move the table (and what is on it) down by ``dy`` document points."""
        self.row_tops = [y + dy for y in self.row_tops]
        self.row_bottoms = [y + dy for y in self.row_bottoms]
        for obj in self.objects:
            b = obj.box
            obj.box = (b[0], b[1] + dy, b[2], b[3] + dy)
            obj.start = (obj.start[0], obj.start[1] + dy) if obj.start else None
            obj.end = (obj.end[0], obj.end[1] + dy) if obj.end else None
        for inner in self.nested:
            inner.shift(dy)

    # ----------------------------------------------------------------------- reading

    @classmethod
    def read(
        cls,
        tbl: etree._Element,
        ctx: DocContext,
        cursor: Cursor,
        g: PageGeometry,
        left: float | None = None,
    ) -> TableBuild:
        """Read a ``w:tbl``; ``cursor`` is advanced past it. ``left`` is set for nested tables."""
        build = cls()
        rows = [tr for tr in expand(tbl) if tr.tag == q("w:tr")][:MAX_ROWS]
        raw_rows, widths = _structure(tbl, rows)
        if len(raw_rows) == 1 and len(raw_rows[0]) == 1:
            content = expand(raw_rows[0][0].tc)
            if any(el.tag == q("w:tbl") for el in content):
                build.unwrap = content
                return build
        build.n_rows = len(raw_rows)
        build.n_cols = max(len(widths), 1)
        widths = _fill_widths(widths, build.n_cols, g.text_width)
        x0 = _table_left(tbl.find(q("w:tblPr")), g, sum(widths)) if left is None else left
        build.col_edges = [x0 + sum(widths[:i]) for i in range(build.n_cols + 1)]
        build.slots = [[None] * build.n_cols for _ in range(build.n_rows)]
        contents = build._cells(raw_rows, ctx)
        heights = build._row_heights(rows, contents, ctx)
        # Rows run on continuously: offsets of shapes anchored in one row and reaching
        # into the next are authored that way, and our page estimate is too rough to
        # split a table. Only a page break Word recorded moves a row to a new page.
        paging, cursor.paging = cursor.paging, False
        for r, height in enumerate(heights):
            if r < len(rows) and _row_starts_page(rows[r]) and cursor.y > g.top:
                cursor.new_page(g)
            top = cursor.advance(height, g)
            build.row_tops.append(top)
            build.row_bottoms.append(top + height)
        cursor.paging = paging
        while cursor.y > g.height - g.bottom:  # the table ran past the page end
            cursor.page, cursor.y = cursor.page + 1, cursor.y - (g.height - g.bottom - g.top)
        build._place_content(contents, ctx, cursor, g)
        return build

    def _cells(
        self, raw_rows: list[list[_RawCell]], ctx: DocContext
    ) -> dict[int, list[etree._Element]]:
        """Create the cells (merges resolved); return each cell's content by ``id``."""
        contents: dict[int, list[etree._Element]] = {}
        for r, raw_row in enumerate(raw_rows):
            for raw in raw_row:
                c = min(raw.col, self.n_cols - 1)
                span = max(1, min(raw.span, self.n_cols - c))
                above = self.slots[r - 1][c] if r > 0 else None
                left = self.slots[r][c - 1] if c > 0 else None
                content = expand(raw.tc)
                texts = [ctx.paragraph(el) for el in content if el.tag == q("w:p")]
                text = "\n".join(t for t in texts if t)
                if raw.vmerge == "continue" and above is not None and above.col == c:
                    above.row_span = r - above.row + 1
                    owner = above
                elif raw.hmerge == "continue" and left is not None and left.row == r:
                    left.col_span = c + span - left.col
                    owner = left
                else:
                    owner = Cell(row=r, col=c, col_span=span, prov=Provenance(source="docx"))
                    self.cells.append(owner)
                    contents[id(owner)] = []
                if text:
                    owner.text = f"{owner.text}\n{text}" if owner.text else text
                contents[id(owner)].extend(content)
                for cc in range(c, c + span):
                    self.slots[r][cc] = owner
        return contents

    def _cell_width(self, cell: Cell) -> float:
        right = self.col_edges[min(cell.col + cell.col_span, self.n_cols)]
        return max(right - self.col_edges[cell.col] - 2 * DEFAULT_CELL_MARGIN_PT, 12.0)

    def _content_height(
        self, content: list[etree._Element], width: float, ctx: DocContext
    ) -> float:
        total = 0.0
        for el in content:
            if el.tag == q("w:p"):
                drawings = read_graphics(el, ctx.types)
                inline_h = max(
                    (d.placement.height for d in drawings if d.placement.inline), default=0.0
                )
                total += ctx.metrics.height(paragraph_text(el), width, inline_h, el)
            elif el.tag == q("w:tbl"):
                total += ctx.metrics.line_h * len(el.findall(q("w:tr")))
        return total

    def _row_heights(
        self, rows: list[etree._Element], contents: dict[int, list[etree._Element]], ctx: DocContext
    ) -> list[float]:
        est = [ctx.metrics.line_h] * self.n_rows
        for cell in self.cells:
            h = self._content_height(contents[id(cell)], self._cell_width(cell), ctx)
            if cell.row_span == 1:
                est[cell.row] = max(est[cell.row], h)
        for r, tr in enumerate(rows[: self.n_rows]):
            tr_h = tr.find(f"{q('w:trPr')}/{q('w:trHeight')}")
            if tr_h is not None:
                val = num(attr(tr_h, "w:val"), 0.0) / TWIPS_PER_PT
                est[r] = val if attr(tr_h, "w:hRule") == "exact" and val > 0 else max(est[r], val)
        # A merged cell taller than the rows it spans stretches its last row.
        for cell in self.cells:
            if cell.row_span > 1:
                h = self._content_height(contents[id(cell)], self._cell_width(cell), ctx)
                last = min(cell.row + cell.row_span, self.n_rows) - 1
                spanned = sum(est[cell.row : last + 1])
                if h > spanned:
                    est[last] += h - spanned
        return [max(h, MIN_ROW_PT) for h in est]

    def _place_content(
        self,
        contents: dict[int, list[etree._Element]],
        ctx: DocContext,
        cursor: Cursor,
        g: PageGeometry,
    ) -> None:
        """Position the drawings anchored in each cell, and read nested tables."""
        for cell in self.cells:
            cell_l = self.col_edges[cell.col] + DEFAULT_CELL_MARGIN_PT
            cell_r = (
                self.col_edges[min(cell.col + cell.col_span, self.n_cols)] - DEFAULT_CELL_MARGIN_PT
            )
            y = self.row_tops[cell.row]
            page = int(y // g.height)
            width = max(cell_r - cell_l, 12.0)
            for el in contents[id(cell)]:
                if el.tag == q("w:tbl"):
                    inner_cursor = Cursor(page, y - page * g.height, paging=False)
                    inner = TableBuild.read(el, ctx, inner_cursor, g, left=cell_l)
                    if inner.unwrap is None:
                        self.nested.append(inner)
                        y = inner.doc_box[3] if inner.row_tops else y
                    continue
                if el.tag != q("w:p"):
                    continue
                drawings = read_graphics(el, ctx.types)
                h = self._content_height([el], width, ctx)
                frame = Frame(page, y, cell_l, cell_r, h, g, cell_l, cell_r)
                for d in drawings:
                    self.objects.extend(place(d, frame, (self, cell.row, cell.col)))
                y += h

    # ----------------------------------------------------------------------- projection

    def _col_at(self, x: float) -> int:
        for c in range(self.n_cols):
            if x < self.col_edges[c + 1]:
                return c
        return self.n_cols - 1

    def _row_at(self, y: float) -> int:
        for r in range(self.n_rows):
            if y < self.row_bottoms[r]:
                return r
        return self.n_rows - 1

    def slot_of(self, obj: Placed) -> tuple[int, int]:
        """The (row, column) where an object appears."""
        cx, cy = obj.centre
        own = obj.anchor is not None and obj.anchor[0] is self
        if own and obj.anchor is not None:
            r0, c0 = obj.anchor[1], obj.anchor[2]
            if obj.inline:
                return r0, c0
            width = self.col_edges[-1] - self.col_edges[0]
            inside_x = self.col_edges[0] - 0.1 * width <= cx <= self.col_edges[-1] + 0.1 * width
            col = self._col_at(cx) if inside_x else c0
            tol = ROW_TOLERANCE * (self.row_bottoms[r0] - self.row_tops[r0])
            if self.row_tops[r0] - tol <= cy <= self.row_bottoms[r0] + tol:
                return r0, col
            inside_y = self.row_tops[0] <= cy <= self.row_bottoms[-1]
            return (self._row_at(cy) if inside_y else r0), col
        return self._row_at(cy), self._col_at(cx)

    def cell_at(self, r: int, c: int) -> Cell | None:
        """The cell covering a slot, or the nearest cell of that row."""
        row = self.slots[r]
        if row[c] is not None:
            return row[c]
        filled = [cc for cc in range(self.n_cols) if row[cc] is not None]
        return row[min(filled, key=lambda cc: abs(cc - c))] if filled else None


def _structure(
    tbl: etree._Element, rows: list[etree._Element]
) -> tuple[list[list[_RawCell]], list[float]]:
    """Cells per row with their grid column, and the grid column widths in points."""
    grid = tbl.find(q("w:tblGrid"))
    widths = [
        max(num(attr(gc, "w:w"), 0.0), 0.0) / TWIPS_PER_PT
        for gc in (grid.findall(q("w:gridCol")) if grid is not None else [])
    ][:MAX_GRID_COLS]
    tcw: dict[int, float] = {}
    raw_rows: list[list[_RawCell]] = []
    n_cols = len(widths)
    for r, tr in enumerate(rows):
        tr_pr = tr.find(q("w:trPr"))
        col = int(
            num(attr(tr_pr.find(q("w:gridBefore")) if tr_pr is not None else None, "w:val"), 0)
        )
        after = int(
            num(attr(tr_pr.find(q("w:gridAfter")) if tr_pr is not None else None, "w:val"), 0)
        )
        col = min(max(col, 0), MAX_GRID_COLS)
        out: list[_RawCell] = []
        for tc in (el for el in expand(tr) if el.tag == q("w:tc")):
            tc_pr = tc.find(q("w:tcPr"))
            span = int(
                num(attr(tc_pr.find(q("w:gridSpan")) if tc_pr is not None else None, "w:val"), 1)
            )
            span = min(max(span, 1), MAX_GRID_COLS)
            vm = tc_pr.find(q("w:vMerge")) if tc_pr is not None else None
            hm = tc_pr.find(q("w:hMerge")) if tc_pr is not None else None
            vmerge = (
                None
                if vm is None
                else ("restart" if attr(vm, "w:val") == "restart" else "continue")
            )
            hmerge = (
                None
                if hm is None
                else ("restart" if attr(hm, "w:val") == "restart" else "continue")
            )
            tc_w = tc_pr.find(q("w:tcW")) if tc_pr is not None else None
            if tc_w is not None and attr(tc_w, "w:type", "dxa") == "dxa" and span == 1:
                tcw.setdefault(col, num(attr(tc_w, "w:w"), 0.0) / TWIPS_PER_PT)
            out.append(_RawCell(r, col, span, vmerge, hmerge, tc))
            col = min(col + span, MAX_GRID_COLS)
        n_cols = max(n_cols, min(col + max(after, 0), MAX_GRID_COLS))
        raw_rows.append(out)
    widths = widths + [tcw.get(i, 0.0) for i in range(len(widths), n_cols)]
    return raw_rows, widths


def _fill_widths(widths: list[float], n_cols: int, text_width: float) -> list[float]:
    """Grid widths with missing (zero) columns given an even share of what is left."""
    widths = (widths + [0.0] * n_cols)[:n_cols]
    missing = [i for i, w in enumerate(widths) if w <= 0]
    if missing:
        rest = max(text_width - sum(widths), 18.0 * len(missing))
        for i in missing:
            widths[i] = rest / len(missing)
    return widths


def _table_left(tbl_pr: etree._Element | None, g: PageGeometry, total: float) -> float:
    """The table's left edge on the page: floating position, alignment or indent."""
    if tbl_pr is None:
        return g.left
    pos = tbl_pr.find(q("w:tblpPr"))
    if pos is not None and attr(pos, "w:tblpX") is not None:
        base = 0.0 if attr(pos, "w:horzAnchor") == "page" else g.left
        return base + num(attr(pos, "w:tblpX"), 0.0) / TWIPS_PER_PT
    jc = attr(tbl_pr.find(q("w:jc")), "w:val")
    if jc in ("center", "centre"):
        return g.left + (g.text_width - total) / 2
    if jc in ("right", "end"):
        return g.left + g.text_width - total
    ind = tbl_pr.find(q("w:tblInd"))
    if ind is not None and attr(ind, "w:type", "dxa") == "dxa":
        return g.left + num(attr(ind, "w:w"), 0.0) / TWIPS_PER_PT
    return g.left


def _row_starts_page(tr: etree._Element) -> bool:
    return next(tr.iter(q("w:lastRenderedPageBreak")), None) is not None


# --------------------------------------------------------------------------- finishing


def _dist_box(p: tuple[float, float], box: tuple[float, float, float, float]) -> float:
    dx = max(box[0] - p[0], 0.0, p[0] - box[2])
    dy = max(box[1] - p[1], 0.0, p[1] - box[3])
    return math.hypot(dx, dy)


def _dist_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / length2))
    )
    return math.hypot(p[0] - (ax + t * (bx - ax)), p[1] - (ay + t * (by - ay)))


def _dist_connector(p: tuple[float, float], conn: Placed) -> float:
    """Distance to a connector drawn straight or as an elbow either way round."""
    a, b = conn.start, conn.end
    if a is None or b is None:
        return math.inf
    elbows = ((b[0], a[1]), (a[0], b[1]))
    options = [_dist_segment(p, a, b)]
    options += [min(_dist_segment(p, a, e), _dist_segment(p, e, b)) for e in elbows]
    return min(options)


def _nearest(point: tuple[float, float] | None, shapes: list[tuple[int, Placed]]) -> int | None:
    if point is None or not shapes:
        return None
    best = min(shapes, key=lambda s: _dist_box(point, s[1].box))
    return best[0] if _dist_box(point, best[1].box) <= CONNECT_TOLERANCE_PT else None


class _Chains:
    """Connector pieces joined end to end (or end to middle) into polylines, by union-find.

    An end that touches a shape is where a flow starts or stops, never a joint; an
    arrowhead only joins the middle of another line (a branch merging into a flow).
    """

    def __init__(self, conns: list[Placed], shapes: list[tuple[int, Placed]]):
        self.conns = conns
        self.parent = list(range(len(conns)))
        self.joined: set[tuple[int, int]] = set()
        ends = [(i, k, p) for i, c in enumerate(conns) for k, p in ((0, c.start), (1, c.end)) if p]

        def touches(p: tuple[float, float], limit: float) -> bool:
            return any(_dist_box(p, obj.box) <= limit for _, obj in shapes)

        def arrowhead(i: int, k: int) -> bool:
            return k == 1 and conns[i].raw.arrow

        free = [(i, k, p) for i, k, p in ends if not touches(p, TOUCH_PT)]
        for n, (i, k, p) in enumerate(free):
            if arrowhead(i, k):
                continue
            for j, m, r in free[n + 1 :]:
                if i != j and not arrowhead(j, m) and math.dist(p, r) <= JOIN_PT:
                    self._union(i, j)
                    self.joined.update({(i, k), (j, m)})
        for i, k, p in free:
            if (i, k) in self.joined or (arrowhead(i, k) and touches(p, JOIN_PT)):
                continue
            for j, c in enumerate(conns):
                if j != i and c.start and c.end and _dist_segment(p, c.start, c.end) <= JOIN_PT:
                    self._union(i, j)
                    self.joined.add((i, k))
                    break

    def _find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _union(self, i: int, j: int) -> None:
        self.parent[self._find(i)] = self._find(j)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.conns)):
            out.setdefault(self._find(i), []).append(i)
        return out


def _shape_refs(shapes: list[tuple[int, Placed]]) -> dict[str, int]:
    """Drawing ids (docPr / cNvPr / VML id) that name exactly one shape → its shape id."""
    counts: dict[str, int] = {}
    for _, obj in shapes:
        for ref in obj.raw.ids:
            counts[ref] = counts.get(ref, 0) + 1
    return {ref: sid for sid, obj in shapes for ref in obj.raw.ids if counts[ref] == 1}


def _chain_labels(chains: _Chains, objects: list[Placed]) -> dict[int, str]:
    """'Ya'/'Tidak' per chain: the connector's own text, else the nearest label text box."""
    out: dict[int, tuple[float, str]] = {}
    for i, conn in enumerate(chains.conns):
        word = branch_label(conn.raw.label)
        if word:
            out[chains._find(i)] = (0.0, word)
    for obj in objects:
        word = branch_label(obj.raw.label) if obj.raw.role == "label" else None
        if not word or not chains.conns:
            continue
        d, i = min((_dist_connector(obj.centre, c), i) for i, c in enumerate(chains.conns))
        root = chains._find(i)
        if d <= LABEL_TOLERANCE_PT and d < out.get(root, (math.inf, ""))[0]:
            out[root] = (d, word)
    return {root: word for root, (_, word) in out.items()}


def _edges(shapes: list[tuple[int, Placed]], objects: list[Placed]) -> list[Edge]:
    by_ref = _shape_refs(shapes)
    conns = [o for o in objects if o.raw.role == "connector" and o.start and o.end][:MAX_CONNECTORS]
    chains = _Chains(conns, shapes)
    labels = _chain_labels(chains, objects)
    out: dict[tuple[int, int], Edge] = {}
    for root, members in chains.groups().items():
        arrowed = any(conns[i].raw.arrow for i in members)
        sources: list[int] = []
        targets: list[int] = []
        for i in members:
            conn = conns[i]
            for k, point, ref in (
                (0, conn.start, conn.raw.start_ref),
                (1, conn.end, conn.raw.end_ref),
            ):
                if (i, k) in chains.joined:
                    continue
                sid = by_ref.get(ref or "") or _nearest(point, shapes)
                if sid is None:
                    continue
                is_target = k == 1 and (conn.raw.arrow or not arrowed)
                (targets if is_target else sources).append(sid)
        for src in sources:
            for dst in targets:
                if src != dst:
                    edge = out.setdefault((src, dst), Edge(source=src, target=dst))
                    edge.label = edge.label or labels.get(root)
    return list(out.values())


def finish_table(build: TableBuild, notes: list[str]) -> Table:
    """The final ``Table``: shapes in the cells where they appear, connectors as edges."""
    if build.n_rows == 0:
        return Table(n_rows=0, n_cols=0, cells=[])
    placed: list[tuple[Cell, Placed]] = []
    for obj in build.objects:
        if obj.raw.role != "shape":
            continue
        r, c = build.slot_of(obj)
        cell = build.cell_at(r, c)
        if cell is not None:
            placed.append((cell, obj))
    placed.sort(key=lambda co: (co[0].row, co[0].col, co[1].box[1], co[1].box[0]))
    x0, y0 = build.col_edges[0], build.row_tops[0]
    numbered: list[tuple[int, Placed]] = []
    for sid, (cell, obj) in enumerate(placed, start=1):
        b = obj.box
        bbox = (round(b[0] - x0, 1), round(b[1] - y0, 1), round(b[2] - x0, 1), round(b[3] - y0, 1))
        cell.shapes.append(CellShape(id=sid, kind=obj.raw.kind, label=obj.raw.label, bbox=bbox))
        numbered.append((sid, obj))
    edges = _edges(numbered, build.objects)
    return Table(n_rows=build.n_rows, n_cols=build.n_cols, cells=build.cells, edges=edges)
