"""Spreadsheet cells that cannot run: formula injection neutralised (OWASP CSV injection)."""

from __future__ import annotations

from typing import Any

#: A text cell starting with one of these is read as a formula by Excel/LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "｜", "＝", "＋", "－", "＠")

#: Excel's limit for text in one cell.
MAX_CELL = 32000


def safe_cell(value: Any) -> Any:
    """Numbers stay numbers; text that would start a formula gets a leading apostrophe."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
