"""Splitting box contents into list items."""

from __future__ import annotations

import re

# A list marker: "1." "2)" "a." "-" "•" at the start of a line or after a space.
_NUM_MARKER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\s?[.)]\s+(?=\S)")
_ALPHA_MARKER = re.compile(r"(?:(?<=\s)|^)([a-z])\s?[.)]\s+(?=\S)")
# What OCR makes of a list's first marker "1.": the dot lost or read as a comma, the
# digit read as a letter or another digit ("1 ", "l.", "I,", "4 ").
_MANGLED_FIRST = re.compile(r"^\s*(?:\d|[lI|])\s?[.,)]?\s+(?=\S)")
# A line that starts a list item ("1. …", "a) …", "- …").
LIST_ITEM = re.compile(r"^\s*(\d{1,2}|[a-z])\s?[.)]\s+\S|^\s*[-•▪◦●*]\s+")
_BULLET = re.compile(r"^\s*[-•▪◦●*]\s+")
# A line that ends in a hyphen: Indonesian compounds ("perundang-\nundangan",
# "masing-\nmasing") wrap at their hyphen; document producers rarely hyphenate.
_HYPHEN_WRAP = re.compile(r"(\w)-\s*\n\s*(\w)")


# Indonesian suffixes that are never words by themselves: a line that starts with one
# continues the word above it ("Pengembang" / "an").
_BARE_SUFFIXES = frozenset({"an", "kan", "nya", "lah", "kah"})


def _rejoin(
    text: str, vocabulary: frozenset[str], gap: str, suffixes: frozenset[str] = frozenset()
) -> str:
    """Two pieces across ``gap`` become one word when the whole is in ``vocabulary`` and
    neither piece is (or the right piece is one of ``suffixes``)."""

    def repl(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        pieces_known = left.lower() in vocabulary or right.lower() in vocabulary
        if right in suffixes or ((left + right).lower() in vocabulary and not pieces_known):
            return left + right
        return m.group(0)

    return re.sub(rf"\b([A-Za-z]+){gap}([a-z]+)\b", repl, text)


def join_broken_words(text: str, vocabulary: frozenset[str]) -> str:
    """Rejoin a word a narrow cell broke across lines ("Pengadminis\\ntrasi") when the
    joined word is in ``vocabulary`` and neither piece is."""
    return _rejoin(text, vocabulary, r"\s*\n\s*", _BARE_SUFFIXES)


def join_split_words(text: str, vocabulary: frozenset[str]) -> str:
    """Rejoin a word OCR split at a space ("B idang") when the joined word is in
    ``vocabulary`` and neither piece is."""
    return _rejoin(text, vocabulary, " ")


# What a stamp's ring, a signature or an erased stroke leaves beside a cell's words once
# OCR'd: tokens of these characters only ("\\", "|", "—", "~"). Not "-", "()" or "[]":
# a lone hyphen marks a cell with nothing to say, brackets close a phrase.
_DEBRIS_TOKEN = re.compile(r"^[\\/|—–~#=_“”\"'`‘’*^<>«»{}]+$")


def strip_debris(text: str) -> str:
    """An OCR'd cell's one-line text without stroke debris at its start and end: tokens
    of debris characters, with the single letters among them ("Keputusan tersampaikan
    i / j", "Data pangkat termutakhirkan \\ \\"). A text that is nothing else is kept."""
    tokens = text.split()

    def debris_run(seq: list[str]) -> int:
        """How many of ``seq``'s first tokens are debris or single letters, when one of
        them at least is debris (a digit is no debris: "| 1 Hari")."""
        n = next(
            (
                i
                for i, t in enumerate(seq)
                if (len(t) > 1 or t.isdigit()) and not _DEBRIS_TOKEN.match(t)
            ),
            len(seq),
        )
        return n if any(_DEBRIS_TOKEN.match(t) for t in seq[:n]) else 0

    tail = debris_run(tokens[::-1])
    head = debris_run(tokens[: len(tokens) - tail])
    kept = tokens[head : len(tokens) - tail]
    return " ".join(kept) if any(ch.isalnum() for t in kept for ch in t) else text


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


def _items_from(text: str, chain: list[re.Match[str]], start: int) -> list[str]:
    """The items between markers (the first item starts at ``start``)."""
    bounds = [start, *(m.end() for m in chain)]
    ends = [m.start() for m in chain] + [len(text)]
    items = [
        join_wrapped(text[b:e]).rstrip(";,").strip() for b, e in zip(bounds, ends, strict=True)
    ]
    return [it for it in items if it]


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
            return _items_from(text, chain[1:], chain[0].end())
        if first == "1":
            # OCR loses the first marker's dot or misreads it ("1 Memahami … 2. Mampu …",
            # "l. …", "4 …"): a list that goes on with 2., 3. still starts at the top
            rest = _sequential_chain(text, pattern, "2")
            head = _MANGLED_FIRST.match(text)
            if rest and head and head.end() <= rest[0].start():
                return _items_from(text, rest, head.end())
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
