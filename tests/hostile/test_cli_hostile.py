"""The CLI on the hostile corpus: exit 2 and one line per unusable file with its message, in
Indonesian and in English; the files that are SOPs are read (exit 0)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_corpus import ACCENT_TITLE, BASE_TITLE, CASES, message_head

ROOT = Path(__file__).resolve().parents[2]
FAILING = [c for c in CASES if c.code is not None]
READABLE = [c for c in CASES if c.code is None]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        timeout=400,
        cwd=ROOT,
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_unusable_files_exit_2_with_a_line_each(lang: str, hostile_files: dict[str, Path]) -> None:
    # the slow ones (a bomb restarts the reader) once, in English
    cases = [c for c in FAILING if lang == "en" or not c.slow]
    proc = run_cli("extract", *(str(hostile_files[c.name]) for c in cases), "--lang", lang)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert proc.stdout.strip() == ""
    assert "Traceback" not in proc.stderr
    lines = {line.split(": ", 1)[0]: line for line in proc.stderr.splitlines() if ": " in line}
    for case in cases:
        line = lines.get(str(hostile_files[case.name]))
        assert line is not None, (case.name, proc.stderr[-2000:])
        assert message_head(case.code or "", lang) in line, line


def test_readable_files_exit_0(hostile_files: dict[str, Path]) -> None:
    proc = run_cli("extract", *(str(hostile_files[c.name]) for c in READABLE))
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = json.loads(proc.stdout)
    assert len(records) == len(READABLE)
    assert {r["identity"]["title"] for r in records} == {BASE_TITLE, ACCENT_TITLE}


def test_check_refuses_a_bomb_and_checks_the_rest(hostile_files: dict[str, Path]) -> None:
    """`check` on a mix: the bomb fails alone (exit 2), the SOP beside it is still checked."""
    files = [hostile_files["bom.png"], hostile_files["cp1252.txt"], hostile_files["xxe.docx"]]
    proc = run_cli("check", *map(str, files), "--lang", "en")
    assert proc.returncode == 2
    reports = json.loads(proc.stdout)
    assert len(reports) == 1 and reports[0]["record"]["identity"]["title"] == ACCENT_TITLE
    assert message_head("image_too_large", "en") in proc.stderr
    assert message_head("unsafe_file", "en") in proc.stderr
