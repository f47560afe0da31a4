"""Shared wording for roles rules."""

from __future__ import annotations

#: Regulation reference of the flowchart rules (Permen PANRB 35/2012, Format SOP AP).
FLOWCHART_RULES = (
    "Permen PANRB 35/2012, Lampiran, Format SOP AP (diagram alir bercabang, lima simbol)"
)
#: Practice rules that domain.md §1.3 could not find verbatim in the regulation.
PRACTICE_RULES = "Praktik reviu SOP AP (domain.md §1.3, UNVERIFIED dalam teks peraturan)"
