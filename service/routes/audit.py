"""`GET /audit`: the audit trail, for managers; reading it is itself recorded."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query

from service.auth.guard import ManagerDep
from service.data import audit
from service.data.audit import AuditEvent
from service.db import DriverDep, QueriesDep, SettingsDep
from service.errors import InvalidInput
from service.models import ListOf

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=ListOf[AuditEvent])
async def read_audit(
    actor: ManagerDep,
    driver: DriverDep,
    queries: QueriesDep,
    settings: SettingsDep,
    young_person_id: str | None = Query(default=None, max_length=100),
    user_id: str | None = Query(default=None, max_length=100),
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = Query(default=200, ge=1, le=1000),
) -> ListOf[AuditEvent]:
    if since and until and since >= until:
        raise InvalidInput("'since' must be before 'until'.")
    for moment in (since, until):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput("Give times with a time zone, for example 2026-11-01T00:00:00Z.")
    found = await audit.list_events(
        driver, queries, database=settings.neo4j_database, young_person_id=young_person_id,
        user_id=user_id, since=since, until=until, limit=limit,
    )  # fmt: skip
    await audit.record(
        driver, queries, database=settings.neo4j_database, principal=actor, action="audit.read",
        resource="audit", outcome="allowed", young_person_id=young_person_id,
    )  # fmt: skip
    return ListOf[AuditEvent](data=found, count=len(found))
