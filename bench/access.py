"""Benchmark: the audited access check on a synthetic council, allowed against refused against
nobody, and against the check it replaced (a path search through family and trusted-adult
ties), measured in the same run:

    .venv/bin/python bench/access.py [--young-people 1000] [--seed 7] [--requests 300]
                                     [--write bench/RESULTS.md]

It starts a throwaway local Neo4j, builds the council with `seed.council`, and then runs
`check_person_access` straight through the async driver (one client, the way one request makes
one check) for a coordinator and for a manager, each asking about:
- allowed: people in the networks of their own cases;
- refused: people in the networks of other teams' cases (with shared relatives, carers and
  teachers, the ties that used to let the path search through);
- nobody: ids that belong to no one.
Every call records an audit event (as reads do), so the three do the same writing. The baseline
rows run the previous query (`bench/baseline/check_person_access_path_search.cypher`) on the
same people. Rows are measured in sets (`SETS`), each set's rows in turns. The section names
the machine and load; with `--write` it replaces the access section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.council import build, machine  # noqa: E402
from bench.health import database, percentiles  # noqa: E402
from service.localdb import neo4j_version  # noqa: E402
from service.queries import load_queries  # noqa: E402

QUERIES = load_queries(REPO / "cypher")
BASELINE = (REPO / "bench/baseline/check_person_access_path_search.cypher").read_text()
DB = "neo4j"
SAMPLE = 60  # people of each kind the calls cycle over
START = "<!-- access:start -->"
END = "<!-- access:end -->"


async def callers(driver: AsyncDriver) -> list[dict[str, Any]]:
    """A coordinator with current allocations and a manager, with people of each kind."""
    today = date.today().isoformat()
    found = []
    pick = {
        "coordinator": "MATCH (u:User {role: 'coordinator'})-[a:ALLOCATED_TO]->(yp:YoungPerson) "
        "WHERE a.from <= date($today) AND (a.until IS NULL OR date($today) <= a.until) "
        "WITH u, collect(yp.id) AS cases ORDER BY u.id LIMIT 1 "
        "RETURN u.id AS user_id, u.team AS team, cases",
        "manager": "MATCH (u:User {role: 'manager'}) WITH u ORDER BY u.id LIMIT 1 "
        "RETURN u.id AS user_id, u.team AS team, "
        "COLLECT { MATCH (t:YoungPerson {team: u.team}) RETURN t.id } AS cases",
    }
    for role, query in pick.items():
        records, _, _ = await driver.execute_query(query, today=today, database_=DB)
        caller = dict(records[0])
        mine, _, _ = await driver.execute_query(
            "UNWIND $cases AS id MATCH (p:Person)-[:IN_NETWORK_OF]->(:YoungPerson {id: id}) "
            "WHERE NOT p:YoungPerson RETURN DISTINCT p.id AS id ORDER BY id LIMIT $n",
            cases=caller["cases"], n=SAMPLE, database_=DB,
        )  # fmt: skip
        theirs, _, _ = await driver.execute_query(
            "MATCH (p:Person)-[:IN_NETWORK_OF]->(yp:YoungPerson) "
            "WHERE yp.team <> $team AND NOT p:YoungPerson "
            "AND NOT EXISTS { (p)-[:IN_NETWORK_OF]->(c:YoungPerson) WHERE c.id IN $cases } "
            "RETURN DISTINCT p.id AS id ORDER BY id LIMIT $n",
            team=caller["team"], cases=caller["cases"], n=SAMPLE, database_=DB,
        )  # fmt: skip
        caller |= {
            "role": role,
            "allowed": [r["id"] for r in mine],
            "refused": [r["id"] for r in theirs],
            "nobody": [str(uuid.uuid4()) for _ in range(SAMPLE)],
        }
        found.append(caller)
    return found


def checker(
    driver: AsyncDriver,
    text: str,
    caller: dict[str, Any],
    kind: str,
    today: str,
    let_through: list[str] | None = None,
) -> Callable[[], Awaitable[None]]:
    """One audited check of the next person of `kind`; a wrong answer stops the run, unless
    `let_through` collects the people the (old) check wrongly allowed."""
    ids = itertools.cycle(caller[kind])

    async def call() -> None:
        person_id = next(ids)
        records, _, _ = await driver.execute_query(
            text, person_id=person_id, user_id=caller["user_id"], role=caller["role"],
            team=caller["team"], today=today, action="bench", resource="bench",
            record_allowed=True, young=False, database_=DB,
        )  # fmt: skip
        allowed = records[0]["via"] is not None
        if let_through is not None and allowed and kind != "allowed":
            let_through.append(person_id)
            return
        assert allowed is (kind == "allowed"), (kind, caller["role"])

    return call


# What is compared with what, each set measured on its own (its rows in turns): the check's
# three answers against each other; its allowed answer against the one it replaced; and the path
# search's refusals, which let people through and take 15-130 times as long (run among the others
# they flush the caches the next calls start from, a cost the service no longer has).
SETS = (
    ("answers", (("check_person_access", "allowed"), ("check_person_access", "refused"),
                 ("check_person_access", "nobody"))),
    ("allowed", (("check_person_access", "allowed"), ("path search (before)", "allowed"))),
    ("before", (("path search (before)", "refused"), ("path search (before)", "nobody"))),
)  # fmt: skip


async def rows(driver: AsyncDriver, total: int) -> list[str]:
    """Each set's rows measured in turns (one check of each row, then the next round), after a
    warm-up of every row: no row gains from running later on a warmer cache or JIT."""
    today = date.today().isoformat()
    texts = {
        "check_person_access": QUERIES["check_person_access"],
        "path search (before)": BASELINE,
    }
    everyone = await callers(driver)
    lines = []
    for set_name, members in SETS:
        measured: list[tuple[str, Callable[[], Awaitable[None]], list[str] | None, int]] = []
        for caller in everyone:
            for query_name, kind in members:
                text = texts[query_name]
                wrongly: list[str] | None = [] if text is BASELINE else None
                label = f"| {set_name} | {caller['role']} | {query_name} | {kind} |"
                call = checker(driver, text, caller, kind, today, wrongly)
                measured.append((label, call, wrongly, len(caller[kind])))
        for _ in range(2 * SAMPLE):
            for _, call, _, _ in measured:
                await call()
        latencies: list[list[float]] = [[] for _ in measured]
        for _ in range(total):
            for i, (_, call, _, _) in enumerate(measured):
                t0 = time.perf_counter()
                await call()
                latencies[i].append(time.perf_counter() - t0)
        for (label, _, wrongly, sampled), samples in zip(measured, latencies, strict=True):
            p = percentiles(samples)
            let = len(set(wrongly)) if wrongly is not None else 0
            lines.append(f"{label} {p['p50']:.2f} | {p['p95']:.2f} | {sampled} | {let} |")
    return lines


async def run(db: Any, args: argparse.Namespace) -> tuple[Any, list[str], str]:
    summary = await build(db.uri, db.user, db.password, args.young_people, args.seed)
    async with AsyncGraphDatabase.driver(
        db.uri, auth=(db.user, db.password), notifications_min_severity="OFF"
    ) as driver:
        measured = await rows(driver, args.requests)
    return summary, measured, neo4j_version()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--young-people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--write", default=None, help="RESULTS.md to update")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    with ExitStack() as stack:
        db = database(stack, heap="2g", pagecache="2g")
        summary, measured, version = asyncio.run(run(db, args))
    section = "\n".join([
        f"Machine: {machine()}; Neo4j {version}; load before the run {load:.2f}. Command: "
        f"`.venv/bin/python bench/access.py --young-people {args.young_people} "
        f"--requests {args.requests}` ({time.perf_counter() - t0:.0f} s in all). Council: "
        f"{summary}.",
        "",
        "The audited access check alone, through the driver, one client, "
        f"{args.requests} checks a row (ms):",
        "",
        "| set | caller | query | person | p50 | p95 | people sampled | of them wrongly allowed |",
        "|---|---|---|---|---|---|---|---|",
        *measured,
    ])  # fmt: skip
    print(section)
    if args.write:
        path = REPO / args.write
        text = path.read_text(encoding="utf-8")
        block = f"{START}\n{section}\n{END}"
        if START in text:
            head, rest = text.split(START, 1)
            text = head + block + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n## The access check\n\n" + block + "\n"
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
