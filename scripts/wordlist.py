"""Writes ``extractor/data/words_id.txt``: the Indonesian words of Tesseract's ``ind`` model.

The word list is the dictionary (``lstm-word-dawg``) inside the installed
``ind.traineddata`` (tessdata, Apache License 2.0), unpacked with Tesseract's own
``combine_tessdata`` and ``dawg2wordlist``. Kept: words of letters only, at least
``MIN_LEN`` long, lower case, once each, sorted. The OCR normaliser puts an unsure misread
right to the one word of this list a letter confusion undoes
(``extractor.scan.normalise.repair_from_vocabulary``).

    python scripts/wordlist.py [--tessdata /usr/share/tesseract-ocr/5/tessdata]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractor" / "data" / "words_id.txt"
MIN_LEN = 4
TESSDATA_DIRS = (
    os.environ.get("TESSDATA_PREFIX", ""),
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
)
HEADER = (
    "# Indonesian words of Tesseract's ind.traineddata dictionary (tessdata, Apache License\n"
    "# 2.0): letters only, at least {n} long, lower case. Written by scripts/wordlist.py.\n"
)


def words(traineddata: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        prefix = str(Path(tmp) / "ind.")
        subprocess.run(
            ["combine_tessdata", "-u", str(traineddata), prefix], check=True, capture_output=True
        )
        listed = Path(tmp) / "words"
        subprocess.run(
            ["dawg2wordlist", prefix + "lstm-unicharset", prefix + "lstm-word-dawg", str(listed)],
            check=True,
            capture_output=True,
        )
        raw = listed.read_text("utf-8").split()
    return sorted({w.lower() for w in raw if w.isascii() and w.isalpha() and len(w) >= MIN_LEN})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tessdata", help="directory holding ind.traineddata")
    args = parser.parse_args()
    dirs = [args.tessdata] if args.tessdata else [d for d in TESSDATA_DIRS if d]
    found = next(
        (Path(d) / "ind.traineddata" for d in dirs if (Path(d) / "ind.traineddata").exists()), None
    )
    if found is None:
        print("ind.traineddata not found (apt-get install tesseract-ocr-ind)", file=sys.stderr)
        return 1
    listed = words(found)
    OUT.write_text(HEADER.format(n=MIN_LEN) + "\n".join(listed) + "\n", "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(listed)} words from {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
