"""`GET /duplicates`: the external ids more than one person holds, for the admin to route to
the managers who can merge them; reading it is recorded."""

from __future__ import annotations

from fastapi import APIRouter, Query

from service.auth.guard import AdminDep
from service.data import audit, duplicates
from service.data.duplicates import Duplicate
from service.db import DbDep, SettingsDep
from service.models import ListOf

router = APIRouter(tags=["audit"])


@router.get("/duplicates", response_model=ListOf[Duplicate])
async def list_duplicates(
    actor: AdminDep,
    db: DbDep,
    settings: SettingsDep,
    limit: int = Query(default=200, ge=1, le=1000),
) -> ListOf[Duplicate]:
    """External ids held by more than one person, council-wide: each holder by id, with the
    teams whose managers see them. No names and no case data: the managers of those teams
    compare and merge."""
    found = await duplicates.list_duplicates(db, limit=limit)
    await audit.record(
        db, principal=actor,
        action="duplicates.read", resource="duplicates", outcome="allowed",
    )  # fmt: skip
    return ListOf[Duplicate](data=found, count=len(found))
