"""Small text normalisations shared by the field parsers."""

from __future__ import annotations

import re
from functools import cache

from extractor.fields.data import load

# Runs of whitespace, including non-breaking and zero-width spaces from exports.
_SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")
# HTML tags left in text exports (`<ol style="…">` in the Bappedalitbang seed).
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return _SPACES.sub(" ", text).strip()


@cache
def _confusions() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = load("digit_confusions.yml")["digits"]
    letters = re.escape("".join(table))
    # A confusable letter with a digit (or another confusable next to a digit) on
    # either side: "2O14", "l5", "1OO".
    pattern = re.compile(rf"(?<=\d)[{letters}]|[{letters}](?=\d)")
    return pattern, table


def fix_ocr_digits(text: str) -> str:
    """Letters misread for digits turned into digits where they touch a digit.

    Same length as ``text``, so character offsets stay valid. Repeated so a run
    like "2OO3" is fixed from its digit outwards.
    """
    pattern, table = _confusions()
    for _ in range(4):
        fixed = pattern.sub(lambda m: table[m.group()], text)
        if fixed == text:
            break
        text = fixed
    return text


def ocr_number(token: str) -> str:
    """A token of digits and confusable letters ("2O14") as digits; else unchanged."""
    _, table = _confusions()
    if token and any(c.isdigit() for c in token) and all(c.isdigit() or c in table for c in token):
        return "".join(table.get(c, c) for c in token)
    return token


@cache
def function_words() -> tuple[frozenset[str], frozenset[str]]:
    """(terminators, connectors) of ``function_words.yml``, lower case."""
    data = load("function_words.yml")
    return frozenset(data["terminators"]), frozenset(data["connectors"])


def leading_name(words: list[str], max_words: int) -> list[str]:
    """The words of ``words`` up to a terminator or a digit, connectors trimmed."""
    terminators, connectors = function_words()
    name: list[str] = []
    for word in words:
        bare = word.strip(" ,;:.()").lower()
        if not bare:
            continue
        if bare in terminators or any(c.isdigit() for c in bare):
            break
        name.append(word)
    name = name[:max_words]
    while name and name[-1].strip(" ,;:.").lower() in connectors:
        name.pop()
    return name


def is_derived_word(word: str, key: str) -> bool:
    """True when ``word`` is ``key`` plus a suffix of two or more letters
    ("harian" from "hari", "pelaksanaan" from "pelaksana"): another word, not a
    misspelling, so a fuzzy match must not take it. "menitt" is a misspelling."""
    return word.startswith(key) and len(word) - len(key) >= 2
