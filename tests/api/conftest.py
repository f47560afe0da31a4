"""The real app on SQLite in a temporary folder, with keys of every role."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app

# The helpers beside this file (api_support.py) are imported by name; tests/ is not a
# package, so make this folder importable however pytest is invoked.
sys.path.insert(0, str(Path(__file__).parent))

from api_support import SATPOL_SEED, Keys, make_keys, settings_for


@pytest.fixture(scope="session")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sopcheck-data")


@pytest.fixture(scope="session")
def client(app_dir: Path) -> Iterator[TestClient]:
    app = create_app(settings_for(app_dir))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def keys(client: TestClient) -> Keys:
    return make_keys(client.app)


@pytest.fixture(scope="session")
def seed_bytes(seeds_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def satpol(seed_bytes: dict[str, bytes]) -> bytes:
    return seed_bytes[SATPOL_SEED]


@pytest.fixture(scope="session")
def uploaded(client: TestClient, keys: Keys, satpol: bytes) -> dict:
    """The Satpol PP seed uploaded by its own OPD key: the report."""
    r = client.post("/documents", files={"file": (SATPOL_SEED, satpol)}, headers=keys.h("opd_a"))
    assert r.status_code == 201, r.text
    return r.json()
