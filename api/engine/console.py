"""Terminal output of ``sopcheck audit``: a rich progress bar and the per-OPD summary."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from api.engine.audit import AuditOutcome, label, opd_summary
from api.i18n import t


class RichProgress:
    """Documents (done/total), pages, documents per minute and ETA, on stderr."""

    def __init__(self, lang: str = "id", console: Console | None = None) -> None:
        self.lang = lang
        self.console = console or Console(stderr=True)
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._pages = 0
        self._read = 0
        self._started = 0.0

    def start(self, total: int, done: int, pending: int, workers: int, kind: str) -> None:
        lang = self.lang
        self._bar = Progress(
            TextColumn(f"{label('reading', lang)} [dim]({kind}, {workers} worker)[/dim]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} " + label("pages", lang)),
            TextColumn("{task.fields[rate]} " + label("per_minute", lang)),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
        )
        self._bar.start()
        self._task = self._bar.add_task("audit", total=total, completed=done, pages=0, rate="-")
        self._started = time.perf_counter()

    def advance(self, documents: int, pages: int) -> None:
        if self._bar is None or self._task is None:
            return
        self._pages += pages
        self._read += 1
        minutes = (time.perf_counter() - self._started) / 60
        rate = f"{self._read / minutes:.1f}" if minutes > 0 else "-"
        self._bar.update(self._task, advance=documents, pages=self._pages, rate=rate)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def print_summary(outcome: AuditOutcome, out: str, console: Console | None = None) -> None:
    """The per-OPD table and one line of figures."""
    console = console or Console(stderr=True)
    lang = outcome.export.lang
    table = Table(title=t("per_opd", lang))
    keys = ("opd", "documents_count", "failed", "errors", "warnings", "score")
    for i, key in enumerate(keys):
        table.add_column(t(key, lang), justify="left" if i == 0 else "right")
    rows = opd_summary(outcome.docs)
    for r in rows:
        table.add_row(
            r["opd"],
            str(r["documents"]),
            f"[red]{r['failed']}[/red]" if r["failed"] else "0",
            f"[bold red]{r['errors']}[/bold red]" if r["errors"] else "0",
            str(r["warnings"]),
            "-" if r["score"] is None else str(r["score"]),
        )
    table.add_section()
    table.add_row(
        label("total", lang),
        *(str(sum(r[k] for r in rows)) for k in ("documents", "failed", "errors", "warnings")),
        "",
    )
    console.print(table)
    s = outcome.stats
    rate = f", {s.docs_per_minute:.1f} {label('per_minute', lang)}" if s.processed else ""
    console.print(
        f"{s.processed} {label('processed', lang)} ({s.pages} {label('pages', lang)}{rate}), "
        f"{s.from_state} {label('from_state', lang)}; {label('elapsed', lang)} {s.seconds:.1f} s"
    )
    console.print(f"{label('written', lang)} {out}")
