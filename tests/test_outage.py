"""Neo4j stops or hangs under a running API: /health answers 503 within 2 s, then 200 again
once Neo4j is back, without restarting the API.

This test owns its Neo4j process (the local Maven-provisioned server in a throwaway folder),
since it has to stop and start it; the data written before the outage is still there after.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from service.app import create_app
from service.localdb import LocalNeo4j, throwaway
from tests.conftest import SHORT_LIVED, Target, cache_dir, settings_for

# Slow (stops and starts Neo4j): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def own_server() -> Iterator[LocalNeo4j]:
    with throwaway(cache_dir(), jvm=SHORT_LIVED) as server:
        yield server


@pytest.fixture(scope="module")
def client(own_server: LocalNeo4j) -> Iterator[TestClient]:
    """One API for the module's outages, started once (it plans its busy reads on a cold JVM,
    about 5 s): each outage is met by an API that has been running, as in service."""
    user, password = own_server.auth
    target = Target(uri=own_server.uri, user=user, password=password, kind="local")
    with TestClient(create_app(settings_for(target))) as started:
        yield started


def first_status(client: TestClient, wanted: int, within: float) -> tuple[float, list[float]]:
    """Poll /health until it answers `wanted`; return the time taken and each call's duration."""
    start = time.monotonic()
    calls = []
    while True:
        t0 = time.monotonic()
        status = client.get("/health").status_code
        calls.append(time.monotonic() - t0)
        if status == wanted:
            return time.monotonic() - start, calls
        if time.monotonic() - start > within:
            pytest.fail(f"/health did not answer {wanted} within {within} s (last {status})")
        time.sleep(0.05)


def test_stop_and_start(
    own_server: LocalNeo4j, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with GraphDatabase.driver(own_server.uri, auth=own_server.auth) as driver:
        driver.execute_query("MERGE (:Person {id: 'kept-through-restart'})")
    assert client.get("/health").status_code == 200
    own_server.stop()
    took, calls = first_status(client, 503, within=2.0)
    assert took <= 2.0
    assert max(calls) <= 2.0
    body = client.get("/health").json()
    assert body["error"]["code"] == "database_unavailable"

    # The log names the route, never the path: paths carry the ids of the people a case is
    # about.
    caplog.set_level(logging.WARNING, logger="service")
    person = "a-young-persons-id-4f1c"
    refused = client.get(
        f"/people/{person}/relatives", headers={"Authorization": "Bearer " + "t" * 40}
    )
    assert refused.status_code == 503
    logged = [record.getMessage() for record in caplog.records]
    assert "database unavailable on GET /people/{person_id}/relatives" in logged, logged
    assert not [line for line in logged if person in line], logged

    own_server.start()
    first_status(client, 200, within=30.0)
    assert client.get("/health").json()["neo4j"]["version"].startswith("5.26.")
    with GraphDatabase.driver(own_server.uri, auth=own_server.auth) as driver:
        kept = driver.execute_query(
            "MATCH (p:Person {id: 'kept-through-restart'}) RETURN count(p) AS n"
        )
        assert kept.records[0]["n"] == 1


def test_hung_database_is_503_not_a_hang(own_server: LocalNeo4j, client: TestClient) -> None:
    pid = own_server.running_pid()
    assert pid is not None
    assert client.get("/health").status_code == 200
    os.kill(pid, signal.SIGSTOP)
    try:
        t0 = time.monotonic()
        response = client.get("/health")
        assert time.monotonic() - t0 <= 2.0
        assert response.status_code == 503
    finally:
        os.kill(pid, signal.SIGCONT)
    first_status(client, 200, within=15.0)
