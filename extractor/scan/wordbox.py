"""Word boxes of an OCR pass held to the print they read.

Tesseract boxes a word with every blob it took for part of it. A scanner's speck a
few points above a word (or dust on the glass) stretches the word's box upward, and a
line whose words' boxes no longer share a band of rows is broken by the prose reader
into pieces ("4. Peraturan Menteri" / "Pendayagunaan Aparatur Negara" / "dan
Reformasi Birokrasi Nomor 53 Tahun" from one line of a 200-dpi LKIP scan). A speck
beside a word is read as a mark fused to it ("-100", "Kesehatan:"), most often fainter
than the word's letters, which is how it is told from a printed mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

#: A word's box is asked for the rows its print fills when it is this much taller than
#: the page's median word (capitals and ascenders reach ~1.3x a lower-case word).
TALL_SHARE = 1.25
#: Rows of print within a word box belong to its letters when no more than this share
#: of the letters' own height of empty rows lies between (an i's dot sits ~0.15 of it
#: above the stem; a speck boxed with the word, half of it and more).
GAP_SHARE = 0.35
#: A band of rows apart from the letters is cut off the box only when it holds less
#: than this share of their ink (a speck, not a second line's letters).
SPECK_INK_SHARE = 0.15
#: Print is what is darker than halfway from the box's darkest pixels to white (those
#: pixels: this percentile of the box's); a box whose darkest are this light is blank.
DARK_PERCENTILE, BLANK_GRAY = 2, 250
#: Marks a word is read to begin or end with that a speck fused to it gives, most often
#: fainter than the word's print ("-100" on a speck before "100"; "Kesehatan:"). A full
#: stop or comma at a word's end is not among them: on a blurred photo a printed one is
#: fainter than the letters ("dr. H. Ahmad" read "H" without it).
EDGE_MARKS_LEAD = frozenset("-|'\"`.,:;~_")
EDGE_MARKS_TRAIL = frozenset(":;|'\"`~_-")
#: ... dropped when the box runs on past the word's print by this share of its height
#: with nothing as dark as its letters there.
EDGE_GAP_SHARE = 0.1


class PxBox(Protocol):
    text: str  # (and a settable attribute, not a read-only property)
    left: int
    top: int
    width: int
    height: int


def trim_to_print(words: Sequence[PxBox], image: np.ndarray) -> None:
    """Hold words' boxes (in place) to their print: a box much taller than the page's
    median word is cut down to the rows its letters fill (and the dots and accents near
    them), and a mark read at a word's start or end from something fainter than its
    letters (a speck) is dropped with the box's columns it took."""
    heights = [w.height for w in words if any(ch.isalnum() for ch in w.text)]
    if not heights:
        return
    tall = TALL_SHARE * float(np.median(heights))
    for w in words:
        if w.width <= 0 or w.height <= 0:
            continue
        if w.height > tall:
            rows = _print_rows(image[w.top : w.top + w.height, w.left : w.left + w.width])
            if rows is not None:
                w.top, w.height = w.top + rows[0], rows[1] - rows[0]
        if len(w.text) > 1 and (w.text[0] in EDGE_MARKS_LEAD or w.text[-1] in EDGE_MARKS_TRAIL):
            _drop_faint_marks(w, image)


def _drop_faint_marks(w: PxBox, image: np.ndarray) -> None:
    """A word's leading or trailing mark dropped when the box holds no print as dark as
    its letters' where that mark would be."""
    dark = _print(image[w.top : w.top + w.height, w.left : w.left + w.width])
    cols = np.flatnonzero(np.count_nonzero(dark, axis=0)) if dark is not None else []
    if not len(cols):
        return
    gap = EDGE_GAP_SHARE * w.height
    text, left, right = w.text, int(cols[0]), int(cols[-1]) + 1
    if text[0] in EDGE_MARKS_LEAD and left >= gap:
        text = text[1:]
    else:
        left = 0
    if text and text[-1] in EDGE_MARKS_TRAIL and w.width - right >= gap:
        text = text[:-1]
    else:
        right = w.width
    if text and text != w.text:
        w.text, w.left, w.width = text, w.left + left, right - left


def _print(crop: np.ndarray) -> np.ndarray | None:
    """The crop's print (a mask), measured against its own darkest pixels (faded print is
    print); None for a blank crop."""
    if crop.size == 0:
        return None
    darkest = float(np.percentile(crop, DARK_PERCENTILE))
    return crop < (darkest + 255.0) / 2.0 if darkest < BLANK_GRAY else None


def _print_rows(crop: np.ndarray) -> tuple[int, int] | None:
    """The rows [top, bottom) of the letters in a word's crop (the print's band of rows
    holding most of it, grown over bands near it), or None to keep the box as it is: the
    print fills it, or what lies apart is more than a speck's."""
    dark = _print(crop)
    if dark is None:
        return None
    ink = np.count_nonzero(dark, axis=1)
    inked = ink > 0
    # runs of inked rows: [start, stop) pairs
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inked.astype(np.int8), [0]))))
    bands = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
    if not bands:
        return None
    sums = [int(ink[a:b].sum()) for a, b in bands]
    main = int(np.argmax(sums))
    lo, hi = main, main
    # grow the letters' band over near rows (dots, accents, a descender's tail)
    while True:
        span = bands[hi][1] - bands[lo][0]
        reach = GAP_SHARE * span
        if lo > 0 and bands[lo][0] - bands[lo - 1][1] <= reach:
            lo -= 1
        elif hi < len(bands) - 1 and bands[hi + 1][0] - bands[hi][1] <= reach:
            hi += 1
        else:
            break
    kept = sum(sums[lo : hi + 1])
    cut = sum(sums) - kept
    top, bottom = bands[lo][0], bands[hi][1]
    if cut > SPECK_INK_SHARE * kept or (top == 0 and bottom == len(ink)):
        return None
    return top, bottom
