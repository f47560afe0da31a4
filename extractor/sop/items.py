"""Splitting box contents into list items."""

from __future__ import annotations

import re

# A list marker: "1." "2)" "a." "-" "•" at the start of a line or after a space.
_NUM_MARKER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\s?[.)]\s+(?=\S)")
_ALPHA_MARKER = re.compile(r"(?:(?<=\s)|^)([a-z])\s?[.)]\s+(?=\S)")
# A line that starts a list item ("1. …", "a) …", "- …").
LIST_ITEM = re.compile(r"^\s*(\d{1,2}|[a-z])\s?[.)]\s+\S|^\s*[-•▪◦●*]\s+")
_BULLET = re.compile(r"^\s*[-•▪◦●*]\s+")
# A line that ends in a hyphen: Indonesian compounds ("perundang-\nundangan",
# "masing-\nmasing") wrap at their hyphen; document producers rarely hyphenate.
_HYPHEN_WRAP = re.compile(r"(\w)-\s*\n\s*(\w)")


# Indonesian suffixes that are never words by themselves: a line that starts with one
# continues the word above it ("Pengembang" / "an").
_BARE_SUFFIXES = frozenset({"an", "kan", "nya", "lah", "kah"})


def join_broken_words(text: str, vocabulary: frozenset[str]) -> str:
    """Rejoin a word a narrow cell broke across lines ("Pengadminis\\ntrasi") when the
    joined word is in ``vocabulary`` and neither piece is."""

    def repl(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        joined = (left + right).lower()
        pieces_known = left.lower() in vocabulary or right.lower() in vocabulary
        if right in _BARE_SUFFIXES or (joined in vocabulary and not pieces_known):
            return left + right
        return m.group(0)

    return re.sub(r"([A-Za-z]+)\s*\n\s*([a-z]+)", repl, text)


def join_wrapped(text: str) -> str:
    """Join lines that were wrapped by layout, keeping a compound's hyphen."""
    text = _HYPHEN_WRAP.sub(r"\1-\2", text)
    return re.sub(r"\s+", " ", text).strip()


def _sequential_chain(text: str, pattern: re.Pattern[str], first: str) -> list[re.Match[str]]:
    """The longest run of markers counting 1, 2, 3… (or a, b, c…) in order."""
    chain: list[re.Match[str]] = []
    expected = first
    for m in pattern.finditer(text):
        if m.group(1) == expected:
            chain.append(m)
            expected = chr(ord(expected) + 1) if expected.isalpha() else str(int(expected) + 1)
    return chain


def split_items(text: str, *, wrapped: bool = False) -> list[str]:
    """Items of a box: numbered 1./2./…, lettered a./b./…, bullets, or one per line.

    ``wrapped`` says line breaks come from layout (PDF, OCR) and are not item
    boundaries unless a marker starts the line.
    """
    text = text.strip()
    if not text:
        return []
    for pattern, first in ((_NUM_MARKER, "1"), (_ALPHA_MARKER, "a")):
        chain = _sequential_chain(text, pattern, first)
        if len(chain) >= 2 or (len(chain) == 1 and chain[0].start() == 0):
            items = []
            for i, m in enumerate(chain):
                end = chain[i + 1].start() if i + 1 < len(chain) else len(text)
                items.append(join_wrapped(text[m.end() : end]).rstrip(";,").strip())
            return [it for it in items if it]
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if any(_BULLET.match(ln) for ln in lines):
        items, current = [], ""
        for ln in lines:
            if _BULLET.match(ln):
                if current:
                    items.append(current)
                current = _BULLET.sub("", ln)
            else:
                current = f"{current} {ln.strip()}" if wrapped else ln.strip()
                if not wrapped:
                    items.append(current)
                    current = ""
        if current:
            items.append(current)
        return [join_wrapped(it).rstrip(";,") for it in items if it.strip()]
    if wrapped:
        return [join_wrapped(text)]
    return [join_wrapped(ln).rstrip(";") for ln in lines]


def split_requirements(text: str, *, wrapped: bool = False) -> list[str]:
    """Kelengkapan cell → list: items, then commas/semicolons inside each item."""
    out: list[str] = []
    for item in split_items(text, wrapped=wrapped):
        out.extend(p.strip() for p in re.split(r"[;,]\s*", item) if p.strip())
    return out
