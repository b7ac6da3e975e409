"""Benchmark: GEDCOM import of a generated family tree, and GET /people/{id}/relatives on it
through the API against the same data-layer read (family load and naming) run directly
through the driver, in the same run.

    .venv/bin/python bench/relatives.py [--people 2000] [--requests 400]

The tree is generated from a fixed seed: founding couples, four to five children a couple over
seven generations, most children partnered with someone from outside the tree. The young person
is one of the youngest generation. The API runs under uvicorn in its own process, with the
access check and the audit record of every read, as in production.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx2 as httpx
from neo4j import AsyncGraphDatabase

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import database, measure, percentiles, serve_api  # noqa: E402
from service.data import relatives  # noqa: E402
from service.db import Db  # noqa: E402
from service.gedcom import (  # noqa: E402
    GedcomChild,
    GedcomFamily,
    GedcomPerson,
    GedcomTree,
    write_gedcom,
)
from service.queries import load_queries  # noqa: E402

TOKEN = secrets.token_urlsafe(24)
RUN = secrets.token_hex(3)
# Calls before each measured row: a fresh server's JVM compiles the query's hot paths over the
# first few hundred runs, and a service in use is warm.
WARMUP = 300


def generate(people: int, seed: int = 7) -> tuple[GedcomTree, str]:
    """A family tree of about `people` people; returns it and the young person's xref."""
    rng = random.Random(seed)
    persons: list[GedcomPerson] = []
    families: list[GedcomFamily] = []

    def person(sex: str, year: int) -> str:
        xref = f"@I{len(persons) + 1}@"
        name = f"P{len(persons) + 1}"
        persons.append(GedcomPerson(xref, name, f"Fam{len(families) % 40}", sex, str(year),  # type: ignore[arg-type]
                                    None, year < 1940))  # fmt: skip
        return xref

    generation = [(person("male", 1850), person("female", 1852))]
    year = 1850
    youngest: list[str] = []
    while len(persons) < people:
        year += 25
        next_generation = []
        for husband, wife in generation:
            kids = []
            for _ in range(rng.randint(4, 5)):
                if len(persons) >= people:
                    break
                sex = rng.choice(("male", "female"))
                kid = person(sex, year + rng.randint(0, 8))
                kids.append(GedcomChild(kid, "birth"))
                youngest.append(kid)
                if rng.random() < 0.8 and len(persons) < people:
                    spouse = person("female" if sex == "male" else "male", year)
                    pair = (kid, spouse) if sex == "male" else (spouse, kid)
                    next_generation.append(pair)
            families.append(GedcomFamily(f"@F{len(families) + 1}@", (husband, wife), True,
                                         False, None, tuple(kids)))  # fmt: skip
        if not next_generation:
            break
        generation = next_generation
    for husband, wife in generation:  # the last couples, without children
        families.append(GedcomFamily(f"@F{len(families) + 1}@", (husband, wife), True, False,
                                     None, ()))  # fmt: skip
    return GedcomTree(tuple(persons), tuple(families)), youngest[-1]


async def created(
    http: httpx.AsyncClient, path: str, headers: dict[str, str], **kw: object
) -> dict[str, str]:
    """POST that must answer 201; its body."""
    response = await http.post(path, headers=headers, **kw)  # type: ignore[arg-type]
    assert response.status_code == 201, response.text[:500]
    return dict(response.json())


async def bench_users(http: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    """A manager and a coordinator of team "bench", made with the admin token: their headers."""
    boot = {"Authorization": f"Bearer {TOKEN}"}
    users = {}
    for role in ("manager", "coordinator"):
        user = await created(http, "/users", boot, json={
            "username": f"bench.{role}.{RUN}", "display_name": role, "role": role,
            "team": "bench"})  # fmt: skip
        token = await created(http, f"/users/{user['id']}/tokens", boot, json={})
        users[role] = {"Authorization": f"Bearer {token['token']}"}
    return users


async def setup(api: str, data: bytes, xref: str) -> tuple[dict[str, str], str, list[str]]:
    """Users, the young person, the import (twice); returns headers, the young person's id and
    lines reporting the import."""
    async with httpx.AsyncClient(base_url=api, timeout=120) as http:

        async def post(path: str, headers: dict[str, str], **kw: object) -> dict[str, str]:
            return await created(http, path, headers, **kw)

        users = await bench_users(http)
        young = await post("/young-people", users["manager"],
                           json={"given_name": "Bench", "status": "in_care"})  # fmt: skip
        await post(f"/young-people/{young['id']}/allocations", users["manager"],
                   json={"user_id": (await http.get("/me", headers=users["coordinator"])).json()[
                       "user_id"]})  # fmt: skip
        warm_tree, warm_xref = generate(len(data) // 110, seed=11)
        warm = await post("/young-people", users["manager"],
                          json={"given_name": "Warm", "status": "in_care"})  # fmt: skip
        await post(f"/young-people/{warm['id']}/allocations", users["manager"],
                   json={"user_id": (await http.get("/me", headers=users["coordinator"])).json()[
                       "user_id"]})  # fmt: skip
        t0 = time.perf_counter()
        first = await post(
            "/imports/gedcom", users["coordinator"],
            files={"file": ("warm.ged", write_gedcom(warm_tree).encode(), "text/x-gedcom")},
            data={"young_person_id": warm["id"], "young_person_xref": warm_xref},
        )  # fmt: skip
        lines = [
            f"import (first on this server, cold JVM): {first['people_in_file']} people in "
            f"{time.perf_counter() - t0:.2f} s"
        ]
        for attempt in ("measured", "again, a no-op"):
            t0 = time.perf_counter()
            result = await post(
                "/imports/gedcom", users["coordinator"],
                files={"file": ("bench.ged", data, "text/x-gedcom")},
                data={"young_person_id": young["id"], "young_person_xref": xref},
            )  # fmt: skip
            took = time.perf_counter() - t0
            lines.append(
                f"import ({attempt}): {result['people_in_file']} people, "
                f"{result['families_in_file']} families in {took:.2f} s; created "
                f"{result['people_created']} people, {result['relationships_created']} ties"
            )
    return users["coordinator"], young["id"], lines


async def bench(
    uri: str, user: str, password: str, api: str, headers: dict[str, str], person: str, total: int
) -> tuple[list[str], int]:
    queries = load_queries(REPO / "cypher")
    rows = []
    async with (
        AsyncGraphDatabase.driver(
            uri, auth=(user, password), notifications_min_severity="OFF"
        ) as driver,
        httpx.AsyncClient(base_url=api, timeout=30) as http,
    ):
        found = (await http.get(f"/people/{person}/relatives", headers=headers)).json()["count"]

        async def direct() -> None:
            kin = await relatives.find_relatives(
                Db(driver, queries, "neo4j"), person_id=person, within=[person],
                max_generations=4, side=None, living=None,
            )  # fmt: skip
            assert kin.count == found

        async def through_api() -> None:
            response = await http.get(f"/people/{person}/relatives", headers=headers)
            assert response.status_code == 200, response.text

        for clients in (1, 8):
            d_lat, d_rps = await measure(direct, total, clients, warmup=WARMUP)
            a_lat, a_rps = await measure(through_api, total, clients, warmup=WARMUP)
            d, a = percentiles(d_lat), percentiles(a_lat)
            rows.append(
                f"| {clients} | {d['p50']:.2f} | {d['p95']:.2f} | {d['p99']:.2f} | {d_rps:.0f} "
                f"| {a['p50']:.2f} | {a['p95']:.2f} | {a['p99']:.2f} | {a_rps:.0f} "
                f"| {a['p50'] / d['p50']:.2f} |"
            )
    return rows, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    tree, xref = generate(args.people)
    data = write_gedcom(tree).encode()
    with ExitStack() as stack:
        db = database(stack)
        api = serve_api(stack, db, LL_ADMIN_TOKEN=TOKEN)
        headers, young, lines = asyncio.run(setup(api, data, xref))
        rows, found = asyncio.run(
            bench(db.uri, db.user, db.password, api, headers, young, args.requests)
        )

    print(f"# GEDCOM import and relatives on a generated tree of {len(tree.people)} people")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    for line in lines:
        print(line)
    print(f"relatives of the young person (max_generations 4): {found}")
    print(f"{args.requests} requests per row")
    print(
        "| clients | direct p50 ms | p95 | p99 | req/s "
        "| API p50 ms | p95 | p99 | req/s | API/direct p50 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
