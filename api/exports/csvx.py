"""CSV export for Excel in an Indonesian locale.

Indonesian Windows uses the comma as the decimal separator, so Excel's list
separator there is the semicolon: a comma-separated file opens as one column.
We write ``;``-separated UTF-8 with a byte-order mark (without the BOM Excel reads
UTF-8 as the ANSI code page and breaks non-ASCII text). A ``sep=;`` line is not
used: Excel then ignores the BOM. One row per finding, with the document's
summary columns; a document without findings (or that could not be read) gets one row.
"""

from __future__ import annotations

import csv
import io

from api.exports.cells import safe_cell
from api.exports.model import ExportSet
from api.exports.tabular import finding_header, finding_row, summary_header, summary_row

DELIMITER = ";"
BOM = "\ufeff"


def render(ex: ExportSet) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    fheader = finding_header(ex)[2:]  # opd and file are already in the summary columns
    writer.writerow([safe_cell(h) for h in summary_header(ex) + fheader])
    for doc in ex.docs:
        head = summary_row(ex, doc)
        rows = [finding_row(ex, doc, f)[2:] for f in doc.findings] or [[""] * len(fheader)]
        for row in rows:
            writer.writerow([safe_cell(v) for v in head + row])
    return (BOM + buf.getvalue()).encode("utf-8")
