"""Indonesian number formatting: "1.250.000", "92,5", "97,37"."""

from __future__ import annotations


def _group(integer: int) -> str:
    return f"{integer:,}".replace(",", ".")


def fmt(value: float | None, decimals: int | None = None) -> str:
    """``value`` the Indonesian way; ``decimals=None`` trims trailing zeros (max 2)."""
    if value is None:
        return "-"
    negative = value < 0
    value = abs(value)
    places = 2 if decimals is None else decimals
    text = f"{value:.{places}f}"
    whole, _, frac = text.partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    out = _group(int(whole)) + ("," + frac if frac else "")
    return ("-" if negative else "") + out


def fmt_target(lo: float | None, hi: float | None) -> str:
    return fmt(lo) if hi is None else f"{fmt(lo)} - {fmt(hi)}"
