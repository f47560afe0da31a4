"""The web page: sign in with a key, upload, read the report, switch language, dashboards."""

from __future__ import annotations

from api_support import SATPOL_SEED, Keys, make_zip, wait_audit
from fastapi.testclient import TestClient


def _signed_in(client: TestClient, key: str) -> TestClient:
    fresh = TestClient(client.app, follow_redirects=False)
    r = fresh.post("/ui/signin", data={"key": key, "next": "/ui"})
    assert r.status_code == 303 and r.headers["location"] == "/ui"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    return fresh


def test_pages_need_a_session(client: TestClient) -> None:
    anon = TestClient(client.app, follow_redirects=False)
    r = anon.get("/ui/documents/abc")
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/signin?next=")
    page = anon.get("/ui/signin")
    assert page.status_code == 200 and 'name="key"' in page.text
    bad = anon.post("/ui/signin", data={"key": "sk_nope"})
    assert bad.status_code == 401 and "Kunci tidak dikenal" in bad.text


def test_open_redirect_is_refused(client: TestClient, keys: Keys) -> None:
    anon = TestClient(client.app, follow_redirects=False)
    r = anon.post("/ui/signin", data={"key": keys.reviewer, "next": "//evil.example/"})
    assert r.headers["location"] == "/ui"


def test_upload_and_report_page(client: TestClient, keys: Keys, satpol: bytes) -> None:
    browser = _signed_in(client, keys.opd_a)
    r = browser.post("/ui/upload", files={"file": (SATPOL_SEED, satpol)})
    assert r.status_code == 303
    page = browser.get(r.headers["location"])
    assert page.status_code == 200
    html = page.text
    assert 'id="findings"' in html and "<svg" in html and 'class="swimlane"' in html
    assert "/export?format=xlsx" in html
    report = browser.get(f"/documents/{r.headers['location'].rsplit('/', 1)[-1]}/report").json()
    for f in report["findings"]:
        assert f["rule"] in html
    steps = len(report["record"]["steps"])
    assert html.count('class="node') == steps
    marked = {f["step"] for f in report["findings"] if f["step"] is not None}
    assert html.count("node marked") == len(marked)
    switched = browser.get(f"/ui/lang/en?next={r.headers['location']}")
    assert switched.status_code == 303 and "lang=en" in switched.headers["set-cookie"]
    browser.cookies.set("lang", "en")
    english = browser.get(r.headers["location"]).text
    assert "Findings" in english and 'lang="en"' in english


def test_upload_error_is_shown_in_the_page(client: TestClient, keys: Keys) -> None:
    browser = _signed_in(client, keys.reviewer)
    r = browser.post("/ui/upload", files={"file": ("x.pdf", b"%PDF-1.4 rusak")})
    assert r.status_code == 422 and 'id="upload-error"' in r.text and "PDF" in r.text


def test_inspector_sees_no_upload_form(client: TestClient, keys: Keys, uploaded: dict) -> None:
    # ``uploaded``: the list (id="documents") is shown only when there is a document
    html = _signed_in(client, keys.inspector).get("/ui").text
    assert 'id="upload-form"' not in html and 'id="documents"' in html


def test_other_agency_page_is_404(client: TestClient, keys: Keys, uploaded: dict) -> None:
    r = _signed_in(client, keys.opd_b).get(f"/ui/documents/{uploaded['document_id']}")
    assert r.status_code == 404


def test_audit_dashboard_sorts(
    client: TestClient, keys: Keys, seed_bytes: dict[str, bytes]
) -> None:
    names = sorted(seed_bytes)
    members = {f"a-opd/{names[0]}": seed_bytes[names[0]], f"b-opd/{names[1]}": seed_bytes[names[1]]}
    browser = _signed_in(client, keys.reviewer)
    r = browser.post(
        "/ui/audits", files={"files": ("x.zip", make_zip(members))}, data={"name": "Dasbor"}
    )
    assert r.status_code == 303
    audit_id = r.headers["location"].rsplit("/", 1)[-1]
    wait_audit(client, audit_id, keys.h("reviewer"))
    asc = browser.get(f"/ui/audits/{audit_id}?sort=agency&order=asc").text
    desc = browser.get(f"/ui/audits/{audit_id}?sort=agency&order=desc").text
    assert asc.index("<td>a-opd</td>") < asc.index("<td>b-opd</td>")
    assert desc.index("<td>b-opd</td>") < desc.index("<td>a-opd</td>")
    assert _signed_in(client, keys.opd_a).get(f"/ui/audits/{audit_id}").status_code == 404
