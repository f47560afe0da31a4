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
# A NIP line, with the label spelt right or wrong ("NIP.", "NPL", "N I P").
NIP_LINE = re.compile(r"^\s*(N\s?I\s?P|NPL|NIP\.?|NRP)\b|\d{8}\s?\d{6}\s?\d\s?\d{3}")
# Words that make a line a position (jabatan) rather than a name.
_POSITION_WORDS = re.compile(
    r"\b(kepala|camat|lurah|sekretaris|inspektur|direktur|bupati|wali\s*kota|walikota|gubernur"
    r"|plt|plh|pj|an\.?|a\.n\.?|kasat|kadis|kaban|kabid|kabag|kasubbag|kasi|sekda|ketua)\b",
    re.IGNORECASE,
)


def is_rank_line(line: str) -> bool:
    n = norm(line)
    words = set(n.split())
    return (bool(GOLONGAN.search(line)) and bool(words & set(labels()["rank_words"]))) or (
        n.startswith(("pembina", "penata", "pengatur", "juru"))
    )


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
    position_lines = [
        ln
        for ln in lines[: name_idx if name_idx is not None else stop]
        if not _is_noise(ln)
        # a date line (with its place, or alone: a date row read into the block)
        and not ((PLACE_DATE.match(ln) or BARE_DATE.match(ln)) and parse_date(ln))
    ]
    position = " ".join(title_case(x) for x in position_lines).strip() or None
    return Person(
        position=position,
        name=lines[name_idx] if name_idx is not None else None,
        nip=nip,
        rank=lines[rank_idx] if rank_idx is not None else None,
    )
