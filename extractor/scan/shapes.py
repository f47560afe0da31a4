"""Flowchart symbols and connectors in a binarised page.

Shapes: every closed outline leaves a *hole* (its interior) in the ink mask. Hole
contours (``RETR_CCOMP``) are free of the connectors and arrowheads attached to the
outline, so they show the symbol's true silhouette. Holes bounded by table rules
(a rule runs on past the hole's corner) are cells, not symbols. A symbol is then
told by its fill extent (area / bounding box) and its width profile near the top,
middle and bottom (notes §3.5: rect ≥ 0.93, capsule 0.7–0.93, diamond < 0.62):

============  ==========  =====================================
kind          extent      width at 6 % / 50 % / 94 % of height
============  ==========  =====================================
process       ≥ 0.93      1 / 1 / 1
terminator    0.7–0.95    < 0.9, symmetric / 1 / same as top
decision      < 0.7       small / ≈ 1 / small
offpage       0.7–0.9     1 / 1 / small (home plate pointing down)
============  ==========  =====================================

Arrows: arrowheads are the only solid blobs thicker than a stroke (an opening
with a ~2-pt disc removes every line and glyph); each is followed back along the
connector strokes (rules and symbol outlines removed) to the farthest point. Heads of
one merged stroke share its sources by the exits each symbol has (:func:`_share_exits`);
a head with no level or upright line behind it may end a straight slanted connector
between two symbols (:func:`_slanted_arrows`).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from extractor.scan.lines import (
    CONNECTOR_PT,
    MAX_LINE_THICK_PT,
    STROKE_NEIGHBOUR_PT,
    free_standing,
    line_mask,
    line_runs,
    pt,
    px2,
)

#: Smallest/largest symbol interior (points). Glyph holes (o, a, e, O) stay below.
SHAPE_MIN_W_PT, SHAPE_MIN_H_PT = 16.0, 8.0
SHAPE_MAX_W_PT, SHAPE_MAX_H_PT = 220.0, 140.0
#: An off-page connector is smaller than a step's symbol: its home-plate interior is
#: 15 pt across in the corpus (a 0.6-cm symbol), and no glyph's hole has its shape.
OFFPAGE_MIN_PT = 10.0
#: A closed outline at its full width over this share of its height is a rectangle
#: (a blurred one's corners round: extent 0.91, top 0.85, like a capsule's; capsules are
#: full-width over 0.34-0.52 of their height, blurred rectangles 0.72-0.99 on photos).
RECT_FULL_SHARE = 0.65
#: A capsule (terminator) is at least this much wider than tall; a diamond found by its
#: fill alone is this symmetric (width near the top vs. near the bottom, of the width).
CAPSULE_MIN_W_OVER_H, SYMMETRY_SLACK = 1.3, 0.3
#: A symbol is no taller than this share of its width (glyph holes like "O" are taller).
SHAPE_MAX_H_OVER_W = 1.25
#: A line bounding a hole that runs this far (points) past the hole's corner is a rule.
RULE_OVERRUN_PT = 5.0
#: A hole with this many sides on rules is a cell even when not rectangular (a cell with
#: a connector poking in); a capsule or diamond can touch one connector, not two sides.
MIN_RULED_SIDES = 2
#: Extent cut-offs (notes §3.5, measured 0.96–0.98 / 0.87–0.88 / 0.50–0.52).
EXTENT_RECT, EXTENT_CAPSULE, EXTENT_DIAMOND = 0.93, 0.7, 0.62
#: Arrowheads: a disc of this diameter (points) survives only inside solid blobs.
HEAD_CORE_PT = 2.2
HEAD_MIN_AREA_PT2, HEAD_MAX_AREA_PT2 = 6.0, 120.0
#: Arrowhead cores fill ≥ 0.7 of their enclosing triangle (0.67–0.69 when blurred at 200
#: dpi, core area ≥ 17 pt²); bold-glyph junctions, the other blobs that survive the
#: opening, measured 0.54–0.66 and ≤ 8.7 pt² on 12-pt bold titles. A blob passes when it
#: is triangular enough, or a little less triangular but larger than any junction: a
#: 10-pt² head whose tip touches the box under it fills 0.68 (corpus scans at 300 dpi;
#: lowering the large-head bound from 12 to 9.5 pt² took "next" from 63.4 to 72.0 %).
HEAD_TRIANGLE_FILL, HEAD_TRIANGLE_FILL_LARGE, HEAD_LARGE_PT2 = 0.7, 0.6, 9.0
#: Beside a symbol a head may be rounder: a photo's blurred head core fills 0.6-0.7 of
#: its triangle (a 4-pt head merged with the box below: 0.65, 7.9 pt²), and so does a
#: scan's head whose tip merges with the box it points at while another connector leaves
#: from under it (0.69, 9.0 pt²); the line behind it still has to be there.
HEAD_BESIDE_SYMBOL_FILL = 0.6
#: An arrow has at least this much free-standing line (points) behind its head; a
#: blob in blurred text has a few letter-long runs at most.
MIN_CONNECTOR_LINE_PT = 12.0
#: ... but a connector from one symbol to another may be as short as this (points of
#: line left once the outlines and the head are cut away: a step into the off-page
#: connector 12 pt below it keeps 3-5).
MIN_SHORT_CONNECTOR_LINE_PT = 3.0
#: A connector's tail lies farther than this (points) from the symbol its head points at,
#: or the grid would resolve it to that symbol (``extractor.grid.ARROW_REACH``).
TAIL_APART_PT = 14.0
#: An arrow's tip lies within this distance (points) of a symbol's interior box (the
#: outline and a small gap between).
TIP_REACH_PT = 8.0
#: ... or joins another connector: a free-standing line at least MIN_CONNECTOR_LINE_PT
#: long within this distance (points).
TIP_ON_LINE_PT = 2.5
#: Two connectors cross where each runs on at least this far (points, traced at about a
#: pixel per point) on both sides of the other; a corner or a junction has line on one side.
CROSS_ARM_PT = 4
#: A straight slanted connector (see _slanted_arrows): at least this long (points, the
#: head cut away), within this reach of its head (points), and at least this many
#: degrees off level and upright (those are traced as lines).
SLANT_MIN_PT, SLANT_MAX_PT, SLANT_MIN_DEG = 8.0, 60.0, 10.0
#: A box's outline may have lost this much (points) of one side (a photo's worn print):
#: holes are looked for again with gaps this wide closed (see find_shapes), and taken
#: only as boxes a step's size (width, height in points; corpus boxes are 33 × 19) clear
#: of every symbol found (a connector closed into a small box above an off-page symbol).
WIDE_GAP_PT = 4.0
WIDE_BOX_MIN_PT = (24.0, 12.0)
#: Inner interiors darker than this mean gray are filled symbols.
FILLED_GRAY = 200
#: Cut out of the connectors around each symbol beyond its outline's own width (points):
#: enough to part a connector from the outline it ends at, little enough to leave a line
#: drawn 2-3 pt beside a side (a loop-back running up along the box it turns into; 1.5
#: cut such lines on black-and-white scans, whose strokes have no gray fringe).
RING_GAP_PT = 1.0
#: A gray scan's page (light-flattened, paper 255): ink this light or lighter is a mark
#: over the print (a stamp's ring: 105-125 at its core; print's strokes 0-60 at theirs).
PRINT_GRAY_MAX = 96
#: ... and the page has such marks when this many pixels of them (px) are left once the
#: print's own light fringe is worn off.
LIGHT_MARK_MIN_PX = 400
#: Symbols a light mark's stroke may split.
MARKED_KINDS = frozenset({"process", "decision", "terminator"})


#: A box in px: (x0, y0, x1, y1).
Box = tuple[int, int, int, int]


@dataclass
class PxShape:
    """A classified symbol: kind, interior box in px (x0, y0, x1, y1), fill, interior mask."""

    kind: str
    box: tuple[int, int, int, int]
    filled: bool
    contour: np.ndarray


def _run_beyond(strip: np.ndarray, axis: int, centre: int, lo: int, hi: int, tol: int) -> bool:
    """Whether the run through ``centre`` of ``strip.any(axis)`` (a 1-D mask along the
    other axis) reaches past ``lo - tol`` or ``hi + tol``.

    Only the window from ``lo - tol - 1`` to ``hi + tol`` decides it, so only that much of
    the strip is looked at (a side's strip spans the whole page).
    """
    size = strip.shape[1 - axis]
    a, b = max(0, lo - tol - 1), min(size, hi + tol + 1)
    band = (strip[:, a:b] if axis == 0 else strip[a:b]).any(axis=axis)
    at = centre - a
    if band.size == 0 or not 0 <= at < band.size or not band[at]:
        return False
    left = lo - tol - 1 >= 0 and bool(band[: at + 1].all())
    right = hi + tol < size and bool(band[at:].all())
    return left or right


def _run_length(line: np.ndarray, limit: int) -> int:
    """Length of the ink run at the start of ``line`` (at most ``limit``, at least 1)."""
    gaps = np.flatnonzero(line[:limit] == 0)
    return max(1, int(gaps[0]) if gaps.size else min(limit, line.size))


def _sides_on_rules(
    box: tuple[int, int, int, int],
    ink: np.ndarray,
    hmask: np.ndarray,
    vmask: np.ndarray,
    band: int,
    tol: int,
) -> int:
    """How many sides of the hole are a rule running on past its corners (cells: 1-4).

    Only the outline stroke itself is looked at (the ink run next to the hole, at most
    ``band`` px), so a connector passing just beside a symbol does not make it a cell.
    """
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    # a hole's contour runs along the outline's own innermost pixels (its box ends a
    # pixel into the outline): a hairline rule of a black-and-white scan is that pixel
    up = _run_length(ink[y0::-1, cx], band)
    down = _run_length(ink[y1 - 1 :, cx], band)
    back = _run_length(ink[cy, x0::-1], band)
    ahead = _run_length(ink[cy, x1 - 1 :], band)
    return sum(
        (
            _run_beyond(hmask[max(0, y0 + 1 - up) : y0 + 1], 0, cx, x0, x1, tol),
            _run_beyond(hmask[y1 - 1 : y1 - 1 + down], 0, cx, x0, x1, tol),
            _run_beyond(vmask[:, max(0, x0 + 1 - back) : x0 + 1], 1, cy, y0, y1, tol),
            _run_beyond(vmask[:, x1 - 1 : x1 - 1 + ahead], 1, cy, y0, y1, tol),
        )
    )


def classify_outline(contour: np.ndarray) -> str:
    """The symbol kind of a closed interior outline (see the module table)."""
    x, y, w, h = cv2.boundingRect(contour)
    extent = cv2.contourArea(contour) / float(w * h)
    canvas = np.zeros((h, w), np.uint8)
    cv2.drawContours(canvas, [contour - [x, y]], -1, 255, thickness=cv2.FILLED)

    def width_at(frac: float) -> float:
        row = min(h - 1, max(0, round(frac * (h - 1))))
        return float(np.count_nonzero(canvas[row])) / w

    top, mid, bottom = width_at(0.06), width_at(0.5), width_at(0.94)
    # a capsule is a wide stadium; a round hole (a stamp's ring, a signature's loop) is not
    wide = w >= CAPSULE_MIN_W_OVER_H * h
    # a capsule is at its full width only about its middle (≤ ~0.5 of its height); a
    # rectangle whose corners blur rounded still is over most of it
    full = float(np.count_nonzero((canvas > 0).sum(axis=1) >= 0.97 * w)) / h
    if full >= RECT_FULL_SHARE and extent >= EXTENT_CAPSULE:
        return "process"
    if extent >= EXTENT_RECT and min(top, bottom) >= 0.9:
        return "process"
    if top >= 0.85 and bottom <= 0.6 and mid >= 0.85:
        return "offpage"
    if max(top, bottom) <= 0.45 and mid >= 0.7 and extent < EXTENT_CAPSULE:
        return "decision"
    if EXTENT_CAPSULE <= extent < 0.97 and abs(top - bottom) <= 0.2 and 0.3 < top < 0.92:
        return "terminator" if wide else "unknown"
    # fall back to the extent bands alone, for outlines at least symmetric top to bottom
    # (a scribble's loop is not)
    if extent >= EXTENT_RECT:
        return "process"
    if extent >= EXTENT_CAPSULE:
        return "terminator" if wide else "unknown"
    if extent < EXTENT_DIAMOND and abs(top - bottom) <= SYMMETRY_SLACK and mid >= 0.6:
        return "decision"
    return "unknown"


def find_shapes(
    ink: np.ndarray,
    hmask: np.ndarray,
    vmask: np.ndarray,
    gray: np.ndarray,
    dpi: float,
    rules: np.ndarray | None = None,
    light_marks: bool = False,
) -> list[PxShape]:
    """Closed flowchart symbols: hole contours that are not table cells, classified.

    ``light_marks``: look again without ink lighter than print (a gray scan's stamp
    whose ring crosses a box splits its hole; :func:`_under_light_marks`).

    ``hmask``/``vmask`` hold every straight line (rules and connectors), ``rules`` the
    table's rules alone (default: every line). A hole with lines running on past two of
    its corners is a cell or a gap closed off by connectors; a rectangle is a cell as
    soon as one side is a table rule, but a box that a connector runs along (a loop back
    past its side) stays a symbol.
    """
    close = max(3, round(dpi / 100) + 2)  # bridges worn-toner gaps in outlines
    found = _closed_symbols(ink, hmask, vmask, gray, dpi, rules, close)
    # a box whose side lost a wider piece (a photo's worn outline): closed harder, and
    # taken where no symbol was found (rectangles only: a closing this wide rounds
    # nothing else into a step's symbol)
    wide = pt(WIDE_GAP_PT, dpi)
    if wide > close:
        apart = pt(TIP_REACH_PT, dpi)
        min_w, min_h = pt(WIDE_BOX_MIN_PT[0], dpi), pt(WIDE_BOX_MIN_PT[1], dpi)
        found += [
            s
            for s in _closed_symbols(ink, hmask, vmask, gray, dpi, rules, wide)
            if s.kind == "process"
            and s.box[2] - s.box[0] >= min_w
            and s.box[3] - s.box[1] >= min_h
            and not any(_overlap(s.box, o.box, apart) for o in found)
        ]
    if light_marks:
        found += _under_light_marks(ink, hmask, vmask, gray, dpi, rules, close, found)
    # an outline drawn twice (double line, shadow) leaves nested holes: keep the outer one
    found = [
        s
        for s in found
        if not any(
            o is not s
            and o.box[0] <= s.box[0]
            and o.box[1] <= s.box[1]
            and o.box[2] >= s.box[2]
            and o.box[3] >= s.box[3]
            for o in found
        )
    ]
    return _without_spaces_at_symbols(found)


def _under_light_marks(
    ink: np.ndarray,
    hmask: np.ndarray,
    vmask: np.ndarray,
    gray: np.ndarray,
    dpi: float,
    rules: np.ndarray | None,
    close: int,
    found: list[PxShape],
) -> list[PxShape]:
    """Symbols whose holes show once ink lighter than print (``PRINT_GRAY_MAX``) is left
    out, clear of every symbol ``found`` (the ring's own holes, of no known shape, aside):
    a stamp's ring across a box on a gray scan splits the box's hole. Looked for only on
    pages with such marks."""
    lighter = gray >= PRINT_GRAY_MAX
    light = np.where(lighter, ink, 0).astype(np.uint8)
    # print's soft edge is a pixel or two of lighter gray: worn off, a mark's stroke stays
    if cv2.countNonZero(cv2.erode(light, np.ones((3, 3), np.uint8))) < LIGHT_MARK_MIN_PX:
        return []
    dark = np.where(lighter, 0, ink).astype(np.uint8)
    apart = pt(TIP_REACH_PT, dpi)
    return [
        s
        for s in _closed_symbols(dark, hmask, vmask, gray, dpi, rules, close)
        if s.kind in MARKED_KINDS
        and not any(o.kind != "unknown" and _overlap(s.box, o.box, apart) for o in found)
    ]


def _without_spaces_at_symbols(found: list[PxShape]) -> list[PxShape]:
    """``found`` but the holes of no known shape across a symbol's box. Symbols never
    overlap: such a hole is a space closed off by the connectors at the symbol (a blurred
    photo's), whose outline would otherwise be erased with the symbols' as if it were
    one, and the connectors with it."""
    return [
        s
        for s in found
        if s.kind != "unknown"
        or not any(o.kind != "unknown" and _overlap(s.box, o.box, 0) for o in found)
    ]


def _overlap(a: Box, b: Box, margin: int) -> bool:
    """Whether two boxes come within ``margin`` px of each other."""
    return (
        a[0] < b[2] + margin
        and b[0] < a[2] + margin
        and a[1] < b[3] + margin
        and b[1] < a[3] + margin
    )


def _closed_symbols(
    ink: np.ndarray,
    hmask: np.ndarray,
    vmask: np.ndarray,
    gray: np.ndarray,
    dpi: float,
    rules: np.ndarray | None,
    close: int,
) -> list[PxShape]:
    """The symbols whose holes show once gaps up to ``close`` px are closed."""
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    min_w, min_h = pt(SHAPE_MIN_W_PT, dpi), pt(SHAPE_MIN_H_PT, dpi)
    off_min = pt(OFFPAGE_MIN_PT, dpi)
    max_w, max_h = pt(SHAPE_MAX_W_PT, dpi), pt(SHAPE_MAX_H_PT, dpi)
    band, tol = pt(3.0, dpi), pt(RULE_OVERRUN_PT, dpi)
    hr, vr = (hmask, vmask) if rules is None else (hmask & rules, vmask & rules)
    found: list[PxShape] = []
    for contour, (_, _, _, parent) in zip(contours, hierarchy[0], strict=True):
        if parent < 0:
            continue  # an outer boundary, not a hole
        x, y, w, h = cv2.boundingRect(contour)
        small = off_min <= min(w, h) and w < min_w and h <= max_h
        if not small and (
            not (min_w <= w <= max_w and min_h <= h <= max_h) or h > SHAPE_MAX_H_OVER_W * w
        ):
            continue
        kind = classify_outline(contour)
        if small and kind != "offpage":
            continue  # a glyph's hole, or a box too small to be a step
        box = (x, y, x + w, y + h)
        lined = _sides_on_rules(box, closed, hmask, vmask, band, tol)
        ruled = lined if hr is hmask else _sides_on_rules(box, closed, hr, vr, band, tol)
        if ruled >= MIN_RULED_SIDES or (lined >= MIN_RULED_SIDES and kind != "process"):
            continue
        if ruled and kind == "process":
            continue  # a rectangle with a rule through its side is a cell (or part of one)
        if lined > ruled and kind == "offpage":
            # a connector meets an off-page symbol square on, never runs along its side
            # (a table's rule may: the symbol set on the table's foot): this is the space
            # between connectors (two sharing a stretch, one turning down onto a
            # decision's corner), shaped like one
            continue
        filled = float(gray[y : y + h, x : x + w].mean()) < FILLED_GRAY
        found.append(PxShape(kind, box, filled, contour))
    return found


def shape_rings(shapes: list[PxShape], shape: tuple[int, int], grow_px: int) -> np.ndarray:
    """A mask of every symbol's interior grown by ``grow_px`` (0: the interior alone)."""
    mask = np.zeros(shape, np.uint8)
    cv2.drawContours(mask, [s.contour for s in shapes], -1, 255, thickness=cv2.FILLED)
    if grow_px <= 0:
        return mask
    # grown symbol by symbol, each within its box grown twice (what the grown box can
    # reach), not over the whole page
    kernel = np.ones((2 * grow_px + 1, 2 * grow_px + 1), np.uint8)
    out = np.zeros_like(mask)
    h, w = shape
    for s in shapes:
        x0, y0 = max(0, s.box[0] - 2 * grow_px - 1), max(0, s.box[1] - 2 * grow_px - 1)
        x1, y1 = min(w, s.box[2] + 2 * grow_px + 2), min(h, s.box[3] + 2 * grow_px + 2)
        grown = cv2.dilate(mask[y0:y1, x0:x1], kernel)
        np.maximum(out[y0:y1, x0:x1], grown, out=out[y0:y1, x0:x1])
    return out


# --------------------------------------------------------------------------- arrows


def _heads(ink: np.ndarray, dpi: float, symbols: list[PxShape] | None = None) -> list[np.ndarray]:
    """Contours of solid triangular blobs (arrowheads).

    Blur, or a box outline and a connector merging with a head, rounds its core, which
    then fills less of its triangle (``HEAD_BESIDE_SYMBOL_FILL``), as the cores of a
    blurred bold word's letters do: such a rounder blob is a head only beside one of
    ``symbols`` (a head points into the symbol it ends at; header text stands apart).
    """
    k = max(3, pt(HEAD_CORE_PT, dpi) | 1)
    core = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    contours, _ = cv2.findContours(core, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    least, most = px2(HEAD_MIN_AREA_PT2, dpi), px2(HEAD_MAX_AREA_PT2, dpi)
    reach = pt(TIP_REACH_PT, dpi)
    heads = []
    for c in contours:
        area = cv2.contourArea(c)
        if not least <= area <= most:
            continue
        hull_area = cv2.contourArea(cv2.convexHull(c))
        tri_area, _ = cv2.minEnclosingTriangle(c.astype(np.float32))
        if not hull_area or not tri_area or area / hull_area < 0.85:
            continue
        fill = area / tri_area
        large = area >= px2(HEAD_LARGE_PT2, dpi)
        if fill >= HEAD_TRIANGLE_FILL or (large and fill >= HEAD_TRIANGLE_FILL_LARGE):
            heads.append(c)
        elif fill >= HEAD_BESIDE_SYMBOL_FILL:
            x, y, w, h = cv2.boundingRect(c)
            if _symbol_at((x + w / 2, y + h / 2), symbols or [], reach):
                heads.append(c)
    return heads


def crossings(mask: np.ndarray, arm: int, walls: np.ndarray | None = None) -> np.ndarray:
    """Where a horizontal and a vertical stroke of ``mask`` cross: pixels with stroke
    ``arm`` px to the left and right *and* above and below (a corner or a junction where a
    line ends has stroke on one side only), grown by a pixel to cover the whole crossing.

    ``walls`` (symbols and their rings, cut out of ``mask``) count as stroke on the far
    side: a connector that meets a line passing right beside a symbol runs on into the
    symbol across it, as the eye reads it, rather than turning onto that line."""
    m = mask.astype(np.uint8)
    if walls is not None:
        m = np.maximum(m, walls.astype(np.uint8))
    k = 2 * arm + 1
    through_h = cv2.erode(
        m, np.ones((1, k), np.uint8), borderType=cv2.BORDER_CONSTANT, borderValue=0
    )
    through_v = cv2.erode(
        m, np.ones((k, 1), np.uint8), borderType=cv2.BORDER_CONSTANT, borderValue=0
    )
    both = cv2.bitwise_and(through_h, through_v)
    return (cv2.dilate(both, np.ones((3, 3), np.uint8)) > 0) & (mask > 0)


#: Layers of a crossing pixel: entered moving across (along a row) or down (a column).
_FREE, _ALONG_ROW, _ALONG_COLUMN = 0, 1, 2


def _geodesic_path(
    mask: np.ndarray,
    start: tuple[int, int],
    avoid: tuple[float, float, float, float] | None = None,
    cross: np.ndarray | None = None,
    sources: list[tuple[float, float, float, float]] | None = None,
    prefer: int | None = None,
    found: dict[int, float] | None = None,
) -> list[tuple[int, int]]:
    """Path (x, y) from the pixel of ``mask`` farthest (8-connected) from ``start`` back to it.

    With ``avoid`` (x0, y0, x1, y1), from the farthest stroke end outside that box: the
    symbol an arrowhead points at is never where its connector starts, though a loop-back
    sharing strokes with the arrow may end there farther away. A stroke end is a pixel
    no neighbour of which (within 2 px) lies farther along.

    ``sources`` (boxes like ``avoid``: the other symbols and their reach): ends there
    come before farther ends in the open.

    ``cross`` marks where two connectors cross (:func:`crossings`): a path goes straight
    through there, as the eye follows it, and never turns onto the other connector.

    ``found`` (filled when given, with ``avoid``): for each of ``sources`` with a stroke
    end in it, the farthest such end's distance; under key -1, the source the path was
    taken from (-1 when none). ``prefer``: take the path from that source's farthest
    end, when it has one (see :func:`_share_exits`).
    """
    h, w = mask.shape
    dist = np.full((h, w), -1, np.float32)
    dist[start[1], start[0]] = 0
    first = (start[0], start[1], _FREE)
    parent = {first: first}
    steps = {first: 0}
    queue = deque([first])
    last = first
    while queue:
        last = queue.popleft()
        x, y, layer = last
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if (layer == _ALONG_ROW and dy) or (layer == _ALONG_COLUMN and dx):
                    continue  # straight on through a crossing
                nx, ny = x + dx, y + dy
                if not (0 <= nx < w and 0 <= ny < h and mask[ny, nx]):
                    continue
                nlayer = _FREE
                if cross is not None and cross[ny, nx]:
                    if dx and dy:
                        continue  # into a crossing only along a row or a column
                    nlayer = layer if layer != _FREE else (_ALONG_ROW if dx else _ALONG_COLUMN)
                state = (nx, ny, nlayer)
                if state in parent:
                    continue
                parent[state] = last
                steps[state] = steps[last] + 1
                dist[ny, nx] = max(dist[ny, nx], steps[state])
                queue.append(state)
    tail = last
    if avoid is not None:
        ends = (dist >= 0) & (dist == cv2.dilate(dist, np.ones((5, 5), np.uint8)))
        ys, xs = np.nonzero(ends)
        outside = ~_in_box(xs, ys, avoid)
        if outside.any():
            # an end at another symbol before an end in the open (a loop-back's corner
            # whose last piece went with the outline of the symbol it leaves)
            at_symbol = np.zeros(len(xs), bool)
            inside = [outside & _in_box(xs, ys, box) for box in sources or ()]
            for here in inside:
                at_symbol |= here
            rank = np.where(outside, dist[ys, xs] + at_symbol * (dist.max() + 1), -1)
            if prefer is not None and inside[prefer].any():
                rank = np.where(inside[prefer], dist[ys, xs], -1)
            i = int(np.argmax(rank))
            end = (int(xs[i]), int(ys[i]))
            if found is not None:
                for j, here in enumerate(inside):
                    if here.any():
                        found[j] = float(dist[ys[here], xs[here]].max())
                found[-1] = next((j for j, here in enumerate(inside) if here[i]), -1)
            tail = max((st for st in parent if st[:2] == end), key=steps.__getitem__)
    path = [tail]
    while path[-1] != first:
        path.append(parent[path[-1]])
    return [(x, y) for x, y, _ in path]


def _in_box(xs: np.ndarray, ys: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    return (xs >= box[0]) & (xs <= box[2]) & (ys >= box[1]) & (ys <= box[3])


def _traced_box(
    box: tuple[int, int, int, int], margin: int, step: int, origin: tuple[int, int]
) -> tuple[float, float, float, float]:
    """A px box grown by ``margin``, in the pixels of a component traced every ``step`` px
    whose corner is ``origin``."""
    ox, oy = origin
    return (
        (box[0] - margin) / step - ox,
        (box[1] - margin) / step - oy,
        (box[2] + margin) / step - ox,
        (box[3] + margin) / step - oy,
    )


def _max_distance(mask: np.ndarray, band: int = 512, margin: int = 96) -> float:
    """The largest distance (L2, 3×3 mask) from a set pixel of ``mask`` to the nearest
    clear one, as ``cv2.distanceTransform(...).max()`` but band by band: a page-sized
    float image is 35 MB at 300 dpi. Each band is read with ``margin`` rows on both
    sides and only its own rows count, so bands agree with the whole image wherever the
    nearest clear pixel lies within ``margin`` rows (rules are far thinner)."""
    best = 0.0
    h = mask.shape[0]
    for y in range(0, h, band):
        lo, hi = max(0, y - margin), min(h, y + band + margin)
        dist = cv2.distanceTransform(mask[lo:hi], cv2.DIST_L2, 3)
        best = max(best, float(dist[y - lo : y - lo + band].max()))
    return best


def _touches(mask: np.ndarray, rect: tuple[int, int, int, int], margin: int) -> bool:
    """Whether ``mask`` has ink within ``margin`` px of the box ``rect`` (x, y, w, h)."""
    x, y, w, h = rect
    x0, y0 = max(0, x - margin), max(0, y - margin)
    return bool(mask[y0 : y + h + margin, x0 : x + w + margin].any())


def _long_line_near(
    lines: np.ndarray,
    point: tuple[int, int],
    reach: int,
    length: int,
    own: list[tuple[float, float]] | None = None,
    own_thick: int = 0,
) -> bool:
    """Whether a straight run of ``lines`` at least ``length`` px long (:func:`line_mask`)
    lies within ``reach`` px of ``point``.

    ``own``: the arrow's own path (px), drawn ``own_thick`` px wide and left out: the
    line an arrow joins is another one, not its own shaft. (A blurred word read as an
    arrow, "Perundang-" on a photo, otherwise joins itself.)

    The runs are found in the window that decides it (an opening reaches ``length`` px
    each way, twice), not over the whole page: only arrows ending off any symbol ask.
    """
    x, y = point
    h, w = lines.shape
    pad = reach + 2 * length + 1
    x0, y0 = max(0, x - pad), max(0, y - pad)
    window = lines[y0 : min(h, y + pad + 1), x0 : min(w, x + pad + 1)]
    if own:
        window = window.copy()
        path = np.array([(px - x0, py - y0) for px, py in own], np.int32).reshape(-1, 1, 2)
        cv2.polylines(window, [path], False, 0, thickness=max(1, own_thick))
    near = np.s_[
        max(0, y - reach) - y0 : y + reach + 1 - y0, max(0, x - reach) - x0 : x + reach + 1 - x0
    ]
    return any(line_mask(window, length, horizontal)[near].any() for horizontal in (True, False))


def _symbol_at(
    point: tuple[float, float], shapes: list[PxShape], reach: int
) -> tuple[int, int, int, int] | None:
    """The box of the symbol within ``reach`` px of ``point``, if any."""
    x, y = point
    for s in shapes:
        if s.box[0] - reach <= x <= s.box[2] + reach and s.box[1] - reach <= y <= s.box[3] + reach:
            return s.box
    return None


def _points_at_symbol(tip: tuple[float, float], shapes: list[PxShape], reach: int) -> bool:
    return _symbol_at(tip, shapes, reach) is not None


def find_arrows(
    ink: np.ndarray,
    rules: np.ndarray,
    shapes: list[PxShape],
    dpi: float,
    headless: list[list[tuple[float, float]]] | None = None,
) -> tuple[list[list[tuple[float, float]]], np.ndarray]:
    """Connector polylines in px (tail first, the arrowhead's tip last) and the stroke mask.

    ``headless`` (filled when given): lines drawn with no arrowhead into or out of an
    off-page symbol no arrow reaches (:func:`_offpage_lines`), from where the flow comes.
    """
    heads = _heads(ink, dpi, shapes)
    if not heads:
        return [], np.zeros_like(ink)
    k = pt(CONNECTOR_PT, dpi)
    head_mask = np.zeros_like(ink)
    cv2.drawContours(head_mask, heads, -1, 255, thickness=cv2.FILLED)
    head_mask = cv2.bitwise_and(cv2.dilate(head_mask, np.ones((5, 5), np.uint8)), ink)
    reach, thick = pt(STROKE_NEIGHBOUR_PT, dpi), pt(MAX_LINE_THICK_PT, dpi)
    # one direction at a time: a page's label image is 17 MB
    mask, runs = line_runs(ink, k, True, thick)
    strokes = free_standing(mask, ink, head_mask, reach, True, runs)
    mask, runs = line_runs(ink, k, False, thick)
    strokes = cv2.bitwise_or(strokes, free_standing(mask, ink, head_mask, reach, False, runs))
    del mask, runs
    lines_only = strokes.copy()
    # lines long enough to be another connector an arrow can join (not letter stems)
    k_long = pt(MIN_CONNECTOR_LINE_PT, dpi)
    # an arrowhead sits at the end of a free-standing line; blobs in text do not
    near = pt(1.5, dpi)
    touching = [_touches(lines_only, cv2.boundingRect(h), near) for h in heads]
    # heads with no level or upright line behind them, like those the tracer finds no
    # arrow for: a straight slanted connector between two symbols, or no arrow at all
    # (see _slanted_arrows)
    loose = [h for h, t in zip(heads, touching, strict=True) if not t]
    heads = [h for h, t in zip(heads, touching, strict=True) if t]
    # rules and symbol outlines, grown, are cut out of every connector
    grow = max(2, pt(1.0, dpi))
    rules = cv2.dilate(rules, np.ones((2 * grow + 1,) * 2, np.uint8))
    rings = shape_rings(shapes, ink.shape, grow + pt(RING_GAP_PT, dpi))
    if not heads:
        return _slanted_arrows(loose, ink, rules, rings, shapes, dpi)
    head_mask = np.zeros_like(ink)
    cv2.drawContours(head_mask, heads, -1, 255, thickness=cv2.FILLED)
    head_mask = cv2.bitwise_and(cv2.dilate(head_mask, np.ones((5, 5), np.uint8)), ink)
    strokes = cv2.bitwise_or(strokes, head_mask)
    strokes[rules > 0] = 0
    strokes[rings > 0] = 0
    drawn = strokes.copy()
    # connectors cross rules: bridge the gaps the erased rules left (widest erased band + margin)
    gap = int(2 * _max_distance(rules)) + pt(1.5, dpi)
    strokes = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, np.ones((gap, gap), np.uint8))
    # trace at about one pixel per point
    step = max(1, round(dpi / 72.0))
    # max-pool, not plain striding: a 2-px stroke must survive sampling every 3 px
    small = cv2.dilate(strokes, np.ones((step, step), np.uint8))[::step, ::step] > 0
    del strokes
    n_labels, labels, extents, _ = cv2.connectedComponentsWithStats(
        small.astype(np.uint8), connectivity=8
    )
    # a connector has a free-standing line behind its head, not just blobs (text) glued
    # together by the closing: count each component's line pixels (about one per point)
    lines_small = cv2.dilate(lines_only, np.ones((step, step), np.uint8))[::step, ::step] > 0
    line_px = np.bincount(labels[lines_small], minlength=n_labels)
    walls = rings[::step, ::step] > 0
    tip_reach, apart = pt(TIP_REACH_PT, dpi), pt(TAIL_APART_PT, dpi)

    def trace(head: np.ndarray, prefer: Box | None = None) -> _Traced:
        m = cv2.moments(head)
        hx, hy = m["m10"] / m["m00"], m["m01"] / m["m00"]
        # the head's centre may have been cut away with the symbol outline it touches:
        # start from the head pixel that survived nearest to its centre
        bx, by, bw, bh = cv2.boundingRect(head)
        win = labels[by // step : (by + bh) // step + 1, bx // step : (bx + bw) // step + 1]
        wy, wx = np.nonzero(win)
        if wy.size == 0:
            return _Traced()
        oy, ox = by // step, bx // step
        nearest = np.argmin((wx + ox - hx / step) ** 2 + (wy + oy - hy / step) ** 2)
        sy, sx = int(wy[nearest] + oy), int(wx[nearest] + ox)
        label = int(labels[sy, sx])
        # a short connector between two symbols (a step into the off-page connector
        # right below it) keeps little line once the outlines are cut away
        short = line_px[label] < MIN_CONNECTOR_LINE_PT
        if short and line_px[label] < MIN_SHORT_CONNECTOR_LINE_PT:
            return _Traced(label=label)
        x0, y0, cw, ch = (int(v) for v in extents[label, :4])
        comp = (labels[y0 : y0 + ch, x0 : x0 + cw] == label).astype(np.uint8)
        cross = crossings(comp, CROSS_ARM_PT, walls[y0 : y0 + ch, x0 : x0 + cw])
        target = _symbol_at((hx, hy), shapes, tip_reach)
        origin = (x0, y0)
        avoid = _traced_box(target, apart, step, origin) if target is not None else None
        others_px = [s for s in shapes if s.box != target]
        others = [_traced_box(s.box, tip_reach, step, origin) for s in others_px]
        found: dict[int, float] = {}
        preferred = next((i for i, s in enumerate(others_px) if s.box == prefer), None)
        path = _geodesic_path(comp, (sx - x0, sy - y0), avoid, cross, others, preferred, found)
        sources = {others_px[j].box: d for j, d in found.items() if j >= 0}
        source = others_px[found[-1]].box if found.get(-1, -1) >= 0 else None
        dropped = _Traced(label=label, sources=sources)
        if len(path) * step < pt(8.0 if not short else MIN_SHORT_CONNECTOR_LINE_PT, dpi):
            return dropped  # a blob with no stroke behind it is not an arrow
        tail = ((path[0][0] + x0 + 0.5) * step, (path[0][1] + y0 + 0.5) * step)
        if short and (target is None or _symbol_at(tail, others_px, tip_reach) is None):
            return dropped  # short: only from one symbol to another
        points = _polyline(path, (x0, y0), step)
        # the head's tip: the triangle corner farthest from where the stroke comes in
        _, tri = cv2.minEnclosingTriangle(head.astype(np.float32))
        corners = tri.reshape(-1, 2)
        before = np.array(points[-2] if len(points) >= 2 else points[0])
        tip = corners[np.argmax(np.linalg.norm(corners - before, axis=1))]
        points[-1] = (float(tip[0]), float(tip[1]))
        tip_px = (round(points[-1][0]), round(points[-1][1]))
        if not (
            _points_at_symbol(points[-1], shapes, tip_reach)
            or _long_line_near(lines_only, tip_px, pt(TIP_ON_LINE_PT, dpi), k_long, points, thick)
        ):
            return dropped  # arrows end at a symbol or join a line; blobs in text end anywhere
        return _Traced(points, label, sources, source)

    results = _share_exits([trace(h) for h in heads], heads, shapes, trace)
    joined = _joined_exits(list(zip(heads, results, strict=True)), shapes, tip_reach, trace)
    arrows = [r.points for r in [*results, *joined] if r.points is not None]
    used = [r.label for r in results if r.points is not None]
    if headless is not None:
        traced = {r.label for r in results if r.label is not None}
        for points, label in _offpage_lines(
            arrows, shapes, labels, extents, line_px, traced, step, dpi
        ):
            headless.append(points)
            used.append(label)
    # only strokes that are part of an arrow are connectors (others may be glyph bars)
    keep = np.isin(labels, used).astype(np.uint8) * 255
    keep = cv2.resize(keep, (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST)
    connectors = cv2.bitwise_and(drawn, cv2.dilate(keep, np.ones((step, step), np.uint8)))
    untraced = loose + [h for h, r in zip(heads, results, strict=True) if r.points is None]
    slanted, slanted_px = _slanted_arrows(untraced, ink, rules, rings, shapes, dpi)
    return arrows + slanted, cv2.bitwise_or(connectors, slanted_px)


def _offpage_lines(
    arrows: list[list[tuple[float, float]]],
    shapes: list[PxShape],
    labels: np.ndarray,
    extents: np.ndarray,
    line_px: np.ndarray,
    traced: set[int],
    step: int,
    dpi: float,
) -> list[tuple[list[tuple[float, float]], int]]:
    """Lines with no arrowhead between an off-page symbol no arrow reaches and another
    symbol, from where the flow comes to where it goes: out of the symbol when it lacks
    an exit and has its entry (a decision's "Tidak" drawn as a plain line up into the
    off-page symbol that takes it back a page), into it when it lacks its entry and has
    its exits; neither way when that cannot be told. ``labels``, ``extents``, ``line_px``:
    the traced stroke components (every ``step`` px), their boxes and line pixels;
    ``traced``: those an arrowhead was traced along. Each line with its component."""
    reach, apart = pt(TIP_REACH_PT, dpi), pt(TAIL_APART_PT, dpi)
    exits: Counter[tuple[int, int, int, int]] = Counter()
    entries: Counter[tuple[int, int, int, int]] = Counter()
    for points in arrows:
        if (src := _symbol_at(points[0], shapes, reach)) is not None:
            exits[src] += 1
        if (dst := _symbol_at(points[-1], shapes, reach)) is not None:
            entries[dst] += 1
    out: list[tuple[list[tuple[float, float]], int]] = []
    h, w = labels.shape
    for off in shapes:
        if off.kind != "offpage" or exits[off.box] or entries[off.box]:
            continue
        x0, y0, x1, y1 = off.box
        win = labels[
            max(0, (y0 - reach) // step) : min(h, (y1 + reach) // step + 1),
            max(0, (x0 - reach) // step) : min(w, (x1 + reach) // step + 1),
        ]
        others = [s for s in shapes if s.box != off.box]
        for label in sorted(set(np.unique(win).tolist()) - {0} - traced):
            if line_px[label] < MIN_CONNECTOR_LINE_PT:
                continue
            cx, cy, cw, ch = (int(v) for v in extents[label, :4])
            comp = (labels[cy : cy + ch, cx : cx + cw] == label).astype(np.uint8)
            ys, xs = np.nonzero(comp)
            px, py = (xs + cx + 0.5) * step, (ys + cy + 0.5) * step
            gap = np.hypot(
                np.maximum(np.maximum(x0 - px, px - x1), 0),
                np.maximum(np.maximum(y0 - py, py - y1), 0),
            )
            start = int(np.argmin(gap))
            found: dict[int, float] = {}
            path = _geodesic_path(
                comp,
                (int(xs[start]), int(ys[start])),
                _traced_box(off.box, apart, step, (cx, cy)),
                None,
                [_traced_box(s.box, reach, step, (cx, cy)) for s in others],
                None,
                found,
            )
            if found.get(-1, -1) < 0 or len(path) * step < pt(MIN_CONNECTOR_LINE_PT, dpi):
                continue
            other = others[found[-1]]
            points = _polyline(path, (cx, cy), step)
            lacks_exit = exits[other.box] < EXITS.get(other.kind, 1)
            lacks_entry = not entries[other.box]
            if lacks_exit and not lacks_entry:
                out.append((points, label))  # the path runs from the other symbol to this one
            elif lacks_entry and not lacks_exit:
                out.append((points[::-1], label))
    return out


def _polyline(
    path: list[tuple[int, int]], origin: tuple[int, int], step: int
) -> list[tuple[float, float]]:
    """A traced path (pixels of a component traced every ``step`` px whose corner is
    ``origin``) as a simplified polyline in page px."""
    poly = cv2.approxPolyDP(np.array(path, np.int32).reshape(-1, 1, 2), 2.0, False)
    ox, oy = origin
    return [((x + ox + 0.5) * step, (y + oy + 0.5) * step) for x, y in poly.reshape(-1, 2)]


@dataclass
class _Traced:
    """One arrowhead traced back: its polyline (None: no arrow), the traced component's
    label, the symbols a stroke end of that component lies at (box → distance from the
    head) and the one the polyline starts from."""

    points: list[tuple[float, float]] | None = None
    label: int | None = None
    sources: dict[Box, float] = field(default_factory=dict)
    source: Box | None = None


#: Traces a head's arrow again, from the given source symbol's box.
Tracer = Callable[[np.ndarray, Box | None], _Traced]


#: How many connectors leave a symbol: a decision's two answers, one from any other.
EXITS = {"decision": 2}
#: Symbols whose exit may join another connector's line (not a terminator: the end has
#: none, and a start's exit is drawn alone).
JOINING_KINDS = frozenset({"process", "decision"})
#: Heads sharing one traced stroke get their sources jointly up to this many choices.
MAX_SOURCE_CHOICES = 4096


def _share_exits(
    results: list[_Traced],
    heads: list[np.ndarray],
    shapes: list[PxShape],
    trace: Tracer,
) -> list[_Traced]:
    """Arrows whose connectors merged into one stroke, given sources their symbols have
    exits for.

    Drawn connectors overlap: a decision's "Tidak" loops back into the box another
    connector leaves from, along that connector's first stretch. Traced back alone,
    each head of such a stroke takes its farthest end at a symbol, and two heads came
    from the one decision while the box lost its exit. Where the heads of one stroke
    take more connectors from a symbol than it has exits (``EXITS``, less those taken
    by other strokes), they are given the sources that fit (:func:`_assign_sources`)
    and traced again from those.
    """
    taken = Counter(r.source for r in results if r.points is not None and r.source is not None)
    capacity = {s.box: EXITS.get(s.kind, 1) for s in shapes}
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(results):
        if r.points is not None and r.label is not None and r.sources:
            groups.setdefault(r.label, []).append(i)
    for members in groups.values():
        mine = Counter(results[i].source for i in members if results[i].source is not None)
        if len(members) < 2 or all(taken[b] <= capacity.get(b, 1) for b in mine):
            continue
        pick = _assign_sources([results[i].sources for i in members], taken - mine, capacity)
        if pick is None:
            continue
        for i, box in zip(members, pick, strict=True):
            if box != results[i].source:
                again = trace(heads[i], box)
                if again.points is not None and again.source == box:
                    results[i] = again
    return results


def _joined_exits(
    traced: list[tuple[np.ndarray, _Traced]], shapes: list[PxShape], reach: int, retrace: Tracer
) -> list[_Traced]:
    """Arrows for the boxes and decisions whose exit joins another connector's line
    before its head: a step's exit drawn into the "Tidak" line that runs down to the end
    shares that line's one arrowhead, which was traced back to the farthest of its two
    sources only. Each step or decision a traced stroke ends at, with no exit of its own
    among the arrows and no arrowhead of that stroke pointing into it, is given one
    along that stroke (traced again from the same head). ``traced``: each head with
    its arrow as first traced; ``reach``: how far from a symbol a tip points into it."""
    kinds = {s.box: s.kind for s in shapes}
    done = [r for _, r in traced if r.points is not None]
    exits = Counter(r.source for r in done if r.source is not None)
    # where a stroke's heads point: an end there is another arrow's tip, not an exit
    tips: dict[int | None, set[Box | None]] = {}
    for r in done:
        assert r.points is not None
        tips.setdefault(r.label, set()).add(_symbol_at(r.points[-1], shapes, reach))
    added: list[_Traced] = []
    for head, r in traced:
        if r.points is None or r.source is None:
            continue
        for box in sorted(r.sources, key=r.sources.__getitem__, reverse=True):
            if (
                box == r.source
                or box in tips.get(r.label, ())
                or exits[box]
                or kinds.get(box) not in JOINING_KINDS
            ):
                continue
            again = retrace(head, box)
            if again.points is not None and again.source == box:
                added.append(again)
                exits[box] += 1
    return added


def _assign_sources(
    options: list[dict[Box, float]], taken: Counter[Box], capacity: dict[Box, int]
) -> list[Box] | None:
    """A source for each head (from its ``options``: symbol → path length) such that no
    symbol gives more connectors than its ``capacity`` less those already ``taken``, with
    the longest paths in all, as a head alone takes its farthest source (the nearest is
    often the box another head of the stroke points into); None when nothing fits."""
    if math.prod(len(o) for o in options) > MAX_SOURCE_CHOICES:
        return None
    best: tuple[float, list[Box]] | None = None
    for combo in itertools.product(*(list(o.items()) for o in options)):
        use = Counter(box for box, _ in combo)
        if any(taken[b] + n > capacity.get(b, 1) for b, n in use.items()):
            continue
        total = sum(d for _, d in combo)
        if best is None or total > best[0]:
            best = (total, [b for b, _ in combo])
    return best[1] if best else None


def _slanted_arrows(
    heads: list[np.ndarray],
    ink: np.ndarray,
    rules: np.ndarray,
    rings: np.ndarray,
    shapes: list[PxShape],
    dpi: float,
) -> tuple[list[list[tuple[float, float]]], np.ndarray]:
    """Straight slanted connectors from one symbol to another (tail first, tip last),
    and their pixels.

    A connector drawn straight between two symbols that are not in line (a step to the
    off-page connector set beside it) has no level or upright run, so the line tracer
    never sees it. A head with no such line behind it is taken as one when the ink
    joined to it, rules and symbol outlines cut away, is one thin straight slanted
    stroke (``SLANT_*``) that leaves another symbol and whose head points into a symbol.
    ``rules`` and ``rings``: the rules and symbol outlines, grown as the tracer cuts them.
    """
    mask = np.zeros_like(ink)
    if not heads or not shapes:
        return [], mask
    reach, thick = pt(TIP_REACH_PT, dpi), pt(MAX_LINE_THICK_PT, dpi)
    span = pt(SLANT_MAX_PT, dpi)
    h, w = ink.shape
    arrows: list[list[tuple[float, float]]] = []
    for head in heads:
        bx, by, bw, bh = cv2.boundingRect(head)
        centre = (bx + bw / 2, by + bh / 2)
        target = _symbol_at(centre, shapes, reach)
        if target is None:
            continue
        x0, y0 = max(0, bx - span), max(0, by - span)
        x1, y1 = min(w, bx + bw + span), min(h, by + bh + span)
        local = ink[y0:y1, x0:x1].copy()
        local[(rules[y0:y1, x0:x1] > 0) | (rings[y0:y1, x0:x1] > 0)] = 0
        own = np.zeros_like(local)
        cv2.drawContours(own, [head], -1, 255, cv2.FILLED, offset=(-x0, -y0))
        _, labels = cv2.connectedComponents(local, connectivity=8)
        ids = np.unique(labels[(own > 0) & (local > 0)])
        ids = ids[ids > 0]
        if ids.size != 1:
            continue
        comp = labels == ids[0]
        comp[cv2.dilate(own, np.ones((3, 3), np.uint8)) > 0] = False
        ys, xs = np.nonzero(comp)
        if xs.size < pt(SLANT_MIN_PT, dpi):
            continue
        pts = np.column_stack([xs + x0, ys + y0]).astype(np.float32)
        mean = pts.mean(axis=0)
        _, _, vt = np.linalg.svd(pts - mean, full_matrices=False)
        along, across = (pts - mean) @ vt[0], (pts - mean) @ vt[1]
        length = float(along.max() - along.min())
        angle = np.degrees(np.arctan2(abs(vt[0][1]), abs(vt[0][0])))
        if (
            length < pt(SLANT_MIN_PT, dpi)
            or float(np.abs(across).max()) > thick
            or not SLANT_MIN_DEG <= angle <= 90 - SLANT_MIN_DEG
        ):
            continue
        # the stroke runs up to the head: its far end is the tail
        ends = mean + np.outer([along.min(), along.max()], vt[0])
        gaps = [float(np.hypot(*(e - centre))) for e in ends]
        if min(gaps) > max(bw, bh) + thick:
            continue
        tail = ends[int(np.argmax(gaps))]
        others = [s for s in shapes if s.box != target]
        if _symbol_at((float(tail[0]), float(tail[1])), others, reach) is None:
            continue
        _, tri = cv2.minEnclosingTriangle(head.astype(np.float32))
        corners = tri.reshape(-1, 2)
        tip = corners[np.argmax(np.linalg.norm(corners - tail, axis=1))]
        arrows.append([(float(tail[0]), float(tail[1])), (float(tip[0]), float(tip[1]))])
        stroke = (comp | (own > 0)).astype(np.uint8) * 255
        np.maximum(mask[y0:y1, x0:x1], stroke, out=mask[y0:y1, x0:x1])
    return arrows, mask
