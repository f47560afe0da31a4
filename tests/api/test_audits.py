"""Batch audits: zips read safely, progress, OPDs from folders, restart-resume."""

from __future__ import annotations

import io
import stat
import time
import zipfile
from pathlib import Path

import pytest
from api_support import Keys, make_keys, make_zip, settings_for, wait_audit
from fastapi.testclient import TestClient

from api.main import create_app


@pytest.fixture(scope="module")
def audit(client: TestClient, keys: Keys, seed_bytes: dict[str, bytes]) -> dict:
    names = sorted(seed_bytes)
    members = {
        f"audit-2024/dinkes/{names[0]}": seed_bytes[names[0]],
        f"audit-2024/satpol/{names[1]}": seed_bytes[names[1]],
        f"audit-2024/satpol/{names[2]}": seed_bytes[names[2]],
        "audit-2024/satpol/rusak.pdf": b"%PDF-1.4\n%broken",
        "__MACOSX/audit-2024/._x": b"junk",
    }
    r = client.post(
        "/audits",
        files={"files": ("audit.zip", make_zip(members))},
        data={"name": "Audit 2024"},
        headers=keys.h("reviewer"),
    )
    assert r.status_code == 202, r.text
    assert r.json()["total"] == 4 and r.json()["status"] in ("queued", "running", "done")
    return wait_audit(client, r.json()["id"], keys.h("reviewer"))


def test_audit_finishes_with_every_item(audit: dict) -> None:
    assert audit["total"] == 4 and audit["done"] == 3 and audit["failed"] == 1
    assert audit["progress"] == 1.0 and audit["finished_at"]
    by_path = {i["path"].rsplit("/", 1)[-1]: i for i in audit["items"]}
    assert by_path["rusak.pdf"]["status"] == "failed"
    assert by_path["rusak.pdf"]["error_code"] == "corrupt_pdf" and by_path["rusak.pdf"]["error"]
    assert {i["agency"] for i in audit["items"]} == {"dinkes", "satpol"}
    done = [i for i in audit["items"] if i["status"] == "done"]
    assert all(i["document_id"] and i["summary"] for i in done)


def test_audit_documents_are_listed_under_their_opd(
    client: TestClient, keys: Keys, audit: dict
) -> None:
    listed = client.get("/documents", params={"opd": "satpol"}, headers=keys.h("reviewer")).json()
    audit_docs = {
        i["document_id"] for i in audit["items"] if i["agency"] == "satpol" and i["document_id"]
    }
    assert audit_docs <= {d["id"] for d in listed["items"]}


def test_audit_list(client: TestClient, keys: Keys, audit: dict) -> None:
    listed = client.get("/audits", headers=keys.h("inspector")).json()
    assert audit["id"] in [a["id"] for a in listed]


def _zip_with_symlink() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("dinkes/link.txt")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("dinkes/bomb.txt", b"\x00" * (1_500_000))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (make_zip({"../../etc/evil.txt": b"x"}), "unsafe_zip"),
        (make_zip({"/abs/evil.txt": b"x"}), "unsafe_zip"),
        (make_zip({"dinkes/../../evil.txt": b"x"}), "unsafe_zip"),
        (_zip_with_symlink(), "unsafe_zip"),
        (_bomb(), "unsafe_zip"),
        (b"PK\x03\x04" + b"\x00" * 64, "corrupt_zip"),
        (make_zip({"__MACOSX/._a": b"x"}), "empty_audit"),
    ],
)
def test_hostile_zips_are_refused(
    client: TestClient, keys: Keys, data: bytes, code: str, app_dir: Path
) -> None:
    before = client.get("/audits", headers=keys.h("reviewer")).json()
    r = client.post("/audits", files={"files": ("x.zip", data)}, headers=keys.h("reviewer"))
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == code
    assert client.get("/audits", headers=keys.h("reviewer")).json() == before
    assert not (app_dir.parent / "evil.txt").exists()


def test_audit_resumes_after_a_restart(tmp_path: Path, seed_bytes: dict[str, bytes]) -> None:
    """A job created by a process that stops before processing finishes in the next one."""
    files = [("files", (name, data)) for name, data in list(seed_bytes.items())[:2]]
    first = create_app(settings_for(tmp_path, process_audits=False, warm_workers=False))
    with TestClient(first) as c:
        keys = make_keys(first)
        created = c.post(
            "/audits", files=files, data={"opd": "Dinas Sosial"}, headers=keys.h("reviewer")
        )
        assert created.status_code == 202
        audit_id = created.json()["id"]
        time.sleep(0.5)
        assert c.get(f"/audits/{audit_id}", headers=keys.h("reviewer")).json()["status"] == "queued"
    # simulate a crash mid-item: one item was claimed ("running") when the process died
    with first.state.service.db.session() as session:
        from api.db import AuditItem

        item = session.query(AuditItem).filter_by(audit_id=audit_id, seq=0).one()
        item.status = "running"
    second = create_app(settings_for(tmp_path))
    with TestClient(second) as c:
        body = wait_audit(c, audit_id, keys.h("reviewer"))
    assert body["done"] + body["failed"] == body["total"] == 2
    assert body["done"] == 2
    assert {i["agency"] for i in body["items"]} == {"Dinas Sosial"}
    assert len({i["document_id"] for i in body["items"]}) == 2  # nothing duplicated


def test_rate_limit_answers_429(client: TestClient) -> None:
    service = client.app.state.service
    from api.security import create_key

    with service.db.session() as session:
        _, key = create_key(session, "inspector", name="burst")
    saved = service.limiter.per_minute
    service.limiter.per_minute = 3
    try:
        codes = [client.get("/documents", headers={"X-API-Key": key}).status_code for _ in range(5)]
    finally:
        service.limiter.per_minute = saved
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
