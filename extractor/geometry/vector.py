"""Classify vector paths (PDF drawing operators) into flowchart parts.

A path is pdfplumber's ``path``: ``[("m", pt), ("l", pt), ("c", c1, c2, pt), ("h",)]``
in top-left page coordinates. Closed outlines become flowchart symbols of Permen
PANRB 35/2012 — capsule (terminator), box (process), diamond (decision), pentagon
(off-page connector) — small filled polygons become arrowheads, and open paths are
strokes (connector pieces or rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extractor.types import BBox

Point = tuple[float, float]
PathKind = Literal["terminator", "process", "decision", "offpage", "unknown", "head", "box"]

#: Anything smaller than this in both directions is a glyph, bullet or dot.
GLYPH = 6.0
#: Filled polygons up to this size are arrowheads.
HEAD_MAX = 13.0
#: A capsule is at least this much wider than tall.
CAPSULE_RATIO = 1.2
#: A rounded box keeps straight vertical sides over this share of its height.
ROUNDED_BOX_SIDES = 0.35
#: Vertices within this share of the box size sit "on" a corner or mid-line.
VERTEX_TOL = 0.12
#: Points closer than this are one vertex.
SAME_POINT = 0.6


@dataclass(slots=True)
class PathInfo:
    """What a path is made of, computed once."""

    vertices: list[Point]  # on-curve points, consecutive duplicates and the closing point dropped
    closed: bool
    curved: bool
    vertical_straight: float  # total length of straight vertical pieces


def describe(path: list[tuple]) -> PathInfo:
    """Vertices, closure and curvature of one sub-path."""
    pts: list[Point] = []
    curved = False
    closed = False
    vertical = 0.0
    for op in path:
        name = op[0]
        if name == "h":
            closed = True
            continue
        pt = (float(op[-1][0]), float(op[-1][1]))
        if name not in ("m", "l"):
            curved = True
        elif name == "l" and pts and abs(pt[0] - pts[-1][0]) < SAME_POINT:
            vertical += abs(pt[1] - pts[-1][1])
        if not pts or _dist(pts[-1], pt) >= SAME_POINT:
            pts.append(pt)
    if len(pts) > 2 and _dist(pts[0], pts[-1]) < SAME_POINT:
        pts.pop()
        closed = True
    if not curved:
        pts = _drop_collinear(pts, closed)
    return PathInfo(pts, closed, curved, vertical)


def _dist(a: Point, b: Point) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def _drop_collinear(pts: list[Point], closed: bool) -> list[Point]:
    """Remove vertices on a straight run (producers split edges at arbitrary points)."""
    if len(pts) < 3:
        return pts
    out: list[Point] = []
    n = len(pts)
    for i, p in enumerate(pts):
        if not closed and i in (0, n - 1):
            out.append(p)
            continue
        a, b = pts[i - 1], pts[(i + 1) % n]
        cross = (p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0])
        span = _dist(a, b) or 1.0
        if abs(cross) / span > 0.5:  # p is off the line a–b by more than half a point
            out.append(p)
    return out


def classify(info: PathInfo, bbox: BBox, filled: bool) -> PathKind | None:
    """The kind of a closed outline, ``"head"`` for an arrowhead, ``"box"`` for a
    rectangle drawn as a polygon, ``None`` for open paths and specks."""
    w, h = bbox[2] - bbox[0], bbox[3] - bbox[1]
    big = max(w, h)
    n = len(info.vertices)
    if not info.closed or n < 3:
        return None
    if filled and big <= HEAD_MAX and not info.curved and n in (3, 4) and not _is_box(info, bbox):
        return "head"
    if big < GLYPH or min(w, h) < 2.0:
        return None
    if info.curved:
        if info.vertical_straight >= ROUNDED_BOX_SIDES * h * 2:
            return "process"  # a box with rounded corners
        return "terminator" if w / h > CAPSULE_RATIO else "unknown"
    if n == 4 and _is_box(info, bbox):
        return "box"
    if n == 4 and _is_diamond(info, bbox):
        return "decision"
    if n == 5:
        return "offpage"
    return "unknown"


def _is_box(info: PathInfo, bbox: BBox) -> bool:
    w, h = bbox[2] - bbox[0], bbox[3] - bbox[1]
    tx, ty = max(VERTEX_TOL * w, 1.0), max(VERTEX_TOL * h, 1.0)
    return len(info.vertices) == 4 and all(
        min(abs(x - bbox[0]), abs(x - bbox[2])) <= tx
        and min(abs(y - bbox[1]), abs(y - bbox[3])) <= ty
        for x, y in info.vertices
    )


def _is_diamond(info: PathInfo, bbox: BBox) -> bool:
    """Each vertex on a mid-line of the box, at an edge: top, right, bottom, left."""
    w, h = bbox[2] - bbox[0], bbox[3] - bbox[1]
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    tx, ty = max(VERTEX_TOL * w, 1.0), max(VERTEX_TOL * h, 1.0)
    hits = set()
    for x, y in info.vertices:
        if abs(x - cx) <= tx and abs(y - bbox[1]) <= ty:
            hits.add("top")
        elif abs(x - cx) <= tx and abs(y - bbox[3]) <= ty:
            hits.add("bottom")
        elif abs(y - cy) <= ty and abs(x - bbox[0]) <= tx:
            hits.add("left")
        elif abs(y - cy) <= ty and abs(x - bbox[2]) <= tx:
            hits.add("right")
    return len(hits) == 4


def subpaths(path: list[tuple]) -> list[list[tuple]]:
    """Split a path at each ``m`` (pdfminer usually does this already)."""
    out: list[list[tuple]] = []
    for op in path:
        if op[0] == "m" or not out:
            out.append([])
        out[-1].append(op)
    return [p for p in out if len(p) > 1]


def bbox_of(points: list[Point]) -> BBox:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def head_tip(vertices: list[Point], attach: Point) -> Point:
    """The arrowhead vertex farthest from where its line attaches."""
    return max(vertices, key=lambda v: _dist(v, attach))
