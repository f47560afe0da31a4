"""Small audit folders made from the committed corpus (text, DOCX, digital PDF)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CORPUS_SOP = Path(__file__).resolve().parents[2] / "corpus" / "sop"
#: (OPD folder, corpus id, extension) of the small audit set.
SMALL_SET = (
    ("dinkes", "sop-001-dinkes-rekomendasi-sip", "txt"),
    ("dinkes", "sop-022-dinkes-pengaduan", "docx"),
    ("satpol", "sop-012-satpolpp-penegakan-perda", "txt"),
    ("satpol", "sop-028-satpolpp-pengaduan-trantibum", "pdf"),
    ("satpol", "sop-101-satpolpp-lkip-regulasi-dicabut", "txt"),
)
BROKEN = ("satpol", "rusak.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF")


def corpus_file(spec_id: str, ext: str) -> Path:
    path = CORPUS_SOP / spec_id / f"{spec_id}.{ext}"
    if not path.exists():
        pytest.skip(f"corpus file {path.name} not generated")
    return path


@pytest.fixture(scope="session")
def small_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two OPD sub-folders, five readable documents and one corrupt PDF."""
    root = tmp_path_factory.mktemp("audit") / "kabupaten"
    for opd, spec_id, ext in SMALL_SET:
        (root / opd).mkdir(parents=True, exist_ok=True)
        shutil.copy(corpus_file(spec_id, ext), root / opd)
    opd, name, data = BROKEN
    (root / opd / name).write_bytes(data)
    (root / ".DS_Store").write_bytes(b"junk")
    return root


@pytest.fixture(scope="session")
def text_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 text exports over three OPD folders (for the kill-and-resume test)."""
    root = tmp_path_factory.mktemp("texts")
    texts = sorted(CORPUS_SOP.glob("sop-[01]*/sop-*.txt"))[:30]
    if len(texts) < 30:
        pytest.skip("corpus text exports not generated")
    for i, path in enumerate(texts):
        folder = root / ("opd-a", "opd-b", "opd-c")[i % 3]
        folder.mkdir(exist_ok=True)
        shutil.copy(path, folder)
    return root
