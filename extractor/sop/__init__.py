"""Blocks → SOP record (format-agnostic: text, DOCX, PDF and OCR share this)."""

from __future__ import annotations

from extractor.fields.citations import mend_ocr_years, parse_citations
from extractor.fields.dates import parse_date
from extractor.layout import LayoutDocument, Table
from extractor.models import Signature, SOPRecord, Source
from extractor.options import ExtractionOptions
from extractor.sop.front import (
    SECTION_KEYS,
    is_heading_like,
    read_agency,
    read_identity,
    read_sections,
)
from extractor.sop.items import LIST_ITEM, split_items
from extractor.sop.lexicon import norm, split_label
from extractor.sop.person import PLACE_DATE, parse_person
from extractor.sop.procedure import (
    Columns,
    RawStep,
    build_steps,
    continue_across_pages,
    is_header_row,
    is_sub_header,
    link_steps,
    page_columns,
    read_columns,
    remap_row,
    step_number,
)
from extractor.sop.rows import Row, document_rows

__all__ = ["parse_sop"]

#: Lines of text, after the first, between two pages of one flowchart (page footers and
#: headers, a photo's debris read off the desk below the sheet) passed over to find the
#: table going on after them.
PAGE_BREAK_LINES = 9


def _procedure_rows(
    rows: list[Row],
) -> tuple[int | None, Columns | None, list[RawStep], list[Table], int]:
    """Find the flowchart header, read its columns and group step rows.

    Returns (index of the first header row, columns, steps, procedure tables,
    index of the row after the last step).
    """
    header_idx = next((i for i, r in enumerate(rows) if is_header_row(r)), None)
    if header_idx is None:
        return None, None, [], [], len(rows)
    header = rows[header_idx]
    sub = rows[header_idx + 1] if header_idx + 1 < len(rows) else None
    if sub is not None and not is_sub_header(sub):
        sub = None
    cols = read_columns(header, sub)
    raws: list[RawStep] = []
    tables: list[Table] = []
    end = header_idx + (2 if sub else 1)
    i = end
    mapping: dict[int, int] | None = None
    while i < len(rows):
        row = rows[i]
        if row.is_paragraph:
            # Text between two pages of one flowchart (page headers/footers) is skipped
            # when the table continues right after it.
            nxt = next(
                (
                    j
                    for j in range(i + 1, min(i + 1 + PAGE_BREAK_LINES, len(rows)))
                    if not rows[j].is_paragraph
                ),
                None,
            )
            if nxt is not None and _continues(rows[nxt], cols, raws):
                i = nxt
                continue
            break
        if is_header_row(row):  # the header repeated on the next page
            i += 1
            repeated_sub = rows[i] if i < len(rows) and is_sub_header(rows[i]) else None
            if repeated_sub is not None:
                i += 1
            # laid out otherwise (a column rule lost on this page): read by its own header
            mapping = page_columns(cols, read_columns(row, repeated_sub))
            continue
        if mapping is not None and not row.is_paragraph:
            row = rows[i] = remap_row(row, mapping, cols.n_cols)
        if len(row.texts) < cols.n_cols - 1 and not _continues(row, cols, raws):
            break
        if row.table is not None and row.table not in tables:
            tables.append(row.table)
        number = _read_number(row, cols)
        if number is not None and _symbol_in(row, cols):
            # the first step comes after "step 0": a "4" read for its 1 is put right when
            # the next row reads 2
            previous = raws[-1].number if raws else 0
            number = _in_sequence(number, previous, _next_read_number(rows, i, cols))
        if number is not None and (not raws or number != raws[-1].number):
            raws.append(RawStep(number=number, rows=[row]))
        elif _symbol_in(row, cols) and (
            not raws or any(_symbol_in(r, cols) for r in raws[-1].rows)
        ):
            # a ruled flowchart row with a symbol of its own is the next step (the first
            # when none came before) even when its number was not read or misread (a
            # scan's "9" lost); a wrapped row of a step (a page break) holds no second symbol
            raws.append(RawStep(number=raws[-1].number + 1 if raws else 1, rows=[row]))
        elif raws:
            raws[-1].rows.append(row)  # wrapped text of the previous step
        i += 1
        end = i
    return header_idx, cols, raws, tables, end


def _read_number(row: Row, cols: Columns) -> int | None:
    return step_number(
        row.texts[cols.no] if cols.no is not None and cols.no < len(row.texts) else ""
    )


def _next_read_number(rows: list[Row], i: int, cols: Columns) -> int | None:
    """The number read in the next table row after ``rows[i]`` that holds a symbol."""
    for row in rows[i + 1 :]:
        if row.is_paragraph:
            return None
        if _symbol_in(row, cols):
            return _read_number(row, cols)
    return None


def _in_sequence(number: int, previous: int, following: int | None) -> int:
    """The number of a flowchart row with its own symbol, read as ``number`` after step
    ``previous``: steps are numbered on, so a number that goes back ("2" read for 22) or
    that the next row repeats or follows on from the expected one ("6", then "6": the 5
    misread) is the step after ``previous``; a number that skips with the next row
    agreeing (a real gap) is kept."""
    expected = previous + 1
    if number == expected:
        return number
    if number <= previous or following in (number, expected + 1):
        return expected
    return number


def _symbol_in(row: Row, cols: Columns) -> bool:
    """Whether a table row holds a flowchart symbol (not an off-page connector) in a role
    column."""
    return any(
        shape.kind != "offpage"
        for col in cols.role_columns
        if col < len(row.cells) and row.cells[col] is not None
        for shape in row.cells[col].shapes
    )


def _continues(row: Row, cols: Columns, raws: list[RawStep]) -> bool:
    if row.is_paragraph or abs(len(row.texts) - cols.n_cols) > 1:
        return False
    if is_header_row(row):
        return True
    number = _read_number(row, cols)
    return number is not None and (not raws or number > raws[-1].number)


def _shape_steps(
    raws: list[RawStep], tables: list[Table], cols: Columns
) -> dict[tuple[int, int], int]:
    index = {id(t): ti for ti, t in enumerate(tables)}
    out: dict[tuple[int, int], int] = {}
    for raw in raws:
        for row in raw.rows:
            if row.table is None:
                continue
            for col in cols.role_columns:
                cell = row.cells[col] if col < len(row.cells) else None
                for shape in cell.shapes if cell else []:
                    if shape.kind != "offpage":
                        out[(index[id(row.table)], shape.id)] = raw.number
    return out


def _signature(rows: list[Row]) -> Signature | None:
    """The signature block after the flowchart: place and date, then the signer."""
    lines = [line for r in rows for line in (r.text.split("\n") if r.text else [])]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        return None
    place = date = None
    start = 0
    for i, ln in enumerate(lines):
        m = PLACE_DATE.match(ln)
        if m and parse_date(m.group("date")):
            place, date, start = m.group("place").strip(), parse_date(m.group("date")), i + 1
            break
    person = parse_person(lines[start : start + 12])
    if not (person.name or person.nip or date):
        return None
    return Signature(place=place, date=date, prov=rows[0].prov, **person.model_dump())


def parse_sop(layout: LayoutDocument, source: Source, options: ExtractionOptions) -> SOPRecord:
    """Build the SOP record from a document's blocks."""
    rows = document_rows(layout)
    header_idx, cols, raws, tables, end = _procedure_rows(rows)
    front_rows = rows[: header_idx if header_idx is not None else len(rows)]
    notes = list(layout.notes)

    identity, used = read_identity(front_rows)
    agency, unit = read_agency(front_rows)
    identity.agency = agency
    identity.unit = identity.unit or unit

    # Paragraphs just above the flowchart name the procedure; they are not box content.
    heading = None
    tail = []
    for i in range(len(front_rows) - 1, max(-1, len(front_rows) - 4), -1):
        row = front_rows[i]
        if not row.is_paragraph or LIST_ITEM.match(row.text) or split_label(row.text, "sections"):
            break  # box content or a box label: the heading, if any, is below it
        tail.append(i)
    for i in tail:
        if is_heading_like(front_rows[i].text, identity.title):
            heading = front_rows[i].text
            used.add(i)
            break  # one heading, the nearest to the table; lines above it are box content
    front = read_sections([r for i, r in enumerate(front_rows) if i not in used])

    def items(key: str) -> list[str]:
        return split_items(front.sections.get(key, ""), wrapped=front.wrapped.get(key, False))

    legal = parse_citations(front.sections.get("legal_basis", ""))
    legal_prov = front.section_prov.get("legal_basis")
    for citation in legal:
        citation.prov = legal_prov
    if legal_prov is not None and legal_prov.source == "ocr":
        # a year misread by one digit ("Tahun 2923"), put right from the box's own words
        mend_ocr_years(legal, front.sections["legal_basis"])

    steps = build_steps(raws, cols, options) if cols else []
    if cols and tables:
        shape_steps = _shape_steps(raws, tables, cols)
        link_steps(steps, shape_steps, tables)
        # the flow taken on over a page break no arrow crosses: said, so a reader checks it
        notes.extend(f"next_across_page:{n}" for n in continue_across_pages(steps, shape_steps))
    # Notes are "code" or "code:detail"; the rules report them as "could not check".
    if cols is None:
        notes.append("table_not_found")
    elif steps and cols.roles and not any(s.marks for s in steps):
        notes.append("symbols_lost")
    elif not cols.roles:
        notes.append("role_columns_not_found")
    if cols is not None:
        notes.extend(f"role_name_unreadable:{i + 1}" for i in cols.unnamed)
    notes.extend(f"section_not_found:{k}" for k in SECTION_KEYS if k not in front.sections)

    signature = _signature(rows[end:])
    if identity.approved_by and signature:
        same = norm(identity.approved_by.position or "") and norm(
            signature.position or ""
        ).startswith(norm(identity.approved_by.position or "")[:20])
        if same:
            identity.approved_by.name = identity.approved_by.name or signature.name
            identity.approved_by.nip = identity.approved_by.nip or signature.nip
            identity.approved_by.rank = identity.approved_by.rank or signature.rank

    return SOPRecord(
        source=source,
        identity=identity,
        legal_basis=legal,
        qualifications=items("qualifications"),
        related_sops=items("related_sops"),
        equipment=items("equipment"),
        warnings=items("warnings"),
        records=items("records"),
        roles=list(cols.roles.values()) if cols else [],
        steps=steps,
        signature=signature,
        sections_found=[k for k in SECTION_KEYS if k in front.sections],
        procedure_heading=heading,
        procedure_columns=cols.header if cols else [],
        extraction_notes=notes,
    )
