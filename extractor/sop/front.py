"""Front matter of an SOP: the agency, the identity fields and the six boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.fields.dates import parse_date
from extractor.models import Identity, Provenance
from extractor.sop.items import join_wrapped
from extractor.sop.lexicon import labels, norm, split_label, title_case
from extractor.sop.person import parse_person
from extractor.sop.rows import Row

SECTION_KEYS = ("legal_basis", "qualifications", "related_sops", "equipment", "warnings", "records")
# Lines of a letterhead that are neither agency nor region.
_LETTERHEAD_NOISE = re.compile(
    r"^(alamat|jalan|jl\.|telp|telepon|fax|email|e-mail|website|kode pos|http|www\.)"
    r"|standar operasional prosedur|^tahun$|^\d{4}$|^sop\b",
    re.IGNORECASE,
)


# "Kabupaten Garut", "Kota Banjarbaru", "Provinsi Jawa Tengah", "Kab. Balangan"
_REGION = re.compile(r"\b(kabupaten|kota|provinsi|kab\.)\s+\S", re.IGNORECASE)
# Words that start a unit below the agency (a Bidang of a Dinas).
_UNIT = re.compile(
    r"\b(bidang|bagian|sub\s*bagian|subbagian|seksi|sub\s*bidang|uptd?)\b", re.IGNORECASE
)
# Words that start an agency name; built from labels.yml agency_words.
_AGENCY_START = re.compile(
    r"\b(dinas|badan|satuan\s+polisi|satpol|kecamatan|kelurahan|inspektorat|sekretariat|rsud|rumah\s+sakit"
    r"|kantor|bappeda\w*|bpkad|bkpsdm|bpbd|bkd|bkpp|dprd|puskesmas|desa|biro|lembaga)\b",
    re.IGNORECASE,
)
# An agency inside another that stays part of the name (a Kelurahan's Kecamatan).
_SUB_AGENCY = re.compile(r"^\s*kecamatan\b", re.IGNORECASE)


@dataclass
class Front:
    """What the front matter yields."""

    identity: Identity = field(default_factory=Identity)
    sections: dict[str, str] = field(default_factory=dict)
    section_prov: dict[str, Provenance] = field(default_factory=dict)
    wrapped: dict[str, bool] = field(default_factory=dict)


def _value_after(row: Row, col: int, rest: str) -> tuple[str, int | None]:
    """The value of a label at ``col``: rest of its cell, else the next non-':' cell.

    A rest that is itself a label is none: the labels of rows whose rules were lost (a
    shadow over a photo's identity table) stacked in one cell ("No. SOP / Tgl.
    Pembuatan / ...")."""
    rest = rest.strip(" :")
    if rest:
        return ("", None) if _is_label(rest.split("\n")[0]) else (rest, col)
    for j in range(col + 1, len(row.texts)):
        text = row.texts[j].strip()
        if not text or text == ":":
            continue
        if _is_label(text):
            return "", None
        return text.lstrip(": ").strip(), j
    return "", None


def _is_label(text: str) -> bool:
    """Whether ``text`` is an identity or section label (no value of another)."""
    return bool(split_label(text, "identity") or split_label(text, "sections"))


def _identity_label(text: str) -> tuple[str, str] | None:
    """``(key, rest)`` when ``text`` is an identity label, e.g. "Nomor SOP : 800/135/…".

    A bare "Nomor" is a label only when its value (if in the same cell) holds a
    digit: "Nomor : -" or a "Nomor" inside running text is not.
    """
    found = split_label(text, "identity")
    bare_number = (
        found is not None
        and found[0] == "number"
        and norm(text).startswith(("nomor", "no"))
        and "sop" not in norm(text)
    )
    if bare_number and found and found[1] and not re.search(r"\d", found[1]):
        return None
    return found


def read_identity(rows: list[Row]) -> tuple[Identity, set[int]]:
    """Identity fields from label/value pairs; returns the indexes of rows used."""
    ident = Identity()
    used: set[int] = set()
    approver_lines: list[str] | None = None
    for ri, row in enumerate(rows):
        label_here = False
        for col, text in row.nonempty:
            found = _identity_label(text)
            if not found:
                continue
            key, rest = found
            if key in ident.raw:
                continue
            label_here = True
            value, _ = _value_after(row, col, rest)
            ident.raw[key] = value
            if row.prov:
                ident.prov[key] = row.prov
            used.add(ri)
            approver_lines = value.split("\n") if key == "approved_by" else None
        if not label_here and approver_lines is not None and row.is_paragraph:
            if split_label(row.text, "sections"):
                approver_lines = None
                continue
            approver_lines.append(row.text)  # "Disahkan Oleh :" followed by the signer's lines
            used.add(ri)
            ident.raw["approved_by"] = "\n".join(x for x in approver_lines if x.strip())
    _unlabelled_values(rows, ident, used)
    for key in ("number", "title", "unit"):
        if ident.raw.get(key):
            setattr(ident, key, join_wrapped(ident.raw[key]))
    prov = ident.prov.get("number")
    if ident.number and "/" in ident.number and prov is not None and prov.source == "ocr":
        # OCR splits a digit group of a letter number at a gap ("050/1 12/Bappeda")
        ident.number = _DIGIT_GAP.sub("", ident.number)
    for key in ("created", "revised", "effective"):
        raw = ident.raw.get(key, "")
        setattr(ident, key, parse_date(raw) if raw and raw.strip("- ") else None)
    if ident.raw.get("approved_by"):
        ident.approved_by = parse_person(ident.raw["approved_by"].split("\n"))
    return ident, used


# A space OCR put between two digits of one group.
_DIGIT_GAP = re.compile(r"(?<=\d) (?=\d)")
# An NIP as printed under a signer's name, spaced or not (18 digits).
_NIP_LINE = re.compile(r"\bNIP\b|\b\d{8}\s?\d{6}\s?\d\s?\d{3}\b", re.IGNORECASE)
_DATE_KEYS = ("created", "revised", "effective")


def _unlabelled_values(rows: list[Row], ident: Identity, used: set[int]) -> None:
    """Values of the identity table whose label could not be read (a stamp over
    "Tanggal Efektif" or "Disahkan oleh" on a scan), placed by what they hold.

    Only rows of a table that already gave identity labels count. A date goes to the
    first of created, revised, effective not yet seen (the table's order); a signer's
    lines with an NIP go to ``approved_by``.
    """
    tables = {id(rows[i].table) for i in used if rows[i].table is not None}
    for ri, row in enumerate(rows):
        if ri in used or row.table is None or id(row.table) not in tables:
            continue
        cells = [(col, text) for col, text in row.nonempty if text.strip(" :")]
        if len(cells) < 2:
            continue
        label, value = cells[0][1], cells[-1][1].strip(" :")
        if split_label(label, "sections") or _identity_label(label):
            continue
        key = None
        if "\n" not in value and parse_date(value):
            key = next((k for k in _DATE_KEYS if k not in ident.raw), None)
        elif _NIP_LINE.search(value) and "approved_by" not in ident.raw:
            key = "approved_by"
        if key is None:
            continue
        ident.raw[key] = value
        if row.prov:
            ident.prov[key] = row.prov
        used.add(ri)


def _letterhead_lines(rows: list[Row]) -> list[tuple[str, int]]:
    """Lines that can name the agency, each with the index of the cell/paragraph it came from."""
    lines: list[tuple[str, int]] = []
    origin = 0
    for row in rows:
        if any(split_label(text, "sections") for _, text in row.nonempty):
            break
        if row.is_paragraph and _identity_label(row.texts[0]):
            break  # the identity block starts; the letterhead is above it
        texts = [row.texts[0]] if row.is_paragraph else []
        if not row.is_paragraph:
            for _col, text in row.nonempty:
                if _identity_label(text) or text.strip() == ":":
                    break
                texts.append(text)
        for text in texts:
            origin += 1
            for line in text.split("\n"):
                line = line.strip()
                placeholder = norm(line) in labels()["agency_placeholders"]
                if line and not placeholder and not _LETTERHEAD_NOISE.search(line):
                    lines.append((line, origin))
    return lines


def _region_span(line: str) -> tuple[int, int] | None:
    """Span of 'Kabupaten X' / 'Kota X' / 'Provinsi X': to the line end or a unit word."""
    m = _REGION.search(line)
    if not m:
        return None
    unit = _UNIT.search(line, m.end())
    return m.start(), (unit.start() if unit else len(line))


def _is_name_tail(line: str) -> bool:
    """One or two capitalised words that continue a wrapped name (not a unit or an agency)."""
    words = line.split()
    return (
        0 < len(words) <= 2
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and not _UNIT.match(line)
        and not _AGENCY_START.match(line)
    )


def read_agency(rows: list[Row]) -> tuple[str | None, str | None]:
    """Agency and unit from the letterhead and the identity table's left column.

    Names wrap over cells ("Dinas" / "Pendidikan Kabupaten Garut"), so the lines
    are read as one text: the agency runs from the first agency word to the end
    of the region that follows within two lines ("Kabupaten Garut"); without
    one, the region of a "Pemerintah Kabupaten …" line is appended. A unit
    (Bidang, Bagian, Seksi…) after it is the unit.
    """
    tagged = _letterhead_lines(rows)
    region = None
    for i, (line, origin) in enumerate(tagged):
        n = norm(line)
        if any(n.startswith(p) for p in labels()["government_prefixes"]):
            span = _region_span(line)
            if span and region is None:
                region = title_case(line[span[0] : span[1]].strip())
            tagged[i] = (line[span[1] :].strip() if span else "", origin)
    tagged = [(ln, o) for ln, o in tagged if ln]
    lines = [ln for ln, _ in tagged]
    joined = "\n".join(lines)
    m = _AGENCY_START.search(joined.replace("\n", " "))
    if not m:
        return None, None
    start_line = joined[: m.start()].count("\n")
    first = lines[start_line]
    offset = m.start() - sum(len(x) + 1 for x in lines[:start_line])
    parts = [first[max(0, offset) :]]
    agency_region = None
    unit = None
    for line in lines[start_line + 1 : start_line + 3]:
        if _region_span(parts[-1]):
            break
        if _UNIT.match(line) or (_AGENCY_START.match(line) and not _SUB_AGENCY.match(line)):
            break
        parts.append(line)
    # A region name wrapped onto the next line: "Kabupaten Hulu Sungai" / "Tengah".
    nxt = start_line + len(parts)
    same_cell = nxt < len(lines) and tagged[nxt][1] == tagged[nxt - 1][1]
    if _region_span(parts[-1]) and same_cell and _is_name_tail(lines[nxt]):
        parts.append(lines[nxt])
    agency_text = " ".join(parts)
    span = _region_span(agency_text)
    if span:
        agency_region = agency_text[span[0] : span[1]]
        rest = agency_text[span[1] :].strip()
        agency_text = agency_text[: span[1]].strip()
        if rest and _UNIT.match(rest):
            unit = rest
    after = lines[start_line + len(parts) :]
    if unit is None and after and _UNIT.match(after[0]):
        unit = after[0]
    agency = title_case(agency_text.strip())
    if agency_region is None and region and norm(region) not in norm(agency):
        agency = f"{agency} {region}"
    return agency, (title_case(unit) if unit else None)


def _assign_columns(active: list[tuple[int, str]], content_rows: list[Row]) -> dict[int, str]:
    """Map content columns to the labels above them.

    Exports shift columns: labels at cells 0 and 2, their content at 0 and 1
    (shared/seeds). When the content of a label row uses as many distinct
    columns as there are labels, they pair up in order; otherwise each content
    column goes to the nearest label at or left of it.
    """
    positions = sorted({c for row in content_rows for c, _ in row.nonempty})
    if len(positions) == len(active) and len(active) > 1:
        return {pos: active[i][1] for i, pos in enumerate(positions)}
    mapping = {}
    for pos in positions:
        left = [a for a in active if a[0] <= pos]
        mapping[pos] = (left[-1] if left else active[0])[1]
    return mapping


def read_sections(rows: list[Row]) -> Front:
    """The six boxes, laid out as a table grid, label+content cells, or paragraphs."""
    front = Front()
    parts: dict[str, list[str]] = {}

    def add(key: str, text: str, row: Row) -> None:
        if text.strip():
            parts.setdefault(key, []).append(text.strip())
        front.sections.setdefault(key, "")
        if row.prov and key not in front.section_prov:
            front.section_prov[key] = row.prov
        front.wrapped[key] = bool(row.prov and row.prov.source in ("text_layer", "ocr"))

    # Group rows: each label row with the content rows that follow it.
    groups: list[tuple[Row, list[tuple[int, str, str]], list[Row]]] = []
    for row in rows:
        labelled = []
        for col, text in row.nonempty:
            found = split_label(text, "sections")
            if found:
                labelled.append((col, found[0], found[1]))
        if labelled:
            groups.append((row, labelled, []))
        elif _identity_label(row.text) and not row.is_paragraph:
            groups.append((row, [], []))  # identity rows end a box
        elif groups:
            groups[-1][2].append(row)

    for label_row, labelled, content in groups:
        for _col, key, rest in labelled:
            add(key, rest, label_row)
        if not labelled:
            continue
        if label_row.is_paragraph:
            key = labelled[-1][1]
            for row in content:
                if row.is_paragraph:
                    add(key, row.text, row)
            continue
        table_rows = [r for r in content if not r.is_paragraph and r.table is label_row.table]
        mapping = _assign_columns([(c, k) for c, k, _ in labelled], table_rows)
        for row in table_rows:
            for col, text in row.nonempty:
                add(mapping[col], text, row)
    for key, texts in parts.items():
        front.sections[key] = "\n".join(texts)
    return front


def is_heading_like(text: str, title: str | None) -> bool:
    """A paragraph that names the procedure (printed above the flowchart table)."""
    from rapidfuzz import fuzz

    n = norm(text)
    # token_sort, not token_set: a box line sharing a few words with the title
    # ("Register izin belajar" under "SOP Pelayanan Izin Belajar") is not a heading.
    if title and fuzz.token_sort_ratio(n, norm(title)) >= 70:
        return True
    return n.startswith(("sop ", "prosedur ", "standar operasional"))
