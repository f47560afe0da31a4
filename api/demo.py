"""Demo mode: sample keys (shown on the sign-in page) and the sample corpus as an audit."""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from api.db import ApiKey, Audit
from api.security import Principal, Role, create_key, revoke_key
from api.services import Service

log = logging.getLogger(__name__)
DEMO_PREFIX = "demo:"
REPO_ROOT = Path(__file__).resolve().parent.parent


@cache
def config() -> dict[str, Any]:
    return dict(yaml.safe_load(resources.files("api.data").joinpath("demo.yml").read_text("utf-8")))


def sample_files(roots: tuple[Path, ...] = (REPO_ROOT, Path.cwd())) -> list[Path]:
    """One rendition of each sample document (by suffix preference), sorted by path."""
    suffixes = list(config()["suffixes"])
    found: dict[Path, Path] = {}
    for root in roots:
        for pattern in config()["corpus_globs"]:
            for folder in sorted(root.glob(pattern)):
                if not folder.is_dir() or folder.resolve() in found:
                    continue
                files = [
                    f
                    for f in sorted(folder.iterdir())
                    if f.is_file() and f.suffix.lower() in suffixes
                ]
                if "seeds" in folder.name:  # a flat folder of documents: take them all
                    for f in files:
                        found.setdefault(f.resolve(), f)
                    continue
                files.sort(key=lambda f: suffixes.index(f.suffix.lower()))
                if files:
                    found.setdefault(folder.resolve(), files[0])
    return sorted(found.values())


def setup_demo(service: Service) -> list[dict[str, str | None]]:
    """Fresh demo keys (older demo keys revoked) and, once, the demo audit. Returns the keys."""
    keys: list[dict[str, str | None]] = []
    with service.db.session() as session:
        for row in session.scalars(select(ApiKey).where(ApiKey.name.startswith(DEMO_PREFIX))):
            revoke_key(session, row.id)
        for spec in config()["keys"]:
            row, key = create_key(session, spec["role"], spec.get("agency"), spec["name"])
            keys.append({"role": row.role, "agency": row.agency, "key": key, "name": row.name})
        exists = session.scalar(
            select(Audit.id).where(Audit.name == config()["audit_name"]).limit(1)
        )
    for k in keys:
        print(f"  demo {k['role']:<9} {k['key']}  {k['agency'] or ''}", flush=True)
    if exists is None:
        files = sample_files()
        if files:
            principal = Principal(key_id="demo", name="demo", role=Role.REVIEWER)
            members = [
                (
                    f"{f.parent.name}-{f.name}" if f.parent.name != "seeds" else f.name,
                    f.read_bytes(),
                )
                for f in files
            ]
            service.create_audit(principal, members, config()["audit_name"])
            print(f"  demo audit: {len(files)} sample documents queued", flush=True)
    return keys
