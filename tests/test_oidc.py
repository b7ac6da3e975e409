"""OIDC verification against real keys served over real HTTP, so PyJWT's fetching, caching and
key selection are exercised as they run in production."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from fastapi.testclient import TestClient
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from neo4j import Driver

from service.app import create_app
from service.auth.oidc import OidcError, OidcIdentity, OidcVerifier
from tests.cases import ADMIN_TOKEN, BOOT, Actor, add_user, allocate, ok, open_case
from tests.conftest import Target, settings_for

AUDIENCE = "api://lifelong-links"
DISCOVERY = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Keys:
    rsa: RSAPrivateKey
    ec: EllipticCurvePrivateKey
    stranger: RSAPrivateKey  # never published


@dataclass
class Issuer:
    url: str
    documents: dict[str, object]
    hits: Counter[str] = field(default_factory=Counter)


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys(
        rsa=rsa.generate_private_key(public_exponent=65537, key_size=2048),
        ec=ec.generate_private_key(ec.SECP256R1()),
        stranger=rsa.generate_private_key(public_exponent=65537, key_size=2048),
    )


@pytest.fixture
def issuer(keys: Keys) -> Iterator[Issuer]:
    jwks = [
        {**RSAAlgorithm.to_jwk(keys.rsa.public_key(), as_dict=True), "kid": "rsa-1", "use": "sig"},
        {**ECAlgorithm.to_jwk(keys.ec.public_key(), as_dict=True), "kid": "ec-1", "use": "sig"},
    ]
    documents: dict[str, object] = {"/keys": {"keys": jwks}}
    hits: Counter[str] = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[self.path] += 1
            if self.path not in documents:
                self.send_error(404)
                return
            body = json.dumps(documents[self.path]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    documents[DISCOVERY] = {"issuer": url, "jwks_uri": f"{url}/keys"}
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Issuer(url=url, documents=documents, hits=hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class FromNow:
    seconds: int


def claims(issuer: Issuer, **overrides: object) -> dict[str, object]:
    now = int(time.time())
    base: dict[str, object] = {
        "iss": issuer.url,
        "aud": [AUDIENCE, "other-api"],
        "sub": "entra-oid-123",
        "preferred_username": "a.worker@council.gov.uk",
        "email": "a.worker@example.org",
        "roles": "LifelongLinks.Caseworker",
        "team": "north-east",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
    }
    base.update(overrides)
    # Offsets are resolved when the token is made, not when the tests were collected.
    return {
        k: now + v.seconds if isinstance(v, FromNow) else v
        for k, v in base.items()
        if v is not None
    }


def sign(payload: dict[str, object], key: Any, alg: str = "RS256", kid: str = "rsa-1") -> str:
    return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_with_public_pem(payload: dict[str, object], keys: Keys) -> str:
    """PyJWT refuses to mint this, so it is built by hand, as an attacker would."""
    pem = keys.rsa.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}).encode())
    body = b64(json.dumps(payload).encode())
    mac = hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(mac)}"


def verifier(issuer: Issuer, **options: Any) -> OidcVerifier:
    return OidcVerifier(issuer=issuer.url, audience=AUDIENCE, team_claim="team", **options)


def refused(v: OidcVerifier, token: str) -> str:
    with pytest.raises(OidcError) as caught:
        v.verify(token)
    message = str(caught.value)
    assert token not in message
    assert token.split(".")[1] not in message
    return message


@pytest.mark.parametrize(("alg", "kid"), [("RS256", "rsa-1"), ("ES256", "ec-1")])
def test_valid_token_gives_the_identity(issuer: Issuer, keys: Keys, alg: str, kid: str) -> None:
    key = keys.rsa if alg == "RS256" else keys.ec
    identity = verifier(issuer).verify(sign(claims(issuer), key, alg, kid))
    assert identity == OidcIdentity(
        subject="entra-oid-123",
        username="a.worker@council.gov.uk",
        roles=("LifelongLinks.Caseworker",),
        team="north-east",
        team_claimed=True,
    )


def test_a_role_list_gives_every_role_in_its_order(issuer: Issuer, keys: Keys) -> None:
    """Which of them is the service's is the guard's to decide (`service.auth.guard`)."""
    token = sign(
        claims(issuer, roles=["LifelongLinks.Manager", "LifelongLinks.Caseworker"]), keys.rsa
    )
    assert verifier(issuer).verify(token).roles == (
        "LifelongLinks.Manager", "LifelongLinks.Caseworker")  # fmt: skip


def test_tokens_of_client_applications_not_allowed_are_refused(issuer: Issuer, keys: Keys) -> None:
    """With LL_OIDC_CLIENT_IDS, a token is taken only from the council's own client
    applications (`azp`, or `appid` in Entra ID's v1 tokens): any other application granted
    access to the same API acted for its user here (a second reader). Without it, as before."""
    allowed = verifier(issuer, client_ids=frozenset({"case-app"}))
    assert allowed.verify(sign(claims(issuer, azp="case-app"), keys.rsa)).subject
    assert allowed.verify(sign(claims(issuer, appid="case-app"), keys.rsa)).subject
    for other in ({"azp": "phishing-app"}, {"appid": "phishing-app"}, {}):
        message = refused(allowed, sign(claims(issuer, **other), keys.rsa))
        assert "client application not allowed" in message
    assert verifier(issuer).verify(sign(claims(issuer, azp="phishing-app"), keys.rsa)).subject


def test_a_team_claim_naming_several_teams_is_refused(issuer: Issuer, keys: Keys) -> None:
    """A list-valued team claim (groups) gave its first team: a manager in several groups could
    reach another team's cases, by the provider's order (a second reader)."""
    token = sign(claims(issuer, team=["north-east", "south"]), keys.rsa)
    with pytest.raises(OidcError, match="names several teams"):
        verifier(issuer).verify(token)
    one = sign(claims(issuer, team=["south"]), keys.rsa)
    assert verifier(issuer).verify(one).team == "south"


@pytest.mark.parametrize(
    ("overrides", "username"),
    [
        ({"preferred_username": None}, "a.worker@example.org"),
        ({"preferred_username": None, "email": None}, "entra-oid-123"),
        # Names no user of the service could have are passed over (a second reader signed in
        # as "a\nb" and as "jo.smith " beside jo.smith).
        ({"preferred_username": "a\nb"}, "a.worker@example.org"),
        ({"preferred_username": "jo.smith ", "email": "jo\u200b@x.org"}, "entra-oid-123"),
        # An email claim that is not an address, which a guest may set, is no username (a
        # second reader: a guest whose own username the service refuses, for its #EXT#, took
        # "south.manager", the name of a manager yet to sign in, that flags tell people to ask).
        (
            {
                "preferred_username": "eve_gmail.com#EXT#@council.onmicrosoft.com",
                "email": "south.manager",
            },
            "entra-oid-123",
        ),
    ],
)
def test_username_falls_back_to_email_then_subject(
    issuer: Issuer, keys: Keys, overrides: dict[str, object], username: str
) -> None:
    token = sign(claims(issuer, **overrides), keys.rsa)
    assert verifier(issuer).verify(token).username == username


def test_custom_role_claim_and_absent_team(issuer: Issuer, keys: Keys) -> None:
    token = sign(claims(issuer, roles=None, team=None, ll_role="manager"), keys.rsa)
    identity = verifier(issuer, role_claim="ll_role").verify(token)
    assert (identity.roles, identity.team) == (("manager",), None)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"exp": FromNow(-120)}, "expired"),
        ({"nbf": FromNow(120)}, "not yet valid"),
        ({"iat": FromNow(120)}, "not yet valid"),
        ({"aud": "api://someone-else"}, "audience"),
        ({"iss": "https://login.example.com/other-tenant/v2.0"}, "another issuer"),
        ({"roles": None}, "no role claim 'roles'"),
        ({"roles": []}, "no role claim 'roles'"),
        ({"sub": None}, "'sub'"),
        ({"sub": ""}, "'sub'"),
        ({"exp": None}, "'exp'"),
        # Numbers PyJWT takes but no date can hold: refused, not a 500 (a second reader).
        ({"exp": 10**12}, "expiry (exp) is not a time"),
        ({"exp": 10**20}, "expiry (exp) is not a time"),
        ({"team": 42}, "team claim 'team'"),
    ],
)
def test_bad_claims_are_refused(
    issuer: Issuer, keys: Keys, overrides: dict[str, object], fragment: str
) -> None:
    assert fragment in refused(verifier(issuer), sign(claims(issuer, **overrides), keys.rsa))


def test_leeway_tolerates_small_clock_skew(issuer: Issuer, keys: Keys) -> None:
    token = sign(claims(issuer, nbf=int(time.time()) + 10, exp=int(time.time()) - 10), keys.rsa)
    assert verifier(issuer).verify(token).subject == "entra-oid-123"


def test_other_key_under_a_published_kid_is_refused(issuer: Issuer, keys: Keys) -> None:
    assert "signature" in refused(verifier(issuer), sign(claims(issuer), keys.stranger))


def test_unknown_kid_is_refused(issuer: Issuer, keys: Keys) -> None:
    token = sign(claims(issuer), keys.stranger, kid="rotated-away")
    assert "no key of the issuer" in refused(verifier(issuer), token)


def test_unsigned_token_is_refused_without_fetching_keys(issuer: Issuer) -> None:
    token = jwt.encode(claims(issuer), "", algorithm="none", headers={"kid": "rsa-1"})
    assert "algorithm is not allowed" in refused(verifier(issuer), token)
    assert not issuer.hits


def test_hs256_signed_with_the_public_key_is_refused(issuer: Issuer, keys: Keys) -> None:
    token = hs256_with_public_pem(claims(issuer), keys)
    assert "algorithm is not allowed" in refused(verifier(issuer), token)


def test_es256_token_under_the_rsa_kid_is_refused(issuer: Issuer, keys: Keys) -> None:
    token = sign(claims(issuer), keys.ec, "ES256", kid="rsa-1")
    assert "algorithm is not allowed" in refused(verifier(issuer), token)


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", ""])
def test_malformed_token_is_refused(issuer: Issuer, token: str) -> None:
    with pytest.raises(OidcError, match="malformed"):
        verifier(issuer).verify(token)


@pytest.mark.parametrize("algorithms", [("RS256", "HS256"), ("none",), ()])
def test_symmetric_or_no_algorithms_are_a_configuration_error(
    issuer: Issuer, algorithms: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError, match="asymmetric"):
        verifier(issuer, allowed_algorithms=algorithms)


def test_discovery_naming_another_issuer_is_refused(issuer: Issuer, keys: Keys) -> None:
    issuer.documents[DISCOVERY] = {"issuer": "https://impostor.example", "jwks_uri": "/keys"}
    assert "another issuer" in refused(verifier(issuer), sign(claims(issuer), keys.rsa))


def test_discovery_and_keys_are_fetched_once(issuer: Issuer, keys: Keys) -> None:
    v = verifier(issuer)
    for kid, key, alg in [("rsa-1", keys.rsa, "RS256"), ("ec-1", keys.ec, "ES256")] * 3:
        v.verify(sign(claims(issuer), key, alg, kid))
    assert issuer.hits == Counter({DISCOVERY: 1, "/keys": 1})


def test_explicit_jwks_url_skips_discovery(issuer: Issuer, keys: Keys) -> None:
    v = verifier(issuer, jwks_url=f"{issuer.url}/keys")
    assert v.verify(sign(claims(issuer), keys.rsa)).roles == ("LifelongLinks.Caseworker",)
    assert DISCOVERY not in issuer.hits


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.fixture
def silent_port() -> Iterator[int]:
    """Accepts connections (via the backlog) and never answers, as a hung issuer does."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield s.getsockname()[1]


@pytest.mark.parametrize("port_fixture", ["closed_port", "silent_port"])
@pytest.mark.parametrize(
    ("via_discovery", "fragment"),
    [(True, "discovery document could not be fetched"), (False, "keys could not be fetched")],
)
def test_unreachable_issuer_fails_fast(
    request: pytest.FixtureRequest,
    issuer: Issuer,
    keys: Keys,
    port_fixture: str,
    via_discovery: bool,
    fragment: str,
) -> None:
    down = f"http://127.0.0.1:{request.getfixturevalue(port_fixture)}"
    v = OidcVerifier(
        issuer=down,
        audience=AUDIENCE,
        jwks_url=None if via_discovery else f"{down}/keys",
        http_timeout=0.5,
    )
    started = time.monotonic()
    message = refused(v, sign(claims(issuer, iss=down), keys.rsa))
    assert time.monotonic() - started < 5
    assert fragment in message


def test_oidc_sign_in_through_the_app_reaches_allocated_case_data(
    issuer: Issuer, keys: Keys, db: Driver, neo4j_target: Target
) -> None:
    """End to end: a JWT from the configured issuer signs a coordinator in (the user is made on
    first sign-in), allocation then decides what they reach, and a tampered token is refused."""
    settings = settings_for(
        neo4j_target,
        admin_token=ADMIN_TOKEN,
        oidc_issuer=issuer.url,
        oidc_audience=AUDIENCE,
        oidc_team_claim="team",
    )
    with TestClient(create_app(settings)) as client:
        jwt_token = sign(claims(issuer, roles=["coordinator"], team="north"), keys.rsa)
        bearer = {"Authorization": f"Bearer {jwt_token}"}
        me = client.get("/me", headers=bearer)
        assert me.status_code == 200, me.text
        assert (me.json()["role"], me.json()["team"], me.json()["via"]) == (
            "coordinator", "north", "oidc",
        )  # fmt: skip
        manager = add_user(client, "manager1", "manager", "north")
        young_person = open_case(client, manager)
        assert client.get(f"/young-people/{young_person}", headers=bearer).status_code == 404
        oidc_user = Actor(me.json()["user_id"], "", bearer)
        allocate(client, manager, young_person, oidc_user)
        allowed = client.get(f"/young-people/{young_person}", headers=bearer)
        assert allowed.status_code == 200, allowed.text
        # Signed in again: the same user, not a second one.
        again = sign(claims(issuer, roles=["coordinator"], team="north"), keys.rsa)
        assert (
            client.get("/me", headers={"Authorization": f"Bearer {again}"}).json()["user_id"]
            == me.json()["user_id"]
        )
        head, payload, signature = jwt_token.split(".")
        forged = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        forged["roles"] = ["manager"]
        tampered = f"{head}.{b64(json.dumps(forged).encode())}.{signature}"
        refused_me = client.get("/me", headers={"Authorization": f"Bearer {tampered}"})
        assert refused_me.status_code == 401
        unknown_role = sign(claims(issuer, roles=["superuser"]), keys.rsa)
        assert (
            client.get("/me", headers={"Authorization": f"Bearer {unknown_role}"}).status_code
            == 401
        )
        events = client.get("/audit", headers=manager.headers,
                            params={"young_person_id": young_person}).json()["data"]  # fmt: skip
        reads = [(e["user_id"], e["outcome"]) for e in events if e["action"] == "read_young_person"]
        assert reads == [(me.json()["user_id"], "allowed"), (me.json()["user_id"], "refused")]
        # A disabled user's valid identity token is refused, under their own id.
        disabled = client.patch(f"/users/{me.json()['user_id']}", headers=BOOT,
                                json={"disabled": True})  # fmt: skip
        assert disabled.status_code == 200, disabled.text
        assert client.get("/me", headers=bearer).status_code == 401
        # Refused identity tokens are in the audit trail with the reason, never the token.
        signs = client.get("/audit", headers=BOOT, params={"since": "2000-01-01T00:00:00Z"})
        refusals = [(e["user_id"], e["reason"].split("; client")[0]) for e in signs.json()["data"]
                    if e["action"] == "sign_in"]  # fmt: skip
        assert refusals == [
            (me.json()["user_id"], "disabled user"),
            ("anonymous", "identity token names no known role"),
            (
                "anonymous",
                "identity token refused: token's signature does not match the issuer's key",
            ),
        ]
        for token in (tampered, unknown_role, jwt_token):
            assert token.split(".")[1][:16] not in signs.text
            assert token.split(".")[2][:16] not in signs.text
        # Enabled again, a token issued before the disabling stays refused (a second reader:
        # one that leaked came back); a token issued since signs them in.
        ok(client.patch(f"/users/{me.json()['user_id']}", headers=BOOT,
                        json={"disabled": False}))  # fmt: skip
        for token in (jwt_token, sign(claims(issuer, roles=["coordinator"], team="north",
                                             iat=FromNow(-5)), keys.rsa)):  # fmt: skip
            old = client.get("/me", headers={"Authorization": f"Bearer {token}"})
            assert old.status_code == 401, old.text
            assert "issued before the user was disabled" in old.json()["error"]["message"]
        time.sleep(1.1)  # a token's iat is in whole seconds
        fresh = sign(claims(issuer, roles=["coordinator"], team="north"), keys.rsa)
        assert ok(client.get("/me", headers={"Authorization": f"Bearer {fresh}"}))[
            "user_id"] == me.json()["user_id"]  # fmt: skip


def test_the_services_role_is_taken_whatever_the_order_and_the_admin_keeps_what_is_theirs(
    issuer: Issuer, keys: Keys, db: Driver, neo4j_target: Target
) -> None:
    """A second reader: the role was the first in the provider's list (Entra ID promises no
    order), so another application's role listed first locked the user out; an admin's change
    of an identity-provider user's role answered 200 and was undone at their next sign-in; and
    with no team claim configured, every sign-in wiped the team the admin had given. The
    service's role is now found in the list, two of them refused; the admin's team stays when
    no claim holds it; what the claims decide is refused at the admin's door, saying where."""
    settings = settings_for(neo4j_target, admin_token=ADMIN_TOKEN, oidc_issuer=issuer.url,
                            oidc_audience=AUDIENCE)  # fmt: skip

    def me(roles: list[str]) -> Any:
        token = sign(claims(issuer, roles=roles, team=None), keys.rsa)
        return client.get("/me", headers={"Authorization": f"Bearer {token}"})

    with TestClient(create_app(settings)) as client:
        first = me(["Reader", "manager"])
        assert first.status_code == 200, first.text
        assert first.json()["role"] == "manager"
        user = first.json()["user_id"]
        two = me(["coordinator", "admin"])
        assert two.status_code == 401
        assert "several of the service's roles" in two.json()["error"]["message"]
        # The team is the admin's to give (no team claim): kept at the next sign-in.
        ok(client.patch(f"/users/{user}", headers=BOOT, json={"team": "north"}))
        assert me(["manager"]).json()["team"] == "north"
        # The role is the provider's: refused here, and the next sign-in keeps the claims'.
        changed = client.patch(f"/users/{user}", headers=BOOT, json={"role": "coordinator"})
        assert changed.status_code == 409, changed.text
        assert "change it there" in changed.json()["error"]["message"]
        assert me(["manager"]).json()["role"] == "manager"
        # A user who signs in with an API token is the admin's to change as before.
        local = add_user(client, "local.worker", "coordinator", "north")
        ok(client.patch(f"/users/{local.user_id}", headers=BOOT, json={"role": "manager"}))
        # A first sign-in named as another account but for case is refused, as a new user
        # made by the admin would be ("Local.Worker" and "local.worker" on one trail).
        named = sign(claims(issuer, sub="another-subject", preferred_username="Local.Worker",
                            roles=["coordinator"]), keys.rsa)  # fmt: skip
        taken = client.get("/me", headers={"Authorization": f"Bearer {named}"})
        assert taken.status_code == 401, taken.text
        assert taken.json()["error"]["message"] == "Another account already uses this username."


def test_an_embed_link_made_after_an_oidc_sign_in_expires_with_the_identity_token(
    issuer: Issuer, keys: Keys, db: Driver, neo4j_target: Target
) -> None:
    """A second reader: an embed link made with an identity token about to expire lived its
    full time (an hour by default), as a link made with an API token does not. It now expires
    no later than the identity token; one that would be dead on arrival is refused."""
    settings = settings_for(neo4j_target, admin_token=ADMIN_TOKEN, oidc_issuer=issuer.url,
                            oidc_audience=AUDIENCE, oidc_team_claim="team")  # fmt: skip
    with TestClient(create_app(settings)) as client:
        soon = int(time.time()) + 120
        bearer = {"Authorization": "Bearer " + sign(
            claims(issuer, roles=["social_worker"], team="north", exp=soon), keys.rsa)}  # fmt: skip
        me = ok(client.get("/me", headers=bearer))
        manager = add_user(client, "manager1", "manager", "north")
        young_person = open_case(client, manager)
        allocate(client, manager, young_person, Actor(me["user_id"], "", bearer))
        link = ok(client.post(f"/young-people/{young_person}/embed-tokens", headers=bearer,
                              json={"view": "tree"}), 201)  # fmt: skip
        assert datetime.fromisoformat(link["expires_at"]).timestamp() <= soon
        # Within the leeway a token a second from its end still signs in: its link is refused.
        ending = {"Authorization": "Bearer " + sign(
            claims(issuer, roles=["social_worker"], team="north", exp=int(time.time())),
            keys.rsa)}  # fmt: skip
        dead = client.post(f"/young-people/{young_person}/embed-tokens", headers=ending,
                           json={"view": "tree"})  # fmt: skip
        assert dead.status_code == 401, dead.text
        assert dead.json()["error"]["message"] == (
            "The token used expires within a second; sign in with another."
        )


def test_claims_that_change_a_user_are_on_the_trail_and_change_no_disabled_user(
    issuer: Issuer, keys: Keys, db: Driver, neo4j_target: Target
) -> None:
    """A second reader: a user made, then made admin of another team, by the identity
    provider's claims left nothing on the trail an admin reads; and a disabled coordinator
    signing in with new claims was refused but became a manager of another team all the same.
    The claims' changes are on the trail as an admin's are; a disabled user's stay as they
    were."""
    settings = settings_for(neo4j_target, admin_token=ADMIN_TOKEN, oidc_issuer=issuer.url,
                            oidc_audience=AUDIENCE, oidc_team_claim="team")  # fmt: skip

    def me(**over: Any) -> Any:
        token = sign(claims(issuer, **over), keys.rsa)
        return client.get("/me", headers={"Authorization": f"Bearer {token}"})

    def trail(user: str) -> list[tuple[str, str]]:
        found = ok(client.get("/audit", headers=BOOT, params={"user_id": user}))["data"]
        return sorted((e["action"], e["reason"]) for e in found
                      if e["action"].startswith("user."))  # fmt: skip

    with TestClient(create_app(settings)) as client:
        first = me(roles=["coordinator"], team="north")
        assert first.status_code == 200, first.text
        user = first.json()["user_id"]
        made = ("user.create", "role coordinator, team north, by the identity provider's claims")
        assert trail(user) == [made]
        assert me(roles=["coordinator"], team="north").status_code == 200
        assert trail(user) == [made]  # the same claims again change nothing
        assert me(roles=["manager"], team="south").json()["role"] == "manager"
        moved = ("user.update",
                 "role coordinator -> manager; team north -> south, by the identity provider's "
                 "claims")  # fmt: skip
        assert trail(user) == [made, moved]
        ok(client.patch(f"/users/{user}", headers=BOOT, json={"disabled": True}))
        refused = me(roles=["admin"], team="west", iat=FromNow(5))
        assert refused.status_code == 401, refused.text
        held = ok(client.get(f"/users/{user}", headers=BOOT))
        assert (held["role"], held["team"], held["disabled"]) == ("manager", "south", True)
        assert trail(user) == [made, moved]  # nothing more by the claims
