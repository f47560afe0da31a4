"""Domain errors of the service and how they become HTTP answers.

Every error a client can see is ``{"error": {"code", "message"}}`` with the message
in the requested language (``?lang=en`` or ``Accept-Language``), Bahasa Indonesia
by default. Bad input is a 4xx, never a 500.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from typing import Any

import yaml
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from extractor.errors import ErrorItem
from extractor.errors import message as extractor_message

log = logging.getLogger(__name__)

#: HTTP status of each extraction error code (all others are 422).
EXTRACTION_STATUS: dict[str, int] = {"unsupported_type": 415, "too_large": 413}


@cache
def _messages() -> dict[str, dict[str, str]]:
    text = resources.files("api.data").joinpath("messages.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def message(code: str, lang: str = "id", **fields: Any) -> str:
    """The service's message for ``code``; falls back to the extractor's messages."""
    entry = _messages().get(code)
    if entry is None:
        return extractor_message(code, lang, **fields)
    return (entry.get(lang) or entry["id"]).format_map(_Default(fields))


def bilingual(code: str, **fields: Any) -> dict[str, str]:
    return {"id": message(code, "id", **fields), "en": message(code, "en", **fields)}


class ServiceError(Exception):
    """An error a client caused or must know about, with a code and an HTTP status."""

    def __init__(
        self, status: int, code: str, messages: dict[str, str] | None = None, **fields: Any
    ):
        self.status = status
        self.code = code
        self.messages = messages or bilingual(code, **fields)
        super().__init__(self.messages["en"])

    @classmethod
    def from_item(cls, item: ErrorItem) -> ServiceError:
        status = EXTRACTION_STATUS.get(item.code, 422)
        return cls(status, item.code, {"id": item.message_id, "en": item.message_en})

    def message(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages["id"]


def not_found(what: str = "Dokumen") -> ServiceError:
    return ServiceError(404, "not_found", detail=what)


def request_lang(request: Request) -> str:
    """'en' when asked by ``?lang=en``, the ``lang`` cookie or ``Accept-Language``; else 'id'."""
    asked = request.query_params.get("lang") or request.cookies.get("lang")
    if asked in ("id", "en"):
        return asked
    accept = request.headers.get("accept-language", "")
    for part in accept.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("id") or tag.startswith("in"):
            return "id"
        if tag.startswith("en"):
            return "en"
    return "id"


def _body(code: str, text: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": text}}


def install(app: FastAPI) -> None:
    """Register the handlers that turn errors into ``{"error": …}`` answers."""

    @app.exception_handler(ServiceError)
    async def _service(request: Request, exc: ServiceError) -> JSONResponse:
        headers = {"Retry-After": "30"} if exc.status == 429 else None
        return JSONResponse(
            _body(exc.code, exc.message(request_lang(request))), exc.status, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', '')}")
        text = message("bad_request", request_lang(request), detail="; ".join(parts))
        return JSONResponse(_body("bad_request", text), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        lang = request_lang(request)
        if exc.status_code == 404:
            return JSONResponse(_body("not_found", message("not_found", lang, detail="URL")), 404)
        return JSONResponse(_body("http_error", str(exc.detail)), exc.status_code)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        text = message("internal_error", request_lang(request), detail=type(exc).__name__)
        return JSONResponse(_body("internal_error", text), 500)
