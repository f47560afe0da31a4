"""The procedure (flowchart) table: header → columns, rows → steps with actors and symbols.

Per Permen PANRB 35/2012 the columns are No | Kegiatan | Pelaksana₁…ₙ | Mutu Baku
(Kelengkapan, Waktu, Output) | Keterangan. The role columns lie between the
activity column and the first Mutu Baku column. A symbol in a role column gives
the step's actor and symbol: a drawn shape (PDF, scan, DOCX) or a token that
survived a text export ("Mulai", "[]", "{ } (Decision)"). With no symbol the
actor stays None: it is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz import fuzz

from extractor.fields.durations import parse_duration
from extractor.fields.jabatan import title_words
from extractor.layout import Cell, CellShape, Table
from extractor.models import Mark, Provenance, Step
from extractor.options import ExtractionOptions
from extractor.sop.items import (
    join_broken_words,
    join_split_words,
    join_wrapped,
    split_requirements,
    strip_debris,
)
from extractor.sop.lexicon import branch_label, match_label, norm, symbol_token
from extractor.sop.rows import Row

# A step number cell: "1", "1.", "(1)", OCR "l" for 1 is handled by the OCR lexicon.
_STEP_NO = re.compile(r"^\(?\s*(\d{1,3})\s*[.)]?\s*$")


@dataclass
class Columns:
    """Which column holds what; ``roles`` maps column index → role name."""

    no: int | None = None
    activity: int | None = None
    requirements: int | None = None
    time: int | None = None
    output: int | None = None
    notes: int | None = None
    roles: dict[int, str] = field(default_factory=dict)
    #: role columns whose header OCR could not read: their symbols count, actor unknown
    unnamed: list[int] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    n_cols: int = 0

    @property
    def role_columns(self) -> dict[int, str | None]:
        """Every role column, named or not (None), in column order."""
        cols: dict[int, str | None] = {**self.roles, **dict.fromkeys(self.unnamed)}
        return dict(sorted(cols.items()))


def _header_key(text: str) -> str | None:
    return match_label(text, "procedure") if text.strip() else None


def is_header_row(row: Row) -> bool:
    """A row naming at least the number and activity columns (or activity + Pelaksana)."""
    if row.is_paragraph or len(row.texts) < 3:
        return False
    keys = {_header_key(t) for _, t in row.nonempty}
    return ("activity" in keys and bool(keys & {"no", "roles_group", "quality_group", "time"})) or (
        "no" in keys and "roles_group" in keys
    )


def step_number(text: str) -> int | None:
    m = _STEP_NO.match(text.strip())
    return int(m.group(1)) if m else None


def _slot_text(row: Row, i: int) -> str:
    """Text of the cell covering column ``i`` (a merged header cell counts for all its columns)."""
    if i >= len(row.texts):
        return ""
    cell = row.cells[i] if i < len(row.cells) else None
    return cell.text if cell is not None else row.texts[i]


def read_columns(header: Row, sub: Row | None) -> Columns:
    """Column map from the header row and the optional sub-header row below it."""
    n = max(len(header.texts), len(sub.texts) if sub else 0)
    top = [_slot_text(header, i) for i in range(n)]
    low = [sub.texts[i] if sub and i < len(sub.texts) else "" for i in range(n)]
    cols = Columns(n_cols=n)
    keys_top = [_header_key(t) for t in top]
    for i in range(n):
        key = _header_key(low[i]) if low[i].strip() else None
        # the number or activity label in the row below an empty header slot: a merged
        # header cell whose rule a photo broke, its label read into the sub-header row
        fallen = key in ("no", "activity") and not top[i].strip()
        if key not in ("requirements", "time", "output", "notes") and not fallen:
            key = keys_top[i] if key is None else None
        known = key in ("no", "activity", "requirements", "time", "output", "notes")
        if known and key is not None and getattr(cols, key) is None:
            setattr(cols, key, i)
    if sub is not None and _read_by_ocr(sub):
        _place_unread_quality_column(cols, low, keys_top)
    first_quality = min(
        (c for c in (cols.requirements, cols.time, cols.output) if c is not None), default=n
    )
    start = (cols.activity if cols.activity is not None else (cols.no or 0)) + 1
    end = first_quality
    if cols.notes is not None and cols.notes < end and cols.notes > start:
        end = cols.notes
    ocr = _read_by_ocr(sub or header)
    for i in range(start, end):
        name, read_in = (low[i].strip(), sub) if sub else ("", header)
        if not name and keys_top[i] is None:
            name, read_in = top[i].strip(), header
        if ocr and name:
            name = join_split_words(_without_debris(name), title_words())
            if _garbled(name, read_in, i):
                cols.unnamed.append(i)  # read as letters, but no name: unreadable
                continue
        if name and (sub is None or _header_key(name) not in ("requirements", "time", "output")):
            cols.roles[i] = join_wrapped(join_broken_words(name, title_words()))
        elif ocr and not name and sub is not None and keys_top[i] in ("roles_group", None):
            cols.unnamed.append(i)  # under "Pelaksana", its own name unread
    cols.header = [" / ".join(p for p in (top[i].strip(), low[i].strip()) if p) for i in range(n)]
    return cols


#: The Mutu Baku columns in the order Permen PANRB 35/2012 sets.
QUALITY_ORDER = ("requirements", "time", "output")


#: An OCR token that is a bit of a rule or a stamp, not part of a name: no letter, digit
#: or the signs names use ("&", "/", "(", "+").
_DEBRIS = re.compile(r"^[^\w&/()+]+$")


def _without_debris(name: str) -> str:
    """A role name read by OCR without the stroke debris around it ("© Pemohon")."""
    lines = (" ".join(t for t in line.split() if not _DEBRIS.match(t)) for line in name.split("\n"))
    return "\n".join(line for line in lines if line)


#: An OCR'd role name read less surely than this (mean word confidence) with no word of a
#: job title in it is garbled print, not a name ("Peumtanger dar mm masya" at 42 for
#: "Kabag Persidangan dan Perundang-undangan"; the real names of the corpus photos read
#: 62-97, and "Penguji" or "Notulis", no title words, read 89-95).
GARBLED_NAME_CONF = 50.0


def _garbled(name: str, row: Row, col: int) -> bool:
    """Whether an OCR'd role name is unreadable print rather than a name."""
    cell = row.cells[col] if col < len(row.cells) else None
    conf = cell.prov.confidence if cell is not None and cell.prov is not None else None
    if conf is None or conf >= GARBLED_NAME_CONF:
        return False
    words = title_words()
    return not any(w.lower() in words for w in re.findall(r"[A-Za-z]{3,}", name))


def _read_by_ocr(row: Row) -> bool:
    return row.prov is not None and row.prov.source == "ocr"


def _place_unread_quality_column(cols: Columns, low: list[str], keys_top: list[str | None]) -> None:
    """Mutu Baku columns whose sub-header OCR could not read ("Gusta" for Output, "Want"
    for Waktu) are placed by the format's order: right after the column before them in
    ``QUALITY_ORDER`` (or right before the one after them), when that column is read as
    nothing else. At least one of the three must be read: it anchors the others."""
    placed = True
    while placed:
        placed = False
        for j, key in enumerate(QUALITY_ORDER):
            if getattr(cols, key) is not None:
                continue
            before = getattr(cols, QUALITY_ORDER[j - 1]) if j > 0 else None
            after = getattr(cols, QUALITY_ORDER[j + 1]) if j + 1 < len(QUALITY_ORDER) else None
            i = before + 1 if before is not None else (after - 1 if after is not None else None)
            taken = {cols.no, cols.activity, cols.notes, *(getattr(cols, k) for k in QUALITY_ORDER)}
            if i is None or i in taken or not 0 <= i < cols.n_cols:
                continue
            if _header_key(low[i]) is not None or keys_top[i] not in (None, "quality_group"):
                continue
            setattr(cols, key, i)
            placed = True


def is_sub_header(row: Row) -> bool:
    """The second header row (role names, Kelengkapan/Waktu/Output)."""
    if row.is_paragraph or step_number(row.texts[0] if row.texts else "") is not None:
        return False
    if any(_shape_symbol(s) for cell in row.cells if cell is not None for s in cell.shapes):
        # a step's symbol: the first step, its number lost (a photo's cut-off No column)
        return False
    keys = {_header_key(t) for _, t in row.nonempty}
    no_text = not (row.texts[0].strip() if row.texts else "")
    return bool(keys & {"requirements", "time", "output"}) or (
        no_text and len(row.nonempty) >= 2 and not any(len(t) > 80 for _, t in row.nonempty)
    )


#: A repeated header's role name is the first page's role when this alike (rapidfuzz
#: ratio of the normalised names: OCR'd twice, one name reads "Kepala Bagian Huku").
SAME_ROLE_RATIO = 80.0
_KEYED = ("no", "activity", "requirements", "time", "output", "notes")


def page_columns(first: Columns, repeated: Columns) -> dict[int, int] | None:
    """Where a page's columns stand among the first page's, when the header repeated at
    the top of that page is laid out differently (``repeated``): a scan lost or gained a
    column rule there, and reading the page by the first page's positions would move
    every value right of it into the next column. Keyed columns (No, Kegiatan, Mutu
    Baku, Keterangan) map by their labels, role columns by their names; a role column
    named like none of the first page's (two roles merged where their rule was lost) maps
    nowhere. None when the layout is the same, or the repeated header cannot be read."""
    if repeated.n_cols == first.n_cols or repeated.activity is None:
        return None
    if all(getattr(repeated, k) is None for k in ("requirements", "time", "output")):
        return None
    out: dict[int, int] = {}
    for key in _KEYED:
        here, there = getattr(repeated, key), getattr(first, key)
        if here is not None and there is not None:
            out[here] = there
    free = dict(first.roles)
    for i, name in sorted(repeated.roles.items()):
        scored = [(fuzz.ratio(norm(name), norm(other)), j) for j, other in free.items()]
        best = max(scored, default=(0.0, -1))
        if best[0] >= SAME_ROLE_RATIO:
            out[i] = best[1]
            del free[best[1]]
    return out


def remap_row(row: Row, mapping: dict[int, int], n_cols: int) -> Row:
    """``row`` with its cells moved to the first page's columns (:func:`page_columns`)."""
    texts = [""] * n_cols
    cells: list[Cell | None] = [None] * n_cols
    for here, there in mapping.items():
        if here < len(row.texts) and there < n_cols:
            texts[there] = row.texts[here]
            cells[there] = row.cells[here] if here < len(row.cells) else None
    return replace(row, texts=texts, cells=cells)


@dataclass
class RawStep:
    """A step being assembled from one or more rows."""

    number: int
    rows: list[Row] = field(default_factory=list)


def _cell_text(row: Row, col: int | None) -> str:
    if col is None or col >= len(row.texts):
        return ""
    return row.texts[col]


def _wrapped(row: Row) -> bool:
    return row.prov is not None and row.prov.source in ("text_layer", "ocr")


def _shape_symbol(shape: CellShape) -> str | None:
    return {"process": "process", "decision": "decision", "terminator": "terminator"}.get(
        shape.kind
    )


#: A symbol found in a role column: (role, symbol, shape, prov); role None when the
#: column's name could not be read.
FoundMark = tuple[str | None, str | None, CellShape | None, Provenance | None]


def collect_marks(steps: list[RawStep], cols: Columns) -> dict[int, list[FoundMark]]:
    """Per step number: (role, symbol, shape, prov) for every symbol in a role column
    (role None: a column whose name OCR could not read)."""
    marks: dict[int, list[FoundMark]] = {}
    for raw in steps:
        found: list[FoundMark] = []
        seen: set[int] = set()
        for row in raw.rows:
            for col, role in cols.role_columns.items():
                cell: Cell | None = row.cells[col] if col < len(row.cells) else None
                if cell is not None and id(cell) in seen:
                    continue
                if cell is not None:
                    seen.add(id(cell))
                    for shape in cell.shapes:
                        if shape.kind == "offpage":
                            continue
                        found.append((role, _shape_symbol(shape), shape, cell.prov))
                    if cell.shapes:
                        continue
                token = symbol_token(_cell_text(row, col))
                if token:
                    found.append((role, token, None, row.prov))
        marks[raw.number] = found
    return marks


def branch_labels(raw: RawStep, cols: Columns) -> list[str]:
    out: list[str] = []
    for row in raw.rows:
        for col in cols.role_columns:
            text = _cell_text(row, col).strip()
            if text and branch_label(text):
                out.append(text)
    return out


def build_steps(raws: list[RawStep], cols: Columns, options: ExtractionOptions) -> list[Step]:
    """Steps with text fields, actors and symbols (``next`` is filled by ``link_steps``)."""
    marks = collect_marks(raws, cols)
    steps: list[Step] = []
    n_steps = len(raws)
    for idx, raw in enumerate(raws):
        ocr = any(_read_by_ocr(r) for r in raw.rows)

        def joined(col: int | None, raw: RawStep = raw, ocr: bool = ocr) -> str:
            parts = [_cell_text(r, col) for r in raw.rows]
            text = join_wrapped("\n".join(p for p in parts if p.strip()))
            # a stamp's ring or a signature over the cell leaves strokes read as "\ |"
            return strip_debris(text) if ocr else text

        wrapped = any(_wrapped(r) for r in raw.rows)
        req_text = "\n".join(_cell_text(r, cols.requirements) for r in raw.rows).strip()
        time_text = joined(cols.time)
        step_marks = []
        for role, symbol, shape, prov in marks[raw.number]:
            step_marks.append(
                Mark(role=role, symbol=_resolve_terminator(symbol, shape, idx, n_steps), prov=prov)
            )
        # a shape of no known kind (a signature's loop, a stamp's ring) does not
        # compete with the step's real symbol for its actor
        deciding = [m for m in step_marks if m.symbol is not None] or step_marks
        actors = {m.role for m in deciding}
        symbols = {m.symbol for m in deciding}
        steps.append(
            Step(
                number=raw.number,
                activity=joined(cols.activity),
                actor=next(iter(actors)) if len(actors) == 1 else None,
                symbol=next(iter(symbols)) if len(symbols) == 1 else None,  # type: ignore[arg-type]
                requirements=split_requirements(req_text, wrapped=wrapped),
                duration=parse_duration(time_text, options.workday_hours) if time_text else None,
                output=joined(cols.output) or None,
                notes=joined(cols.notes) or None,
                marks=step_marks,
                branch_labels=branch_labels(raw, cols),
                prov=raw.rows[0].prov,
            )
        )
    return steps


def _resolve_terminator(
    symbol: str | None, shape: CellShape | None, idx: int, n_steps: int
) -> str | None:
    """A capsule is start or end: by its label, else by position in the table."""
    if symbol != "terminator":
        return symbol
    label = norm(shape.label or "") if shape else ""
    token = symbol_token(label) if label else None
    if token in ("start", "end"):
        return token
    if idx == n_steps - 1:
        return "end"
    if idx == 0:
        return "start"
    return "end" if idx > n_steps / 2 else "start"


def _continuation(
    x: float,
    ti: int,
    tables: list[Table],
    kinds: dict[tuple[int, int], CellShape],
    shape_steps: dict[tuple[int, int], int],
) -> int | None:
    """The step a connector leaving the bottom of a page continues to on the next page.

    An arrow drawn into a shape from the top of that page wins (nearest by x);
    otherwise, as a reader follows a vertical flowchart, the topmost shape in the
    same column (within 15 pt), else the topmost shape of the page.
    """
    if ti >= len(tables):
        return None
    entries = [e for e in tables[ti].open_ends if e.direction == "in"]
    if entries:
        best = min(entries, key=lambda e: abs(e.x - x))
        return shape_steps.get((ti, best.shape))
    placed = [
        (shape.bbox, number)
        for (t, sid), number in shape_steps.items()
        if t == ti and (shape := kinds.get((t, sid))) is not None and shape.bbox is not None
    ]
    if not placed:
        return None
    column = [p for p in placed if p[0][0] - 15 <= x <= p[0][2] + 15]
    return min(column or placed, key=lambda p: p[0][1])[1]


def link_steps(
    steps: list[Step], shape_steps: dict[tuple[int, int], int], tables: list[Table]
) -> None:
    """Fill ``next`` from the connectors (edges) of the procedure tables.

    ``shape_steps`` maps (table index, shape id) → step number. An edge into an
    off-page connector continues from the matching connector on a later page
    (same label, else the next one in order).
    """
    by_number = {s.number: s for s in steps}
    out_edges: dict[tuple[int, int], list[tuple[tuple[int, int], str | None]]] = {}
    offpage_out: list[tuple[int, int, str | None]] = []  # (table, shape, label) leaving the page
    offpage_in: list[tuple[int, int, str | None]] = []
    kinds: dict[tuple[int, int], CellShape] = {}
    for ti, table in enumerate(tables):
        for cell in table.cells:
            for shape in cell.shapes:
                kinds[(ti, shape.id)] = shape
        for edge in table.edges:
            out_edges.setdefault((ti, edge.source), []).append(((ti, edge.target), edge.label))
    for key, shape in kinds.items():
        if shape.kind != "offpage":
            continue
        has_in = any(t == key for edges in out_edges.values() for t, _ in edges)
        has_out = key in out_edges
        if has_in and not has_out:
            offpage_out.append((key[0], key[1], shape.label))
        elif has_out:
            offpage_in.append((key[0], key[1], shape.label))

    def resolve(target: tuple[int, int], depth: int = 0) -> list[int]:
        if target in shape_steps:
            return [shape_steps[target]]
        shape = kinds.get(target)
        if shape is None or shape.kind != "offpage" or depth > 3:
            return []
        # The matching connector carries the same label ("A"), on any other page: a
        # "Tidak" branch may loop back to an earlier page. Unlabelled: the next page.
        others = [p for p in offpage_in if p[0] != target[0]]
        same = [p for p in others if shape.label and p[2] and norm(p[2]) == norm(shape.label)]
        chosen = (same or [p for p in others if p[0] > target[0]])[:1]
        result: list[int] = []
        for t, sid, _ in chosen:
            for nxt, _label in out_edges.get((t, sid), []):
                result.extend(resolve(nxt, depth + 1))
        return result

    for (ti, sid), number in shape_steps.items():
        step = by_number.get(number)
        if step is None:
            continue
        targets: list[tuple[int, str | None]] = []
        for target, label in out_edges.get((ti, sid), []):
            targets.extend((n, label) for n in resolve(target))
        for end in tables[ti].open_ends:
            if end.shape == sid and end.direction == "out":
                nxt = _continuation(end.x, ti + 1, tables, kinds, shape_steps)
                if nxt is not None:
                    targets.append((nxt, end.label))
        if step.symbol == "decision":
            yes = [n for n, lab in targets if lab and branch_label(lab) == "yes"]
            no = [n for n, lab in targets if lab and branch_label(lab) == "no"]
            rest = [n for n, lab in targets if n not in yes and n not in no]
            targets_sorted = yes + rest + no
            # the answers written on its exits ("Ya" on one connector, "Tidak" on the
            # other) are the decision's branch labels too, ordered as its exits: yes, no
            seen = {norm(lab) for lab in step.branch_labels}
            for _, lab in targets:
                if lab and branch_label(lab) and norm(lab) not in seen:
                    step.branch_labels.append(lab)
                    seen.add(norm(lab))
            step.branch_labels.sort(key=lambda lab: branch_label(lab) == "no")
        else:
            targets_sorted = [n for n, _ in targets]
        for n in targets_sorted:
            if n != number and n not in step.next:
                step.next.append(n)


#: Symbols whose step may rightly lead nowhere at a page's foot (the flow ends there), or
#: whose exits are answers a page break cannot tell.
NO_PAGE_CONTINUATION = ("end", "decision")


def continue_across_pages(steps: list[Step], shape_steps: dict[tuple[int, int], int]) -> list[int]:
    """Link a page's last step that leads nowhere to the next page's first step when that
    is the step after it: a connector running off the foot of a page that the producer
    clipped (LibreOffice draws it beyond the page, and a printout or scan shows none), as
    a reader follows the flow on over the page. Not for an end or a decision. Returns the
    steps so linked (``shape_steps`` as for :func:`link_steps`)."""
    pages: dict[int, list[int]] = {}
    for (ti, _), number in shape_steps.items():
        pages.setdefault(ti, []).append(number)
    by_number = {s.number: s for s in steps}
    order = sorted(pages)
    linked: list[int] = []
    for here, following in pairwise(order):
        last, first = max(pages[here]), min(pages[following])
        step = by_number.get(last)
        if step is None or step.next or first != last + 1:
            continue
        if step.symbol in NO_PAGE_CONTINUATION:
            continue
        step.next.append(first)
        linked.append(last)
    return linked
