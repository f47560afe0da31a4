"""Generated rule docs must match the registry (run `python -m rules.docs` to refresh)."""

from __future__ import annotations

from pathlib import Path

from rules import docs


def test_docs_are_fresh() -> None:
    assert docs.stale() == [], "rule docs are stale: run `python -m rules.docs`"


def test_stale_docs_are_detected(tmp_path: Path) -> None:
    docs.write(tmp_path)
    assert docs.stale(tmp_path) == []
    (tmp_path / "LEG006.md").write_text("edited by hand", "utf-8")
    (tmp_path / "OLD001.md").write_text("a retired rule", "utf-8")
    assert docs.stale(tmp_path) == ["LEG006.md", "OLD001.md"]


def test_index_lists_every_rule_and_the_score() -> None:
    page = docs.render()["index.md"]
    assert "[LEG006](LEG006.md)" in page and "[TIM004](TIM004.md)" in page
    assert "score = max(0, 100" in page
