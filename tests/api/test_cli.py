"""`sopcheck admin` keys: created once in clear, stored hashed, listed, revoked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app


def test_key_lifecycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPCHECK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    runner = CliRunner()
    made = runner.invoke(
        app, ["admin", "create-key", "--role", "opd", "--agency", "Dinas Sosial", "--name", "Budi"]
    )
    assert made.exit_code == 0, made.output
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("sk_")
    assert key.encode() not in (tmp_path / "sopcheck.db").read_bytes()
    listed = runner.invoke(app, ["admin", "list-keys"])
    assert (
        "Dinas Sosial" in listed.stdout and "active" in listed.stdout and key not in listed.stdout
    )
    key_id = listed.stdout.split()[0]
    assert runner.invoke(app, ["admin", "revoke-key", key_id]).exit_code == 0
    assert "revoked" in runner.invoke(app, ["admin", "list-keys"]).stdout
    assert runner.invoke(app, ["admin", "revoke-key", "nope"]).exit_code == 2
    assert runner.invoke(app, ["admin", "create-key", "--role", "opd"]).exit_code == 2
    assert runner.invoke(app, ["admin", "create-key", "--role", "boss"]).exit_code == 2
