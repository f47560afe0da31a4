"""Normalising and comparing Indonesian texts fuzzily (rapidfuzz)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from rapidfuzz import fuzz

from rules.lib.knowledge import load

# Anything that is not a letter or digit separates words ("PermenPAN-RB", "Kab.").
_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Two texts whose normalised forms score at least this (rapidfuzz ratio) are "the same"
#: apart from small typos ("Reviu Atas" vs "reviu atas", "LAKI" vs "LAKIP").
SAME_TEXT_RATIO = 90
#: Two words at least this similar count as the same word ("pemerintah" / "pemerintahan").
SAME_WORD_RATIO = 85


def normalise(text: str | None) -> str:
    """Lower-case, punctuation to spaces, spaces collapsed."""
    if not text:
        return ""
    return " ".join(_NON_WORD.split(text.lower())).strip()


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(load("vocabulary")["stopwords"])


def content_words(text: str | None) -> list[str]:
    """Normalised words without stopwords, in order."""
    return [w for w in normalise(text).split() if w not in _stopwords()]


def word_in(word: str, words: list[str]) -> bool:
    """``word`` is (nearly) one of ``words``: small typos and suffixes tolerated."""
    return any(
        w == word or (min(len(w), len(word)) >= 5 and fuzz.ratio(w, word) >= SAME_WORD_RATIO)
        for w in words
    )


def same_text(a: str | None, b: str | None) -> bool:
    """The same text apart from case, punctuation and small typos."""
    na, nb = normalise(a), normalise(b)
    return bool(na and nb) and (na == nb or fuzz.ratio(na, nb) >= SAME_TEXT_RATIO)


def covers(supply: str | None, need: str | None, threshold: float = 0.75) -> bool:
    """True when ``supply`` names what ``need`` names: most of ``need``'s words are in it.

    "Draft LKIP" covers "Draft LKIP"; "Mengumpulkan data laporan kinerja triwulan" covers
    "Data laporan kinerja triwulan"; "Draft Laporan Kinerja" does not cover
    "Hasil koreksi Laporan Kinerja Triwulan".
    """
    need_words = content_words(need)
    supply_words = content_words(supply)
    if not need_words or not supply_words:
        return False
    if same_text(supply, need):
        return True
    found = sum(1 for w in need_words if word_in(w, supply_words))
    return found / len(need_words) >= threshold


def quote(text: str | None, limit: int = 200) -> str | None:
    """Evidence text, shortened to ``limit`` characters."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(value: date, lang: str = "id") -> str:
    """A date as people write it: '3 Januari 2023' / '3 January 2023'."""
    months = _MONTHS["en" if lang == "en" else "id"]
    return f"{value.day} {months[value.month - 1]} {value.year}"
