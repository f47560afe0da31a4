"""Indonesian dates: "03 Maret 2023", "Paringin, 3 Januari 2023", "3-3-2023".

Month names, abbreviations and old spellings come from ``extractor/data/months.yml``;
a misspelt month name is matched with rapidfuzz. Letters misread for digits
("2O23", "l5") are fixed before matching, without moving character offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from rapidfuzz import fuzz, process

from extractor.fields.data import load
from extractor.fields.text import fix_ocr_digits

# "3 Maret 2023", "03-Mar-2023", "3 Agust. 2023", "3 Maret, 2023", "3Maret2023".
TEXT_DATE = re.compile(
    r"(?<![\d])(?P<day>\d{1,2})\s*[-./]?\s*(?P<month>[A-Za-z]{3,10})\.?\s*[-./,]?\s*"
    r"(?P<year>(?:19|20)\d{2})(?!\d)"
)
# "03/03/2023", "3-3-2023", "3.3.2023", "03 / 03 / 2023", "03/03/23" (same separator twice).
NUMERIC_DATE = re.compile(
    r"(?<![\d./-])(?P<day>\d{1,2})\s?(?P<sep>[-./])\s?(?P<month>\d{1,2})\s?(?P=sep)\s?"
    r"(?P<year>(?:19|20)\d{2}|\d{2})(?![\d])"
)
# "2023-03-03", "2023/03/03".
ISO_DATE = re.compile(
    r"(?<![\d./-])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<day>\d{1,2})(?![\d])"
)
FUZZY_MONTH_CUTOFF = 80  # rapidfuzz ratio for a misspelt month ("Desembar", "Januri")
FUZZY_MONTH_MIN_LEN = 4  # shorter words are only taken from the exact list

#: A date found in text: ISO string and its (start, end) character span.
DateHit = tuple[str, tuple[int, int]]


@cache
def _months() -> tuple[dict[str, int], dict[str, int]]:
    """(every spelling → month, full names → month)."""
    spellings: dict[str, int] = {}
    full: dict[str, int] = {}
    for month, names in load("months.yml").items():
        full[names[0]] = int(month)
        for name in names:
            spellings[name] = int(month)
    return spellings, full


def month_number(word: str) -> int | None:
    """1–12 for a month name, abbreviation or near-miss spelling; else None."""
    spellings, full = _months()
    key = word.lower().strip(". ")
    if key in spellings:
        return spellings[key]
    if len(key) < FUZZY_MONTH_MIN_LEN:
        return None
    best = process.extractOne(key, list(full), scorer=fuzz.ratio, score_cutoff=FUZZY_MONTH_CUTOFF)
    return full[best[0]] if best else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    if month is None:
        return None
    year_text = groups["year"]
    if len(year_text) == 2:
        if groups.get("sep") == ".":  # "1.2.23" is more likely a section number
            return None
        year = 2000 + int(year_text)
    else:
        year = int(year_text)
    return _iso(year, month, int(groups["day"]))


def find_dates(text: str) -> list[DateHit]:
    """Every valid date in ``text``, in order, as (ISO date, (start, end))."""
    view = fix_ocr_digits(text)
    hits: list[tuple[int, int, str]] = []
    for pattern in (ISO_DATE, TEXT_DATE, NUMERIC_DATE):
        for m in pattern.finditer(view):
            iso = _from_match(m)
            overlaps = any(m.start() < end and start < m.end() for start, end, _ in hits)
            if iso and not overlaps:
                hits.append((m.start(), m.end(), iso))
    return [(iso, (start, end)) for start, end, iso in sorted(hits)]


def parse_date(text: str) -> str | None:
    """The first valid date in ``text`` as ISO ``YYYY-MM-DD``; None when there is none.

    >>> parse_date("Paringin, 3 Januari 2023")
    '2023-01-03'
    >>> parse_date("31 Februari 2023") is None
    True
    """
    dates = find_dates(text)
    return dates[0][0] if dates else None
