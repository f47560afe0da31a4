"""What `sopcheck admin` and `sopcheck serve` do, apart from the command line parsing."""

from __future__ import annotations

from api.config import Settings
from api.db import Database
from api.security import create_key, revoke_key


def open_db(settings: Settings | None = None) -> Database:
    settings = settings or Settings()
    settings.prepare()
    db = Database(settings.db_url)
    db.migrate()
    return db


def create(
    role: str, agency: str | None, name: str, settings: Settings | None = None
) -> tuple[str, str]:
    """A new key: (its id, the key in clear — shown once)."""
    db = open_db(settings)
    try:
        with db.session() as session:
            row, key = create_key(session, role, agency, name)
            return row.id, key
    finally:
        db.dispose()


def revoke(key_id: str, settings: Settings | None = None) -> bool:
    db = open_db(settings)
    try:
        with db.session() as session:
            return revoke_key(session, key_id)
    finally:
        db.dispose()


def list_keys(settings: Settings | None = None) -> list[dict[str, str | None]]:
    from sqlalchemy import select

    from api.db import ApiKey

    db = open_db(settings)
    try:
        with db.session() as session:
            return [
                {
                    "id": k.id,
                    "prefix": k.prefix,
                    "role": k.role,
                    "agency": k.agency,
                    "name": k.name,
                    "created": k.created_at.isoformat(timespec="seconds"),
                    "revoked": k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else None,
                }
                for k in session.scalars(select(ApiKey).order_by(ApiKey.created_at))
            ]
    finally:
        db.dispose()


def serve(host: str, port: int, demo: bool) -> None:
    """Run the service with uvicorn (one process; documents are read in its worker pool)."""
    import uvicorn

    from api.main import create_app

    settings = Settings(demo=demo) if demo else Settings()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
