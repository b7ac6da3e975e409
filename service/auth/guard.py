"""The guard in front of every route but /health and the OpenAPI pages.

`authenticate` finds the principal of a request (the bootstrap admin token, an OpenID Connect
JWT, or an API token); `allow(...)` admits only some roles and records a refusal in the audit
trail. Routers depend on these; no route checks a token itself.

A failed sign-in (no token, an unknown, expired or revoked token, a disabled user, a refused
identity token) is a 401, recorded in the audit trail as action "sign_in", outcome "refused",
with the reason, and logged in one line: never the token or any part of it, nor a username.
Failures are counted per client address and, when the database could tell whose credential it
was, per user (`service.auth.throttle`); past the limit the answer is 429 with `Retry-After`.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Literal

import anyio
from fastapi import Depends, Request
from neo4j.exceptions import ConstraintError

from service.auth.oidc import OidcError, OidcVerifier
from service.auth.principal import BOOTSTRAP_ADMIN, Principal, Role
from service.auth.throttle import SignInThrottle, client_address
from service.data import audit, users
from service.data.users import SignInRefusal
from service.db import Db, DbDep, SettingsDep
from service.errors import Forbidden, TooManyRequests, Unauthorized, route_of

log = logging.getLogger("service.auth")

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="lifelong-links"'}
_NOT_SIGNED_IN = "The token is unknown, expired or revoked, or its user is disabled."
_TOO_MANY = "Too many failed sign-ins; try again after the time in Retry-After."


class _Refused(Exception):
    """A sign-in refused: `message` for the caller, `refusal` for the audit trail."""

    def __init__(self, message: str, refusal: SignInRefusal) -> None:
        super().__init__(message)
        self.message = message
        self.refusal = refusal


async def authenticate(request: Request, db: DbDep, settings: SettingsDep) -> Principal:
    throttle: SignInThrottle = request.app.state.signin
    client = client_address(request)
    # A client over its limit gets 429 before its token is looked at, valid or not: during the
    # lock-out a guess tells nothing (no 401/200 difference) and costs no database work. Only
    # failures are counted, so a client that signs in properly is never held back.
    wait = await throttle.client_wait(client)
    if wait is not None:
        raise await _throttled(request, db, settings, "client", client, wait)
    try:
        return await _sign_in(request, db, settings)
    except _Refused as refused:
        raise await _refuse(request, db, settings, client, refused) from None


async def _sign_in(request: Request, db: DbDep, settings: SettingsDep) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _Refused(
            "Send a token: Authorization: Bearer <token>.", SignInRefusal("no bearer token")
        )
    if settings.admin_token is not None and hmac.compare_digest(
        token.encode(), settings.admin_token.get_secret_value().encode()
    ):
        return BOOTSTRAP_ADMIN
    verifier: OidcVerifier | None = request.app.state.oidc
    if verifier is not None and token.count(".") == 2:
        return await _oidc_principal(verifier, token, db)
    checked = await users.check_token(db, token=token)
    if isinstance(checked, SignInRefusal):
        raise _Refused(_NOT_SIGNED_IN, checked)
    return checked


async def _oidc_principal(verifier: OidcVerifier, token: str, db: Db) -> Principal:
    try:
        identity = await anyio.to_thread.run_sync(verifier.verify, token)
    except OidcError as exc:
        # OidcError's text never quotes the token (service.auth.oidc), so it may be recorded.
        raise _Refused(
            f"The identity token was refused: {exc}",
            SignInRefusal(f"identity token refused: {exc}"),
        ) from exc
    # The service's role among the token's, in whatever order the provider lists them (Entra
    # ID promises none): other applications' roles are passed over, and two of the service's
    # are refused rather than one picked.
    ours = sorted({r.lower() for r in identity.roles} & {r.value for r in Role})
    if not ours:
        raise _Refused(
            f"The identity token's role is not one of {', '.join(Role)}.",
            SignInRefusal("identity token names no known role"),
        )
    if len(ours) > 1:
        raise _Refused(
            f"The identity token carries several of the service's roles ({', '.join(ours)}): "
            "the identity provider should give the user one.",
            SignInRefusal("identity token names several roles"),
        )
    try:
        principal = await users.principal_for_oidc(
            db, subject=identity.subject, username=identity.username, role=Role(ours[0]),
            team=identity.team, team_claimed=identity.team_claimed,
            issued_at=identity.issued_at, expires_at=identity.expires_at,
        )  # fmt: skip
    except (ConstraintError, users.UsernameTaken) as exc:
        raise _Refused(
            "Another account already uses this username.",
            SignInRefusal("identity token's username belongs to another account"),
        ) from exc
    if isinstance(principal, SignInRefusal):
        said = (
            "This user is disabled."
            if principal.reason == "disabled user"
            else "This identity token was issued before the user was disabled: sign in again."
        )
        raise _Refused(said, principal)  # fmt: skip
    return principal


async def _refuse(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    client: str,
    refused: _Refused,
) -> Unauthorized | TooManyRequests:
    """Count a failed sign-in, record and log it; the 401 to raise (or the 429 of a user over
    their limit)."""
    throttle: SignInThrottle = request.app.state.signin
    refusal = refused.refusal
    # Whose credential it was is known only once the database has matched it, so a user's limit
    # is checked here, after the look-up, and only for failures: a user's valid tokens are
    # never held back by failures of an old one.
    user_wait = None
    if refusal.user_id is not None:
        user_wait = await throttle.user_wait(refusal.user_id)
    await throttle.failed(client, refusal.user_id)
    if user_wait is not None and refusal.user_id is not None:
        return await _throttled(
            request, db, settings, "user", refusal.user_id, user_wait,
            client=client, role=refusal.role,
        )  # fmt: skip
    log.warning("sign-in refused (%s) on %s from client %s",
                refusal.reason, route_of(request.scope), throttle.tag(client))  # fmt: skip
    await audit.record_refused_sign_in(
        db, user_id=refusal.user_id,
        role=refusal.role, resource=route_of(request.scope),
        reason=f"{refusal.reason}; client {client}",
    )  # fmt: skip
    return Unauthorized(refused.message, headers=CHALLENGE)


async def _throttled(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    kind: Literal["client", "user"],
    key: str,
    wait: int,
    *,
    client: str | None = None,
    role: str | None = None,
) -> TooManyRequests:
    """The 429 to raise; recorded and logged once a minute per client or user, not once per
    request, so that a flood of failures cannot become a flood of audit writes."""
    throttle: SignInThrottle = request.app.state.signin
    client = client or key
    if await throttle.first_notice(kind, key):
        limit = (settings.signin_failures_per_minute if kind == "client"
                 else settings.signin_user_failures_per_minute)  # fmt: skip
        log.warning("sign-in throttled: over %d failures a minute from this %s; client %s",
                    limit, kind, throttle.tag(client))  # fmt: skip
        await audit.record_refused_sign_in(
            db, user_id=key if kind == "user" else None, role=role,
            resource=route_of(request.scope),
            reason=f"throttled: over {limit} failed sign-ins a minute from this {kind}; "
            f"client {client}",
        )  # fmt: skip
    return TooManyRequests(_TOO_MANY, retry_after=wait)


PrincipalDep = Annotated[Principal, Depends(authenticate)]


def allow(*roles: Role, action: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting only `roles`; a refusal is a 403, recorded in the audit trail."""

    async def guard(
        request: Request,
        principal: PrincipalDep,
        db: DbDep,
    ) -> Principal:
        if principal.role in roles:
            return principal
        await audit.record(
            db, principal=principal,
            action=action, resource=request.url.path, outcome="refused",
            reason=f"role {principal.role.value} may not {action}",
        )  # fmt: skip
        raise Forbidden(f"The {principal.role.value} role may not do this.")

    return guard


AdminDep = Annotated[Principal, Depends(allow(Role.admin, action="manage users"))]
# The audit trail: a manager reads their team's part of it, an admin the whole council's.
AuditReaderDep = Annotated[
    Principal, Depends(allow(Role.manager, Role.admin, action="read the audit trail"))
]
