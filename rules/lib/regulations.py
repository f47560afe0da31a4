"""The regulation catalogue: types, official subjects, status, and resolving a citation.

A citation is resolved once per check (see ``Context.resolutions``) so that the legal-basis
rules agree: a citation recognised as the wrong type is not also reported as a subject
mismatch, and a required regulation cited under the wrong type still counts as cited.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz

from extractor.models import Citation
from rules.lib.knowledge import load
from rules.lib.text import content_words, normalise, same_text, word_in

# "Republik Indonesia"/"RI" and "Nomor" carry no type information in a type name.
_TYPE_NOISE = re.compile(r"\b(republik indonesia|ri|nomor|no)\b")
# A number is compared without spaces and leading zeros ("053" = "53").
_NUMBER_NOISE = re.compile(r"\s+")
# Where the type name ends in a citation text: at "Nomor"/"No." (case-insensitive).
_BEFORE_NUMBER = re.compile(r"\s+(?:nomor|no\.?)(?:\s|:|$)", re.IGNORECASE)
#: A type name this similar (rapidfuzz ratio) to an alias is that type (OCR typos).
TYPE_ALIAS_RATIO = 92


@dataclass(frozen=True)
class RegType:
    """A kind of regulation (jenis)."""

    key: str
    name: str
    aliases: tuple[str, ...]
    local: bool = False
    regulation: bool = True


@dataclass(frozen=True)
class RegRef:
    """A (type, number, year) reference to a regulation."""

    type: str
    number: str
    year: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.type, norm_number(self.number), self.year)


@dataclass
class Regulation:
    """One catalogue entry."""

    type: str
    number: str
    year: int
    subject: str | None
    status: str = "berlaku"
    enacted: date | None = None
    aliases: tuple[str, ...] = ()
    replaced_by: RegRef | None = None
    revoked_by: RegRef | None = None
    amended_by: tuple[RegRef, ...] = ()
    unverified: bool = False
    local: bool = False
    region: str | None = None
    source: str | None = None

    @property
    def ref(self) -> RegRef:
        return RegRef(self.type, self.number, self.year)

    @property
    def successor(self) -> RegRef | None:
        return self.replaced_by or self.revoked_by


def norm_number(number: str | None) -> str:
    """A regulation number compared loosely: upper-case, no spaces, no leading zeros."""
    text = _NUMBER_NOISE.sub("", (number or "").upper())
    return text.lstrip("0") or text


@cache
def types() -> dict[str, RegType]:
    """Regulation types by key."""
    out: dict[str, RegType] = {}
    for entry in load("regulation_types")["types"]:
        out[entry["key"]] = RegType(
            key=entry["key"],
            name=entry["name"],
            aliases=tuple(normalise(a) for a in entry["aliases"]),
            local=bool(entry.get("local", False)),
            regulation=bool(entry.get("regulation", True)),
        )
    return out


@cache
def type_key(name: str | None) -> str | None:
    """The type key of a written type name ("PermenPAN-RB" → ``permenpanrb``), or None."""
    text = _TYPE_NOISE.sub(" ", normalise(name))
    text = " ".join(text.split())
    if not text:
        return None
    best: tuple[int, str] | None = None
    for reg_type in types().values():
        for alias in (normalise(reg_type.name), *reg_type.aliases):
            if text == alias:
                return reg_type.key
            # "Peraturan Menteri Dalam Negeri Republik Indonesia" → prefix of a longer name
            if text.startswith(alias + " ") and (best is None or len(alias) > best[0]):
                best = (len(alias), reg_type.key)
    if best is not None:
        return best[1]
    for reg_type in types().values():
        for alias in (normalise(reg_type.name), *reg_type.aliases):
            if len(alias) > 6 and fuzz.ratio(text, alias) >= TYPE_ALIAS_RATIO:
                return reg_type.key
    return None


def type_name(key: str) -> str:
    """The full type name of a key."""
    return types()[key].name if key in types() else key


def cite(ref: RegRef | Regulation, *, with_subject: bool = False) -> str:
    """A citation text: "Peraturan Presiden Nomor 29 Tahun 2014 [tentang …]"."""
    text = f"{type_name(ref.type)} Nomor {ref.number} Tahun {ref.year}"
    if with_subject and isinstance(ref, Regulation) and ref.subject:
        text += f" tentang {ref.subject}"
    return text


def _ref(value: dict[str, Any] | None) -> RegRef | None:
    if not value:
        return None
    return RegRef(value["type"], str(value["number"]), int(value["year"]))


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _entry(raw: dict[str, Any], *, local: bool = False) -> Regulation:
    return Regulation(
        type=raw["type"],
        number=str(raw["number"]),
        year=int(raw["year"]),
        subject=raw.get("subject") or None,
        status=str(raw.get("status") or "berlaku").lower(),
        enacted=_date(raw.get("enacted")),
        aliases=tuple(raw.get("aliases") or ()),
        replaced_by=_ref(raw.get("replaced_by")),
        revoked_by=_ref(raw.get("revoked_by")),
        amended_by=tuple(r for r in (_ref(a) for a in raw.get("amended_by") or ()) if r),
        unverified=bool(raw.get("unverified", False)),
        local=local,
        region=raw.get("region") or None,
        source=raw.get("source"),
    )


class Catalogue:
    """Regulations indexed by (type, number, year) and by (number, year)."""

    def __init__(self, entries: list[Regulation]) -> None:
        self.entries = entries
        self._by_key: dict[tuple[str, str, int], Regulation] = {}
        self._by_number_year: dict[tuple[str, int], list[Regulation]] = {}
        self._by_type_number: dict[tuple[str, str], list[Regulation]] = {}
        for entry in entries:
            key = entry.ref.key
            self._by_key.setdefault(key, entry)
            self._by_number_year.setdefault((key[1], entry.year), []).append(entry)
            self._by_type_number.setdefault((entry.type, key[1]), []).append(entry)

    def get(self, ref: RegRef) -> Regulation | None:
        return self._by_key.get(ref.key)

    def same_number_year(self, number: str, year: int) -> list[Regulation]:
        return self._by_number_year.get((norm_number(number), year), [])

    def same_type_number(self, type_: str, number: str) -> list[Regulation]:
        return self._by_type_number.get((type_, norm_number(number)), [])

    def merged(self, other: Catalogue | None) -> Catalogue:
        return self if other is None else Catalogue(self.entries + other.entries)


@cache
def national() -> Catalogue:
    """The national catalogue of rules/data/regulations.yml."""
    return Catalogue([_entry(raw) for raw in load("regulations")["regulations"]])


class LocalCatalogueError(ValueError):
    """The JDIH export cannot be read."""


_LOCAL_COLUMNS = {"type", "number", "year", "subject", "status"}


def load_local(path: Path) -> Catalogue:
    """A regency's JDIH export (CSV or JSON list) with type, number, year, subject, status.

    Optional columns: region, enacted, replaced_by (a citation text). Types may be written
    as aliases ("Perbup").
    """
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise LocalCatalogueError(f"{path}: {exc.strerror}") from exc
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LocalCatalogueError(f"{path}: {exc}") from exc
        if isinstance(rows, dict):
            rows = rows.get("regulations") or rows.get("data") or []
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    entries = []
    for n, row in enumerate(rows, start=1):
        row = {str(k).strip().lower(): v for k, v in dict(row).items() if k}
        missing = _LOCAL_COLUMNS - set(row)
        if missing:
            raise LocalCatalogueError(f"{path}: row {n} lacks {', '.join(sorted(missing))}")
        key = type_key(str(row["type"]))
        try:
            year = int(str(row["year"]).strip())
        except ValueError as exc:
            raise LocalCatalogueError(f"{path}: row {n} has year {row['year']!r}") from exc
        if key is None:
            raise LocalCatalogueError(f"{path}: row {n} has unknown type {row['type']!r}")
        status = normalise(str(row.get("status") or "berlaku")).split(" ")[0] or "berlaku"
        entries.append(
            _entry(
                {
                    "type": key,
                    "number": str(row["number"]).strip(),
                    "year": year,
                    "subject": str(row.get("subject") or "").strip() or None,
                    "status": status,
                    "region": row.get("region"),
                    "enacted": row.get("enacted"),
                    "source": f"JDIH {path.name}",
                },
                local=True,
            )
        )
    return Catalogue(entries)


# ---- subject comparison ------------------------------------------------------------------


@dataclass
class SubjectVerdict:
    """How a cited subject compares with the official one."""

    verdict: Literal["match", "garbled", "different", "unknown"]
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


#: Share of the official words a garbled (but recognisable) subject still holds.
GARBLED_MIN_SHARE = 0.6


def compare_subject(cited: str | None, entry: Regulation) -> SubjectVerdict:
    """Compare a cited subject with the catalogue's: tolerant of case and small typos."""
    if not cited or not entry.subject:
        return SubjectVerdict("unknown")
    if same_text(cited, entry.subject) or any(same_text(cited, a) for a in entry.aliases):
        return SubjectVerdict("match")
    official, given = content_words(entry.subject), content_words(cited)
    missing = [w for w in official if not word_in(w, given)]
    extra = [w for w in given if not word_in(w, official)]
    if not missing and not extra:
        return SubjectVerdict("match")  # only word order or stopwords differ
    share = (len(official) - len(missing)) / max(len(official), 1)
    if share >= GARBLED_MIN_SHARE and len(extra) <= max(len(official), 2):
        return SubjectVerdict("garbled", missing, extra)
    return SubjectVerdict("different", missing, extra)


def subject_fits(cited: str | None, entry: Regulation) -> bool:
    """The cited subject names this regulation (exactly or recognisably)."""
    return compare_subject(cited, entry).verdict in ("match", "garbled")


# ---- resolving a citation ------------------------------------------------------------------


@dataclass
class Resolution:
    """What the catalogue says about one citation."""

    citation: Citation
    index: int
    type: str | None
    status: Literal["exact", "wrong_type", "wrong_year", "unknown", "incomplete"]
    entry: Regulation | None = None
    subject: SubjectVerdict = field(default_factory=lambda: SubjectVerdict("unknown"))
    local: bool = False

    @property
    def ref(self) -> RegRef | None:
        if self.type and self.citation.number and self.citation.year:
            return RegRef(self.type, self.citation.number, self.citation.year)
        return None


def resolve(citation: Citation, index: int, catalogue: Catalogue) -> Resolution:
    """Find the regulation a citation means, noticing a wrong type or year."""
    written_type = citation.type or _BEFORE_NUMBER.split(citation.text, maxsplit=1)[0]
    key = type_key(written_type)
    local = bool(key and types()[key].local)
    if key is None or not citation.number or not citation.year:
        return Resolution(citation, index, key, "incomplete", local=local)
    exact = catalogue.get(RegRef(key, citation.number, citation.year))
    verdict = compare_subject(citation.subject, exact) if exact else SubjectVerdict("unknown")
    if exact and verdict.verdict != "different":
        return Resolution(citation, index, key, "exact", exact, verdict, local)
    # The same number and year under another type, with this subject (domain.md §3.3 item 1).
    for other in catalogue.same_number_year(citation.number, citation.year):
        if other.type != key and subject_fits(citation.subject, other):
            return Resolution(
                citation,
                index,
                key,
                "wrong_type",
                other,
                compare_subject(citation.subject, other),
                local,
            )
    # The same type and number in another year, with this subject (§3.3 item 3).
    for other in catalogue.same_type_number(key, citation.number):
        if other.year != citation.year and subject_fits(citation.subject, other):
            return Resolution(
                citation,
                index,
                key,
                "wrong_year",
                other,
                compare_subject(citation.subject, other),
                local,
            )
    if exact:
        return Resolution(citation, index, key, "exact", exact, verdict, local)
    return Resolution(citation, index, key, "unknown", local=local)


def foreign_words_source(
    words: list[str], catalogue: Catalogue, skip: Regulation
) -> Regulation | None:
    """The catalogue regulation whose subject holds most of ``words`` (garbled titles)."""
    if len(words) < 3:
        return None
    best: tuple[float, Regulation] | None = None
    for entry in catalogue.entries:
        if entry is skip or not entry.subject:
            continue
        official = content_words(entry.subject)
        share = sum(1 for w in words if word_in(w, official)) / len(words)
        if share >= 0.6 and (best is None or share > best[0]):
            best = (share, entry)
    return best[1] if best else None


def regulation_date(entry: Regulation) -> date:
    """Enactment date, or the last day of its year when only the year is known."""
    return entry.enacted or date(entry.year, 12, 31)


def capped(severity: Any, *entries: Regulation | None) -> Any:
    """Errors resting on UNVERIFIED catalogue data become warnings (domain.md legend)."""
    from rules.models import Severity

    if severity == Severity.ERROR and any(e is not None and e.unverified for e in entries):
        return Severity.WARNING
    return severity
