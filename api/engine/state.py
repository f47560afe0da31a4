"""The audit state store: finished results keyed by (sha256, rules_version, profile).

A SQLite file (``state.sqlite``) in the audit's state folder, by default
``<output>.audit-state/`` next to the output file (``--state DIR`` chooses another).
Each document's result is committed the moment it arrives, in its own transaction
(WAL journal), so an audit killed at any point - even by SIGKILL - loses at most the
documents that were being read, and a run started again skips everything stored:

* unchanged bytes under an unchanged rule catalogue and profile are never read again
  (incremental audits; a changed catalogue changes ``rules_version``, so everything is
  read again);
* the same bytes under two paths are read once;
* failures that say nothing lasting about the document (time-out, crashed or
  out-of-memory sandbox) are not stored, so the next run tries them again.

The output is always rebuilt from the list of input files joined with the store, so
no document is lost or counted twice however many times a run was interrupted.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any

from api.engine.task import TRANSIENT_ERRORS

STATE_FILE = "state.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    profile TEXT NOT NULL,
    ok INTEGER NOT NULL,
    pages INTEGER NOT NULL DEFAULT 0,
    seconds REAL,
    result BLOB NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (sha256, rules_version, profile)
)
"""


def default_state_dir(out: Path) -> Path:
    """``report.xlsx`` → ``report.xlsx.audit-state`` beside it."""
    return out.with_name(out.name + ".audit-state")


def cacheable(result: dict[str, Any]) -> bool:
    """Whether a result is lasting (a success, or a failure the document itself causes)."""
    if result.get("ok"):
        return True
    return (result.get("error") or {}).get("code") not in TRANSIENT_ERRORS


class StateStore:
    """Results of one rules version and profile (one connection, used by one thread)."""

    def __init__(self, folder: Path, rules_version: str, profile: str | None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE
        self.rules_version = rules_version
        self.profile = profile or "default"
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: safe if the process dies
        self._db.execute(SCHEMA)

    def known(self) -> set[str]:
        """sha256 of every document stored for this rules version and profile."""
        rows = self._db.execute(
            "SELECT sha256 FROM results WHERE rules_version = ? AND profile = ?",
            (self.rules_version, self.profile),
        )
        return {r[0] for r in rows}

    def get(self, sha256: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT result FROM results WHERE sha256 = ? AND rules_version = ? AND profile = ?",
            (sha256, self.rules_version, self.profile),
        ).fetchone()
        return None if row is None else json.loads(zlib.decompress(row[0]))

    def put(self, sha256: str, result: dict[str, Any]) -> bool:
        """Keep a lasting result (committed at once); False when it is transient."""
        if not cacheable(result):
            return False
        blob = zlib.compress(json.dumps(result, ensure_ascii=False, default=str).encode(), 6)
        pages = ((result.get("record") or {}).get("source") or {}).get("pages") or 0
        self._db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sha256,
                self.rules_version,
                self.profile,
                int(bool(result.get("ok"))),
                int(pages),
                result.get("seconds"),
                blob,
                time.time(),
            ),
        )
        return True

    def count(self) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM results WHERE rules_version = ? AND profile = ?",
            (self.rules_version, self.profile),
        ).fetchone()
        return int(row[0])

    def close(self) -> None:
        self._db.close()
