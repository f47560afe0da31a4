"""LKIP tables: performance (capaian), budget (realisasi anggaran) and Perjanjian Kinerja.

A table is recognised by its header: each column gets a role from the header words
(``columns`` in extractor/data/lkip.yml) after every non-letter is removed, so a
header broken inside a narrow cell ("Realisas" / "i") still reads. Header rows are
the leading rows that name roles; a following row of column numbers "(1) (2) …" is
skipped. A table without a header that follows a recognised one with as many
columns (only page furniture between) continues it over the page break; a repeated
header is dropped. Merged or blank objective cells carry the objective down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.fields.numbers import parse_number
from extractor.fields.text import squash
from extractor.layout import Block, Cell, Paragraph, Table
from extractor.lkip import vocab
from extractor.models import BudgetLine, Indicator, Provenance
from extractor.types import SourceKind

NON_LETTERS = re.compile(r"[^a-z]+")
# A target written as a range: "80 - 90", "80–90 %", "3,5 s.d. 4,5".
RANGE = re.compile(
    r"^\s*(?P<lo>\d[\d.,]*)\s*(?:[-–—]|s\.?\s*d\.?|sampai(?:\s+dengan)?)\s*(?P<hi>\d[\d.,]*)\s*(?P<rest>\D*)$",
    re.IGNORECASE,
)
# A column-number row under the header: "1 2 3 4 5 6 7" or "(1) (2) …".
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
# A year in a header or caption.
YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
# Hyphen at a line end inside a word: "Persen-\ntase".
SOFT_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
MAX_HEADER_ROWS = 3
# Roles that make a table of each kind.
PERFORMANCE = {"indicator", "target", "actual"}
AGREEMENT = {"indicator", "target"}
BUDGET = {"program", "ceiling", "actual"}


# The end of a word pushed alone onto the next line of a narrow cell: "pengadua" / "n".
BROKEN_WORD_TAIL = re.compile(r"(?<=[a-z])\n(?P<tail>[a-z]{1,2})(?=\n|$)")
# Short words that may stand alone on a line.
SHORT_WORDS = frozenset({"di", "ke", "ya", "ha", "km", "kg", "m", "cm", "mm", "l", "kk"})


def _glue(m: re.Match[str]) -> str:
    return (" " if m["tail"] in SHORT_WORDS else "") + m["tail"]


def cell_text(text: str) -> str:
    """Cell text on one line: wrapped lines joined, soft hyphens and broken words mended."""
    text = SOFT_HYPHEN_BREAK.sub("", text or "")
    return squash(BROKEN_WORD_TAIL.sub(_glue, text))


def header_key(text: str) -> str:
    return NON_LETTERS.sub("", (text or "").lower())


def column_role(header: str) -> str | None:
    key = header_key(header)
    for role, pats in vocab.groups("columns").items():
        if any(p.search(key) for p in pats):
            return role
    return None


@dataclass
class Columns:
    """Column index of each role, and the header text of every column."""

    roles: dict[str, int]
    headers: list[str]

    @property
    def kind(self) -> str | None:
        have = set(self.roles)
        if have >= PERFORMANCE:
            return "performance"
        if have >= BUDGET:
            return "budget"
        if have >= AGREEMENT:
            return "agreement"
        return None

    def year(self) -> int | None:
        for role in ("target", "actual", "achievement"):
            if role in self.roles:
                m = YEAR.search(self.headers[self.roles[role]])
                if m:
                    return int(m.group(1))
        return None


def _rows(table: Table) -> list[list[str]]:
    """Every row with merged cells' text in each slot they cover."""
    return [[cell_text(c.text) if c else "" for c in row] for row in table.grid()]


def _is_header(row: list[str]) -> bool:
    """Most of the row's cells name a column role (data rows hold figures)."""
    filled = [t for t in row if t]
    named = sum(1 for t in filled if column_role(t) not in (None, "achievement"))
    return named >= 2 and named * 2 >= len(filled)


def _header_rows(rows: list[list[str]]) -> int:
    """How many leading rows are header (role names, then an optional column-number row)."""
    n = 0
    while n < min(MAX_HEADER_ROWS, len(rows)) and _is_header(rows[n]):
        n += 1
    numbered = n < len(rows) and all(COLUMN_NUMBER.match(t) for t in rows[n] if t)
    if n and numbered and sum(1 for t in rows[n] if t) >= 3:
        n += 1
    return n


def _current(header: str, year: int | None) -> int:
    """Rank of a target/realisation column: this year's figure first, Renstra/earlier last."""
    key = header_key(header)
    if vocab.any_match(key, vocab.patterns("not_current")):
        return 0
    years = [int(y) for y in YEAR.findall(header)]
    if year is not None and years:
        return 3 if year in years else 1
    return 2


def columns(header_rows: list[list[str]], year: int | None) -> Columns:
    n = len(header_rows[0])
    headers = [squash(" ".join(dict.fromkeys(r[c] for r in header_rows if r[c]))) for c in range(n)]
    roles: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for c, text in enumerate(headers):
        # the lowest header row names the column ("Tahun 2023" above "Target")
        own = next((r[c] for r in reversed(header_rows) if r[c]), "")
        if not own:
            continue
        role = column_role(own) or column_role(text)
        if role is None:
            continue
        rank = _current(text, year) if role in ("target", "actual") else 2
        if role not in roles or rank > ranks[role] or (rank == ranks[role] and role == "actual"):
            roles[role], ranks[role] = c, rank
    return Columns(roles, headers)


@dataclass
class Found:
    """A recognised table (parts over page breaks merged): kind, columns, data rows."""

    kind: str
    cols: Columns
    rows: list[list[str]] = field(default_factory=list)
    cells: list[list[Cell | None]] = field(default_factory=list)
    page: int | None = None
    index: int = 0  # position of its first block


def find_tables(blocks: list[Block], year: int | None) -> list[Found]:
    """Recognised tables in order, continuation parts merged into the table they continue."""
    found: list[Found] = []
    last: Found | None = None
    last_cols = 0
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph):
            last = None  # real text between tables ends a continuation
            continue
        rows = _rows(b)
        if not rows:
            continue
        n_head = _header_rows(rows)
        cols = columns(rows[:n_head], year) if n_head else None
        grid = b.grid()
        if cols is not None and cols.kind is not None:
            if last is not None and cols.kind == last.kind and b.n_cols == last_cols:
                target = last  # the header repeated on the next page
            else:
                target = Found(cols.kind, cols, page=b.page, index=i)
                found.append(target)
        elif last is not None and b.n_cols == last_cols and n_head == 0:
            target = last
        else:
            last = None
            continue
        target.rows.extend(rows[n_head:])
        target.cells.extend(grid[n_head:])
        last, last_cols = target, b.n_cols
    return found


# --------------------------------------------------------------------------- rows


def _prov(
    cells: list[Cell | None], col: int | None, page: int | None, source: SourceKind
) -> Provenance:
    cell = cells[col] if col is not None and col < len(cells) else None
    if cell is not None and cell.prov is not None:
        return cell.prov
    return Provenance(page=page, source=source)


def polarity_of(text: str) -> str | None:
    for key, pats in vocab.groups("polarity_words").items():
        if vocab.any_match(text.lower().strip(), pats):
            return key
    return None


def split_polarity(name: str) -> tuple[str, str | None]:
    """The indicator name without its polarity marker, and the polarity it states."""
    for key, pats in vocab.groups("polarity_markers").items():
        for p in pats:
            m = p.search(name)
            if m:
                return squash(name[: m.start()] + " " + name[m.end() :]).strip(" ,;"), key
    return name, None


# Spaces OCR puts inside one figure: "38.91 0.250.000".
SPACE_IN_NUMBER = re.compile(r"(?<=[\d.,])\s+(?=[\d.,])")
# The currency in front of a figure, also glued to it: "Rp 1.234", "Rp.1.234.567,00".
RUPIAH = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
# A cell stating a word instead of a figure: a letter and no digit ("WTP", "BB", "WBK").
LETTER = re.compile(r"[^\W\d_]")
DIGIT = re.compile(r"\d")
# A No/Kode cell holding only a number or code, perhaps wrapped: "1.1. 1".
CODE_CHARS = re.compile(r"[\d.\s]+")


def number(text: str) -> float | None:
    """The figure of a cell, spaces inside it and a leading "Rp" ignored."""
    return parse_number(SPACE_IN_NUMBER.sub("", RUPIAH.sub("", text or "")))


def word_value(text: str) -> str | None:
    """The value of a cell that states a word, not a figure ("WTP", "BB", "Zona Hijau");
    None for letters OCR reads as digits ("l0")."""
    text = squash(text or "")
    if not LETTER.search(text) or DIGIT.search(text) or number(text) is not None:
        return None
    return text


def multiplier(text: str) -> float | None:
    """The multiplier a rupiah amount or a header states: "1,2 M" (miliar), "Rp juta"."""
    for factor, pats in vocab.groups("money_multipliers").items():
        if vocab.any_match(text or "", pats):
            return float(factor)
    return None


def money(text: str, scale: float = 1.0) -> float | None:
    """A rupiah amount: "Rp 1.234.567.890,00", "1,2 M"; else times the header's ``scale``."""
    value = number(text)
    return None if value is None else value * (multiplier(text) or scale)


def unit_of(text: str, source: SourceKind) -> str | None:
    """The unit as written; on scans, OCR misreadings of "%" mended."""
    if not text:
        return None
    if source == "ocr":
        for unit, misread in vocab.data()["unit_ocr"].items():
            if text.strip().lower() in misread:
                return str(unit)
    return text


def parse_target(text: str) -> tuple[float | None, float | None]:
    """(target, upper bound) — the bound only for a range "80 - 90"."""
    m = RANGE.match(text or "")
    if m:
        lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
        if lo is not None and hi is not None and hi > lo:
            return lo, hi
    return number(text), None


def _get(row: list[str], cols: Columns, role: str) -> str:
    c = cols.roles.get(role)
    return row[c] if c is not None and c < len(row) else ""


def _banner(row: list[str], cells: list[Cell | None]) -> str | None:
    """A row that is one merged cell over the table: an objective written as a band."""
    first = cells[0] if cells else None
    if first is not None and first.col_span >= max(3, len(cells) - 1) and row[0]:
        return row[0]
    return None


def indicators(t: Found, source: SourceKind) -> list[Indicator]:
    """Performance or agreement rows; objectives carried down blank/merged cells."""
    out: list[Indicator] = []
    objective: str | None = None
    for row, cells in zip(t.rows, t.cells, strict=False):
        band = _banner(row, cells)
        if band is not None:
            objective = re.sub(r"^sasaran(?:\s+strategis)?\s*\d*\s*[:.]\s*", "", band, flags=re.I)
            continue
        name = _get(row, t.cols, "indicator")
        if not name or header_key(name) == header_key(t.cols.headers[t.cols.roles["indicator"]]):
            continue  # empty, or the header repeated inside the body
        objective = _get(row, t.cols, "objective") or objective
        name, stated = split_polarity(name)
        polarity = polarity_of(_get(row, t.cols, "polarity")) or stated
        target_text = word_value(_get(row, t.cols, "target"))
        target, target_max = parse_target(_get(row, t.cols, "target"))
        if target_max is not None and polarity is None:
            polarity = "range"
        is_perf = t.kind == "performance"
        actual = _get(row, t.cols, "actual") if is_perf else ""
        out.append(
            Indicator(
                objective=objective,
                indicator=name,
                unit=unit_of(_get(row, t.cols, "unit"), source),
                target=target,
                target_max=target_max,
                actual=number(actual) if is_perf else None,
                achievement=number(_get(row, t.cols, "achievement")) if is_perf else None,
                polarity=polarity,
                target_text=target_text,
                actual_text=word_value(actual),
                prov=_prov(cells, t.cols.roles.get("indicator"), t.page, source),
            )
        )
    return out


def _word_depth(name: str) -> int | None:
    """1 for "Program …", 2 for "Kegiatan …", 3 for "Sub Kegiatan …"."""
    levels = vocab.ordered("budget_levels")
    return next((d for d, pats in enumerate(levels, 1) if vocab.any_match(name, pats)), None)


def _code(row: list[str], cols: Columns, program: str) -> str | None:
    """The outline number or code of a budget row: Kode or No column, else before the name."""
    pattern = vocab.regex("budget_code")
    cells = [_get(row, cols, "code"), _get(row, cols, "number")]
    # a code wrapped in a narrow cell reads "1.02.02.2. 01": join its pieces
    cells = [SPACE_IN_NUMBER.sub("", c) if CODE_CHARS.fullmatch(c) else c for c in cells]
    for text in (*cells, program):
        m = pattern.match(text)
        if m:
            return m["code"]
    return None


def levels(codes: list[str | None], names: list[str]) -> list[int | None]:
    """The level of each budget row in a nested table; all None when the table is flat.

    Codes decide first (segments: "1" < "1.1" < "1.1.1", "1.02.02" < "1.02.02.2.01"),
    else the words that open the names (Program < Kegiatan < Sub Kegiatan). Depths are
    ranked among those the table uses; a row that shows none is a sibling of the row above.
    """
    by_code = [c.count(".") + 1 if c else None for c in codes]
    for depths in (by_code, [_word_depth(n) for n in names]):
        known = sorted({d for d in depths if d is not None})
        if len(known) < 2:
            continue
        out: list[int | None] = []
        last = 1
        for d in depths:
            last = known.index(d) + 1 if d is not None else last
            out.append(last)
        return out
    return [None] * len(names)


def budget(t: Found, source: SourceKind) -> tuple[list[BudgetLine], BudgetLine | None]:
    """Budget lines (with their level in a nested table) and the stated total row."""
    total: BudgetLine | None = None
    program_col = t.cols.roles.get("program")
    scales = [multiplier(t.cols.headers[t.cols.roles[r]]) for r in ("ceiling", "actual")]
    ceiling_scale, actual_scale = (x or 1.0 for x in scales)
    candidates: list[tuple[BudgetLine, str | None]] = []
    for row, cells in zip(t.rows, t.cells, strict=False):
        program = _get(row, t.cols, "program")
        if not program and program_col is not None and program_col > 0:
            program = row[0]  # "JUMLAH" written in a cell merged over No and Program
        if not program:
            continue
        line = BudgetLine(
            program=program,
            ceiling=money(_get(row, t.cols, "ceiling"), ceiling_scale),
            realised=money(_get(row, t.cols, "actual"), actual_scale),
            percent=number(_get(row, t.cols, "achievement")),
            prov=_prov(cells, program_col, t.page, source),
        )
        if vocab.any_match(program, vocab.patterns("total_row")):
            if line.ceiling is not None or line.realised is not None:
                total = line
            continue
        candidates.append((line, _code(row, t.cols, program)))
    depth = levels([c for _, c in candidates], [line.program for line, _ in candidates])
    lines: list[BudgetLine] = []
    for (line, code), level in zip(candidates, depth, strict=True):
        if line.ceiling is None and line.realised is None:
            continue  # a heading row without figures (its level still counted above)
        if level is not None:
            line.level, line.code = level, code
        lines.append(line)
    return lines, total
