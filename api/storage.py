"""Uploaded files, stored once by content hash: ``data/files/ab/cdef…``."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class FileStore:
    """A content-addressed folder; writes are atomic (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def relpath(self, sha256: str) -> str:
        return f"{sha256[:2]}/{sha256[2:]}"

    def path(self, relpath: str) -> Path:
        return self.root / relpath

    def put(self, data: bytes) -> tuple[str, str]:
        """Store ``data`` (once); returns (sha256, path relative to the store)."""
        sha = hashlib.sha256(data).hexdigest()
        rel = self.relpath(sha)
        target = self.root / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha, rel

    def read(self, relpath: str) -> bytes:
        return (self.root / relpath).read_bytes()
