"""Identity (agency, year, title, date), Dasar Hukum, stated years and Bab III analyses."""

from __future__ import annotations

import re
from collections import Counter

from extractor.fields.citations import parse_citations
from extractor.fields.dates import find_dates
from extractor.fields.text import squash
from extractor.layout import Block, Paragraph
from extractor.lkip import vocab
from extractor.lkip.doc import SUBHEADING, Chapter, heading_of
from extractor.models import Citation, LKIPIdentity

# The report's name on the cover: "LAPORAN KINERJA INSTANSI PEMERINTAH", "LKjIP", "LAKIP".
REPORT_NAME = re.compile(r"laporan\s+(?:akuntabilitas\s+)?kinerja|\blk[j]?i?p\b|\blakip\b", re.I)
# "TAHUN 2023", "Tahun Anggaran 2023": the reporting year.
YEAR_PHRASE = re.compile(r"\btahun\s+(?:anggaran\s+)?(?P<year>(?:19|20)\d{2})\b", re.I)
# An agency name on the cover: "DINAS KESEHATAN", "RUMAH SAKIT UMUM DAERAH …".
AGENCY_START = re.compile(
    r"^(?:dinas|badan|kecamatan|kelurahan|inspektorat|sekretariat|satuan|kantor|rumah\s+sakit|rsud|"
    r"bagian|unit|balai|uptd?|puskesmas|kementerian|lembaga|direktorat|biro|pusat)\b",
    re.I,
)
# "PEMERINTAH KOTA BANJARBARU": the government the agency belongs to.
GOVERNMENT = re.compile(r"^pemerintah\s+(?P<region>(?:kota|kabupaten|provinsi)\s+.+)$", re.I)
# A region already named in the agency ("… Kota Banjarbaru").
HAS_REGION = re.compile(r"\b(?:kota|kabupaten|kab\.|provinsi)\b", re.I)
# "Banjarbaru, 12 Februari 2024": a place and date line that opens a signature.
PLACE_DATE = re.compile(r"^[A-Z][A-Za-z .'-]{2,40},\s*\d{1,2}\s+\S+\s+\d{4}$")
# Years a table caption or agreement heading prints.
AGREEMENT_HEADING = re.compile(
    r"perjanjian\s+kinerja.{0,40}?\btahun\s+(?P<year>(?:19|20)\d{2})", re.I
)
MAX_COVER_LINES = 16


def _lines(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.extend(squash(line) for line in b.text.split("\n") if squash(line))
    return out


def _cover(front: list[Block]) -> list[str]:
    """The cover's lines: the front matter up to the first page that is not the cover."""
    pages = [b.prov.page for b in front if isinstance(b, Paragraph) and b.prov and b.prov.page]
    first = min(pages) if pages else None
    blocks = [
        b
        for b in front
        if not (isinstance(b, Paragraph) and b.prov and first and b.prov.page != first)
    ]
    return _lines(blocks)[:MAX_COVER_LINES]


def _body_casing(name: str, text: str) -> str:
    """An upper-case name as the body text writes it ("Dinas Kesehatan Kota …")."""
    if not name.isupper():
        return name
    pattern = re.compile(r"\s+".join(map(re.escape, name.split())), re.I)
    mixed = next((m.group(0) for m in pattern.finditer(text) if not m.group(0).isupper()), None)
    return squash(mixed) if mixed else name


def identity(front: list[Block], all_text: str) -> LKIPIdentity:
    cover = _cover(front)
    title_lines: list[str] = []
    year = None
    agency: list[str] = []
    region = None
    for i, line in enumerate(cover):
        if REPORT_NAME.search(line) and not agency:
            title_lines.append(line)
        elif title_lines and not agency and (line.startswith("(") or YEAR_PHRASE.fullmatch(line)):
            title_lines.append(line)  # "(LKjIP)", "TAHUN 2023"
        elif AGENCY_START.match(line) and not agency:
            agency = [line]
            agency += [nxt for nxt in cover[i + 1 : i + 3] if _continues_agency(nxt)][:1]
        gov = GOVERNMENT.match(line)
        if gov and region is None:
            region = gov["region"]
        m = YEAR_PHRASE.search(line)
        if m and year is None and (line in title_lines):
            year = int(m["year"])
    if year is None:
        counts = Counter(int(m["year"]) for m in YEAR_PHRASE.finditer(all_text))
        year = counts.most_common(1)[0][0] if counts else None
    name = squash(" ".join(agency)) or None
    if name and region and not HAS_REGION.search(name):
        name = _with_region(name, region, all_text)
    return LKIPIdentity(
        agency=_body_casing(name, all_text) if name else None,
        year=year,
        title=squash(" ".join(title_lines)) or None,
    )


def _with_region(name: str, region: str, text: str) -> str:
    """The agency with its region, unless the body names it without ("Kecamatan X")."""
    full = f"{name} {region}"
    if _body_casing(full, text) != full or _body_casing(name, text) == name:
        return full
    return name


def _continues_agency(line: str) -> bool:
    return (
        bool(line)
        and line.isupper()
        and not (GOVERNMENT.match(line) or YEAR_PHRASE.search(line) or "," in line)
    )


def report_date(front: list[Block], chapters: list[Chapter]) -> str | None:
    """The first signature date outside the Lampiran (foreword or closing chapter)."""
    blocks = list(front)
    for ch in chapters:
        if ch.key != "lampiran":
            blocks.extend(ch.blocks)
    for line in _lines(blocks):
        if PLACE_DATE.match(line):
            hits = find_dates(line)
            if hits:
                return hits[0][0]
    return None


def legal_basis(chapters: list[Chapter]) -> list[Citation]:
    """The Dasar Hukum list (Bab I usually): the items under its sub-heading."""
    for ch in chapters:
        if ch.key in ("akuntabilitas_kinerja", "penutup", "lampiran"):
            continue
        lines: list[str] = []
        inside = False
        for text in ch.paragraphs():
            first = squash(text.split("\n")[0])
            is_sub = bool(SUBHEADING.match(first)) or heading_of([first]) is not None
            if vocab.any_match(first, vocab.patterns("legal_basis_heading")) and len(first) < 60:
                inside = True
                continue
            if inside and is_sub and not re.match(r"^\d+\.\s", first):
                break
            if inside:
                if text.rstrip().endswith(":") and not re.match(r"^\s*(?:\d+|[a-z])[.)]\s", text):
                    continue  # "Penyusunan … berpedoman pada:"
                lines.append(text)
        if lines:
            return parse_citations("\n".join(lines))
    return []


def analyses(chapter: Chapter | None) -> list[str]:
    if chapter is None:
        return []
    text = squash(" ".join(chapter.paragraphs()))
    return [key for key, pats in vocab.groups("analyses").items() if vocab.any_match(text, pats)]


def sections(chapter: Chapter | None) -> list[str]:
    if chapter is None:
        return []
    found: list[str] = []
    for text in chapter.paragraphs():
        first = squash(text.split("\n")[0])
        if not SUBHEADING.match(first):
            continue
        key = vocab.first_key(first, "sections")
        if key and key not in found:
            found.append(key)
    return found


def caption_year(blocks: list[Block], index: int) -> int | None:
    """The year in the caption just above the table at ``index`` ("Tabel 3.1 … Tahun 2023")."""
    for b in reversed(blocks[max(0, index - 2) : index]):
        if isinstance(b, Paragraph):
            m = YEAR_PHRASE.search(b.text)
            if m:
                return int(m["year"])
    return None


def agreement_year(chapter: Chapter | None) -> int | None:
    if chapter is None:
        return None
    for text in chapter.paragraphs():
        m = AGREEMENT_HEADING.search(squash(text))
        if m:
            return int(m["year"])
    return None
