"""sopcheck rules: a record → findings, from a registry of rules and data catalogues."""

from rules.engine import check
from rules.models import Category, Finding, Location, Report, RuleMeta, Severity
from rules.profile import Profile, ProfileError, load_profile
from rules.registry import registry

__all__ = [
    "Category",
    "Finding",
    "Location",
    "Profile",
    "ProfileError",
    "Report",
    "RuleMeta",
    "Severity",
    "check",
    "load_profile",
    "registry",
]
