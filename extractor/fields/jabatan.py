"""Job titles (jabatan) and agency types of local-government SOPs.

The lexicon (``extractor/data/jabatan.yml``) gives each canonical title its rank
and the agency types it heads; ``extractor/data/agency_types.yml`` maps agency
names to types. ``normalise_title`` reads a role header or a "Disahkan oleh"
position ("KASUBAG PERENCANAAN & PELAPORAN", "Ka. Sub. Bag. Umum", "Kepala
BAPPEDALITBANG"); ``find_titles`` finds titles inside activity texts with a
spaCy PhraseMatcher ("… kepada Kepala Dinas untuk …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from extractor.fields.data import load
from extractor.fields.nlp import build_phrase_matcher, find_phrases, longest_first, match_view
from extractor.fields.text import (
    HTML_TAG,
    function_words,
    is_derived_word,
    leading_name,
    squash,
)

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher

# Words of a title as written; "/" separates alternatives ("Staf/Jabatan Fungsional Umum").
TITLE_WORD = re.compile(r"[^\s/,;:()]+")
# Characters trimmed off a qualifier's ends.
QUALIFIER_EDGES = " \t,;:-–/().&"
# A leading list marker or quote before a title ("1. Kepala Dinas", "- Staf").
LEADING_JUNK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-–•*\"'])\s*")
# "atau"/"/" between two titles: alternatives, not a qualifier.
ALTERNATIVE = re.compile(r"^\s*(?:/|\batau\b)", re.I)

FUZZY_TITLE_CUTOFF = 88  # rapidfuzz ratio on the compact form ("kepalasubbagain")
FUZZY_TITLE_MIN_LEN = 6  # shorter aliases ("kasi", "camat") must match exactly
MAX_QUALIFIER_WORDS = 8


class JobTitle(BaseModel):
    """A job title normalised against the lexicon."""

    model_config = ConfigDict(frozen=True)

    canonical: str = Field(description="normalised title, e.g. 'Kepala Sub Bagian'")
    rank: int = Field(description="seniority; higher is more senior (Bupati 100, staf 30)")
    raw: str = Field(description="the title as written")
    qualifier: str | None = Field(
        default=None, description="what follows the title, e.g. 'Perencanaan dan Pelaporan'"
    )
    head_of: tuple[str, ...] = Field(default=(), description="agency types it heads")
    secretary_of: tuple[str, ...] = Field(default=(), description="agency types it is secretary of")
    score: float = Field(default=100.0, description="100 exact; lower for a fuzzy match")


@dataclass(frozen=True)
class _Entry:
    canonical: str
    rank: int
    aliases: tuple[str, ...]
    head_of: tuple[str, ...]
    secretary_of: tuple[str, ...]
    generic: str | None
    in_text: bool


@dataclass(frozen=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    by_compact: dict[str, int]  # compact alias -> entry index
    fuzzy_keys: dict[int, list[str]]  # word count -> compact aliases for fuzzy matching
    max_words: int
    acting: frozenset[str]
    not_after: frozenset[str]


def _compact(text: str) -> str:
    """Lower case with everything but letters and digits removed: "Ka. Sub. Bag." → "kasubbag"."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


@cache
def _lexicon() -> _Lexicon:
    data = load("jabatan.yml")
    entries = tuple(
        _Entry(
            canonical=e["canonical"],
            rank=int(e["rank"]),
            aliases=tuple(dict.fromkeys([e["canonical"], *e["aliases"]])),
            head_of=tuple(e.get("head_of", ())),
            secretary_of=tuple(e.get("secretary_of", ())),
            generic=e.get("generic"),
            in_text=e.get("in_text", True),
        )
        for e in data["titles"]
    )
    by_compact: dict[str, int] = {}
    fuzzy_keys: dict[int, list[str]] = {}
    for i, entry in enumerate(entries):
        for alias in entry.aliases:
            key = _compact(alias)
            by_compact.setdefault(key, i)
            if len(key) >= FUZZY_TITLE_MIN_LEN:
                fuzzy_keys.setdefault(len(TITLE_WORD.findall(match_view(alias))), []).append(key)
    max_words = max(fuzzy_keys)
    return _Lexicon(
        entries=entries,
        by_compact=by_compact,
        fuzzy_keys=fuzzy_keys,
        max_words=max_words,
        acting=frozenset(_compact(p) for p in data.get("acting_prefixes", ())),
        not_after=frozenset(data.get("not_after", ())),
    )


@cache
def _title_matcher() -> PhraseMatcher:
    lexicon = _lexicon()
    return build_phrase_matcher({str(i): e.aliases for i, e in enumerate(lexicon.entries)})


def _title(entry: _Entry, raw: str, qualifier: str | None, score: float = 100.0) -> JobTitle:
    """A JobTitle; a generic "Kepala"/"Sekretaris" takes the agency named after it."""
    if entry.generic and qualifier:
        kind = agency_type(qualifier)
        role = "head_of" if entry.generic == "head" else "secretary_of"
        specific = [
            e for e in _lexicon().entries if kind and kind in getattr(e, role) and not e.generic
        ]
        if specific:
            entry = specific[0]
    return JobTitle(
        canonical=entry.canonical,
        rank=entry.rank,
        raw=raw,
        qualifier=qualifier,
        head_of=entry.head_of,
        secretary_of=entry.secretary_of,
        score=round(score, 1),
    )


def _prefix_match(text: str, words: list[re.Match[str]]) -> tuple[int, int, float] | None:
    """(entry index, words used, score) of the longest alias the words begin with.

    An exact (compact) match wins unless a fuzzy match on more words exists
    ("Kepala Sub Bagain" is Kepala Sub Bagian, not Kepala + "Sub Bagain"); a
    fuzzy match compares k words with aliases of k words only.
    """
    lexicon = _lexicon()
    top = min(len(words), lexicon.max_words + 2)
    exact: tuple[int, int, float] | None = None
    for k in range(top, 0, -1):
        key = _compact(text[words[0].start() : words[k - 1].end()])
        if key in lexicon.by_compact:
            exact = lexicon.by_compact[key], k, 100.0
            break
    for k in range(top, exact[1] if exact else 0, -1):
        key = _compact(text[words[0].start() : words[k - 1].end()])
        if len(key) < FUZZY_TITLE_MIN_LEN or k not in lexicon.fuzzy_keys:
            continue
        best = process.extractOne(
            key, lexicon.fuzzy_keys[k], scorer=fuzz.ratio, score_cutoff=FUZZY_TITLE_CUTOFF
        )
        if best and not is_derived_word(key, best[0]):
            return lexicon.by_compact[best[0]], k, float(best[1])
    return exact


def normalise_title(text: str) -> JobTitle | None:
    """The lexicon title ``text`` starts with, and what follows it as qualifier.

    >>> t = normalise_title("KASUBAG PERENCANAAN & PELAPORAN")
    >>> t.canonical, t.rank, t.qualifier
    ('Kepala Sub Bagian', 50, 'PERENCANAAN & PELAPORAN')
    """
    raw = squash(HTML_TAG.sub(" ", text or ""))
    clean = LEADING_JUNK.sub("", raw)
    words = list(TITLE_WORD.finditer(clean))
    lexicon = _lexicon()
    while words and _compact(words[0].group()) in lexicon.acting and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    found = _prefix_match(clean, words)
    if found is None:
        return None
    index, used, score = found
    rest = clean[words[used - 1].end() :]
    qualifier: str | None = rest.strip(QUALIFIER_EDGES) or None
    if qualifier and ALTERNATIVE.match(rest) and normalise_title(qualifier) is not None:
        qualifier = None  # "Staf/Jabatan Fungsional Umum": two names for one role
    return _title(lexicon.entries[index], raw, qualifier, score)


def _qualifier_end(text: str, start: int, stop: int) -> int:
    """End of the qualifier words after a title in running text, before ``stop``.

    Words run while they are capitalised (in mixed-case text) and are not function
    words; a sentence end or another title stops them.
    """
    segment = text[start:stop]
    words = list(re.finditer(r"[^\s]+", segment))
    mixed_case = any(c.islower() for c in text)
    taken: list[re.Match[str]] = []
    for word in words:
        token = word.group()
        bare = token.strip(",;:.()")
        if not bare or (mixed_case and bare[0].islower() and bare.lower() not in {"dan", "&"}):
            break
        if bare.lower() in function_words()[0]:
            break
        taken.append(word)
        if len(taken) >= MAX_QUALIFIER_WORDS or token.endswith((".", ";", ":", ")")):
            break
    names = leading_name([w.group() for w in taken], MAX_QUALIFIER_WORDS)
    if not names:
        return start
    return start + taken[len(names) - 1].end()


def find_titles(text: str) -> list[tuple[JobTitle, tuple[int, int]]]:
    """Titles named in running text, each with the (start, end) span it covers."""
    text = text or ""
    lexicon = _lexicon()
    hits = longest_first(find_phrases(_title_matcher(), text))
    found: list[tuple[JobTitle, tuple[int, int]]] = []
    for i, (label, start, end) in enumerate(hits):
        entry = lexicon.entries[int(label)]
        previous = re.findall(r"[A-Za-z]+", text[max(0, start - 30) : start])
        if previous and previous[-1].lower() in lexicon.not_after:
            continue
        stop = hits[i + 1][1] if i + 1 < len(hits) else len(text)
        tail = text[end : _qualifier_end(text, end, stop)]
        qualifier = tail.strip(QUALIFIER_EDGES) or None
        if not entry.in_text and not (entry.generic and qualifier and agency_type(qualifier)):
            continue
        span_end = end + len(tail.rstrip(QUALIFIER_EDGES)) if qualifier else end
        found.append((_title(entry, text[start:span_end], qualifier), (start, span_end)))
    return found


# --- agency types ------------------------------------------------------------


@dataclass(frozen=True)
class _AgencyType:
    name: str
    keywords: re.Pattern[str]
    acronyms: tuple[str, ...]
    fallback: bool


@cache
def _agency_types() -> tuple[_AgencyType, ...]:
    types = []
    for entry in load("agency_types.yml")["types"]:
        words = sorted(entry["keywords"], key=len, reverse=True)
        types.append(
            _AgencyType(
                name=entry["type"],
                keywords=re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b"),
                acronyms=tuple(entry.get("acronym_prefixes", ())),
                fallback=entry.get("fallback", False),
            )
        )
    return tuple(types)


def agency_type(name: str) -> str | None:
    """The agency type of an agency name ("Dinas Kesehatan" → "dinas"); None if unknown.

    The earliest keyword wins ("UPTD Puskesmas … Dinas Kesehatan" → "upt"); an
    all-caps acronym is classified by its prefix ("BAPELITBANGDA" → "badan");
    "Pemerintah Kabupaten …" counts only when nothing more specific is named.
    """
    view = " ".join(match_view(name or "").lower().split())
    best: tuple[int, int, str] | None = None
    for order, kind in enumerate(_agency_types()):
        match = kind.keywords.search(view)
        if match and not kind.fallback and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, kind.name)
    if best:
        return best[2]
    for token in re.findall(r"\b[A-Z][A-Z0-9]{2,}\b", name or ""):
        for kind in _agency_types():
            if token.lower().startswith(kind.acronyms) and kind.acronyms:
                return kind.name
    for kind in _agency_types():
        if kind.fallback and kind.keywords.search(view):
            return kind.name
    return None


@cache
def title_words() -> frozenset[str]:
    """Every word (lower case) of the titles, their aliases and the work units they name
    (``unit_words``): for repairing words that a narrow cell broke across lines
    ("Pengadminis" / "trasi") or that OCR misread ("Sosiai")."""
    words: set[str] = set()
    for entry in _lexicon().entries:
        for alias in entry.aliases:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", alias) if len(w) > 3)
    words.update(str(w).lower() for w in load("jabatan.yml").get("unit_words", ()))
    return frozenset(words)
