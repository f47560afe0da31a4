"""Helpers of the service tests: settings, keys, zips, waiting for audits."""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from api.config import Settings
from api.security import create_key

AGENCY_A = "Satuan Polisi Pamong Praja Kabupaten Balangan"
AGENCY_B = "Dinas Kesehatan Kabupaten Balangan"
SATPOL_SEED = "sop-satpolpp-balangan-lakip.txt"
#: Small enough that a generated text document exceeds it quickly.
TEST_UPLOAD_CAP = 2 * 1024 * 1024


@dataclass
class Keys:
    reviewer: str
    inspector: str
    opd_a: str
    opd_b: str

    def h(self, role: str) -> dict[str, str]:
        return {"X-API-Key": getattr(self, role)}


def settings_for(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "workers": 1,
        "max_upload_bytes": TEST_UPLOAD_CAP,
        "document_timeout": 90.0,
        "rate_limit_per_minute": 0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_keys(app) -> Keys:  # type: ignore[no-untyped-def]
    with app.state.service.db.session() as session:
        return Keys(
            reviewer=create_key(session, "reviewer", name="reviewer")[1],
            inspector=create_key(session, "inspector", name="inspector")[1],
            opd_a=create_key(session, "opd", AGENCY_A, "opd a")[1],
            opd_b=create_key(session, "opd", AGENCY_B, "opd b")[1],
        )


def make_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def wait_audit(
    client: TestClient, audit_id: str, headers: dict[str, str], limit: float = 120
) -> dict:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        body = client.get(f"/audits/{audit_id}", headers=headers).json()
        if body["status"] == "done":
            return body
        time.sleep(0.3)
    raise AssertionError(f"audit {audit_id} did not finish: {body}")
