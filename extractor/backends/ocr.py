"""OCR backend: page images (scans, photos, image-only PDF pages) → the shared page geometry.

``page_geometry`` turns one page image into a :class:`~extractor.layout.PageGeometry`
with the same content the PDF backend reads from vector objects: words with boxes in
PDF points (and OCR confidence), ruling segments, classified flowchart shapes and
arrows. ``extractor.grid.build_blocks`` then builds tables exactly as for digital PDFs.

``parse`` is the backend for image files (PNG, JPEG, TIFF incl. multi-page, BMP).

Per page (see ``extractor/scan``)::

    photo? → find the sheet, perspective-correct          (scan.prep.find_page/warp_page)
    bleach colour ink (stamps), flatten light, binarise   (scan.prep)
    text too small? → refuse; scanned below 300 dpi? → enlarge to 300 dpi
    deskew on the table frame                             (scan.prep.estimate_skew)
    long-line masks → Segments                            (scan.lines)
    hole contours → ShapeGeom; arrowheads → Arrow         (scan.shapes)
    erase rules, outlines, connectors → one Tesseract pass (scan.tesseract, --psm 11)
    not read as an upright page reads? → ask its orientation (Tesseract OSD, else a
        band read under each turn), and turned, all of the above again
    re-read empty/low-confidence value cells in one batched call
    normalise OCR confusions of digits and unit words     (scan.normalise)

Re-reading happens here, on an approximate grid of our own (full-width rows ×
verticals), rather than after ``build_blocks``: the PDF backend hands us only the
image, and keeping every page image alive until grid building would cost memory.
``reocr_cells`` is public for callers that hold the image and a finer grid.
"""

from __future__ import annotations

import io
import itertools
import logging
import multiprocessing
import os
import re
from bisect import bisect_right
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import cv2
import numpy as np
from PIL import Image

from extractor.classify import unread_error
from extractor.errors import InputError
from extractor.geometry import turned
from extractor.geometry.lines import union_box
from extractor.layout import (
    Arrow,
    Block,
    LayoutDocument,
    PageGeometry,
    Paragraph,
    Segment,
    ShapeGeom,
    Table,
    Word,
)
from extractor.models import Provenance
from extractor.options import ExtractionOptions
from extractor.scan import lines, normalise, prep, shapes, tesseract, wordbox
from extractor.scan.load import A4_LONG_IN, PageImage, load_pages
from extractor.sop.lexicon import labels

log = logging.getLogger(__name__)

#: Median glyph height (px) below which text cannot be read.
MIN_CHAR_PX = 7.0
#: A sheet's print captured coarser than this (dpi; a photo's sheet, its pixels over A4)
#: is read but noted: small print and flowchart labels go unread. Measured: phone
#: photos of the corpus taken at 150 dpi have their sheet at 144-163 dpi and read 86 % of
#: outputs; taken at 115 dpi (a forwarded, recompressed picture), 110-123 and 14 %.
LOW_PRINT_DPI = 130.0
#: Pages scanned coarser than this (dpi) are enlarged to it before any geometry: the
#: stroke, shape and arrow tests and Tesseract read 300-dpi pages best (notes §3.2);
#: measured on the 200-dpi corpus scans: steps 87.5 -> 100 %, next 8.6 -> 58.1 %.
WORK_DPI = 300.0
#: ... and only when that enlarges them by more than this factor.
MIN_SCALE = 1.05
#: Scans this much finer than WORK_DPI (a 600- or 400-dpi office scan) are reduced to it
#: first: every step costs up to four times the pixels at full size, for no better read
#: (4 corpus documents scanned at 600 dpi: 7.0 -> 3.2 s and 640 -> 383 MB a document,
#: identity 97.2 -> 100, durations 94.3 -> 96.2, outputs 94.3 -> 92.5 %; at 400 dpi
#: next 92.5 -> 100 %).
MAX_SCALE = 1.25
#: Below this long side (px; A4 at ~140 dpi) tiny glyphs mean "rescan", not "noise".
SMALL_IMAGE_PX = 1600
#: Longest rules of a page: segments at least this share of the longest are table rules.
RULE_SHARE = 0.6
#: Words without a letter or digit and below this confidence are stroke debris.
JUNK_CONF = 50.0
#: No print is this flat (points): letters and digits read from a box lower than this
#: are the fringe of an erased rule ("a", "an", "nomnom" 2-3 px high along a shaded
#: row's rules on a photo). The x-height of 6-pt print is 3 pt.
MIN_WORD_HEIGHT_PT = 1.5
#: A short word (``OFF_SIZE_LETTERS`` or fewer) read unsurely (below JUNK_CONF), no word
#: of the language, and this much taller or flatter than the page's surely read words
#: (their median height, from ``OFF_SIZE_MIN_WORDS`` of them at ``SURE_CONF``) is a
#: stamp's or a signature's stroke read as letters ("Cuti tahunan dilaksanakan ON": "ON"
#: at 35, 1.65 times as tall; "pemohon mam": "mam" at 22, half as tall). Print of the
#: page's own size that reads so unsurely stays (a blurred word), and so does small
#: print (a branch label's 6 pt beside 8-pt text is three quarters as tall) and a longer
#: misread ("Ambdians siap" tells a reader more than "siap").
OFF_SIZE_TALL, OFF_SIZE_FLAT, OFF_SIZE_MIN_WORDS, OFF_SIZE_LETTERS = 1.5, 0.6, 20, 3
#: No word is this small both ways (points): a scanner's speck, read "|" or "'" as surely
#: as print (2 px square on a 200-dpi scan enlarged). A full stop at 6 pt is ~0.6 pt.
SPECK_PT = 1.0
#: A page reads upright when it has this many words of two letters or digits or more,
#: read this surely on average. Measured: upright 300-dpi scans 95, the 75 corpus,
#: held-out and never-scanned photo pages 78.8 and up; 24 pages turned 90 or 270 degrees
#: 62-70 where 5 words or more were read, upside down 47-50. A page that does not is
#: asked for its orientation (and kept as it is unless turned it reads better).
UPRIGHT_WORDS, UPRIGHT_CONF = 5, 74.0
#: Share of a page's height (its most inked rows) read under each turn when orientation
#: detection cannot tell the page's orientation, and the mean confidence of its words
#: (two letters or digits or more) under which no turn is tried. Measured on a blurred
#: photo's page upside down: the band turned right 72.5, turned sideways 50-51. A turn
#: tried is kept only if the page then reads better (:func:`page_geometry`).
PROBE_BAND, PROBE_CONF = 0.3, 65.0
#: Re-read a cell when its words' mean confidence is below this.
REOCR_CONF = 70.0
#: A word is held by another's box (:func:`_unbloat`) when this share of its height lies
#: within that box's.
HELD_LINE_SHARE = 0.5
#: A cell holds print when it has this much ink (pt², after removing specks): a thin
#: "1" at 10 pt has about 3.3 pt² (58 px at 300 dpi).
MIN_INK_PT2 = 2.0
#: Print is darker than this gray level; a glyph is at least this tall (points, a digit
#: at 6 pt).
INK_GRAY, MIN_GLYPH_PT = 170, 4.0
#: A column is the Waktu column, its header unread, when this many of its lines read as
#: a number and a time unit.
MIN_DURATION_LINES = 2
#: A photo's duration cell whose two reads disagree is re-read at these enlargements too:
#: its blurred digits read differently at each, and the reads vote on the number.
WAKTU_SCALES = (1.0, 2.0)
#: ... unless the reads at the page's size settle it: the reads that are durations agree,
#: and their number leads any other the page pass and they read by this many votes.
SETTLED_LEAD = 2
#: A cell is re-read whole when this much of its print (pt²) lies outside the words the
#: page pass read there: a dropped word of 8-pt text is some 60 pt², a stray speck none.
UNREAD_INK_PT2 = 30.0
#: Print in a word's box (pt² darker than INK_GRAY): a word read unsurely over less is
#: read off paper grain (measured on a close photo: junk 1-40 px at 300 dpi, words 500+).
PRINT_PT2 = 5.0
#: A word re-read in a cell lying this much (share of its box) within a word the page
#: pass read across the cell's border is a piece of that word.
PIECE_SHARE = 0.6
#: A header cell read alone with at least this mean confidence is not read a second time.
SURE_CONF = 88.0
#: A photo's identity values the two reads at its own size disagree on are read again
#: enlarged this much: its print is small for a phone's camera (measured on the corpus
#: photos: "Dukcapiv/2024" 41-52 at 1x, "Dukcapil/2024" 83 at 1.5x and 87 at 2x).
IDENTITY_SCALES = (1.5, 2.0)
#: At most this many cells per page are re-read (one batched Tesseract call).
MAX_REOCR_CELLS = 48
#: A header cell whose print stands this many times taller than it is wide holds text
#: turned a quarter (role names set reading upwards, Word's and Excel's "rotate text
#: up"); upright role names wrapped in a narrow column stand at most about as tall as
#: wide (four short lines: ~0.9), one turned line ~9, two ~3.5.
TURNED_ASPECT = 1.6
#: The print's extent is taken between these percentiles of its pixels' coordinates, so
#: that a speck or an erased rule's fringe does not stretch it.
TURNED_EXTENT_PCT = (2.0, 98.0)
#: A Mutu Baku time value as it must read: "15 Menit", "1-2 Jam", "3 Hari kerja".
DURATION_TEXT = re.compile(
    r"^\d+(?:[.,]\d+)?\s*(?:-\s*\d+\s*)?(?:menit|jam|hari|minggu|bulan)", re.I
)
#: The number of a duration: "5", "1,5", "1-2".
DURATION_COUNT = re.compile(r"^\d+(?:[.,]\d+)?(?:-\d+)?$")
#: The header word of the Mutu Baku time column (and OCR variants of it).
WAKTU_HEADER = re.compile(r"^w[ao]ktu", re.I)
#: A grid row holding two header words is a header row when it has at most this many
#: words, or this share of known words (header rows of the corpus scans and photos read
#: 0.5-1.0 known; step rows that name "persyaratan" and "keterangan" 0.16-0.32).
HEADER_FEW_WORDS, HEADER_KNOWN_SHARE = 8, 0.4
#: Real words: two letters/digits read with some confidence (blank-page test).
MIN_REAL_WORDS, REAL_WORD_CONF = 5, 75.0
#: Mean word confidence below which the "text" is noise (measured: pages 85-93, noise ~30).
BLANK_MEAN_CONF = 50.0
#: Parallel page workers (the task runs on small boxes; Tesseract itself is single-threaded).
MAX_WORKERS = 2
#: Environment variable capping ``MAX_WORKERS`` (see :func:`page_workers`).
PAGE_WORKERS_ENV = "SOPCHECK_PAGE_WORKERS"


#: A cell in page pixels: (x0, y0, x1, y1).
CellBox = tuple[int, int, int, int]

# --------------------------------------------------------------------------- one page


@dataclass
class PageWork:
    """Intermediate images of one page, kept for re-reading cells."""

    gray: np.ndarray
    ocr_image: np.ndarray
    dpi: float
    words: list[tesseract.PxWord] = field(default_factory=list)
    photo: bool = False


def _as_array(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, np.ndarray):
        if image.ndim == 3 and image.shape[2] == 4:
            return np.ascontiguousarray(image[..., :3])
        return image
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    return np.asarray(image)


@dataclass
class Prepared:
    """A page ready for geometry: flat level gray, its ink mask, resolution, and whether
    it is a photographed sheet (cut out of a picture of a desk)."""

    gray: np.ndarray
    ink: np.ndarray
    dpi: float
    photo: bool = False
    #: the resolution the sheet's print was captured at, before any enlarging
    captured_dpi: float = 0.0


def _prepare_page(pixels: np.ndarray, dpi: float, capture_scale: float = 1.0) -> Prepared:
    """Flat, level gray page and its ink mask, at a readable resolution (``capture_scale``:
    see :func:`page_geometry`)."""
    cut = False  # a sheet cut out of a photo of the desk it lies on
    if pixels.ndim == 3:
        quad = prep.find_page(pixels)
        if quad is not None:
            pixels = prep.warp_page(pixels, quad)
            dpi = max(pixels.shape[:2]) / A4_LONG_IN
            cut = True
    captured = dpi * min(1.0, capture_scale)
    gray = prep.to_gray(pixels, dpi)
    # a scanner's dark bed showing past the sheet, cleared before it is taken for the
    # light of a photo or for the paper's own (kept on a photo: a shadow is as dark)
    cleared = gray if cut else prep.clear_dark_margins(gray, dpi)
    # a photo taken close (the sheet filling the picture) shows no desk, but its light
    # falls off across the sheet as no scanner's does
    photo = cut or prep.light_spread(cleared) >= prep.PHOTO_LIGHT_SPREAD
    if not photo:
        gray = cleared
    if not photo and dpi > WORK_DPI * MAX_SCALE:
        scale = WORK_DPI / dpi
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = WORK_DPI
    gray = prep.flatten_light(gray, dpi)
    ink, mean = _threshold(gray, dpi, photo)
    # print as soft as a photo's: a sheet photographed square on in light as even as a
    # scanner's (or a blurred scan), read as a photo is; a window mean fills its letters
    # into bars that read as rules and arrowheads
    soft = not photo and prep.print_blur(gray, ink, dpi) >= prep.SOFT_PRINT_PT
    if not photo and not soft:
        # faded print (low toner, a copy of a copy) darkened towards fresh print's: rows'
        # rules and small print then pass the thresholds fresh print does
        deeper = prep.deepen_print(gray)
        if deeper is not gray:
            gray = deeper
            ink, mean = _threshold(gray, dpi, photo)
    prep.clear_border(gray, ink, dpi)
    # the glyphs' height decides only for a small image (too small to read?): a large
    # page is spared the page-wide count (~30 ms)
    if max(gray.shape) < SMALL_IMAGE_PX:
        height = prep.char_height(ink)
        # tiny glyph-sized specks in a small image: text too small to read; in a large
        # image they are as likely noise of a non-document photo, which OCR will show
        if 0 < height < MIN_CHAR_PX:
            raise InputError("image_too_small", f"teks ±{height:.0f} px")
    if dpi * MIN_SCALE < WORK_DPI:
        # coarser scans are enlarged to WORK_DPI, never beyond: small glyphs on a finer page
        # are as often scanner speckle on a near-empty page (a signature page enlarged 3x
        # by its glyph median became a 71-Mpx, 1-GB image); a coarse page whose dots
        # outnumber its letters (a contents page's leaders, speckle) is enlarged all the
        # same
        scale = WORK_DPI / dpi
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        dpi = WORK_DPI
        ink, mean = _threshold(gray, dpi, photo)
    # a flatbed scan sees the sheet square on, a camera held over it seldom does: a
    # frame whose sides are not parallel tells a photo even in light as even as a
    # scanner's; a sheet cut out of the picture by its outline is square on but for
    # what the outline's corners missed (a steep angle, a corner lifted or in shadow)
    corners = prep.frame_corners(ink, dpi)
    if corners is not None and prep.keystone(corners) >= prep.KEYSTONE_DEG:
        # a sheet photographed at an angle (filling the picture, no desk around it to
        # cut it out by, or cut out not quite square): its table frame made a level
        # rectangle, and the page read as the photo it is
        gray = prep.unwarp(gray, corners)
        ink, _ = _threshold(gray, dpi, True)
        # the sheet's edge, straightened, may now run along the picture's
        prep.clear_sheet_edges(gray, ink)
        return Prepared(gray, ink, dpi, True, captured)
    if soft:
        photo = True
        ink, mean = _threshold(gray, dpi, photo)
    angle = prep.estimate_skew(ink)
    if abs(angle) >= prep.MIN_SKEW_DEG:
        gray = prep.rotate(gray, angle)
        if mean is None:
            ink = prep.binarize(gray, dpi)
        else:
            # a photo's sheet, cut out of the picture, is all but level (a tenth of a
            # degree left): its local mean turns with it instead of being blurred again
            # (and a photo taken close, held level, as little)
            ink = prep.below_mean(gray, prep.rotate(mean, angle))
    return Prepared(gray, ink, dpi, photo, captured)


def _threshold(gray: np.ndarray, dpi: float, photo: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """The page's ink mask and, for a photo, the local mean it was thresholded against
    (Gaussian, see prep.local_mean)."""
    if not photo:
        return prep.binarize(gray, dpi), None
    mean = prep.local_mean(gray, dpi)
    return prep.below_mean(gray, mean), mean


def _prepare(pixels: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Flat, level gray page and its ink mask, at a readable resolution."""
    page = _prepare_page(pixels, dpi)
    return page.gray, page.ink, page.dpi


def _rule_mask(segs: list[lines.PxSegment], shape: tuple[int, int]) -> np.ndarray:
    """The table's long rules (not connectors), drawn into a mask."""
    mask = np.zeros(shape, np.uint8)
    for horizontal in (True, False):
        group = [s for s in segs if s.horizontal == horizontal]
        if not group:
            continue
        longest = max(s.length for s in group)
        for s in group:
            if s.length >= RULE_SHARE * longest:
                p0, p1 = (int(s.x0), int(s.y0)), (int(s.x1), int(s.y1))
                cv2.line(mask, p0, p1, 255, thickness=max(1, round(s.thick)) + 2)
    return mask


def _on_outline(seg: lines.PxSegment, boxes: list[tuple[int, int, int, int]], tol: int) -> bool:
    return any(
        b[0] - tol <= min(seg.x0, seg.x1)
        and max(seg.x0, seg.x1) <= b[2] + tol
        and b[1] - tol <= min(seg.y0, seg.y1)
        and max(seg.y0, seg.y1) <= b[3] + tol
        for b in boxes
    )


def _line_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Free-standing horizontal and vertical strokes (rules, connectors, outlines) of a page.

    The morphology runs at about ``lines.LINE_DPI`` (a quarter of the pixels of a 300-dpi
    page); the masks found there are brought back to full resolution as the page's own
    ink pixels under them, so later steps see exact strokes.
    """
    factor = lines.pool_factor(dpi)
    small = lines.pool(ink, factor)
    sdpi = dpi / factor
    thick = lines.pt(lines.MAX_LINE_THICK_PT, sdpi)
    reach = lines.pt(lines.STROKE_NEIGHBOUR_PT, sdpi)
    hmask, hruns = lines.line_runs(small, lines.pt(lines.H_RULE_PT, sdpi), True, thick)
    vmask, vruns = lines.line_runs(small, lines.pt(lines.V_RULE_PT, sdpi), False, thick)
    hmask = lines.free_standing(hmask, small, vmask, reach, True, hruns)
    vmask = lines.free_standing(vmask, small, hmask, reach, False, vruns)
    return lines.unpool(hmask, ink), lines.unpool(vmask, ink)


def _analyse(
    image: Image.Image | np.ndarray,
    page_number: int,
    dpi: float,
    lang: str,
    capture_scale: float = 1.0,
) -> tuple[PageGeometry, PageWork]:
    src_dpi = dpi
    page = _prepare_page(_as_array(image), dpi, capture_scale)
    gray, ink, dpi = page.gray, page.ink, page.dpi
    hmask, vmask = _line_masks(ink, dpi)
    join, same = lines.pt(lines.JOIN_GAP_PT, dpi), lines.pt(lines.SAME_LINE_PT, dpi)
    segs = lines.mask_segments(hmask, True, join, same) + lines.mask_segments(
        vmask, False, join, same
    )
    segs = lines.bridge_gaps(
        segs, ink, lines.pt(lines.BRIDGE_GAP_PT, dpi), lines.BRIDGE_COVER, same
    )
    segs = lines.reach_rules_on_ink(
        segs,
        ink,
        lines.pt(lines.BRIDGE_GAP_PT, dpi),
        lines.BRIDGE_COVER,
        RULE_SHARE,
        lines.pt(lines.WORN_GAP_PT, dpi),
        lines.pt(lines.BROKEN_GAP_PT, dpi),
    )
    rules = _rule_mask(segs, ink.shape)
    found = shapes.find_shapes(ink, hmask, vmask, gray, dpi, rules, light_marks=not page.photo)
    headless: list[list[tuple[float, float]]] = []
    arrows, strokes = shapes.find_arrows(ink, rules, found, dpi, headless)

    # OCR sees the page without rules, symbol outlines or connectors (they read as ]|}-)
    outline_grow = lines.pt(2.0, dpi)
    rings = shapes.shape_rings(found, ink.shape, outline_grow)
    interiors = shapes.shape_rings(found, ink.shape, 0)
    clutter = cv2.bitwise_or(cv2.bitwise_or(hmask, vmask), strokes)
    clutter = cv2.bitwise_or(clutter, cv2.bitwise_and(rings, cv2.bitwise_not(interiors)))
    # blurred print (photos, coarse scans enlarged to WORK_DPI): sharpened for the LSTM
    # before the rules go (sharpening after would darken their erased fringes into "|");
    # native 300-dpi pages lose steps when sharpened and are left alone
    sharpen = page.photo or src_dpi * MIN_SCALE < WORK_DPI
    clean = lines.erase(
        prep.sharpen_print(gray, dpi, page.captured_dpi) if sharpen else gray, clutter
    )
    if not page.photo:
        # paper shade and speckle turn white, so Tesseract's own threshold settles on print
        clean[clean >= tesseract.PAPER_GRAY] = 255
    words = tesseract.ocr_page(clean, dpi, lang, soft=page.photo)
    wordbox.trim_to_print(words, clean)
    words = _unbloat(words)

    s = 72.0 / dpi
    boxes = [sh.box for sh in found]
    tol = lines.pt(4.0, dpi)
    geom = PageGeometry(
        page=page_number,
        width=gray.shape[1] * s,
        height=gray.shape[0] * s,
        print_dpi=page.captured_dpi,
        words=[],
        segments=[
            Segment(x0=g.x0 * s, top=g.y0 * s, x1=g.x1 * s, bottom=g.y1 * s, width=g.thick * s)
            for g in segs
            if not _on_outline(g, boxes, tol)
        ],
        shapes=[
            ShapeGeom(kind=sh.kind, bbox=tuple(v * s for v in sh.box), filled=sh.filled)  # type: ignore[arg-type]
            for sh in found
        ],
        arrows=[
            Arrow(points=[(x * s, y * s) for x, y in a], has_head=head)
            for group, head in ((arrows, True), (headless, False))
            for a in group
        ],
        source="ocr",
    )
    work = PageWork(gray=gray, ocr_image=clean, dpi=dpi, words=words, photo=page.photo)
    return geom, work


def _unbloat(words: list[tesseract.PxWord]) -> list[tesseract.PxWord]:
    """Words whose box holds other words of its line whole cut down to the widest stretch
    of it they leave free: there its letters are. Sparse mode sometimes boxes a word with
    the debris of an erased rule and the next cell's words beside it ("Bangunan" boxed
    over "— Kepala Dinas", 403 px for 142 of letters), and the box's centre then puts
    the word in the next cell."""
    for w in words:
        right = w.left + w.width
        held = [
            (v.left, v.left + v.width)
            for v in words
            if v is not w
            and w.left <= v.left
            and v.left + v.width <= right
            and _shared_height(w, v) >= HELD_LINE_SHARE * v.height
        ]
        if not held:
            continue
        free, x = [], w.left
        for x0, x1 in sorted(held):
            free.append((x, x0))
            x = max(x, x1)
        free.append((x, right))
        x0, x1 = max(free, key=lambda span: span[1] - span[0])
        if x1 > x0:
            w.left, w.width = x0, x1 - x0
    return words


def _shared_height(a: tesseract.PxWord, b: tesseract.PxWord) -> int:
    return min(a.top + a.height, b.top + b.height) - max(a.top, b.top)


def _to_words(px_words: list[tesseract.PxWord], dpi: float) -> list[Word]:
    s = 72.0 / dpi
    out = []
    for w in px_words:
        alnum = any(ch.isalnum() for ch in w.text)
        if (not alnum and w.conf < JUNK_CONF) or (alnum and w.height * s < MIN_WORD_HEIGHT_PT):
            continue
        if max(w.width, w.height) * s < SPECK_PT:
            continue
        text = normalise.normalise_word(w.text)
        box = (w.left * s, w.top * s, (w.left + w.width) * s, (w.top + w.height) * s)
        out.append(Word(text=text, bbox=box, conf=round(w.conf, 1)))
    return out


def _texts(words: list[tesseract.PxWord]) -> list[tesseract.PxWord]:
    """Words of two letters or digits or more: what tells an upright page's reading."""
    return [w for w in words if _alnum(w.text) >= 2]


def _upright_words(words: list[tesseract.PxWord]) -> int:
    """Words read as a page read the right way up reads them: two letters or digits or
    more, ``UPRIGHT_CONF`` sure."""
    return sum(1 for w in _texts(words) if w.conf >= UPRIGHT_CONF)


def _reads_upright(words: list[tesseract.PxWord]) -> bool:
    """Whether the page pass read the page as an upright page reads: its words of two
    letters or digits or more are ``UPRIGHT_CONF`` sure on average, and there are
    ``UPRIGHT_WORDS`` of them. A page turned sideways gives a dozen words of debris read
    at 55-70, one upside down two hundred read at 47-50."""
    texts = _texts(words)
    return len(texts) >= UPRIGHT_WORDS and _mean_conf(texts) >= UPRIGHT_CONF


def _probe_turn(work: PageWork, lang: str) -> int:
    """The clockwise turn under which a band of the page (``PROBE_BAND`` of its height,
    turned, where it holds the most print) reads as an upright page reads, the surest of
    those; 0 when none does. For blurred photos, where Tesseract's orientation detection
    finds too few characters to tell."""
    best, best_conf = 0, PROBE_CONF
    for turn in (90, 180, 270):
        turned = np.rot90(work.ocr_image, -(turn // 90))
        band = np.ascontiguousarray(_inked_band(turned, PROBE_BAND))
        texts = _texts(tesseract.ocr_page(band, work.dpi, lang, soft=work.photo))
        if len(texts) >= UPRIGHT_WORDS and (conf := _mean_conf(texts)) >= best_conf:
            best, best_conf = turn, conf
    return best


def _inked_band(image: np.ndarray, share: float) -> np.ndarray:
    """The rows of ``image``, ``share`` of its height, that hold the most print (a
    signature page's few lines are not in its middle)."""
    h = image.shape[0]
    rows = max(1, round(h * share))
    ink = np.count_nonzero(image < INK_GRAY, axis=1)
    sums = np.concatenate(([0], np.cumsum(ink)))
    top = int(np.argmax(sums[rows:] - sums[:-rows])) if h > rows else 0
    return image[top : top + rows]


def page_geometry(
    image: Image.Image | np.ndarray,
    page_number: int,
    dpi: float,
    lang: str = "ind+eng",
    capture_scale: float = 1.0,
) -> PageGeometry:
    """Words (points, with confidence), rules, shapes and arrows of one page image.

    ``dpi`` is the image's resolution (the render scale for PDF pages). A page lying
    sideways or upside down is read turned upright (its geometry is the upright page's).
    ``capture_scale``: the image's own pixels per rendered pixel, for a PDF page whose
    scan or photo was rendered finer than it was captured (``print_dpi`` is then the
    capture's). Raises ``InputError("image_too_small")`` when the text is too small to
    read.
    """
    pixels = _as_array(image)
    geom, work = _analyse(pixels, page_number, dpi, lang, capture_scale)
    if not _reads_upright(work.words):
        # a page scanned or photographed sideways or upside down (a landscape flowchart
        # page fed portrait): turned as Tesseract's orientation detection says (or, where
        # it cannot tell, as a band of the page reads best), and kept turned when it
        # reads better so
        turn = tesseract.page_turn(work.ocr_image, work.dpi) or _probe_turn(work, lang)
        if turn:
            turned = np.ascontiguousarray(np.rot90(pixels, -(turn // 90)))
            again = _analyse(turned, page_number, dpi, lang, capture_scale)
            if _upright_words(again[1].words) > _upright_words(work.words):
                geom, work = again
                geom.turned = turn
    reocr_cells(work, geom, lang)
    fix_waktu_units(work, geom)
    words = _on_print(work)
    wordbox.trim_to_print(words, work.ocr_image)
    geom.words = _to_words(_of_print_size(words), work.dpi)
    return geom


def _of_print_size(words: list[tesseract.PxWord]) -> list[tesseract.PxWord]:
    """The words but short ones read unsurely that are no word and far off the size of
    the page's print (``OFF_SIZE_TALL``, ``OFF_SIZE_FLAT``): a stamp's or a signature's
    strokes read as letters. Words with a digit are kept (a duration's count)."""
    sure = [w.height for w in words if w.conf >= SURE_CONF and len(w.text) >= 3]
    if len(sure) < OFF_SIZE_MIN_WORDS:
        return words
    size = float(np.median(sure))
    return [
        w
        for w in words
        if w.conf >= JUNK_CONF
        or sum(ch.isalpha() for ch in w.text) > OFF_SIZE_LETTERS
        or OFF_SIZE_FLAT * size <= w.height <= OFF_SIZE_TALL * size
        or any(ch.isdigit() for ch in w.text)
        or normalise.is_known(w.text)
    ]


def _on_print(work: PageWork) -> list[tesseract.PxWord]:
    """The page's words but those read unsurely (below ``JUNK_CONF``) where there is no
    print (under ``PRINT_PT2`` of pixels darker than ``INK_GRAY``): a shaded header's
    grain or an erased rule's fringe read as letters ("an DOT" along a photo's header
    rule, 1 and 13 dark px, which then matched no header label). A real word read as
    unsurely has its strokes ("Kepala" at 5: 1,530 px; small print 500 px and more)."""
    floor = lines.px2(PRINT_PT2, work.dpi)
    image = work.ocr_image
    return [
        w
        for w in work.words
        if w.conf >= JUNK_CONF
        or np.count_nonzero(image[w.top : w.top + w.height, w.left : w.left + w.width] < INK_GRAY)
        >= floor
    ]


# --------------------------------------------------------------------------- re-reading cells


def _approx_grid(geom: PageGeometry, dpi: float) -> tuple[list[float], list[float]]:
    """Row and column boundaries (px) from the page's long rules: a rough grid, no merges."""
    px = dpi / 72.0
    hs = [g for g in geom.segments if g.horizontal]
    vs = [g for g in geom.segments if g.vertical and not g.horizontal]
    if not hs or not vs:
        return [], []
    longest = max(hs, key=lambda g: g.length)
    vmax = max(g.length for g in vs)
    ys = sorted({round(g.top * px) for g in hs if g.length >= RULE_SHARE * longest.length})
    xs = sorted(
        {
            round(g.x0 * px)
            for g in vs
            if g.length >= 0.3 * vmax and longest.x0 - 5 <= g.x0 <= longest.x1 + 5
        }
    )

    def dedupe(values: list[int]) -> list[float]:
        out: list[float] = []
        for v in values:
            if not out or v - out[-1] > 3 * px:
                out.append(float(v))
        return out

    return dedupe(ys), dedupe(xs)


def _inside(w: tesseract.PxWord, box: tuple[int, int, int, int]) -> bool:
    cx, cy = w.left + w.width / 2, w.top + w.height / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def _overlaps(w: tesseract.PxWord, box: tuple[int, int, int, int]) -> bool:
    return (
        w.left < box[2]
        and box[0] < w.left + w.width
        and w.top < box[3]
        and box[1] < w.top + w.height
    )


def _piece_of_read(word: tesseract.PxWord, words: list[tesseract.PxWord], box: CellBox) -> bool:
    """Whether ``word`` lies for the most part within a word of ``words`` that is read
    surely (``JUNK_CONF``), has letters or digits, and is not inside ``box``."""
    area = max(1, word.width * word.height)
    for w in words:
        # the overlap first: it rules out all but a word or two of the page, cheaply
        dx = min(word.left + word.width, w.left + w.width) - max(word.left, w.left)
        dy = min(word.top + word.height, w.top + w.height) - max(word.top, w.top)
        if dx <= 0 or dy <= 0 or dx * dy < PIECE_SHARE * area:
            continue
        if w.conf >= JUNK_CONF and _alnum(w.text) and not _inside(w, box):
            return True
    return False


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _debris(words: list[tesseract.PxWord]) -> int:
    """Words without a letter or digit ("—", "|")."""
    return sum(1 for w in words if not _alnum(w.text))


def _mean_conf(words: list[tesseract.PxWord]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _ink_px(
    image: np.ndarray,
    box: CellBox,
    dpi: float,
    read: list[tesseract.PxWord] | None = None,
    floor: float = 0.0,
) -> int:
    """Print pixels in a box: darker-than-paper blobs at least a small digit tall; with
    ``read``, only those outside these words' boxes (print the page pass did not read).
    A box with no more dark pixels than ``floor`` (what the caller weighs the count
    against) is 0 without its blobs counted: most cells of a flowchart are blank.

    Thin glyphs at 200 dpi are gray, not black (a "1" has ~20 px below 128); specks and
    the tips of erased strokes are shorter than any digit.
    """
    dark = (image[box[1] : box[3], box[0] : box[2]] < INK_GRAY).astype(np.uint8)
    pad = lines.pt(1.0, dpi)
    for w in read or ():
        x0, y0 = max(0, w.left - box[0] - pad), max(0, w.top - box[1] - pad)
        dark[y0 : w.top + w.height - box[1] + pad, x0 : w.left + w.width - box[0] + pad] = 0
    if cv2.countNonZero(dark) <= floor:
        return 0
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    tall = stats[1:, cv2.CC_STAT_HEIGHT] >= lines.pt(MIN_GLYPH_PT, dpi)
    return int(stats[1:, cv2.CC_STAT_AREA][tall].sum()) if n > 1 else 0


@cache
def _header_words() -> frozenset[str]:
    """Procedure-table header words (``labels.yml`` ``procedure_header_words``)."""
    return frozenset(labels()["procedure_header_words"])


def _header_rows(work: PageWork, ys: list[float]) -> set[int]:
    """Grid rows of a procedure-table header: those holding two different header words
    ("Mutu", "Baku"; "Kelengkapan", "Waktu"), where the role names stand, which sparse
    mode often cuts or merges. One such word is not enough: body text says "kegiatan"."""
    found: dict[int, set[str]] = {}
    texts: dict[int, list[str]] = {}
    words = _header_words()
    for w in work.words:
        row = bisect_right(ys, w.top + w.height / 2) - 1
        if not 0 <= row < len(ys) - 1:
            continue
        texts.setdefault(row, []).append(w.text)
        word = w.text.strip(".,:;/").lower()
        if word in words:
            found.setdefault(row, set()).add(word)
    return {i for i, seen in found.items() if len(seen) >= 2 and _reads_as_header(texts[i])}


def _reads_as_header(texts: list[str]) -> bool:
    """A few words, or mostly known ones (labels, job titles): not a step's row, whose
    activity may say "persyaratan" and its requirements "Surat keterangan". Words of
    two letters count when they are words ("ke", "di"): role names turned a quarter read
    as two-letter debris in the page pass ("Oo", "ag", "xE")."""
    alpha = [
        t
        for t in texts
        if re.search(r"[A-Za-z]{3,}", t)
        or (re.search(r"[A-Za-z]{2}", t) and normalise.is_known(t.strip(".,:;")))
    ]
    if len(alpha) <= HEADER_FEW_WORDS:
        return True
    return normalise.known_words(" ".join(alpha)) >= HEADER_KNOWN_SHARE * len(alpha)


def _turned_print(work: PageWork, box: CellBox) -> bool:
    """Whether a header cell's print stands ``TURNED_ASPECT`` times taller than wide: text
    turned a quarter, which the page pass reads as debris ("x a a" for "PPK")."""
    ys, xs = np.nonzero(work.ocr_image[box[1] : box[3], box[0] : box[2]] < INK_GRAY)
    if len(xs) < lines.px2(UNREAD_INK_PT2, work.dpi):
        return False
    x0, x1 = np.percentile(xs, TURNED_EXTENT_PCT)
    y0, y1 = np.percentile(ys, TURNED_EXTENT_PCT)
    return bool(y1 - y0 >= TURNED_ASPECT * max(x1 - x0, 1.0))


#: The two quarter turns that make turned text upright: text reading upwards is turned
#: clockwise; reading downwards, anticlockwise.
TURNS = {True: cv2.ROTATE_90_CLOCKWISE, False: cv2.ROTATE_90_COUNTERCLOCKWISE}


def _turned_read(work: PageWork, box: CellBox, lang: str) -> list[tesseract.PxWord]:
    """A header cell of turned text read upright both ways (reading upwards, the common
    way, and downwards), each at the page's threshold and, unless that read is sure, at
    the other: the read with the most known words, then the surest, its words laid flat
    in reading order across the print's middle (:func:`turned.join_turned`)."""
    crop = np.ascontiguousarray(work.ocr_image[box[1] : box[3], box[0] : box[2]])
    reads: list[tuple[bool, list[tesseract.PxWord]]] = []
    for upward, turn in TURNS.items():
        upright = cv2.rotate(crop, turn)
        whole = [(0, 0, upright.shape[1], upright.shape[0])]
        for soft in (work.photo, not work.photo):
            read = tesseract.ocr_crops(upright, whole, work.dpi, lang, soft)[0]
            reads.append((upward, read))
            if _mean_conf(read) >= SURE_CONF:
                break
    upward, read = max(reads, key=lambda r: (_known(r[1]), _mean_conf(r[1])))
    if not read:
        return []
    h, w = crop.shape[:2]
    words = []
    for r in read:
        # each word's box back on the page, tall and narrow as it stands there
        if upward:  # turned clockwise, (x, y) -> (h - 1 - y, x)
            x0, y0 = r.top, h - (r.left + r.width)
        else:  # turned anticlockwise, (x, y) -> (y, w - 1 - x)
            x0, y0 = w - (r.top + r.height), r.left
        left, top = box[0] + x0, box[1] + y0
        words.append(
            Word(text=r.text, bbox=(left, top, left + r.height, top + r.width), conf=r.conf)
        )
    return [
        tesseract.PxWord(
            f.text,
            round(f.bbox[0]),
            round(f.bbox[1]),
            max(1, round(f.bbox[2] - f.bbox[0])),
            max(1, round(f.bbox[3] - f.bbox[1])),
            f.conf or 0.0,
        )
        for f in turned.join_turned(words, upward)
    ]


def _read_as_label(work: PageWork, box: CellBox, inside: list[tesseract.PxWord]) -> bool:
    """A header cell the page pass read whole: column labels only ("Mutu Baku",
    "Persyaratan/Kelengkapan"), each read surely, and no print left unread beside them.
    Role names are always read again: a surely read "Umum dan" may be the second line of
    "Kasubbag Umum dan Kepegawaian"."""
    words = _header_words()
    if any(w.conf < SURE_CONF for w in inside):
        return False
    if not all(part in words for w in inside for part in w.text.strip(".,:;").lower().split("/")):
        return False
    floor = lines.px2(UNREAD_INK_PT2, work.dpi)
    return _ink_px(work.ocr_image, box, work.dpi, inside, floor) <= floor


def _waktu_columns(work: PageWork, xs: list[float]) -> tuple[set[int], float]:
    """Grid columns under a Waktu header word, and the lowest bottom (px) of those words."""
    cols: set[int] = set()
    header_bottom = 0.0
    found = [w for w in work.words if WAKTU_HEADER.match(w.text)]
    if not found:
        return _duration_column(work, xs)
    # the header is the topmost "Waktu"; one further down is body text ("pada waktu")
    top = min(found, key=lambda w: w.top)
    for w in found:
        if w.top <= top.top + top.height:
            cx = w.left + w.width / 2
            cols.update(i for i in range(len(xs) - 1) if xs[i] <= cx < xs[i + 1])
            header_bottom = max(header_bottom, w.top + w.height)
    return cols, header_bottom


def _duration_column(work: PageWork, xs: list[float]) -> tuple[set[int], float]:
    """The column whose lines most often read as a number and a time unit ("5 Mena"),
    when the Waktu header is unreadable ("Walkers"), at least ``MIN_DURATION_LINES``; and
    where its body starts (a line height above its first duration: the header row ends
    above that)."""
    found: dict[int, list[tesseract.PxWord]] = {}
    ordered = _reading_order(work.words)

    def same_line(a: tesseract.PxWord | None, b: tesseract.PxWord | None) -> bool:
        return a is not None and b is not None and abs(a.top - b.top) <= a.height

    for i, (prev, w) in enumerate(itertools.pairwise(ordered)):
        count = normalise.fix_digits(prev.text.strip(".,:;"), force=True)
        if not DURATION_COUNT.match(count) or not same_line(prev, w):
            continue
        if normalise.closest_unit(w.text) is None:
            continue
        col = next((c for c in range(len(xs) - 1) if xs[c] <= _cx(prev) < xs[c + 1]), None)
        if col is None:
            continue
        # a line of its cell that is a duration and nothing else ("15 Menit", "3 Hari
        # kerja"), not one inside running text ("Nomor 25 Tahun 2009")
        before = ordered[i - 1] if i > 0 else None
        after = ordered[i + 2] if i + 2 < len(ordered) else None
        if same_line(before, prev) and xs[col] <= _cx(before) < xs[col + 1]:
            continue
        inside_after = same_line(w, after) and xs[col] <= _cx(after) < xs[col + 1]
        if inside_after and after.text.lower() != "kerja":
            continue
        found.setdefault(col, []).append(prev)
    if not found:
        return set(), 0.0
    col, counts = max(found.items(), key=lambda kv: len(kv[1]))
    if len(counts) < MIN_DURATION_LINES:
        return set(), 0.0
    first = min(counts, key=lambda w: w.top)
    return {col}, first.top - 1.5 * first.height


def _cx(w: tesseract.PxWord) -> float:
    return w.left + w.width / 2


def _reading_order(words: list[tesseract.PxWord]) -> list[tesseract.PxWord]:
    """Words by line (a word whose centre lies within the line's first word), left to right."""
    rows: list[list[tesseract.PxWord]] = []
    for w in sorted(words, key=lambda w: w.top):
        cy = w.top + w.height / 2
        for row in rows:
            if row[0].top <= cy <= row[0].top + row[0].height:
                row.append(w)
                break
        else:
            rows.append([w])
    return [w for row in rows for w in sorted(row, key=lambda w: w.left)]


def _fix_units(words: list[tesseract.PxWord]) -> int:
    """Words (in reading order) right after a number become the time unit they resemble."""
    fixed = 0
    for prev, w in itertools.pairwise(words):
        if not w.text[:1].isalpha() or any(ch.isdigit() for ch in w.text):
            continue
        if not normalise.fix_digits(prev.text.rstrip("-"), force=True).isdigit():
            continue
        unit = normalise.closest_unit(w.text)
        if unit is not None and unit != w.text.lower():
            w.text = unit.capitalize()
            fixed += 1
    return fixed


def fix_waktu_units(work: PageWork, geom: PageGeometry) -> int:
    """In the Waktu column, a word right after a number is a time unit: a misread one
    ("15 Merut", "30 Meret", "1 Han") becomes the unit it is closest to, at a looser
    similarity than anywhere else (``normalise.closest_unit``). Returns the words fixed."""
    ys, xs = _approx_grid(geom, work.dpi)
    if len(ys) < 2 or len(xs) < 2:
        return 0
    cols, header_bottom = _waktu_columns(work, xs)
    fixed = 0
    for c in cols:
        for r in range(len(ys) - 1):
            if ys[r] < header_bottom:
                continue
            box = (int(xs[c]), int(ys[r]), int(xs[c + 1]), int(ys[r + 1]))
            fixed += _fix_units(_reading_order([w for w in work.words if _inside(w, box)]))
    return fixed


def _cells_to_reread(work: PageWork, geom: PageGeometry) -> list[tuple[CellBox, str]]:
    """Cells (px box, kind) that must hold a value but read badly or not at all.

    Kinds: ``"waktu"`` (a duration cell), ``"value"`` (digits: No, dates, NIP; or an
    empty cell with print in it), ``"header"`` (a header-row cell: role names),
    ``"turned"`` (a header cell of text turned a quarter: :func:`_turned_read`),
    ``"text"`` (a cell with print the page pass left unread; these come last).
    """
    ys, xs = _approx_grid(geom, work.dpi)
    if len(ys) < 2 or len(xs) < 2:
        return []
    inset = lines.pt(1.5, work.dpi)
    waktu_cols, header_bottom = _waktu_columns(work, xs)
    header_rows = _header_rows(work, ys)
    picked: list[tuple[CellBox, str]] = []
    unread: list[tuple[CellBox, str]] = []
    unread_px = lines.px2(UNREAD_INK_PT2, work.dpi)
    # below the procedure table's header (other tables are left as the page pass read them)
    body_from = max(header_rows) if header_rows else len(ys)
    head_from = min(header_rows) if header_rows else len(ys)
    # the page's words by the grid cell their centre lies in (a cell's box, inset from
    # the rules, lies within its cell)
    by_cell: dict[tuple[int, int], list[tesseract.PxWord]] = {}
    for w in work.words:
        row = bisect_right(ys, w.top + w.height / 2) - 1
        by_cell.setdefault((row, bisect_right(xs, w.left + w.width / 2) - 1), []).append(w)
    min_ink = lines.px2(MIN_INK_PT2, work.dpi)
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            box = (
                int(xs[c]) + inset,
                int(ys[r]) + inset,
                int(xs[c + 1]) - inset,
                int(ys[r + 1]) - inset,
            )
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            inside = [w for w in by_cell.get((r, c), ()) if _inside(w, box)]
            text = " ".join(w.text for w in inside)
            is_waktu = c in waktu_cols and ys[r] >= header_bottom
            # (weighed only where it decides: a duration cell, or a cell with no words)
            has_ink = (is_waktu or not inside) and (
                _ink_px(work.ocr_image, box, work.dpi, floor=min_ink) > min_ink
            )
            if (
                is_waktu
                and has_ink
                and (not DURATION_TEXT.match(text) or _mean_conf(inside) < REOCR_CONF)
            ):
                picked.append((box, "waktu"))
            elif r in header_rows and _turned_print(work, box):
                # role names turned a quarter: read turned upright
                picked.append((box, "turned"))
            elif r in header_rows and inside:
                # sparse mode cuts two-line role names ("la Seksi" for "Kepala Seksi")
                if not _read_as_label(work, box, inside):
                    picked.append((box, "header"))
            elif (
                work.photo
                and r < head_from
                and any(ch.isdigit() for ch in text)
                and _mean_conf(inside) < SURE_CONF
            ):
                # a photo's identity value (number, dates, NIP): small print that an
                # enlarged read makes out ("Dukcapiv" 71, enlarged "Dukcapil" 87)
                picked.append((box, "identity"))
            elif any(ch.isdigit() for ch in text) and _mean_conf(inside) < REOCR_CONF:
                picked.append((box, "value"))
            elif not inside and has_ink:
                # printed but not read: lone step numbers ("1", "2") vanish in sparse mode
                picked.append((box, "value"))
            elif (
                r > body_from
                and inside
                and _ink_px(work.ocr_image, box, work.dpi, inside, unread_px) > unread_px
            ):
                # words of a flowchart cell left out of the page pass ("Berkas
                # [permohonan] teragenda"): sparse mode drops words of a photo's print,
                # and of a dark photocopy's ("Surat [rekomendasi] pindah tugas")
                unread.append((box, "text"))
    return (picked + unread)[:MAX_REOCR_CELLS]


def _read_alone(
    work: PageWork, box: CellBox, lang: str, soft: bool, scale: float
) -> list[tesseract.PxWord]:
    """One cell read on its own, enlarged ``scale`` times; words in page pixels."""
    if scale == 1.0:
        return tesseract.ocr_crops(work.ocr_image, [box], work.dpi, lang, soft=soft)[0]
    crop = work.ocr_image[box[1] : box[3], box[0] : box[2]]
    big = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    h, w = big.shape[:2]
    words = tesseract.ocr_crops(big, [(0, 0, w, h)], work.dpi * scale, lang, soft=soft)[0]
    for word in words:
        word.left = box[0] + round(word.left / scale)
        word.top = box[1] + round(word.top / scale)
        word.width, word.height = round(word.width / scale), round(word.height / scale)
    return words


def _read_text(words: list[tesseract.PxWord]) -> str:
    """The words' text as the rest of the extractor sees it (OCR confusions put right)."""
    return " ".join(normalise.normalise_word(w.text) for w in words)


def _better_read(work: PageWork, box: CellBox, kind: str, lang: str) -> list[tesseract.PxWord]:
    """One cell read alone with the global and the local threshold; the better read.

    A header cell: the read with more known words (titles, units), then the surer one;
    a first read with ``SURE_CONF`` is taken as it is.

    A duration is read at the page's size, once when that read is sure and has the page
    pass's number (:func:`_sure_duration`), and, on photos where the two reads disagree
    and do not settle it with the page pass (:func:`_settled`), enlarged too
    (``WAKTU_SCALES``). Of the reads that are durations (units repaired):
    the one with the number most reads agree on (the page pass's counts too: a blurred 5
    is an 8 to one threshold), then the unit most agree on ("Mang" repaired to Minggu
    once, Menit three times), then the surest. Otherwise the surest read.
    """
    reads = [_read_alone(work, box, lang, work.photo, 1.0)]
    if kind != "waktu":
        if _mean_conf(reads[0]) >= SURE_CONF:
            return reads[0]  # read surely at the page's own threshold: no second read
        reads.append(_read_alone(work, box, lang, not work.photo, 1.0))
        # a role name spelt in known words ("Petugas Front Office") over a surer
        # misreading ("Petugas From: Office")
        return max(reads, key=lambda words: (_known(words), _mean_conf(words)))
    old = [w for w in work.words if _inside(w, box)]
    _fix_units(reads[0])
    if _sure_duration(reads[0], old):
        # the page pass's number, read surely as a duration: kept as the page pass read
        # it when it reads the same
        return [] if _duration_key(old) == _duration_key(reads[0]) else reads[0]
    reads.append(_read_alone(work, box, lang, not work.photo, 1.0))
    _fix_units(reads[1])
    keys = {_duration_key(words) for words in reads}
    if work.photo and (len(keys) > 1 or "" in keys) and not _settled(reads, old):
        # the two reads disagree: more votes
        for scale in WAKTU_SCALES[1:]:
            for soft in (True, False):
                words = _read_alone(work, box, lang, soft, scale)
                _fix_units(words)
                reads.append(words)
    valid = [words for words in reads if DURATION_TEXT.match(_read_text(words))]
    if not valid:
        return max(reads, key=_mean_conf)
    numbers = Counter(_first_number(words) for words in [*valid, old])
    if DURATION_TEXT.match(_read_text(old)):
        valid.append(old)
    texts = Counter(_duration_key(words) for words in valid)
    best = max(
        valid,
        key=lambda words: (
            numbers[_first_number(words)],
            texts[_duration_key(words)],
            _mean_conf(words),
        ),
    )
    return [] if best is old else best  # nothing read better than the page pass


def _sure_duration(words: list[tesseract.PxWord], old: list[tesseract.PxWord]) -> bool:
    """Whether a duration cell's first read settles it alone: a duration (unit repaired)
    read surely, whose number the page pass read too (two votes a second read could
    only tie). ``words`` have their units repaired."""
    number = _first_number(words)
    return (
        _mean_conf(words) >= SURE_CONF
        and bool(DURATION_TEXT.match(_read_text(words)))
        and number is not None
        and number == _first_number(old)
    )


def _settled(reads: list[list[tesseract.PxWord]], old: list[tesseract.PxWord]) -> bool:
    """Whether a duration's reads at the page's size settle it without enlarged ones: the
    reads that are durations agree on number and unit, and with the page pass's words
    their number leads any other by ``SETTLED_LEAD`` votes."""
    valid = [words for words in reads if DURATION_TEXT.match(_read_text(words))]
    if len({_duration_key(words) for words in valid}) != 1:
        return False
    votes = Counter(n for words in [*valid, old] if (n := _first_number(words)) is not None)
    top = [*(count for _, count in votes.most_common(2)), 0, 0]
    return top[0] - top[1] >= SETTLED_LEAD


def _enlarged_read(work: PageWork, box: CellBox, lang: str) -> list[tesseract.PxWord]:
    """A photo's identity value read alone at both thresholds, and enlarged when the two
    reads disagree (``IDENTITY_SCALES``). Of the reads, the surest of those that keep the
    most separators: blur loses a "/" ("XIV2022"), it does not invent one."""
    reads = [_read_alone(work, box, lang, soft, 1.0) for soft in (True, False)]
    if len({_read_text(words) for words in reads}) > 1:
        reads += [
            _read_alone(work, box, lang, soft, scale)
            for scale in IDENTITY_SCALES
            for soft in (True, False)
        ]
    return max(reads, key=lambda words: (_separators(words), _mean_conf(words)))


def _separators(words: list[tesseract.PxWord]) -> int:
    """The separators of numbers and dates in a read ("470/0087/Dukcapil/2024": 3)."""
    return sum(len(normalise.TOKEN_SEPARATORS.findall(w.text)) for w in words)


def _duration_key(words: list[tesseract.PxWord]) -> str:
    """A duration read as number and unit ("30 menit"), for counting agreeing reads."""
    m = DURATION_TEXT.match(_read_text(words))
    return " ".join(m.group(0).lower().split()) if m else ""


def _known(words: list[tesseract.PxWord]) -> int:
    return normalise.known_words(_read_text(words))


def _first_number(words: list[tesseract.PxWord]) -> str | None:
    return next((n for w in words if (n := _number(w.text)) is not None), None)


def _number(text: str) -> str | None:
    """The digits a word reads as (look-alikes mapped), or None when it is no number."""
    digits = normalise.fix_digits(text.strip(".,:;-"), force=True)
    return digits if digits.isdigit() else None


def reocr_cells(work: PageWork, geom: PageGeometry, lang: str) -> int:
    """Re-read value cells that came out empty or unsure.

    Durations (the Waktu column, found by its header) must read as ``DURATION_TEXT``;
    other cells holding digits (No, dates, NIP) are re-read when their confidence is low,
    in one batched Tesseract call; header and duration cells one by one
    (:func:`_better_read`). The re-read replaces the page pass's words of a cell only when
    it is better: a duration the reads agree on, a header with more letters and less
    debris, or a higher mean confidence. Returns the cells replaced.
    """
    cells = _cells_to_reread(work, geom)
    if not cells:
        return 0
    # header cells (role names: every step's actor) and durations are read one by one,
    # with both of Tesseract's thresholds, and the better read kept: a blurred word's
    # reading swings with its neighbours in a strip and with the threshold ("Pemohon" 28
    # or 81; "30 Menit" alone, nothing in the strip)
    alone = ("header", "waktu", "identity", "turned")
    cells = [c for c in cells if c[1] not in alone] + [c for c in cells if c[1] in alone]
    batch = sum(1 for _, kind in cells if kind not in alone)
    results = tesseract.ocr_crops(
        work.ocr_image, [b for b, _ in cells[:batch]], work.dpi, lang, soft=work.photo
    ) + [
        _enlarged_read(work, box, lang)
        if kind == "identity"
        else _turned_read(work, box, lang)
        if kind == "turned"
        else _better_read(work, box, kind, lang)
        for box, kind in cells[batch:]
    ]
    for i, (box, kind) in enumerate(cells[:batch]):
        if kind == "value" and not results[i] and not any(_inside(w, box) for w in work.words):
            # a cell with print that nothing read, in the strip either: read alone. In a
            # strip of many cells Tesseract can pass over one band whole (a dark copy's
            # "Hasil pemeriksaan visual", read surely on its own)
            results[i] = _read_alone(work, box, lang, work.photo, 1.0)
    replaced = 0
    for (box, kind), new in zip(cells, results, strict=True):
        old = [w for w in work.words if _inside(w, box)]
        # pieces of a word the page pass read across the cell's border, cut by the crop
        # ("PELAI" and "SANA" of a "PELAKSANA" over two columns): no new words
        new = [w for w in new if not _piece_of_read(w, work.words, box)]
        new_text, old_text = _read_text(new), _read_text(old)
        if not new:
            continue
        if kind == "waktu":
            # the read the votes chose (see _better_read), when it is a duration
            better = bool(DURATION_TEXT.match(new_text))
        elif kind == "header":
            # the block read keeps whole lines: take it when it has more letters, read
            # well, or as many letters and less debris ("Pemohon —"), or as many of both
            # and more known words ("Kepala Bagian" for the page pass's "Kepele Bagian")
            gain = (_alnum(new_text), -_debris(new), _known(new)) > (
                _alnum(old_text),
                -_debris(old),
                _known(old),
            )
            better = _mean_conf(new) >= REOCR_CONF and gain
        elif kind == "turned":
            # turned text read upright: more known words than the page pass's debris, or
            # as many and surer
            better = _mean_conf(new) >= REOCR_CONF and (_known(new), _mean_conf(new)) > (
                _known(old),
                _mean_conf(old),
            )
        elif kind == "text":
            # the whole cell read again: kept when it holds more and reads as surely
            better = _alnum(new_text) > _alnum(old_text) and _mean_conf(new) >= REOCR_CONF
        elif kind == "identity":
            # surer, and no separator lost
            gain = _mean_conf(new) > _mean_conf(old) + 5
            better = gain and _separators(new) >= _separators(old)
        elif not old:
            # an empty cell takes only confident, real characters (not stroke debris)
            better = _mean_conf(new) >= JUNK_CONF and any(ch.isalnum() for ch in new_text)
        else:
            better = _mean_conf(new) > _mean_conf(old) + 5
        if better:
            # the page pass's words of this cell go, and so do those straddling its border
            # that the re-read holds too ("Kepala" of a two-line role name cut by the row)
            # or that are debris ("—" read across the rule between two role names)
            texts = {w.text for w in new}
            work.words = [
                w
                for w in work.words
                if not _inside(w, box)
                and not ((w.text in texts or not _alnum(w.text)) and _overlaps(w, box))
            ] + new
            replaced += 1
    return replaced


# --------------------------------------------------------------------------- documents


def _page_job(args: tuple[np.ndarray, int, float, str]) -> tuple[str, object]:
    """Worker: one page → ("ok", PageGeometry) or ("error", (code, detail))."""
    pixels, number, dpi, lang = args
    cv2.setNumThreads(1)
    try:
        return "ok", page_geometry(pixels, number, dpi, lang)
    except InputError as exc:
        return "error", (exc.code, exc.fields.get("detail", ""))
    except tesseract.OcrUnavailable as exc:
        return "error", ("internal_error", f"tesseract: {exc}")


def page_workers(pages: int) -> int:
    """Processes to read one document's pages with: at most ``MAX_WORKERS`` and the
    cores, or ``SOPCHECK_PAGE_WORKERS`` (a batch worker sets 1: it already runs one
    document per core, and a pool of its own would only oversubscribe them)."""
    try:
        cap = int(os.environ.get(PAGE_WORKERS_ENV, MAX_WORKERS))
    except ValueError:
        cap = MAX_WORKERS
    return max(1, min(cap, os.cpu_count() or 1, pages))


def geometries(pages: list[PageImage], lang: str) -> list[PageGeometry]:
    """Page geometry for every page, pages in parallel (a small process pool) when several."""
    jobs = [(p.pixels, i + 1, p.dpi, lang) for i, p in enumerate(pages)]
    workers = page_workers(len(jobs))
    if workers <= 1:
        results = [_page_job(j) for j in jobs]
    else:
        # spawn, not fork: forking a process whose OpenCV thread pool holds locks deadlocks
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = list(pool.map(_page_job, jobs))
    out: list[PageGeometry] = []
    for status, value in results:
        if status == "error":
            code, detail = value  # type: ignore[misc]
            raise InputError(code, detail)
        out.append(value)  # type: ignore[arg-type]
    return out


def mean_confidence(pages: list[PageGeometry]) -> float | None:
    """Mean OCR confidence of all words (None when no word was read)."""
    confs = [w.conf for g in pages for w in g.words if w.conf is not None]
    return round(sum(confs) / len(confs), 1) if confs else None


def _is_blank(pages: list[PageGeometry]) -> bool:
    real = sum(
        1
        for g in pages
        for w in g.words
        if (w.conf or 0) >= REAL_WORD_CONF and sum(ch.isalnum() for ch in w.text) >= 3
    )
    # noise read as text gives many short low-confidence "words"; a page gives real ones
    confident = mean_confidence(pages) or 0.0
    return real < MIN_REAL_WORDS or confident < BLANK_MEAN_CONF


def _text_lines(geom: PageGeometry) -> list[list[Word]]:
    """Words grouped into lines by vertical overlap, left to right."""
    rows: list[list[Word]] = []
    for w in sorted(geom.words, key=lambda w: (w.bbox[1], w.bbox[0])):
        cy = (w.bbox[1] + w.bbox[3]) / 2
        for row in rows:
            top, bottom = row[0].bbox[1], row[0].bbox[3]
            if top <= cy <= bottom:
                row.append(w)
                break
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.bbox[0]) for r in rows]


def _paragraphs(pages: list[PageGeometry]) -> list[Block]:
    """Fallback blocks (one paragraph per text line) when no grid builder is available."""
    blocks: list[Block] = []
    for g in pages:
        for row in _text_lines(g):
            box = union_box(w.bbox for w in row)
            conf = sum(w.conf or 0 for w in row) / len(row)
            prov = Provenance(page=g.page, bbox=box, source="ocr", confidence=round(conf, 1))
            blocks.append(Paragraph(text=" ".join(w.text for w in row), prov=prov))
    return blocks


def _cell_confidence(
    page: PageGeometry | None, bbox: tuple[float, float, float, float]
) -> float | None:
    if page is None:
        return None
    confs = [
        w.conf
        for w in page.words
        if w.conf is not None
        and bbox[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= bbox[2]
        and bbox[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= bbox[3]
    ]
    return round(sum(confs) / len(confs), 1) if confs else None


def mark_ocr_provenance(blocks: list[Block], pages: list[PageGeometry]) -> None:
    """Every block and cell read from these pages gets ``source="ocr"`` and its confidence."""
    by_page = {g.page: g for g in pages}
    for block in blocks:
        if isinstance(block, Table):
            page = by_page.get(block.page or 0)
            for cell in block.cells:
                prov = cell.prov or Provenance(page=block.page, source="ocr")
                prov.source = "ocr"
                if prov.bbox is not None:
                    prov.confidence = _cell_confidence(page, prov.bbox)
                cell.prov = prov
        elif block.prov is not None:
            block.prov.source = "ocr"
            if block.prov.confidence is None and block.prov.bbox is not None:
                block.prov.confidence = _cell_confidence(
                    by_page.get(block.prov.page or 0), block.prov.bbox
                )


def layout_from_geometry(
    pages: list[PageGeometry], notes: list[str] | None = None
) -> LayoutDocument:
    """Blocks for OCR'd pages through the shared grid builder (``extractor.grid``)."""
    notes = list(notes or [])
    normalise.repair_words(pages)
    try:
        from extractor.grid import build_blocks
    except ImportError:
        build_blocks = None
    if build_blocks is not None:
        blocks = list(build_blocks(pages))
    else:
        notes.append("grid_builder_unavailable")
        blocks = _paragraphs(pages)
    mark_ocr_provenance(blocks, pages)
    return LayoutDocument(
        blocks=blocks,
        pages=len(pages),
        source_kind="ocr",
        ocr_confidence=mean_confidence(pages),
        notes=notes,
    )


def _refuse_long_sequences(data: bytes, max_pages: int) -> None:
    """``too_many_pages`` for a multi-page file with more than ``max_pages`` frames.

    Seeking to frame ``max_pages`` reads at most that many page headers; Pillow's
    ``n_frames`` reads them all (seconds for a 10,000-page TIFF of tiny frames).
    """
    try:
        with Image.open(io.BytesIO(data)) as img:
            if getattr(img, "is_animated", False) is False:
                return
            img.seek(max_pages)
    except EOFError:
        return
    except Exception:  # unreadable: load_pages reports it with its own code
        return
    raise InputError("too_many_pages", f"> {max_pages}", limit=max_pages)


def parse(data: bytes, options: ExtractionOptions) -> LayoutDocument:
    """Image file (PNG/JPEG/TIFF/BMP, multi-page TIFF) → layout, through OCR."""
    _refuse_long_sequences(data, options.max_pages)
    pages = load_pages(data, options.max_pages)
    geoms = geometries(pages, options.ocr_lang)
    notes = [f"ocr_dpi_estimated:{i + 1}" for i, p in enumerate(pages) if not p.dpi_known]
    notes += page_notes(geoms)
    if _is_blank(geoms):
        # nothing read from a picture whose sheet is coarse: too small to read, not blank
        raise unread_error(notes, "blank_document")
    return layout_from_geometry(geoms, notes)


def page_notes(pages: list[PageGeometry]) -> list[str]:
    """What the reader is told of OCR'd pages: ``page_turned:<page> (<degrees>°)`` for
    each page read turned upright (degrees clockwise), then ``low_resolution:<page>
    (<dpi> dpi)`` for each page whose print was captured coarser than
    ``LOW_PRINT_DPI``."""
    turned = [f"page_turned:{g.page} ({g.turned}°)" for g in pages if g.turned]
    coarse = [
        f"low_resolution:{g.page} ({g.print_dpi:.0f} dpi)"
        for g in pages
        if g.print_dpi is not None and g.print_dpi < LOW_PRINT_DPI
    ]
    return turned + coarse
