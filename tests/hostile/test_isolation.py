"""extract_isolated: a hang, a bomb or a crash fails only its document; the child is warm."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_corpus import SOP_DIR, flate_bomb_pdf, message_head

from extractor.isolation import IsolatedExtractor, extract_isolated

SLOW_PDF = SOP_DIR / "sop-003-dpupr-pengadaan-langsung" / "sop-003-dpupr-pengadaan-langsung.pdf"
#: A scanned page: OCR takes seconds, long enough to kill the reader in the middle.
SCAN = SOP_DIR / "sop-007-dishub-uji-berkala" / "scans" / "sop-007-dishub-uji-berkala.200.tif"
TEXT = (
    SOP_DIR
    / "sop-002-disdik-rekomendasi-pindah-guru"
    / "sop-002-disdik-rekomendasi-pindah-guru.txt"
)


@pytest.fixture(scope="module")
def reader() -> Iterator[IsolatedExtractor]:
    runner = IsolatedExtractor(memory_mb=768)
    runner.start()
    yield runner
    runner.close()


def assert_failed(result, code: str) -> None:  # type: ignore[no-untyped-def]
    assert result.record is None and [e.code for e in result.errors] == [code]
    err = result.errors[0]
    assert err.message_id.startswith(message_head(code, "id"))
    assert err.message_en.startswith(message_head(code, "en"))
    assert result.source.sha256  # the failed document is still identified


def test_warm_child_is_reused(reader: IsolatedExtractor) -> None:
    pid = reader.pid
    started = time.monotonic()
    first = reader.extract(TEXT)
    second = reader.extract(TEXT.read_bytes(), "sop.txt")
    assert first.ok and second.ok and reader.pid == pid
    assert first.record == second.record.model_copy(update={"source": first.record.source})
    assert time.monotonic() - started < 10  # no spaCy start-up per document


def test_timeout_fails_only_that_document(reader: IsolatedExtractor) -> None:
    pid = reader.pid
    hung = reader.extract(SLOW_PDF, timeout_s=0.05)
    assert_failed(hung, "timeout")
    assert "0.05" in hung.errors[0].message_en
    assert pid is not None and not _alive(pid)  # the stuck child was killed
    after = reader.extract(SLOW_PDF, timeout_s=90)
    assert after.ok and reader.pid != pid


def test_memory_bomb_fails_only_that_document(reader: IsolatedExtractor) -> None:
    bomb = reader.extract(flate_bomb_pdf(1024), "bom.pdf", timeout_s=90)
    assert_failed(bomb, "out_of_memory")
    assert reader.extract(TEXT, timeout_s=90).ok


@pytest.mark.ocr
def test_crash_fails_only_that_document(reader: IsolatedExtractor) -> None:
    reader.start()
    pid = reader.pid
    assert pid is not None
    killer = threading.Timer(0.5, os.kill, (pid, signal.SIGSEGV))
    killer.start()
    crashed = reader.extract(SCAN, timeout_s=90)
    killer.join()
    assert_failed(crashed, "reader_crashed")
    assert "SIGSEGV" in crashed.errors[0].message_en
    assert reader.extract(TEXT, timeout_s=90).ok


def test_extract_isolated_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOPCHECK_DOCUMENT_TIMEOUT", "45")
    missing = extract_isolated(tmp_path / "tidak-ada.pdf", memory_mb=1024)
    assert [e.code for e in missing.errors] == ["file_not_found"]
    assert extract_isolated(TEXT.read_bytes(), "sop.txt", memory_mb=1024).ok


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
