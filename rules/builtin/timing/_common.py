"""Shared wording for timing rules."""

from __future__ import annotations

#: Mutu Baku (time standard) of Permen PANRB 35/2012.
MUTU_BAKU = "Permen PANRB 35/2012, Lampiran, Bagian Flowchart (Mutu Baku: waktu)"
