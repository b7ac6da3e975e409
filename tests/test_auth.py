"""Authentication, roles and the audit trail, through the real app on a real Neo4j.

The route table below lists every guarded route with the status each role gets; a route the
app has that the table lacks fails `test_table_covers_every_route`, so new routes must join.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from neo4j import Driver
from starlette.routing import BaseRoute, Route

from service.app import create_app
from tests.conftest import Target, settings_for

ADMIN_TOKEN = "bootstrap-admin-token-for-tests-0123456789"
OPEN = {("GET", "/health")}
DOCS = {"/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"}
ROLES = ("coordinator", "social_worker", "manager", "admin")


@dataclass
class World:
    app: FastAPI
    client: TestClient
    headers: dict[str, dict[str, str]]
    user_ids: dict[str, str]
    token_ids: dict[str, str]


@pytest.fixture
def world(db: Driver, neo4j_target: Target) -> Iterator[World]:
    app = create_app(settings_for(neo4j_target, admin_token=ADMIN_TOKEN))
    with TestClient(app) as client:
        boot = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        headers, user_ids, token_ids = {}, {}, {}
        for role in ROLES:
            user = client.post(
                "/users",
                headers=boot,
                json={
                    "username": f"{role}1",
                    "display_name": f"A {role}",
                    "role": role,
                    "team": "north",
                },
            )
            assert user.status_code == 201, user.text
            user_ids[role] = user.json()["id"]
            issued = client.post(
                f"/users/{user_ids[role]}/tokens", headers=boot, json={"label": "t"}
            )
            assert issued.status_code == 201, issued.text
            headers[role] = {"Authorization": f"Bearer {issued.json()['token']}"}
            token_ids[role] = issued.json()["id"]
        yield World(app, client, headers, user_ids, token_ids)


def table(w: World) -> list[tuple[str, str, str, dict[str, object] | None, dict[str, int]]]:
    """(method, route template, concrete path, body, status by role)."""
    target = w.user_ids["coordinator"]
    admin_only = {"coordinator": 403, "social_worker": 403, "manager": 403}
    return [
        ("GET", "/me", "/me", None, {r: 200 for r in ROLES}),
        ("GET", "/users", "/users", None, {**admin_only, "admin": 200}),
        ("POST", "/users", "/users",
         {"username": "new.person", "display_name": "N", "role": "coordinator"},
         {**admin_only, "admin": 201}),
        ("GET", "/users/{user_id}", f"/users/{target}", None, {**admin_only, "admin": 200}),
        ("PATCH", "/users/{user_id}", f"/users/{target}", {"display_name": "Renamed"},
         {**admin_only, "admin": 200}),
        ("POST", "/users/{user_id}/tokens", f"/users/{target}/tokens", {"label": "x"},
         {**admin_only, "admin": 201}),
        ("GET", "/users/{user_id}/tokens", f"/users/{target}/tokens", None,
         {**admin_only, "admin": 200}),
        ("DELETE", "/tokens/{token_id}", f"/tokens/{w.token_ids['coordinator']}", None,
         {**admin_only, "admin": 204}),
        ("GET", "/audit", "/audit", None,
         {"coordinator": 403, "social_worker": 403, "manager": 200, "admin": 403}),
    ]  # fmt: skip


def served(routes: Sequence[BaseRoute], prefix: str = "") -> Iterator[tuple[str, set[str]]]:
    """Every (path, methods) the app serves, through included routers of any FastAPI version."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:  # FastAPI >= 0.16x keeps included routers whole
            yield from served(included.routes, prefix + route.include_context.prefix)  # type: ignore[attr-defined]
        elif isinstance(route, Route | APIRoute):
            yield prefix + route.path, set(route.methods or ())


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, path)
        for path, methods in served(app.routes)
        for method in methods
        if method != "HEAD" and path not in DOCS
    }


def test_table_covers_every_route(world: World) -> None:
    listed = {(method, template) for method, template, *_ in table(world)}
    assert app_routes(world.app) - OPEN == listed


def test_every_route_needs_a_token(world: World) -> None:
    for method, template, path, body, _ in table(world):
        for headers in (
            {},
            {"Authorization": "Bearer not-a-real-token"},
            {"Authorization": "Basic x"},
        ):
            response = world.client.request(method, path, headers=headers, json=body)
            assert response.status_code == 401, (method, template, headers)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.json()["error"]["code"] == "unauthorized"
    # Everything else the app serves is either open by design or documentation.
    every = {path for path, _ in served(world.app.routes)}
    guarded = {template for _, template, *_ in table(world)}
    assert every - guarded == {"/health"} | DOCS


@pytest.mark.parametrize("role", ROLES)
def test_route_table(world: World, role: str) -> None:
    for method, template, path, body, expected in table(world):
        response = world.client.request(method, path, headers=world.headers[role], json=body)
        assert response.status_code == expected[role], (role, method, template, response.text)
        text = response.text
        assert "hash" not in text
        assert "llt_" not in text or (method, template) == ("POST", "/users/{user_id}/tokens")
        if response.status_code == 403:
            assert response.json()["error"]["code"] == "forbidden"


def test_tokens_are_hashed_at_rest(world: World, db: Driver) -> None:
    token = world.headers["manager"]["Authorization"].removeprefix("Bearer ")
    stored = db.execute_query("MATCH (t:ApiToken) RETURN properties(t) AS p").records
    assert len(stored) == len(ROLES)
    dump = json.dumps([dict(r["p"]) for r in stored], default=str)
    assert token not in dump
    assert all(len(r["p"]["hash"]) == 64 for r in stored)
    listed = world.client.get(
        f"/users/{world.user_ids['manager']}/tokens",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    ).json()
    assert listed["count"] == 1
    assert set(listed["data"][0]) == {
        "id",
        "label",
        "user_id",
        "created_at",
        "expires_at",
        "revoked_at",
    }


def test_expired_revoked_and_disabled_are_refused(world: World, db: Driver) -> None:
    boot = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    me = world.client.get("/me", headers=world.headers["coordinator"])
    assert me.json()["role"] == "coordinator"

    db.execute_query(
        "MATCH (t:ApiToken {id: $id}) SET t.expires_at = datetime() - duration('PT1S')",
        id=world.token_ids["coordinator"],
    )
    assert world.client.get("/me", headers=world.headers["coordinator"]).status_code == 401

    assert world.client.get("/me", headers=world.headers["social_worker"]).status_code == 200
    revoked = world.client.delete(f"/tokens/{world.token_ids['social_worker']}", headers=boot)
    assert revoked.status_code == 204
    assert world.client.get("/me", headers=world.headers["social_worker"]).status_code == 401

    assert world.client.get("/me", headers=world.headers["manager"]).status_code == 200
    disabled = world.client.patch(
        f"/users/{world.user_ids['manager']}", headers=boot, json={"disabled": True}
    )
    assert disabled.json()["disabled"] is True
    assert world.client.get("/me", headers=world.headers["manager"]).status_code == 401
    refused = world.client.post(f"/users/{world.user_ids['manager']}/tokens", headers=boot, json={})
    assert refused.status_code == 404


def test_bad_input_is_422_and_changes_nothing(world: World, db: Driver) -> None:
    boot = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    before = db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    cases = [
        ("POST", "/users", {"username": "x y", "display_name": "X", "role": "coordinator"}),
        ("POST", "/users", {"username": "ok", "display_name": "X", "role": "superuser"}),
        ("POST", f"/users/{world.user_ids['admin']}/tokens", {"expires_in_days": 5000}),
        ("POST", f"/users/{world.user_ids['admin']}/tokens", {"expires_in_days": 0}),
        ("PATCH", f"/users/{world.user_ids['admin']}", {}),
    ]
    for method, path, body in cases:
        response = world.client.request(method, path, headers=boot, json=body)
        assert response.status_code == 422, (path, body, response.text)
        assert response.json()["error"]["code"] == "invalid_input"
        assert "x y" not in response.text
    taken = world.client.post(
        "/users", headers=boot, json={"username": "admin1", "display_name": "X", "role": "admin"}
    )
    assert taken.status_code == 409
    assert db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == before


def test_audit_records_changes_refusals_and_its_own_reading(world: World) -> None:
    manager = world.headers["manager"]
    refused = world.client.get("/users", headers=world.headers["coordinator"])
    assert refused.status_code == 403
    events = world.client.get("/audit", headers=manager).json()["data"]
    actions = [(e["action"], e["outcome"]) for e in events]
    assert actions.count(("user.create", "allowed")) == len(ROLES)
    assert actions.count(("token.issue", "allowed")) == len(ROLES)
    refusal = next(e for e in events if e["outcome"] == "refused")
    assert refusal["user_id"] == world.user_ids["coordinator"]
    assert refusal["resource"] == "/users"

    by_user = world.client.get(
        "/audit", headers=manager, params={"user_id": world.user_ids["coordinator"]}
    ).json()
    assert by_user["count"] == 1
    reads = world.client.get(
        "/audit", headers=manager, params={"user_id": world.user_ids["manager"]}
    ).json()["data"]
    assert [e["action"] for e in reads] == ["audit.read", "audit.read"]
    future = world.client.get(
        "/audit", headers=manager, params={"since": "2999-01-01T00:00:00Z"}
    ).json()
    assert future["count"] == 0
    assert (
        world.client.get("/audit", headers=manager, params={"since": "2026-01-01"}).status_code
        == 422
    )
