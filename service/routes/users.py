"""Users and API tokens, managed by admins."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.auth.guard import AdminDep
from service.data import users
from service.data.users import (
    TokenCreate,
    TokenIssued,
    TokenPublic,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from service.db import DbDep, SettingsDep
from service.errors import InvalidInput
from service.models import ListOf
from service.openapi import CONFLICT

router = APIRouter(tags=["users"])


@router.post("/users", status_code=201, response_model=UserPublic, responses=CONFLICT)
async def create_user(
    body: UserCreate, actor: AdminDep, db: DbDep, settings: SettingsDep
) -> UserPublic:
    return await users.create_user(db, actor=actor, user=body)


@router.get("/users", response_model=ListOf[UserPublic])
async def list_users(actor: AdminDep, db: DbDep, settings: SettingsDep) -> ListOf[UserPublic]:
    found = await users.list_users(db)
    return ListOf[UserPublic](data=found, count=len(found))


@router.get("/users/{user_id}", response_model=UserPublic)
async def get_user(user_id: str, actor: AdminDep, db: DbDep, settings: SettingsDep) -> UserPublic:
    return await users.get_user(db, user_id=user_id)


@router.patch("/users/{user_id}", response_model=UserPublic, responses=CONFLICT)
async def update_user(
    user_id: str,
    body: UserUpdate,
    actor: AdminDep,
    db: DbDep,
    settings: SettingsDep,
) -> UserPublic:
    if not body.model_fields_set:
        raise InvalidInput("Send at least one field to change.")
    claimed = ("role", "team") if settings.oidc_team_claim else ("role",)
    return await users.update_user(
        db,
        actor=actor,
        user_id=user_id,
        changes=body,
        claimed=claimed,
    )


@router.post("/users/{user_id}/tokens", status_code=201, response_model=TokenIssued)
async def issue_token(
    user_id: str,
    body: TokenCreate,
    actor: AdminDep,
    db: DbDep,
    settings: SettingsDep,
) -> TokenIssued:
    if body.expires_in_days > settings.token_max_days:
        raise InvalidInput(f"A token may last at most {settings.token_max_days} days.")
    return await users.issue_token(
        db,
        actor=actor,
        user_id=user_id,
        request=body,
    )


@router.get("/users/{user_id}/tokens", response_model=ListOf[TokenPublic])
async def list_tokens(
    user_id: str, actor: AdminDep, db: DbDep, settings: SettingsDep
) -> ListOf[TokenPublic]:
    found = await users.list_tokens(db, user_id=user_id)
    return ListOf[TokenPublic](data=found, count=len(found))


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response)
async def revoke_token(
    token_id: str, actor: AdminDep, db: DbDep, settings: SettingsDep
) -> Response:
    await users.revoke_token(db, actor=actor, token_id=token_id)
    return Response(status_code=204)
