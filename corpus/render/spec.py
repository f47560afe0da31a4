"""Corpus specs: load ``corpus/sop/specs/<id>.yml``, fill layout defaults, build the truth.

A spec holds ``id``, ``layout`` (how the document looks), ``truth`` (the ground-truth
SOP record without ``source``) and ``defects`` (what is deliberately wrong in it,
for the rules). The truth is validated against :class:`extractor.models.SOPRecord`;
an invalid spec fails loudly with :class:`SpecError`.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from extractor.models import SOPRecord

LABELS_FILE = Path(__file__).with_name("labels.yml")
BOX_KEYS = ("legal_basis", "qualifications", "related_sops", "equipment", "warnings", "records")
# libyaml's loader when present: the pure-Python one dominates the load time of a spec
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PLACEHOLDER_SOURCE = {"filename": "truth", "sha256": "0" * 64, "media_type": "application/json"}
TEXT_STYLES = ("ol", "markdown", "plain")
ROLE_LABELS = ("horizontal", "vertical")


class SpecError(ValueError):
    """A spec that cannot be rendered (bad YAML, invalid truth, unknown layout value)."""


@functools.cache
def labels() -> dict[str, Any]:
    """The renderer vocabulary (labels.yml)."""
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Layout:
    orientation: str = "landscape"
    keterangan: bool = True
    header_labels: dict[str, str] = field(default_factory=dict)
    identity_labels: dict[str, str] = field(default_factory=dict)
    box_labels: dict[str, str] = field(default_factory=dict)
    header_fill: str | None = None
    rule_width: float = 0.5
    text_export_symbols: bool = True
    missing_sections: tuple[str, ...] = ()
    text_style: str = "ol"
    requirements_style: str = "comma"  # comma | lines
    #: how the role names of the Pelaksana header are set: ``horizontal``, or
    #: ``vertical`` (turned to read upwards, as Word's and Excel's "rotate text up" set
    #: them in narrow columns)
    role_labels: str = "horizontal"


@dataclass(frozen=True)
class Spec:
    id: str
    layout: Layout
    record: SOPRecord
    defects: list[Any]
    raw_truth: dict[str, Any]
    sha256: str

    @property
    def boxes(self) -> list[tuple[str, str, list[str]]]:
        """The boxes present, in grid order: (key, title, item texts)."""
        out = []
        for key in BOX_KEYS:
            if key in self.layout.missing_sections:
                continue
            items = getattr(self.record, key)
            texts = [c.text for c in items] if key == "legal_basis" else list(items)
            out.append((key, self.layout.box_labels[key], texts))
        return out


def _labels(raw: Any) -> dict[str, str]:
    """A label mapping; YAML 1.1 reads the bare key ``no`` as False, so map it back."""
    out = {}
    for key, value in (raw or {}).items():
        out["no" if key is False else "yes" if key is True else str(key)] = str(value)
    return out


def _layout(raw: dict[str, Any], spec_id: str) -> Layout:
    lab = labels()
    text_style = raw.get("text_style") or TEXT_STYLES[_stable_index(spec_id, len(TEXT_STYLES))]
    lay = Layout(
        orientation=raw.get("orientation", "landscape"),
        keterangan=bool(raw.get("keterangan", True)),
        header_labels={**_labels(lab["header_labels"]), **_labels(raw.get("header_labels"))},
        identity_labels={**lab["identity_labels"], **_labels(raw.get("identity_labels"))},
        box_labels={**lab["box_labels"], **_labels(raw.get("box_labels"))},
        header_fill=raw.get("header_fill"),
        rule_width=float(raw.get("rule_width", 0.5)),
        text_export_symbols=bool(raw.get("text_export_symbols", True)),
        missing_sections=tuple(raw.get("missing_sections") or ()),
        text_style=text_style,
        requirements_style=raw.get("requirements_style", "comma"),
        role_labels=raw.get("role_labels", "horizontal"),
    )
    if lay.orientation not in ("landscape", "portrait"):
        raise SpecError(f"{spec_id}: orientation must be landscape or portrait")
    if unknown := set(lay.missing_sections) - set(BOX_KEYS):
        raise SpecError(f"{spec_id}: unknown missing_sections {sorted(unknown)}")
    if lay.text_style not in TEXT_STYLES:
        raise SpecError(f"{spec_id}: text_style must be one of {TEXT_STYLES}")
    if lay.requirements_style not in ("comma", "lines"):
        raise SpecError(f"{spec_id}: requirements_style must be comma or lines")
    if lay.role_labels not in ROLE_LABELS:
        raise SpecError(f"{spec_id}: role_labels must be one of {ROLE_LABELS}")
    return lay


def _stable_index(text: str, n: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16) % n


def _derive(truth: dict[str, Any], lay: Layout) -> dict[str, Any]:
    """Fill the record fields the rendering itself determines, unless the spec gives them."""
    truth = copy.deepcopy(truth)
    truth.setdefault("sections_found", [k for k in BOX_KEYS if k not in lay.missing_sections])
    hl = lay.header_labels
    cols = [hl["no"], hl["activity"], *truth.get("roles", [])]
    cols += [hl["requirements"], hl["time"], hl["output"]]
    if lay.keterangan:
        cols.append(hl["notes"])
    truth.setdefault("procedure_columns", cols)
    yes, no = labels()["branch_labels"]["yes"], labels()["branch_labels"]["no"]
    for step in truth.get("steps", []):
        drawn = step.get("actor") and step.get("symbol")
        if "marks" not in step:
            step["marks"] = [{"role": step["actor"], "symbol": step["symbol"]}] if drawn else []
        if "branch_labels" not in step:
            branches = drawn and step["symbol"] == "decision" and len(step.get("next", [])) == 2
            step["branch_labels"] = [yes, no] if branches else []
    return truth


def load_spec(path: Path) -> Spec:
    """Read and validate one spec file."""
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=YAML_LOADER)  # a safe loader
    except yaml.YAMLError as exc:
        raise SpecError(f"{path.name}: invalid YAML: {exc}") from exc
    if not isinstance(raw, dict) or "id" not in raw or "truth" not in raw:
        raise SpecError(f"{path.name}: a spec needs 'id' and 'truth'")
    spec_id = str(raw["id"])
    if spec_id != path.stem:
        raise SpecError(f"{path.name}: id {spec_id!r} does not match the file name")
    lay = _layout(raw.get("layout") or {}, spec_id)
    truth = _derive(raw["truth"], lay)
    try:
        record = SOPRecord(source=PLACEHOLDER_SOURCE, **truth)
    except (ValidationError, TypeError) as exc:
        raise SpecError(f"{spec_id}: truth is not a valid SOPRecord:\n{exc}") from exc
    _check_consistency(spec_id, record)
    return Spec(
        id=spec_id,
        layout=lay,
        record=record,
        defects=list(raw.get("defects") or []),
        raw_truth=raw["truth"],
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def _check_consistency(spec_id: str, rec: SOPRecord) -> None:
    """Things the renderer needs to draw the flowchart at all."""
    numbers = [s.number for s in rec.steps]
    for s in rec.steps:
        if s.actor is not None and s.actor not in rec.roles:
            raise SpecError(f"{spec_id}: step {s.number} actor {s.actor!r} is not one of roles")
        if bad := [n for n in s.next if n not in numbers]:
            raise SpecError(f"{spec_id}: step {s.number} next {bad} are not step numbers")
    if len(set(rec.roles)) != len(rec.roles):
        raise SpecError(f"{spec_id}: duplicate role names")


def truth_dict(record: SOPRecord) -> dict[str, Any]:
    """The truth as plain JSON data (the record without ``source``)."""
    return record.model_dump(mode="json", exclude={"source"})


def text_truth_dict(spec: Spec) -> dict[str, Any]:
    """The truth of the text export: arrows are lost; shapes survive only as symbol tokens."""
    data = truth_dict(spec.record)
    for step in data["steps"]:
        step["next"] = []
        step["branch_labels"] = []
        if not spec.layout.text_export_symbols:
            step["actor"] = None
            step["symbol"] = None
            step["marks"] = []
    return data


def dumps(data: Any) -> str:
    """Stable JSON text (sorted keys, UTF-8, trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --------------------------------------------------------------------------- display helpers


def format_date(iso: str | None) -> str:
    """``2023-03-01`` -> ``1 Maret 2023``; empty when None; unparseable text as is."""
    if not iso:
        return ""
    try:
        y, m, d = (int(p) for p in iso.split("-"))
        return f"{d} {labels()['months'][m - 1]} {y}"
    except (ValueError, IndexError):
        return iso


def format_nip(nip: str | None) -> str:
    """18 digits -> ``NIP. 19701207 199503 1 002`` (birth date, appointment, sex, serial)."""
    if not nip:
        return ""
    digits = nip
    if len(nip) == 18 and nip.isdigit():
        digits = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return f"{labels()['nip_prefix']} {digits}"


def identity_value(spec: Spec, key: str) -> str:
    """What the identity table shows for a field: the raw text when given, else formatted."""
    ident = spec.record.identity
    if key in ident.raw:
        return ident.raw[key]
    value = getattr(ident, key)
    if key in ("created", "revised", "effective"):
        return format_date(value)
    return value or ""


def approver_lines(spec: Spec) -> list[str]:
    """Disahkan Oleh: position, name, rank, NIP (the signature space is left by the renderer)."""
    p = spec.record.identity.approved_by
    if p is None:
        return []
    return [x for x in (p.position, p.name, p.rank, format_nip(p.nip)) if x]


def requirements_text(spec: Spec, reqs: list[str]) -> str:
    sep = "\n" if spec.layout.requirements_style == "lines" else ", "
    return sep.join(reqs)


def step_cells(spec: Spec) -> list[dict[str, str]]:
    """Per step, the text of the non-role cells."""
    rows = []
    for s in spec.record.steps:
        rows.append(
            {
                "no": str(s.number),
                "activity": s.activity,
                "requirements": requirements_text(spec, s.requirements),
                "time": s.duration.text if s.duration else "",
                "output": s.output or "",
                "notes": s.notes or "",
            }
        )
    return rows


def spec_paths(specs_dir: Path, only: list[str] | None = None) -> list[Path]:
    paths = sorted(specs_dir.glob("*.yml"))
    if only:
        paths = [p for p in paths if p.stem in only]
        if missing := set(only) - {p.stem for p in paths}:
            raise SpecError(f"no spec named {sorted(missing)}")
    return paths
