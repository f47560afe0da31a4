"""Load and crash on loopback (slow): 200 concurrent uploads of mixed documents against a real
uvicorn server — none lost, no 5xx, p95 printed; a service audit killed with SIGKILL resumes
after a restart with every item counted once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bench.load import Server, crash_and_resume, create_keys, print_table, upload_many

pytestmark = pytest.mark.slow


def test_200_concurrent_uploads(tmp_path: Path) -> None:
    keys = create_keys(tmp_path)
    server = Server(tmp_path, workers=2)
    server.start()
    try:
        outcome = asyncio.run(upload_many(server.base, keys["opd"], 200, limit=600))
    finally:
        server.stop()
    row = outcome.row()
    print_table("200 concurrent uploads", row)  # shown with -s; p95 is in docs/reliability.md
    assert row["uploads"] == 200 and row["5xx"] == 0
    assert outcome.lost == [] and outcome.wrong == []
    assert row["accepted"] + row["refused_4xx"] == 200 and row["refused_4xx"] > 0


def test_service_audit_survives_sigkill(tmp_path: Path) -> None:
    result = crash_and_resume(tmp_path, create_keys(tmp_path))
    print_table("audit killed with SIGKILL", result)
    assert 0 < result["finished_before_kill"] < result["files"]  # killed mid-run
    assert result["status"] == "done"
    assert result["total"] == result["items"] == result["distinct_items"] == result["files"]
    assert result["done"] + result["failed"] == result["files"]
    assert result["documents"] == result["distinct_files"]  # nothing stored twice
