"""Every endpoint × every kind of caller: the role and the agency are enforced.

The table must name every route of the OpenAPI schema (a new endpoint without a row
fails ``test_table_covers_every_endpoint``) and the web pages. Callers: an ``opd`` key of
the document's agency and of another, a reviewer, an inspector, no key, a revoked key
and a well-formed key that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_support import AGENCY_A, make_keys, make_zip, settings_for, wait_audit
from fastapi.testclient import TestClient
from hostile_corpus import base_text

from api.main import create_app
from api.security import create_key, revoke_key

CALLERS = ("opd_own", "opd_other", "reviewer", "inspector", "none", "revoked", "wrong")
NO_KEY = {"none": 401, "revoked": 401, "wrong": 401}
#: (method, path template, query) → expected status for each caller.
API_TABLE: list[tuple[str, str, str, dict[str, int]]] = [
    (
        "get",
        "/documents",
        "",
        {"opd_own": 200, "opd_other": 200, "reviewer": 200, "inspector": 200},
    ),
    (
        "post",
        "/documents",
        "",
        {"opd_own": 201, "opd_other": 201, "reviewer": 201, "inspector": 403},
    ),
    (
        "get",
        "/documents/{document_id}",
        "",
        {"opd_own": 200, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
    (
        "get",
        "/documents/{document_id}/report",
        "",
        {"opd_own": 200, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
    (
        "post",
        "/documents/{document_id}/recheck",
        "",
        {"opd_own": 200, "opd_other": 404, "reviewer": 200, "inspector": 403},
    ),
    (
        "get",
        "/documents/{document_id}/export",
        "?format=csv",
        {"opd_own": 200, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
    ("post", "/audits", "", {"opd_own": 403, "opd_other": 403, "reviewer": 202, "inspector": 403}),
    ("get", "/audits", "", {"opd_own": 403, "opd_other": 403, "reviewer": 200, "inspector": 200}),
    (
        "get",
        "/audits/{audit_id}",
        "",
        {"opd_own": 404, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
    (
        "get",
        "/audits/{audit_id}/export",
        "?format=json",
        {"opd_own": 404, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
]
#: Public routes: the same answer for everyone, key or not.
PUBLIC = [("get", "/rules", ""), ("get", "/rules/{code}", ""), ("get", "/health", "")]
#: Web pages (not in the schema): 303 to the sign-in page without a valid key.
PAGE_TABLE: list[tuple[str, dict[str, int]]] = [
    ("/ui", {"opd_own": 200, "opd_other": 200, "reviewer": 200, "inspector": 200}),
    (
        "/ui/documents/{document_id}",
        {"opd_own": 200, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
    ("/ui/audits", {"opd_own": 403, "opd_other": 403, "reviewer": 200, "inspector": 200}),
    (
        "/ui/audits/{audit_id}",
        {"opd_own": 404, "opd_other": 404, "reviewer": 200, "inspector": 200},
    ),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    app = create_app(settings_for(tmp_path_factory.mktemp("access")))
    with TestClient(app, follow_redirects=False) as client:
        keys = make_keys(app)
        with app.state.service.db.session() as session:
            row, revoked = create_key(session, "reviewer", name="revoked")
        with app.state.service.db.session() as session:
            assert revoke_key(session, row.id)
        sop = base_text().encode()
        doc = client.post("/documents", files={"file": ("sop.txt", sop)}, headers=keys.h("opd_a"))
        assert doc.status_code == 201, doc.text
        audit = client.post(
            "/audits",
            files={"files": ("a.zip", make_zip({"dinkes/sop.txt": sop}))},
            headers=keys.h("reviewer"),
        )
        assert audit.status_code == 202
        wait_audit(client, audit.json()["id"], keys.h("reviewer"))
        headers = {
            "opd_own": keys.h("opd_a"),
            "opd_other": keys.h("opd_b"),
            "reviewer": keys.h("reviewer"),
            "inspector": keys.h("inspector"),
            "none": {},
            "revoked": {"X-API-Key": revoked},
            "wrong": {"X-API-Key": "sk_0badc0de_" + "A" * 32},
        }
        yield {
            "client": client,
            "keys": keys,
            "headers": headers,
            "ids": {
                "document_id": doc.json()["document_id"],
                "audit_id": audit.json()["id"],
                "code": "LEG002",
            },
            "sop": sop,
        }


def _call(world: dict, method: str, path: str, query: str, caller: str):  # type: ignore[no-untyped-def]
    url = path.format(**world["ids"]) + query
    kwargs: dict = {"headers": world["headers"][caller]}
    if method == "post" and path == "/documents":
        kwargs["files"] = {"file": ("sop.txt", world["sop"])}
    elif method == "post" and path == "/audits":
        kwargs["files"] = {"files": ("a.zip", make_zip({"dinkes/sop.txt": world["sop"]}))}
    return world["client"].request(method, url, **kwargs)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("method", "path", "query", "expected"), API_TABLE, ids=[f"{m} {p}" for m, p, _, _ in API_TABLE]
)
def test_api_route(
    world: dict, method: str, path: str, query: str, expected: dict, caller: str
) -> None:
    want = {**expected, **NO_KEY}[caller]
    r = _call(world, method, path, query, caller)
    assert r.status_code == want, (caller, r.text[:200])
    if want >= 400:
        body = r.json()["error"]
        assert (
            body["code"]
            in {401: ("unauthorized", "invalid_key"), 403: ("forbidden",), 404: ("not_found",)}[
                want
            ]
        )
    if path == "/documents" and method == "get" and caller == "opd_other":
        ids = [d["id"] for d in r.json()["items"]]
        assert world["ids"]["document_id"] not in ids  # listed only to its own agency
    if path == "/documents" and method == "get" and caller == "opd_own":
        assert {d["agency"] for d in r.json()["items"]} == {AGENCY_A}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "query"), PUBLIC)
def test_public_route(world: dict, method: str, path: str, query: str, caller: str) -> None:
    assert _call(world, method, path, query, caller).status_code == 200


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("path", "expected"), PAGE_TABLE, ids=[p for p, _ in PAGE_TABLE])
def test_page(world: dict, path: str, expected: dict, caller: str) -> None:
    r = world["client"].get(path.format(**world["ids"]), headers=world["headers"][caller])
    if caller in NO_KEY:
        assert r.status_code == 303 and "/ui/signin" in r.headers["location"]
    else:
        assert r.status_code == expected[caller]


def test_table_covers_every_endpoint(world: dict) -> None:
    schema = world["client"].app.openapi()["paths"]
    listed = {(m, p) for m, p, _, _ in API_TABLE} | {(m, p) for m, p, _ in PUBLIC}
    routes = {(m, p) for p, ops in schema.items() for m in ops}
    assert routes == listed


def test_rate_limit_is_per_key_on_api_and_pages(world: dict) -> None:
    client, service = world["client"], world["client"].app.state.service
    with service.db.session() as session:
        _, burst = create_key(session, "inspector", name="burst")
        _, calm = create_key(session, "inspector", name="calm")
    saved, service.limiter.per_minute = service.limiter.per_minute, 4
    try:
        codes = [
            client.get("/documents", headers={"X-API-Key": burst}).status_code for _ in range(3)
        ]
        codes.append(client.get("/ui", headers={"X-API-Key": burst}).status_code)
        codes.append(client.get("/ui", headers={"X-API-Key": burst}).status_code)
        codes.append(client.get("/documents", headers={"X-API-Key": burst}).status_code)
        other = client.get("/documents", headers={"X-API-Key": calm}).status_code
    finally:
        service.limiter.per_minute = saved
    assert codes == [200, 200, 200, 200, 429, 429]
    assert other == 200  # the limit is per key: another key is not slowed down


def test_no_key_is_stored_in_plaintext(
    world: dict, tmp_path_factory: pytest.TempPathFactory
) -> None:
    service = world["client"].app.state.service
    db_file = service.settings.data_dir / "sopcheck.db"
    raw = b"".join(p.read_bytes() for p in db_file.parent.glob("sopcheck.db*"))
    for role in ("reviewer", "inspector", "opd_a", "opd_b"):
        key = getattr(world["keys"], role)
        assert key.encode() not in raw and key.split("_", 2)[2].encode() not in raw
