"""`sopcheck audit` end to end: outputs, OPDs, failed rows, incremental runs, SIGKILL-resume,
and the same results through a Dask LocalCluster as through the local pool."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from api.cli import app
from api.engine.audit import AuditOptions, run_audit
from api.engine.state import STATE_FILE

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def audit_cli(*args: str) -> Any:
    return runner.invoke(app, ["audit", *args], catch_exceptions=False)


def rows(payload: dict[str, Any]) -> dict[str, tuple]:
    """path -> what must not change between runs or executors."""
    out = {}
    for d in payload["documents"]:
        summary = d.get("summary") or {}
        rules = sorted(f["rule"] for f in d.get("findings") or [])
        out[d["path"]] = (d["agency"], d["status"], summary.get("score"), tuple(rules))
    return out


@pytest.fixture(scope="module")
def first(small_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("report") / "audit.xlsx"
    result = audit_cli(str(small_folder), "--out", str(out), "--workers", "2")
    return {"out": out, "state": out.with_name("audit.xlsx.audit-state"), "result": result}


def test_xlsx_has_one_row_per_document_and_every_finding(first: dict[str, Any]) -> None:
    assert first["result"].exit_code == 1, first["result"].output  # the corrupt PDF
    wb = load_workbook(first["out"])
    assert {"dinkes", "satpol"} <= set(wb.sheetnames)
    summary = list(wb["Ringkasan"].iter_rows(values_only=True))
    head, body = summary[0], summary[1:]
    by_path = {r[head.index("Berkas")]: r for r in body}
    assert set(by_path) == {
        "dinkes/sop-001-dinkes-rekomendasi-sip.txt",
        "dinkes/sop-022-dinkes-pengaduan.docx",
        "satpol/rusak.pdf",
        "satpol/sop-012-satpolpp-penegakan-perda.txt",
        "satpol/sop-028-satpolpp-pengaduan-trantibum.pdf",
        "satpol/sop-101-satpolpp-lkip-regulasi-dicabut.txt",
    }
    assert {r[head.index("OPD")] for r in body} == {"dinkes", "satpol"}
    broken = by_path["satpol/rusak.pdf"]
    reason = broken[head.index("Alasan")]
    assert broken[head.index("Status")] == "Gagal dibaca"
    assert "PDF" in reason and " / " in reason and "cannot be opened" in reason  # both languages
    readable = [r for p, r in by_path.items() if p != "satpol/rusak.pdf"]
    assert all(r[head.index("Judul")] for r in readable)
    findings = list(wb["Temuan"].iter_rows(values_only=True))[1:]
    expected = sum((r[head.index("Kesalahan")] or 0) for r in readable)
    errors_listed = sum(1 for f in findings if f[4] == "kesalahan")
    assert errors_listed == expected
    # the defect document (revoked regulation) has findings in the workbook
    assert any(f[1] == "satpol/sop-101-satpolpp-lkip-regulasi-dicabut.txt" for f in findings)


def test_second_run_processes_nothing_and_writes_csv(
    first: dict[str, Any], small_folder: Path
) -> None:
    outcome = run_audit(
        small_folder, first["out"], AuditOptions(workers=2, state_dir=first["state"])
    )
    assert outcome.stats.processed == 0 and outcome.stats.from_state == 6
    csv_out = first["out"].with_suffix(".csv")
    result = audit_cli(
        str(small_folder), "--out", str(csv_out), "--state", str(first["state"]), "--lang", "en"
    )
    assert result.exit_code == 1
    assert "0 read" in result.output
    text = csv_out.read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = table[0], table[1:]
    assert header[:2] == ["Agency (OPD)", "File"]
    assert {r[1] for r in body} == {d.path for d in outcome.docs}
    failed = [r for r in body if r[1] == "satpol/rusak.pdf"]
    assert len(failed) == 1 and failed[0][header.index("Reason")].startswith("The PDF")


def test_json_and_html_outputs(first: dict[str, Any], small_folder: Path) -> None:
    json_out = first["out"].with_suffix(".json")
    html_out = first["out"].with_suffix(".html")
    for out in (json_out, html_out):
        result = audit_cli(str(small_folder), "--out", str(out), "--state", str(first["state"]))
        assert result.exit_code == 1
    payload = json.loads(json_out.read_text(encoding="utf-8"))
    docs = payload["documents"]
    assert len(docs) == 6 and payload["audit"]["total"] == 6
    assert [d["path"] for d in docs] == sorted(d["path"] for d in docs)
    ok = [d for d in docs if "error" not in d]
    assert len(ok) == 5 and all(d["summary"]["score"] is not None for d in ok)
    page = html_out.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>") and "satpol/rusak.pdf" in page and "<script" not in page
    )


def test_zip_audit_reads_members_and_opds(first: dict[str, Any], small_folder: Path) -> None:
    archive = first["out"].parent / "kabupaten.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(small_folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"kabupaten/{path.relative_to(small_folder).as_posix()}")
        zf.writestr("__MACOSX/kabupaten/._x", b"junk")
    out = first["out"].parent / "zip.json"
    result = audit_cli(str(archive), "--out", str(out), "--state", str(first["state"]))
    assert result.exit_code == 1
    payload = json.loads(out.read_text(encoding="utf-8"))
    by_path = {d["path"]: d for d in payload["documents"]}
    assert len(by_path) == 6 and "kabupaten/satpol/rusak.pdf" in by_path
    assert {d["agency"] for d in by_path.values()} == {"dinkes", "satpol"}


def test_unsafe_zip_and_bad_output_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../evil.txt", b"x")
    result = audit_cli(str(archive), "--out", str(tmp_path / "r.json"))
    assert result.exit_code == 2 and "zip" in result.output.lower()
    result = audit_cli(str(tmp_path), "--out", str(tmp_path / "r.docx"))
    assert result.exit_code == 2


def _stored(state: Path) -> int:
    path = state / STATE_FILE
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
        except sqlite3.OperationalError:  # the table is being created
            return 0


def _audit_process(folder: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOPCHECK_SCHEDULER": ""}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "audit",
            str(folder),
            "--out",
            str(out),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its sandboxes too can be cleaned up as one group
    )


def test_sigkill_mid_run_then_restart_loses_and_doubles_nothing(
    text_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "killed.json"
    state = out.with_name("killed.json.audit-state")
    proc = _audit_process(text_folder, out)
    try:
        deadline = time.monotonic() + 180
        while _stored(state) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    killed_at = _stored(state)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= killed_at < 30 and not out.exists()

    again = _audit_process(text_folder, out)
    try:
        _, err = again.communicate(timeout=300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(again.pid, signal.SIGKILL)
    assert again.returncode in (0, 1), err.decode(errors="replace")[-2000:]
    assert _stored(state) == 30
    resumed = json.loads(out.read_text(encoding="utf-8"))
    paths = [d["path"] for d in resumed["documents"]]
    assert len(paths) == len(set(paths)) == 30

    clean = run_audit(
        text_folder, tmp_path / "clean.json", AuditOptions(workers=2, state_dir=tmp_path / "cs")
    )
    assert clean.stats.processed == 30
    from api.exports.jsonx import render

    assert rows(resumed) == rows(json.loads(render(clean.export)))


@pytest.fixture(scope="module")
def dask_cluster() -> Any:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit="3GB",
    )
    try:
        yield cluster
    finally:
        cluster.close()


def test_dask_cluster_gives_the_same_rows_as_the_local_pool(
    dask_cluster: Any, first: dict[str, Any], small_folder: Path, tmp_path: Path
) -> None:
    local = run_audit(small_folder, first["out"], AuditOptions(state_dir=first["state"]))
    remote = run_audit(
        small_folder,
        tmp_path / "dask.json",
        AuditOptions(scheduler=dask_cluster.scheduler_address, state_dir=tmp_path / "state"),
    )
    assert remote.stats.executor == "dask" and remote.stats.workers == 2
    assert remote.stats.processed == 6  # read on the cluster, not taken from a state
    from api.exports.jsonx import render

    assert rows(json.loads(render(remote.export))) == rows(json.loads(render(local.export)))
    workers = {w.split(":")[1] for w in remote.stats.peak_rss_mb}
    assert len(workers) == 2  # both cluster workers read documents
