"""`sopcheck check` and `sopcheck rules` through typer's CliRunner."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()
needs_text_backend = pytest.mark.skipif(
    importlib.util.find_spec("extractor.backends.text") is None,
    reason="the text backend is not there yet",
)


def test_rules_json_and_md() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    catalog = json.loads(result.stdout)
    codes = [r["code"] for r in catalog]
    assert "LEG006" in codes and codes == sorted(codes)
    assert {"code", "category", "severity", "title", "rationale", "regulation"} <= set(catalog[0])
    md = runner.invoke(app, ["rules", "--format", "md"])
    assert md.exit_code == 0 and "| [LEG006](LEG006.md)" in md.stdout
    assert runner.invoke(app, ["rules", "--format", "xml"]).exit_code == 2


@needs_text_backend
def test_check_json_exit_1_on_errors(seeds_dir: Path) -> None:
    seed = seeds_dir / "sop-kecamatan-tebingtinggi-lkip.txt"
    result = runner.invoke(app, ["check", str(seed), "--format", "json"])
    assert result.exit_code == 1, result.stdout
    report = json.loads(result.stdout)
    assert report["source"]["filename"] == seed.name
    assert report["summary"]["errors"] >= 1
    assert "LEG006" in {f["rule"] for f in report["findings"]}


@needs_text_backend
def test_check_several_files_table_and_english(seeds_dir: Path) -> None:
    files = [
        str(seeds_dir / n)
        for n in ("sop-kecamatan-tebingtinggi-lkip.txt", "sop-satpolpp-balangan-lakip.txt")
    ]
    result = runner.invoke(app, ["check", *files, "--format", "json", "--lang", "en"])
    reports = json.loads(result.stdout)
    assert isinstance(reports, list) and len(reports) == 2
    leg006 = next(f for f in reports[0]["findings"] if f["rule"] == "LEG006")
    assert leg006["message"].startswith("Legal basis item 1 cites")
    table = runner.invoke(app, ["check", files[0], "--format", "table"])
    assert table.exit_code == 1 and "LEG006" in table.stdout and "Skor" in table.stdout


def test_check_unusable_input_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["check", str(empty)])
    assert result.exit_code == 2
    assert "kosong" in result.stderr and "empty" in result.stderr


def test_check_unknown_profile_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "x.txt"), "--profile", "nope"])
    assert result.exit_code == 2 and "profile not found" in result.stderr
