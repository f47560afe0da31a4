"""Label lexicon (extractor/data/labels.yml) and fuzzy label matching."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

# Punctuation that does not distinguish labels: "Peralatan/Perlengkapan",
# "Tgl. Efektif", "Nomor SOP :" all normalise to plain words.
_PUNCT = re.compile(r"[/&.,:;()\[\]\-_*'\"`|]+")
_SPACES = re.compile(r"\s+")
# A label ends at ':' or at the end of the line; what follows is the value.
_LABEL_SPLIT = re.compile(r"^(?P<label>[^:\n]{1,60}?)\s*(?::\s*|\n|$)(?P<rest>.*)$", re.DOTALL)


@cache
def labels() -> dict[str, Any]:
    """The parsed labels.yml."""
    text = resources.files("extractor.data").joinpath("labels.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def norm(text: str) -> str:
    """Lower case, punctuation dropped, spaces folded."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", text.lower())).strip()


@cache
def _variants(group: str) -> tuple[tuple[str, str], ...]:
    table = labels()[group] if "." not in group else labels()[group.split(".")[0]]
    return tuple((key, norm(v)) for key, variants in table.items() for v in variants)


def match_label(text: str, group: str, *, fuzzy: bool = True) -> str | None:
    """The key in ``group`` (identity, sections, procedure) whose label ``text`` is.

    Tokens without a letter or digit do not count: OCR reads bits of a rule beside a
    label as "!", "—" or "©" ("Waktu !"); nor does a lone "I", "l" or "1" at either end,
    the rule read as a letter ("I No. SOP").
    """
    n = " ".join(t for t in norm(text).split() if any(ch.isalnum() for ch in t))
    key = _match_normed(n, group, fuzzy)
    if key is None:
        tokens = n.split()
        while tokens and tokens[0] in RULE_LETTERS:
            tokens = tokens[1:]
        while tokens and tokens[-1] in RULE_LETTERS:
            tokens = tokens[:-1]
        if len(tokens) < len(n.split()):
            key = _match_normed(" ".join(tokens), group, fuzzy)
    return key


#: A rule beside a label read as a letter: a lone token of these is no word of a label.
RULE_LETTERS = frozenset({"i", "l", "1"})


def _match_normed(n: str, group: str, fuzzy: bool) -> str | None:
    """:func:`match_label` of an already normalised label."""
    if not n or len(n) > 60:
        return None
    for key, variant in _variants(group):
        if n == variant:
            return key
    tokens = n.split()
    if len(tokens) > 1 and sum(map(len, tokens)) / len(tokens) <= 2.5:
        # Letter-spaced or wrapped in a narrow cell: "N\nO", "KE TE R AN G A N".
        compact = "".join(tokens)
        for key, variant in _variants(group):
            if compact == variant.replace(" ", ""):
                return key
    if not fuzzy or len(n) < 6:
        return None
    best, best_score = None, 0.0
    for key, variant in _variants(group):
        if len(variant) < 6:
            continue
        score = fuzz.ratio(n, variant)
        if score > best_score:
            best, best_score = key, score
    return best if best_score >= labels()["fuzzy_min"] else None


def split_label(text: str, group: str) -> tuple[str, str] | None:
    """``(key, rest)`` when ``text`` starts with a label of ``group`` ("Dasar Hukum : 1. …")."""
    stripped = text.strip()
    # A label wrapped inside a narrow cell: "Tanggal\nPengesahan/Efektif" (value elsewhere).
    if "\n" in stripped and len(stripped) <= 60:
        key = match_label(stripped.replace("\n", " ").rstrip(" :"), group)
        if key:
            return key, ""
    m = _LABEL_SPLIT.match(stripped)
    if m:
        key = match_label(m.group("label"), group)
        if key:
            return key, m.group("rest").strip()
    first_line = stripped.split("\n", 1)
    key = match_label(first_line[0], group)
    if key:
        return key, (first_line[1].strip() if len(first_line) > 1 else "")
    return None


def symbol_token(text: str) -> str | None:
    """The symbol a whole-cell token stands for ("Mulai" → start, "[]" → process)."""
    raw = text.strip().lower()
    if not raw or len(raw) > 30:
        return None
    n = norm(raw)
    for key, variants in labels()["symbol_tokens"].items():
        for v in variants:
            if raw == v or (norm(v) and n == norm(v)):
                return str(key)
    return None


def branch_label(text: str) -> str | None:
    """'yes' / 'no' when the whole text is a decision-branch label ("Ya", "Tidak")."""
    n = norm(text)
    for key, variants in labels()["branch_labels"].items():
        if n in variants:
            return str(key)
    return None


def title_case(text: str) -> str:
    """Title-case an ALL-CAPS line, keeping acronyms and Indonesian function words."""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return text
    acronyms = set(labels()["acronyms"])
    small = set(labels()["lowercase_words"])
    out = []
    for i, word in enumerate(text.split()):
        core = word.strip(".,;:()")
        if core in acronyms or (len(core) <= 4 and not core.isalpha()):
            out.append(word)
        elif i > 0 and core.lower() in small:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)
