"""Regulation citations of the Dasar Hukum box (domain.md §4).

``parse_citation`` reads one item ("Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang
…") into a :class:`~extractor.models.Citation`; ``split_citations`` cuts a whole
box into items; ``parse_citations`` does both. Regulation types and their aliases
come from ``extractor/data/regulation_types.yml`` and are found with a spaCy
PhraseMatcher, with a rapidfuzz fallback for misspelt types. Nothing here raises
on odd input: what cannot be read is left ``None``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from extractor.fields.data import load
from extractor.fields.nlp import (
    build_phrase_matcher,
    find_phrases,
    longest_first,
    match_view,
)
from extractor.fields.text import HTML_TAG, is_derived_word, leading_name, ocr_number, squash
from extractor.models import Citation

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher

# --- patterns --------------------------------------------------------------

# The number marker: "Nomor", "No.", "No :", the typos "Nomer"/"Nomo", "Nmr".
# A lookahead instead of \b so that "Nomor53" and a bare trailing "Nomor" count.
NUMBER_MARKER = re.compile(r"\b(?:nomor|nomer|nomo|nmr|no)(?=[\s.:]|\d|$)\.?\s*:?\s*", re.I)
# The number as written: "53", "PER/21/M.PAN/11/2008", "51/PMK.02/2014",
# "065-277-2025", "XI/MPR/1998", "PK. 4" (a short prefix, a dot, then digits).
# "PM 19" (Permenhub) and "KM 5": an upper-case prefix, a space, then digits.
NUMBER_VALUE = re.compile(
    r"(?:[A-Za-z]{1,4}\.\s?(?=\d)|[A-Z]{1,4}\s(?=\d))?[0-9A-Za-z|][0-9A-Za-z|.\-/]*"
)
# A number written without "Nomor": "Perpres 29/2014", "UU 25 Tahun 2009".
BARE_NUMBER = re.compile(r"(?<![\w/.])\d[0-9A-Za-z.\-/]*")
# "Tahun"/"Thn"/"Th" before a year; year digits may hold OCR letters ("2O14").
YEAR_WORD = r"(?:tahun|thn|th|tah)\.?\s*:?\s*"
# Right after the number, a word of "Tahun"'s shape OCR misread ("Tanur.", "Tahum") is it.
YEAR_WORD_AFTER_NUMBER = r"(?:tahun|thn|th|tah|t[a-z]{3,4})\.?\s*:?\s*"
YEAR_AFTER_NUMBER = re.compile(
    rf"^\s*[,.]?\s*{YEAR_WORD_AFTER_NUMBER}(?P<year>[0-9OoIl|]{{4}})(?!\d)", re.I
)
YEAR_ANYWHERE = re.compile(rf"\b{YEAR_WORD}(?P<year>[0-9OoIl|]{{4}})(?!\d)", re.I)
ENDS_WITH_YEAR_WORD = re.compile(rf"\b{YEAR_WORD}$", re.I)
# "53/2014": a plain number and its year.
SHORT_NUMBER_YEAR = re.compile(r"^(?P<number>\d+[A-Za-z]?)\s*/\s*(?P<year>(?:19|20)\d{2})$")
# The year closing a slashed/hyphenated number: ".../11/2008", "065-277-2025".
NUMBER_END_YEAR = re.compile(r"[/\-.]\s*(?P<year>(?:18|19|20)\d{2})$")
# "tentang" opens the subject ("ttg" abbreviation, OCR-dropped letters).
TENTANG = re.compile(r"\b(?:tentang|tentng|tentag|tetang|ttg)\b\.?\s*:?\s*", re.I)
# Where a subject ends: the Lembaran/Berita Negara/Daerah publication note.
PUBLICATION_NOTE = re.compile(
    r"[,;]?\s*[(\[]?\s*\b(?:lembaran|berita|tambahan\s+lembaran)\s+(?:negara|daerah)\b", re.I
)
# An amendment link: "sebagaimana telah diubah dengan", "sebagaimana telah
# beberapa kali diubah terakhir dengan", ", dan terakhir diubah dengan",
# "diubah kedua kalinya dengan" (domain.md §4.2; UU 23/2014 Mengingat clauses).
AMENDMENT_LINK = re.compile(
    r"[,;]?\s*\b(?:"
    r"sebagaimana\s+(?:telah\s+)?(?:beberapa\s+kali\s+)?(?:di\s?ubah|diganti)"
    r"(?:\s*,?\s*(?:beberapa\s+kali|untuk\s+kedua\s+kalinya|kedua\s+kalinya|terakhir))*"
    r"\s+(?:dengan|oleh)"
    r"|(?:dan\s+)?(?:terakhir|kedua\s+kalinya)\s+(?:(?:telah\s+)?diubah\s+)?dengan"
    r"|(?:dan\s+)?telah\s+diubah\s+(?:(?:untuk\s+)?kedua\s+kali(?:nya)?\s+)?dengan"
    r")\b\s*",
    re.I,
)
# "Republik Indonesia"/"RI" between a national type and its number.
REPUBLIC = re.compile(r"\b(?:negara\s+)?republik\s+indonesia\b|\bRI\b", re.I)
# Separators and list joiners left at the end of an item ("…Pemerintah; dan").
TRAILING_JUNK = re.compile(r"(?:[\s;,.:]|\b(?:dan|serta)\b)+$", re.I)
# Characters that cannot start or end a region/issuer.
EDGE_PUNCT = " \t,;:.-–()/"
# A list marker opening an item: "1.", "2)", "(3)", "a.", "b)", "-", "•", or a number
# whose dot OCR lost ("4 Undang-Undang …": no regulation name starts with a number).
LEADING_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)](?!\d)|\(\d{1,2}\)|\(?[a-zA-Z][.)](?=\s)|[-–•●▪◦*>]"
    r"|\d{1,2}\s+(?=[A-Za-z]))\s*"
)
# A list marker anywhere: numbered, lettered or a bullet, followed by space.
LIST_MARKER = re.compile(
    r"(?:(?<=^)|(?<=[\s;:,]))"
    r"(?:\(?(?P<num>\d{1,2})[.)]|\((?P<num2>\d{1,2})\)|\(?(?P<let>[a-zA-Z])[.)]"
    r"|(?P<bullet>[-–•●▪◦*>]))(?=\s|[A-Za-z](?![.)]))",
    re.M,
)
# A line opening with a bare number ("3 Peraturan Menteri …"): a list number whose full
# stop OCR lost, taken only as the next number before a regulation type.
STOPLESS_MARKER = re.compile(r"^[ \t]*(?P<num>\d{1,2})[ \t]+(?=[A-Z])", re.M)
# Words after which "2." is a reference, not a list marker ("Pasal 2.", "Nomor 2.").
NOT_A_MARKER_AFTER = frozenset(
    {"pasal", "ayat", "angka", "huruf", "nomor", "no", "tahun", "th", "rp", "bab", "bagian"}
    | {"butir", "lampiran", "tanggal", "paragraf", "poin", "point", "halaman", "hal", "kelas"}
)
# Block-level HTML tags that end an item line.
HTML_BLOCK_TAG = re.compile(r"</?(?:li|ol|ul|p|br|div|tr|td)\b[^<>]{0,300}>", re.I)

FUZZY_TYPE_CUTOFF = 88  # rapidfuzz ratio for a misspelt type ("Peratuan Bupati")
MAX_QUALIFIER_WORDS = 8  # longest region / issuer name kept
TYPE_HEAD_MAX_WORDS = 2  # words allowed before the type ("Berdasarkan Peraturan …")
YEAR_RANGE = (1800, 2100)


# --- the regulation-type vocabulary ------------------------------------------


class RegulationType(BaseModel):
    """One regulation type of ``regulation_types.yml`` (ministerial types expanded)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="full normalised type name")
    short: str
    aliases: tuple[str, ...] = ()
    level: int | None = Field(default=None, description="hierarchy rank, 1 = UUD; None: no rank")
    peraturan: bool = Field(description="is peraturan perundang-undangan")
    local: bool = Field(description="issued by a regional government")
    open: bool = Field(default=False, description="name completed by the issuer as written")


@dataclass(frozen=True)
class _Vocabulary:
    types: dict[str, RegulationType]  # by canonical name
    by_alias: dict[str, str]  # lower-case alias view -> canonical name
    fuzzy_keys: list[str]


@cache
def _vocabulary() -> _Vocabulary:
    data = load("regulation_types.yml")
    types: dict[str, RegulationType] = {}
    for entry in data["types"]:
        base = RegulationType(
            name=entry["name"],
            short=entry["short"],
            aliases=tuple(entry["aliases"]),
            level=entry.get("level"),
            peraturan=entry["peraturan"],
            local=entry["local"],
            open=entry.get("open", False),
        )
        types[base.name] = base
        for ministry in data.get("ministries", []) if entry.get("ministry_templates") else []:
            aliases = [
                t.format(m=m) for t in entry["ministry_templates"] for m in ministry["aliases"]
            ]
            aliases += ministry.get("extra", {}).get(base.name, [])
            name_format = entry.get("ministry_name", "{type} {ministry}")
            name = name_format.format(type=base.name, ministry=ministry["name"])
            shortest = min(ministry["aliases"], key=len)
            types[name] = base.model_copy(
                update={
                    "name": name,
                    "short": f"{base.short} {shortest}",
                    "aliases": tuple(aliases),
                    "open": False,
                }
            )
    by_alias: dict[str, str] = {}
    for rtype in types.values():
        for alias in (rtype.name, *rtype.aliases):
            for variant in _alias_variants(alias):
                by_alias.setdefault(variant, rtype.name)
    fuzzy_keys = [key for key in by_alias if len(key) >= 8]
    return _Vocabulary(types, by_alias, fuzzy_keys)


def _alias_variants(alias: str) -> set[str]:
    """The lower-case match views of an alias: as written and with joiners dropped."""
    view = " ".join(match_view(alias).lower().split())
    glued = " ".join(re.sub(r"[-–]", "", alias).lower().split())
    return {view, " ".join(match_view(glued).split())}


@cache
def _type_matcher() -> PhraseMatcher:
    vocab = _vocabulary()
    phrases: dict[str, set[str]] = {}
    for alias, name in vocab.by_alias.items():
        phrases.setdefault(name, set()).add(alias)
    return build_phrase_matcher(phrases)


def regulation_types() -> list[RegulationType]:
    """Every known regulation type, ministerial types expanded."""
    return list(_vocabulary().types.values())


def regulation_type(name: str) -> RegulationType | None:
    """The type for a canonical name or an alias ("Perbup" → Peraturan Bupati)."""
    vocab = _vocabulary()
    if name in vocab.types:
        return vocab.types[name]
    canonical = vocab.by_alias.get(" ".join(match_view(name).lower().split()))
    if canonical:
        return vocab.types[canonical]
    # An open type completed by its issuer: "Peraturan Menteri Pertahanan".
    bases = [t for t in vocab.types.values() if t.open and name.startswith(f"{t.name} ")]
    if bases:
        base = max(bases, key=lambda t: len(t.name))
        return base.model_copy(update={"name": name, "aliases": (), "open": False})
    return None


# --- parsing one item --------------------------------------------------------


@dataclass(frozen=True)
class _TypeHit:
    rtype: RegulationType
    start: int
    end: int


def _match_type(text: str, limit: int) -> _TypeHit | None:
    """The regulation type written at the start of ``text[:limit]``."""
    vocab = _vocabulary()
    head = text[:limit]
    for label, start, end in longest_first(find_phrases(_type_matcher(), head)):
        if _is_head(head[:start]):
            return _TypeHit(vocab.types[label], start, end)
        break
    return _fuzzy_type(head)


def _is_head(prefix: str) -> bool:
    """Only a marker or a couple of words ("Berdasarkan") precede the type."""
    return len(re.findall(r"[A-Za-z]{2,}", prefix)) <= TYPE_HEAD_MAX_WORDS


def _fuzzy_type(head: str) -> _TypeHit | None:
    """A misspelt type ("Peratuan Menteri Dalam Negri") by rapidfuzz ratio."""
    vocab = _vocabulary()
    words = list(re.finditer(r"\S+", match_view(head)))[:8]
    # Stop before the number or "Nomor": a type never contains them.
    for i, word in enumerate(words):
        if any(c.isdigit() for c in word.group()) or NUMBER_MARKER.fullmatch(word.group() + " "):
            words = words[:i]
            break
    for k in range(len(words), 0, -1):
        candidate = " ".join(w.group().lower() for w in words[:k])
        if len(candidate) < 8:
            break
        best = process.extractOne(
            candidate, vocab.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_TYPE_CUTOFF
        )
        if best and not is_derived_word(candidate, best[0]):
            return _TypeHit(
                vocab.types[vocab.by_alias[best[0]]], words[0].start(), words[k - 1].end()
            )
    return None


def _year(token: str | None) -> int | None:
    if not token:
        return None
    digits = ocr_number(token)
    if not digits.isdigit():
        return None
    year = int(digits)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


@dataclass
class _Number:
    number: str | None = None
    year: int | None = None
    start: int | None = None  # where the number (or its marker) begins in the head
    end: int = 0  # where the number and its year end


def _parse_number(head: str) -> _Number:
    """Number and year from the part between the type and "tentang"."""
    found = _Number()
    rest_at = 0
    marker = NUMBER_MARKER.search(head)
    if marker:
        found.start, rest_at = marker.start(), marker.end()
        value = NUMBER_VALUE.match(head, marker.end())
        if value:
            found.number, rest_at = value.group().rstrip(".,;:/-") or None, value.end()
    else:
        for bare in BARE_NUMBER.finditer(head):
            if not ENDS_WITH_YEAR_WORD.search(head[: bare.start()]):
                found.start, found.number = bare.start(), bare.group().rstrip(".,;:/-")
                rest_at = bare.end()
                break
    found.end = rest_at
    if found.number:
        found.number = ocr_number(found.number)
        short = SHORT_NUMBER_YEAR.match(found.number)
        if short:
            found.number, found.year = short["number"], int(short["year"])
    after = YEAR_AFTER_NUMBER.match(head[rest_at:]) if found.start is not None else None
    if after:
        found.year = _year(after["year"]) or found.year
        found.end = rest_at + after.end()
    elif found.year is None and found.number:
        end_year = NUMBER_END_YEAR.search(found.number)
        found.year = int(end_year["year"]) if end_year else None
    if found.year is None:
        anywhere = YEAR_ANYWHERE.search(head)
        if anywhere:
            found.year = _year(anywhere["year"])
            found.start = anywhere.start() if found.start is None else found.start
            found.end = max(found.end, anywhere.end())
    return found


def _name_words(text: str) -> str | None:
    """A region or issuer: the leading words, up to a function word or a digit."""
    words = squash(REPUBLIC.sub(" ", text)).split(" ")
    name = " ".join(leading_name(words, MAX_QUALIFIER_WORDS)).strip(EDGE_PUNCT)
    return name or None


def _subject(text: str) -> str | None:
    note = PUBLICATION_NOTE.search(text)
    subject = TRAILING_JUNK.sub("", squash(text[: note.start()] if note else text))
    subject = subject.strip(" ,;:")
    return subject or None


def _parse_single(part: str) -> Citation:
    """One citation without its amendment chain."""
    text = _strip_item(part)
    tentang = TENTANG.search(text)
    head_end = tentang.start() if tentang else len(text)
    hit = _match_type(text, head_end)
    head_start = hit.end if hit else 0
    head = text[head_start:head_end]
    number = _parse_number(head)
    between = head[: number.start] if number.start is not None else head
    type_name = hit.rtype.name if hit else None
    region = None
    if hit and hit.rtype.local:
        region = _name_words(between)
    elif hit and hit.rtype.open:
        issuer = _name_words(between)
        type_name = f"{hit.rtype.name} {issuer}" if issuer else hit.rtype.name
    if tentang:
        subject = _subject(text[tentang.end() :])
    else:
        # "Perpres 29/2014 Sistem Akuntabilitas …": no "tentang", words after the year.
        tail = head[number.end :] if number.start is not None else ""
        subject = _subject(tail) if re.match(r"\W*[A-Z][A-Za-z]{2,}", tail) else None
    return Citation(
        text=text,
        type=type_name,
        number=number.number,
        year=number.year,
        subject=subject,
        region=region,
    )


def _strip_item(text: str) -> str:
    """An item as text: tags dropped, marker removed, whitespace and tail tidied."""
    text = squash(HTML_TAG.sub(" ", text))
    text = LEADING_MARKER.sub("", text, count=1)
    return TRAILING_JUNK.sub("", text).strip()


def parse_citation(text: str) -> Citation:
    """One Dasar Hukum item as a :class:`Citation` (unknown parts are ``None``).

    >>> c = parse_citation("Peraturan MenPAN-RB No. 53 Tahun 2014 tentang Petunjuk Teknis;")
    >>> c.type
    'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi'
    >>> c.number, c.year, c.subject
    ('53', 2014, 'Petunjuk Teknis')
    """
    text = _strip_item(text)
    links = list(AMENDMENT_LINK.finditer(text))
    if not links:
        return _parse_single(text)
    main = _parse_single(text[: links[0].start()])
    chain = [
        text[link.end() : (links[i + 1].start() if i + 1 < len(links) else len(text))]
        for i, link in enumerate(links)
    ]
    amended = [_parse_single(piece) for piece in chain if _strip_item(piece)]
    return main.model_copy(update={"text": text, "amended_by": amended})


# --- splitting a box into items ----------------------------------------------


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    kind: str  # "num", "let" or "bullet"
    value: int
    line_start: bool
    bare: bool = False  # a number without its full stop (STOPLESS_MARKER)


def _markers(text: str) -> list[_Marker]:
    found = []
    for m in LIST_MARKER.finditer(text):
        line_start = not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if m["num"] or m["num2"]:
            kind, value = "num", int(m["num"] or m["num2"])
        elif m["let"]:
            kind, value = "let", ord(m["let"].lower()) - ord("a") + 1
        else:
            kind, value = "bullet", 0
        found.append(_Marker(m.start(), m.end(), kind, value, line_start))
    taken = {m.start for m in found}
    for m in STOPLESS_MARKER.finditer(text):
        if m.start("num") not in taken:
            found.append(_Marker(m.start("num"), m.end(), "num", int(m["num"]), True, True))
    return sorted(found, key=lambda m: m.start)


def _accepted_markers(text: str) -> list[_Marker]:
    """List markers that really open items, checked for kind and sequence.

    The first marker opens a line (or follows a label colon); later ones either
    open a line with a higher number, or follow inline as exactly the next number
    and not after a word like "Pasal"/"Nomor" ("…Tahun 2014 tentang X 2. Peraturan").
    """
    accepted: list[_Marker] = []
    for marker in _markers(text):
        before = text[: marker.start].rstrip()
        prev_word = re.findall(r"[A-Za-z]+\.?$", before)
        after_label = before.endswith(":")
        if not accepted:
            if marker.bare:
                continue  # a wrapped "23 Tahun 2014 …" line, not a list
            first_value = marker.kind == "bullet" or marker.value == 1
            if marker.line_start or (after_label and first_value):
                accepted.append(marker)
            continue
        kind = accepted[0].kind
        last = accepted[-1].value
        if marker.kind != kind:
            continue
        if marker.bare:
            # the next number, its full stop lost, opening a line on a regulation type
            if marker.value == last + 1 and _starts_with_type(text[marker.end :]):
                accepted.append(marker)
            continue
        if kind == "bullet":
            if marker.line_start:
                accepted.append(marker)
        elif (marker.line_start and marker.value > last) or (
            marker.value == last + 1
            and not (prev_word and prev_word[0].rstrip(".").lower() in NOT_A_MARKER_AFTER)
            and re.match(r"\s*[A-Za-z]", text[marker.end :])
        ):
            accepted.append(marker)
    return accepted


def _starts_with_type(text: str) -> bool:
    probe = text.lstrip(" -–•*;,")
    if not probe:
        return False
    limit = min(len(probe), 120)
    hit = _match_type(probe[:limit], limit)
    return hit is not None and hit.start <= 2


@cache
def _continuing_words() -> frozenset[str]:
    """Line-final words after which a title goes on (``regulation_types.yml``)."""
    return frozenset(w.lower() for w in load("regulation_types.yml")["continues_into_type"])


def _continues(line: str) -> bool:
    """Whether a wrapped line's last word needs the next line ("… tentang Peraturan
    Pelaksanaan" / "Peraturan Presiden Nomor 96 …")."""
    words = line.rstrip().split()
    return bool(words) and words[-1].strip(",.").lower() in _continuing_words()


def _join_lines(block: str, *, split_on_type: bool) -> list[str]:
    """Lines of one block: wrapped lines joined; with ``split_on_type`` a line that
    starts with a regulation type (or follows a ";") starts a new item, unless the line
    before it stops on a word that needs more (``_continues``)."""
    items: list[str] = []
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        new_item = split_on_type and (
            not items
            or items[-1].rstrip().endswith(";")
            or (_starts_with_type(line) and not _continues(items[-1]))
        )
        if new_item or not items:
            items.append(line)
        else:
            items[-1] = f"{items[-1]} {line}"
    return items


def _split_semicolons(item: str) -> list[str]:
    """ "UU 25/2009 tentang …; Perpres 29/2014 tentang …": split where the next
    part starts with a regulation type."""
    parts = item.split(";")
    out = [parts[0]]
    for part in parts[1:]:
        probe = re.sub(r"^\s*(?:dan|serta)\b", "", part, flags=re.I)
        if _starts_with_type(probe):
            out.append(probe)
        else:
            out[-1] = f"{out[-1]};{part}"
    return out


def split_citations(text: str) -> list[str]:
    """The items of a Dasar Hukum box, without their list markers.

    Handles numbered/lettered/bulleted lists (one per line or run together on one
    line), unnumbered one-per-line lists with wrapped lines, and semicolons.
    """
    text = HTML_BLOCK_TAG.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = HTML_TAG.sub(" ", text).replace("\t", " ")
    markers = _accepted_markers(text)
    blocks: list[tuple[str, bool]] = []
    if markers:
        preamble = text[: markers[0].start].strip()
        if preamble and not preamble.endswith(":"):
            blocks.append((preamble, True))
        for i, marker in enumerate(markers):
            end = markers[i + 1].start if i + 1 < len(markers) else len(text)
            blocks.append((text[marker.end : end], False))
    else:
        blocks.append((text, True))
    items: list[str] = []
    for block, unmarked in blocks:
        for line_item in _join_lines(block, split_on_type=unmarked):
            items.extend(_split_semicolons(line_item))
    cleaned = (_strip_item(item) for item in items)
    return [item for item in cleaned if re.search(r"[A-Za-z0-9]", item)]


def parse_citations(text: str) -> list[Citation]:
    """Every citation of a Dasar Hukum box (split, then parsed; empty items skipped)."""
    return [parse_citation(item) for item in split_citations(text)]


#: The first year a regulation of the Republic can bear (a read year before it, or after
#: next year, is a misread when OCR read it).
FIRST_REPUBLIC_YEAR = 1945
#: "Nomor 17 Tahun 2023" anywhere in a box's text: a regulation named with its year.
NUMBER_AND_YEAR = re.compile(
    rf"\b(?:nomor|no)\.?\s*(?P<number>\d+)\s*,?\s*{YEAR_WORD}(?P<year>\d{{4}})\b", re.I
)


def mend_ocr_years(citations: list[Citation], text: str) -> int:
    """Years OCR misread by one digit ("Tahun 2923", "Tahun 2083") put right, for
    citations read from a scan: a year unread or after next year.

    The year is taken from the box itself where it names the same number with a year
    one digit away (a PP "melaksanakan Undang-Undang Nomor 17 Tahun 2023"); else it is
    the one year between ``FIRST_REPUBLIC_YEAR`` and next year one digit away, if only
    one is (a future year read stays as read otherwise). Returns the years put right.
    """
    named = {(m["number"], int(m["year"])) for m in NUMBER_AND_YEAR.finditer(text)}
    last = datetime.date.today().year + 1
    mended = 0
    for citation in citations:
        if citation.number is None or (citation.year is not None and citation.year <= last):
            continue  # a year before the Republic's is left as read: a colonial statute
        read = YEAR_ANYWHERE.search(citation.text)
        if read is None or not read["year"].isdigit():
            continue
        digits = read["year"]
        near = {
            int(digits[:i] + d + digits[i + 1 :])
            for i in range(4)
            for d in "0123456789"
            if d != digits[i]
        }
        plausible = {y for y in near if FIRST_REPUBLIC_YEAR <= y <= last}
        own = {y for number, y in named if number == citation.number and y in plausible}
        chosen = own if own else plausible
        if len(chosen) == 1:
            citation.year = chosen.pop()
            mended += 1
    return mended
