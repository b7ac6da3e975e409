"""`GET /me`: who the token belongs to, for any signed-in user."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from service.auth.guard import PrincipalDep
from service.auth.principal import Role

router = APIRouter(tags=["users"])


class Me(BaseModel):
    user_id: str
    username: str
    role: Role
    team: str | None
    via: str


@router.get("/me", response_model=Me)
async def me(principal: PrincipalDep) -> Me:
    return Me(user_id=principal.user_id, username=principal.username, role=principal.role,
              team=principal.team, via=principal.via)  # fmt: skip
