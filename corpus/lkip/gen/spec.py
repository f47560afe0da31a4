"""LKIP specs (corpus/lkip/specs/<id>.yml): loading, derived figures and ground truth.

A spec states the document as written: agency, year, prose, the indicators
(``[name, unit, target, actual]`` or a mapping with overrides), the budget lines
and the planted defects. Stated capaian and budget percentages are computed here
with the domain formulas (domain.md §2.5) unless a row overrides them, which is
how arithmetic defects are planted. A target or realisation may be a word ("WTP",
"BB"): its capaian is only what the row states. A budget line may hold
``children`` (kegiatan under a program, sub kegiatan under a kegiatan): the table
nests, and a parent's figures are its children's sum unless the line states them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPECS_DIR = Path(__file__).resolve().parent.parent / "specs"
REGULATIONS = SPECS_DIR / "_regulations.yml"
# "80-90" or "80 – 90": a range target.
RANGE_TARGET = re.compile(r"^\s*(?P<lo>[\d.,]+)\s*[-–]\s*(?P<hi>[\d.,]+)\s*$")
# A word target or realisation: letters, no digit ("WTP", "BB", "Zona Hijau").
WORD_VALUE = re.compile(r"^[^\d]*[A-Za-z][^\d]*$")

ANALYSIS_KEYS = (
    "target",
    "previous_years",
    "renstra",
    "national_standard",
    "causes",
    "efficiency",
    "programs",
)


@dataclass
class Row:
    """One performance indicator as written in the document."""

    objective: str
    name: str
    unit: str
    target: float | None
    target_max: float | None
    actual: float | None
    polarity: str | None  # as stated in the document (None: not stated)
    true_polarity: str  # how the stated capaian was computed
    stated: float | None
    pk_target: float | None
    pk_target_max: float | None
    target_text: str | None = None
    actual_text: str | None = None
    pk_target_text: str | None = None

    def words(self, pk: bool = False) -> dict[str, Any]:
        """The word target/realisation keys, only on rows that have them (older truth files
        carry none)."""
        out = {"target_text": self.pk_target_text if pk else self.target_text}
        if not pk:
            out["actual_text"] = self.actual_text
        return out if any(out.values()) else {}

    def truth(self) -> dict[str, Any]:
        return {
            "objective": self.objective,
            "indicator": self.name,
            "unit": self.unit,
            "target": self.target,
            "actual": self.actual,
            "achievement": self.stated,
            "polarity": self.polarity,
            "target_max": self.target_max,
            **self.words(),
        }

    def pk_truth(self, marked: bool) -> dict[str, Any]:
        """The agreement row; polarity only when the name carries its marker."""
        return {
            "objective": self.objective,
            "indicator": self.name,
            "unit": self.unit,
            "target": self.pk_target,
            "actual": None,
            "achievement": None,
            "polarity": self.polarity if marked else None,
            "target_max": self.pk_target_max,
            **self.words(pk=True),
        }


@dataclass
class Line:
    """One budget line."""

    program: str
    ceiling: float
    realised: float
    percent: float
    level: int | None = None  # in a nested table
    code: str | None = None  # printed in the No/Kode column of a nested table

    def truth(self) -> dict[str, Any]:
        nested = {"level": self.level, "code": self.code} if self.level else {}
        return {
            "program": self.program,
            "ceiling": self.ceiling,
            "realised": self.realised,
            "percent": self.percent,
            **nested,
        }


@dataclass
class Spec:
    """A loaded spec plus derived rows."""

    id: str
    data: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    budget: list[Line] = field(default_factory=list)
    total: Line | None = None

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def layout(self) -> dict[str, Any]:
        return self.data.get("layout") or {}

    @property
    def year(self) -> int:
        return int(self.data["year"])

    def year_in(self, place: str) -> int:
        """The year printed at ``place`` (a planted year defect changes one place)."""
        return int((self.data.get("years") or {}).get(place, self.year))

    @property
    def chapter_order(self) -> list[str]:
        return list(self.data.get("chapter_order") or DEFAULT_ORDER)

    @property
    def analyses(self) -> list[str]:
        omitted = set(self.data.get("analyses_omitted") or [])
        wanted = self.data.get("analyses") or [k for k in ANALYSIS_KEYS if k != "national_standard"]
        return [k for k in ANALYSIS_KEYS if k in wanted and k not in omitted]


DEFAULT_TITLE = "LAPORAN KINERJA INSTANSI PEMERINTAH"
DEFAULT_ORDER = [
    "ikhtisar_eksekutif",
    "pendahuluan",
    "perencanaan_kinerja",
    "akuntabilitas_kinerja",
    "penutup",
    "lampiran",
]


def achievement(target: float, actual: float, polarity: str, target_max: float | None) -> float:
    """Capaian (%) by the domain formulas: R/T, (2T−R)/T, ranges by the nearer bound."""
    if polarity == "range" and target_max is not None:
        if target <= actual <= target_max:
            return 100.0
        if actual < target:
            return actual / target * 100
        return (2 * target_max - actual) / target_max * 100
    if polarity == "lower":
        return (2 * target - actual) / target * 100
    return actual / target * 100


def _word(value: Any) -> str | None:
    """A target or realisation written as a word ("WTP", "BB"), not a figure."""
    return value if isinstance(value, str) and WORD_VALUE.match(value) else None


def _target(value: Any) -> tuple[float | None, float | None]:
    if value is None or _word(value):
        return None, None
    if isinstance(value, str):
        m = RANGE_TARGET.match(value)
        if m:
            return float(m["lo"].replace(",", ".")), float(m["hi"].replace(",", "."))
        return float(value.replace(",", ".")), None
    return float(value), None


def _row(objective: str, raw: Any, marked: str) -> Row:
    if isinstance(raw, list):
        raw = dict(zip(("n", "u", "t", "r", "p"), raw, strict=False))
    target, target_max = _target(raw["t"])
    actual = None if raw["r"] is None or _word(raw["r"]) else float(raw["r"])
    true_pol = raw.get("p") or ("range" if target_max is not None else "higher")
    # Polarity is stated for lower/range rows always, for higher rows when the style says so.
    stated_pol = true_pol if (true_pol != "higher" or marked == "all") else None
    stated = raw.get("stated")
    if stated is None and target and actual is not None:
        stated = round(achievement(target, actual, true_pol, target_max), 2)
    pk_raw = raw.get("pk", raw["t"])
    pk_t, pk_max = _target(pk_raw)
    return Row(
        objective=objective,
        name=raw["n"],
        unit=raw["u"],
        target=target,
        target_max=target_max,
        actual=actual,
        polarity=stated_pol,
        true_polarity=true_pol,
        stated=stated,
        pk_target=pk_t,
        pk_target_max=pk_max,
        target_text=_word(raw["t"]),
        actual_text=_word(raw["r"]),
        pk_target_text=_word(pk_raw),
    )


def _lines(raw: Any, level: int | None, number: str) -> list[Line]:
    """A budget line and, depth first, the lines nested under it."""
    if isinstance(raw, list):
        raw = dict(zip(("program", "pagu", "real"), raw, strict=False))
    kids: list[Line] = []
    for i, child in enumerate(raw.get("children") or [], 1):
        kids += _lines(child, (level or 1) + 1, f"{number}.{i}")
    direct = [k for k in kids if k.level == (level or 1) + 1]
    pagu = raw.get("pagu", sum(k.ceiling for k in direct))
    real = raw.get("real", sum(k.realised for k in direct))
    pct = raw.get("stated")
    if pct is None:
        pct = round(real / pagu * 100, 2)
    code = raw.get("code", number) if level else None
    return [Line(raw["program"], float(pagu), float(real), float(pct), level, code), *kids]


@cache
def regulations() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(REGULATIONS.read_text("utf-8"))


def citations(spec: Spec) -> list[dict[str, Any]]:
    """Dasar Hukum items: library keys or inline citation mappings."""
    out = []
    for item in spec.get("legal_basis") or []:
        entry = regulations()[item] if isinstance(item, str) else item
        out.append({"region": None, **entry})
    return out


def load_spec(path: Path) -> Spec:
    data = yaml.safe_load(path.read_text("utf-8"))
    spec = Spec(id=data["id"], data=data)
    lay = data.get("layout") or {}
    marked = "all" if lay.get("polarity_style") == "column" else lay.get("polarity_marked", "lower")
    for group in data["objectives"]:
        for raw in group["indicators"]:
            spec.rows.append(_row(group["name"], raw, marked))
    nested = any(isinstance(b, dict) and b.get("children") for b in data["budget"])
    for i, raw in enumerate(data["budget"], 1):
        spec.budget += _lines(raw, 1 if nested else None, str(i))
    roots = [b for b in spec.budget if (b.level or 1) == 1]
    ceiling = sum(b.ceiling for b in roots)
    realised = sum(b.realised for b in roots)
    over = data.get("budget_total") or {}
    ceiling = float(over.get("pagu", ceiling))
    realised = float(over.get("real", realised))
    label = (data.get("layout") or {}).get("total_label", "Jumlah")
    spec.total = Line(label.upper(), ceiling, realised, round(realised / ceiling * 100, 2))
    return spec


def spec_paths(only: list[str] | None = None) -> list[Path]:
    paths = sorted(p for p in SPECS_DIR.glob("lkip-*.yml"))
    if only:
        paths = [p for p in paths if any(o in p.stem for o in only)]
    return paths


def truth_dict(spec: Spec, chapters: list[dict[str, Any]]) -> dict[str, Any]:
    """The LKIPRecord the document holds, minus ``source`` (chapters come from the render)."""
    ident = spec["identity"]
    suffix = spec.layout.get("polarity_style", "suffix") == "suffix"
    return {
        "schema_version": "1",
        "kind": "lkip",
        "identity": {
            "agency": ident["agency"],
            "year": spec.year,
            "title": " ".join(
                [*spec.get("cover_title", [DEFAULT_TITLE]), f"TAHUN {spec.year_in('title')}"]
            ),
            "date": ident.get("date"),
        },
        "legal_basis": citations(spec),
        "chapters": chapters,
        "indicators": [r.truth() for r in spec.rows],
        "budget": [b.truth() for b in spec.budget],
        "budget_total": spec.total.truth() if spec.total else None,
        "agreement_indicators": [r.pk_truth(suffix) for r in spec.rows if not _pk_dropped(spec, r)],
        "analyses_found": spec.analyses,
        "sections_found": ["capaian_kinerja", "realisasi_anggaran"],
        "years": {
            place: spec.year_in(place)
            for place in ("title", "performance_table", "budget_table", "agreement")
        },
        "defects": spec.get("defects") or [],
    }


def _pk_dropped(spec: Spec, row: Row) -> bool:
    return row.name in (spec.get("pk_omitted") or [])
