"""The guard in front of every route but /health and the OpenAPI pages.

`authenticate` finds the principal of a request (the bootstrap admin token, an OpenID Connect
JWT, or an API token); `allow(...)` admits only some roles and records a refusal in the audit
trail. Routers depend on these; no route checks a token itself.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

import anyio
from fastapi import Depends, Request
from neo4j.exceptions import ConstraintError

from service.auth.oidc import OidcError, OidcVerifier
from service.auth.principal import BOOTSTRAP_ADMIN, Principal, Role
from service.data import audit, users
from service.db import DriverDep, QueriesDep, SettingsDep
from service.errors import Forbidden, Unauthorized

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="lifelong-links"'}


def _unauthorized(message: str) -> Unauthorized:
    return Unauthorized(message, headers=_CHALLENGE)


async def authenticate(
    request: Request, driver: DriverDep, queries: QueriesDep, settings: SettingsDep
) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized("Send a token: Authorization: Bearer <token>.")
    if settings.admin_token is not None and hmac.compare_digest(
        token.encode(), settings.admin_token.get_secret_value().encode()
    ):
        return BOOTSTRAP_ADMIN
    verifier: OidcVerifier | None = request.app.state.oidc
    if verifier is not None and token.count(".") == 2:
        return await _oidc_principal(verifier, token, driver, queries, settings.neo4j_database)
    principal = await users.principal_for_token(
        driver, queries, database=settings.neo4j_database, token=token
    )
    if principal is None:
        raise _unauthorized("The token is unknown, expired or revoked, or its user is disabled.")
    return principal


async def _oidc_principal(
    verifier: OidcVerifier, token: str, driver: DriverDep, queries: QueriesDep, database: str
) -> Principal:
    try:
        identity = await anyio.to_thread.run_sync(verifier.verify, token)
    except OidcError as exc:
        raise _unauthorized(f"The identity token was refused: {exc}") from exc
    try:
        role = Role(identity.role.lower())
    except ValueError as exc:
        raise _unauthorized(f"The identity token's role is not one of {', '.join(Role)}.") from exc
    try:
        principal = await users.principal_for_oidc(
            driver, queries, database=database, subject=identity.subject,
            username=identity.username, role=role, team=identity.team,
        )  # fmt: skip
    except ConstraintError as exc:
        raise _unauthorized("Another account already uses this username.") from exc
    if principal is None:
        raise _unauthorized("This user is disabled.")
    return principal


PrincipalDep = Annotated[Principal, Depends(authenticate)]


def allow(*roles: Role, action: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting only `roles`; a refusal is a 403, recorded in the audit trail."""

    async def guard(
        request: Request,
        principal: PrincipalDep,
        driver: DriverDep,
        queries: QueriesDep,
        settings: SettingsDep,
    ) -> Principal:
        if principal.role in roles:
            return principal
        await audit.record(
            driver, queries, database=settings.neo4j_database, principal=principal,
            action=action, resource=request.url.path, outcome="refused",
            reason=f"role {principal.role.value} may not {action}",
        )  # fmt: skip
        raise Forbidden(f"The {principal.role.value} role may not do this.")

    return guard


AdminDep = Annotated[Principal, Depends(allow(Role.admin, action="manage users"))]
ManagerDep = Annotated[Principal, Depends(allow(Role.manager, action="read the audit trail"))]
