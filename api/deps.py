"""FastAPI dependencies: the service, a database session, the caller and the language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyCookie, APIKeyHeader
from sqlalchemy.orm import Session

from api.errors import ServiceError, request_lang
from api.security import Principal, verify_key
from api.services import Service

#: Name of the cookie the sign-in page sets (it holds the key; HttpOnly, SameSite=Lax).
SESSION_COOKIE = "sopcheck_key"

_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="set by the sign-in page")


def get_service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(get_service)]


def get_session(service: ServiceDep) -> Iterator[Session]:
    """A session in one transaction for the request."""
    with service.db.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def lookup_principal(service: Service, key: str | None) -> Principal | None:
    if not key:
        return None
    with service.db.session() as session:
        return verify_key(session, key)


def get_principal(
    service: ServiceDep,
    header_key: Annotated[str | None, Security(_header)] = None,
    cookie_key: Annotated[str | None, Security(_cookie)] = None,
) -> Principal:
    """The caller from ``X-API-Key`` or the session cookie: 401 when missing or unknown, 429 when
    over the rate limit."""
    key = header_key or cookie_key
    if not key:
        raise ServiceError(401, "unauthorized")
    principal = lookup_principal(service, key)
    if principal is None:
        raise ServiceError(401, "invalid_key")
    if not service.limiter.allow(principal.key_id):
        raise ServiceError(429, "rate_limited")
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_lang(
    request: Request,
    lang: Annotated[
        Literal["id", "en"] | None, Query(description="language of messages (default id)")
    ] = None,
) -> str:
    """The language asked for: ``?lang``, the ``lang`` cookie, ``Accept-Language``; else 'id'."""
    return lang or request_lang(request)


LangDep = Annotated[str, Depends(get_lang)]
