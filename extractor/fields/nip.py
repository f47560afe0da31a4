"""NIP (Nomor Induk Pegawai): the 18-digit civil-servant number of a signatory.

Layout (PP 11/2017 era and before): ``YYYYMMDD`` birth date, ``YYYYMM`` appointment
(TMT CPNS), one gender digit (1 male, 2 female), a 3-digit serial. Printed in
groups "19660613 199802 2 003"; scans and exports garble the label ("NPL",
"N I P") and misread digits ("1966O613"). Labels come from ``extractor/data/nip.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from extractor.fields.data import load
from extractor.fields.text import fix_ocr_digits

NIP_LENGTH = 18
# 18 or more digits with small gaps: "19660613 199802 2 003", "19701207.199503.1.002".
DIGIT_RUN = re.compile(r"(?<![\d])\d(?:[ \t.\-]{0,3}\d){17,}(?![\d])")
GENDERS = {"1": "male", "2": "female"}


@cache
def _label() -> re.Pattern[str]:
    labels = sorted(load("nip.yml")["labels"], key=len, reverse=True)
    # Letters of a label may be spaced or dotted ("N I P", "N.I.P.").
    forms = [r"[\s.]*".join(re.escape(c) for c in label if c not in " .") for label in labels]
    return re.compile(rf"\b(?:{'|'.join(forms)})\b\.?\s*[.:]?\s*", re.I)


def _valid_date(year: int, month: int, day: int = 1) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def split_nip(nip: str) -> dict[str, Any]:
    """The parts of a NIP, for validation; ``{}`` when it is not 18 digits.

    Keys: ``nip``, ``birth_date`` (YYYYMMDD), ``birth_date_iso`` (None if not a
    real date), ``appointment`` (YYYYMM), ``appointment_iso`` (YYYY-MM or None),
    ``gender`` (the digit), ``gender_label`` (male/female/None), ``serial``, and
    ``valid`` (every part plausible, appointment not before birth).
    """
    digits = re.sub(r"\D", "", fix_ocr_digits(nip or ""))
    if len(digits) != NIP_LENGTH:
        return {}
    birth, appointment, gender, serial = digits[:8], digits[8:14], digits[14], digits[15:]
    by, bm, bd = int(birth[:4]), int(birth[4:6]), int(birth[6:])
    ay, am = int(appointment[:4]), int(appointment[4:])
    birth_ok = _valid_date(by, bm, bd)
    appointment_ok = _valid_date(ay, am)
    return {
        "nip": digits,
        "birth_date": birth,
        "birth_date_iso": dt.date(by, bm, bd).isoformat() if birth_ok else None,
        "appointment": appointment,
        "appointment_iso": f"{ay:04d}-{am:02d}" if appointment_ok else None,
        "gender": gender,
        "gender_label": GENDERS.get(gender),
        "serial": serial,
        "valid": birth_ok and appointment_ok and gender in GENDERS and ay > by,
    }


def _digits(run: str) -> str:
    return re.sub(r"\D", "", run)


def find_nip(text: str) -> str | None:
    """The NIP in ``text`` as 18 digits; None when there is none.

    A labelled number is taken as written (18 digits, or the first 18 of a longer
    run when those form a plausible NIP); an unlabelled one only when it is
    exactly 18 digits and a plausible NIP, so phone numbers and the like are left.
    """
    view = fix_ocr_digits(text or "")
    for label in _label().finditer(view):
        run = DIGIT_RUN.match(view, label.end())
        if not run:
            continue
        digits = _digits(run.group())
        if len(digits) == NIP_LENGTH:
            return digits
        if split_nip(digits[:NIP_LENGTH]).get("valid"):
            return digits[:NIP_LENGTH]
    for run in DIGIT_RUN.finditer(view):
        digits = _digits(run.group())
        if len(digits) == NIP_LENGTH and split_nip(digits).get("valid"):
            return digits
    return None
