"""An import too large for one transaction on the server it runs against: a clear 413 that
says what to do, nothing written, and no retrying. On its own local Neo4j whose transactions
may each use 4 MB (`db.memory.transaction.max`), so that a tree of 2,000 people is too large.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from service.app import create_app
from service.localdb import LocalNeo4j, throwaway
from tests.cases import ADMIN_TOKEN, GEDCOM, Family, add_user, allocate, import_file, open_case
from tests.conftest import SHORT_LIVED, Target, cache_dir, settings_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small_server() -> Iterator[LocalNeo4j]:
    with throwaway(cache_dir(), extra=("db.memory.transaction.max=4m",), jvm=SHORT_LIVED) as server:
        yield server


def tree(people: int) -> bytes:
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8"]
    for i in range(people):
        lines += [f"0 @I{i}@ INDI", f"1 NAME Person{i} /Family{i % 50}/", "1 BIRT",
                  f"2 DATE ABT {1900 + i % 100}"]  # fmt: skip
    return ("\n".join([*lines, "0 TRLR"]) + "\n").encode()


def test_a_tree_too_large_for_one_transaction_is_refused_with_what_to_do(
    small_server: LocalNeo4j,
) -> None:
    user, password = small_server.auth
    target = Target(small_server.uri, user, password, "local")
    with TestClient(create_app(settings_for(target, admin_token=ADMIN_TOKEN))) as client:
        manager = add_user(client, "manager1", "manager")
        coordinator = add_user(client, "coordinator1", "coordinator")
        young_person = open_case(client, manager)
        allocate(client, manager, young_person, coordinator)
        family = Family(client, coordinator.headers, young_person)
        with GraphDatabase.driver(small_server.uri, auth=(user, password)) as driver:

            def people() -> int:
                found = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n")
                return int(found.records[0]["n"])

            before = people()
            response = import_file(family, tree(2000), source="big")
            assert response.status_code == 413, response.text[:300]
            error = response.json()["error"]
            assert error["code"] == "payload_too_large"
            assert (
                "2000 people are more than this server can import in one transaction"
                in (error["message"])
            )
            assert "LL_NEO4J_HEAP" in error["message"]
            assert people() == before  # nothing written
            # A small file on the same server imports.
            small = import_file(family, GEDCOM, young_person_xref="@I1@", source="small")
            assert small.status_code == 201, small.text
            assert people() == before + 4
