"""The `sopcheck` command line: a second face of the same functions the service uses."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="sopcheck: membaca dan memeriksa SOP AP dan LKIP / reads and checks SOP AP and LKIP",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

LangOpt = Annotated[str, typer.Option("--lang", help="id (Bahasa Indonesia) or en")]


@app.callback()
def _root() -> None:
    """sopcheck: membaca dan memeriksa SOP AP dan LKIP / reads and checks SOP AP and LKIP."""


class _NoTraceback(logging.Formatter):
    """Users see one line per problem; SOPCHECK_DEBUG=1 shows tracebacks."""

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        return ""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = ""
        saved, record.exc_info = record.exc_info, None
        try:
            return super().format(record)
        finally:
            record.exc_info = saved


def _setup_logging() -> None:
    handler = logging.StreamHandler()
    if not os.environ.get("SOPCHECK_DEBUG"):
        handler.setFormatter(_NoTraceback("%(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


def _err(text: str) -> None:
    typer.echo(text, err=True)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="documents to read")],
    fmt: Annotated[str, typer.Option("--format", help="json")] = "json",
    lang: LangOpt = "id",
) -> None:
    """Read documents into structured records (JSON; an array when several)."""
    from extractor import extract as do_extract

    records = []
    failed = False
    for path in files:
        result = do_extract(path)
        if result.record is None:
            failed = True
            for err in result.errors:
                _err(f"{path}: {err.message(lang)}")
            continue
        records.append(result.record.model_dump(mode="json"))
    if records:
        payload = records[0] if len(files) == 1 else records
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    raise typer.Exit(EXIT_UNUSABLE if failed else EXIT_OK)


def main() -> None:
    """Entry point of the `sopcheck` script; never shows a traceback to a user."""
    _setup_logging()
    try:
        app()
    except KeyboardInterrupt:
        _err("Dibatalkan / Cancelled")
        sys.exit(130)


if __name__ == "__main__":
    main()
