"""Loading the rules' knowledge files (rules/data/*.yml), once per process."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Any

import yaml

DATA_PACKAGE = "rules.data"


@cache
def load(name: str) -> Any:
    """The parsed content of ``rules/data/<name>.yml``."""
    text = resources.files(DATA_PACKAGE).joinpath(f"{name}.yml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def data_digest() -> str:
    """A hash over every data file, for ``Report.rules_version``."""
    digest = hashlib.sha256()
    root = resources.files(DATA_PACKAGE)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yml", ".yaml", ".csv", ".json")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()
