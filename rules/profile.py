"""Profiles: a regency's or reviewer's choice of rules, severities, time norms and local data.

A profile is a YAML or TOML file (``rules/profiles/default.yml`` is the default)::

    name: balangan
    select: [STR, LEG, ROL006]       # codes, code prefixes or categories; empty = all
    ignore: [TIM005]
    severity: {LEG011: warning}      # per-rule overrides
    time_norms: {compose_report: {min: "1 jam", max: "15 hari"}}
    workday_hours: 7.5
    local_regulations: jdih-balangan.csv   # relative to the profile file
    region: Kabupaten Balangan
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cached_property
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from rules.lib.regulations import Catalogue, LocalCatalogueError, load_local
from rules.models import Category, Severity

PROFILES_PACKAGE = "rules.profiles"
PROFILE_SUFFIXES = (".yml", ".yaml", ".toml")


class ProfileError(ValueError):
    """A profile cannot be found or read; the message is bilingual."""


class NormOverride(BaseModel):
    """A time norm for one activity kind, as duration texts ("15 menit", "2 hari")."""

    model_config = ConfigDict(extra="forbid")
    min: str | None = None
    max: str | None = None


class ScoreWeights(BaseModel):
    """How the 0-100 score is computed (see docs/rules/index.md)."""

    model_config = ConfigDict(extra="forbid")
    error: float = 10.0
    warning: float = 3.0
    info: float = 0.0
    per_rule_cap: int = Field(default=3, description="findings of one rule counted at most")
    exclude_categories: list[Category] = Field(default_factory=lambda: [Category.EXTRACTION])


class Profile(BaseModel):
    """Which rules run and how (YAML or TOML)."""

    model_config = ConfigDict(extra="forbid")

    name: str = "default"
    description: str = ""
    select: list[str] = Field(default_factory=list, description="codes, prefixes or categories")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    time_norms: dict[str, NormOverride] = Field(default_factory=dict)
    workday_hours: float = Field(default=8.0, gt=0, le=24)
    local_regulations: str | None = Field(default=None, description="JDIH export, CSV or JSON")
    region: str | None = Field(default=None, description="e.g. 'Kabupaten Balangan'")
    score: ScoreWeights = Field(default_factory=ScoreWeights)
    _base_dir: Path | None = PrivateAttr(default=None)

    def selects(self, code: str, category: str) -> bool:
        """Whether the rule ``code`` of ``category`` runs under this profile."""

        def hit(patterns: list[str]) -> bool:
            return any(code.startswith(p) or p == category for p in patterns)

        return (not self.select or hit(self.select)) and not hit(self.ignore)

    @property
    def local_path(self) -> Path | None:
        if not self.local_regulations:
            return None
        path = Path(self.local_regulations)
        if not path.is_absolute() and self._base_dir is not None:
            path = self._base_dir / path
        return path

    @cached_property
    def local_catalogue(self) -> Catalogue | None:
        """The regency's local regulations, or None when the profile names none."""
        path = self.local_path
        if path is None:
            return None
        try:
            return load_local(path)
        except LocalCatalogueError as exc:
            raise ProfileError(
                f"Katalog peraturan daerah tidak dapat dibaca / local regulations unreadable: {exc}"
            ) from exc

    def digest(self) -> str:
        """A hash of the settings and the local catalogue's content."""
        h = hashlib.sha256(self.model_dump_json().encode())
        path = self.local_path
        if path is not None and path.is_file():
            h.update(path.read_bytes())
        return h.hexdigest()

    def validate_codes(self, known_codes: set[str], known_kinds: set[str]) -> None:
        """Reject references to unknown rules or activity kinds (typos in a profile)."""
        categories = {c.value for c in Category}
        for pattern in [*self.select, *self.ignore]:
            if pattern not in categories and not any(c.startswith(pattern) for c in known_codes):
                raise ProfileError(
                    f"Profil '{self.name}': aturan tidak dikenal / unknown rule '{pattern}'"
                )
        for code in self.severity:
            if code not in known_codes:
                raise ProfileError(
                    f"Profil '{self.name}': aturan tidak dikenal / unknown rule '{code}'"
                )
        for kind in self.time_norms:
            if kind not in known_kinds:
                raise ProfileError(
                    f"Profil '{self.name}': jenis kegiatan tidak dikenal / unknown activity kind "
                    f"'{kind}' (known: {', '.join(sorted(known_kinds))})"
                )


def _parse(text: str, suffix: str, label: str) -> dict:
    try:
        data = tomllib.loads(text) if suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(
            f"Profil tidak dapat dibaca / profile unreadable: {label}: {exc}"
        ) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError(f"Profil harus berupa pemetaan / profile must be a mapping: {label}")
    return data


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """A profile by name (from rules/profiles/) or by path to a YAML/TOML file."""
    from rules.lib.timing import kinds
    from rules.registry import registry

    name_or_path = name_or_path or "default"
    path = Path(name_or_path)
    base_dir: Path | None = None
    if path.suffix.lower() in PROFILE_SUFFIXES or path.is_file():
        if not path.is_file():
            raise ProfileError(f"Profil tidak ditemukan / profile not found: {path}")
        text, suffix, base_dir = path.read_text("utf-8"), path.suffix.lower(), path.parent
        label = str(path)
    else:
        folder = resources.files(PROFILES_PACKAGE)
        for suffix in PROFILE_SUFFIXES:
            candidate = folder.joinpath(f"{name_or_path}{suffix}")
            if candidate.is_file():
                text, label = candidate.read_text("utf-8"), f"{name_or_path}{suffix}"
                base_dir = Path(str(candidate)).parent
                break
        else:
            raise ProfileError(f"Profil tidak ditemukan / profile not found: {name_or_path}")
    data = _parse(text, suffix, label)
    data.setdefault("name", path.stem if base_dir is not None else str(name_or_path))
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(f"Profil tidak sah / invalid profile {label}: {exc}") from exc
    profile._base_dir = base_dir
    profile.validate_codes({m.code for m in registry.all()}, {k.key for k in kinds()})
    if profile.local_regulations:
        _ = profile.local_catalogue  # fail early on an unreadable JDIH export
    return profile
