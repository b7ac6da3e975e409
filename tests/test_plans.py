"""The plans Neo4j makes at start-up (`service.db.warm_plans`, for an empty id) serve the real
reads that follow, whatever the length of their ids: the server files plans by parameter type
alone (`internal.cypher.use_parameter_size=false`, set by the local server, the test container
and docker-compose.yml). By default Neo4j files them by each string's length too, rounded to a
power of ten, and the first map after a restart planned `get_network` again (0.6-2 s)."""

from __future__ import annotations

import asyncio
from typing import Any

from neo4j import READ_ACCESS, Driver

from service.db import Db, make_driver, warm_plans
from service.queries import load_queries
from tests.conftest import REPO, Target, settings_for

QUERIES = load_queries(REPO / "cypher")


def cached_plans(driver: Driver) -> int:
    """How many plans the server held, emptying its caches (the procedure says so in words)."""
    said = driver.execute_query("CALL db.clearQueryCaches()").records[0][0]
    if said == "Query cache already empty.":
        return 0
    return int(said.removeprefix("Query caches successfully cleared of ").split()[0])


def test_the_plan_made_for_an_empty_id_serves_ids_of_every_length(neo4j_driver: Driver) -> None:
    cached_plans(neo4j_driver)
    for young_person_id in ("", "demo-kai", "0b1e6f3e-1d4c-4f0e-9c55-0a4c1d2b3e4f", "k"):
        neo4j_driver.execute_query(
            QUERIES["get_network"], young_person_id=young_person_id, today="2026-01-01",
            blocking_level=3, routing_="r",
        )  # fmt: skip
    assert cached_plans(neo4j_driver) == 1


def test_warm_plans_leaves_nothing_for_a_first_real_read_to_plan(
    neo4j_driver: Driver, neo4j_target: Target
) -> None:
    """After the start-up's plans, the busy reads with real ids add no plan of their own."""
    cached_plans(neo4j_driver)
    settings = settings_for(neo4j_target)

    async def warm() -> None:
        driver = make_driver(settings, uri=neo4j_target.uri, password=neo4j_target.password)
        try:
            await warm_plans(Db(driver, QUERIES, settings.neo4j_database))
        finally:
            await driver.close()

    asyncio.run(warm())
    warmed = cached_plans(neo4j_driver)
    assert warmed >= 9
    asyncio.run(warm())
    real = "0b1e6f3e-1d4c-4f0e-9c55-0a4c1d2b3e4f"
    with neo4j_driver.session(default_access_mode=READ_ACCESS) as session:
        for name in ("get_network", "find_lapsed", "list_orders_about", "get_suggestion_facts"):
            params: dict[str, Any] = {"young_person_id": real, "today": "2026-12-06"}
            if name == "get_network":
                params["blocking_level"] = 3
            session.run(QUERIES[name], params).consume()
        session.run(QUERIES["get_token_principal"], hash="f" * 64).consume()
        session.run(QUERIES["load_family"], person_id=real, max_generations=4, within=[real],
                    external_ids=False).consume()  # fmt: skip
    assert cached_plans(neo4j_driver) == warmed
