"""Image clean-up before any geometry: page finding, light, colour, binarisation, skew.

Order (each step measured on damaged renders, see ``shared/docs/extraction-notes.md`` §3.5):

1. :func:`to_gray` drops saturated colour (blue/red stamps, ballpoint signatures) by taking
   the brightest channel, so coloured ink turns light while black print stays black;
   colour is judged against the paper's own colour (a warm lamp, a shaded table row).
2. :func:`find_page` / :func:`warp_page`: a phone photo shows the sheet as a bright
   quadrilateral on a darker desk; it is cut out and perspective-corrected.
3. :func:`flatten_light` divides by a blurred background estimate, so uneven lamp light
   and grey recycled paper become white.
4. :func:`binarize`: adaptive mean threshold (block ≈ 31 px at 300 dpi, C = 15).
5. :func:`estimate_skew` on the table frame (largest outline), falling back to the
   projection profile of text lines; :func:`rotate` undoes it. A sheet photographed
   close and at an angle (no desk to cut it out by) is straightened by perspective
   instead: :func:`frame_corners` fits its outermost long rules as lines,
   :func:`keystone` tells their sides are not parallel (a scanner sees the sheet
   square on: every page not cut out of a desk is asked), :func:`unwarp` makes them a
   level rectangle. :func:`light_spread` tells a photo held square on from a scan by
   its light, and :func:`print_blur` by its soft print where the light is as even as a
   scanner's.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

#: Colour ink: saturation (max-min)/max above this and brightest channel above INK_DARK.
INK_SATURATION, INK_DARK = 0.35, 100
#: The paper's colour under a photo (:func:`paper_colour`): a closing this wide
#: (inches; wider than any stroke), at about PAPER_DPI.
PAPER_CLOSE_IN, PAPER_DPI = 0.12, 75
#: :func:`print_blur` looks at every this-many-th row of the page, at the steepest this
#: percentile of the slopes where the ink mask begins or ends, and needs this many of
#: them to tell.
BLUR_ROW_STEP, BLUR_SLOPE_PERCENTILE, BLUR_MIN_EDGES = 8, 90, 1000
#: Print blurred this much or more (pt, :func:`print_blur`) is read as a photo's is.
#: Measured on the corpus, held-out and never-scanned pages: 300-dpi scans 0.13-0.22,
#: phone photos 0.24-0.40. The 200-dpi scans (0.18-0.30) read over the line find their
#: connectors better so (corpus next 93.5 -> 97.8) and read as well otherwise.
SOFT_PRINT_PT = 0.23
#: Ink touching the image edge and longer than this share of a side is a scan border.
BORDER_SHARE = 0.3
#: ...unless it is a sparse grid (ink on less than GRID_FILL of its box, one side past
#: BORDER_SHARE and both past GRID_DEPTH): a table running off a photo taken close, kept.
#: A scan's border or a photo's desk edge is a line or a band along one edge: no deeper
#: than SLIVER_IN (~3 % of a side).
GRID_FILL, GRID_DEPTH = 0.2, 0.1
#: Ink wider than this (inches) both ways is solid (a desk, a shadow), not print: bold
#: 14-pt strokes are under 0.03 in.
SOLID_IN = 0.06
#: ...and so do thin strips along the picture's edge up to this wide (inches): the desk
#: showing past the sheet's edge.
SLIVER_IN = 0.2
#: A thin line running all but this share of the picture's height (or width), and at
#: most this share of it across, is the sheet's own edge.
SHEET_EDGE_SHARE = 0.05
#: A line within SLIVER_IN of the picture's edge and along this share of it or more is
#: the sheet's edge too when the frame is looked for (a corner of the sheet may show).
SHEET_EDGE_LENGTH = 0.5
#: Threshold offset of the adaptive binarisation (grey levels below the local mean).
THRESH_C = 15
#: A scanner's dark bed or lid showing past the sheet (:func:`clear_dark_margins`): along
#: an edge, pixels darker than DARK_BED_SHARE of the paper's gray (its PAPER_PERCENTILE)
#: from the picture's edge in, with the soft fringe where the bed meets the sheet (lighter
#: than it but under FRINGE_SHARE of the paper, up to FRINGE_IN inches), on at least
#: BORDER_SHARE of that edge's rows (or columns) and DARK_MIN_IN deep there. A run deeper
#: than DARK_MAX_SHARE of the side is no margin and stays.
DARK_BED_SHARE, FRINGE_SHARE, PAPER_PERCENTILE = 0.45, 0.95, 90
FRINGE_IN, DARK_MIN_IN, DARK_MAX_SHARE = 0.03, 0.02, 0.2
#: The largest outline must cover this share of the page to be trusted as the table frame.
FRAME_MIN_AREA = 0.12
#: A frame whose opposite sides are further than this (degrees) from parallel is seen
#: at an angle and straightened by perspective, not turned (the 160 pages of 300- and
#: 200-dpi scans of the corpus, held-out and never-scanned sets: 0.33 at most).
KEYSTONE_DEG = 0.4
#: Long rules for the frame's corners: found at about FIT_DPI, opened along FIT_RUN_IN
#: (inches; longer than any glyph), at least LONG_RULE_IN long and LONG_RULE_SHARE of
#: the longest.
FIT_DPI, FIT_RUN_IN, LONG_RULE_IN, LONG_RULE_SHARE = 100, 0.4, 1.0, 0.5
#: Skews below this (degrees) are left alone: rotating costs time and sharpness.
MIN_SKEW_DEG = 0.08
#: A bright quadrilateral is no sheet on a desk but the lit part of one under a shadow
#: when beyond it (clear of a band BEYOND_BAND_PX wide at SMALL_SIDE) the density of
#: print is at least PRINT_BEYOND_SHARE of that within, and PRINT_BEYOND_MIN; print at
#: SMALL_SIDE is BEYOND_THRESH_C gray levels below the local mean of BEYOND_BLOCK_PX.
PRINT_BEYOND_SHARE, PRINT_BEYOND_MIN, BEYOND_BAND_PX = 0.3, 0.01, 18
BEYOND_BLOCK_PX, BEYOND_THRESH_C = 15, 10
#: Photos: the sheet must cover between these shares of the picture to be cut out.
PAGE_MIN_AREA, PAGE_MAX_AREA = 0.2, 0.93
#: Unsharp mask for blurred print (phone photos, coarse scans enlarged to 300 dpi):
#: Gaussian sigma (px at 300 dpi) and amount; then gray levels from SHARP_PAPER_GRAY up
#: are paper (the light-flattened paper sits near 250, its noise below). Measured on
#: photos: sigma 1.5/2/3 px -> words found 86.6/88.3/88.3 %; paper whitening at 230 adds
#: +0.5 % found and +2 % read right. On the 200-dpi TIFFs: outputs 82.8 -> 97.8 % right.
SHARPEN_SIGMA_PX, SHARPEN_AMOUNT, SHARP_PAPER_GRAY = 2.0, 1.0, 230
#: Print captured coarser than COARSE_CAPTURE_DPI (a photo taken far off, or forwarded
#: and shrunk by a chat app: the sheet at ~115 dpi) is enlarged more than twice, and
#: interpolation blurs it beyond what the mask above undoes: sharpened with a sigma of
#: COARSE_SIGMA_CAPTURED_PX of its own pixels and COARSE_AMOUNT. Measured as the share of
#: the flowchart pages' own words read on 8 photos with the sheet at 110-123 dpi: 49.7 %
#: with the mask above, 65.6 % (sigma 1.5 px: 65.9; amount 2: 64.6; 3: 65.6). On photos
#: of 142-163 dpi it read more words (94.0 -> 96.2 %) but fewer fields right: spurious
#: stops ("awa!", "Laporan.") and a 1 read 4 in the sharper halos.
COARSE_CAPTURE_DPI, COARSE_SIGMA_CAPTURED_PX, COARSE_AMOUNT = 135, 1.2, 2.5
#: Working size (long side, px) for page finding and the light estimate.
SMALL_SIDE = 900
#: The light of a page (:func:`light_spread`) is judged at about this many dpi of an A4
#: page (A4_LONG_IN inches long).
LIGHT_DPI, A4_LONG_IN = 40, 11.69
#: A page whose paper is this much brighter in its brightest block than in its darkest
#: (:func:`light_spread`, LIGHT_BLOCKS × LIGHT_BLOCKS blocks) is a photo. Measured: the
#: 160 pages of 300- and 200-dpi scans of the corpus, held-out and never-scanned sets
#: 1.000-1.013; the corpus phone photos' sheets 1.18-1.42, taken close 1.16-1.39.
PHOTO_LIGHT_SPREAD, LIGHT_BLOCKS = 1.06, 6


def to_gray(pixels: np.ndarray, dpi: float | None = None) -> np.ndarray:
    """Gray image in which saturated colour ink is bleached.

    Gray = the brightest channel, so light coloured ink (a stamp) turns light; ink that
    is clearly coloured (saturation above ``INK_SATURATION``) but not dark (brightest
    channel above ``INK_DARK``), such as a ballpoint signature, becomes paper. Black print
    under a stamp stays dark and is kept.

    With ``dpi`` (a colour page), what is colour is judged against the paper's own colour
    around it (:func:`paper_colour`): black print on an orange-shaded table row,
    blurred into pixels as coloured as the fill, or tinted by a warm lamp, was bleached
    hollow. The gray itself is still the brightest channel.
    """
    if pixels.ndim == 2:
        return pixels
    pixels = np.ascontiguousarray(pixels)
    r, g, b = cv2.split(pixels)
    hi = cv2.max(cv2.max(r, g), b)
    lo = cv2.min(cv2.min(r, g), b)
    spread = cv2.subtract(hi, lo)
    # colour where spread > INK_SATURATION * hi and hi > INK_DARK, in 8 bits: the whole
    # spread that is no colour, looked up per brightest-channel level (255 never exceeded)
    coloured = cv2.compare(spread, cv2.LUT(hi, _colour_floor()), cv2.CMP_GT)
    if dpi:
        # the gray stays the brightest channel; what counts as colour is asked again of
        # the few coloured pixels, against their paper
        _against_paper(pixels, coloured, dpi)
    return cv2.max(hi, coloured)


def _against_paper(pixels: np.ndarray, coloured: np.ndarray, dpi: float) -> None:
    """Clear from ``coloured`` the pixels that are no colour against the paper around
    them (:func:`paper_colour`), in place."""
    ys, xs = np.nonzero(coloured)
    if ys.size == 0:
        return
    paper, factor = paper_colour(pixels, dpi)
    py = np.minimum(ys // factor, paper.shape[0] - 1)
    px = np.minimum(xs // factor, paper.shape[1] - 1)
    balanced = np.minimum(
        pixels[ys, xs].astype(np.float32) * 255.0 / np.maximum(paper[py, px], 1), 255.0
    )
    hi, lo = balanced.max(axis=1), balanced.min(axis=1)
    still = (hi - lo > INK_SATURATION * hi) & (hi > INK_DARK)
    coloured[ys[~still], xs[~still]] = 0


def paper_colour(pixels: np.ndarray, dpi: float) -> tuple[np.ndarray, int]:
    """The paper's colour around each point of a photo, at every ``factor``-th pixel
    (about ``PAPER_DPI``), and that factor: a closing wider than any stroke, blurred.

    Judged against it, a lamp's warm cast and a table row's pale or orange fill are no
    colour, and black print tinted by them is neutral; only ink coloured against its own
    paper (a stamp, a ballpoint) stays coloured. (Print under a warm cast read (121,
    107, 76): coloured by ``INK_SATURATION`` and bleached, hollowing every bold header
    word of a photo.)
    """
    factor = max(1, int(dpi // PAPER_DPI))
    # every factor-th pixel: the closing takes the print out and the blur the noise
    small = np.ascontiguousarray(pixels[::factor, ::factor])
    k = max(3, round(PAPER_CLOSE_IN * dpi / factor) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    return cv2.blur(paper, (k, k)), factor


@cache
def _colour_floor() -> np.ndarray:
    """Per gray level ``hi``: the largest channel spread of ink that is not coloured."""
    levels = np.arange(256, dtype=np.float32)
    floor = np.floor(np.float32(INK_SATURATION) * levels)
    floor[levels <= INK_DARK] = 255
    return floor.astype(np.uint8)


def _small(gray: np.ndarray) -> tuple[np.ndarray, float]:
    scale = SMALL_SIDE / max(gray.shape)
    if scale >= 1:
        return gray, 1.0
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def find_page(pixels: np.ndarray) -> np.ndarray | None:
    """The corners (tl, tr, br, bl; float32 px) of a sheet photographed on a darker ground.

    None when the picture is already just the page (a scan) or no sheet is visible.
    """
    gray = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    small, scale = _small(gray)
    _, bright = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255, cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(biggest) / float(small.shape[0] * small.shape[1])
    if not PAGE_MIN_AREA <= share <= PAGE_MAX_AREA:
        return None
    hull = cv2.convexHull(biggest)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4 or _print_beyond(small, quad):
        return None
    pts = quad.reshape(4, 2).astype(np.float32) / scale
    # order: top-left has the smallest x+y, bottom-right the largest; tr smallest y-x
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]])


def _print_beyond(small: np.ndarray, quad: np.ndarray) -> bool:
    """Whether the print inside ``quad`` (a bright region of a small gray picture) goes
    on beyond it: the region is then the lit part of a sheet a shadow falls across (a
    hand's, the phone's), not a sheet on a darker desk, which holds no print. Print is
    local-mean ink; each side is judged clear of a band along the quad's outline (the
    sheet's edge itself). Measured on the 27 corpus, held-out and never-scanned phone
    photos' 81 pages: beyond their sheets at most 2 % of the print density within; a
    sheet half in a hand's shadow 92 %."""
    inside = np.zeros(small.shape, np.uint8)
    cv2.fillPoly(inside, [quad.reshape(-1, 2).astype(np.int32)], 255)
    band = np.ones((BEYOND_BAND_PX, BEYOND_BAND_PX), np.uint8)
    within = cv2.erode(inside, band) > 0
    beyond = cv2.erode(cv2.bitwise_not(inside), band) > 0
    if not within.any() or not beyond.any():
        return False
    ink = cv2.adaptiveThreshold(
        small,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        BEYOND_BLOCK_PX,
        BEYOND_THRESH_C,
    )
    density_in = np.count_nonzero(ink[within]) / np.count_nonzero(within)
    density_out = np.count_nonzero(ink[beyond]) / np.count_nonzero(beyond)
    return density_out >= max(PRINT_BEYOND_SHARE * density_in, PRINT_BEYOND_MIN)


def warp_page(pixels: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Perspective-correct the sheet inside ``quad`` to an upright rectangle."""
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(pixels, m, (width, height), flags=cv2.INTER_LINEAR)


def flatten_light(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Divide by the paper's brightness so shadows, lamp fall-off and grey paper turn white."""
    small, scale = _small(gray)
    # a closing wider than any stroke or glyph leaves only the paper
    k = max(5, round(0.12 * dpi * scale) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    background = cv2.GaussianBlur(background, (0, 0), k / 2)
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]))
    out = cv2.divide(gray, np.maximum(background, 1), scale=255)
    return np.asarray(out, dtype=np.uint8)


#: Faded print (a printer low on toner, a copy of a copy): when the darkest tenth of the
#: page's print (pixels under PRINT_BELOW on the flattened page) is lighter than
#: FADED_LEVEL, its darkness is stretched so that level becomes DEEP_LEVEL, paper
#: staying white.
PRINT_BELOW, FADED_LEVEL, DEEP_LEVEL, PRINT_QUANTILE = 200, 125, 110, 0.1


def deepen_print(gray: np.ndarray) -> np.ndarray:
    """A flattened page (paper white) whose print is faded, its darkness stretched to
    that of print fresh from the printer; any other page as it is (the same array)."""
    # every third pixel each way: the print's levels alike, for a ninth of the cost
    sample = np.ascontiguousarray(gray[::3, ::3])
    hist = cv2.calcHist([sample], [0], None, [256], [0, 256]).ravel()
    counts = np.cumsum(hist[:PRINT_BELOW])
    if counts[-1] <= 0:
        return gray
    level = int(np.searchsorted(counts, PRINT_QUANTILE * counts[-1]))
    if level < FADED_LEVEL:
        return gray
    gain = (255.0 - DEEP_LEVEL) / (255.0 - level)
    lut = np.clip(255.0 - (255.0 - np.arange(256)) * gain, 0, 255).round().astype(np.uint8)
    return cv2.LUT(gray, lut)


def light_spread(gray: np.ndarray) -> float:
    """How unevenly the paper is lit: the brightest of the paper's 6×6 blocks over the
    darkest (each block's paper at its 90th percentile of brightness, so shaded table
    rows and bold print do not count), inside a tenth of the page from its edges."""
    # at about LIGHT_DPI, each pixel the mean of those it covers (paper grain and
    # scanner noise averaged out): the light changes over inches
    # (a whole factor: OpenCV's quick path)
    factor = max(1, round(max(gray.shape) / (LIGHT_DPI * A4_LONG_IN)))
    h, w = gray.shape[0] // factor, gray.shape[1] // factor
    small = cv2.resize(gray[: h * factor, : w * factor], (w, h), interpolation=cv2.INTER_AREA)
    k = max(3, round(0.12 * LIGHT_DPI) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    core = paper[h // 10 : h - h // 10, w // 10 : w - w // 10]
    ch, cw = core.shape
    n = LIGHT_BLOCKS
    blocks = [
        np.percentile(core[i * ch // n : (i + 1) * ch // n, j * cw // n : (j + 1) * cw // n], 90)
        for i in range(n)
        for j in range(n)
    ]
    return float(max(blocks) / max(min(blocks), 1.0))


def print_blur(gray: np.ndarray, ink: np.ndarray, dpi: float) -> float:
    """How soft the print's edges are (pt): the width (sigma) of the Gaussian blur that
    turns a sharp edge of the page's contrast into its steepest slopes. A step of height
    C blurred by sigma is at most C / (sigma * sqrt(2 pi)) steep.

    Measured along every ``BLUR_ROW_STEP``-th row, where the ink mask begins or ends (the
    steepest ``BLUR_SLOPE_PERCENTILE`` of those slopes: the edges met square on); the
    contrast is the paper's median gray less the ink's. 0 with too little print to tell.
    """
    rows = gray[::BLUR_ROW_STEP]
    marked = ink[::BLUR_ROW_STEP] > 0
    # twice the slope per pixel (central difference), centred on columns 1 .. w-2
    slope = cv2.absdiff(rows[:, 2:], rows[:, :-2])
    turns = marked[:, 1:] != marked[:, :-1]
    edges = turns[:, :-1] | turns[:, 1:]
    slopes = slope[edges]
    if slopes.size < BLUR_MIN_EDGES:
        return 0.0
    steep = float(np.percentile(slopes, BLUR_SLOPE_PERCENTILE)) / 2
    contrast = _median_gray(rows) - _median_gray(rows[marked])
    if steep <= 0 or contrast <= 0:
        return 0.0
    return contrast / (steep * (2 * np.pi) ** 0.5) * 72.0 / dpi


def _median_gray(values: np.ndarray) -> float:
    """Median of 8-bit values by their histogram (quicker than sorting a page)."""
    counts = np.cumsum(np.bincount(values.ravel(), minlength=256))
    return float(np.searchsorted(counts, counts[-1] / 2))


def clear_dark_margins(gray: np.ndarray, dpi: float) -> np.ndarray:
    """``gray`` with the scanner's dark bed or lid showing past the sheet's edges painted
    paper-white, before the light is flattened (a copy; ``gray`` itself when there is
    none).

    A sheet scanned a little askew or shifted on a black bed (an open lid, an automatic
    feeder's dark backing) shows a dark wedge or band along one or more edges of the
    scan. Left there, :func:`flatten_light` takes the band for the paper's own light and
    lifts it to white but for its inner edge, which stays as a line along the sheet, and
    the band becomes the page's longest outline. Runs are measured per row (or column)
    from the picture's edge in: the bed darker than ``DARK_BED_SHARE`` of the paper,
    then the fringe where it meets the sheet; an edge counts when at least
    ``BORDER_SHARE`` of it has the bed ``DARK_MIN_IN`` deep, and then all of its runs go.
    For a scan, not a photo: a photo's shadow can be as dark as a bed. Measured with
    ``bench/accuracy.py --kinds bordered`` (the corpus scans on a dark bed, the sheet
    askew against one corner): steps found 12.5 -> 100 %, every field 100."""
    paper = float(np.percentile(gray[::8, ::8], PAPER_PERCENTILE))
    dark, fringe_level = DARK_BED_SHARE * paper, FRINGE_SHARE * paper
    min_px, fringe_px = max(2, round(DARK_MIN_IN * dpi)), max(1, round(FRINGE_IN * dpi))
    out = gray
    for turns in range(4):
        # turned so that this edge is the left one
        view = np.rot90(out, turns)
        if np.count_nonzero(view[:, 0] < dark) < BORDER_SHARE * view.shape[0]:
            continue
        depth = int(DARK_MAX_SHARE * view.shape[1])
        strip = view[:, : depth + fringe_px]
        runs = _run_from_edge(strip < dark)
        if np.count_nonzero((runs >= min_px) & (runs < depth)) < BORDER_SHARE * view.shape[0]:
            continue
        # every run of the bed along this edge, its tapering end too (a sheet askew
        # leaves a wedge a pixel or two deep), with the fringe where it meets the
        # sheet: lighter than the bed, not yet paper, up to fringe_px past it
        runs = np.where(runs < depth, runs, 0)
        after = runs[:, None] + np.arange(fringe_px)[None, :]
        fringe = _run_from_edge(np.take_along_axis(strip, after, axis=1) < fringe_level)
        ends = np.where(runs > 0, runs + fringe, 0)
        if out is gray:
            out = gray.copy()  # the caller's page is left as it was
        np.rot90(out, turns)[:, : depth + fringe_px][np.arange(strip.shape[1]) < ends[:, None]] = (
            round(paper)
        )
    return out


def _run_from_edge(mask: np.ndarray) -> np.ndarray:
    """Per row, how many pixels of ``mask`` run unbroken from its first column."""
    width = mask.shape[1]
    return np.where(mask.all(axis=1), width, np.argmin(mask, axis=1))


def clear_border(gray: np.ndarray, ink: np.ndarray, dpi: float = 300.0) -> None:
    """Paint out dark scan borders and photo edges: long ink touching the image edge.

    tessdoc ImproveQuality: dark borders are read as characters; here they would also
    become the longest "rule" of the page. A table running off the edge of a photo taken
    close keeps its rules and print; only solid ink joined to it goes. Modifies both
    images in place.
    """
    solid_px = max(3, round(SOLID_IN * dpi) | 1)
    h, w = ink.shape
    edges = (ink[:2].any(), ink[-2:].any(), ink[:, :2].any(), ink[:, -2:].any())
    if not any(edges):
        return
    # each ink component on the image's edge, filled from where its run along the edge
    # starts (8-connected, as the ink is traced everywhere else)
    work = ink.copy()
    for x, y in _edge_run_starts(ink):
        if work[y, x] != 255:
            continue  # filled from an earlier run of the same component
        _, _, _, (bx, by, bw, bh) = cv2.floodFill(work, None, (x, y), 128, flags=8)
        box = work[by : by + bh, bx : bx + bw]
        sel = box == 128
        box[sel] = 1  # seen
        long = bw > BORDER_SHARE * w or bh > BORDER_SHARE * h
        deep = bw > GRID_DEPTH * w and bh > GRID_DEPTH * h
        if long and deep and sel.mean() < GRID_FILL:
            # a sparse grid across the picture: a table, running off a photo taken close
            # (the sheet fills the frame; an identity table cut at its top row is a
            # quarter of the picture deep); only its solid parts (the desk in a corner,
            # a shadow) go
            solid = _solid(sel, solid_px)
            touches = (by == 0, bx + bw == w, by + bh == h, bx == 0)
            solid |= _edge_slivers(sel, touches, (h, w), round(SLIVER_IN * dpi))
            ink[by : by + bh, bx : bx + bw][solid] = 0
            gray[by : by + bh, bx : bx + bw][solid] = 255
        elif long:
            # a scan's dark border or a photo's desk (the table frame never touches the
            # edge of a sane scan)
            ink[by : by + bh, bx : bx + bw][sel] = 0
            gray[by : by + bh, bx : bx + bw][sel] = 255


def clear_sheet_edges(gray: np.ndarray, ink: np.ndarray) -> None:
    """Paint out the sheet's own edges: thin lines (the fringe where a desk meets the
    paper) running the picture's whole height or width, at most ``SHEET_EDGE_SHARE`` of
    it across. A table's rule that long is joined to the rows crossing it, so its
    outline is wide. Modifies both images in place."""
    h, w = ink.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    for i in range(1, n):
        x, y, bw, bh = stats[i, :4]
        tall = bh >= (1 - SHEET_EDGE_SHARE) * h and bw <= SHEET_EDGE_SHARE * w
        wide = bw >= (1 - SHEET_EDGE_SHARE) * w and bh <= SHEET_EDGE_SHARE * h
        if tall or wide:
            sel = labels[y : y + bh, x : x + bw] == i
            ink[y : y + bh, x : x + bw][sel] = 0
            gray[y : y + bh, x : x + bw][sel] = 255


def _solid(mask: np.ndarray, size: int) -> np.ndarray:
    """The solid parts of ``mask`` (wider than ``size`` px both ways, as no stroke or
    glyph is) and their fringe: where a desk or a shadow joins the print."""
    kernel = np.ones((size, size), np.uint8)
    solid = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    return cv2.dilate(solid, kernel).astype(bool)


def _edge_slivers(
    mask: np.ndarray, touches: tuple[bool, ...], image: tuple[int, int], widest: int
) -> np.ndarray:
    """Thin strips of ``mask`` along the picture's edges (top, right, bottom, left: where
    ``touches``): the desk showing past the sheet's edge, up to ``widest`` px wide and
    along ``BORDER_SHARE`` of that edge or more. A rule merely reaching the edge is along
    none of it."""
    out = np.zeros_like(mask)
    for turns, touching in enumerate(touches):
        if not touching:
            continue
        # turned so that this edge is the left one
        view, into = np.rot90(mask, turns), np.rot90(out, turns)
        edge_len = image[1] if turns % 2 == 0 else image[0]
        on_edge = view[:, 0]
        if on_edge.sum() < BORDER_SHARE * edge_len:
            continue
        runs = _run_from_edge(view)
        runs = np.where(on_edge, runs, 0)
        width = min(widest, int(np.percentile(runs[on_edge], 90)) + 2)
        cols = np.arange(view.shape[1])[None, :]
        into |= cols < np.minimum(runs, width)[:, None] + 2 * on_edge[:, None]
    return out


def _edge_run_starts(ink: np.ndarray) -> list[tuple[int, int]]:
    """(x, y) of the first pixel of each ink run along the image's four edges."""
    h, w = ink.shape
    starts: list[tuple[int, int]] = []
    for line, at in (
        (ink[0], lambda i: (i, 0)),
        (ink[-1], lambda i: (i, h - 1)),
        (ink[:, 0], lambda i: (0, i)),
        (ink[:, -1], lambda i: (w - 1, i)),
    ):
        on = np.flatnonzero(line)
        if on.size:
            starts += [at(int(i)) for i in on[np.r_[True, np.diff(on) > 1]]]
    return starts


def block_size(dpi: float) -> int:
    """Adaptive-threshold window: 31 px at 300 dpi (notes §3.5), odd, scaled with resolution."""
    return max(15, round(31 * dpi / 300) | 1)


def binarize(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Ink mask (255 = ink) by adaptive threshold against the plain window mean; survives
    grey backgrounds. Photos are thresholded against :func:`local_mean` instead."""
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block_size(dpi), THRESH_C
    )


def local_mean(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The Gaussian-weighted local mean a photo is thresholded against (:func:`below_mean`;
    computed as ``cv2.adaptiveThreshold`` does: in floats, rounded to gray levels). A
    plain window mean fills the counters and gaps of soft small print, so words become
    solid bars that read as rules and arrowheads; the Gaussian mean keeps letters apart."""
    size = block_size(dpi)
    kernel = cv2.getGaussianKernel(size, 0, cv2.CV_32F)
    border = cv2.BORDER_REPLICATE | cv2.BORDER_ISOLATED
    # filtered into floats straight from the 8-bit page (no float copy of it)
    mean = cv2.sepFilter2D(gray, cv2.CV_32F, kernel, kernel, borderType=border)
    return cv2.convertScaleAbs(mean)  # rounded and saturated as OpenCV converts


def below_mean(gray: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Ink mask (255 = ink) of pixels ``THRESH_C`` or more below ``mean``: with
    :func:`local_mean`, what ``cv2.adaptiveThreshold`` with a Gaussian mean gives."""
    # in 8 bits: gray <= mean - C, where mean - C does not fall below 0
    below = cv2.compare(gray, cv2.subtract(mean, THRESH_C), cv2.CMP_LE)
    return cv2.bitwise_and(below, cv2.compare(mean, THRESH_C, cv2.CMP_GE))


def sharpen_print(gray: np.ndarray, dpi: float, captured_dpi: float) -> np.ndarray:
    """Blurred print (phone photos) made crisper for OCR: an unsharp mask, then paper white.

    ``gray`` is at ``dpi``, its print captured at ``captured_dpi`` (the sheet's resolution
    in the photo or scan, before enlarging). Measured on the 24 corpus photo pages against
    the PDFs' own words (sparse Tesseract with a Sauvola threshold, sharpened before the
    rules are erased): words found 82.3 -> 89.1 %, words read that are right 82.5 -> 91.2 %.
    """
    sigma, amount = SHARPEN_SIGMA_PX * dpi / 300.0, SHARPEN_AMOUNT
    if 0 < captured_dpi < COARSE_CAPTURE_DPI:
        sigma, amount = COARSE_SIGMA_CAPTURED_PX * dpi / captured_dpi, COARSE_AMOUNT
    soft = cv2.GaussianBlur(gray, (0, 0), sigma)
    sharp = cv2.addWeighted(gray, 1.0 + amount, soft, -amount, 0)
    sharp[sharp >= SHARP_PAPER_GRAY] = 255
    return sharp


def _profile_skew(ink: np.ndarray) -> float:
    """Skew of text lines: the angle whose row projection is the most peaked."""
    small, _scale = _small(ink)
    best, best_score = 0.0, -1.0
    h, w = small.shape
    for angle in np.arange(-5.0, 5.01, 0.25):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        rows = cv2.warpAffine(small, m, (w, h)).sum(axis=1, dtype=np.float64)
        score = float(np.var(np.diff(rows)))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def estimate_skew(ink: np.ndarray) -> float:
    """Rotation (degrees, counter-clockwise positive as in OpenCV) that makes the page level."""
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if contours:
        biggest = max(contours, key=cv2.contourArea)
        (_, _), (rw, rh), angle = cv2.minAreaRect(biggest)
        if rw * rh >= FRAME_MIN_AREA * ink.shape[0] * ink.shape[1]:
            # OpenCV reports (0, 90] or [-90, 0) depending on version; fold into [-45, 45)
            return float((angle + 45.0) % 90.0 - 45.0)
    return _profile_skew(ink)


def frame_corners(ink: np.ndarray, dpi: float) -> np.ndarray | None:
    """Where the table's outermost long rules meet (tl, tr, br, bl; float32 px): the top
    and bottom rules and the leftmost and rightmost column rules, each fitted as a
    straight line (a sheet seen at an angle keeps its lines straight). A table running
    off the picture has its last whole column rule for a side. None without two long
    rules each way."""
    across = _long_lines(ink, dpi, horizontal=True)
    down = _long_lines(ink, dpi, horizontal=False)
    if len(across) < 2 or len(down) < 2:
        return None
    h, w = ink.shape
    across.sort(key=lambda line: _at(line, w / 2))
    down.sort(key=lambda line: _at(line, h / 2))
    top, bottom, left, right = across[0], across[-1], down[0], down[-1]
    corners = [_meet(a, b) for a, b in ((top, left), (top, right), (bottom, right), (bottom, left))]
    if any(c is None for c in corners):
        return None
    return np.array(corners, np.float32)


#: A fitted line: a point on it and its direction (x, y, dx, dy), and whether it runs
#: across the page.
Line = tuple[float, float, float, float, bool]


def _long_lines(ink: np.ndarray, dpi: float, horizontal: bool) -> list[Line]:
    """Rules running across (or down) the page, at least ``LONG_RULE_IN`` long and
    ``LONG_RULE_SHARE`` of the longest, fitted as straight lines at about ``FIT_DPI``. A
    rule slanting a few degrees stays whole: it is thickened across before it is opened
    along."""
    factor = max(1, round(dpi / FIT_DPI))
    h, w = ink.shape
    small = cv2.resize(ink, (w // factor, h // factor), interpolation=cv2.INTER_AREA)
    small = np.where(small > 0, 255, 0).astype(np.uint8)
    run = max(3, round(FIT_RUN_IN * dpi / factor))
    thick, along = ((3, 1), (1, run)) if horizontal else ((1, 3), (run, 1))
    # kernel shapes are (rows, cols)
    mask = cv2.dilate(small, np.ones(thick, np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones(along, np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return []
    extent = stats[1:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
    # a line along the picture within SLIVER_IN of its edge is the sheet's own edge
    # against a sliver of desk: the longest, it would make the table's rules short
    at = stats[1:, cv2.CC_STAT_TOP if horizontal else cv2.CC_STAT_LEFT]
    across = stats[1:, cv2.CC_STAT_HEIGHT if horizontal else cv2.CC_STAT_WIDTH]
    side = small.shape[0 if horizontal else 1]
    length = small.shape[1 if horizontal else 0]
    edge = max(1, round(SLIVER_IN * dpi / factor))
    near = (at + across <= edge) | (at >= side - edge)
    extent = np.where(near & (extent >= SHEET_EDGE_LENGTH * length), 0, extent)
    if not extent.any():
        return []
    floor = max(LONG_RULE_SHARE * extent.max(), LONG_RULE_IN * dpi / factor)
    out: list[Line] = []
    for i in np.flatnonzero(extent >= floor) + 1:
        x, y, bw, bh = stats[i, :4]
        ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == i)
        pts = np.column_stack(((xs + x + 0.5) * factor, (ys + y + 0.5) * factor)).astype(np.float32)
        dx, dy, px, py = cv2.fitLine(pts, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        out.append((float(px), float(py), float(dx), float(dy), horizontal))
    return out


def _at(line: Line, t: float) -> float:
    """A line's y where x = ``t`` (across the page), or its x where y = ``t`` (down)."""
    px, py, dx, dy, horizontal = line
    if horizontal:
        return py + (t - px) * dy / dx if dx else py
    return px + (t - py) * dx / dy if dy else px


def _meet(a: Line, b: Line) -> tuple[float, float] | None:
    """Where two fitted lines cross."""
    det = a[2] * b[3] - a[3] * b[2]
    if abs(det) < 1e-6:
        return None
    t = ((b[0] - a[0]) * b[3] - (b[1] - a[1]) * b[2]) / det
    return a[0] + t * a[2], a[1] + t * a[3]


def keystone(corners: np.ndarray) -> float:
    """How far (degrees) a frame's opposite sides are from parallel: a sheet seen at an
    angle, which no rotation levels."""
    tl, tr, br, bl = corners

    def angle(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.degrees(np.arctan2(b[1] - a[1], b[0] - a[0])))

    return max(abs(angle(tl, tr) - angle(bl, br)), abs(angle(tl, bl) - angle(tr, br)))


def unwarp(gray: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The page seen square on: the perspective that makes the frame ``corners`` a level
    rectangle (of their mean sides, about their centre), applied to the whole page, and
    cut to the largest level rectangle inside the picture's own edges (so that rules
    running off the picture still run to its edge)."""
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    cx, cy = corners.mean(axis=0)
    x0, y0, x1, y1 = cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2
    square = np.float32([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), square)
    h, w = gray.shape
    edges = np.float32([[[0, 0]], [[w - 1, 0]], [[w - 1, h - 1]], [[0, h - 1]]])
    (ptl, ptr, pbr, pbl) = cv2.perspectiveTransform(edges, m).reshape(4, 2)
    left, top = int(np.ceil(max(ptl[0], pbl[0]))), int(np.ceil(max(ptl[1], ptr[1])))
    right, bottom = int(min(ptr[0], pbr[0])), int(min(pbl[1], pbr[1]))
    if right - left < w // 2 or bottom - top < h // 2:
        return gray  # not a sheet seen at an angle: a frame found wrong
    shift = np.array([[1, 0, -left], [0, 1, -top], [0, 0, 1]], np.float64)
    return cv2.warpPerspective(
        gray, shift @ m, (right - left, bottom - top), flags=cv2.INTER_LINEAR, borderValue=255
    )


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre by ``angle`` degrees, filling with white paper (a photo's
    :func:`local_mean` turns with it: white paper's mean is white)."""
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def char_height(ink: np.ndarray) -> float:
    """Median height (px) of glyph-sized ink components, 0 when there are none.

    Measured on the middle half of the page's rows (enough glyphs, half the cost).
    """
    h = ink.shape[0]
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink[h // 4 : 3 * h // 4], connectivity=8)
    if n <= 1:
        return 0.0
    hs, ws, areas = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH], stats[1:, 4]
    glyph = (hs >= 4) & (hs <= 200) & (ws <= 3 * hs) & (areas >= 8)
    return float(np.median(hs[glyph])) if glyph.sum() >= 10 else 0.0
