"""`GET /health` and the one JSON error shape, against the session's database."""

from __future__ import annotations

from fastapi.testclient import TestClient
from neo4j import Driver

from service.app import create_app
from service.settings import Settings
from tests.conftest import Target, settings_for


def test_health_names_neo4j_526(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["name"] == "Neo4j Kernel"
    assert body["neo4j"]["version"].startswith("5.26.")
    assert body["neo4j"]["edition"] == "community"


def test_health_answers_head_as_get_without_a_body(client: TestClient) -> None:
    """Uptime monitors and load balancers that ask with HEAD got a 405."""
    head = client.head("/health")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == client.get("/health").headers["content-type"]


def test_start_up_applies_the_schema(bare_db: Driver, settings: Settings) -> None:
    with TestClient(create_app(settings)):
        names = {r["name"] for r in bare_db.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert "person_id_unique" in names


def test_errors_share_one_shape(client: TestClient) -> None:
    missing = client.get("/no-such-route")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "not_found", "message": "Not Found"}}
    wrong_method = client.post("/health")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"


def test_health_is_503_when_nothing_listens(db: Driver, neo4j_target: Target) -> None:
    # The API starts against the real database, then its driver is pointed at a closed port:
    # the same view the API has of a database that went away.
    settings = settings_for(neo4j_target)
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        from dataclasses import replace

        from service.db import make_driver

        real = app.state.db
        gone = make_driver(settings, uri="bolt://127.0.0.1:9", password="x")
        app.state.db = replace(real, driver=gone)
        try:
            response = client.get("/health")
        finally:
            assert client.portal is not None
            client.portal.call(gone.close)
            app.state.db = real
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "database_unavailable"
        assert response.headers["retry-after"] == "5"
        assert client.get("/health").status_code == 200
