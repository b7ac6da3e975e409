"""Benchmark: GET /young-people/{id}/safeguarding on a synthetic graph of 100,000 people.

    .venv/bin/python bench/safeguarding.py [--trees 50] [--people 2000] [--requests 200]

Builds `trees` family trees of `people` each from fixed seeds (the generator of
bench/relatives.py), each the network of its own young person, imported through the project's
GEDCOM import; then flags about one person in a hundred (levels 1 to 3), puts about one person
in twenty into a shared household with someone of another family, and makes a few court orders.
The measured young person has ten connections. The API runs under uvicorn; "direct" runs the
same data-layer calls in this process, without HTTP, authentication or the audited check.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx2 as httpx
from neo4j import AsyncGraphDatabase

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import database, measure, percentiles, serve_api  # noqa: E402
from bench.relatives import RUN, TOKEN, generate  # noqa: E402
from service.auth.principal import COMMAND_LINE_ADMIN  # noqa: E402
from service.data import network, relatives, safeguarding  # noqa: E402
from service.data.gedcom_io import import_tree  # noqa: E402
from service.db import Db, apply_schema  # noqa: E402
from service.queries import load_queries  # noqa: E402

QUERIES = load_queries(REPO / "cypher")


def network_of(kin: relatives.Relatives) -> set[str]:
    return {r.person_id for r in kin.data}


async def build(uri: str, user: str, password: str, trees: int, size: int) -> tuple[str, float]:
    """The synthetic graph; returns the measured young person's id and the build time."""
    rng = random.Random(2026)
    t0 = time.perf_counter()
    async with AsyncGraphDatabase.driver(
        uri, auth=(user, password), notifications_min_severity="OFF"
    ) as driver:
        await apply_schema(Db(driver, QUERIES, "neo4j"))
        first = ""
        for i in range(trees):
            yp = f"bench-yp-{RUN}-{i}"
            await driver.execute_query(
                "CREATE (:Person:YoungPerson {id: $id, given_name: 'Young', family_name: $name, "
                "sex: 'unknown', living: true, care_status: 'in_care', team: 'bench'})",
                id=yp, name=f"Person {i}",
            )  # fmt: skip
            tree, xref = generate(size, seed=1000 + i)
            await import_tree(Db(driver, QUERIES, "neo4j"), actor=COMMAND_LINE_ADMIN,
                              young_person_id=yp, tree=tree, system=f"gedcom:bench-{i}",
                              young_person_xref=xref)  # fmt: skip
            first = first or yp
        ids = [r["id"] for r in (await driver.execute_query(
            "MATCH (p:Person) WHERE NOT p:YoungPerson RETURN p.id AS id"))[0]]  # fmt: skip
        flagged = rng.sample(ids, len(ids) // 100)
        await driver.execute_query(
            "UNWIND $rows AS row MATCH (p:Person {id: row.id}) "
            "CREATE (p)-[:HAS_FLAG]->(:Flag {id: randomUUID(), kind: row.kind, level: row.level, "
            "status: 'active', source: 'bench', raised_on: '2026-01-01', "
            "author_id: 'bench'})",
            rows=[{"id": pid, "level": rng.randint(1, 3),
                   "kind": rng.choice(["allegation", "person_posing_risk_to_children",
                                       "domestic_abuse_perpetrator"])} for pid in flagged],
        )  # fmt: skip
        pairs = [rng.sample(ids, 2) for _ in range(len(ids) // 40)]
        await driver.execute_query(
            "UNWIND range(0, size($pairs) - 1) AS i "
            "MATCH (a:Person {id: $pairs[i][0]}), (b:Person {id: $pairs[i][1]}) "
            "CREATE (x:Address {id: randomUUID(), key: 'bench-' + toString(i)}) "
            "CREATE (a)-[:LIVES_AT {since: '2020'}]->(x)<-[:LIVES_AT {since: '2021'}]-(b)",
            pairs=pairs,
        )  # fmt: skip
        await driver.execute_query(
            "UNWIND $rows AS row MATCH (a:Person {id: row[0]}), (b:Person {id: row[1]}) "
            "CREATE (a)-[:RESTRICTED_BY_ORDER {id: randomUUID(), kind: 'restraining_order', "
            "made_on: '2025-01-01'}]->(b)",
            rows=[rng.sample(ids, 2) for _ in range(trees * 2)],
        )  # fmt: skip
        kin = await relatives.find_relatives(Db(driver, QUERIES, "neo4j"), person_id=first,
                                             within=[first], max_generations=4, side=None,
                                             living=True)  # fmt: skip
        # A heavy case for the measured young person: two flagged relatives, and three
        # relatives each sharing a household with a flagged person from another family.
        near = [r.person_id for r in kin.data[10:15]]
        everyone = await relatives.find_relatives(
            Db(driver, QUERIES, "neo4j"),
            person_id=first,
            within=[first],
            max_generations=4,
            side=None,
            living=None,
        )
        outsiders = rng.sample([pid for pid in flagged if pid not in network_of(everyone)], 3)
        await driver.execute_query(
            "UNWIND $ids AS pid MATCH (p:Person {id: pid}) "
            "CREATE (p)-[:HAS_FLAG]->(:Flag {id: randomUUID(), kind: 'allegation', level: 3, "
            "status: 'active', source: 'bench', raised_on: '2026-01-01', author_id: 'bench'})",
            ids=near[:2],
        )  # fmt: skip
        await driver.execute_query(
            "UNWIND range(0, size($pairs) - 1) AS i "
            "MATCH (a:Person {id: $pairs[i][0]}), (b:Person {id: $pairs[i][1]}) "
            "CREATE (x:Address {id: randomUUID(), key: 'bench-near-' + toString(i)}) "
            "CREATE (a)-[:LIVES_AT {since: '2020'}]->(x)<-[:LIVES_AT {since: '2021'}]-(b)",
            pairs=[list(p) for p in zip(near[2:], outsiders, strict=True)],
        )  # fmt: skip
        for r in kin.data[:10]:
            await driver.execute_query(
                "MATCH (yp:YoungPerson {id: $yp}), (p:Person {id: $p}) "
                "CREATE (yp)-[:HAS_CONNECTION]->(:Connection {id: randomUUID(), "
                "stage: 'identified'})-[:WITH]->(p)",
                yp=first, p=r.person_id,
            )  # fmt: skip
    return first, time.perf_counter() - t0


async def direct_call(uri: str, user: str, password: str, yp: str, total: int) -> list[float]:
    async with AsyncGraphDatabase.driver(
        uri, auth=(user, password), notifications_min_severity="OFF"
    ) as driver:

        async def call() -> None:
            # What the route does, without HTTP, authentication and the audited check.
            members = await network.members(Db(driver, QUERIES, "neo4j"), young_person_id=yp)
            await safeguarding.links(Db(driver, QUERIES, "neo4j"), young_person_id=yp,
                                     network=members, max_steps=2)  # fmt: skip

        latencies, _ = await measure(call, total, 1, warmup=50)
        return latencies


async def through_api(api: str, yp: str, total: int) -> tuple[list[float], dict[str, int]]:
    boot = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=api, timeout=60) as http:
        user = (await http.post("/users", headers=boot, json={
            "username": f"bench.sg.{RUN}", "display_name": "m", "role": "manager",
            "team": "bench"})).json()  # fmt: skip
        token = (await http.post(f"/users/{user['id']}/tokens", headers=boot, json={})).json()
        headers = {"Authorization": f"Bearer {token['token']}"}
        first = (await http.get(f"/young-people/{yp}/safeguarding", headers=headers)).json()
        shape = {"chains": first["count"], "flagged_in_network": len(first["flagged_in_network"])}

        async def call() -> None:
            response = await http.get(f"/young-people/{yp}/safeguarding", headers=headers)
            assert response.status_code == 200, response.text

        latencies, _ = await measure(call, total, 1, warmup=50)
        return latencies, shape


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trees", type=int, default=50)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with ExitStack() as stack:
        db = database(stack, heap="1g", pagecache="1g")
        yp, built = asyncio.run(build(db.uri, db.user, db.password, args.trees, args.people))
        direct = asyncio.run(direct_call(db.uri, db.user, db.password, yp, args.requests))
        api = serve_api(stack, db, LL_ADMIN_TOKEN=TOKEN)
        via_api, shape = asyncio.run(through_api(api, yp, args.requests))

    d, a = percentiles(direct), percentiles(via_api)
    print(f"# Safeguarding links on {args.trees} trees of {args.people} people")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"graph built (import, flags, households, orders) in {built:.0f} s")
    print(f"measured young person: {shape['chains']} chains, "
          f"{shape['flagged_in_network']} flagged people in the network (max_steps 2)")  # fmt: skip
    print(f"{args.requests} requests, one client")
    print("| path | p50 ms | p95 | p99 |")
    print("|---|---|---|---|")
    print(f"| data layer in process | {d['p50']:.1f} | {d['p95']:.1f} | {d['p99']:.1f} |")
    print(f"| API | {a['p50']:.1f} | {a['p95']:.1f} | {a['p99']:.1f} |")


if __name__ == "__main__":
    main()
