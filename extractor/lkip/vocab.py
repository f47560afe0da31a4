"""The LKIP vocabulary (extractor/data/lkip.yml), compiled once."""

from __future__ import annotations

import re
from functools import cache

from extractor.fields.data import load

Patterns = tuple[re.Pattern[str], ...]


def _compile(patterns: list[str]) -> Patterns:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@cache
def data() -> dict:
    """The whole vocabulary file."""
    return dict(load("lkip.yml"))


@cache
def groups(name: str) -> dict[str, Patterns]:
    """A mapping section of lkip.yml (chapters, columns, analyses…) as compiled patterns."""
    return {key: _compile(values) for key, values in data()[name].items()}


@cache
def patterns(name: str) -> Patterns:
    """A list section of lkip.yml (legal_basis_heading, total_row, not_current)."""
    return _compile(data()[name])


@cache
def ordered(name: str) -> tuple[Patterns, ...]:
    """A list-of-lists section of lkip.yml (budget_levels) as compiled patterns, in order."""
    return tuple(_compile(values) for values in data()[name])


@cache
def regex(name: str) -> re.Pattern[str]:
    """A single-pattern entry of lkip.yml (budget_code), compiled."""
    return re.compile(data()[name], re.IGNORECASE)


def bab_chapter(number: str) -> str | None:
    """The usual chapter key of "BAB <number>" (I → pendahuluan …)."""
    return data()["bab_numbers"].get(number.upper())


@cache
def bab_words() -> tuple[str, ...]:
    """The word "BAB" and its OCR misreads, longest first."""
    return tuple(sorted(map(str, data()["bab_words"]), key=len, reverse=True))


@cache
def numeral_lookalikes() -> dict[str, str]:
    """Characters OCR reads in place of Roman numeral letters ("l" → "I")."""
    return {str(k): str(v) for k, v in data()["numeral_lookalikes"].items()}


@cache
def chapter_titles() -> tuple[tuple[str, str], ...]:
    """(key, printed title) of every standard chapter title."""
    return tuple((key, str(t)) for key, titles in data()["chapter_titles"].items() for t in titles)


def first_key(text: str, name: str) -> str | None:
    """The first key of section ``name`` with a pattern found in ``text``."""
    for key, pats in groups(name).items():
        if any(p.search(text) for p in pats):
            return key
    return None


def any_match(text: str, pats: Patterns) -> bool:
    return any(p.search(text) for p in pats)
