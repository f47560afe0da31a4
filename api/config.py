"""Service settings, read once from the environment (``SOPCHECK_*``, ``DATABASE_URL``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MB = 1024 * 1024


class Settings(BaseSettings):
    """Everything the service needs to know about its environment."""

    model_config = SettingsConfigDict(env_prefix="SOPCHECK_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="uploaded files and the SQLite db")
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "SOPCHECK_DATABASE_URL"),
        description="SQLAlchemy URL; default SQLite in data_dir/sopcheck.db",
    )
    max_upload_bytes: int = Field(default=25 * MB, description="size cap of one uploaded file")
    max_audit_bytes: int = Field(default=500 * MB, description="size cap of one audit upload")
    max_zip_members: int = Field(default=5000, description="files in one audit zip")
    max_zip_ratio: float = Field(default=200.0, description="compression ratio above = zip bomb")
    workers: int = Field(default=2, ge=1, description="processes reading documents")
    document_timeout: float = Field(default=600.0, description="seconds to read one document")
    worker_memory_mb: int = Field(default=2048, description="address-space limit of a worker")
    warm_workers: bool = Field(default=True, description="start the workers at startup")
    process_audits: bool = Field(default=True, description="run queued audits in this process")
    demo: bool = Field(default=False, description="demo keys and the sample corpus as an audit")
    profile: str | None = Field(default=None, description="rule profile name")
    rate_limit_per_minute: int = Field(default=600, description="requests per key per minute")
    cookie_secure: bool = Field(default=False, description="mark the session cookie Secure")

    @property
    def db_url(self) -> str:
        """The database URL, SQLite in the data folder unless ``DATABASE_URL`` is set."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'sopcheck.db').resolve()}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    def prepare(self) -> None:
        """Create the data folders."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
