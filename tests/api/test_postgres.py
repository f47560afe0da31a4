"""The service on a real PostgreSQL server (``DATABASE_URL``), not only SQLite.

Runs when ``SOPCHECK_TEST_POSTGRES_URL`` names a server where the user may create
databases (``.ci/run`` starts Debian's postgresql and sets it); each run gets a
fresh database. Under CI a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import Keys, make_keys, settings_for, wait_audit
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from api.main import create_app

ADMIN_URL = os.environ.get("SOPCHECK_TEST_POSTGRES_URL")
if not ADMIN_URL:
    if os.environ.get("CI"):
        pytest.fail("CI must provide SOPCHECK_TEST_POSTGRES_URL (see .ci/run)")
    pytest.skip("no PostgreSQL server: set SOPCHECK_TEST_POSTGRES_URL", allow_module_level=True)


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    assert ADMIN_URL is not None
    name = f"sopcheck_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upload_list_recheck_and_resume_on_postgres(
    database_url: str, tmp_path: Path, seed_bytes: dict[str, bytes]
) -> None:
    names = sorted(seed_bytes)
    app = create_app(settings_for(tmp_path, database_url=database_url))
    with TestClient(app) as client:
        keys: Keys = make_keys(app)
        up = client.post(
            "/documents",
            files={"file": (names[0], seed_bytes[names[0]])},
            data={"opd": "Dinas Sosial"},
            headers=keys.h("reviewer"),
        )
        assert up.status_code == 201, up.text
        doc_id = up.json()["document_id"]
        errors = [f for f in up.json()["findings"] if f["severity"] == "error"]
        listed = client.get("/documents?opd=Dinas Sosial", headers=keys.h("inspector")).json()
        assert [d["id"] for d in listed["items"]] == [doc_id]
        if errors:  # filtering by rule goes through the findings table
            rule = errors[0]["rule"]
            by_rule = client.get(f"/documents?rule={rule}", headers=keys.h("inspector")).json()
            assert doc_id in [d["id"] for d in by_rule["items"]]
        again = client.post(f"/documents/{doc_id}/recheck", headers=keys.h("reviewer"))
        assert again.status_code in (200, 201) and again.json()["document_id"] == doc_id
        assert client.get(f"/documents/{doc_id}", headers=keys.h("opd_b")).status_code == 404
        created = client.post(
            "/audits",
            files=[("files", (n, seed_bytes[n])) for n in names[1:]],
            headers=keys.h("reviewer"),
        )
        assert created.status_code == 202, created.text
        audit_id = created.json()["id"]
    # A new process on the same database (and file store) sees everything and finishes
    # the audit the first one left queued or running.
    second = create_app(settings_for(tmp_path, database_url=database_url))
    with TestClient(second) as client:
        body = wait_audit(client, audit_id, keys.h("reviewer"))
        assert body["done"] == body["total"] == len(names) - 1
        report = client.get(f"/documents/{doc_id}/report", headers=keys.h("reviewer"))
        assert report.status_code == 200 and report.json()["document_id"] == doc_id
    time.sleep(0.2)


def test_items_finishing_at_once_both_count(database_url: str):
    # two items of one audit finish in two transactions at the same moment: each must
    # count the other's outcome, or the audit stays "running" with done=1 of 2
    import threading

    from sqlalchemy.orm import Session

    from api.db import Audit, AuditItem, Base
    from api.services import Service

    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        audit = Audit(total=2, status="running")
        session.add(audit)
        session.flush()
        for seq in (0, 1):
            session.add(
                AuditItem(
                    audit=audit,
                    seq=seq,
                    path=f"{seq}.txt",
                    sha256="0" * 64,
                    stored_path=f"{seq}",
                    status="running",
                )
            )
        session.commit()
        audit_id, item_ids = audit.id, [i.id for i in audit.items]
    counted = threading.Barrier(2, timeout=10)

    def finish(item_id: str) -> None:
        with Session(engine) as session:
            session.get(AuditItem, item_id).status = "done"
            session.flush()
            counted.wait()  # both items are marked before either transaction counts
            Service._count(session, audit_id)
            time.sleep(0.3)  # the other transaction counts while this one is open
            session.commit()

    workers = [threading.Thread(target=finish, args=(i,)) for i in item_ids]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    with Session(engine) as session:
        audit = session.get(Audit, audit_id)
        assert (audit.done, audit.status) == (2, "done")
    engine.dispose()
