"""Long straight strokes: morphological line masks → ruling segments; erasing them for OCR.

A horizontal opening with a kernel longer than any glyph keeps only strokes that
run at least that far: table rules, shape edges, connector pieces, underlines.
Worn toner breaks long rules into pieces; collinear pieces with small gaps are
joined again in vector form (joining in pixels would glue text into lines).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: Shortest horizontal stroke kept as a rule candidate (points). Longer than any word's
#: horizontal run, shorter than one role column.
H_RULE_PT = 30.0
#: Shortest vertical stroke kept (points): longer than ascender+descender of 16-pt text.
V_RULE_PT = 15.0
#: Shortest stroke that can be part of a connector (points).
CONNECTOR_PT = 7.0
#: A rule or connector is no thicker than this on average (points); thicker runs are
#: blurred text or filled areas.
MAX_LINE_THICK_PT = 3.0
#: A run with other ink within this distance (points) beside more than this share of
#: its length lies in text (touching letters), not on paper: not a rule or connector.
STROKE_NEIGHBOUR_PT, STROKE_TEXT_SHARE = 2.0, 0.35
#: Pieces on one line with gaps up to this (points) are one rule (broken toner, crossings).
JOIN_GAP_PT = 12.0
#: Pieces this close across (points) lie on one line: a blurred rule in a photo is a band
#: up to ~3 pt wide and its line mask keeps pieces at different heights within it.
SAME_LINE_PT = 1.5
#: Pieces on one line further apart, up to this (points; a stamp is ~80 pt across), are
#: one rule when the ink mask runs along the line over BRIDGE_COVER of the gap.
BRIDGE_GAP_PT, BRIDGE_COVER = 120.0, 0.9
#: Holes in the ink along such a stretch up to this long (points) count as ink: worn
#: toner knocks ~1-pt gaps into rules, and one of them in a 7-pt stretch is 14 % of it.
WORN_GAP_PT = 1.5
#: ... and where a rule's end stops on no rule at all (broken: see reach_rules_on_ink).
BROKEN_GAP_PT = 3.0
#: Straight strokes are looked for at about this resolution (dpi; pages are reduced by a
#: whole factor): a 0.5-pt rule is still a pixel wide, and a 300-dpi page has 4× fewer pixels.
LINE_DPI = 150


#: A mask's 8-connected components: count, label image, stats (OpenCV's).
Components = tuple[int, np.ndarray, np.ndarray]


@dataclass
class PxSegment:
    """A straight stroke in pixels: from (x0, y0) to (x1, y1); ``thick`` is its width."""

    x0: float
    y0: float
    x1: float
    y1: float
    thick: float

    @property
    def horizontal(self) -> bool:
        return abs(self.x1 - self.x0) >= abs(self.y1 - self.y0)

    @property
    def length(self) -> float:
        return float(max(abs(self.x1 - self.x0), abs(self.y1 - self.y0)))


def pt(points: float, dpi: float) -> int:
    """A length in points as whole pixels (at least 1)."""
    return max(1, round(points * dpi / 72.0))


def px2(pt2: float, dpi: float) -> float:
    """An area in pt² as square pixels at ``dpi``."""
    return pt2 * (dpi / 72.0) ** 2


def pool_factor(dpi: float) -> int:
    """The whole factor that brings a page of ``dpi`` down to about ``LINE_DPI``."""
    return max(1, int(dpi // LINE_DPI))


def pool(mask: np.ndarray, factor: int) -> np.ndarray:
    """A 0/255 mask reduced ``factor`` times: a block half covered is set.

    A 1-px rule covers half of each block it crosses (kept), while strokes do not grow a
    pixel thicker (grown fringes read as text).
    """
    if factor == 1:
        return mask
    h, w = mask.shape
    small = cv2.resize(mask, (w // factor, h // factor), interpolation=cv2.INTER_AREA)
    return np.where(small >= 255 // factor, 255, 0).astype(np.uint8)


def unpool(small: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The full-resolution ``ink`` pixels under a reduced mask (exact strokes again)."""
    if small.shape == ink.shape:
        return small
    size = (ink.shape[1], ink.shape[0])
    return cv2.bitwise_and(ink, cv2.resize(small, size, interpolation=cv2.INTER_NEAREST))


def line_mask(
    ink: np.ndarray, length_px: int, horizontal: bool, max_thick_px: int | None = None
) -> np.ndarray:
    """Ink pixels belonging to straight runs of at least ``length_px`` in one direction.

    With ``max_thick_px``, runs thicker on average than that are dropped: in a blurred
    photo a word without ascenders ("permohonan") merges into a solid bar as long as a
    rule but as thick as the x-height.
    """
    return line_runs(ink, length_px, horizontal, max_thick_px)[0]


def line_runs(
    ink: np.ndarray, length_px: int, horizontal: bool, max_thick_px: int | None = None
) -> tuple[np.ndarray, Components | None]:
    """:func:`line_mask` and, when runs were weighed for thickness, its components: those
    dropped keep their labels, with no pixel left in the mask (hand them to
    :func:`free_standing`, which then need not label the mask again)."""
    kernel = cv2.getStructuringElement(
        cv2.MORPH_RECT, (length_px, 1) if horizontal else (1, length_px)
    )
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    if max_thick_px is None:
        return mask, None
    n, labels, stats = components = components_with_stats(mask)
    if n <= 1:
        return mask, components
    span = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
    thick = stats[:, cv2.CC_STAT_AREA] / np.maximum(span, 1)
    keep = thick <= max_thick_px
    keep[0] = False
    return _select(mask, labels, stats, keep), components


def components_with_stats(mask: np.ndarray) -> Components:
    """8-connected components of a mask: count, labels and stats, the labels in 16 bits
    when they fit (half the memory of a page-sized label image; OpenCV refuses, and
    32 bits are used, when a mask has 65,535 components or more)."""
    try:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(
            mask, connectivity=8, ltype=cv2.CV_16U
        )
    except cv2.error:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return n, labels, stats


def _select(
    mask: np.ndarray, labels: np.ndarray, stats: np.ndarray, keep: np.ndarray
) -> np.ndarray:
    """``mask`` (0/255) with only the components whose ``keep`` flag is set.

    The components dropped are cleared within their own boxes: a page has a few hundred
    line components, and a lookup over every pixel of the page's label image (made 64-bit
    for indexing) costs more than all of them together.
    """
    out = mask.copy()
    for i in np.flatnonzero(~keep[1:]) + 1:
        x, y, w, h = stats[i, :4]
        box = out[y : y + h, x : x + w]
        box[labels[y : y + h, x : x + w] == i] = 0
    return out


def free_standing(
    mask: np.ndarray,
    ink: np.ndarray,
    exclude: np.ndarray,
    reach: int,
    horizontal: bool,
    components: Components | None = None,
) -> np.ndarray:
    """The runs of a line mask that stand free, as rules and connectors do, not inside text.

    Bold or blurred words hold straight runs too (baselines of touching letters, stems).
    Such a run has other ink (its letters) right beside it along much of its length;
    a rule or connector has paper on both sides except where it crosses another line or
    meets a symbol or an arrowhead (``exclude``: ink that may touch a line). Runs with
    other ink beside more than ``STROKE_TEXT_SHARE`` of their length go. ``components``:
    those of ``mask`` or of a mask it was cut from by whole components (``line_runs``).
    """
    n, labels, stats = components or components_with_stats(mask)
    if n <= 1:
        return mask

    # rows × columns: above/below a horizontal run, left/right of a vertical one
    def across(px: int) -> np.ndarray:
        return np.ones((2 * px + 1, 1) if horizontal else (1, 2 * px + 1), np.uint8)

    # the line's own ragged fringe (blur, toner) is not "other ink"
    own = cv2.dilate(cv2.bitwise_or(mask, exclude), across(max(1, reach // 3)))
    other = cv2.bitwise_and(ink, cv2.bitwise_not(own))
    beside = cv2.bitwise_and(cv2.dilate(other, across(reach)), mask)
    del own, other
    total = stats[:, cv2.CC_STAT_AREA]
    crowded = np.bincount(labels[beside > 0], minlength=n)
    share = crowded / np.maximum(total, 1)
    keep = share <= STROKE_TEXT_SHARE
    keep[0] = False
    return _select(mask, labels, stats, keep)


def mask_segments(
    mask: np.ndarray, horizontal: bool, join_gap_px: int, same_line_px: float = 3.0
) -> list[PxSegment]:
    """Connected runs of a line mask as segments, collinear pieces joined across small gaps.

    Pieces up to ``same_line_px`` (or their thickness) apart across the line are one
    line: a blurred rule is a band several pixels wide, and the line mask keeps pieces of
    it at different heights within the band.
    """
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    raw: list[PxSegment] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        area = max(cv2.contourArea(contour), float(min(w, h)))
        if horizontal:
            thick = area / max(w, 1)
            raw.append(PxSegment(x, y + h / 2, x + w, y + h / 2, thick))
        else:
            thick = area / max(h, 1)
            raw.append(PxSegment(x + w / 2, y, x + w / 2, y + h, thick))

    def across(s: PxSegment) -> float:
        return s.y0 if horizontal else s.x0

    def along(s: PxSegment) -> tuple[float, float]:
        return (s.x0, s.x1) if horizontal else (s.y0, s.y1)

    window = max([3.0, same_line_px] + [s.thick for s in raw])

    def join(seg: PxSegment, joined: list[PxSegment]) -> bool:
        lo, hi = along(seg)
        for prev in reversed(joined):  # sorted by position across: look back in reach
            if across(seg) - across(prev) > window:
                return False
            tol = max(3.0, same_line_px, prev.thick, seg.thick)
            p_lo, p_hi = along(prev)
            if across(seg) - across(prev) > tol:
                continue
            if lo - p_hi <= join_gap_px and p_lo - hi <= join_gap_px:
                if horizontal:
                    prev.x0, prev.x1 = min(p_lo, lo), max(p_hi, hi)
                else:
                    prev.y0, prev.y1 = min(p_lo, lo), max(p_hi, hi)
                return True
        return False

    joined = raw
    while True:  # again until nothing joins: a later piece can link two earlier ones
        before, joined = joined, []
        for seg in sorted(before, key=lambda s: (across(s), along(s)[0])):
            if not join(seg, joined):
                joined.append(seg)
        if len(joined) == len(before):
            return joined


def bridge_gaps(
    segs: list[PxSegment],
    ink: np.ndarray,
    max_gap_px: int,
    min_cover: float,
    same_line_px: float = 3.0,
) -> list[PxSegment]:
    """Collinear segments joined across gaps the page's ink still covers along the line.

    A rule under a stamp's or signature's strokes is left out of the line masks there
    (ink beside it, as in text), which cuts a table's frame in two. When the ink mask
    holds the line across at least ``min_cover`` of the gap's length, it is one rule.
    """
    out: list[PxSegment] = []
    for horizontal in (True, False):
        group = sorted(
            (s for s in segs if s.horizontal == horizontal),
            key=lambda s: s.x0 if horizontal else s.y0,
        )
        joined: list[PxSegment] = []
        for seg in group:  # left to right (top to bottom): a piece's left part is joined
            for prev in joined:
                tol = max(3.0, same_line_px, prev.thick, seg.thick)
                if horizontal:
                    across, lo, hi = (prev.y0 + seg.y0) / 2, prev.x1, seg.x0
                    same = abs(prev.y0 - seg.y0) <= tol
                else:
                    across, lo, hi = (prev.x0 + seg.x0) / 2, prev.y1, seg.y0
                    same = abs(prev.x0 - seg.x0) <= tol
                if not same or hi - lo > max_gap_px:
                    continue
                if hi <= lo or _covered(ink, horizontal, across, lo, hi, tol) >= min_cover:
                    if horizontal:
                        prev.x1 = max(prev.x1, seg.x1)
                    else:
                        prev.y1 = max(prev.y1, seg.y1)
                    break
            else:
                joined.append(seg)
        out.extend(joined)
    return out


def _covered(
    ink: np.ndarray,
    horizontal: bool,
    across: float,
    lo: float,
    hi: float,
    tol: float,
    hole_px: int = 0,
) -> float:
    """Share of ``[lo, hi]`` along a line at ``across`` where the ink mask holds ink, holes
    up to ``hole_px`` long between ink counting as ink."""
    a0, a1 = max(0, round(across - tol)), round(across + tol) + 1
    a, b = int(lo), int(hi) + 1
    band = ink[a0:a1, a:b] if horizontal else ink[a:b, a0:a1]
    covered = band.any(axis=0 if horizontal else 1)
    if not covered.size:
        return 0.0
    if hole_px > 0 and covered.any():
        # a hole between ink no longer than hole_px: a morphological closing of the run
        kernel = np.ones((1, 2 * hole_px + 1), np.uint8)
        run = covered.astype(np.uint8).reshape(1, -1) * 255
        closed = cv2.morphologyEx(run, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
        covered = closed.reshape(-1) > 0
    return float(covered.mean())


def reach_rules_on_ink(
    segs: list[PxSegment],
    ink: np.ndarray,
    max_gap_px: int,
    min_cover: float,
    share: float,
    hole_px: int = 0,
    loose_hole_px: int | None = None,
) -> list[PxSegment]:
    """Segment ends carried on to the next long perpendicular rule where ink runs there.

    A column rule inside a shaded header, doubled by a white seam, fails the line tests
    there and starts at the header's lower rule; the ink still runs up to the top rule.
    Only long perpendiculars (``share`` of the longest) count, and the ink mask must
    hold the line over ``min_cover`` of the stretch added (holes in it up to ``hole_px``
    long, worn toner's, counting as ink: a column rule stopping 7 pt short of the table's
    rule, a 1-pt gap in that stretch, left a logo column and the identity rows unbuilt).
    A long rule (``share`` of the longest of its own kind) that ends on a perpendicular
    is carried on past it the same way: a column rule whose stretch across a sub-header
    row is lost ends on the sub-header's lower rule, and role columns merge in the
    header.

    An end that stops on no perpendicular at all is broken (a table's rules end on
    rules): there holes up to ``loose_hole_px`` count as ink (a photo's glare or a speck
    took 2.6 pt out of a header's rule 22 pt before the frame, and the rule, then
    anchored on nothing, took every role column's rule with it).
    """
    loose = hole_px if loose_hole_px is None else loose_hole_px
    for horizontal in (True, False):
        perps = [s for s in segs if s.horizontal != horizontal]
        if not perps:
            continue
        longest = max(p.length for p in perps)
        perps = [p for p in perps if p.length >= share * longest]
        own = [s for s in segs if s.horizontal == horizontal]
        own_longest = max((s.length for s in own), default=0.0)
        for seg in own:
            tol = max(3.0, seg.thick)
            pos = seg.y0 if horizontal else seg.x0
            lo, hi = (seg.x0, seg.x1) if horizontal else (seg.y0, seg.y1)
            # perpendiculars crossing this line: their position along it
            at = sorted(
                (p.x0 if horizontal else p.y0)
                for p in perps
                if (p.y0 if horizontal else p.x0) - tol
                <= pos
                <= (p.y1 if horizontal else p.x1) + tol
            )
            # a long rule ending on a perpendicular may go on to the next (its stretch
            # across a header cell lost): only where the ink holds the line there too
            past = seg.length >= share * own_longest
            free_lo = not any(abs(x - lo) <= tol for x in at)
            if past or free_lo:
                holes = loose if free_lo else hole_px
                before = [x for x in at if lo - max_gap_px <= x < lo - tol]
                if (
                    before
                    and _covered(ink, horizontal, pos, before[-1], lo, tol, holes) >= min_cover
                ):
                    lo = before[-1]
            free_hi = not any(abs(x - hi) <= tol for x in at)
            if past or free_hi:
                holes = loose if free_hi else hole_px
                after = [x for x in at if hi + tol < x <= hi + max_gap_px]
                if after and _covered(ink, horizontal, pos, hi, after[0], tol, holes) >= min_cover:
                    hi = after[0]
            if horizontal:
                seg.x0, seg.x1 = lo, hi
            else:
                seg.y0, seg.y1 = lo, hi
    return segs


def erase(gray: np.ndarray, mask: np.ndarray, grow_px: int = 2) -> np.ndarray:
    """A copy of ``gray`` with the masked strokes (grown by ``grow_px``) painted white."""
    grown = cv2.dilate(mask, np.ones((2 * grow_px + 1, 2 * grow_px + 1), np.uint8))
    out = gray.copy()
    out[grown > 0] = 255
    return out
