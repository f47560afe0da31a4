"""The report as chapters: page furniture removed, headings found, blocks grouped.

Running headers and footers ("- 5 -", "Laporan Kinerja … Tahun 2023" on every page)
are *furniture*: they would split tables that continue over a page and must not be
read as content. Chapter headings are short lines "BAB III AKUNTABILITAS KINERJA",
"IKHTISAR EKSEKUTIF", "LAMPIRAN" (a heading may be split over two lines or two
paragraphs: "BAB I" / "PENDAHULUAN"); table-of-contents lines (dot leaders, a page
number at the end, any line on the page of "DAFTAR ISI") are not headings. On OCR'd
text the heading is read as Tesseract misreads it: the number ("BAB Il", "BAB 1II",
"BAB |"), the word ("8AB"), letter-spaced or with a few wrong letters in the title.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

from rapidfuzz.distance import Levenshtein

from extractor.fields.text import squash
from extractor.layout import Block, LayoutDocument, Paragraph, Table
from extractor.lkip import vocab

# "- 5 -", "Halaman 5", "5", "v", "Hal. 5 dari 20": a page number line.
PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:hal(?:aman)?\.?|page)\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:dari|/|of)\s*\d+)?[-–—\s]*$",
    re.IGNORECASE,
)
# A chapter number once OCR look-alikes are mapped: Roman I to X, or Arabic.
ROMAN = re.compile(r"(?:X|IX|IV|VI{0,3}|I{1,3})")
ARABIC = re.compile(r"\d{1,2}")
# Longest chapter number as printed ("VIII"); a longer glued token holds the title too.
MAX_NUMBER_CHARS = 4
# Punctuation between the number and the title ("BAB III.", "BAB III :", "BAB III -").
NUMBER_PUNCT = ".:-–—"
# A line of mostly one-character words is letter-spaced ("P E N D A H U L U A N").
SPACED_MIN_WORDS = 4
SPACED_SHARE = 0.75
# Misread letters allowed in an OCR'd title: one per this many letters of the printed
# title (at least one), twice that when the chapter number names the same chapter.
LETTERS_PER_EDIT = 7
# Share of capitals an OCR'd heading without "BAB" needs ("IKHTISAR EKSEKUTlF").
OCR_UPPER_SHARE = 0.8
# A table-of-contents entry: dot leaders, or a title ending in a page number.
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|\s\d{1,3}\s*$)")
TOC_LEADERS, TOC_PAGE = re.compile(r"\.{4,}|…{2,}"), re.compile(r"\s\d{1,3}\s*$")
# Longest heading line worth testing (a sentence is not a heading).
MAX_HEADING_CHARS = 70
# A sub-heading inside a chapter: "A. Capaian Kinerja Organisasi", "3.2 Realisasi Anggaran".
SUBHEADING = re.compile(r"^(?:[A-H]\.|\d+(?:\.\d+)+\.?)\s+\S.{0,80}$")
# Text repeated on this share of pages (and at least 3) is a running header or footer.
FURNITURE_SHARE = 0.4
FURNITURE_MIN_PAGES = 3
DIGITS = re.compile(r"\d+")
NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")
# "BAB IV -", "BAB II x voy. KINERJA": a title this short that names no chapter is an
# unreadable title (OCR); longer text after the number is a contents line or a sentence.
MAX_JUNK_CHARS = 16


@dataclass
class Chapter:
    """A chapter: its key, printed title, first page and the blocks under it."""

    key: str
    title: str
    page: int | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def page_end(self) -> int | None:
        pages = [p for p in (block_page(b) for b in self.blocks) if p is not None]
        if self.page is not None:
            pages.append(self.page)
        return max(pages) if pages else None

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]


def block_page(block: Block) -> int | None:
    if isinstance(block, Table):
        if block.page is not None:
            return block.page
        return next((c.prov.page for c in block.cells if c.prov and c.prov.page), None)
    return block.prov.page if block.prov else None


def _furniture_key(text: str) -> str:
    return DIGITS.sub("#", squash(text).lower())


def _edges(blocks: list[Block]) -> set[int]:
    """Indices of the first two and last two blocks of every page (where furniture sits)."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(blocks):
        page = block_page(b)
        if page is not None:
            by_page[page].append(i)
    edges: set[int] = set()
    for idx in by_page.values():
        edges.update(idx[:2] + idx[-2:])
    return edges


def strip_furniture(layout: LayoutDocument) -> list[Block]:
    """Blocks without page numbers and running headers/footers."""
    blocks = layout.blocks
    edges = _edges(blocks)
    pages_of: dict[str, set[int]] = defaultdict(set)
    for i in edges:
        b = blocks[i]
        if isinstance(b, Paragraph):
            pages_of[_furniture_key(b.text)].add(block_page(b) or 0)
    n_pages = layout.pages or 0
    limit = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * n_pages)
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph):
            text = squash(b.text)
            if not text or PAGE_NUMBER.match(text):
                continue
            if i in edges and len(pages_of[_furniture_key(text)]) >= limit:
                continue
        out.append(b)
    return out


def _letters(text: str) -> str:
    """Capitals and digits only: "Pendahu luan." → "PENDAHULUAN"."""
    return NON_ALNUM.sub("", text.upper())


@cache
def _printed_titles() -> tuple[tuple[str, str, int], ...]:
    """(key, title as letters, number of words) of the standard chapter titles."""
    return tuple((key, _letters(t), len(t.split())) for key, t in vocab.chapter_titles())


def _title_key(title: str, ocr: bool = False, expected: str | None = None) -> str | None:
    """The chapter a printed title names. On OCR'd text a few letters may be wrong
    (more when the chapter number names the ``expected`` chapter), but no word may be
    added: "PENDAHULUAN so." is a contents line."""
    title = squash(title).rstrip(".:")
    for key, pats in vocab.groups("chapters").items():
        if any(p.fullmatch(title) for p in pats):
            return key
    letters, words = _letters(title), len(title.split())
    if not letters:
        return None
    best: tuple[int, str] | None = None
    for key, printed, n_words in _printed_titles():
        allowed = 0
        if ocr and words <= n_words:
            allowed = max(1, len(printed) // LETTERS_PER_EDIT) * (2 if key == expected else 1)
        dist = Levenshtein.distance(letters, printed, score_cutoff=allowed)
        if dist <= allowed and (best is None or dist < best[0]):
            best = (dist, key)
    return best[1] if best else None


def _despace(line: str) -> str:
    """A letter-spaced line with its letters joined: "B A B I I I" → "BABIII"."""
    words = line.split()
    single = sum(len(w) == 1 for w in words)
    if len(words) < SPACED_MIN_WORDS or single < SPACED_SHARE * len(words):
        return line
    runs = groupby(words, key=len)
    return " ".join("".join(g) if n == 1 else " ".join(g) for n, g in runs)


def _number(token: str) -> str | None:
    """A chapter number as printed or misread ("III", "3", "1II" → "III", "|" → "I")."""
    if ARABIC.fullmatch(token) and vocab.bab_chapter(token):
        return token
    roman = "".join(vocab.numeral_lookalikes().get(ch, ch) for ch in token)
    if ROMAN.fullmatch(roman):
        return roman
    return token if ARABIC.fullmatch(token) else None


@dataclass
class _Bab:
    """One way to read a line as "BAB <number> <title>"."""

    number: str | None  # None: unreadable
    printed: str  # the number as printed
    title: str
    spaced: bool  # the number is the whole word after BAB (not glued to the title)


def _bab_readings(line: str) -> list[_Bab]:
    """The ways to read ``line`` as a BAB heading; empty when it does not open with the
    word BAB. "BABI", "BABIPENDAHULUAN" (no space) only in capitals: "Babi" is a word."""
    word = next((w for w in vocab.bab_words() if line.startswith(w)), None)
    if word is None:
        return []
    rest = line[len(word) :]
    if rest[:1].isalnum() and not word.isupper():
        return []
    token, _, title = rest.lstrip(" .:").partition(" ")
    token = token.rstrip(NUMBER_PUNCT)
    title = title.strip().lstrip(NUMBER_PUNCT).strip()
    number = _number(token)
    if number:
        return [_Bab(number, token, title, spaced=True)]
    readings = []
    for n in range(min(MAX_NUMBER_CHARS, len(token) - 1), 0, -1):  # "BABIIPERENCANAAN"
        glued = _number(token[:n])
        if glued:
            readings.append(_Bab(glued, token[:n], squash(f"{token[n:]} {title}"), False))
    if token and len(token) <= MAX_NUMBER_CHARS:
        readings.append(_Bab(None, token, title, spaced=True))  # "BAB Hl PERENCANAAN KINERJA"
    return readings


def _mostly_upper(text: str, ocr: bool) -> bool:
    if not ocr:
        return text.isupper()
    cased = [ch for ch in text if ch.isalpha()]
    return bool(cased) and sum(ch.isupper() for ch in cased) >= OCR_UPPER_SHARE * len(cased)


def heading_of(lines: list[str], ocr: bool = False) -> tuple[str, str, int] | None:
    """(key, printed title, lines used) when ``lines`` open with a chapter heading.
    ``ocr``: the lines were OCR'd, so a few letters of the title may be misread."""
    first = _despace(squash(lines[0])) if lines else ""
    if not first or len(first) > MAX_HEADING_CHARS:
        return None
    readings = _bab_readings(first)
    toc = bool(TOC_LINE.search(first))
    for bab in readings:
        title, used = bab.title, 1
        if toc and title:
            return None
        if not title and len(lines) > 1 and len(squash(lines[1])) <= MAX_HEADING_CHARS:
            title, used = _despace(squash(lines[1])), 2
        usual = vocab.bab_chapter(bab.number) if bab.number else None
        key = _title_key(title, ocr, usual)
        if key is None and usual and bab.spaced and len(NON_ALNUM.sub("", title)) <= MAX_JUNK_CHARS:
            key = usual  # "BAB IV" with its title unreadable
        if key is not None:
            return key, squash(f"BAB {bab.number or bab.printed} {title}"), used
    if readings or toc:
        return None  # a title followed by other text: a contents line, a sentence
    key = _title_key(first, ocr)
    if key is None or not _mostly_upper(first, ocr):
        return None
    return key, first, 1


def _is_bab_line(text: str) -> bool:
    """The line opens with BAB and a chapter number, whatever follows."""
    return any(b.number and b.spaced for b in _bab_readings(_despace(squash(text))))


def _opener(text: str, missing: set[str]) -> str | None:
    """The chapter a paragraph opens when that chapter's heading was not read (OCR):
    "A. Capaian Kinerja Organisasi" opens Bab III, "Lampiran 1. …" the Lampiran."""
    first = squash(text.split("\n")[0])
    if len(first) > MAX_HEADING_CHARS:
        return None
    for key, pats in vocab.groups("chapter_openers").items():
        if key in missing and vocab.any_match(first, pats):
            return key
    return None


def chapters(blocks: list[Block]) -> tuple[list[Block], list[Chapter]]:
    """(front matter blocks, chapters in document order). The first heading of a key wins;
    a chapter whose heading was not read starts at its usual opening line."""
    _, first_pass = _chapters(blocks, set())
    missing = set(vocab.groups("chapter_openers")) - {c.key for c in first_pass}
    return _chapters(blocks, missing) if missing else _chapters(blocks, set())


def _is_ocr(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.prov is not None and block.prov.source == "ocr"


def _is_contents_heading(text: str) -> bool:
    first = squash(text.split("\n")[0]).rstrip(".:")
    return vocab.any_match(first, vocab.patterns("contents_heading"))


def _chapters(blocks: list[Block], missing: set[str]) -> tuple[list[Block], list[Chapter]]:
    front: list[Block] = []
    found: list[Chapter] = []
    seen: set[str] = set()
    contents_page: int | None = None  # the page headed "DAFTAR ISI"
    i = 0
    while i < len(blocks):
        b = blocks[i]
        hit = None
        if isinstance(b, Paragraph):
            if _is_contents_heading(b.text):
                contents_page = block_page(b)
            lines = b.text.split("\n")
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if len(lines) == 1 and isinstance(nxt, Paragraph):
                lines = lines + nxt.text.split("\n")[:1]
            hit = heading_of(lines, _is_ocr(b))
        in_contents = contents_page is not None and block_page(b) == contents_page
        joined = hit is not None and hit[2] == 2 and len(b.text.split("\n")) == 1
        if hit and (in_contents or _next_is_heading(blocks, i + 1 + joined)):
            hit = None  # a table of contents: its page, or headings one after another
        if hit and hit[0] not in seen:
            key, title, used = hit
            seen.add(key)
            found.append(Chapter(key, title, block_page(b)))
            if used == 2 and len(b.text.split("\n")) == 1:
                i += 1  # the title was the next paragraph
            i += 1
            continue
        opens = None
        if isinstance(b, Paragraph) and found and not in_contents:
            opens = _opener(b.text, missing - seen)
        if opens:
            seen.add(opens)
            found.append(Chapter(opens, squash(b.text.split("\n")[0]), block_page(b)))
        (found[-1].blocks if found else front).append(b)
        i += 1
    return front, found


def _next_is_heading(blocks: list[Block], start: int) -> bool:
    """The paragraph after a heading is itself a chapter heading or opens with "BAB <n>"
    (a contents page whose dot leaders OCR read as letters: "BAB III … neo")."""
    for b in blocks[start : start + 1]:
        if isinstance(b, Paragraph):
            first = b.text.split("\n")[0]
            return (
                heading_of([first], _is_ocr(b)) is not None
                or _contents_entry(first, _is_ocr(b))
                or _is_bab_line(first)
            )
    return False


def _contents_entry(line: str, ocr: bool) -> bool:
    """A contents line: dot leaders, or a heading-like title and its page number. A body
    paragraph whose first wrapped line ends in a number ("… sebanyak 12") is not one."""
    text = squash(line)
    if TOC_LEADERS.search(text):
        return True
    m = TOC_PAGE.search(text)
    if not m:
        return False
    title = text[: m.start()].strip()
    return bool(title) and (
        heading_of([title], ocr) is not None or _is_bab_line(title) or _mostly_upper(title, ocr)
    )
