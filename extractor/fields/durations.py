"""Mutu Baku time standards: "10 Menit", "2 Jam", "1 (satu) hari", "1-2 hari".

Units, their spellings and the working-week / working-month norms live in
``extractor/data/duration_units.yml``. A day is ``workday_hours`` hours (8 by
default), so "1 hari" is 480 minutes and "1 Minggu" 5 working days. A count
without a known unit ("3 kali", "segera") keeps its text with ``minutes`` None.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from extractor.fields.data import load
from extractor.fields.numbers import number_word_list, words_to_number
from extractor.fields.text import fix_ocr_digits, is_derived_word, squash
from extractor.models import Duration

FUZZY_UNIT_CUTOFF = 80  # rapidfuzz ratio for a misspelt unit ("menitt", "jamm")
FUZZY_UNIT_MIN_LEN = 4  # shorter words must be an exact spelling
DEFAULT_WORKDAY_HOURS = 8.0


@dataclass(frozen=True)
class _Unit:
    name: str
    seconds: float | None
    working_days: float | None

    def minutes(self, workday_hours: float) -> float:
        if self.seconds is not None:
            return self.seconds / 60
        return (self.working_days or 0) * workday_hours * 60


@dataclass(frozen=True)
class _Grammar:
    units: dict[str, _Unit]  # spelling -> unit
    term: re.Pattern[str]
    range_term: re.Pattern[str]
    times_term: re.Pattern[str]
    loose_term: re.Pattern[str]
    working: re.Pattern[str]
    number_words: re.Pattern[str]
    spelled_out: re.Pattern[str]
    one_unit: re.Pattern[str]
    fractions: dict[str, float]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _grammar() -> _Grammar:
    data = load("duration_units.yml")
    numbers = load("number_words.yml")
    units: dict[str, _Unit] = {}
    for entry in data["units"]:
        unit = _Unit(entry["name"], entry.get("seconds"), entry.get("working_days"))
        for spelling in entry["spellings"]:
            units[spelling.lower()] = unit
    fractions = {k: float(v) for k, v in numbers["fractions"].items()}
    # A quantity: "10", "1,5", "1.5", "1½", "½".
    qty = rf"(?:\d+(?:[.,]\d+)?\s?[{''.join(fractions)}]?|[{''.join(fractions)}])"
    # A unit spelling not followed by a letter ("2Jam", "15'", but not "min" in "minggu").
    unit = rf"(?:{_alternation(list(units))})(?![a-z])"
    range_sep = _alternation(data["range_words"])
    times = _alternation(data["times_words"])
    number_words = _alternation(number_word_list())
    long_units = [s for s in units if len(s) >= 3 and s.isalpha()]
    return _Grammar(
        units=units,
        # "2 jam", "2Jam", "2-Jam", "2 (dua) jam" (the words are dropped earlier).
        term=re.compile(rf"(?P<q>{qty})\s*-?\s*(?P<u>{unit})"),
        # "1-2 hari", "1 s/d 2 hari", "30 menit - 1 jam".
        range_term=re.compile(
            rf"(?P<q1>{qty})\s*(?P<u1>{unit})?\s*(?:{range_sep})\s*(?P<q2>{qty})\s*-?\s*(?P<u2>{unit})"
        ),
        # "2 x 24 jam", "3 × 8 jam".
        times_term=re.compile(rf"(?P<a>{qty})\s*(?:{times})\s*(?P<b>{qty})\s*-?\s*(?P<u>{unit})"),
        # A quantity and an unknown word, for the fuzzy unit fallback ("2 menitt").
        loose_term=re.compile(rf"(?P<q>{qty})\s*-?\s*(?P<w>[a-z]{{{FUZZY_UNIT_MIN_LEN},}})"),
        working=re.compile(rf"\b(?:{_alternation(data['working_day_markers'])})\b"),
        number_words=re.compile(rf"\b(?:{number_words})(?:\s+(?:{number_words}))*\b"),
        # "1 (satu) hari": the spelled-out repeat in parentheses.
        spelled_out=re.compile(rf"\(\s*(?:{number_words})(?:\s+(?:{number_words}))*\s*\)"),
        # "sehari", "sejam", "seminggu": one of the unit.
        one_unit=re.compile(rf"\b{numbers['one_prefix']}(?P<u>{_alternation(long_units)})\b"),
        fractions=fractions,
    )


def _quantity(text: str) -> float:
    grammar = _grammar()
    text = text.replace(" ", "")
    fraction = 0.0
    if text and text[-1] in grammar.fractions:
        fraction, text = grammar.fractions[text[-1]], text[:-1]
    return (float(text.replace(",", ".")) if text else 0.0) + fraction


#: Marks standing alone between words that carry nothing in a time: a stamp's or a
#: rule's debris read between a count and its unit ("15 ~ Menit", "2 | Jam").
STRAY_MARKS = re.compile(r"(?<!\S)[~|_`'\"•·¦]+(?!\S)")


def _normalise(text: str) -> str:
    grammar = _grammar()
    norm = fix_ocr_digits(squash(STRAY_MARKS.sub(" ", text))).lower()
    norm = grammar.spelled_out.sub(" ", norm)
    norm = grammar.one_unit.sub(lambda m: f"1 {m['u']}", norm)

    def spell(m: re.Match[str]) -> str:
        value = words_to_number(m.group())
        return f"{value:g}" if value is not None else m.group()

    return grammar.number_words.sub(spell, norm)


def _terms(norm: str, workday_hours: float) -> tuple[float, float | None, str] | None:
    """(minutes, minutes_max, unit name) of the first duration expression."""
    grammar = _grammar()
    per = {s: u.minutes(workday_hours) for s, u in grammar.units.items()}
    found = grammar.range_term.search(norm)
    if found:
        upper_unit = found["u2"]
        lower_unit = found["u1"] or upper_unit
        return (
            _quantity(found["q1"]) * per[lower_unit],
            _quantity(found["q2"]) * per[upper_unit],
            grammar.units[lower_unit].name,
        )
    found = grammar.times_term.search(norm)
    if found:
        minutes = _quantity(found["a"]) * _quantity(found["b"]) * per[found["u"]]
        return minutes, None, grammar.units[found["u"]].name
    terms = list(grammar.term.finditer(norm))
    if terms:
        # "1 jam 30 menit": adjacent terms add up; stop at the first gap with words.
        total, last = 0.0, terms[0].start()
        for term in terms:
            if re.search(
                r"[a-z0-9]", re.sub(r"\b(?:dan|lebih)\b|[,+]", "", norm[last : term.start()])
            ):
                break
            total += _quantity(term["q"]) * per[term["u"]]
            last = term.end()
        return total, None, grammar.units[terms[0]["u"]].name
    for loose in grammar.loose_term.finditer(norm):
        word = loose["w"]
        best = process.extractOne(
            word, list(per), scorer=fuzz.ratio, score_cutoff=FUZZY_UNIT_CUTOFF
        )
        if best and not is_derived_word(word, best[0]):
            return _quantity(loose["q"]) * per[best[0]], None, grammar.units[best[0]].name
    return None


def parse_duration(text: str, workday_hours: float = DEFAULT_WORKDAY_HOURS) -> Duration | None:
    """A Mutu Baku time as a :class:`Duration`; None for empty text.

    >>> parse_duration("1-2 hari").model_dump(exclude={"text"})
    {'minutes': 480.0, 'minutes_max': 960.0, 'unit': 'hari', 'working_days': False}
    """
    clean = squash(text or "")
    if not re.search(r"\w|[½¼¾⅓'’′\"″]", clean):
        return None
    if not (math.isfinite(workday_hours) and workday_hours > 0):
        workday_hours = DEFAULT_WORKDAY_HOURS
    norm = _normalise(clean)
    parsed = _terms(norm, workday_hours)
    working = bool(_grammar().working.search(norm))
    if parsed is None:
        return Duration(text=clean, working_days=working)
    minutes, minutes_max, unit = parsed
    return Duration(
        text=clean,
        minutes=round(minutes, 4),
        minutes_max=round(minutes_max, 4) if minutes_max is not None else None,
        unit=unit,
        working_days=working,
    )
