"""XLSX export (openpyxl): Ringkasan, one sheet per OPD, Temuan; filters, frozen headers."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from api.exports.cells import safe_cell
from api.exports.model import ExportSet
from api.exports.tabular import finding_header, finding_row, summary_header, summary_row

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LINK_FONT = Font(color="0563C1", underline="single")
SEVERITY_FILL = {
    "error": PatternFill("solid", fgColor="F8CBAD"),
    "warning": PatternFill("solid", fgColor="FFE699"),
}
#: Characters Excel forbids in sheet names.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Column widths by header position of the findings sheet (characters).
FINDING_WIDTHS = (22, 28, 10, 20, 12, 8, 14, 60, 50, 50, 40)
SUMMARY_WIDTHS = (22, 32, 40, 24, 16, 10, 11, 11, 8, 18, 50)
RULE_COLUMN = 3  # 1-based column of the rule code in the findings sheet


def _sheet_name(name: str, used: set[str]) -> str:
    base = SHEET_FORBIDDEN.sub(" ", name).strip().strip("'")[:28] or "OPD"
    candidate, n = base, 2
    while candidate.casefold() in used:
        candidate = f"{base[:25]} {n}"
        n += 1
    used.add(candidate.casefold())
    return candidate


def _table(
    ws: Worksheet, header: list[str], rows: list[list[Any]], widths: tuple[int, ...]
) -> None:
    ws.append([safe_cell(h) for h in header])
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _findings_sheet(ws: Worksheet, ex: ExportSet, docs: list) -> None:
    rows, meta = [], []
    for doc in docs:
        for f in doc.findings:
            rows.append(finding_row(ex, doc, f))
            meta.append(f)
    _table(ws, finding_header(ex), rows, FINDING_WIDTHS)
    for r, f in enumerate(meta, start=2):
        url = ex.rule_url(f.get("rule") or "")
        cell = ws.cell(row=r, column=RULE_COLUMN)
        if url:
            cell.hyperlink = url
            cell.font = LINK_FONT
        fill = SEVERITY_FILL.get(f.get("severity") or "")
        if fill:
            ws.cell(row=r, column=RULE_COLUMN + 2).fill = fill


def render(ex: ExportSet) -> bytes:
    """The workbook's bytes."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    used = {ex.t("summary_sheet").casefold(), ex.t("findings_sheet").casefold()}
    summary.title = ex.t("summary_sheet")
    _table(summary, summary_header(ex), [summary_row(ex, d) for d in ex.docs], SUMMARY_WIDTHS)
    if len(ex.agencies()) > 1 or ex.audit is not None:
        for agency in ex.agencies():
            docs = [d for d in ex.docs if (d.agency or "-") == agency]
            ws = wb.create_sheet(_sheet_name(agency, used))
            _findings_sheet(ws, ex, docs)
    findings = wb.create_sheet(ex.t("findings_sheet"))
    _findings_sheet(findings, ex, ex.docs)
    wb.properties.title = ex.title[:200]
    wb.properties.creator = "sopcheck"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
