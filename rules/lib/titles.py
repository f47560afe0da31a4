"""Job titles (jabatan), their rank, outside parties and agency types (rules/data/titles.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from rules.lib.knowledge import load
from rules.lib.text import normalise

#: A role one letter away from a known abbreviation is probably a typo of it ("KASAD");
#: an unknown title further away is just a title the lexicon lacks, not a defect.
TYPO_EDITS = 1


@dataclass(frozen=True)
class Title:
    """A known job title."""

    key: str
    label: str
    names: tuple[str, ...]
    rank: int
    head: bool
    agency_types: tuple[str, ...]
    territorial: bool = False


@dataclass(frozen=True)
class AgencyType:
    """A kind of agency (Dinas, Badan, Satpol PP, Kecamatan…)."""

    key: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    head: str
    secretary: str


@dataclass(frozen=True)
class Mention:
    """A title named inside a text."""

    title: Title
    start: int
    end: int
    text: str
    qualified: bool  # followed by an agency or unit name ("Kepala Dinas Kesehatan")


@cache
def titles() -> tuple[Title, ...]:
    """Known titles, longest names first so that "Kepala Sub Bagian" wins over "Kepala"."""
    out = []
    for raw in load("titles")["titles"]:
        out.append(
            Title(
                key=raw["key"],
                label=raw["label"],
                names=tuple(normalise(n) for n in raw["names"]),
                rank=int(raw["rank"]),
                head=bool(raw.get("head", False)),
                agency_types=tuple(raw.get("agency_types") or ()),
                territorial=bool(raw.get("territorial", False)),
            )
        )
    return tuple(out)


@cache
def _names_longest_first() -> tuple[tuple[str, Title], ...]:
    pairs = [(name, title) for title in titles() for name in title.names]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def agency_types() -> tuple[AgencyType, ...]:
    """Agency types in matching order."""
    return tuple(
        AgencyType(
            key=raw["key"],
            label=raw["label"],
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["keywords"]),
            head=raw["head"],
            secretary=raw["secretary"],
        )
        for raw in load("titles")["agency_types"]
    )


@cache
def outside_parties() -> tuple[str, ...]:
    return tuple(normalise(p) for p in load("titles")["outside_parties"])


def title_by_key(key: str) -> Title | None:
    return next((t for t in titles() if t.key == key), None)


def agency_type_of(text: str | None) -> AgencyType | None:
    """The agency type named in ``text`` ("Satuan Polisi Pamong Praja Kabupaten …").

    The earliest agency word names it: "Kelurahan Loktabat Utara Kecamatan Banjarbaru
    Utara" is a Kelurahan (ties go to the type listed first).
    """
    if not text:
        return None
    best: tuple[int, int, AgencyType] | None = None
    for order, agency in enumerate(agency_types()):
        for pattern in agency.patterns:
            match = pattern.search(text)
            if match and (best is None or (match.start(), order) < best[:2]):
                best = (match.start(), order, agency)
    return best[2] if best else None


@cache
def recognise(role: str | None) -> Title | None:
    """The title a role or position starts with ("Kasubbag Perencanaan" → Kepala Sub Bagian).

    "Kepala <agency name>" ("Kepala BAPPEDALITBANG Kabupaten Balangan") is the head of that
    agency type.
    """
    text = normalise(role)
    if not text:
        return None
    for name, title in _names_longest_first():
        if text == name or text.startswith(name + " "):
            return title
    if text.startswith("kepala "):
        agency = agency_type_of(text[len("kepala ") :])
        if agency is not None:
            return title_by_key(agency.head)
    return None


def is_outside_party(text: str) -> bool:
    norm = normalise(text)
    return any(norm == p or norm.startswith(p + " ") for p in outside_parties())


def mentions(text: str | None) -> list[Mention]:
    """Titles named in an activity text, with whether a unit/agency name follows."""
    norm = normalise(text)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name, title in _names_longest_first():
        for match in re.finditer(rf"\b{re.escape(name)}\b", norm):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            # An outside party that contains a title word ("sekretaris daerah") is not a title.
            if is_outside_party(norm[start:]):
                continue
            taken.append((start, end))
            rest = norm[end:].split()
            qualified = bool(rest) and rest[0] not in _UNQUALIFYING
            found.append(Mention(title, start, end, norm[start:end], qualified))
    return sorted(found, key=lambda m: m.start)


# Words that may follow a bare title without naming a unit ("kepada Kepala Dinas untuk …").
_UNQUALIFYING = frozenset(
    [
        "untuk",
        "dan",
        "atau",
        "kemudian",
        "yang",
        "selanjutnya",
        "guna",
        "agar",
        "dengan",
        "melalui",
        "oleh",
        "sebagai",
        "dalam",
        "atas",
        "ke",
        "kepada",
        "pada",
        "di",
        "serta",
        "beserta",
    ]
)


def typo_of(role: str | None) -> tuple[Title, str] | None:
    """A known short title (and its spelling) the role's first word probably misspells.

    "KASAD" → (Kepala Satuan, "kasat").
    """
    words = normalise(role).split()
    if not words or recognise(role) is not None:
        return None
    first = words[0]
    best: tuple[float, Title, str] | None = None
    for name, title in _names_longest_first():
        if " " in name or len(name) < 4 or abs(len(name) - len(first)) > 1:
            continue
        if Levenshtein.distance(first, name) > TYPO_EDITS:
            continue
        score = fuzz.ratio(first, name)
        if best is None or score > best[0]:
            best = (score, title, name)
    return (best[1], best[2]) if best else None


def names_other_agency(text: str | None, mention: Mention) -> bool:
    """The words after a title name another agency ("Kepala Dinas Kesehatan")."""
    if not mention.qualified:
        return False
    if mention.title.rank <= 2 and mention.title.agency_types:
        return True  # "Kepala Badan Kepegawaian …": the title itself names an agency
    rest = " ".join(normalise(text)[mention.end :].split()[:4])
    return agency_type_of(rest) is not None


def internal_mentions(text: str | None, max_rank: int = 4) -> list[Mention]:
    """Titles of the agency's own structure named in a text (not outside parties or staff)."""
    return [
        m for m in mentions(text) if m.title.rank <= max_rank and not names_other_agency(text, m)
    ]
