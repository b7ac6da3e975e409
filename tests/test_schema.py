"""The schema files apply in order, twice without harm, and constrain what they say."""

from __future__ import annotations

import asyncio

import pytest
from neo4j import AsyncGraphDatabase, Driver
from neo4j.exceptions import ConstraintError

from service.db import Db, apply_schema
from service.queries import load_queries
from tests.conftest import REPO, Target


def schema_state(driver: Driver) -> tuple[list[str], list[str]]:
    constraints = [r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records]
    indexes = [
        r["name"]
        for r in driver.execute_query(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"
        ).records
    ]
    return sorted(constraints), sorted(indexes)


async def apply(target: Target) -> list[str]:
    queries = load_queries(REPO / "cypher")
    async with AsyncGraphDatabase.driver(target.uri, auth=(target.user, target.password)) as driver:
        return await apply_schema(Db(driver, queries, "neo4j"))


def test_schema_applies_twice_with_the_same_result(bare_db: Driver, neo4j_target: Target) -> None:
    assert schema_state(bare_db) == ([], [])
    first = asyncio.run(apply(neo4j_target))
    after_first = schema_state(bare_db)
    second = asyncio.run(apply(neo4j_target))
    # The first time every statement runs but the drop of a constraint that is not there; the
    # second time none has anything to do, and nothing changes.
    every = [q.name for q in load_queries(REPO / "cypher").group("schema")]
    assert first == [name for name in every if name != "004_drop_external_id_unique"]
    assert second == []
    assert schema_state(bare_db) == after_first
    constraints, indexes = after_first
    assert "person_id_unique" in constraints
    assert "person_family_name" in indexes


def test_person_ids_are_unique(bare_db: Driver, neo4j_target: Target) -> None:
    asyncio.run(apply(neo4j_target))
    bare_db.execute_query("CREATE (:Person {id: 'p-1'})")
    with pytest.raises(ConstraintError):
        bare_db.execute_query("CREATE (:Person {id: 'p-1'})")
    count = bare_db.execute_query("MATCH (p:Person {id: 'p-1'}) RETURN count(p) AS n").records[0][
        "n"
    ]
    assert count == 1


def test_a_database_of_an_earlier_version_is_brought_up_to_date(
    bare_db: Driver, neo4j_target: Target
) -> None:
    """Statements are skipped by name only when they have nothing to do: the constraint an
    earlier version made is dropped, and an index someone removed is made again."""
    asyncio.run(apply(neo4j_target))
    bare_db.execute_query(
        "CREATE CONSTRAINT external_id_unique FOR (e:ExternalId) REQUIRE e.key IS UNIQUE"
    )
    bare_db.execute_query("DROP INDEX person_family_name")
    applied = asyncio.run(apply(neo4j_target))
    assert applied == ["002_person_family_name", "004_drop_external_id_unique"]
    constraints, indexes = schema_state(bare_db)
    assert "external_id_unique" not in constraints
    assert "person_family_name" in indexes
