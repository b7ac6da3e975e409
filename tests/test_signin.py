"""Failed sign-ins: each recorded in the audit trail and logged without the token, counted per
client and per user, and throttled with 429 past the limit; valid tokens are never counted."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from starlette.requests import Request

from service.auth.throttle import client_address
from service.auth.tokens import hash_token
from tests.cases import ADMIN_TOKEN, BOOT, Actor, add_user, ok
from tests.conftest import Target, app_client, settings_for

PER_CLIENT = 3
PER_USER = 2
# A made-up token in the service's own format: it must never be stored or logged.
GUESS = "llt_Zq3vK8pXn2RwT7yLm4HsBd9FcJ6gAe1uVo5iNk0tQrE"


@dataclass
class Setup:
    client: TestClient
    admin: Actor
    worker: Actor


@pytest.fixture
def setup(db: Driver, neo4j_target: Target) -> Iterator[Setup]:
    settings = settings_for(
        neo4j_target,
        admin_token=ADMIN_TOKEN,
        signin_failures_per_minute=PER_CLIENT,
        signin_user_failures_per_minute=PER_USER,
    )
    # The helpers' own requests come from "testclient" and all succeed: nothing is counted.
    with app_client(settings) as client:
        admin = add_user(client, "council.admin", "admin", None)
        worker = add_user(client, "kim.worker", "coordinator", "north")
        yield Setup(client, admin, worker)


def from_address(client: TestClient, host: str) -> TestClient:
    """Another client of the same running app (same event loop), from another address."""
    other = TestClient(client.app, client=(host, 40000))
    other.portal = client.portal
    return other


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def token_of(actor: Actor) -> str:
    return actor.headers["Authorization"].removeprefix("Bearer ")


def sign_in_events(db: Driver) -> list[dict[str, Any]]:
    records = db.execute_query(
        "MATCH (e:AuditEvent {action: 'sign_in'}) RETURN properties(e) AS e ORDER BY e.at"
    ).records
    return [dict(r["e"]) for r in records]


def test_failures_are_recorded_and_logged_without_the_token(
    setup: Setup, db: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    client, worker = setup.client, setup.worker
    expired, revoked = (
        add_user(client, "exp.user", "coordinator"),
        add_user(client, "rev.user", "coordinator"),
    )
    db.execute_query(
        "MATCH (t:ApiToken {id: $id}) SET t.expires_at = datetime() - duration('PT1S')",
        id=expired.token_id,
    )
    assert client.delete(f"/tokens/{revoked.token_id}", headers=BOOT).status_code == 204
    attempts = [
        ("10.0.0.1", bearer(GUESS), "unknown token"),
        ("10.0.0.2", {}, "no bearer token"),
        ("10.0.0.3", {"Authorization": f"Basic {GUESS}"}, "no bearer token"),
        ("10.0.0.4", bearer(token_of(expired)), "expired token"),
        ("10.0.0.5", bearer(token_of(revoked)), "revoked token"),
    ]
    caplog.set_level(logging.INFO, logger="service")
    for host, headers, _ in attempts:
        refused = from_address(client, host).get("/me", headers=headers)
        assert refused.status_code == 401, refused.text
        assert refused.json()["error"]["code"] == "unauthorized"
        assert refused.headers["www-authenticate"].startswith("Bearer")

    events = sign_in_events(db)
    assert [(e["outcome"], e["reason"]) for e in events] == [
        ("refused", f"{reason}; client {host}") for host, _, reason in attempts
    ]
    assert [e["user_id"] for e in events] == [
        "anonymous", "anonymous", "anonymous", expired.user_id, revoked.user_id,
    ]  # fmt: skip
    assert {e["resource"] for e in events} == {"GET /me"}
    secrets = [GUESS, GUESS[4:], hash_token(GUESS), token_of(expired), token_of(revoked)]
    stored = json.dumps(events, default=str)
    for secret in secrets:
        assert secret not in stored
        assert secret[4:16] not in stored

    lines = [r for r in caplog.records if "sign-in" in r.getMessage()]
    assert len(lines) == len(attempts), [r.getMessage() for r in lines]
    for line, (host, _, reason) in zip(lines, attempts, strict=True):
        message = line.getMessage()
        assert reason in message
        assert host not in message  # a keyed tag stands for the client address
        for secret in secrets:
            assert secret[4:16] not in message
        for name in ("exp.user", "rev.user", "kim.worker"):
            assert name not in message

    # The admin reads them in the audit trail; the worker's own valid token was never counted.
    recorded = ok(
        client.get("/audit", headers=setup.admin.headers, params={"user_id": "anonymous"})
    )
    assert {e["action"] for e in recorded["data"]} == {"sign_in"}
    assert recorded["count"] == 3
    assert ok(client.get("/me", headers=worker.headers))["user_id"] == worker.user_id


def test_a_client_over_its_limit_gets_429_and_others_go_on(
    setup: Setup, db: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    client, worker = setup.client, setup.worker
    guesser = from_address(client, "203.0.113.9")
    # Valid sign-ins add nothing to a count: many of them, then the limit of failures.
    for _ in range(PER_CLIENT * 3):
        assert guesser.get("/me", headers=worker.headers).status_code == 200
    for n in range(PER_CLIENT):
        assert guesser.get("/me", headers=bearer(f"{GUESS}{n}")).status_code == 401
    caplog.set_level(logging.INFO, logger="service")
    throttled = [guesser.get("/me", headers=bearer(f"{GUESS}x{n}")) for n in range(5)]
    for response in throttled:
        assert response.status_code == 429
        assert 1 <= int(response.headers["retry-after"]) <= 60
        assert response.json() == {
            "error": {
                "code": "too_many_requests",
                "message": "Too many failed sign-ins; try again after the time in Retry-After.",
            }
        }
    # During the lock-out a valid token gets the same 429: guesses tell nothing.
    assert guesser.get("/me", headers=worker.headers).status_code == 429
    assert guesser.get("/me").status_code == 429
    # Another client is not held back, neither its valid tokens nor its own count of failures.
    other = from_address(client, "198.51.100.7")
    assert ok(other.get("/me", headers=worker.headers))["user_id"] == worker.user_id
    assert other.get("/me", headers=bearer(GUESS)).status_code == 401
    assert client.get("/me", headers=worker.headers).status_code == 200

    events = sign_in_events(db)
    from_guesser = [e["reason"] for e in events if "203.0.113.9" in e["reason"]]
    # One record per failure up to the limit, then one "throttled" record for the window,
    # however many requests wait.
    assert from_guesser == ["unknown token; client 203.0.113.9"] * PER_CLIENT + [
        f"throttled: over {PER_CLIENT} failed sign-ins a minute from this client; "
        "client 203.0.113.9"
    ]
    assert len([r for r in caplog.records if "throttled" in r.getMessage()]) == 1


def test_failures_with_one_users_credentials_are_counted_per_user(setup: Setup, db: Driver) -> None:
    client = setup.client
    user = add_user(client, "leaky.user", "social_worker")
    old = token_of(user)
    assert client.delete(f"/tokens/{user.token_id}", headers=BOOT).status_code == 204
    # The revoked token tried from ever new addresses: no client reaches its own limit, but the
    # user's failures are counted wherever they come from.
    answers = [
        from_address(client, f"192.0.2.{n}").get("/me", headers=bearer(old)).status_code
        for n in range(1, PER_USER + 4)
    ]
    assert answers == [401] * PER_USER + [429] * 3
    # The user's new, valid token is not held back by failures of the old one.
    fresh = ok(client.post(f"/users/{user.user_id}/tokens", headers=BOOT, json={}), 201)["token"]
    me = from_address(client, "192.0.2.200").get("/me", headers=bearer(fresh))
    assert me.status_code == 200, me.text
    # Unknown tokens identify no user: only their client's limit applies.
    answers = [
        from_address(client, f"192.0.2.{n}").get("/me", headers=bearer(GUESS)).status_code
        for n in range(100, 100 + PER_USER + 3)
    ]
    assert answers == [401] * (PER_USER + 3)

    mine = [(e["user_id"], e["role"], e["reason"].split(";")[0]) for e in sign_in_events(db)
            if e["user_id"] == user.user_id]  # fmt: skip
    assert mine == [(user.user_id, "social_worker", "revoked token")] * PER_USER + [
        (user.user_id, "social_worker",
         f"throttled: over {PER_USER} failed sign-ins a minute from this user"),
    ]  # fmt: skip


def connection(host: str) -> Request:
    return Request({"type": "http", "client": (host, 1234), "headers": []})


@pytest.mark.parametrize(
    ("host", "counted_as"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("testclient", "testclient"),
        ("", "unknown"),
    ],
)
def test_clients_are_counted_by_address_and_ipv6_by_its_64(host: str, counted_as: str) -> None:
    assert client_address(connection(host)) == counted_as
