"""Numbers written the Indonesian way: "1.234,56", "95,5 %", "Rp 1.187.500.000,00".

A comma is the decimal mark and a dot groups thousands. A lone dot is a
decimal point unless exactly three digits follow it ("12.5" → 12.5, "1.250" →
1250). When both marks occur, the last one is the decimal mark, so English
"1,234.56" also reads right. Number words ("dua puluh lima") are read by
:func:`words_to_number` with the vocabulary of ``extractor/data/number_words.yml``.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from extractor.fields.data import load
from extractor.fields.text import fix_ocr_digits

# A number token: optional minus (ASCII, Unicode minus, en dash), digits with
# dot/comma groups, and the Rupiah ",-" ending ("Rp 5.000,-").
NUMBER_TOKEN = re.compile(r"(?<![\w.,])(?P<sign>[-−–]\s?)?(?P<num>\d+(?:[.,]\d+)*)(?:,-)?")
# A whole value in accounting parentheses: "(1.234)" is −1234.
PARENTHESISED = re.compile(r"^\s*\((?P<inner>[^()]*)\)\s*$")
THOUSANDS_GROUP = re.compile(r"^\d{1,3}(?:\d{3})*$")


def _grouped(integer_part: str, sep: str) -> str | None:
    """Digits of a thousands-grouped integer ("1.250.000" → "1250000"), if well formed."""
    groups = integer_part.split(sep)
    if len(groups[0]) > 3 or not groups[0] or any(len(g) != 3 for g in groups[1:]):
        return None
    return "".join(groups)


def _digits(num: str) -> str | None:
    """``num`` as a Python float literal, or None when its grouping is malformed."""
    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        decimal = "," if num.rfind(",") > num.rfind(".") else "."
        group = "." if decimal == "," else ","
        integer, _, fraction = num.rpartition(decimal)
        if group in fraction:
            return None
        whole = _grouped(integer, group) if group in integer else integer
        return f"{whole}.{fraction}" if whole is not None else None
    if commas > 1:
        return _grouped(num, ",")
    if commas == 1:
        return num.replace(",", ".")
    if dots > 1:
        return _grouped(num, ".")
    if dots == 1 and len(num.rpartition(".")[2]) == 3:
        return num.replace(".", "")
    return num


def parse_number(text: str) -> float | None:
    """The first number in ``text`` read the Indonesian way; None when there is none.

    >>> parse_number("Rp 1.187.500.000,00"), parse_number("95,5 %"), parse_number("(1.234)")
    (1187500000.0, 95.5, -1234.0)
    """
    text = fix_ocr_digits(text or "")
    negative = False
    paren = PARENTHESISED.match(text)
    if paren:
        text, negative = paren["inner"], True
    match = NUMBER_TOKEN.search(text)
    if not match:
        return None
    literal = _digits(match["num"])
    if literal is None:
        return None
    value = float(literal)
    if not math.isfinite(value):
        return None
    if match["sign"]:
        negative = not negative
    return -value if negative and value else value


@cache
def _number_words() -> dict[str, Any]:
    return dict(load("number_words.yml"))


def number_word_list() -> list[str]:
    """Every number word (atoms, "belas", "puluh", "ratus"), longest first."""
    data = _number_words()
    words = [*data["atoms"], data["teen"], data["tens"], data["hundreds"]]
    return sorted(words, key=len, reverse=True)


def words_to_number(text: str) -> float | None:
    """The value of Indonesian number words ("dua puluh lima" → 25); None if any
    word is not a number word."""
    data = _number_words()
    atoms: dict[str, float] = data["atoms"]
    total = current = 0.0
    seen = False
    for word in text.lower().split():
        if word in atoms:
            value = float(atoms[word])
            if value >= 100:
                total, current = total + current + value, 0.0
            else:
                current += value
        elif word == data["teen"]:
            total, current = total + current + 10, 0.0
        elif word == data["tens"]:
            total, current = total + current * 10, 0.0
        elif word == data["hundreds"]:
            total, current = total + max(current, 1) * 100, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None
