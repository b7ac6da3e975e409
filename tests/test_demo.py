"""The demo case loads with the API when LL_DEMO_DATA is on, once however often it starts."""

from __future__ import annotations

from fastapi.testclient import TestClient
from neo4j import Driver

from seed.demo import PARENTAGE, PEOPLE, YOUNG_PERSON_ID
from service.app import create_app
from tests.conftest import Target, settings_for


def counts(db: Driver) -> tuple[int, int, int]:
    record = db.execute_query(
        "MATCH (p:Person) WITH count(p) AS people "
        "OPTIONAL MATCH (:Person)-[r:PARENT_OF]->(:Person) WITH people, count(r) AS links "
        "OPTIONAL MATCH (y:YoungPerson) RETURN people, links, count(y) AS young"
    ).records[0]
    return record["people"], record["links"], record["young"]


def test_demo_loads_once(db: Driver, neo4j_target: Target) -> None:
    settings = settings_for(neo4j_target, demo_data=True)
    for _ in range(2):
        with TestClient(create_app(settings)) as client:
            assert client.get("/health").status_code == 200
        assert counts(db) == (len(PEOPLE), len(PARENTAGE), 1)
    parents = db.execute_query(
        "MATCH (parent:Person)-[:PARENT_OF]->(:YoungPerson {id: $id}) "
        "RETURN parent.given_name AS name",
        id=YOUNG_PERSON_ID,
    ).records
    assert sorted(r["name"] for r in parents) == ["Craig", "Donna"]


def test_demo_is_off_by_default(db: Driver, neo4j_target: Target) -> None:
    with TestClient(create_app(settings_for(neo4j_target))) as client:
        assert client.get("/health").status_code == 200
    assert counts(db) == (0, 0, 0)
