"""Word boxes held to their print (extractor.scan.wordbox): specks a scanner leaves beside
a word stretch its box or are read as marks fused to it."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.backends import ocr
from extractor.scan import wordbox
from extractor.scan.tesseract import PxWord

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#: 10-pt print at 300 dpi
SIZE = 42


def _page(words: list[tuple[str, int, int]], shade: int = 0) -> tuple[np.ndarray, list[PxWord]]:
    """A white page with ``words`` (text, left, baseline) printed, and each word's box
    as the print's own (the rows and columns its dark pixels fill)."""
    img = Image.new("L", (1400, 400), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, SIZE)
    boxes = []
    for text, x, y in words:
        draw.text((x, y), text, font=font, fill=shade, anchor="ls")
        x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font, anchor="ls")
        boxes.append((text, x0, y0, x1, y1))
    page = np.asarray(img).copy()
    out = []
    for text, x0, y0, x1, y1 in boxes:
        ys, xs = np.nonzero(page[y0:y1, x0:x1] < (shade + 255) // 2)
        out.append(
            PxWord(
                text,
                x0 + int(xs.min()),
                y0 + int(ys.min()),
                int(np.ptp(xs)) + 1,
                int(np.ptp(ys)) + 1,
                95.0,
            )
        )
    return page, out


def _speck(page: np.ndarray, x: int, y: int, gray: int = 60, size: int = 3) -> None:
    page[y : y + size, x : x + size] = gray


def _grow(w: PxWord, x: int, y: int, size: int = 3) -> None:
    """The word's box grown over a speck at (x, y), as Tesseract boxes it."""
    right, bottom = max(w.left + w.width, x + size), max(w.top + w.height, y + size)
    w.left, w.top = min(w.left, x), min(w.top, y)
    w.width, w.height = right - w.left, bottom - w.top


LINE = [("Peraturan", 40, 120), ("Menteri", 260, 120), ("Reformasi", 440, 120), ("dan", 680, 120)]


def test_a_speck_above_a_word_is_cut_off_its_box() -> None:
    page, words = _page(LINE)
    word = words[2]
    top, height = word.top, word.height
    _speck(page, word.left + 40, top - 30)
    _grow(word, word.left + 40, top - 30)
    assert word.height > 1.5 * height
    wordbox.trim_to_print(words, page)
    assert (word.top, word.height) == (top, height)
    assert word.text == "Reformasi"


def test_a_speck_below_goes_and_the_dots_of_an_i_stay() -> None:
    page, words = _page([*LINE, ("ini", 800, 120)])
    word = words[-1]
    top, height = word.top, word.height
    _speck(page, word.left + 5, top + height + 25)
    _grow(word, word.left + 5, top + height + 25)
    wordbox.trim_to_print(words, page)
    assert (word.top, word.height) == (top, height)  # the dots are in, the speck is out


def test_a_box_over_two_lines_or_tall_print_is_kept() -> None:
    """A box Tesseract drew over two lines' print is not a speck's: it is left whole,
    as is a word printed larger than the rest."""
    page, words = _page([*LINE, ("Birokrasi", 900, 120), ("Nomor", 900, 175)])
    below = words.pop()
    joined = words[-1]
    _grow(joined, below.left, below.top + below.height - 3)
    before = (joined.top, joined.height)
    wordbox.trim_to_print(words, page)
    assert (joined.top, joined.height) == before


@pytest.mark.parametrize(
    ("read", "fused", "want"), [("Kesehatan:", "after", "Kesehatan"), ("-100", "before", "100")]
)
def test_a_mark_read_from_a_faint_speck_is_dropped(read: str, fused: str, want: str) -> None:
    page, words = _page([*LINE, (want, 900, 120)])
    word = words[-1]
    left, width = word.left, word.width
    x = word.left + word.width + 6 if fused == "after" else word.left - 9
    y = word.top + word.height // 2
    _speck(page, x, y, gray=150)
    _grow(word, x, y)
    word.text = read
    wordbox.trim_to_print(words, page)
    assert (word.text, word.left, word.width) == (want, left, width)


@pytest.mark.parametrize("printed", ["Kesehatan:", "-100", "atas."])
def test_marks_printed_as_dark_as_the_letters_stay(printed: str) -> None:
    page, words = _page([*LINE, (printed, 900, 120)])
    word = words[-1]
    before = (word.text, word.left, word.width, word.top, word.height)
    wordbox.trim_to_print(words, page)
    assert (word.text, word.left, word.width, word.top, word.height) == before


def test_a_faint_word_is_held_to_its_own_print() -> None:
    """Print far lighter than black (a faded page) is measured against its own darkest
    pixels: a light speck beside light letters is as dark as they are, and stays."""
    page, words = _page([*LINE, ("Kesehatan", 900, 120)], shade=150)
    word = words[-1]
    x = word.left + word.width + 6
    _speck(page, x, word.top + 10, gray=150)
    _grow(word, x, word.top + 10)
    word.text = "Kesehatan:"
    before = (word.left, word.width)
    wordbox.trim_to_print(words, page)
    assert (word.text, word.left, word.width) == ("Kesehatan:", *before)


def test_a_speck_read_as_a_word_is_dropped_and_a_dash_kept() -> None:
    """A 2-px speck is read "|" as surely as print; a dash standing for "none" is wider."""
    words = [
        PxWord("|", 100, 100, 2, 2, 95.7),
        PxWord("-", 300, 100, 14, 3, 90.0),
        PxWord("Pemerintah", 400, 90, 200, 30, 96.0),
    ]
    assert [w.text for w in ocr._to_words(words, 300.0)] == ["-", "Pemerintah"]
