"""Knowledge files hold words where words are meant: YAML 1.1 reads an unquoted ``yes``,
``no``, ``on`` or ``off`` as a boolean, so a label list holding ``no`` held ``False``
(the English "No" answer was never a negative answer) and a ``yes:`` key was ``True``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted(p for pkg in ("extractor", "rules", "api") for p in (ROOT / pkg).rglob("*.yml"))


def _word_slips(node: object, where: str) -> list[str]:
    """Booleans used as mapping keys, or standing among strings in a list."""
    slips: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, bool):
                slips.append(f"{where}: key {key}")
            slips += _word_slips(value, f"{where}.{key}")
    elif isinstance(node, list):
        if any(isinstance(v, str) for v in node):
            slips += [f"{where}[{i}] = {v}" for i, v in enumerate(node) if isinstance(v, bool)]
        for i, value in enumerate(node):
            slips += _word_slips(value, f"{where}[{i}]")
    return slips


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 10


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_word_is_read_as_a_boolean(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert _word_slips(data, path.name) == []


def test_the_check_finds_an_unquoted_no() -> None:
    data = yaml.safe_load("answers: [tidak, no]\nyes: {id: Ya}\nflags: {open: true}")
    assert sorted(_word_slips(data, "x")) == ["x.answers[1] = False", "x: key True"]
