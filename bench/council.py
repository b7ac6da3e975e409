"""Benchmark: a synthetic council, every busy read under 1, 8 and 32 clients, against the same
work done straight through the driver in the same run. One command, one run, one table:

    .venv/bin/python bench/council.py [--young-people 1000] [--seed 7] [--requests 240]
                                      [--write bench/RESULTS.md]

It starts a throwaway local Neo4j (heap and page cache 2 GB each), builds the council with
`seed.council` (batched writes; load throughput in people and relationships per second), starts
the API under uvicorn in its own process (as in production: token, audited access check, JSON
or HTML), warms the server (every endpoint through the API in turns, 1,000 requests each: the
query runtime of Neo4j's JVM is compiled as it runs, and a server just started costs several
times what it costs warmed), and then for each endpoint and each number of clients measures:
- API: the HTTP request, cycling over a sample of young people, as their team's manager;
- direct: the same data-layer calls (the same Cypher, the same Python shaping) in this process
  through the async driver, without HTTP, authentication or the audited check;
and the ratio of the two at p50 and p95: what the service adds on top of the database work.
Two last rows are floors: `GET /me` against the token lookup alone (what any signed-in request
costs), and `GET /young-people/{id}` against reading that one record (what the audited access
check adds to a read of a young person's case, before any family work).
Then relatives and the network through the API once more, open loop: requests arriving at random
at fixed rates (5 to 40 a second) whether or not earlier ones are answered, the way requests from
many people arrive, against the 50 ms p95 target.
The machine's speed (bench/reference.py) is measured before and after the rows: this virtual
machine's speed moves between hours, and runs are comparable only at about the same speed.
With `--write` the figures replace the council section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import platform
import random
import re
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx2 as httpx
from neo4j import AsyncDriver, AsyncGraphDatabase

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import Database, database, measure, percentiles, start_api  # noqa: E402
from bench.reference import reference_ms  # noqa: E402
from bench.relatives import RUN, TOKEN  # noqa: E402
from seed import council  # noqa: E402
from service.auth.need_to_know import set_viewer  # noqa: E402
from service.auth.principal import Role  # noqa: E402
from service.data import (  # noqa: E402
    chains,
    contacts,
    discovery,
    network,
    network_graph,
    people,
    relatives,
    safeguarding,
    users,
)
from service.data.network_graph import Filters  # noqa: E402
from service.dates import london_today  # noqa: E402
from service.db import Db, together  # noqa: E402
from service.drawing import draw  # noqa: E402
from service.localdb import neo4j_version  # noqa: E402
from service.models import ListOf  # noqa: E402
from service.queries import load_queries  # noqa: E402
from service.workflow import lapse_days  # noqa: E402
from visualise import maps  # noqa: E402

QUERIES = load_queries(REPO / "cypher")
DB = "neo4j"
CLIENTS = (1, 8, 32)
SAMPLE = 40  # young people the requests cycle over
WARMUP = SAMPLE  # every young person of the sample once: its part of the graph in the page cache
HEAP = PAGECACHE = "2g"  # the council's store is about 1 GB: all of it in the page cache
# Offered loads for the open-loop rows: requests arrive at random (Poisson) at these rates,
# whether or not earlier ones have been answered, as requests from many people would.
RATES = (5, 10, 20, 40)
# The Java virtual machine under Neo4j compiles its query runtime while it runs: on a server
# just started, a relatives read costs Neo4j 33 ms of CPU, 11 ms after 200 reads and 6-7 ms
# after 1,600 (2026-12-05). A council's server runs for days, so the rows measure a warmed
# server: every endpoint through the API, in turns, WARM_PASSES times WARM_REQUESTS requests
# first, each pass's CPU per request printed so the settling shows.
WARM_PASSES = 5
WARM_REQUESTS = 200
OPEN_REQUESTS = 150  # per rate
TARGET_MS = 50.0  # the council issue's p95 target for relatives and the network
TARGETED = ("relatives", "network")
START = "<!-- council:start -->"
END = "<!-- council:end -->"


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str  # with {yp}
    direct: Callable[[AsyncDriver, str], Awaitable[Any]]


# Each direct call ends with the body its endpoint sends (JSON, or the map's page), so that what
# the API adds is its own part: the token, the audited access check, HTTP and the framework.


async def _relatives(driver: AsyncDriver, yp: str) -> Any:
    found = await relatives.find_relatives(Db(driver, QUERIES, DB), person_id=yp, within=[yp],
                                           max_generations=4, side=None, living=None)  # fmt: skip
    return found.model_dump_json(by_alias=True)


async def _placed(driver: AsyncDriver, yp: str) -> network_graph.NetworkGraph:
    graph = await network.network(Db(driver, QUERIES, DB), young_person_id=yp,
                                  view="ecomap", filters=Filters())  # fmt: skip
    draw(graph)
    return graph


async def _network(driver: AsyncDriver, yp: str) -> Any:
    return (await _placed(driver, yp)).model_dump_json(by_alias=True)


async def _lapsed(driver: AsyncDriver, yp: str) -> Any:
    days = lapse_days()
    found = await contacts.find_lapsed(Db(driver, QUERIES, DB), young_person_id=yp,
                                          threshold_days=days, today=date.today())  # fmt: skip
    return ListOf[contacts.Lapsed](data=found, count=len(found)).model_dump_json(by_alias=True)


async def _safeguarding(driver: AsyncDriver, yp: str) -> Any:
    members = await network.members(Db(driver, QUERIES, DB), young_person_id=yp)
    found = await safeguarding.links(Db(driver, QUERIES, DB), young_person_id=yp,
                                     network=members, max_steps=2)  # fmt: skip
    return found.model_dump_json(by_alias=True)


async def _suggestions(driver: AsyncDriver, yp: str) -> Any:
    found = await discovery.suggestions(Db(driver, QUERIES, DB), young_person_id=yp)
    return ListOf[discovery.Suggestion](data=found, count=len(found)).model_dump_json(by_alias=True)


async def _map(driver: AsyncDriver, yp: str) -> Any:
    """The page as the route makes it: the graph, the safeguarding chains of its panel, the
    page."""
    db, today = Db(driver, QUERIES, DB), london_today()  # as the route's access.today
    loaded = await network.load(db, young_person_id=yp, max_generations=4, today=today)

    async def placed() -> network_graph.NetworkGraph:
        graph = network.assemble(loaded, view="ecomap", filters=Filters(), today=today)
        draw(graph)
        return graph

    through, graph = await together(
        chains.through_network(db, young_person_id=yp, max_steps=2, today=today,
                               family=loaded.member_family, connected=loaded.connected),
        placed(),
    )  # fmt: skip
    return maps.render(network_graph.for_page(graph, through), title="map").body


ENDPOINTS = [
    Endpoint("relatives", "/people/{yp}/relatives", _relatives),
    Endpoint("network", "/young-people/{yp}/graph", _network),
    Endpoint("lapsed", "/young-people/{yp}/lapsed", _lapsed),
    Endpoint("safeguarding", "/young-people/{yp}/safeguarding", _safeguarding),
    Endpoint("suggestions", "/young-people/{yp}/suggestions", _suggestions),
    Endpoint("map", "/young-people/{yp}/map", _map),
]


def floor(token: str) -> Endpoint:
    """`GET /me`: the token lookup and HTTP alone, the least any signed-in request costs; the
    reads above add the audited access check and their own query to it."""

    async def lookup(driver: AsyncDriver, _yp: str) -> Any:
        return await users.check_token(Db(driver, QUERIES, DB), token=token)

    return Endpoint("floor (/me)", "/me", lookup)


async def _record(driver: AsyncDriver, yp: str) -> Any:
    return await people.get_person(Db(driver, QUERIES, DB), person_id=yp, via=yp, opened=(yp,))


# `GET /young-people/{id}`: the token, the audited access check and one small record. Against
# reading the record alone, it shows what every audited read of a case pays before its own work.
AUDITED_FLOOR = Endpoint("floor (audited read)", "/young-people/{yp}", _record)


async def open_loop(
    call: Callable[[], Awaitable[None]], rate: float, total: int, seed: int
) -> tuple[list[float], float]:
    """`total` calls arriving at random at `rate` a second, each started on time whether or not
    earlier ones have finished. A latency runs from when the call was due, so time spent waiting
    to be sent counts. Returns the latencies and the rate of answers."""
    arrivals = random.Random(seed)
    latencies: list[float] = []

    async def timed(due: float) -> None:
        await call()
        latencies.append(time.perf_counter() - due)

    tasks = []
    start = due = time.perf_counter()
    for _ in range(total):
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(timed(due)))
        due += arrivals.expovariate(rate)
    await asyncio.gather(*tasks)
    return latencies, len(latencies) / (time.perf_counter() - start)


async def build(uri: str, user: str, password: str, young_people: int, seed: int) -> Any:
    async with AsyncGraphDatabase.driver(uri, auth=(user, password)) as driver:
        return await council.build(Db(driver, QUERIES, DB), young_people=young_people,
                                   seed=seed, batch=5000, progress=sys.stderr.isatty())  # fmt: skip


async def sample(api: str, uri: str, user: str, password: str) -> tuple[str, list[str]]:
    """A manager's token and a sample of their team's young people."""
    async with AsyncGraphDatabase.driver(uri, auth=(user, password)) as driver:
        records, _, _ = await driver.execute_query(
            "MATCH (u:User {role: 'manager'}) WITH u ORDER BY u.id LIMIT 1 "
            "MATCH (yp:YoungPerson {team: u.team}) WITH u, yp ORDER BY yp.id "
            "RETURN u.id AS manager, collect(yp.id)[..$n] AS young",
            n=SAMPLE, database_=DB,
        )  # fmt: skip
    manager, young = records[0]["manager"], list(records[0]["young"])
    async with httpx.AsyncClient(base_url=api, timeout=60) as http:
        issued = await http.post(f"/users/{manager}/tokens",
                                 headers={"Authorization": f"Bearer {TOKEN}"}, json={})  # fmt: skip
        assert issued.status_code == 201, issued.text
    return str(issued.json()["token"]), young


def cpu_seconds(pid: int | None) -> float:
    """User and system CPU time of a process so far (0 when it is not ours to see)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def api_client(api: str) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    return httpx.AsyncClient(base_url=api, timeout=120, limits=limits)


def api_caller(
    http: httpx.AsyncClient, token: str, endpoint: Endpoint, young: list[str]
) -> Callable[[], Awaitable[None]]:
    """One GET of `endpoint` through the API per call, cycling over `young`; anything but a 200
    stops the run."""
    headers = {"Authorization": f"Bearer {token}"}
    cycle = itertools.cycle(young)

    async def call() -> None:
        response = await http.get(endpoint.path.format(yp=next(cycle)), headers=headers)
        assert response.status_code == 200, (endpoint.name, response.text[:300])

    return call


async def warm_up(api: str, db: Database, api_pid: int, token: str, young: list[str]) -> list[str]:
    """Every endpoint through the API, in turns, `WARM_PASSES` times: rows of the CPU per
    request (Neo4j + API) of each pass."""
    figures: dict[str, list[str]] = {}
    async with api_client(api) as http:
        for _ in range(WARM_PASSES):
            for endpoint in [*ENDPOINTS, floor(token), AUDITED_FLOOR]:
                call = api_caller(http, token, endpoint, young)
                before = cpu_seconds(db.pid), cpu_seconds(api_pid)
                for _ in range(WARM_REQUESTS):
                    await call()
                after = cpu_seconds(db.pid), cpu_seconds(api_pid)
                neo4j, own = ((y - x) * 1000 / WARM_REQUESTS
                              for x, y in zip(before, after, strict=True))  # fmt: skip
                figures.setdefault(endpoint.name, []).append(f"{neo4j:.1f} + {own:.1f}")
    rows = [f"| {name} | {' | '.join(passes)} |" for name, passes in figures.items()]
    print("\n".join(rows), flush=True)
    return rows


async def run_rows(
    api: str, db: Database, api_pid: int, token: str, young: list[str], total: int
) -> list[str]:
    rows = []
    uri, user, password = db.uri, db.user, db.password
    # The direct calls answer as the API answers the bench's user, a manager: with what that
    # role may see (need-to-know), not the less that no viewer sees.
    set_viewer(Role.manager)
    async with (
        AsyncGraphDatabase.driver(
            uri,
            auth=(user, password),
            notifications_min_severity="OFF",
            max_connection_pool_size=64,
        ) as driver,  # fmt: skip
        api_client(api) as http,
    ):
        for endpoint in [*ENDPOINTS, floor(token), AUDITED_FLOOR]:
            for clients in CLIENTS:
                cycle_direct = itertools.cycle(young)

                async def direct(e: Endpoint = endpoint, it: Any = cycle_direct) -> None:
                    await e.direct(driver, next(it))

                through_api = api_caller(http, token, endpoint, young)
                d_lat, d_rps = await measure(direct, total, clients, warmup=WARMUP)
                for _ in range(WARMUP):
                    await through_api()
                # CPU per request: where a request's work is done, the sizing figure.
                before = cpu_seconds(db.pid), cpu_seconds(api_pid), time.process_time()
                a_lat, a_rps = await measure(through_api, total, clients, warmup=0)
                after = cpu_seconds(db.pid), cpu_seconds(api_pid), time.process_time()
                used = [(y - x) * 1000 / len(a_lat) for x, y in zip(before, after, strict=True)]
                d, a = percentiles(d_lat), percentiles(a_lat)
                row = (
                    f"| {endpoint.name} | {clients} | {d['p50']:.1f} | {d['p95']:.1f} "
                    f"| {d['p99']:.1f} | {d_rps:.0f} | {a['p50']:.1f} | {a['p95']:.1f} "
                    f"| {a['p99']:.1f} | {a_rps:.0f} | {a['p50'] / d['p50']:.2f} "
                    f"| {a['p95'] / d['p95']:.2f} | {used[0]:.1f} | {used[1]:.1f} "
                    f"| {used[2]:.1f} |"
                )
                print(row, flush=True)
                rows.append(row)
    return rows


async def open_rows(api: str, token: str, young: list[str]) -> list[str]:
    """The `TARGETED` endpoints through the API at each offered rate in `RATES`."""
    rows = []
    async with api_client(api) as http:
        for endpoint in (e for e in ENDPOINTS if e.name in TARGETED):
            for rate in RATES:
                through_api = api_caller(http, token, endpoint, young)
                for _ in range(WARMUP):
                    await through_api()
                lat, served = await open_loop(through_api, rate, OPEN_REQUESTS, seed=rate)
                a = percentiles(lat)
                row = (
                    f"| {endpoint.name} | {rate} | {served:.1f} | {a['p50']:.1f} "
                    f"| {a['p95']:.1f} | {a['p99']:.1f} | {max(lat) * 1000:.1f} "
                    f"| {'yes' if a['p95'] < TARGET_MS else 'no'} |"
                )
                print(row, flush=True)
                rows.append(row)
    return rows


def _read_cache() -> str:
    """The API's read cache as this run set it (LL_READ_CACHE_SIZE in the environment)."""
    size = os.environ.get("LL_READ_CACHE_SIZE")
    if size is None:
        return "on, as by default (answers kept per case while the data has not changed)"
    return (
        "off (LL_READ_CACHE_SIZE=0: every answer worked out afresh)"
        if size == "0"
        else (f"{size} answers")
    )


def report(
    args: argparse.Namespace,
    summary: Any,
    warmed: list[str],
    rows: list[str],
    opened: list[str],
    took: float,
) -> str:
    written = f" --write {args.write}" if args.write else ""
    lines = [
        f"Command: `.venv/bin/python bench/council.py --young-people {args.young_people} "
        f"--seed {args.seed} --requests {args.requests}{written}`"
        f" ({date.today().isoformat()}, one run, {took / 60:.0f} min in all).",
        "",
        f"Machine: {machine()}; Neo4j Community {neo4j_version()} (heap {HEAP}, page cache "
        f"{PAGECACHE}), the API (one uvicorn process) and this client share the cores. Load "
        f"average (1 min) {args.load_before:.2f} before the run. The API's read cache: "
        f"{_read_cache()}. The machine's speed (bench/reference.py, a fixed piece of Python "
        f"work, ms of CPU, lower is faster): {args.reference[0]:.1f} before the rows, "
        f"{args.reference[1]:.1f} after; compare runs only at about the same speed.",
        "",
        "```",
        str(summary),
        "```",
        "",
        f"Warm-up, through the API, one client: every endpoint in turns, {WARM_PASSES} passes "
        f"of {WARM_REQUESTS} requests; CPU ms per request of each pass, Neo4j + API (the "
        "server's query runtime is compiled as it runs; the rows below are measured after).",
        "",
        f"| endpoint | {' | '.join(f'pass {i + 1}' for i in range(WARM_PASSES))} |",
        f"|---|{'---|' * WARM_PASSES}",
        *warmed,
        "",
        f"{args.requests} requests per row after {WARMUP} warm-up, cycling over {SAMPLE} young "
        "people of one team, as their manager; latencies in ms; ratios are API over direct. "
        "CPU ms/req: CPU time used during the API measurement by Neo4j, by the API process and "
        "by this client, per request (the client's share also covers its HTTP work).",
        "",
        "| endpoint | clients | direct p50 | p95 | p99 | req/s | API p50 | p95 | p99 | req/s "
        "| API/direct p50 | API/direct p95 | CPU ms/req Neo4j | API | client |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Open loop, through the API: {OPEN_REQUESTS} requests per row arriving at random "
        "(Poisson) at the offered rate, each sent when due whether or not earlier ones have "
        "been answered, as requests from many people would arrive; latencies in ms from when "
        f"each was due. Under target: p95 below {TARGET_MS:.0f} ms.",
        "",
        "| endpoint | offered req/s | answered req/s | p50 | p95 | p99 | max | under target |",
        "|---|---|---|---|---|---|---|---|",
        *opened,
    ]
    return "\n".join(lines)


def machine() -> str:
    """Cores, CPU model, memory and Python: what the figures depend on."""
    model, memory = "unknown CPU", 0.0
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({model}), {memory:.0f} GB, "
        f"Python {platform.python_version()}"
    )


def write(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = f"{START}\n{section}\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text,
                      flags=re.S)  # fmt: skip
    else:
        text = text.rstrip("\n") + "\n\n## A synthetic council\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--young-people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=240)
    parser.add_argument("--write", default=None, help="RESULTS.md to update")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    with ExitStack() as stack:
        db = database(stack, heap=HEAP, pagecache=PAGECACHE)
        summary = asyncio.run(build(db.uri, db.user, db.password, args.young_people, args.seed))
        print(summary, flush=True)
        api = start_api(stack, db, LL_ADMIN_TOKEN=TOKEN, LL_EMBED_SECRET="c" * 40)
        token, young = asyncio.run(sample(api.url, db.uri, db.user, db.password))
        print(f"sample: {len(young)} young people; run {RUN}", flush=True)
        warmed = asyncio.run(warm_up(api.url, db, api.pid, token, young))
        # As the service does after its start-up: the direct calls below are then measured
        # without full collections walking everything this process has made so far.
        gc.freeze()
        before = reference_ms()
        rows = asyncio.run(run_rows(api.url, db, api.pid, token, young, args.requests))
        args.reference = (before, reference_ms())
        opened = asyncio.run(open_rows(api.url, token, young))
    section = report(args, summary, warmed, rows, opened, time.perf_counter() - t0)
    print(section)
    if args.write:
        write(REPO / args.write, section)


if __name__ == "__main__":
    main()
