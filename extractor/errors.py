"""Errors the extractor reports for unusable input, with bilingual messages.

Every failure a person can see has a stable ``code`` (a key of
``extractor/data/messages.yml``) and a message in Bahasa Indonesia and English.
Backends raise :class:`InputError`; ``extractor.pipeline.extract`` turns it into a
failed :class:`~extractor.pipeline.ExtractionResult`, never a traceback.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel


@cache
def _messages() -> dict[str, dict[str, str]]:
    text = resources.files("extractor.data").joinpath("messages.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def message(code: str, lang: str = "id", **fields: Any) -> str:
    """The message for ``code`` in ``lang`` ('id' or 'en'), fields filled in."""
    entry = _messages().get(code) or _messages()["internal_error"]
    template = entry.get(lang) or entry["id"]

    class _Default(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "?"

    return template.format_map(_Default(fields))


class ErrorItem(BaseModel):
    """A structured, bilingual description of why input could not be used."""

    code: str
    message_id: str
    message_en: str
    stage: str = "extract"
    page: int | None = None

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


class InputError(Exception):
    """Input that cannot be used (corrupt, encrypted, empty, not an SOP, …)."""

    def __init__(self, code: str, detail: Any = "", *, stage: str = "extract", **fields: Any):
        self.code = code
        self.fields = {"detail": detail, **fields}
        self.stage = stage
        super().__init__(message(code, "en", **self.fields))

    def item(self) -> ErrorItem:
        return ErrorItem(
            code=self.code,
            message_id=message(self.code, "id", **self.fields),
            message_en=message(self.code, "en", **self.fields),
            stage=self.stage,
        )
