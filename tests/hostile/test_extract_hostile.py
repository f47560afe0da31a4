"""Every hostile file, read in an isolated child: the expected code and a message in both
languages; files that are SOPs despite their odd form are read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_corpus import ACCENT_TITLE, BASE_TITLE, CASES, Case, message_head

from extractor.errors import ErrorItem
from extractor.isolation import IsolatedExtractor


@pytest.fixture(scope="module")
def reader() -> Iterator[IsolatedExtractor]:
    runner = IsolatedExtractor(memory_mb=2048)
    runner.start()
    yield runner
    runner.close()


def assert_bilingual(err: ErrorItem) -> None:
    assert err.message_id and err.message_en and err.message_id != err.message_en
    for text, lang in ((err.message_id, "id"), (err.message_en, "en")):
        assert "{" not in text and "Traceback" not in text
        assert text.startswith(message_head(err.code, lang))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(
    case: Case, hostile_files: dict[str, Path], reader: IsolatedExtractor
) -> None:
    result = reader.extract(hostile_files[case.name], timeout_s=90)
    if case.code is not None:
        assert result.record is None and result.status == "failure"
        assert [e.code for e in result.errors] == [case.code], result.errors
        assert_bilingual(result.errors[0])
        return
    assert result.record is not None, result.errors
    assert result.record.kind == "sop"
    title = result.record.identity.title
    if "utf16" in case.name or "cp1252" in case.name:
        assert title == ACCENT_TITLE  # decoded right: curly quotes and the en dash survive
    else:
        assert title == BASE_TITLE
    assert len(result.record.steps) >= 5
    dumped = json.dumps(result.record.model_dump(mode="json"), ensure_ascii=False)
    for injected in ("document.cookie", "onmouseover", "onerror", "alert(1)", "javascript:"):
        assert injected not in dumped  # scripts and handlers are dropped, never kept as text
    assert not re.search(r"app\.alert", dumped)
