"""Labels of the web page and exports in Bahasa Indonesia and English (api/data/ui.yml)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def _labels() -> dict[str, dict[str, str]]:
    text = resources.files("api.data").joinpath("ui.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def t(key: str, lang: str = "id") -> str:
    """The label ``key`` in ``lang``; the key itself when it is not defined."""
    entry = _labels().get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["id"]


class Labels:
    """``labels.errors`` / ``labels['errors']`` in one language (for templates)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getattr__(self, key: str) -> str:
        return t(key, self.lang)

    def __getitem__(self, key: str) -> str:
        return t(key, self.lang)
