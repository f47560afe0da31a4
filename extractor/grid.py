"""Page geometry → blocks: ruled tables (with flowchart shapes and edges) and paragraphs.

Shared by the PDF backend (text layer + vector objects) and the OCR backend (words
and strokes read from a page image). The recipe is extraction-notes.md §1.4:

1. Union collinear stroke pieces into horizontal and vertical rules.
2. Keep only *anchored* rules: a horizontal rule must start and end on vertical
   rules and vice versa (iterated to a fixed point). Connector pieces and lines
   inside cells end in mid-air or on shapes and drop out.
3. Connected rules form a table grid. In a flowchart table (shapes and arrows in
   the body) the body rows are the rules spanning ≥ 90 % of the table width and the
   columns are the verticals that reach the header/body boundary, so a loop-back
   connector running across whole rows can never split a cell.
4. Merged cells: neighbouring grid slots with no rule between them are one cell.
5. Words go to the cell holding their centre; shapes to the cell holding their
   centroid, taking the words inside them as their label; arrows become edges
   between the shapes nearest to their two ends, labelled by a nearby decision
   answer ("Ya"/"Tidak").
6. Words outside tables become paragraphs (lines grouped by vertical gap).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from statistics import fmean, median

import yaml
from rapidfuzz.distance import Levenshtein

from extractor.geometry.lines import (
    Rule,
    centre,
    cluster_positions,
    contains,
    coverage,
    merge_collinear,
    point_box_distance,
    point_segment_distance,
    reach_long_rules,
    split_segments,
    union_box,
)
from extractor.layout import (
    Arrow,
    Block,
    Cell,
    CellShape,
    Edge,
    OpenEnd,
    PageGeometry,
    Paragraph,
    ShapeGeom,
    Table,
    Word,
)
from extractor.models import Provenance
from extractor.sop.lexicon import branch_label
from extractor.types import BBox

#: Rule ends, crossings and box comparisons tolerate this many points.
TOL = 3.0
#: Strokes shorter than this are not rules (tick marks, glyph-like strokes).
MIN_RULE = 6.0
#: On scans, a rule end this close (points) to a long perpendicular rule is taken to meet
#: it: broken toner loses a rule's last points at the frame (``lines.JOIN_GAP_PT``).
SCAN_REACH = 12.0
#: ... or this share of the rule's own length, when longer (a column rule hidden behind a
#: symbol drawn over it).
SCAN_REACH_SHARE = 0.06
#: On scans, this many rules or more running to within EDGE_REACH (points) of the
#: picture's edge end on it: a table running off a photo taken close.
EDGE_RULES, EDGE_REACH = 3, 4.0
#: The table's frame on a scan: the outermost rules at least this share as long as the
#: longest.
FRAME_SHARE = 0.8
#: A flowchart body row boundary spans at least this share of the table width.
FULL_ROW = 0.9
#: A slot border counts as ruled when rules cover this share of it.
BORDER_COVER = 0.6
#: An arrow end further than this from every shape is unresolved.
ARROW_REACH = 14.0
#: An edge's line passes by a symbol when it comes this close (points) to its box.
PASSES_BY = 4.0
#: ... or shares this much of its line (points) with its source's edge into the box.
SHARED_TRUNK = 20.0
#: A connector label lies at most this far from its arrow's path.
LABEL_REACH = 14.0
#: Connectors whose paths pass a label within this much (points) of the nearest are as
#: near: one trunk traced twice, a pixel or two apart on a scan.
SAME_TRUNK = 1.5
#: Flowchart symbol kinds (an "unknown" closed outline does not make a flowchart).
FLOW_KINDS = frozenset({"terminator", "process", "decision", "offpage"})
#: Characters stripped from a word before comparing it with the label vocabulary.
LABEL_PUNCT = re.compile(r"[^\w\s]")
#: An OCR'd label split in pieces on one line (a connector erased through "Tidak" leaves
#: "Tid" "ak"): up to this many pieces, at most this far apart (points), are one word.
LABEL_PIECES, LABEL_PIECE_GAP = 3, 4.0
#: An OCR'd word this long or longer one letter off label words with its initial, all of
#: one answer, reads as the first of them ("Yi": ya; "Tilak": tidak, not tolak).
FUZZY_LABEL_LEN = 2
#: ... or starts a label word, making at least this share of it ("Ti" of Tidak) ...
LABEL_PREFIX_SHARE = 0.4
#: ... and, with its initial's look-alike undone, has this many letters after it.
LOOKALIKE_NEAR_LEN = 3
#: An OCR'd piece beside a decision this long or longer may be the end of an answer
#: ("jak" of tidak).
ANSWER_END_LEN = 3
#: A connector label is a line of small print: a "word" taller than this (points) is a
#: blot OCR read as one ("No" 31 pt tall, read off a signature's scrawl).
LABEL_MAX_HEIGHT = 16.0
#: An OCR'd word beside a decision reads as the answer paired with its other exit's when
#: it has that answer's initial and at least this many letters, and its length within
#: ``PAIR_LEN_SLACK`` of the answer's (:func:`_could_be`).
PAIR_MIN_LEN, PAIR_LEN_SLACK = 2, 1


@cache
def _edge_label_data() -> dict:
    """``geometry/edge_labels.yml``, read once."""
    text = resources.files("extractor.geometry").joinpath("edge_labels.yml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def edge_labels_ordered() -> tuple[str, ...]:
    """Connector labels (decision answers), lower-case, in the order of
    ``geometry/edge_labels.yml`` (the commonest first)."""
    return tuple(str(label).lower() for label in _edge_label_data()["labels"])


@cache
def _single_word_labels() -> tuple[str, ...]:
    """The one-word labels an OCR'd word may be near (``_near_label``), in file order."""
    return tuple(v for v in edge_labels_ordered() if " " not in v and len(v) >= FUZZY_LABEL_LEN)


@cache
def _label_initials() -> dict[str, str]:
    """First characters OCR reads for a blurred answer's initial (``edge_labels.yml``)."""
    found = _edge_label_data().get("initial_lookalikes") or {}
    return {str(k).lower(): str(v).lower() for k, v in found.items()}


@cache
def _answer_pairs() -> dict[str, str]:
    """The one-word answer written on a decision's other exit, by the answer read on one
    (``pairs`` of ``geometry/edge_labels.yml``), both ways."""
    found = _edge_label_data().get("pairs") or {}
    out = {str(k).lower(): str(v).lower() for k, v in found.items()}
    out.update({v: k for k, v in list(out.items())})
    return {k: v for k, v in out.items() if " " not in v}


@cache
def edge_labels() -> frozenset[str]:
    """Connector labels (decision answers), lower-case; see ``geometry/edge_labels.yml``."""
    return frozenset(edge_labels_ordered())


# --------------------------------------------------------------------------- public


def build_blocks(pages: list[PageGeometry]) -> list[Block]:
    """Blocks of all pages in reading order: page by page, top to bottom."""
    blocks: list[Block] = []
    for page in pages:
        blocks.extend(page_blocks(page))
    return blocks


def page_blocks(page: PageGeometry) -> list[Block]:
    """Tables and paragraphs of one page, top to bottom."""
    hs, vs = split_segments(page.segments)
    hs = [r for r in merge_collinear(hs) if r.length >= MIN_RULE]
    vs = [r for r in merge_collinear(vs) if r.length >= MIN_RULE]
    if page.source == "ocr":
        # rules running off the picture end on its edge (first, so that their ends are
        # not drawn back onto the last rule inside it)
        hs, vs = _edge_frame(hs, vs, page.width, page.height)
        # pieces of one rule that now meet on the rule between them are one rule again
        # (a column rule cut under the header by an off-page connector drawn over it)
        hs, vs = (
            merge_collinear(reach_long_rules(hs, vs, SCAN_REACH, TOL, gap_share=SCAN_REACH_SHARE)),
            merge_collinear(reach_long_rules(vs, hs, SCAN_REACH, TOL, gap_share=SCAN_REACH_SHARE)),
        )
        # merging makes the edge's rule a plain rule, joined with any rule drawn along
        # the edge; the edge is drawn again, to anchor what runs to it (kept both ways:
        # holding the edge out of the merge loses never-scanned sop-023's column between
        # Dasar Hukum and Kualifikasi)
        hs, vs = _edge_frame(hs, vs, page.width, page.height)
        hs, vs = _to_frame(hs, vs), _to_frame(vs, hs)
    hs, vs = _anchored(hs, vs)
    grids = _grids(hs, vs)
    shapes = _dedupe_shapes(page.shapes)
    placed: list[tuple[float, float, Block]] = []
    taken: set[int] = set()
    for grid in grids:
        table, used = _table(page, grid, shapes)
        if table is None:
            continue
        taken |= used
        assert table.bbox is not None
        placed.append((table.bbox[1], table.bbox[0], table))
    rest = [w for i, w in enumerate(page.words) if i not in taken]
    for para in _paragraphs(page, rest):
        assert para.prov is not None and para.prov.bbox is not None
        placed.append((para.prov.bbox[1], para.prov.bbox[0], para))
    placed.sort(key=lambda t: (t[0], t[1]))
    return [b for _, _, b in placed]


# --------------------------------------------------------------------------- rules → grids


@dataclass
class _Grid:
    hs: list[Rule]
    vs: list[Rule]

    @property
    def bbox(self) -> BBox:
        return (
            min(v.pos for v in self.vs),
            min(h.pos for h in self.hs),
            max(v.pos for v in self.vs),
            max(h.pos for h in self.hs),
        )


@dataclass(slots=True)
class EdgeRule(Rule):
    """The picture's edge standing in for a table's frame (:func:`_edge_frame`): it
    anchors the rules that run to it whatever else is dropped."""


def _edge_frame(
    hs: list[Rule], vs: list[Rule], width: float, height: float
) -> tuple[list[Rule], list[Rule]]:
    """The picture's edge as the frame of a table that runs off it (a photo taken close,
    the sheet filling the frame): where ``EDGE_RULES`` rules or more run to within
    ``EDGE_REACH`` of an edge, they end on a rule drawn along it."""
    hs, vs = list(hs), list(vs)
    for rules, perps, far in ((hs, vs, width), (vs, hs, height)):
        for at_end in (False, True):
            edge = far if at_end else 0.0
            reaching = [
                i
                for i, r in enumerate(rules)
                if abs((r.hi if at_end else r.lo) - edge) <= EDGE_REACH
            ]
            if len(reaching) < EDGE_RULES:
                continue
            pos = (
                max(rules[i].hi for i in reaching) if at_end else min(rules[i].lo for i in reaching)
            )
            for i in reaching:
                r = rules[i]
                rules[i] = replace(r, hi=pos) if at_end else replace(r, lo=pos)
            spots = [rules[i].pos for i in reaching]
            perps.append(EdgeRule(pos, min(spots), max(spots)))
    return hs, vs


def _to_frame(rules: list[Rule], perps: list[Rule]) -> list[Rule]:
    """``rules`` with ends that run a little past the table's frame (the outermost of
    the long ``perps``) cut back to it: a desk's or a shadow's fringe left on a photo's
    rule where it meets the edge of the sheet."""
    if not perps:
        return rules
    longest = max(p.length for p in perps)
    frame = [p.pos for p in perps if p.length >= FRAME_SHARE * longest]
    lo_edge, hi_edge = min(frame), max(frame)
    out = []
    for r in rules:
        lo = lo_edge if lo_edge - SCAN_REACH <= r.lo < lo_edge - TOL else r.lo
        hi = hi_edge if hi_edge + TOL < r.hi <= hi_edge + SCAN_REACH else r.hi
        out.append(r if (lo, hi) == (r.lo, r.hi) else replace(r, lo=lo, hi=hi))
    return out


def _crossing(rule: Rule, other: Rule) -> bool:
    """Whether perpendicular rules meet (or nearly meet) each other."""
    return (
        other.lo - TOL <= rule.pos <= other.hi + TOL and rule.lo - TOL <= other.pos <= rule.hi + TOL
    )


def _is_anchored(rule: Rule, perps: Sequence[Rule]) -> bool:
    at = [p.pos for p in perps if _crossing(rule, p)]
    return len(at) >= 2 and min(at) <= rule.lo + TOL and max(at) >= rule.hi - TOL


def _anchored(hs: list[Rule], vs: list[Rule]) -> tuple[list[Rule], list[Rule]]:
    """Drop rules that do not start and end on perpendicular rules, to a fixed point."""
    for _ in range(8):
        new_hs = [h for h in hs if isinstance(h, EdgeRule) or _is_anchored(h, vs)]
        new_vs = [v for v in vs if isinstance(v, EdgeRule) or _is_anchored(v, new_hs)]
        if len(new_hs) == len(hs) and len(new_vs) == len(vs):
            break
        hs, vs = new_hs, new_vs
    return hs, vs


def _grids(hs: list[Rule], vs: list[Rule]) -> list[_Grid]:
    """Connected sets of rules with at least two cells, outermost only."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _crossing(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, _Grid] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), _Grid([], [])).hs.append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), _Grid([], [])).vs.append(v)
    grids = [
        g
        for g in groups.values()
        if len(g.hs) >= 2 and len(g.vs) >= 2 and len(g.hs) + len(g.vs) >= 5  # ≥ 2 cells
    ]
    return [g for g in grids if not any(o is not g and _inside(g.bbox, o.bbox) for o in grids)]


def _inside(inner: BBox, outer: BBox) -> bool:
    return (
        inner[0] >= outer[0] - TOL
        and inner[1] >= outer[1] - TOL
        and inner[2] <= outer[2] + TOL
        and inner[3] <= outer[3] + TOL
    )


def _links_symbols(arrows: list[Arrow], shapes: list[ShapeGeom]) -> bool:
    """Whether arrows start or end at two flowchart symbols or more (within
    ``ARROW_REACH`` of each): what makes a table with symbols a flowchart. A
    photographed or scanned identity table may show symbol-like outlines (a logo's
    shield read as an off-page symbol, a round stamp as a terminator or a decision) and
    a stroke of the signature read as an arrow beside one of them; it is no flowchart,
    and its rows between partial rules are kept."""
    flow = [s.bbox for s in shapes if s.kind in FLOW_KINDS]
    touched = {
        k
        for a in arrows
        for x, y in (a.points[0], a.points[-1])
        for k, box in enumerate(flow)
        if point_box_distance(x, y, box) <= ARROW_REACH
    }
    return len(touched) >= 2


def _flowchart_rules(grid: _Grid, shapes: list[ShapeGeom]) -> _Grid:
    """Rows and columns of a flowchart table, immune to connectors and shape edges.

    The header/body boundary is the lowest full-width rule above every shape.
    Below it only full-width rules separate rows; columns are the verticals that
    already run at that boundary (shapes and connectors live in the body only).
    """
    x0, _, x1, _ = grid.bbox
    width = x1 - x0
    full = cluster_positions(h.pos for h in grid.hs if coverage(grid.hs, h.pos, x0, x1) >= FULL_ROW)
    shapes_top = min(s.bbox[1] for s in shapes)
    above = [y for y in full if y <= shapes_top + TOL]
    if not above or width <= 0:
        return grid
    boundary = max(above)
    # with a header, a column rule runs through it; without one, from the table top
    start = boundary - TOL if boundary > grid.bbox[1] + TOL else boundary + TOL
    cols = [v for v in grid.vs if v.lo <= start and v.hi > boundary + TOL]
    col_x = [v.pos for v in cols]
    vs = [v for v in grid.vs if any(abs(v.pos - x) <= TOL for x in col_x)]
    hs = [h for h in grid.hs if h.pos <= boundary + TOL or any(abs(h.pos - y) <= TOL for y in full)]
    hs, vs = _anchored(hs, vs)
    if len(hs) < 2 or len(vs) < 2:
        return grid
    return _Grid(hs, vs)


# --------------------------------------------------------------------------- grid → cells


@dataclass
class _Layout:
    """Slot boundaries and which cell covers each slot."""

    xs: list[float]
    ys: list[float]
    cells: list[Cell] = field(default_factory=list)
    slot: list[list[int]] = field(default_factory=list)  # slot → index into cells

    def locate(self, x: float, y: float) -> int | None:
        """Index of the cell containing the point, if any."""
        c = bisect_right(self.xs, x) - 1
        r = bisect_right(self.ys, y) - 1
        if 0 <= r < len(self.ys) - 1 and 0 <= c < len(self.xs) - 1:
            return self.slot[r][c]
        return None

    def bbox(self, cell: Cell) -> BBox:
        return (
            self.xs[cell.col],
            self.ys[cell.row],
            self.xs[cell.col + cell.col_span],
            self.ys[cell.row + cell.row_span],
        )


def _layout(grid: _Grid) -> _Layout | None:
    xs = cluster_positions(v.pos for v in grid.vs)
    ys = cluster_positions(h.pos for h in grid.hs)
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1 or nr * nc < 2:
        return None
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and coverage(grid.vs, xs[c + 1], ys[r], ys[r + 1]) < BORDER_COVER:
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and coverage(grid.hs, ys[r + 1], xs[c], xs[c + 1]) < BORDER_COVER:
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    members: dict[int, list[int]] = {}
    for i in range(nr * nc):
        members.setdefault(find(i), []).append(i)
    layout = _Layout(xs, ys, slot=[[-1] * nc for _ in range(nr)])
    for group in sorted(members.values(), key=min):
        rows = [i // nc for i in group]
        cols = [i % nc for i in group]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        # a merged cell must be a rectangle; an L-shaped union falls back to its slots
        parts = [group] if (r1 - r0 + 1) * (c1 - c0 + 1) == len(group) else [[i] for i in group]
        for part in parts:
            pr = [i // nc for i in part]
            pc = [i % nc for i in part]
            layout.cells.append(
                Cell(
                    row=min(pr),
                    col=min(pc),
                    row_span=max(pr) - min(pr) + 1,
                    col_span=max(pc) - min(pc) + 1,
                )
            )
    # number cells in reading order and point every slot at its cell
    layout.cells.sort(key=lambda cell: (cell.row, cell.col))
    for k, cell in enumerate(layout.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                layout.slot[r][c] = k
    return layout


# --------------------------------------------------------------------------- table contents


def _table(
    page: PageGeometry, grid: _Grid, shapes: list[ShapeGeom]
) -> tuple[Table | None, set[int]]:
    """The table for one grid, and the indices of the page words it consumed."""
    box = grid.bbox
    inner = [s for s in shapes if contains(box, *centre(s.bbox))]
    arrows = [a for a in page.arrows if all(contains(box, x, y, TOL) for x, y in a.points)]
    # Arrows that start on a shape inside and run off the bottom of the table: the
    # flow continues on the next page (LibreOffice draws no off-page symbol).
    leaving = [
        a
        for a in page.arrows
        if a.has_head
        and contains(box, *a.points[0], TOL)
        and a.points[-1][1] > box[3] - TOL
        and a not in arrows
    ]
    if sum(s.kind in FLOW_KINDS for s in inner) >= 2 and _links_symbols(arrows, inner):
        grid = _flowchart_rules(grid, inner)
        box = grid.bbox
    layout = _layout(grid)
    if layout is None:
        return None, set()
    source = page.source
    cell_words: list[list[Word]] = [[] for _ in layout.cells]
    used: set[int] = set()
    word_cell: dict[int, int] = {}
    for i, w in enumerate(page.words):
        k = layout.locate(*centre(w.bbox))
        if k is not None:
            word_cell[i] = k
            used.add(i)
    # shapes: one per outline, assigned by centroid; words inside become the label
    cell_shapes: list[list[CellShape]] = [[] for _ in layout.cells]
    kept: list[tuple[CellShape, int]] = []
    label_words: dict[int, int] = {}  # word index → shape id
    for shape in sorted(inner, key=lambda s: (s.bbox[1], s.bbox[0])):
        k = layout.locate(*centre(shape.bbox))
        if k is None or _is_cell_frame(shape.bbox, layout.bbox(layout.cells[k])):
            continue
        cs = CellShape(id=len(kept) + 1, kind=shape.kind, bbox=shape.bbox)
        kept.append((cs, k))
        cell_shapes[k].append(cs)
    for i, k in word_cell.items():
        wx, wy = centre(page.words[i].bbox)
        hits = [cs for cs, sk in kept if sk == k and contains(cs.bbox or box, wx, wy, 1.0)]
        if hits:
            label_words[i] = min(hits, key=lambda cs: _area(cs.bbox or box)).id
    for cs, _ in kept:
        words = [page.words[i] for i, sid in label_words.items() if sid == cs.id]
        cs.label = _text(words) or None
    edges, edge_label_words = _edges(page, arrows, kept, set(word_cell) - set(label_words))
    open_ends = _open_ends(arrows, leaving, [cs for cs, _ in kept], edges)
    for i, k in word_cell.items():
        if i not in label_words and i not in edge_label_words:
            cell_words[k].append(page.words[i])
    cells: list[Cell] = []
    for k, cell in enumerate(layout.cells):
        ws = cell_words[k]
        cell.text = _text(ws)
        cell.shapes = cell_shapes[k]
        cell.prov = Provenance(
            page=page.page, bbox=layout.bbox(cell), source=source, confidence=_conf(ws)
        )
        cells.append(cell)
    table = Table(
        n_rows=len(layout.ys) - 1,
        n_cols=len(layout.xs) - 1,
        cells=cells,
        edges=edges,
        open_ends=open_ends,
        page=page.page,
        bbox=(layout.xs[0], layout.ys[0], layout.xs[-1], layout.ys[-1]),
    )
    return table, used


def _area(box: BBox) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _is_cell_frame(shape: BBox, cell: BBox) -> bool:
    """A 'shape' that is the cell's own border (a rect drawn per cell) is no symbol."""
    return all(abs(a - b) <= TOL for a, b in zip(shape, cell, strict=True)) or (
        shape[0] < cell[0] - TOL
        and shape[2] > cell[2] + TOL
        and shape[1] < cell[1] - TOL
        and shape[3] > cell[3] + TOL
    )


def _dedupe_shapes(shapes: Iterable[ShapeGeom]) -> list[ShapeGeom]:
    """One shape per outline: producers may paint the fill and the stroke separately."""
    out: dict[tuple[int, ...], ShapeGeom] = {}
    for s in shapes:
        key = tuple(round(v) for v in s.bbox)
        o = out.get(key)
        if o is None:
            out[key] = s
        else:
            best = o if o.kind != "unknown" else s
            out[key] = best.model_copy(update={"filled": o.filled or s.filled})
    return list(out.values())


# --------------------------------------------------------------------------- edges


def _nearest_shape(x: float, y: float, shapes: list[CellShape]) -> CellShape | None:
    best = min(shapes, key=lambda s: point_box_distance(x, y, s.bbox or (x, y, x, y)), default=None)
    if best is None or point_box_distance(x, y, best.bbox or (x, y, x, y)) > ARROW_REACH:
        return None
    return best


def _path_distance(x: float, y: float, points: list[tuple[float, float]]) -> float:
    if len(points) == 1:
        return float(((points[0][0] - x) ** 2 + (points[0][1] - y) ** 2) ** 0.5)
    return min(point_segment_distance(x, y, a, b) for a, b in itertools.pairwise(points))


def _resolve(
    arrows: list[Arrow], shapes: list[CellShape]
) -> list[tuple[int, CellShape | None, CellShape | None]]:
    """(arrow index, source shape, target shape); an end landing on another arrow's
    path (branches joining, a line split at a junction) follows that arrow."""
    ends = [
        (_nearest_shape(*a.points[0], shapes), _nearest_shape(*a.points[-1], shapes))
        for a in arrows
    ]
    for _ in range(3):
        changed = False
        for i, a in enumerate(arrows):
            src, dst = ends[i]
            for j, b in enumerate(arrows):
                if i == j:
                    continue
                if dst is None and _path_distance(*a.points[-1], b.points) <= TOL:
                    dst = ends[j][1]
                    changed |= dst is not None
                if src is None and _path_distance(*a.points[0], b.points) <= TOL:
                    src = ends[j][0]
                    changed |= src is not None
            ends[i] = (src, dst)
        if not changed:
            break
    return [(i, s, d) for i, (s, d) in enumerate(ends)]


def _label_word(text: str, ocr: bool) -> str | None:
    """The label word (lower case, ``edge_labels``) ``text`` reads as, or None: itself, or
    for an OCR'd word (:func:`_near_label`) that word, or that word with its initial's
    look-alike undone ("va", "¥a", "'a" for ya; "1dak" for tidak; never a lone "v" or
    "1", which arrowheads and step numbers read as)."""
    norm = LABEL_PUNCT.sub("", text).strip().lower()
    vocab = edge_labels()
    if norm in vocab:
        return norm
    if not ocr:
        return None
    forms = [norm]
    raw = text.strip().lower()
    initial = _label_initials().get(raw[:1])
    rest = LABEL_PUNCT.sub("", raw[1:]).strip()
    if initial is not None and rest:
        if initial + rest in vocab:
            return initial + rest
        if len(rest) >= LOOKALIKE_NEAR_LEN:
            forms.append(initial + rest)
    return next((word for form in forms if (word := _near_label(form)) is not None), None)


def _near_label(form: str) -> str | None:
    """The label word an OCR'd ``form`` is one letter off (keeping its initial), else the
    one it starts ("Ti", "Tid": blur or an erased connector took the rest; at least
    ``LABEL_PREFIX_SHARE`` of it); when the candidates all give one answer, the first of
    them (the file lists the commonest first)."""
    if len(form) < FUZZY_LABEL_LEN:
        return None
    words = _single_word_labels()
    near = [v for v in words if v[0] == form[0] and Levenshtein.distance(form, v) == 1]
    if not near:
        near = [v for v in words if v.startswith(form) and len(form) >= LABEL_PREFIX_SHARE * len(v)]
    return near[0] if near and len({branch_label(v) for v in near}) == 1 else None


def _label_text(read: str, word: str, ocr: bool = False) -> str:
    """A label as written: the words read when they are the label word, else the label
    word capitalised, as answers are written (a misread initial tells no case). An
    OCR'd answer read all in lower case is capitalised too: blur makes a "Y" a "y"
    ("ya" on photos), and answers are not printed in lower case."""
    stripped = LABEL_PUNCT.sub("", read).strip()
    if stripped.lower() == word and not (ocr and stripped.islower()):
        return stripped
    return word.capitalize()


def _same_line(a: Word, b: Word) -> bool:
    """Whether ``b`` lies on ``a``'s line: their boxes overlap over half the lower one."""
    overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    return overlap >= 0.5 * min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])


def _label_pieces(
    by_x: list[tuple[int, Word]], lefts: list[float], first: tuple[int, Word]
) -> tuple[list[int], str, BBox] | None:
    """An OCR'd label in pieces: the longest run of up to ``LABEL_PIECES`` words from
    ``first``, each the next on its line at most ``LABEL_PIECE_GAP`` to the right, that
    joined reads as a label word ("Tid" "ak"), or an answer's initial with the end of a
    longer answer after it ("T" "jak"); None when there is none. ``by_x``: the page's
    OCR'd words by left edge, ``lefts`` those edges."""
    run = [first]
    while len(run) < LABEL_PIECES:
        last = run[-1][1]
        lo = bisect_left(lefts, last.bbox[2])
        hi = bisect_right(lefts, last.bbox[2] + LABEL_PIECE_GAP)
        nxt = [(i, w) for i, w in by_x[lo:hi] if _same_line(last, w)]
        if not nxt:
            break
        run.append(min(nxt, key=lambda iw: iw[1].bbox[0]))
    for k in range(len(run), 1, -1):
        joined = "".join(w.text for _, w in run[:k])
        word = _label_word(joined, ocr=True)
        if word is not None:
            boxes = [w.bbox for _, w in run[:k]]
            box = (
                boxes[0][0],
                min(b[1] for b in boxes),
                boxes[-1][2],
                max(b[3] for b in boxes),
            )
            return [i for i, _ in run[:k]], _label_text(joined, word, ocr=True), box
    # an initial that is an answer of its own ("T") with the end of a longer answer right
    # after it: the word's middle was lost under an erased rule ("T" "jak" of "Tidak")
    initial = LABEL_PUNCT.sub("", first[1].text).strip().lower()
    if len(run) >= 2 and len(initial) == 1 and initial in edge_labels():
        longer = [v for v in _single_word_labels() if v[0] == initial and len(v) > 1]
        word = _answer_piece(run[1][1].text, longer)
        if word is not None:
            (_, a), (_, b) = run[:2]
            box = (a.bbox[0], min(a.bbox[1], b.bbox[1]), b.bbox[2], max(a.bbox[3], b.bbox[3]))
            return [run[0][0], run[1][0]], word.capitalize(), box
    return None


def _label_candidates(words: list[tuple[int, Word]]) -> list[tuple[list[int], str, BBox]]:
    """Single words and two-word phrases of the label vocabulary (no taller than
    ``LABEL_MAX_HEIGHT``); OCR'd words also in pieces (:func:`_label_pieces`) and one
    letter off (:func:`_label_word`)."""
    vocab = edge_labels()
    out: list[tuple[list[int], str, BBox]] = []
    small = [(i, w) for i, w in words if w.bbox[3] - w.bbox[1] <= LABEL_MAX_HEIGHT]
    ordered = sorted(small, key=lambda iw: (round(iw[1].bbox[1]), iw[1].bbox[0]))
    by_x = sorted((iw for iw in ordered if iw[1].conf is not None), key=lambda iw: iw[1].bbox[0])
    lefts = [w.bbox[0] for _, w in by_x]
    longest = max(len(v) for v in vocab)
    skip: set[int] = set()
    for n, (i, w) in enumerate(ordered):
        if i in skip:
            continue
        norm = LABEL_PUNCT.sub("", w.text).strip().lower()
        if n + 1 < len(ordered):
            j, w2 = ordered[n + 1]
            same_line = abs(w2.bbox[1] - w.bbox[1]) <= 2 and 0 <= w2.bbox[0] - w.bbox[2] <= 6
            pair = f"{norm} {LABEL_PUNCT.sub('', w2.text).strip().lower()}"
            if same_line and pair in vocab:
                box = (
                    w.bbox[0],
                    min(w.bbox[1], w2.bbox[1]),
                    w2.bbox[2],
                    max(w.bbox[3], w2.bbox[3]),
                )
                out.append(([i, j], f"{w.text} {w2.text}", box))
                skip.add(j)
                continue
        if w.conf is not None and len(norm) < longest:
            pieces = _label_pieces(by_x, lefts, (i, w))
            if pieces is not None:
                out.append(pieces)
                skip.update(pieces[0])
                continue
        word = _label_word(w.text, ocr=w.conf is not None)
        if word is not None:
            out.append(([i], _label_text(w.text, word, w.conf is not None), w.bbox))
    return out


def _edges(
    page: PageGeometry,
    arrows: list[Arrow],
    kept: list[tuple[CellShape, int]],
    free_words: set[int],
) -> tuple[list[Edge], set[int]]:
    """Edges between shapes, and the words used as their labels."""
    shapes = [cs for cs, _ in kept]
    if not shapes or not arrows:
        return [], set()
    resolved = _resolve(arrows, shapes)
    edges: list[Edge] = []
    paths: list[list[tuple[float, float]]] = []
    by_arrow: dict[int, Edge] = {}
    seen: set[tuple[int, int]] = set()
    for n, src, dst in resolved:
        if src is None or dst is None or src.id == dst.id or (src.id, dst.id) in seen:
            continue
        seen.add((src.id, dst.id))
        edges.append(Edge(source=src.id, target=dst.id))
        paths.append(arrows[n].points)
        by_arrow[n] = edges[-1]
    _start_at_passed_box(edges, paths, shapes)
    free = [(i, page.words[i]) for i in sorted(free_words)]
    candidates = _label_candidates(free)
    used = _label_edges(by_arrow, arrows, shapes, candidates)
    _label_lone_exits(edges, shapes, candidates, used)
    _label_exits_by_pieces(edges, shapes, free, used)
    return edges, used


def _label_edges(
    by_arrow: dict[int, Edge],
    arrows: list[Arrow],
    shapes: list[CellShape],
    candidates: list[tuple[list[int], str, BBox]],
) -> set[int]:
    """Each label on the edge whose connector passes nearest it (within ``LABEL_REACH``),
    one label an edge (the nearest); of connectors as near (one trunk drawn twice, within
    ``SAME_TRUNK``), the one whose edge leaves a symbol beside the label. Returns the
    words used."""
    by_id = {s.id: s for s in shapes}
    labels: dict[int, tuple[float, str, list[int]]] = {}
    for idx, text, box in candidates:
        lx, ly = centre(box)
        reach = LABEL_REACH + (box[2] - box[0]) / 2
        options = []
        for n, edge in by_arrow.items():
            dist = _path_distance(lx, ly, arrows[n].points)
            if dist <= reach:
                src = by_id[edge.source].bbox
                away = src is None or point_box_distance(lx, ly, src) > reach
                options.append((round(dist, 1), away, n))
        if not options:
            continue
        nearest = min(options)[0]
        dist, _, n = min(
            (o for o in options if o[0] <= nearest + SAME_TRUNK), key=lambda o: (o[1], o[0], o[2])
        )
        if n not in labels or dist < labels[n][0]:
            labels[n] = (dist, text, idx)
    used: set[int] = set()
    for n, (_, text, idx) in labels.items():
        by_arrow[n].label = text
        used.update(idx)
    return used


def _label_lone_exits(
    edges: list[Edge],
    shapes: list[CellShape],
    candidates: list[tuple[list[int], str, BBox]],
    used: set[int],
) -> None:
    """A decision's one unlabelled exit takes the other answer written beside the decision
    ("Tidak" where its other exit says "Ya") when no connector's path came near that word:
    on a scan, a loop-back is traced from wherever its pixels lead, which may be the
    forward connector's trunk, away from the answer written at its real exit."""
    for shape in shapes:
        lone = _lone_exit(shape, edges)
        if lone is None:
            continue
        bare, answer_read, bbox, _ = lone
        for idx, text, box in candidates:
            answer = branch_label(text)
            if used.intersection(idx) or answer is None or answer == answer_read:
                continue
            if point_box_distance(*centre(box), bbox) <= LABEL_REACH + (box[2] - box[0]) / 2:
                bare.label = text
                used.update(idx)
                break


def _lone_exit(shape: CellShape, edges: list[Edge]) -> tuple[Edge, str, BBox, str] | None:
    """A decision's unlabelled exit when it has two and the other's label is a known
    answer (``branch_label``), with that answer, the decision's box and the other's
    label word (lower case, as ``pairs`` of ``edge_labels.yml`` name it)."""
    if shape.kind != "decision" or shape.bbox is None:
        return None
    exits = [e for e in edges if e.source == shape.id]
    bare = [e for e in exits if e.label is None]
    if len(exits) != 2 or len(bare) != 1:
        return None
    labelled = next(e for e in exits if e.label is not None)
    answer = branch_label(labelled.label or "")
    word = LABEL_PUNCT.sub("", labelled.label or "").strip().lower()
    return None if answer is None else (bare[0], answer, shape.bbox, word)


def _label_exits_by_pieces(
    edges: list[Edge], shapes: list[CellShape], words: list[tuple[int, Word]], used: set[int]
) -> None:
    """A decision's one unlabelled exit, its other answer read, takes that answer from
    an OCR'd piece of it written beside the decision (:func:`_answer_piece`): blur and
    an erased column rule leave "Tk", "Td" or "n Tak" of a "Tidak" whose "Ya" was read.
    Nothing is taken without such a piece: an exit left unlabelled in print stays so."""
    # OCR'd words of label size
    small = [
        (i, w) for i, w in words if w.conf is not None and w.bbox[3] - w.bbox[1] <= LABEL_MAX_HEIGHT
    ]
    for shape in shapes:
        lone = _lone_exit(shape, edges)
        if lone is None:
            continue
        bare, answer_read, bbox, word_read = lone
        wanted = [v for v in _single_word_labels() if branch_label(v) not in (answer_read, None)]
        found: list[tuple[float, list[int], str]] = []
        beside: list[tuple[float, int, Word]] = []
        for i, w in small:
            if i in used:
                continue
            dist = point_box_distance(*centre(w.bbox), bbox)
            if dist > LABEL_REACH + (w.bbox[2] - w.bbox[0]) / 2:
                continue
            beside.append((dist, i, w))
            # alone, or with the piece that goes on from it on its line, even where
            # their boxes overlap ("Tidy" "k")
            after = [
                (j, v)
                for j, v in small
                if j != i
                and j not in used
                and _same_line(w, v)
                and abs(v.bbox[0] - w.bbox[2]) <= LABEL_PIECE_GAP
            ]
            pieces = [([i], w.text), *(([i, j], w.text + v.text) for j, v in after)]
            for idx, text in pieces:
                # a word's end is a piece alone ("n" "lak": lak, not "nlak" of ditolak)
                if (word := _answer_piece(text, wanted, ending=len(idx) == 1)) is not None:
                    found.append((dist, idx, word))
        pair = _answer_pairs().get(word_read)
        if not found and pair is not None:
            # no piece: a word blurred past reading with the paired answer's initial and
            # about its length ("Telok", "Tasik", "Titek" for a "Tidak" a rule ran through)
            found = [(dist, [i], pair) for dist, i, w in beside if _could_be(w.text, pair)]
        if found:
            _, idx, word = min(found, key=lambda f: (f[0], -len(f[1])))
            bare.label = word.capitalize()
            used.update(idx)


def _answer_form(text: str) -> str:
    """An OCR'd answer's letters, lower case, its initial's look-alike undone ("¥i": yi)."""
    raw = text.strip().lower()
    return _label_initials().get(raw[:1], raw[:1]) + LABEL_PUNCT.sub("", raw[1:]).replace(" ", "")


def _could_be(text: str, answer: str) -> bool:
    """Whether an OCR'd word can be ``answer`` blurred past reading: its initial, letters
    only, at least ``PAIR_MIN_LEN`` of them and within ``PAIR_LEN_SLACK`` of its length."""
    form = _answer_form(text)
    return (
        form.isalpha()
        and form[0] == answer[0]
        and len(form) >= PAIR_MIN_LEN
        and abs(len(form) - len(answer)) <= PAIR_LEN_SLACK
    )


def _answer_piece(text: str, words: Sequence[str], ending: bool = True) -> str | None:
    """The first of ``words`` (label words, lower case) an OCR'd ``text`` can be a
    piece of: the same initial (a look-alike undone: "¥i"), and its letters in the
    word's order ("Tk", "Td", "Tak" of tidak), or one letter off it ("yi" of ya); two
    letters at least. Or (``ending``), ``ANSWER_END_LEN`` letters or more, one letter off
    the word's end ("jak", "lak" of tidak)."""
    form = _answer_form(text)
    if len(form) < FUZZY_LABEL_LEN or not form.isalpha():
        return None
    for word in words:
        if word[0] == form[0]:
            rest = iter(word[1:])
            if all(ch in rest for ch in form[1:]) or Levenshtein.distance(form, word) == 1:
                return word
        # or the word's end, a letter off, its start lost: the "Ti" of a "Tidak" read as
        # "n" apart from "jak"
        if (
            ending
            and ANSWER_END_LEN <= len(form) < len(word)
            and Levenshtein.distance(form, word[-len(form) :]) <= 1
        ):
            return word
    return None


def _start_at_passed_box(
    edges: list[Edge], paths: list[list[tuple[float, float]]], shapes: list[CellShape]
) -> None:
    """An edge from a symbol with an exit too many (a decision with three, a box with two)
    whose line passes right by a box or decision with no exit, or runs along the source's
    own edge into it before branching off, starts at that symbol.

    Word and Visio shapes have one connection point per side: a loop-back drawn into
    the point where a box's own connector leaves shares that connector's first piece, and
    the trace from the next box's arrowhead may run on down the loop-back to its decision.
    """
    exits = Counter(e.source for e in edges)
    by_id = {s.id: s for s in shapes}
    index = {(e.source, e.target): k for k, e in enumerate(edges)}  # pairs are unique
    for shape in shapes:
        if shape.kind not in ("process", "decision") or exits[shape.id] or shape.bbox is None:
            continue
        best: tuple[float, int] | None = None
        for k, edge in enumerate(edges):
            src = by_id.get(edge.source)
            spare = src is not None and exits[edge.source] > (2 if src.kind == "decision" else 1)
            if not spare or edge.target == shape.id:
                continue
            near = _polyline_box_distance(paths[k], shape.bbox)
            # or it shares its first stretch with the source's own edge into the box: the
            # box's connector leaves along the loop-back's last piece and branches off
            into = index.get((edge.source, shape.id))
            if into is not None and _shared_length(paths[k], paths[into]) >= SHARED_TRUNK:
                near = min(near, PASSES_BY)
            if near <= PASSES_BY and (best is None or near < best[0]):
                best = (near, k)
        if best is not None:
            edge = edges[best[1]]
            exits[edge.source] -= 1
            edge.source = shape.id
            edge.label = None  # a branch label belongs to the decision's own exits
            exits[shape.id] += 1


def _polyline_points(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points along a polyline about one point apart."""
    out: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
        out.extend((x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps))
    return out


def _shared_length(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    """About how long (points) polyline ``a`` runs along polyline ``b``."""
    if not b:
        return 0.0
    return float(sum(1 for x, y in _polyline_points(a) if _path_distance(x, y, b) <= TOL))


def _polyline_box_distance(points: list[tuple[float, float]], box: BBox) -> float:
    """Least distance (points) from a polyline to a box, sampled about every point."""
    return min(
        (point_box_distance(x, y, box) for x, y in [*_polyline_points(points), *points[-1:]]),
        default=float("inf"),
    )


def _open_ends(
    inside: list[Arrow], leaving: list[Arrow], shapes: list[CellShape], edges: list[Edge]
) -> list[OpenEnd]:
    """Connectors that continue on another page: leaving below every shape from a shape,
    or arriving at a shape from above every shape with no shape at their start."""
    if not shapes:
        return []
    top = min((s.bbox or (0, 0, 0, 0))[1] for s in shapes)
    bottom = max((s.bbox or (0, 0, 0, 0))[3] for s in shapes)
    ends: list[OpenEnd] = []
    for arrow in leaving:
        src = _nearest_shape(*arrow.points[0], shapes)
        if src is not None and arrow.points[-1][1] >= bottom:
            ends.append(OpenEnd(shape=src.id, direction="out", x=arrow.points[-1][0]))
    linked = {e.target for e in edges}
    for arrow in inside:
        (x0, y0), (x1, y1) = arrow.points[0], arrow.points[-1]
        dst = _nearest_shape(x1, y1, shapes)
        if (
            arrow.has_head
            and dst is not None
            and dst.id not in linked
            and y0 < top
            and _nearest_shape(x0, y0, shapes) is None
        ):
            ends.append(OpenEnd(shape=dst.id, direction="in", x=x0))
    return ends


# --------------------------------------------------------------------------- text


def _lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into lines (by vertical centre), each line left to right.

    A line's band is the typical word height (the median) about its first word's centre,
    not that word's own box: OCR sometimes boxes a word far too tall (12 pt for 6.5-pt
    print), and a band that tall swallowed the next line's word, which then came first
    ("Kepegawaian Pengelola" for "Pengelola / Kepegawaian").
    """
    lines: list[list[Word]] = []
    band: tuple[float, float] | None = None
    half = median(w.bbox[3] - w.bbox[1] for w in words) / 2 if words else 0.0
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        cy = (w.bbox[1] + w.bbox[3]) / 2
        if band is not None and band[0] <= cy <= band[1]:
            lines[-1].append(w)
        else:
            lines.append([w])
            band = (cy - half, cy + half)
    return [sorted(line, key=lambda w: w.bbox[0]) for line in lines]


def _text(words: Sequence[Word]) -> str:
    return "\n".join(" ".join(w.text for w in line) for line in _lines(words))


def _conf(words: Sequence[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None]
    return round(fmean(confs), 1) if confs else None


def _chunks(words: Sequence[Word]) -> list[list[Word]]:
    """Lines split where a horizontal gap is wider than a few line heights (columns)."""
    out: list[list[Word]] = []
    for line in _lines(words):
        height = median(w.bbox[3] - w.bbox[1] for w in line)
        run = [line[0]]
        for w in line[1:]:
            if w.bbox[0] - run[-1].bbox[2] > max(3 * height, 15.0):
                out.append(run)
                run = []
            run.append(w)
        out.append(run)
    return out


def _paragraphs(page: PageGeometry, words: Sequence[Word]) -> list[Paragraph]:
    """Line chunks stacked closely and overlapping horizontally form one paragraph."""
    if not words:
        return []
    chunks = sorted(_chunks(words), key=lambda ch: min(w.bbox[1] for w in ch))
    paras: list[list[list[Word]]] = []
    for chunk in chunks:
        box = union_box(w.bbox for w in chunk)
        height = box[3] - box[1]
        target = None
        for para in reversed(paras):
            last = union_box(w.bbox for w in para[-1])
            last_h = last[3] - last[1]
            gap = box[1] - last[3]
            overlap = min(box[2], last[2]) - max(box[0], last[0])
            similar = 0.75 <= height / max(last_h, 0.1) <= 1.33
            if -1.0 <= gap <= 0.7 * max(height, last_h) and overlap > 0 and similar:
                target = para
                break
        if target is None:
            paras.append([chunk])
        else:
            target.append(chunk)
    out: list[Paragraph] = []
    for para in paras:
        ws = [w for chunk in para for w in chunk]
        text = "\n".join(" ".join(w.text for w in chunk) for chunk in para)
        prov = Provenance(
            page=page.page,
            bbox=union_box(w.bbox for w in ws),
            source=page.source,
            confidence=_conf(ws),
        )
        out.append(Paragraph(text=text, prov=prov))
    return out
