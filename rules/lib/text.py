"""Normalising and comparing Indonesian texts fuzzily (rapidfuzz)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from rapidfuzz import fuzz

from extractor.scan.normalise import is_known  # the extractor's vocabulary
from rules.lib.knowledge import load

# Anything that is not a letter or digit separates words ("PermenPAN-RB", "Kab.").
_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Two texts whose normalised forms score at least this (rapidfuzz ratio) are "the same"
#: apart from small typos ("Reviu Atas" vs "reviu atas", "LAKI" vs "LAKIP").
SAME_TEXT_RATIO = 90
#: Two words at least this similar count as the same word ("pemerintah" / "pemerintahan").
SAME_WORD_RATIO = 85
#: Texts read by OCR (a scan's or a photo's record) differ from what is printed by
#: misread letters, debris and words that are not the document's. There, two words of at
#: least ``OCR_WORD_MIN_LEN`` letters this similar are the same word ("terverdikaasi" /
#: "terverifikasi", "Surat" / "Swat"), and a lone letter is debris, no word ("N", "f":
#: a rule's or a stamp's stroke).
OCR_WORD_RATIO, OCR_WORD_MIN_LEN = 75, 4
#: ... and a text names what an OCR'd one names when that one holds all of its words (two
#: at least, this share of the OCR'd text's): a stamp's words read into the cell ("KTP-el
#: tercetak PEMERINTAH KABUPATEN") or two items whose separator was lost run together
#: ("Nomor antrean perekaman Berkas terverifikasi").
OCR_HELD_SHARE = 0.4
#: An OCR'd text can be read when one of its words of at least this many letters is a
#: word of the language or of this domain (the extractor's vocabulary), or one of its
#: tokens is named elsewhere in the record (:func:`readable`); else it is debris, a
#: stamp's letters or print misread past reading ("—", "/ /", "KABU", "(ABUPATEN").
READABLE_WORD_LEN = 4
_TOKENS = re.compile(r"[^\W_]+")


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


def word_in(word: str, words: list[str], ocr: bool = False) -> bool:
    """``word`` is (nearly) one of ``words``: small typos and suffixes tolerated, and
    (``ocr``) misread letters (``OCR_WORD_RATIO``)."""
    ratio, shortest = (OCR_WORD_RATIO, OCR_WORD_MIN_LEN) if ocr else (SAME_WORD_RATIO, 5)
    return any(
        w == word or (min(len(w), len(word)) >= shortest and fuzz.ratio(w, word) >= ratio)
        for w in words
    )


def same_text(a: str | None, b: str | None) -> bool:
    """The same text apart from case, punctuation and small typos."""
    na, nb = normalise(a), normalise(b)
    return bool(na and nb) and (na == nb or fuzz.ratio(na, nb) >= SAME_TEXT_RATIO)


def covers(
    supply: str | None, need: str | None, threshold: float = 0.75, ocr: bool = False
) -> bool:
    """True when ``supply`` names what ``need`` names: most of ``need``'s words are in it.

    "Draft LKIP" covers "Draft LKIP"; "Mengumpulkan data laporan kinerja triwulan" covers
    "Data laporan kinerja triwulan"; "Draft Laporan Kinerja" does not cover
    "Hasil koreksi Laporan Kinerja Triwulan".

    ``ocr``: the texts were read by OCR; words are compared as misread (``OCR_WORD_RATIO``,
    lone letters left out), and a ``need`` that holds all of ``supply``'s words is covered
    too (``OCR_HELD_SHARE``): the rest is a stamp's words or another item run in.
    """
    need_words = content_words(need)
    supply_words = content_words(supply)
    if ocr:
        need_words = [w for w in need_words if len(w) > 1]
        supply_words = [w for w in supply_words if len(w) > 1]
    if not need_words or not supply_words:
        return False
    if same_text(supply, need):
        return True
    found = sum(1 for w in need_words if word_in(w, supply_words, ocr))
    if found / len(need_words) >= threshold:
        return True
    if not ocr or len(supply_words) < 2:
        return False
    held = sum(1 for w in supply_words if word_in(w, need_words, ocr))
    return held == len(supply_words) and held >= OCR_HELD_SHARE * len(need_words)


def readable(text: str | None, seen: frozenset[str] = frozenset()) -> bool:
    """Whether an OCR'd text holds a word a reader can read: a word of the language or of
    this domain (``READABLE_WORD_LEN`` letters or more), or a token of three characters or
    more the record reads elsewhere (``seen``, lower case: "SPP-LS" named in a step's
    activity)."""
    return any(
        (len(w) >= READABLE_WORD_LEN and is_known(w)) or (len(w) >= 3 and w.lower() in seen)
        for w in _TOKENS.findall(text or "")
    )


#: Words in capitals this short are acronyms (SKRD, DPA, SPPD), no misreading.
ACRONYM_MAX_LEN = 5
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def misread_words(text: str | None, seen: frozenset[str] = frozenset()) -> list[str]:
    """The words of an OCR'd text a reader cannot take as read: runs of letters
    (``READABLE_WORD_LEN`` or more) that are no word of the language or the domain and
    that the record does not read elsewhere (``seen``, lower case), acronyms in capitals
    apart ("vertiuss" in "Jadwal vertiuss", for verifikasi)."""
    return [
        w
        for w in _LETTER_RUNS.findall(text or "")
        if len(w) >= READABLE_WORD_LEN
        and not (w.isupper() and len(w) <= ACRONYM_MAX_LEN)
        and not is_known(w)
        and w.lower() not in seen
    ]


def tokens(text: str | None) -> set[str]:
    """The lower-case tokens (letters and digits) of a text."""
    return {w.lower() for w in _TOKENS.findall(text or "")}


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
