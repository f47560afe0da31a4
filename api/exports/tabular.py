"""Rows shared by the CSV and XLSX exports (headers in the export's language)."""

from __future__ import annotations

from typing import Any

from api.exports.model import ExportDoc, ExportSet

SUMMARY_KEYS = (
    "opd",
    "file",
    "title",
    "number",
    "status",
    "errors",
    "warnings",
    "infos",
    "score",
    "rules_version",
    "reason",
)
FINDING_KEYS = (
    "opd",
    "file",
    "rule",
    "category",
    "severity",
    "step",
    "section",
    "message",
    "evidence",
    "suggestion",
    "regulation",
)


def summary_header(ex: ExportSet) -> list[str]:
    return [ex.t(k) for k in SUMMARY_KEYS]


def summary_row(ex: ExportSet, doc: ExportDoc) -> list[Any]:
    return [
        doc.agency,
        doc.path,
        doc.title,
        doc.number,
        ex.status_label(doc.status),
        doc.count("errors"),
        doc.count("warnings"),
        doc.count("infos"),
        doc.count("score"),
        doc.rules_version or "",
        doc.error or "",
    ]


def finding_header(ex: ExportSet) -> list[str]:
    return [ex.t(k) for k in FINDING_KEYS]


def finding_row(ex: ExportSet, doc: ExportDoc, f: dict[str, Any]) -> list[Any]:
    return [
        doc.agency,
        doc.path,
        f.get("rule") or "",
        ex.t(f"cat_{f.get('category')}"),
        ex.t(f"sev_{f.get('severity')}"),
        f.get("step"),
        f.get("section") or "",
        f.get("message") or "",
        f.get("evidence") or "",
        f.get("suggestion") or "",
        f.get("regulation") or "",
    ]
