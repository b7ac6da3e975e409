"""Bearer tokens from a council's OpenID Connect provider (Entra ID and the like).

A token is trusted only because the configured issuer signed it with a key it publishes, so the
keys come from the issuer itself and every claim that binds the token to this service is checked.
Role names stay as the provider spells them: mapping them to the service's roles is policy, and
policy belongs to the caller.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import jwt
from jwt.exceptions import InvalidSubjectError

from service.auth.principal import USERNAME


def _expiry(exp: object) -> datetime:
    """The token's `exp` as a time: PyJWT has checked it is a number in the future, but one
    past what a date can hold (year 10000 and on) is refused, not a 500 (a second reader)."""
    try:
        return datetime.fromtimestamp(float(exp), UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError) as exc:
        raise OidcError("token's expiry (exp) is not a time") from exc


class OidcError(Exception):
    """A token was refused; the message is fit for the client and never quotes the token."""


@dataclass(frozen=True)
class OidcIdentity:
    subject: str
    username: str
    roles: tuple[str, ...]  # as the provider lists them, in its order
    team: str | None
    # Whether the provider's claims decide the team (LL_OIDC_TEAM_CLAIM); if not, the admin does.
    team_claimed: bool = False
    # When the provider issued the token (`iat`), if it says: of the token, not who it names.
    issued_at: datetime | None = field(default=None, compare=False)
    # When the token expires (`exp`): embed links made with it expire no later.
    expires_at: datetime | None = field(default=None, compare=False)


# Most specific first: InvalidSignatureError is a DecodeError, a connection error a client error.
_REASONS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.ExpiredSignatureError, "token has expired"),
    (jwt.ImmatureSignatureError, "token is not yet valid"),
    (jwt.InvalidAudienceError, "token is for another audience"),
    (jwt.InvalidIssuerError, "token is from another issuer"),
    (jwt.InvalidAlgorithmError, "token's algorithm is not allowed"),
    (jwt.InvalidSignatureError, "token's signature does not match the issuer's key"),
    (InvalidSubjectError, "token's subject is not a string"),
    (jwt.PyJWKClientConnectionError, "the issuer's keys could not be fetched"),
    (jwt.PyJWKClientError, "no key of the issuer matches the token's key id"),
    (jwt.PyJWKSetError, "the issuer publishes no usable keys"),
    (jwt.DecodeError, "token is malformed"),
)


def _reason(exc: jwt.PyJWTError) -> str:
    if isinstance(exc, jwt.MissingRequiredClaimError):
        return f"token carries no '{exc.claim}' claim"
    return next((text for kind, text in _REASONS if isinstance(exc, kind)), "token is invalid")


def _strings(value: object) -> list[str]:
    """A claim's strings: Entra ID sends roles as a list even for one; one string is too."""
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str) and v]


class OidcVerifier:
    """Checks tokens from one issuer; thread-safe, so one instance serves the whole process."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        role_claim: str = "roles",
        team_claim: str | None = None,
        jwks_url: str | None = None,
        allowed_algorithms: tuple[str, ...] = ("RS256", "ES256"),
        client_ids: frozenset[str] = frozenset(),
        leeway_seconds: int = 30,
        http_timeout: float = 3.0,
    ) -> None:
        # A symmetric or unsigned algorithm would let anyone holding the public key mint tokens.
        unsafe = [
            a for a in allowed_algorithms if a.lower() == "none" or a.upper().startswith("HS")
        ]
        if unsafe or not allowed_algorithms:
            raise ValueError(f"OIDC algorithms must be asymmetric, not {unsafe or 'empty'}")
        self._issuer = issuer
        self._audience = audience
        self._role_claim = role_claim
        self._team_claim = team_claim
        self._algorithms = allowed_algorithms
        # The client applications whose tokens are taken (empty: any the issuer issued to for
        # this audience): another application granted access to the same API, by a user's
        # consent for one, would otherwise act for them here.
        self._clients = client_ids
        self._leeway = leeway_seconds
        self._timeout = http_timeout
        # A configured key URL is checked now, while a mistake is still a configuration error.
        self._client = None if jwks_url is None else jwt.PyJWKClient(jwks_url, timeout=http_timeout)
        self._lock = threading.Lock()

    def verify(self, token: str) -> OidcIdentity:
        try:
            header = jwt.get_unverified_header(token)
            # Refused before any key is fetched, so junk tokens cost the issuer nothing.
            if header.get("alg") not in self._algorithms:
                raise OidcError("token's algorithm is not allowed")
            kid = header.get("kid")
            if not isinstance(kid, str):
                raise OidcError("token names no key id")
            claims: dict[str, Any] = jwt.decode(
                token,
                self._keys().get_signing_key(kid),
                algorithms=list(self._algorithms),
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise OidcError(_reason(exc)) from exc
        if self._clients:
            client = claims.get("azp", claims.get("appid"))  # Entra ID v2 / v1 tokens
            if client not in self._clients:
                raise OidcError("token was issued to a client application not allowed here")
        roles = tuple(_strings(claims.get(self._role_claim)))
        if not roles:
            raise OidcError(f"token carries no role claim '{self._role_claim}'")
        team = None
        if self._team_claim is not None and self._team_claim in claims:
            teams = sorted(set(_strings(claims[self._team_claim])))
            if not teams:
                raise OidcError(f"token's team claim '{self._team_claim}' is not a string")
            if len(teams) > 1:  # a manager in several groups would reach another team's cases
                raise OidcError(f"token's team claim '{self._team_claim}' names several teams")
            team = teams[0]
        subject: str = claims["sub"]
        if not subject:
            raise OidcError("token carries no 'sub' claim")
        # The first of these that is a username as the service's are (a claim the user may set
        # could hold spaces, control characters or invisible marks); else the subject. The email
        # claim only when it is an address: a guest may set it to a bare name ("south.manager",
        # a name flags tell people to ask, not yet taken: a second reader).
        email = claims.get("email")
        names = [claims.get("preferred_username"),
                 email if isinstance(email, str) and "@" in email else None]  # fmt: skip
        username = next((n for n in names if isinstance(n, str) and re.fullmatch(USERNAME, n)),
                        subject)  # fmt: skip
        issued = claims.get("iat")
        issued_at = (datetime.fromtimestamp(issued, UTC)
                     if isinstance(issued, int | float) and not isinstance(issued, bool)
                     else None)  # fmt: skip
        return OidcIdentity(subject=subject, username=username, roles=roles, team=team,
                            team_claimed=self._team_claim is not None,
                            issued_at=issued_at,
                            expires_at=_expiry(claims["exp"]))  # fmt: skip

    def _keys(self) -> jwt.PyJWKClient:
        """Discovery waits for the first token, so the service starts while the issuer is down."""
        with self._lock:
            if self._client is None:
                self._client = jwt.PyJWKClient(self._discover_jwks_url(), timeout=self._timeout)
            return self._client

    def _discover_jwks_url(self) -> str:
        url = f"{self._issuer.rstrip('/')}/.well-known/openid-configuration"
        if urlparse(url).scheme not in ("http", "https"):
            raise OidcError("the issuer's discovery document could not be fetched")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                document = json.loads(response.read(1_000_000))
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise OidcError("the issuer's discovery document could not be fetched") from exc
        if not isinstance(document, dict) or document.get("issuer") != self._issuer:
            # Keys from a document that names another issuer would vouch for someone else's tokens.
            raise OidcError("the discovery document names another issuer")
        jwks_uri = document.get("jwks_uri")
        if not isinstance(jwks_uri, str) or urlparse(jwks_uri).scheme not in ("http", "https"):
            raise OidcError("the discovery document names no usable jwks_uri")
        return jwks_uri
