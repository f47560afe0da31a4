"""The report as chapters: page furniture removed, headings found, blocks grouped.

Running headers and footers ("- 5 -", "Laporan Kinerja … Tahun 2023" on every page)
are *furniture*: they would split tables that continue over a page and must not be
read as content. Chapter headings are short lines "BAB III AKUNTABILITAS KINERJA",
"IKHTISAR EKSEKUTIF", "LAMPIRAN" (a heading may be split over two lines or two
paragraphs: "BAB I" / "PENDAHULUAN"); table-of-contents lines (dot leaders, a page
number at the end) are not headings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from extractor.fields.text import squash
from extractor.layout import Block, LayoutDocument, Paragraph, Table
from extractor.lkip import vocab

# "- 5 -", "Halaman 5", "5", "v", "Hal. 5 dari 20": a page number line.
PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:hal(?:aman)?\.?|page)\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:dari|/|of)\s*\d+)?[-–—\s]*$",
    re.IGNORECASE,
)
# "BAB III", "BAB 3", "BAB III." optionally followed by the title on the same line.
# OCR may drop the space ("BABI") or read I as "|" or "l".
BAB = re.compile(r"^(?:BAB|Bab)\s*(?P<num>[IVX|l]{1,4}|\d)\b\.?\s*[:.\-–]?\s*(?P<title>.*)$")
# A table-of-contents entry: dot leaders, or a title ending in a page number.
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|\s\d{1,3}\s*$)")
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


def _title_key(title: str) -> str | None:
    title = squash(title)
    for key, pats in vocab.groups("chapters").items():
        if any(p.fullmatch(title) for p in pats):
            return key
    return None


def heading_of(lines: list[str]) -> tuple[str, str, int] | None:
    """(key, printed title, lines used) when ``lines`` open with a chapter heading."""
    first = squash(lines[0]) if lines else ""
    if not first or len(first) > MAX_HEADING_CHARS:
        return None
    bab = BAB.match(first)
    if TOC_LINE.search(first) and not (bab and not bab["title"]):
        return None
    if bab:
        title, used = bab["title"].strip(), 1
        if not title and len(lines) > 1 and len(squash(lines[1])) <= MAX_HEADING_CHARS:
            title, used = squash(lines[1]), 2
        key = _title_key(title)
        if key is None and len(NON_ALNUM.sub("", title)) <= MAX_JUNK_CHARS:
            number = bab["num"].replace("|", "I").replace("l", "I")
            key = vocab.bab_chapter(number)  # "BAB IV" with its title unreadable
        if key is None:
            return None  # a title followed by other text: a contents line, a sentence
        printed = squash(f"BAB {bab['num']} {title}")
        return key, printed, used
    key = _title_key(first.rstrip(".:"))
    if key is None or not first.isupper():
        return None
    return key, first, 1


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


def _chapters(blocks: list[Block], missing: set[str]) -> tuple[list[Block], list[Chapter]]:
    front: list[Block] = []
    found: list[Chapter] = []
    seen: set[str] = set()
    i = 0
    while i < len(blocks):
        b = blocks[i]
        hit = None
        if isinstance(b, Paragraph):
            lines = b.text.split("\n")
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if len(lines) == 1 and isinstance(nxt, Paragraph):
                lines = lines + nxt.text.split("\n")[:1]
            hit = heading_of(lines)
        joined = hit is not None and hit[2] == 2 and len(b.text.split("\n")) == 1
        if hit and _next_is_heading(blocks, i + 1 + joined):
            hit = None  # a table of contents: headings one after another
        if hit and hit[0] not in seen:
            key, title, used = hit
            seen.add(key)
            found.append(Chapter(key, title, block_page(b)))
            if used == 2 and len(b.text.split("\n")) == 1:
                i += 1  # the title was the next paragraph
            i += 1
            continue
        opens = _opener(b.text, missing - seen) if isinstance(b, Paragraph) and found else None
        if opens:
            seen.add(opens)
            found.append(Chapter(opens, squash(b.text.split("\n")[0]), block_page(b)))
        (found[-1].blocks if found else front).append(b)
        i += 1
    return front, found


def _next_is_heading(blocks: list[Block], start: int) -> bool:
    """The paragraph after a heading is itself a chapter heading (a contents page)."""
    for b in blocks[start : start + 1]:
        if isinstance(b, Paragraph):
            first = b.text.split("\n")[0]
            return heading_of([first]) is not None or bool(TOC_LINE.search(squash(first)))
    return False
