"""JSON export: the contract's report shape, one per document (an audit wraps them)."""

from __future__ import annotations

import json
from typing import Any

from api.exports.model import ExportDoc, ExportSet


def doc_json(doc: ExportDoc) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema_version": "1",
        "path": doc.path,
        "agency": doc.agency,
        "status": doc.status,
        "document_id": doc.document_id,
    }
    if doc.error is not None:
        out["error"] = doc.error
        return out
    record = doc.record or {}
    out.update(
        source={
            "filename": (record.get("source") or {}).get("filename", doc.path),
            "sha256": (record.get("source") or {}).get("sha256"),
        },
        kind=record.get("kind", "sop"),
        record=record,
        summary=doc.summary,
        findings=doc.findings,
        rules_version=doc.rules_version,
    )
    return out


def render(ex: ExportSet) -> bytes:
    if ex.audit is None and len(ex.docs) == 1:
        payload: Any = doc_json(ex.docs[0])
    else:
        payload = {"audit": ex.audit, "lang": ex.lang, "documents": [doc_json(d) for d in ex.docs]}
    payload_text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    return payload_text.encode("utf-8")
