"""Reading a block of lines that names an official: position, name, rank, NIP."""

from __future__ import annotations

import re

from extractor.fields.dates import parse_date
from extractor.fields.nip import find_nip
from extractor.models import Person
from extractor.sop.lexicon import labels, norm, title_case

# "Paringin, 3 Januari 2023": a place, a comma, a date.
PLACE_DATE = re.compile(r"^\s*(?P<place>[A-Za-z][A-Za-z .'\-]{1,40}?)\s*,\s*(?P<date>.{6,30})$")
# A date alone on a line: "13 Mei 2024", "13-05-2024", "13/5/2024".
BARE_DATE = re.compile(r"^\d{1,2}(?:\s+[A-Za-z]{3,10}\s+|[-/.]\d{1,2}[-/.])\d{4}$")
# Golongan: "IV/c", "IV c", "III/d", "IV.a"
GOLONGAN = re.compile(r"\b(I{1,3}|IV)\s*[/.\- ]?\s*[a-eA-E]\b")
# A NIP line, with the label spelt right or wrong ("NIP.", "NPL", "N I P"), or a run of
# 8 digits (the NIP's birth date), which no name or position holds, however OCR broke
# the rest of the line ("N'" . 19690407 1 “503 1 002").
NIP_LINE = re.compile(r"^\s*(N\s?I\s?P|NPL|NIP\.?|NRP)\b|\d{8}")
# Letters-only words of a line, and the golongan's letters and numerals among them.
_LETTER_WORDS = re.compile(r"[a-z]+")
_GOLONGAN_PARTS = frozenset({"i", "ii", "iii", "iv", "a", "b", "c", "d", "e"})
# Honorifics written before a name ("H.", "Hj.", "Dr.").
_HONORIFICS = r"(?:H|Hj|Dr|Drs|Dra|Ir|Prof)\.\s"
# An honorific opening a name's line ("Hj. Rahm:" of a name a signature's stroke split).
HONORIFIC = re.compile("^" + _HONORIFICS)
# An honorific before a name or a degree after its comma: what marks a line as a name.
NAME_MARK = re.compile(
    r"(?:^|\s)" + _HONORIFICS + r"|,\s*\S{0,3}\s*(?:S|M|Dr|Ir|A|D)\.\s?[A-Za-z]{1,5}\b"
)
#: A name split by a stroke across it is read in at most this many pieces.
NAME_PIECES = 3
# Words that make a line a position (jabatan) rather than a name.
_POSITION_WORDS = re.compile(
    r"\b(kepala|camat|lurah|sekretaris|inspektur|direktur|bupati|wali\s*kota|walikota|gubernur"
    r"|plt|plh|pj|an\.?|a\.n\.?|kasat|kadis|kaban|kabid|kabag|kasubbag|kasi|sekda|ketua)\b",
    re.IGNORECASE,
)


def is_rank_line(line: str) -> bool:
    n = norm(line)
    words = set(n.split())
    ranks = set(labels()["rank_words"])
    return (
        (bool(GOLONGAN.search(line)) and bool(words & ranks))
        or n.startswith(("pembina", "penata", "pengatur", "juru"))
        # rank words and golongan letters only: a rank line OCR garbled ("Tingkat | / b"
        # of "Pembina Tingkat I / IV b")
        or (bool(words & ranks) and set(_LETTER_WORDS.findall(n)) <= ranks | _GOLONGAN_PARTS)
    )


def _is_name_line(line: str) -> bool:
    """A line marked as a person's name: an honorific before it ("H.", "Hj.", "Dr.") or a
    degree after a comma (", S.Sos.", ", M.AP")."""
    return bool(NAME_MARK.search(line)) and not is_position_line(line)


def is_region_line(line: str) -> bool:
    n = norm(line)
    return any(n.startswith(p + " ") for p in labels()["region_prefixes"]) and len(n.split()) <= 6


def is_position_line(line: str) -> bool:
    return bool(_POSITION_WORDS.search(line))


def _is_noise(line: str) -> bool:
    """Stamp text ('SAT.POL.PP'), lone punctuation, signature scribbles."""
    s = line.strip()
    return (" " not in s and "." in s and s.upper() == s) or len(re.sub(r"\W", "", s)) < 2


def parse_person(lines: list[str]) -> Person:
    """Position, name, rank and NIP from the lines of a signature/approval block."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    nip = None
    nip_idx = None
    for i, ln in enumerate(lines):
        found = find_nip(ln)
        if found or NIP_LINE.search(ln):
            nip, nip_idx = found, i
            break
    rank_idx = next((i for i, ln in enumerate(lines) if is_rank_line(ln)), None)
    stop = min(i for i in (nip_idx, rank_idx, len(lines)) if i is not None)
    name_idx = None
    for i in range(stop - 1, -1, -1):
        ln = lines[i]
        if _is_noise(ln) or is_region_line(ln) or (PLACE_DATE.match(ln) and parse_date(ln)):
            continue
        if not is_position_line(ln):
            name_idx = i
        break
    name_start = name_idx
    if name_idx is not None and not _is_name_line(lines[name_idx]):
        # a stamp's or a signature's strokes over the block leave pieces of lines between
        # the name and the rank or NIP ("Per’" of "Pembina Utama"): the name is the nearest
        # line marked as one above them, with its own pieces ("Hj. Rahm:" "Pr" "Noor, “ss.,
        # M.AP": the signature's stroke across it) from the one its honorific opens
        marked = next((i for i in range(name_idx - 1, -1, -1) if _is_name_line(lines[i])), None)
        if marked is not None and all(
            not is_position_line(x) for x in lines[marked + 1 : name_idx]
        ):
            name_idx = name_start = marked
    if name_idx is not None:
        opener = next(
            (
                i
                for i in range(name_idx - 1, max(-1, name_idx - NAME_PIECES), -1)
                if HONORIFIC.match(lines[i]) and not is_position_line(lines[i])
            ),
            None,
        )
        if opener is not None and not HONORIFIC.match(lines[name_idx]):
            name_start = opener
    position_lines = [
        ln
        for ln in lines[: name_start if name_start is not None else stop]
        if not _is_noise(ln)
        # a date line (with its place, or alone: a date row read into the block)
        and not ((PLACE_DATE.match(ln) or BARE_DATE.match(ln)) and parse_date(ln))
    ]
    position = " ".join(title_case(x) for x in position_lines).strip() or None
    return Person(
        position=position,
        name=" ".join(lines[name_start : name_idx + 1]) if name_idx is not None else None,
        nip=nip,
        rank=lines[rank_idx] if rank_idx is not None else None,
    )
