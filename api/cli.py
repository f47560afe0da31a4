"""The `sopcheck` command line: a second face of the same functions the service uses."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from extractor.logs import setup_user_logging

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


def _err(text: str) -> None:
    typer.echo(text, err=True)


class _Read:
    """Records read from the given files; ``failed`` when any file was unusable."""

    def __init__(self) -> None:
        self.records: list = []  # type: ignore[type-arg]
        self.failed = False


def _read_all(files: list[Path], lang: str) -> _Read:
    """Read each file in an isolated child (time and memory limits); report the unusable."""
    from extractor.isolation import extract_isolated

    read = _Read()
    for path in files:
        result = extract_isolated(path)
        if result.record is None:
            read.failed = True
            for err in result.errors:
                _err(f"{path}: {err.message(lang)}")
        else:
            read.records.append(result.record)
    return read


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="documents to read")],
    fmt: Annotated[str, typer.Option("--format", help="json")] = "json",
    lang: LangOpt = "id",
) -> None:
    """Read documents into structured records (JSON; an array when several)."""
    read = _read_all(files, lang)
    records = [record.model_dump(mode="json") for record in read.records]
    failed = read.failed
    if records:
        payload = records[0] if len(files) == 1 else records
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    raise typer.Exit(EXIT_UNUSABLE if failed else EXIT_OK)


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_TABLE_HEAD = {
    "id": ("Kode", "Tingkat", "Langkah", "Temuan", "Saran", "Skor", "galat", "peringatan", "info"),
    "en": (
        "Code",
        "Severity",
        "Step",
        "Finding",
        "Suggestion",
        "Score",
        "errors",
        "warnings",
        "infos",
    ),
}


def _print_table(reports: list) -> None:  # type: ignore[type-arg]
    """Reports as readable terminal tables (rich)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    for report in reports:
        head = _TABLE_HEAD["en" if report.lang == "en" else "id"]
        s = report.summary
        console.print(
            f"[bold]{report.source.filename}[/bold]  {head[5]} {s.score}/100  "
            f"({s.errors} {head[6]}, {s.warnings} {head[7]}, {s.infos} {head[8]})"
        )
        table = Table(show_lines=True, expand=True)
        for title, kwargs in zip(
            head[:5],
            (
                {"no_wrap": True},
                {"no_wrap": True},
                {"justify": "right"},
                {"ratio": 3},
                {"ratio": 2},
            ),
            strict=True,
        ):
            table.add_column(title, **kwargs)
        for f in report.findings:
            style = SEVERITY_STYLE.get(f.severity.value, "")
            message = f.message + (f"\n[dim]« {f.evidence} »[/dim]" if f.evidence else "")
            table.add_row(
                f.rule,
                f"[{style}]{f.severity.value}[/{style}]",
                str(f.step or ""),
                message,
                f.suggestion or "",
            )
        console.print(table)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="documents to check")],
    fmt: Annotated[str, typer.Option("--format", help="json or table")] = "json",
    profile: Annotated[str | None, typer.Option("--profile", help="profile name or file")] = None,
    lang: LangOpt = "id",
) -> None:
    """Read documents and check them against the rules (exit 1 when any error is found)."""
    from rules import ProfileError, load_profile
    from rules import check as run_check

    if fmt not in ("json", "table"):
        _err(f"--format: json | table (not {fmt!r})")
        raise typer.Exit(EXIT_UNUSABLE)
    try:
        prof = load_profile(profile)
    except ProfileError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    read = _read_all(files, lang)
    reports = [run_check(record, prof, lang=lang) for record in read.records]
    unusable = read.failed
    if reports and fmt == "table":
        _print_table(reports)
    elif reports:
        payload = [r.model_dump(mode="json") for r in reports]
        typer.echo(
            json.dumps(payload[0] if len(files) == 1 else payload, ensure_ascii=False, indent=2)
        )
    if unusable:
        raise typer.Exit(EXIT_UNUSABLE)
    has_error = any(r.summary.errors for r in reports)
    raise typer.Exit(EXIT_FINDINGS if has_error else EXIT_OK)


@app.command("rules")
def rules_catalog(
    fmt: Annotated[str, typer.Option("--format", help="json or md")] = "json",
) -> None:
    """The rule catalogue: code, category, severity, title, rationale, regulation."""
    from rules import registry
    from rules.docs import index_page

    if fmt == "md":
        typer.echo(index_page(registry.all()))
    elif fmt == "json":
        metas = [m.model_dump(mode="json", exclude={"templates"}) for m in registry.all()]
        typer.echo(json.dumps(metas, ensure_ascii=False, indent=2))
    else:
        _err(f"--format: json | md (not {fmt!r})")
        raise typer.Exit(EXIT_UNUSABLE)


@app.command()
def audit(
    source: Annotated[Path, typer.Argument(help="a folder (sub-folders = OPDs) or a zip")],
    out: Annotated[Path, typer.Option("--out", help="report: .xlsx .csv .json .pdf .html")],
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="local processes (default: cores)")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler tcp://host:port (or SOPCHECK_SCHEDULER)"),
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="profile name or file")] = None,
    lang: LangOpt = "id",
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="seconds per document (default 600)")
    ] = None,
    memory_mb: Annotated[
        int | None, typer.Option("--memory-mb", help="memory cap per document reader (MB)")
    ] = None,
    state: Annotated[
        Path | None, typer.Option("--state", help="state folder (default: OUT.audit-state)")
    ] = None,
) -> None:
    """Audit a folder or zip of documents in parallel; resumable and incremental
    (exit 1 when any document has an error finding or could not be read)."""
    from api.config import Settings
    from api.engine.audit import OUTPUT_FORMATS, AuditOptions, run_audit, write_report
    from api.engine.console import RichProgress, print_summary
    from api.errors import ServiceError
    from rules import ProfileError

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in OUTPUT_FORMATS:
        _err(
            f"--out: {', '.join('.' + f for f in OUTPUT_FORMATS)} (not {out.suffix or out.name!r})"
        )
        raise typer.Exit(EXIT_UNUSABLE)
    settings = Settings()
    opts = AuditOptions(
        workers=workers,
        scheduler=scheduler,
        profile=profile,
        lang=lang,
        timeout=timeout or settings.document_timeout,
        memory_mb=memory_mb or settings.worker_memory_mb,
        state_dir=state,
    )
    try:
        outcome = run_audit(source, out, opts, progress=RichProgress(lang))
    except ServiceError as exc:
        _err(f"{source}: {exc.messages['en' if lang == 'en' else 'id']}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    except ProfileError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    except OSError as exc:  # the scheduler cannot be reached, a folder cannot be read
        _err(f"{source}: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    write_report(outcome.export, out)
    print_summary(outcome, str(out))
    raise typer.Exit(outcome.exit_code)


# -- the service (serve, admin keys) ---------------------------------------------------

admin_app = typer.Typer(no_args_is_help=True, help="API keys of the service / kunci API layanan")
app.add_typer(admin_app, name="admin")

RoleOpt = Annotated[str, typer.Option("--role", help="opd, reviewer or inspector")]


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="demo keys and the sample corpus")] = False,
) -> None:
    """Run the HTTP service and web page (SQLite in SOPCHECK_DATA_DIR, default ./data)."""
    from api.admin import serve as run_server

    typer.echo(f"sopcheck: http://{host}:{port}/ui")
    run_server(host, port, demo)


@admin_app.command("create-key")
def admin_create_key(
    role: RoleOpt,
    agency: Annotated[str | None, typer.Option("--agency", help="the OPD of an opd key")] = None,
    name: Annotated[str, typer.Option("--name", help="who holds the key")] = "",
) -> None:
    """Create an API key and print it (once: only its hash is stored)."""
    from api.admin import create

    if role not in ("opd", "reviewer", "inspector"):
        _err("--role: opd, reviewer, inspector")
        raise typer.Exit(EXIT_UNUSABLE)
    try:
        key_id, key = create(role, agency, name)
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    _err(
        f"id: {key_id} (simpan kunci ini; tidak akan ditampilkan lagi / store it: it is not "
        f"shown again)"
    )
    typer.echo(key)


@admin_app.command("revoke-key")
def admin_revoke_key(key_id: Annotated[str, typer.Argument(help="key id or prefix")]) -> None:
    """Revoke an API key."""
    from api.admin import revoke

    if not revoke(key_id):
        _err(f"kunci tidak ditemukan / no such key: {key_id}")
        raise typer.Exit(EXIT_UNUSABLE)
    typer.echo(f"revoked {key_id}")


@admin_app.command("list-keys")
def admin_list_keys() -> None:
    """List API keys (never the keys themselves)."""
    from api.admin import list_keys

    for k in list_keys():
        state = f"revoked {k['revoked']}" if k["revoked"] else "active"
        typer.echo(
            f"{k['id']}  {k['prefix']}  {k['role']:<9} {state:<27} {k['agency'] or '-'}  "
            f"{k['name']}"
        )


def main() -> None:
    """Entry point of the `sopcheck` script; never shows a traceback to a user."""
    setup_user_logging()
    try:
        app()
    except KeyboardInterrupt:
        _err("Dibatalkan / Cancelled")
        sys.exit(130)


if __name__ == "__main__":
    main()
