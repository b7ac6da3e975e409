"""Embed tokens: signed, short-lived links to one young person's map, for one view and one user.

Other council systems show a map in an iframe, which cannot send an Authorization header, so
the credential travels in the URL. It is an HS256 JWT signed with `LL_EMBED_SECRET`, naming
the user who minted it, the young person, the view and the origin allowed to frame it, and
lasting minutes, and the API token it was made with, if any. When it is used the user must still
be active and still reach the young person, and that API token must still be usable, so ending an
allocation, disabling a user or revoking the token stops their embed links at once.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import jwt

from service.errors import Unauthorized

log = logging.getLogger(__name__)

AUDIENCE = "lifelong-links:embed"
ISSUER = "lifelong-links"
View = Literal["ecomap", "tree"]
# Why a link is refused, in a word a framing page can act on (never anything about the case):
# not valid (altered, cut, signed with another key), expired, stopped (the API token it was
# made with is revoked, or its user was disabled since), no longer allowed to its user, its
# origin no longer allowed, opened where it may not be (framed or not), or access to the case
# changed since it was made.
Refusal = Literal["invalid", "expired", "revoked", "no_access", "origin_not_allowed",
                  "wrong_place", "access_changed"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class EmbedClaims:
    token_id: str
    user_id: str
    young_person_id: str
    view: View
    origin: str | None
    expires_at: datetime
    # When it was made (the token's `iat`, to the microsecond).
    issued_at: datetime
    # The API token the link was made with (None: signed in otherwise, or made by the service).
    api_token_id: str | None = None


class EmbedRefused(Unauthorized):
    """The embed token is unusable, `reason` says why in a word. `claims` is set when it was
    genuine."""

    def __init__(
        self, message: str, claims: EmbedClaims | None = None, *, reason: Refusal = "invalid"
    ) -> None:
        super().__init__(message)
        self.claims = claims
        self.reason: Refusal = reason


def signing_key(configured: str | None) -> bytes:
    if configured:
        return configured.encode()
    log.warning(
        "LL_EMBED_SECRET is not set: embed links are signed with a key made at start-up, and "
        "stop working when the service restarts or in another process."
    )
    return secrets.token_bytes(32)


def mint(
    key: bytes,
    *,
    user_id: str,
    young_person_id: str,
    view: View,
    origin: str | None,
    minutes: int,
    api_token_id: str | None = None,
    not_after: datetime | None = None,
    now: datetime | None = None,
) -> tuple[str, EmbedClaims]:
    """A signed link lasting `minutes`, or until `not_after` (its API token's expiry) if
    that comes first."""
    issued = now or datetime.now(UTC)
    until = issued + timedelta(minutes=minutes)
    if not_after is not None:
        until = min(until, not_after)
    claims = EmbedClaims(
        token_id=uuid.uuid4().hex,
        user_id=user_id,
        young_person_id=young_person_id,
        view=view,
        origin=origin,
        expires_at=until.replace(microsecond=0),
        api_token_id=api_token_id,
        issued_at=issued,
    )
    payload = {
        "iss": ISSUER, "aud": AUDIENCE, "jti": claims.token_id, "sub": user_id,
        "yp": young_person_id, "view": view, "origin": origin,
        # To the microsecond (a JSON number may have a fraction): a link made just after its
        # user was enabled again is after their disabling, even within the same second.
        "iat": issued.timestamp(), "exp": int(claims.expires_at.timestamp()),
        "tok": api_token_id,
    }  # fmt: skip
    return jwt.encode(payload, key, algorithm="HS256"), claims


def verify(key: bytes, token: str, *, now: datetime | None = None) -> EmbedClaims:
    """The claims of a genuine, unexpired token; EmbedRefused otherwise."""
    try:
        payload = jwt.decode(
            token, key, algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "jti"], "verify_exp": False},
        )  # fmt: skip
        view, made_with = payload["view"], payload.get("tok")
        if view not in ("ecomap", "tree") or not isinstance(made_with, str | None):
            raise EmbedRefused("This embed link is not valid.")
        claims = EmbedClaims(
            token_id=str(payload["jti"]),
            user_id=str(payload["sub"]),
            young_person_id=str(payload["yp"]),
            view=view,
            origin=payload.get("origin"),
            expires_at=datetime.fromtimestamp(int(payload["exp"]), UTC),
            api_token_id=made_with,
            issued_at=datetime.fromtimestamp(float(payload["iat"]), UTC),
        )
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError) as exc:
        raise EmbedRefused("This embed link is not valid.") from exc
    if claims.expires_at <= (now or datetime.now(UTC)):
        raise EmbedRefused(
            "This embed link has expired; ask for a new one.", claims, reason="expired"
        )
    return claims
