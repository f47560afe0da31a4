"""NIP (Nomor Induk Pegawai) checks: 18 digits = birth date, appointment month, gender, sequence.

Layout (PP 11/2017 practice, BKN): ``YYYYMMDD`` birth date, ``YYYYMM`` month of
appointment as CPNS, one gender digit (1 man, 2 woman), three sequence digits.
"""

from __future__ import annotations

import re
from datetime import date

# Digits only: a NIP is written "19701207 199503 1 002".
_NON_DIGIT = re.compile(r"\D")
NIP_LENGTH = 18
#: Youngest age at appointment as CPNS.
MIN_APPOINTMENT_AGE = 18
#: Earliest plausible birth year of a serving official.
EARLIEST_BIRTH_YEAR = 1940


def problems(nip: str, today: date | None = None) -> list[str]:
    """Problem codes of a NIP: length, birth_date, appointment_date, too_young, gender, sequence."""
    digits = _NON_DIGIT.sub("", nip)
    if len(digits) != NIP_LENGTH or len(nip.replace(" ", "")) != NIP_LENGTH:
        return ["length"]
    out: list[str] = []
    birth: date | None = None
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        out.append("birth_date")
    year, month = int(digits[8:12]), int(digits[12:14])
    appointed: date | None = None
    if 1 <= month <= 12:
        appointed = date(year, month, 1)
    else:
        out.append("appointment_date")
    limit = today or date.today()
    if birth and not (EARLIEST_BIRTH_YEAR <= birth.year <= limit.year - MIN_APPOINTMENT_AGE):
        out.append("birth_date")
    if appointed and appointed > limit:
        out.append("appointment_date")
    if birth and appointed:
        age = appointed.year - birth.year - ((appointed.month, 1) < (birth.month, birth.day))
        if age < MIN_APPOINTMENT_AGE:
            out.append("too_young")
    if digits[14] not in "12":
        out.append("gender")
    if digits[15:] == "000":
        out.append("sequence")
    return out
