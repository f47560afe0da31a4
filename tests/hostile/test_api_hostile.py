"""Every hostile file through ``POST /documents``: a 4xx with the code and a message in the
asked language, the service still takes a normal upload after it, and the documents stored
before are still there with the same report. Zips go to ``POST /audits`` too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import AGENCY_A, Keys, make_keys, settings_for
from fastapi.testclient import TestClient
from hostile_corpus import CASES, SOP_DIR, Case, message_head

from api.main import create_app

NORMAL = ["sop-002-disdik-rekomendasi-pindah-guru.txt", "sop-005-disdukcapil-kartu-keluarga.docx"]
PROBE = "sop-003-dpupr-pengadaan-langsung.txt"  # the "normal upload" after each hostile one


def corpus_file(name: str) -> bytes:
    return (SOP_DIR / name.rsplit(".", 1)[0] / name).read_bytes()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Keys]]:
    settings = settings_for(
        tmp_path_factory.mktemp("hostile-api"),
        max_upload_bytes=25 * 2**20,
        worker_memory_mb=2048,
        document_timeout=90.0,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, make_keys(app)


@pytest.fixture(scope="module")
def stored(service: tuple[TestClient, Keys]) -> dict[str, dict]:
    """Documents uploaded before any hostile file: their reports by document id."""
    client, keys = service
    out = {}
    for name in NORMAL:
        r = client.post(
            "/documents", files={"file": (name, corpus_file(name))}, headers=keys.h("opd_a")
        )
        assert r.status_code == 201, r.text
        out[r.json()["document_id"]] = r.json()
    return out


def assert_still_serving(client: TestClient, keys: Keys, stored: dict[str, dict]) -> None:
    probe = client.post(
        "/documents", files={"file": (PROBE, corpus_file(PROBE))}, headers=keys.h("opd_a")
    )
    assert probe.status_code == 201, probe.text
    for doc_id, report in stored.items():
        again = client.get(f"/documents/{doc_id}/report", headers=keys.h("opd_a"))
        assert again.status_code == 200 and again.json() == report
    assert client.get("/health").json()["status"] == "ok"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_upload(
    case: Case,
    hostile_files: dict[str, Path],
    service: tuple[TestClient, Keys],
    stored: dict[str, dict],
) -> None:
    client, keys = service
    data = hostile_files[case.name].read_bytes()
    langs = ("id", "en") if case.code is not None and not case.slow else ("en",)
    for lang in langs:
        r = client.post(
            f"/documents?lang={lang}", files={"file": (case.name, data)}, headers=keys.h("opd_a")
        )
        assert r.status_code == case.status, r.text[:300]
        if case.code is None:
            break
        error = r.json()["error"]
        code = case.api_code or case.code
        assert error["code"] == code
        assert error["message"].startswith(message_head(code, lang))
    if case.name == "skrip.html":
        doc_id = r.json()["document_id"]
        page = client.get(f"/ui/documents/{doc_id}", headers=keys.h("opd_a")).text
        for raw in ("<script>alert", "onerror=", "onmouseover=", "document.cookie", "<iframe"):
            assert raw not in page
    assert_still_serving(client, keys, stored)


ZIPS = [c for c in CASES if c.name.endswith(".zip")]


@pytest.mark.parametrize("case", ZIPS, ids=[c.name for c in ZIPS])
def test_zip_audit_refused(
    case: Case,
    hostile_files: dict[str, Path],
    service: tuple[TestClient, Keys],
    stored: dict[str, dict],
) -> None:
    client, keys = service
    before = client.get("/audits", headers=keys.h("reviewer")).json()
    data = hostile_files[case.name].read_bytes()
    for lang, word in (("id", "ditolak"), ("en", "rejected")):
        r = client.post(
            f"/audits?lang={lang}",
            files={"files": (case.name, data)},
            data={"opd": AGENCY_A},
            headers=keys.h("reviewer"),
        )
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "unsafe_zip" and word in r.json()["error"]["message"]
    assert client.get("/audits", headers=keys.h("reviewer")).json() == before
    assert not Path("/tmp/sopcheck-escaped.txt").exists()
    assert not Path("/etc/sopcheck-abs.txt").exists()
    assert_still_serving(client, keys, stored)
