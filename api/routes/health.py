"""Liveness and what the service runs."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from api.deps import ServiceDep
from api.schemas import HealthOut

router = APIRouter(tags=["health"])


@router.get("/health", summary="Service health")
def health(service: ServiceDep) -> HealthOut:
    with service.db.session() as session:
        session.execute(text("SELECT 1"))
    return HealthOut(
        status="ok",
        version=service.version,
        rules_version=service.rules_version(),
        rules=service.rule_count(),
    )
