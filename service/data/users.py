"""Users and their API tokens. Every change is audited in its own transaction."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError
from pydantic import BaseModel, Field, Strict

from service.auth.principal import USERNAME, Principal, Role
from service.auth.tokens import hash_token, new_token
from service.data.audit import Change, audited_write, record_in
from service.db import Db, in_write, run_once
from service.errors import Conflict, NotFound
from service.models import InputModel, Omittable, Text

# A role in a request body, from its string value (strict input takes enums as members only).
RoleName = Annotated[Role, Strict(False)]


class UserCreate(InputModel):
    username: str = Field(min_length=2, max_length=100, pattern=USERNAME)
    display_name: Text = Field(min_length=1, max_length=200)
    role: RoleName
    job_title: Text | None = Field(default=None, max_length=100)
    team: Text | None = Field(default=None, min_length=1, max_length=100)


class UserUpdate(InputModel):
    display_name: Omittable[Annotated[Text, Field(min_length=1, max_length=200)]] = None
    role: Omittable[RoleName] = None
    job_title: Text | None = Field(default=None, max_length=100)
    team: Text | None = Field(default=None, min_length=1, max_length=100)
    disabled: Omittable[bool] = None


class UserPublic(BaseModel):
    id: str
    username: str
    display_name: str
    role: Role
    job_title: str | None
    team: str | None
    disabled: bool
    created_at: str
    last_disabled_at: datetime | None = Field(
        default=None,
        description="When the user was last disabled: every API token of theirs still usable "
        "was revoked then, and embed links made before it no longer open.",
    )


class TokenCreate(InputModel):
    label: Text = Field(default="api", min_length=1, max_length=100)
    expires_in_days: int = Field(default=90, ge=1)


class TokenPublic(BaseModel):
    id: str
    label: str
    user_id: str
    created_at: str
    # None only for a token stored without one (by hand, or migrated): it signs in as expired.
    expires_at: str | None
    revoked_at: str | None


class TokenIssued(TokenPublic):
    token: str = Field(description="Shown once: only its hash is kept.")


async def create_user(db: Db, *, actor: Principal, user: UserCreate) -> UserPublic:
    async def work(tx: AsyncManagedTransaction) -> Any:
        # The usernames' lock first: two accounts made at once as "J.Smith" and "j.smith" are
        # checked one after the other (both were made, an admin reader saw).
        await (await tx.run(db.queries["lock_usernames"])).consume()
        found = await (await tx.run(db.queries["create_user"], id=str(uuid.uuid4()),
                                    **user.model_dump(mode="json"))).single()  # fmt: skip
        if found is None:  # the same name but for case: nothing is written, the lock's node too
            raise Conflict("That username is already taken, in other capitals or small letters.")
        made = found["user"]
        await record_in(tx, db.queries, principal=actor, action="user.create",
                        resource=f"user:{made['id']}", outcome="allowed",
                        reason=f"role {made['role']}, team {_word(made['team'])}")  # fmt: skip
        return found

    try:
        created = await in_write(db, work)
    except ConstraintError as exc:
        raise Conflict("That username is already taken.") from exc
    return UserPublic.model_validate(created["user"])


async def list_users(db: Db) -> list[UserPublic]:
    records = await db.read("list_users")
    return [UserPublic.model_validate(r["user"]) for r in records]


async def get_user(db: Db, *, user_id: str, from_leader: bool = False) -> UserPublic:
    """One user; `from_leader` for a decision a disabled user must not pass (on a cluster, a
    secondary that has not caught up would still show them enabled)."""
    records = await (run_once(db, "get_user", write=True, id=user_id) if from_leader
                     else db.read("get_user", id=user_id))  # fmt: skip
    if not records:
        raise NotFound("No user has that id.")
    return UserPublic.model_validate(records[0]["user"])


async def token_usable(db: Db, *, token_id: str, user_id: str) -> bool:
    """Whether a user's API token may still sign in: not revoked, not expired. Read from the
    leader, as sign-in is (`check_token`)."""
    records = await run_once(db, "get_token_standing", write=True, id=token_id, user_id=user_id)
    return bool(records[0]["usable"])


async def update_user(
    db: Db,
    *,
    actor: Principal,
    user_id: str,
    changes: UserUpdate,
    claimed: Collection[str] = (),
) -> UserPublic:
    """`claimed`: the fields an identity provider's claims decide for the users who sign in
    through it (the role; the team, with LL_OIDC_TEAM_CLAIM). Changed here, they would be
    undone at that user's next sign-in: refused, saying where to change them."""
    values = changes.model_dump(mode="json", exclude_unset=True)
    decided = sorted(set(values) & set(claimed))
    if decided:
        records = await db.read("get_user", id=user_id)
        if records and records[0]["signs_in_through_provider"]:
            raise Conflict(
                f"This user signs in through the identity provider, whose claims decide their "
                f"{' and '.join(decided)}: change it there (a change here would be undone at "
                "their next sign-in)."
            )

    found = await audited_write(db, actor=actor, query="update_user",
        params={"id": user_id, "changes": values},
        change=lambda r: Change("user.update", f"user:{user_id}",
                                reason=_changed(values, r["before"], r["revoked"])),
    )  # fmt: skip
    updated = found["user"] if found is not None else None
    if updated is None:
        raise NotFound("No user has that id.")
    return UserPublic.model_validate(updated)


def _word(value: Any) -> str:
    """A field's value as the trail says it."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


# The fields that decide what a user may open: the trail says how they went (a second reader:
# "changed: role" told a promotion to admin from a demotion, and enabling from disabling).
_ACCESS_FIELDS = ("role", "team", "disabled")


def _changed(values: dict[str, Any], before: dict[str, Any], revoked: int) -> str:
    said = "changed: " + ", ".join(
        f"{name} {_word(before.get(name))} -> {_word(values[name])}"
        if name in _ACCESS_FIELDS else name
        for name in sorted(values)
    )  # fmt: skip
    if revoked:
        said += f"; {revoked} API token{'s' if revoked > 1 else ''} revoked on disabling"
    return said


async def issue_token(
    db: Db,
    *,
    actor: Principal,
    user_id: str,
    request: TokenCreate,
) -> TokenIssued:
    token, digest = new_token()

    issued = await audited_write(db, actor=actor, query="create_token",
        params={"user_id": user_id, "id": str(uuid.uuid4()), "hash": digest,
                "label": request.label, "days": request.expires_in_days},
        change=lambda r: Change("token.issue", f"token:{r['token']['id']}"),
    )  # fmt: skip
    if issued is None:
        raise NotFound("No enabled user has that id.")
    return TokenIssued.model_validate({**issued["token"], "token": token})


async def list_tokens(db: Db, *, user_id: str) -> list[TokenPublic]:
    await get_user(db, user_id=user_id)
    records = await db.read("list_tokens", user_id=user_id)
    return [TokenPublic.model_validate(r["token"]) for r in records]


async def revoke_token(db: Db, *, actor: Principal, token_id: str) -> TokenPublic:
    revoked = await audited_write(db, actor=actor, query="revoke_token",
        params={"id": token_id}, change=Change("token.revoke", f"token:{token_id}"),
    )  # fmt: skip
    if revoked is None:
        raise NotFound("No token has that id.")
    return TokenPublic.model_validate(revoked["token"])


@dataclass(frozen=True, slots=True)
class SignInRefusal:
    """Why a credential may not sign in, for the audit trail (never shown to the caller, never
    quoting the credential), and whose it was when the database knows: the user of a revoked
    or expired token, or a disabled user."""

    reason: str
    user_id: str | None = None
    role: str | None = None


async def check_token(db: Db, *, token: str) -> Principal | SignInRefusal:
    """The principal of an API token, or why it is refused."""
    # From the leader on a cluster, like the write that revokes a token or disables a user
    # from any process: a secondary that has not caught up would still let them in.
    records = await run_once(db, "get_token_principal", write=True, hash=hash_token(token))
    user, refusal = records[0]["user"], records[0]["refusal"]
    if refusal is not None:
        return SignInRefusal(
            refusal, user_id=user["id"] if user else None, role=user["role"] if user else None
        )
    return Principal(user_id=user["id"], username=user["username"], role=Role(user["role"]),
                     team=user["team"], via="token",
                     api_token_id=records[0]["token_id"],
                     signed_in_until=records[0]["token_expires_at"].to_native())  # fmt: skip


class UsernameTaken(Exception):
    """A first sign-in's username is another account's but for case."""


async def principal_for_oidc(
    db: Db,
    *,
    subject: str,
    username: str,
    role: Role,
    team: str | None,
    team_claimed: bool = True,
    issued_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> Principal | SignInRefusal:
    """The user of an OpenID Connect subject, made on first sign-in; refused when disabled, or
    for a token issued (`issued_at`) before they were last disabled. `expires_at`: when the
    identity token expires, which embed links made with it do not outlive.
    The same claims as last time (most sign-ins) are only read; a new user, role or team is
    written. `team_claimed`: the provider's claims decide the team (LL_OIDC_TEAM_CLAIM); if
    not, the team the admin gave the user is kept."""

    async def work(tx: AsyncManagedTransaction) -> Any:
        # A first sign-in makes a user: checked for a twin but for case under the usernames'
        # lock, as `create_user` is.
        await (await tx.run(db.queries["lock_usernames"])).consume()
        found = await (await tx.run(
            db.queries["merge_oidc_user"], subject=subject, id=str(uuid.uuid4()),
            username=username, role=role.value, team=team, team_claimed=team_claimed,
        )).single()  # fmt: skip
        if found is None:
            raise UsernameTaken(username)
        made = found["user"]
        if found["changed"]:
            # A new role or team is a change of data (service.readcache); the same claims
            # again, at every sign-in, are not.
            await tx.run(db.queries["bump_revision"])
            # On the trail, as an admin's change is (a second reader: a user made admin by
            # the provider's claims left nothing an admin could read).
            who = Principal(made["id"], made["username"], role, made["team"], via="oidc")
            before = found["before"] or {}
            said = (
                f"role {made['role']}, team {_word(made['team'])}"
                if found["created"]
                else "; ".join(
                    f"{key} {_word(before.get(key))} -> {_word(made[key])}"
                    for key in ("role", "team")
                    if before.get(key) != made[key]
                )
            )
            await record_in(tx, db.queries, principal=who,
                            action="user.create" if found["created"] else "user.update",
                            resource=f"user:{made['id']}", outcome="allowed",
                            reason=f"{said}, by the identity provider's claims")  # fmt: skip
        return made

    known = (await run_once(db, "get_oidc_user", write=True, subject=subject))[0]["user"]
    if known is not None and known["disabled"]:
        # Refused as it stands: the claims change nothing of a disabled user.
        return SignInRefusal("disabled user", user_id=known["id"], role=role.value)
    same = (
        known is not None
        and known["role"] == role.value
        and (not team_claimed or known["team"] == team)
    )
    user = known if same else await in_write(db, work, data=False)
    if user["disabled"]:
        return SignInRefusal("disabled user", user_id=user["id"], role=role.value)
    disabled_at = user["last_disabled_at"]
    if disabled_at is not None and (issued_at is None or issued_at <= disabled_at.to_native()):
        # Issued before the user was last disabled: enabled again, they sign in afresh, as
        # their API tokens and embed links were ended then (a second reader: an identity token
        # that leaked came back when its user was enabled).
        return SignInRefusal("identity token issued before the user was disabled",
                             user_id=user["id"], role=role.value)  # fmt: skip
    return Principal(
        user_id=user["id"],
        username=user["username"],
        role=role,
        team=user["team"],
        via="oidc",
        signed_in_until=expires_at,
    )
