"""Digital PDFs: text layer and vector drawing → page geometry → blocks.

pdfplumber gives the words and every drawn object. Each page becomes a
:class:`~extractor.layout.PageGeometry`:

* **words** from the text layer;
* **shapes**: closed outlines classified as flowchart symbols (box → process,
  capsule → terminator, diamond → decision, pentagon → off-page connector);
  a rectangle that shares an edge with the table grid is a cell border, not a box;
* **arrows**: connector polylines chained end to end back from each filled
  arrowhead (the head end is the target);
* **segments**: the remaining straight strokes — table rules — including thin
  filled rects and per-cell rect borders, as LibreOffice draws them.

:func:`extractor.grid.build_blocks` turns the pages into tables and paragraphs.
Pages without a usable text layer are rendered with pypdfium2 and read by the OCR
backend (``extractor.backends.ocr.page_geometry``), when it is available.
"""

from __future__ import annotations

import io
import itertools
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import fmean
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils import text as pdf_text
from pdfplumber.utils.exceptions import PdfminerException

from extractor.errors import InputError
from extractor.geometry.lines import point_box_distance
from extractor.geometry.turned import join_turned
from extractor.geometry.vector import (
    GLYPH,
    HEAD_MAX,
    Point,
    bbox_of,
    classify,
    describe,
    head_tip,
    subpaths,
)
from extractor.grid import build_blocks
from extractor.layout import Arrow, LayoutDocument, PageGeometry, Segment, ShapeGeom, Word
from extractor.options import ExtractionOptions
from extractor.types import BBox

log = logging.getLogger(__name__)

#: Largest plausible page side: 5080 pt ≈ 70 inches (a 1.8 m roll plot); larger is an attack
#: or junk (the PDF format's own maximum is 14,400 pt, 200 inches).
MAX_PAGE_PT = 5080.0
#: A text layer needs this many visible characters on a page to be used.
MIN_TEXT_CHARS = 8
#: Word grouping: a gap wider than this share of the font size splits words. Producers
#: that omit space characters (LibreOffice) leave ~0.25 em between words.
X_TOLERANCE_RATIO = 0.15
#: pdfplumber clusters lines by single linkage: at 3 pt, text of neighbouring cells
#: chained two lines of one cell into one (LibreOffice tables, sop-008 lo.pdf).
Y_TOLERANCE = 1.5
#: A rect thinner than this is a stroke (LibreOffice draws borders as filled thin rects).
THIN = 2.5
#: Colour components at or above this are white (invisible on paper).
WHITE = 0.95
#: Two stroke ends closer than this are joined (connector pieces drawn separately).
JOIN = 1.5
#: An arrowhead attaches to a line end at most this far from its outline.
HEAD_REACH = 3.0
#: A box edge lying within this of another stroke or box edge is shared (a grid cell).
SHARED_EDGE = 1.5
#: Boxes larger than this share of the page are frames, not flowchart boxes.
FRAME_SHARE = 0.3
#: Largest bitmap rendered for OCR, in pixels (A3 at 400 dpi is ~31 Mpx).
MAX_RENDER_PX = 60_000_000
#: A page image covering this share of the page with no vector strokes is a scan.
SCAN_IMAGE_SHARE = 0.5
#: A gray scan whose image is under this share of ``ocr_dpi`` is rendered at its own
#: resolution (``_scan_dpi``); a 300-dpi scan's works out at 299.99.
COARSE_SCAN_SHARE = 0.9
#: Image colour spaces with one gray channel (PDF 32000-1 §8.6.4-8.6.5).
GRAY_SPACES = frozenset({"DeviceGray", "CalGray"})


def parse(data: bytes, options: ExtractionOptions) -> LayoutDocument:
    """Read a PDF into blocks; raises ``InputError`` for encrypted, corrupt or oversized input."""
    opts = ExtractionOptions.resolve(options)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _open_error(exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _open_error(exc) from None
    except Exception as exc:  # pdfminer raises many types for malformed files
        raise _corrupt(exc, "") from None
    try:
        return _read(pdf, data, opts)
    finally:
        _close(pdf)


def _close(pdf: pdfplumber.PDF) -> None:
    """Close without masking the real error: pdfplumber's close() builds every page, which
    raises again for the malformed page that made reading fail."""
    try:
        pdf.close()
    except Exception:
        log.debug("closing a damaged PDF failed", exc_info=True)
        pdf.stream.close()


def _out_of_memory(exc: BaseException) -> bool:
    """A MemoryError, possibly wrapped by pdfplumber (``PdfminerException(MemoryError)``)."""
    seen: list[BaseException] = [exc]
    while seen:
        e = seen.pop()
        if isinstance(e, MemoryError):
            return True
        seen.extend(a for a in e.args[:1] if isinstance(a, BaseException))
        if e.__cause__ is not None and len(seen) < 8:
            seen.append(e.__cause__)
    return False


def _open_error(exc: BaseException) -> BaseException:
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return InputError("encrypted_pdf")
    return _corrupt(exc, "")


def _corrupt(exc: BaseException, where: str) -> BaseException:
    """``corrupt_pdf`` for a parser error; a memory error (a decompression bomb) stays one,
    so that the pipeline reports ``out_of_memory``."""
    if _out_of_memory(exc):
        return MemoryError(f"{where}{_brief(exc)}")
    return InputError("corrupt_pdf", f"{where}{_brief(exc)}")


def _brief(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _page_count(pdf: pdfplumber.PDF) -> int:
    """The page count from the page tree, before any page is built."""
    try:
        pages = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:  # a damaged page tree: count the pages instead
        log.debug("page tree without a usable /Count", exc_info=True)
    return len(pdf.pages)


def _read(pdf: pdfplumber.PDF, data: bytes, opts: ExtractionOptions) -> LayoutDocument:
    try:
        count = _page_count(pdf)
        if count > opts.max_pages:
            raise InputError("too_many_pages", count, limit=opts.max_pages)
        pages = pdf.pages
        if len(pages) > opts.max_pages:  # a page tree whose /Count understates it
            raise InputError("too_many_pages", len(pages), limit=opts.max_pages)
        for page in pages:
            w, h = float(page.width), float(page.height)
            if not (0 < w <= MAX_PAGE_PT and 0 < h <= MAX_PAGE_PT):
                raise InputError("page_too_large", f"{w:.0f} × {h:.0f} pt")
    except InputError:
        raise
    except Exception as exc:
        raise _corrupt(exc, "") from None
    renderer = _Renderer(data, opts.ocr_lang)
    geoms: list[PageGeometry] = []
    notes: list[str] = []
    try:
        for page in pages:
            geoms.append(_page(page, renderer, opts, notes))
    finally:
        renderer.close()
    ocr_pages = [g for g in geoms if g.source == "ocr"]
    if ocr_pages:
        # lazy: the OCR lexicons load only for scanned pages
        from extractor.scan.normalise import repair_words

        repair_words(geoms)
    confs = [w.conf for g in ocr_pages for w in g.words if w.conf is not None]
    all_ocr = bool(geoms) and len(ocr_pages) == len(geoms)
    return LayoutDocument(
        blocks=build_blocks(geoms),
        pages=len(geoms),
        source_kind="ocr" if all_ocr else "text_layer",
        ocr_confidence=round(fmean(confs), 1) if confs else None,
        notes=notes,
    )


def _page(
    page: Any, renderer: _Renderer, opts: ExtractionOptions, notes: list[str]
) -> PageGeometry:
    """Geometry of one page: from its text layer and drawing, or from OCR."""
    number = int(page.page_number)
    try:
        objs = page.objects
        text_ok = _usable_text(objs.get("char", []))
        drawn = any(objs.get(k) for k in ("image", "line", "rect", "curve"))
        scan = text_ok and _scan_like(page, objs)
        if opts.force_ocr or scan or (not text_ok and drawn):
            what = "scanned page" if scan else "no text layer" if not text_ok else "OCR forced"
            gray = _gray_images(objs)
            # a gray scan clearly coarser than ocr_dpi at its own resolution (_scan_dpi)
            native = _scan_dpi(page, objs) if scan or not text_ok else None
            dpi = opts.ocr_dpi
            if gray and native is not None and native < COARSE_SCAN_SHARE * opts.ocr_dpi:
                dpi = round(native)
            ocr = renderer.ocr(page, dpi, notes, what, gray=gray, native=native)
            if ocr is not None and text_ok and not opts.force_ocr:
                # a scan with a text layer: lines and shapes from the image, words from the layer
                return ocr.model_copy(update={"words": _words(page), "source": "text_layer"})
            if ocr is not None:
                return ocr
        return _geometry(page, objs) if text_ok or drawn else _blank(page)
    except InputError:
        raise
    except Exception as exc:
        raise _corrupt(exc, f"page {number}: ") from None
    finally:
        page.close()


def _blank(page: Any) -> PageGeometry:
    return PageGeometry(page=page.page_number, width=float(page.width), height=float(page.height))


# --------------------------------------------------------------------------- text layer


def _usable_text(chars: list[dict[str, Any]]) -> bool:
    """Enough real characters (unmapped glyphs come out as ``(cid:NN)``)."""
    good = bad = 0
    for c in chars:
        text = c.get("text", "")
        if text.startswith("(cid:"):
            bad += 1
        elif text.strip():
            good += 1
    return good >= MIN_TEXT_CHARS and good >= bad


def _scan_like(page: Any, objs: dict[str, list[dict[str, Any]]]) -> bool:
    """A page image with a text layer (an OCR'd scan) and no drawn lines or shapes."""
    if any(objs.get(k) for k in ("line", "rect", "curve")):
        return False
    area = float(page.width) * float(page.height)
    covered = sum(
        max(0.0, float(i["x1"]) - float(i["x0"])) * max(0.0, float(i["bottom"]) - float(i["top"]))
        for i in objs.get("image", [])
    )
    return covered >= SCAN_IMAGE_SHARE * area


def _scan_dpi(page: Any, objs: dict[str, list[dict[str, Any]]]) -> float | None:
    """The resolution of the image a scanned page is (the largest, covering at least
    ``SCAN_IMAGE_SHARE`` of the page: its pixels over its size on the page, turned or
    not); None when no image is.

    A gray page scanned at 150 or 200 dpi is rendered at that, and the OCR backend
    enlarges and sharpens it as it does a 200-dpi TIFF. Rendered at ``ocr_dpi``, pdfium
    enlarged it soft and the backend, taking it for a 300-dpi scan, did not sharpen it:
    the second line of a cell went unread (the corpus scanned at 150 dpi as gray PDFs:
    outputs 81.7 % right, 92.5 at their own resolution). A colour page keeps
    ``ocr_dpi``: a phone photo's PDF (150 dpi in the corpus) reads worse enlarged by the
    backend (photo outputs 86.0 -> 82.8, close photos' 62-80 -> 42-76)."""
    area = float(page.width) * float(page.height)
    best, native = 0.0, None
    for image in objs.get("image", []):
        w = float(image["x1"]) - float(image["x0"])
        h = float(image["bottom"]) - float(image["top"])
        size = image.get("srcsize") or (0, 0)
        if w * h < max(best, SCAN_IMAGE_SHARE * area) or min(size) <= 0 or min(w, h) <= 0:
            continue
        shown, pixels = sorted((w / 72, h / 72)), sorted(float(v) for v in size)
        best, native = w * h, min(pixels[0] / shown[0], pixels[1] / shown[1])
    return native


def _gray_images(objs: dict[str, list[dict[str, Any]]]) -> bool:
    """The page shows only gray images (a grayscale scan): it can be rendered in gray.

    Rendering one channel is ~3× faster than RGB and the colour clean-up has nothing
    to bleach; colour images, stencil masks and vector drawing keep the RGB render.
    """
    images = objs.get("image", [])
    if not images or any(objs.get(k) for k in ("line", "rect", "curve")):
        return False
    for image in images:
        space = image.get("colorspace") or []
        name = getattr(space[0], "name", space[0]) if space else None
        if image.get("imagemask") or name not in GRAY_SPACES:
            return False
    return True


#: pdfplumber's word grouping (see X_TOLERANCE_RATIO, Y_TOLERANCE).
WORD_OPTIONS = {
    "x_tolerance_ratio": X_TOLERANCE_RATIO,
    "y_tolerance": Y_TOLERANCE,
    "keep_blank_chars": False,
    "use_text_flow": False,
}
#: How turned characters are read (see :func:`_turn`): reading upwards, characters run
#: bottom to top and lines left to right; downwards, top to bottom and right to left.
TURNED_READING = {"up": ("btt", "ltr"), "down": ("ttb", "rtl")}


def _turn(char: dict[str, Any]) -> str | None:
    """``up`` or ``down`` for a character set turned a quarter (its text matrix's
    ``b``: its baseline runs up or down the page), None for any other."""
    a, b = char.get("matrix", (1, 0, 0, 1, 0, 0))[:2]
    if abs(b) <= 4 * abs(a):
        return None
    return "up" if b > 0 else "down"


def _as_words(words: list[dict[str, Any]]) -> list[Word]:
    return [
        Word(
            text=w["text"],
            bbox=(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
        )
        for w in words
        if w["text"].strip()
    ]


def _words(page: Any) -> list[Word]:
    """The page's words. Text turned a quarter (role names set reading upwards in a
    narrow header column) is read along its own lines, and each block of them laid flat
    as one upright line in reading order (:mod:`extractor.geometry.turned`)."""
    turned: dict[str, list[dict[str, Any]]] = {}
    for char in page.chars:
        if not char.get("upright", True) and (way := _turn(char)):
            turned.setdefault(way, []).append(char)
    if not turned:
        return _as_words(page.extract_words(**WORD_OPTIONS))
    upright = page.filter(
        lambda o: o.get("object_type") != "char" or o.get("upright", True) or not _turn(o)
    )
    words = _as_words(upright.extract_words(**WORD_OPTIONS))
    for way, chars in turned.items():
        char_dir, line_dir = TURNED_READING[way]
        read = pdf_text.extract_words(
            chars, **WORD_OPTIONS, char_dir_rotated=char_dir, line_dir_rotated=line_dir
        )
        words += join_turned(_as_words(read), upward=way == "up")
    return words


# --------------------------------------------------------------------------- drawing


def _white(color: Any) -> bool:
    """Whether a pdfplumber colour is white (gray, RGB or CMYK)."""
    if color is None or isinstance(color, str):
        return False
    if isinstance(color, int | float):
        return float(color) >= WHITE
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 1 - WHITE for v in values)
    return bool(values) and all(v >= WHITE for v in values)


def _paint(obj: dict[str, Any]) -> tuple[bool, bool]:
    """(visible stroke, visible fill)."""
    stroke = bool(obj.get("stroke")) and not _white(obj.get("stroking_color"))
    fill = bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))
    return stroke, fill


@dataclass(slots=True)
class _Box:
    bbox: BBox
    stroke: bool
    fill: bool


@dataclass(slots=True)
class _Head:
    vertices: list[Point]
    bbox: BBox


@dataclass
class _Drawing:
    """Drawn objects of one page, sorted by role."""

    polylines: list[list[Point]]  # open strokes: connector pieces or rules
    rules: list[tuple[Point, Point]]  # strokes that can only be rules (thin rects)
    boxes: list[_Box]
    outlines: list[ShapeGeom]
    heads: list[_Head]


def _drawing(objs: dict[str, list[dict[str, Any]]]) -> _Drawing:
    d = _Drawing([], [], [], [], [])
    for o in objs.get("line", []):
        stroke, _ = _paint(o)
        pts = o.get("pts") or []
        if stroke and len(pts) >= 2:
            d.polylines.append([(float(x), float(y)) for x, y in pts])
    for o in objs.get("rect", []):
        stroke, fill = _paint(o)
        if not (stroke or fill):
            continue
        x0, top, x1, bottom = (float(o[k]) for k in ("x0", "top", "x1", "bottom"))
        w, h = x1 - x0, bottom - top
        if min(w, h) <= THIN and max(w, h) >= GLYPH:
            if w >= h:
                d.rules.append(((x0, (top + bottom) / 2), (x1, (top + bottom) / 2)))
            else:
                d.rules.append((((x0 + x1) / 2, top), ((x0 + x1) / 2, bottom)))
        elif max(w, h) >= GLYPH:
            d.boxes.append(_Box((x0, top, x1, bottom), stroke, fill))
    for o in objs.get("curve", []):
        stroke, fill = _paint(o)
        if stroke or fill:
            _curve(o, stroke, fill, d)
    return d


def _curve(o: dict[str, Any], stroke: bool, fill: bool, d: _Drawing) -> None:
    path = o.get("path")
    if not path:  # very old pdfplumber objects: points only
        pts = o.get("pts") or []
        path = [("m", pts[0]), *(("l", p) for p in pts[1:])] if pts else []
    for sub in subpaths(path):
        info = describe(sub)
        if len(info.vertices) < 2:
            continue
        box = bbox_of(info.vertices)
        kind = classify(info, box, fill)
        if kind == "head":
            d.heads.append(_Head(info.vertices, box))
        elif kind == "box":
            d.boxes.append(_Box(box, stroke, fill))
        elif kind is not None:
            d.outlines.append(ShapeGeom(kind=kind, bbox=box, filled=fill))
        elif not info.closed and stroke:
            if _open_head(info.vertices):
                d.heads.append(_Head(info.vertices, box))
            else:
                d.polylines.append(info.vertices)


def _open_head(pts: list[Point]) -> bool:
    """A stroked "V" arrowhead: two short legs meeting at the tip."""
    if len(pts) != 3:
        return False
    (ax, ay), (bx, by), (cx, cy) = pts
    legs = (((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5, ((cx - bx) ** 2 + (cy - by) ** 2) ** 0.5)
    dot = (ax - bx) * (cx - bx) + (ay - by) * (cy - by)
    return max(legs) <= HEAD_MAX and min(legs) > 1.0 and dot > 0  # legs under 90° apart


def _box_edges(b: BBox) -> list[tuple[Point, Point]]:
    x0, t, x1, bt = b
    return [((x0, t), (x1, t)), ((x0, bt), (x1, bt)), ((x0, t), (x0, bt)), ((x1, t), (x1, bt))]


def _axis_key(p: Point, q: Point) -> tuple[str, float, float, float] | None:
    """('h', y, x0, x1) or ('v', x, y0, y1) for an axis-aligned stroke."""
    if abs(p[1] - q[1]) <= 0.5:
        return ("h", (p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0]))
    if abs(p[0] - q[0]) <= 0.5:
        return ("v", (p[0] + q[0]) / 2, min(p[1], q[1]), max(p[1], q[1]))
    return None


def _split_boxes(d: _Drawing, width: float, height: float) -> tuple[list[BBox], list[_Box]]:
    """Flowchart boxes vs table cells: a cell shares an edge with another box or a
    stroke, is page-sized, or holds another symbol; a flowchart box stands alone."""
    index: dict[tuple[str, int], list[tuple[float, float, float, int]]] = defaultdict(list)

    def add(p: Point, q: Point, owner: int) -> None:
        key = _axis_key(p, q)
        if key is not None:
            index[(key[0], round(key[1]))].append((key[1], key[2], key[3], owner))

    for n, b in enumerate(d.boxes):
        for p, q in _box_edges(b.bbox):
            add(p, q, n)
    for p, q in d.rules:
        add(p, q, -1)
    for line in d.polylines:
        for p, q in itertools.pairwise(line):
            add(p, q, -1)

    def shared(n: int, box: BBox) -> bool:
        for p, q in _box_edges(box):
            axis, pos, lo, hi = _axis_key(p, q) or ("", 0.0, 0.0, 0.0)
            for k in (round(pos) - 1, round(pos), round(pos) + 1):
                for opos, olo, ohi, owner in index.get((axis, k), ()):
                    overlap = min(hi, ohi) - max(lo, olo)
                    if owner != n and abs(opos - pos) <= SHARED_EDGE and overlap >= 0.5 * (hi - lo):
                        return True
        return False

    others = [o.bbox for o in d.outlines] + [b.bbox for b in d.boxes]

    def holds(box: BBox) -> bool:
        x0, t, x1, bt = box
        return any(
            s != box and s[0] >= x0 and s[2] <= x1 and s[1] >= t and s[3] <= bt for s in others
        )

    shapes: list[BBox] = []
    cells: list[_Box] = []
    for n, b in enumerate(d.boxes):
        x0, t, x1, bt = b.bbox
        frame = (x1 - x0) > FRAME_SHARE * width or (bt - t) > FRAME_SHARE * height
        # cheap tests first: grid cells almost always share an edge
        if frame or shared(n, b.bbox) or holds(b.bbox):
            cells.append(b)
        else:
            shapes.append(b.bbox)
    return shapes, cells


def _arrows(d: _Drawing, shapes: list[ShapeGeom]) -> tuple[list[Arrow], list[list[Point]]]:
    """Connectors chained back from each arrowhead; returns arrows and unused polylines."""
    ends: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # cell → (line, end)

    def cell(p: Point) -> tuple[int, int]:
        return (int(p[0] // 4), int(p[1] // 4))

    for n, line in enumerate(d.polylines):
        ends[cell(line[0])].append((n, 0))
        ends[cell(line[-1])].append((n, -1))

    def near(p: Point, reach: float) -> Iterator[tuple[float, int, int]]:
        cx, cy = cell(p)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for n, end in ends.get((cx + dx, cy + dy), ()):
                    q = d.polylines[n][end]
                    dist = ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5
                    if dist <= reach:
                        yield dist, n, end

    used: set[int] = set()
    arrows: list[Arrow] = []
    for head in d.heads:
        hx0, ht, hx1, hb = head.bbox
        found = []
        for p in [*head.vertices, ((hx0 + hx1) / 2, (ht + hb) / 2)]:
            for _, n, end in near(p, HEAD_MAX):
                q = d.polylines[n][end]
                dist = point_box_distance(q[0], q[1], head.bbox)
                if n not in used and dist <= HEAD_REACH:
                    found.append((dist, n, end))
        if not found:
            continue
        _, n, end = min(found)
        chain = list(d.polylines[n]) if end == -1 else list(reversed(d.polylines[n]))
        used.add(n)
        for _ in range(50):  # walk back through pieces joined end to end
            options = {(m, e) for _, m, e in near(chain[0], JOIN) if m not in used}
            if len(options) != 1:
                break
            m, e = options.pop()
            piece = d.polylines[m] if e == -1 else list(reversed(d.polylines[m]))
            chain = piece[:-1] + chain
            used.add(m)
        tip = head_tip(head.vertices, chain[-1])
        arrows.append(Arrow(points=[*chain, tip], has_head=True))
    rest: list[list[Point]] = []
    for n, line in enumerate(d.polylines):
        if n in used:
            continue
        a = _touching(line[0], shapes)
        b = _touching(line[-1], shapes)
        if a is not None and b is not None and a != b:  # a headless connector between shapes
            arrows.append(Arrow(points=line, has_head=False))
        else:
            rest.append(line)
    return arrows, rest


def _touching(p: Point, shapes: list[ShapeGeom]) -> int | None:
    for n, s in enumerate(shapes):
        if point_box_distance(p[0], p[1], s.bbox) <= 2.0:
            return n
    return None


def _geometry(page: Any, objs: dict[str, list[dict[str, Any]]]) -> PageGeometry:
    width, height = float(page.width), float(page.height)
    d = _drawing(objs)
    box_shapes, cells = _split_boxes(d, width, height)
    shapes = [ShapeGeom(kind="process", bbox=b) for b in box_shapes] + d.outlines
    arrows, rest = _arrows(d, shapes)
    strokes: list[tuple[Point, Point]] = list(d.rules)
    for line in rest:
        strokes.extend(itertools.pairwise(line))
    for c in cells:
        if c.stroke:
            strokes.extend(_box_edges(c.bbox))
    segments = [
        Segment(x0=p[0], top=p[1], x1=q[0], bottom=q[1])
        for p, q in strokes
        if _axis_key(p, q) is not None
    ]
    return PageGeometry(
        page=int(page.page_number),
        width=width,
        height=height,
        words=_words(page),
        segments=segments,
        shapes=shapes,
        arrows=arrows,
        source="text_layer",
    )


# --------------------------------------------------------------------------- OCR fallback


class _Renderer:
    """Renders pages with pypdfium2 for OCR, opening the document only when needed."""

    def __init__(self, data: bytes, lang: str):
        self.data = data
        self.lang = lang
        self.doc: Any = None

    def ocr(
        self,
        page: Any,
        dpi: int,
        notes: list[str],
        why: str,
        gray: bool = False,
        native: float | None = None,
    ) -> PageGeometry | None:
        """The OCR backend's geometry of one page; None (and a note) when OCR cannot run.

        ``gray``: render one gray channel (the page holds only gray images). ``native``:
        the resolution of the scan or photo the page shows, when known (its print's is
        noted when coarse).
        """
        number = int(page.page_number)
        try:
            # lazy: loads OpenCV/Tesseract
            from extractor.backends.ocr import page_geometry, page_notes
        except ImportError:
            notes.append(f"page {number}: {why}; OCR unavailable")
            return None
        import numpy as np
        import pypdfium2 as pdfium

        # cap the bitmap for very large pages (a 200-inch plot at 300 dpi is 3.6 Gpx)
        area_in2 = float(page.width) * float(page.height) / 72**2
        dpi = int(min(dpi, (MAX_RENDER_PX / area_in2) ** 0.5))
        if self.doc is None:
            self.doc = pdfium.PdfDocument(self.data)
        pdf_page = self.doc[number - 1]
        mode = "L" if gray else "RGB"
        try:
            bitmap = pdf_page.render(scale=dpi / 72, grayscale=gray).to_pil()
            # one copy of the page stays alive during OCR, not three (render, mode, array)
            pixels = np.asarray(bitmap if bitmap.mode == mode else bitmap.convert(mode))
            del bitmap
        finally:
            pdf_page.close()
        try:
            scale = native / dpi if native else 1.0
            geom: PageGeometry = page_geometry(
                pixels, number, dpi, lang=self.lang, capture_scale=scale
            )
        except InputError:
            raise
        except Exception as exc:  # OCR trouble on one page must not lose the document
            if _out_of_memory(exc):
                raise
            log.warning("OCR failed on page %d", number, exc_info=True)
            notes.append(f"page {number}: {why}; OCR failed ({_brief(exc)})")
            return None
        notes += page_notes([geom])
        return geom

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()
            self.doc = None
