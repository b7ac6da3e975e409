"""`GET /health` (and HEAD): open to all, names no person, says whether the database answers."""

from __future__ import annotations

from fastapi import APIRouter

from service.db import DbDep, SettingsDep, server_components
from service.errors import ErrorResponse
from service.models import Health, Neo4jInfo

router = APIRouter(tags=["health"])


# HEAD too: the uptime monitors and load balancers that ask with HEAD got a 405.
@router.api_route(
    "/health",
    methods=["GET", "HEAD"],
    response_model=Health,
    responses={503: {"model": ErrorResponse, "description": "Neo4j is not answering"}},
)
async def health(db: DbDep, settings: SettingsDep) -> Health:
    components = await server_components(db, timeout=settings.health_timeout)
    return Health(status="ok", neo4j=Neo4jInfo.model_validate(components))
