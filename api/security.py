"""API keys (stored hashed), the roles they carry, and a per-key rate limit.

A key is ``sk_<prefix>_<secret>``: the prefix finds the row, the secret is checked
against ``sha256(salt || key)``. Keys are 160+ bits of randomness, so a fast
salted hash is enough (a slow KDF protects low-entropy passwords, not random keys).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import ApiKey

#: The shape of a key: "sk_", an 8-character lookup prefix, "_", the secret.
KEY_PATTERN = re.compile(r"^sk_(?P<prefix>[a-z0-9]{8})_(?P<secret>[A-Za-z0-9_-]{20,64})$")


class Role(StrEnum):
    """What a key may do."""

    OPD = "opd"  # one agency: uploads and sees its own documents only
    REVIEWER = "reviewer"  # Bagian Organisasi: all documents, runs audits
    INSPECTOR = "inspector"  # Inspektorat: reads all, exports; cannot upload


def agency_key(name: str | None) -> str:
    """Agency names compared without case or spacing differences."""
    return " ".join((name or "").casefold().split())


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id, name, role and (for ``opd``) agency."""

    key_id: str
    name: str
    role: Role
    agency: str | None = None

    @property
    def agency_key(self) -> str:
        return agency_key(self.agency)

    def can_see(self, document_agency_key: str) -> bool:
        """An ``opd`` key sees its own agency's documents; other roles see all."""
        return self.role != Role.OPD or document_agency_key == self.agency_key


def _hash(salt: str, key: str) -> str:
    return hashlib.sha256((salt + key).encode()).hexdigest()


def create_key(
    session: Session, role: Role | str, agency: str | None = None, name: str = ""
) -> tuple[ApiKey, str]:
    """Store a new key and return (row, the key in clear — shown once)."""
    role = Role(role)
    if role == Role.OPD and not (agency or "").strip():
        raise ValueError("an opd key needs an agency (--agency)")
    prefix = secrets.token_hex(4)
    key = f"sk_{prefix}_{secrets.token_urlsafe(24)}"
    salt = secrets.token_hex(16)
    row = ApiKey(
        prefix=prefix,
        salt=salt,
        key_hash=_hash(salt, key),
        name=name,
        role=role.value,
        agency=agency.strip() if agency else None,
    )
    session.add(row)
    session.flush()
    return row, key


def verify_key(session: Session, key: str) -> Principal | None:
    """The principal of a valid, unrevoked key; ``None`` otherwise."""
    match = KEY_PATTERN.match(key.strip())
    if not match:
        return None
    row = session.scalar(select(ApiKey).where(ApiKey.prefix == match["prefix"]))
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.key_hash, _hash(row.salt, key.strip())):
        return None
    return Principal(key_id=row.id, name=row.name, role=Role(row.role), agency=row.agency)


def revoke_key(session: Session, key_id: str) -> bool:
    """Revoke a key by its id (or prefix); False when there is no such key."""
    row = session.get(ApiKey, key_id) or session.scalar(
        select(ApiKey).where(ApiKey.prefix == key_id)
    )
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
    return True


class RateLimiter:
    """A sliding one-minute window of requests per key (in memory, per process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key_id, deque())
            while hits and now - hits[0] > 60.0:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            return True
