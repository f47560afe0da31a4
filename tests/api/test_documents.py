"""Upload one document, read its report, list and filter, upload limits."""

from __future__ import annotations

import pytest
from api_support import AGENCY_A, SATPOL_SEED, TEST_UPLOAD_CAP, Keys
from fastapi.testclient import TestClient


def test_health_and_stable_operation_ids(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["rules"] > 0 and health["rules_version"]
    ops = {
        op["operationId"]
        for path in client.get("/openapi.json").json()["paths"].values()
        for op in path.values()
    }
    assert {
        "upload_document",
        "list_documents",
        "get_document",
        "get_report",
        "recheck_document",
        "create_audit",
        "get_audit",
        "export_document",
        "export_audit",
        "list_rules",
        "get_rule",
        "health",
    } <= ops


def test_upload_returns_a_report(uploaded: dict) -> None:
    assert uploaded["schema_version"] == "1"
    assert uploaded["source"]["filename"] == SATPOL_SEED
    assert uploaded["record"]["kind"] == "sop"
    assert uploaded["record"]["identity"]["number"]
    summary = uploaded["summary"]
    counts = {
        s: sum(f["severity"] == s for f in uploaded["findings"])
        for s in ("error", "warning", "info")
    }
    assert (summary["errors"], summary["warnings"], summary["infos"]) == (
        counts["error"],
        counts["warning"],
        counts["info"],
    )
    assert 0 <= summary["score"] <= 100
    assert uploaded["rules_version"] and uploaded["lang"] == "id"


def test_report_in_english(client: TestClient, keys: Keys, uploaded: dict) -> None:
    doc_id = uploaded["document_id"]
    en = client.get(f"/documents/{doc_id}/report?lang=en", headers=keys.h("opd_a")).json()
    also_en = client.get(
        f"/documents/{doc_id}/report",
        headers={**keys.h("opd_a"), "Accept-Language": "en-US,en;q=0.8"},
    ).json()
    assert en["lang"] == also_en["lang"] == "en"
    assert [f["rule"] for f in en["findings"]] == [f["rule"] for f in uploaded["findings"]]
    if uploaded["findings"]:
        assert en["findings"][0]["message"] != uploaded["findings"][0]["message"]


def test_document_is_stored_under_its_agency(
    client: TestClient, keys: Keys, uploaded: dict, app_dir
) -> None:  # type: ignore[no-untyped-def]
    doc = client.get(f"/documents/{uploaded['document_id']}", headers=keys.h("reviewer")).json()
    assert doc["agency"] == AGENCY_A
    sha = doc["sha256"]
    assert (app_dir / "files" / sha[:2] / sha[2:]).is_file()
    latest = client.get(f"/documents/{doc['id']}/report", headers=keys.h("reviewer")).json()
    assert doc["report_id"] == latest["id"] and latest["document_id"] == doc["id"]


def test_same_bytes_same_agency_reuse_the_document(
    client: TestClient, keys: Keys, satpol: bytes, uploaded: dict
) -> None:
    current = client.get(f"/documents/{uploaded['document_id']}", headers=keys.h("opd_a")).json()
    again = client.post(
        "/documents", files={"file": ("renamed.txt", satpol)}, headers=keys.h("opd_a")
    )
    assert again.status_code == 201
    assert again.json()["document_id"] == uploaded["document_id"]
    assert again.json()["id"] == current["report_id"]  # same rules version: the same report


def test_recheck_keeps_a_new_report(client: TestClient, keys: Keys, seed_bytes: dict) -> None:
    name, data = next((n, d) for n, d in seed_bytes.items() if n != SATPOL_SEED)
    first = client.post(
        "/documents",
        files={"file": (name, data)},
        data={"opd": "Bappedalitbang"},
        headers=keys.h("reviewer"),
    ).json()
    second = client.post(f"/documents/{first['document_id']}/recheck", headers=keys.h("reviewer"))
    assert second.status_code == 200
    assert second.json()["id"] != first["id"]
    assert second.json()["rules_version"] == first["rules_version"]
    service = client.app.state.service
    with service.db.session() as session:
        from api.db import Document

        assert len(session.get(Document, first["document_id"]).reports) == 2


def test_list_and_filter(client: TestClient, keys: Keys, uploaded: dict) -> None:
    h = keys.h("reviewer")
    everything = client.get("/documents", headers=h).json()
    assert everything["total"] >= 1
    ids = [d["id"] for d in everything["items"]]
    assert uploaded["document_id"] in ids
    by_opd = client.get("/documents", params={"opd": AGENCY_A.upper()}, headers=h).json()
    assert {d["agency"] for d in by_opd["items"]} == {AGENCY_A}
    if uploaded["findings"]:
        rule = uploaded["findings"][0]["rule"]
        sev = uploaded["findings"][0]["severity"]
        by_rule = client.get("/documents", params={"rule": rule, "severity": sev}, headers=h).json()
        assert uploaded["document_id"] in [d["id"] for d in by_rule["items"]]
    nowhere = client.get("/documents", params={"rule": "XXX999"}, headers=h).json()
    assert nowhere["total"] == 0 and nowhere["items"] == []
    status = (
        "error"
        if uploaded["summary"]["errors"]
        else ("warning" if uploaded["summary"]["warnings"] else "ok")
    )
    by_status = client.get("/documents", params={"status": status}, headers=h).json()
    assert uploaded["document_id"] in [d["id"] for d in by_status["items"]]
    assert all(d["status"] == status for d in by_status["items"])
    page = client.get("/documents", params={"page_size": 1, "page": 1}, headers=h).json()
    assert len(page["items"]) == 1 and page["total"] == everything["total"]


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("big.txt", b"Dasar Hukum " * (TEST_UPLOAD_CAP // 12 + 10), 413, "payload_too_large"),
        ("program.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, 415, "unsupported_type"),
        ("archive.docx", None, 415, "unsupported_type"),  # a zip that is not a DOCX
        ("empty.pdf", b"", 422, "empty_file"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", 422, "corrupt_pdf"),
        (
            "surat.txt",
            b"Kepada Yth. Bapak Camat\nDengan hormat, bersama ini kami sampaikan undangan "
            b"rapat koordinasi pada hari Senin.\nHormat kami,\nSekretaris",
            422,
            "not_sop",
        ),
    ],
)
def test_upload_limits(
    client: TestClient, keys: Keys, name: str, data: bytes | None, status: int, code: str
) -> None:
    if data is None:
        from api_support import make_zip

        data = make_zip({"notes.txt": b"hello"})
    before = client.get("/documents", headers=keys.h("reviewer")).json()["total"]
    r = client.post("/documents", files={"file": (name, data)}, headers=keys.h("reviewer"))
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["code"] == code and body["error"]["message"]
    en = client.post("/documents?lang=en", files={"file": (name, data)}, headers=keys.h("reviewer"))
    assert en.json()["error"]["message"] != body["error"]["message"]
    assert client.get("/documents", headers=keys.h("reviewer")).json()["total"] == before


def test_bad_parameters_are_4xx(client: TestClient, keys: Keys) -> None:
    h = keys.h("reviewer")
    assert client.get("/documents", params={"page": 0}, headers=h).status_code == 422
    assert client.get("/documents", params={"status": "nope"}, headers=h).status_code == 422
    assert client.post("/documents", headers=h).status_code == 422
    assert client.get("/documents/does-not-exist", headers=h).status_code == 404
    assert client.get("/rules/ZZZ000").status_code == 404


def test_rules_catalogue(client: TestClient) -> None:
    rules = client.get("/rules").json()
    assert rules and all(r["code"] and r["title"] for r in rules)
    one = client.get(f"/rules/{rules[0]['code']}?lang=en").json()
    assert one["code"] == rules[0]["code"]
