"""Axis-aligned rules: union collinear pieces, measure coverage, point/box distances.

Producers draw one table border in many ways: one line per border (reportlab), one
short segment per cell side or thin filled rects (LibreOffice), a rect per cell.
Everything downstream works on :class:`Rule` — a horizontal or vertical run at a
position ``pos`` from ``lo`` to ``hi`` — after collinear pieces are merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractor.layout import Segment
from extractor.types import BBox

#: Pieces whose positions differ by at most this many points are collinear.
SNAP = 2.0
#: Collinear pieces separated by at most this gap are one rule (LibreOffice leaves
#: small gaps where per-cell border segments meet).
JOIN_GAP = 3.0


@dataclass(slots=True)
class Rule:
    """A horizontal (``pos`` = y) or vertical (``pos`` = x) run from ``lo`` to ``hi``."""

    pos: float
    lo: float
    hi: float

    @property
    def length(self) -> float:
        return self.hi - self.lo

    def covers(self, lo: float, hi: float) -> float:
        """Length of ``[lo, hi]`` this rule overlaps."""
        return max(0.0, min(self.hi, hi) - max(self.lo, lo))


def split_segments(segments: Iterable[Segment]) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical pieces of ``segments`` as rules (diagonals dropped)."""
    hs: list[Rule] = []
    vs: list[Rule] = []
    for s in segments:
        if s.horizontal:
            hs.append(Rule((s.top + s.bottom) / 2, min(s.x0, s.x1), max(s.x0, s.x1)))
        elif s.vertical:
            vs.append(Rule((s.x0 + s.x1) / 2, min(s.top, s.bottom), max(s.top, s.bottom)))
    return hs, vs


def merge_collinear(rules: list[Rule], snap: float = SNAP, gap: float = JOIN_GAP) -> list[Rule]:
    """Union pieces that lie on one line and touch or nearly touch.

    Positions are clustered within ``snap`` (single linkage on sorted positions);
    within a cluster, intervals closer than ``gap`` are joined. A merged rule's
    position is the length-weighted mean of its pieces.
    """
    if not rules:
        return []
    ordered = sorted(rules, key=lambda r: r.pos)
    clusters: list[list[Rule]] = [[ordered[0]]]
    for r in ordered[1:]:
        if r.pos - clusters[-1][-1].pos <= snap:
            clusters[-1].append(r)
        else:
            clusters.append([r])
    out: list[Rule] = []
    for cluster in clusters:
        cluster.sort(key=lambda r: r.lo)
        run = [cluster[0]]
        hi = cluster[0].hi
        for r in cluster[1:]:
            if r.lo <= hi + gap:
                run.append(r)
                hi = max(hi, r.hi)
            else:
                out.append(_fuse(run))
                run, hi = [r], r.hi
        out.append(_fuse(run))
    return out


def reach_long_rules(
    rules: list[Rule],
    perps: list[Rule],
    gap: float,
    tol: float,
    min_share: float = 0.5,
    gap_share: float = 0.0,
) -> list[Rule]:
    """Rules whose end misses a long perpendicular rule by a little, ending on it.

    Worn toner loses the last points of a rule where it meets the frame (a column rule
    starting 8 pt below the table top), and a rule's end can be joined to a stroke of
    print just beyond the frame (overshooting it by 7 pt). An end that is not already on
    a perpendicular rule (within ``tol``; any rule, long or short) but has a long one
    within ``gap`` on either side is moved onto the nearest. Only long rules move and
    only long perpendiculars draw them (``min_share`` of the longest of their kind):
    table frame, row and column rules, not connector pieces (snapped, a photo's
    connectors closed little boxes in the grid). A long rule may reach further,
    ``gap_share`` of its length: a column rule hidden for 21 pt behind an off-page
    connector drawn over it at the foot of the page is still a column rule.
    """
    if not rules or not perps:
        return rules
    longest = max(p.length for p in perps)
    long = [p for p in perps if p.length >= min_share * longest]

    def snap(end: float, across: list[float], reach: float, on: list[float]) -> float:
        near = [x for x in across if abs(x - end) <= reach]
        if not near or any(abs(x - end) <= tol for x in on):
            return end
        return min(near, key=lambda x: abs(x - end))

    own_longest = max(r.length for r in rules)
    out: list[Rule] = []
    for r in rules:
        if r.length < min_share * own_longest:
            out.append(r)  # a connector piece or a cell's inner line: taken as drawn
            continue
        across = [p.pos for p in long if p.lo - tol <= r.pos <= p.hi + tol]
        # an end on any perpendicular rule, long or short, is where the rule ends (a
        # frame drawn in two pieces each shorter than a sheet's edge beyond it)
        on = [p.pos for p in perps if p.lo - tol <= r.pos <= p.hi + tol]
        reach = max(gap, gap_share * r.length)
        lo, hi = snap(r.lo, across, reach, on), snap(r.hi, across, reach, on)
        if hi - lo < r.length / 2:  # a short piece between two rules: leave it
            lo, hi = r.lo, r.hi
        out.append(r if (lo, hi) == (r.lo, r.hi) else Rule(r.pos, lo, hi))
    return out


def _fuse(run: list[Rule]) -> Rule:
    weight = sum(max(r.length, 0.1) for r in run)
    pos = sum(r.pos * max(r.length, 0.1) for r in run) / weight
    return Rule(pos, min(r.lo for r in run), max(r.hi for r in run))


def coverage(rules: Iterable[Rule], pos: float, lo: float, hi: float, tol: float = SNAP) -> float:
    """Fraction of ``[lo, hi]`` covered by rules lying at ``pos`` (± ``tol``)."""
    if hi <= lo:
        return 0.0
    spans = sorted((max(r.lo, lo), min(r.hi, hi)) for r in rules if abs(r.pos - pos) <= tol)
    total, end = 0.0, lo
    for a, b in spans:
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total / (hi - lo)


def cluster_positions(values: Iterable[float], tol: float = SNAP) -> list[float]:
    """Sorted distinct positions: values within ``tol`` of each other collapse to their mean."""
    ordered = sorted(values)
    groups: list[list[float]] = []
    for v in ordered:
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def point_box_distance(x: float, y: float, box: BBox) -> float:
    """Euclidean distance from a point to a box (0 inside)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return float((dx * dx + dy * dy) ** 0.5)


def point_segment_distance(
    px: float, py: float, a: tuple[float, float], b: tuple[float, float]
) -> float:
    """Euclidean distance from a point to the segment ``a``–``b``."""
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    n2 = dx * dx + dy * dy
    t = 0.0 if n2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / n2))
    qx, qy = ax + t * dx - px, ay + t * dy - py
    return float((qx * qx + qy * qy) ** 0.5)


def contains(box: BBox, x: float, y: float, pad: float = 0.0) -> bool:
    """Whether the point lies inside ``box`` grown by ``pad``."""
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def union_box(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding every one of ``boxes`` (at least one)."""
    bs = list(boxes)
    return (
        min(b[0] for b in bs),
        min(b[1] for b in bs),
        max(b[2] for b in bs),
        max(b[3] for b in bs),
    )


def centre(box: BBox) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
