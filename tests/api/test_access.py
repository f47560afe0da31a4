"""Every endpoint enforces the key's role and agency; another agency's document is a 404."""

from __future__ import annotations

import pytest
from api_support import AGENCY_A, SATPOL_SEED, Keys, make_zip
from fastapi.testclient import TestClient

from api.security import revoke_key, verify_key

DOC_ENDPOINTS = [
    ("get", "/documents/{id}"),
    ("get", "/documents/{id}/report"),
    ("get", "/documents/{id}/export?format=json"),
    ("get", "/documents/{id}/export?format=xlsx"),
    ("post", "/documents/{id}/recheck"),
]


@pytest.mark.parametrize(("method", "url"), DOC_ENDPOINTS)
def test_other_agency_gets_404(
    client: TestClient, keys: Keys, uploaded: dict, method: str, url: str
) -> None:
    url = url.format(id=uploaded["document_id"])
    r = client.request(method, url, headers=keys.h("opd_b"))
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    missing = client.request(
        method, url.replace(uploaded["document_id"], "0" * 32), headers=keys.h("opd_b")
    )
    assert missing.status_code == 404 and missing.json() == r.json()  # existence is not revealed
    own = client.request(method, url, headers=keys.h("opd_a"))
    assert own.status_code == 200


@pytest.mark.parametrize(("method", "url"), DOC_ENDPOINTS[:4])
def test_inspector_and_reviewer_read_all(
    client: TestClient, keys: Keys, uploaded: dict, method: str, url: str
) -> None:
    for role in ("inspector", "reviewer"):
        r = client.request(method, url.format(id=uploaded["document_id"]), headers=keys.h(role))
        assert r.status_code == 200, (role, r.text)


def test_listing_is_scoped_to_the_agency(client: TestClient, keys: Keys, uploaded: dict) -> None:
    mine = client.get("/documents", headers=keys.h("opd_a")).json()["items"]
    assert mine and {d["agency"] for d in mine} == {AGENCY_A}
    theirs = client.get("/documents", headers=keys.h("opd_b")).json()["items"]
    assert uploaded["document_id"] not in [d["id"] for d in theirs]
    # asking for another OPD's documents by filter does not widen an opd key's view
    assert (
        client.get("/documents", params={"opd": AGENCY_A}, headers=keys.h("opd_b")).json()["total"]
        == 0
    )


def test_opd_upload_is_bound_to_its_agency(client: TestClient, keys: Keys, satpol: bytes) -> None:
    r = client.post(
        "/documents",
        files={"file": (SATPOL_SEED, satpol)},
        data={"opd": AGENCY_A},
        headers=keys.h("opd_b"),
    )
    assert r.status_code == 201
    doc = client.get(f"/documents/{r.json()['document_id']}", headers=keys.h("opd_b")).json()
    assert doc["agency"] != AGENCY_A  # the form field cannot name another agency
    assert client.get(f"/documents/{doc['id']}", headers=keys.h("opd_a")).status_code == 404


def test_inspector_cannot_upload_or_recheck(
    client: TestClient, keys: Keys, satpol: bytes, uploaded: dict
) -> None:
    r = client.post("/documents", files={"file": ("a.txt", satpol)}, headers=keys.h("inspector"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = client.post(f"/documents/{uploaded['document_id']}/recheck", headers=keys.h("inspector"))
    assert r.status_code == 403


def test_audits_are_for_reviewers(client: TestClient, keys: Keys, satpol: bytes) -> None:
    files = {"files": ("a.zip", make_zip({"x/a.txt": satpol}))}
    for role in ("opd_a", "inspector"):
        assert client.post("/audits", files=files, headers=keys.h(role)).status_code == 403
    assert client.get("/audits", headers=keys.h("opd_a")).status_code == 403
    created = client.post("/audits", files=files, headers=keys.h("reviewer"))
    assert created.status_code == 202
    audit_id = created.json()["id"]
    assert client.get(f"/audits/{audit_id}", headers=keys.h("inspector")).status_code == 200
    for url in (f"/audits/{audit_id}", f"/audits/{audit_id}/export?format=csv"):
        assert client.get(url, headers=keys.h("opd_a")).status_code == 404


def test_missing_unknown_and_revoked_keys(client: TestClient, keys: Keys, uploaded: dict) -> None:
    url = f"/documents/{uploaded['document_id']}"
    assert client.get(url).status_code == 401
    assert client.get(url).json()["error"]["code"] == "unauthorized"
    assert client.get(url, headers={"X-API-Key": "sk_deadbeef_" + "x" * 32}).status_code == 401
    assert client.get(url, headers={"X-API-Key": "garbage"}).status_code == 401
    service = client.app.state.service
    from api.security import create_key

    with service.db.session() as session:
        row, key = create_key(session, "inspector", name="temp")
    assert client.get(url, headers={"X-API-Key": key}).status_code == 200
    with service.db.session() as session:
        assert revoke_key(session, row.id)
    assert client.get(url, headers={"X-API-Key": key}).status_code == 401
    with service.db.session() as session:
        assert verify_key(session, key) is None


def test_keys_are_stored_hashed(client: TestClient, keys: Keys) -> None:
    from sqlalchemy import select

    from api.db import ApiKey

    with client.app.state.service.db.session() as session:
        rows = list(session.scalars(select(ApiKey)))
    stored = " ".join(f"{r.key_hash} {r.salt} {r.prefix} {r.name}" for r in rows)
    for key in (keys.reviewer, keys.opd_a):
        assert key not in stored and key[12:] not in stored  # the secret after "sk_<prefix>_"


def test_rate_limit_per_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from api.security import RateLimiter

    limiter = RateLimiter(3)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
