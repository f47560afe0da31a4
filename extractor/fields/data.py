"""Loading of the field parsers' vocabularies from ``extractor/data/*.yml``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed YAML file ``extractor/data/<name>``, read once per process."""
    text = resources.files("extractor.data").joinpath(name).read_text("utf-8")
    return yaml.safe_load(text)
