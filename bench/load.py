"""Load: many clients reading one case for a while, with no error and flat memory.

    .venv/bin/python bench/load.py [--clients 32] [--seconds 60] [--people 2000]

Starts a throwaway local Neo4j (or uses NEO4J_URI/NEO4J_PASSWORD) and the API under uvicorn in
its own process, imports a generated family tree (bench/relatives.generate) for one young
person through the API, warms up, then runs `--clients` concurrent clients for `--seconds`,
each cycling through the case reads in ROUTES. Every non-2xx answer and every exception
(timeouts included) is an error. The API process's resident memory (VmRSS) is sampled every
second. Exits 1 on any error or when memory grows (see FLAT_MB and FLAT_SHARE).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import sys
import time
from collections import Counter, defaultdict
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import Api, database, percentiles, start_api  # noqa: E402
from bench.relatives import generate  # noqa: E402
from service.gedcom import write_gedcom  # noqa: E402

# The case reads a coordinator makes, as path templates on the young person's id.
ROUTES = (
    "/people/{yp}/relatives",
    "/young-people/{yp}/lapsed",
    "/young-people/{yp}/safeguarding",
    "/young-people/{yp}/suggestions",
    "/young-people/{yp}/graph",
    "/young-people/{yp}/map",
)
# Memory is "flat" when the API's RSS at the end is within FLAT_MB and FLAT_SHARE of its RSS
# after the warm-up (medians of a few samples at each end, so one GC cycle does not decide).
# Why these bounds: after the warm-up the driver's pool, uvicorn's buffers and the kinship
# cache have reached their working size, and what remains is allocator noise of a few MB on
# a process of ~100 MB. A leak of one 2.5 MB map page in a thousand requests, or of 4 KB per
# request, passes 20 MB within a 60 s run at this machine's throughput.
FLAT_MB = 20.0
FLAT_SHARE = 0.10


@dataclass(frozen=True)
class Case:
    """A young person with a manager and an allocated coordinator, whose headers read it."""

    young_person_id: str
    headers: dict[str, str]
    manager: dict[str, str]


def open_case(api: str, admin_token: str, *, label: str = "load") -> Case:
    """Two users (manager, coordinator) with tokens, a young person and the allocation."""
    boot = {"Authorization": f"Bearer {admin_token}"}
    run = secrets.token_hex(3)
    with httpx.Client(base_url=api, timeout=60) as http:

        def post(path: str, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
            response = http.post(path, headers=headers, json=body)
            assert response.status_code == 201, response.text
            return dict(response.json())

        users: dict[str, tuple[str, dict[str, str]]] = {}
        for role in ("manager", "coordinator"):
            user = post("/users", boot, {"username": f"{label}.{role}.{run}", "role": role,
                                         "display_name": role, "team": label})  # fmt: skip
            token = post(f"/users/{user['id']}/tokens", boot, {})
            users[role] = (user["id"], {"Authorization": f"Bearer {token['token']}"})
        manager = users["manager"][1]
        young = post("/young-people", manager, {"given_name": label.title(), "status": "in_care"})
        post(f"/young-people/{young['id']}/allocations", manager,
             {"user_id": users["coordinator"][0]})  # fmt: skip
    return Case(young["id"], users["coordinator"][1], manager)


def import_gedcom(
    api: str, case: Case, data: bytes, xref: str | None, *, source: str, timeout: float = 600
) -> dict[str, Any]:
    """POST /imports/gedcom of `data` into the case, the young person being `xref` in the file
    (None: not in it); returns the ImportResult."""
    form = {"young_person_id": case.young_person_id, "source": source}
    if xref is not None:
        form["young_person_xref"] = xref
    with httpx.Client(base_url=api, timeout=timeout) as http:
        response = http.post(
            "/imports/gedcom", headers=case.headers,
            files={"file": (f"{source}.ged", data, "text/x-gedcom")}, data=form,
        )  # fmt: skip
    assert response.status_code == 201, response.text
    return dict(response.json())


@dataclass(frozen=True)
class Sample:
    route: str
    started: float  # time.monotonic() when sent
    took: float  # seconds until the answer (or the exception)
    status: int | None  # None: an exception instead of an answer
    retry_after: str | None = None
    error: str | None = None
    code: str | None = None  # the error body's code, for non-2xx JSON answers


@dataclass
class Load:
    """Clients cycling through routes until `stop` is set; every answer is kept."""

    api: str
    headers: dict[str, str]
    paths: list[tuple[str, str]]  # (route template, path)
    clients: int
    timeout: float = 30.0
    pause: float = 0.0  # a client's pause after each 2xx answer (think time)
    pause_after_error: float = 0.0  # a client's pause after a non-2xx answer or an exception
    samples: list[Sample] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        limits = httpx.Limits(max_connections=self.clients, max_keepalive_connections=self.clients)
        async with httpx.AsyncClient(
            base_url=self.api, headers=self.headers, timeout=self.timeout, limits=limits
        ) as http:
            await asyncio.gather(*(self._client(http, i) for i in range(self.clients)))

    async def _client(self, http: httpx.AsyncClient, offset: int) -> None:
        i = offset  # clients start on different routes
        while not self.stop.is_set():
            route, path = self.paths[i % len(self.paths)]
            i += 1
            t0 = time.monotonic()
            try:
                response = await http.get(path)
                await response.aread()
            except Exception as exc:  # every failure counts, whatever it is
                self.samples.append(Sample(route, t0, time.monotonic() - t0, None,
                                           error=f"{type(exc).__name__}: {exc}"))  # fmt: skip
                await asyncio.sleep(self.pause_after_error)
                continue
            took = time.monotonic() - t0
            code = None
            if response.status_code >= 300 and "json" in response.headers.get("content-type", ""):
                code = response.json().get("error", {}).get("code")
            self.samples.append(Sample(route, t0, took, response.status_code,
                                       response.headers.get("retry-after"), code=code))  # fmt: skip
            await asyncio.sleep(
                self.pause_after_error if response.status_code >= 300 else self.pause
            )


def case_paths(young_person_id: str, routes: tuple[str, ...] = ROUTES) -> list[tuple[str, str]]:
    return [(route, route.format(yp=young_person_id)) for route in routes]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc/<pid>/status (VmRSS, kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def slope_per_minute(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) points, in MB per minute."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / n
    mean_m = sum(m for _, m in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    cov = sum((t - mean_t) * (m - mean_m) for t, m in points)
    return cov / var * 60 if var else 0.0


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


async def sample_rss(pid: int, stop: asyncio.Event, into: list[tuple[float, float]]) -> None:
    start = time.monotonic()
    while not stop.is_set():
        into.append((time.monotonic() - start, rss_mb(pid)))
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


async def drive(
    api: Api, case: Case, clients: int, seconds: float, warmup: float
) -> tuple[Load, list[tuple[float, float]], float]:
    """Warm up, then load for `seconds` while sampling RSS; returns the load, the RSS samples
    and the measured wall time."""
    paths = case_paths(case.young_person_id)
    # First one client through every route a few times: a fresh JVM compiles as it goes, and
    # 32 clients arriving at once on a cold server queue past the read deadline (503s) before
    # anything is warm. Traffic reaches a real server more gradually than that.
    async with httpx.AsyncClient(base_url=api.url, timeout=60) as http:
        for _ in range(3):
            for route, path in paths:
                response = await http.get(path, headers=case.headers)
                if response.status_code != 200:
                    raise SystemExit(f"{route} answered {response.status_code} on a first look")
    warm = Load(api.url, case.headers, paths, clients)
    task = asyncio.create_task(warm.run())
    await asyncio.sleep(warmup)
    warm.stop.set()
    await task
    bad = [s for s in warm.samples if s.status is None or s.status >= 300]
    if bad:
        raise SystemExit(f"errors during warm-up: {bad[:3]}")

    load = Load(api.url, case.headers, paths, clients)
    rss: list[tuple[float, float]] = []
    sampler = asyncio.create_task(sample_rss(api.pid, load.stop, rss))
    t0 = time.monotonic()
    task = asyncio.create_task(load.run())
    await asyncio.sleep(seconds)
    load.stop.set()
    await task
    wall = time.monotonic() - t0
    await sampler
    rss.append((wall, rss_mb(api.pid)))
    return load, rss, wall


def report(load: Load, rss: list[tuple[float, float]], wall: float) -> tuple[list[str], bool]:
    lines = []
    samples = load.samples
    errors = [s for s in samples if s.status is None or not 200 <= s.status < 300]
    lines.append(
        f"requests: {len(samples)} in {wall:.1f} s = {len(samples) / wall:.1f} req/s; "
        f"errors: {len(errors)} (non-2xx {sum(s.status is not None for s in errors)}, "
        f"exceptions {sum(s.status is None for s in errors)})"
    )
    for kind, n in Counter(f"{s.route} -> {s.status or s.error}" for s in errors).most_common(10):
        lines.append(f"  error: {n} x {kind}")
    by_route: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        if s.status is not None:
            by_route[s.route].append(s.took)
    lines.append("| route | requests | req/s | p50 ms | p95 | p99 | max |")
    lines.append("|---|---|---|---|---|---|---|")
    everything = [s.took for s in samples if s.status is not None]
    for route, took in [*sorted(by_route.items()), ("all", everything)]:
        if len(took) < 2:
            continue
        p = percentiles(took)
        lines.append(
            f"| {route} | {len(took)} | {len(took) / wall:.1f} | {p['p50']:.0f} | "
            f"{p['p95']:.0f} | {p['p99']:.0f} | {max(took) * 1000:.0f} |"
        )

    mems = [m for _, m in rss]
    head = median(mems[:5])
    mid = median([m for t, m in rss if abs(t - wall / 2) <= 2.5] or mems)
    tail = median(mems[-5:])
    second_half = [(t, m) for t, m in rss if t >= wall / 2]
    slope = slope_per_minute(second_half)
    growth = tail - head
    flat = growth < FLAT_MB and growth < FLAT_SHARE * head
    lines.append(
        f"API RSS (MB, {len(rss)} samples, medians of 5 at each end): start {head:.1f}, "
        f"middle {mid:.1f}, end {tail:.1f}, max {max(mems):.1f}; growth {growth:+.1f} MB "
        f"({growth / head:+.1%}); slope over the second half {slope:+.2f} MB/min"
    )
    lines.append(
        f"memory: {'flat' if flat else 'GROWING'} (flat: growth under {FLAT_MB:.0f} MB and "
        f"under {FLAT_SHARE:.0%} of the start)"
    )
    return lines, not errors and flat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds of load first")
    args = parser.parse_args()
    token = secrets.token_urlsafe(24)
    tree, xref = generate(args.people)
    with ExitStack() as stack:
        db = database(stack)
        api = start_api(stack, db, LL_ADMIN_TOKEN=token)
        case = open_case(api.url, token)
        t0 = time.perf_counter()
        imported = import_gedcom(api.url, case, write_gedcom(tree).encode(), xref, source="load")
        took_import = time.perf_counter() - t0
        load_before = os.getloadavg()[0]
        load, rss, wall = asyncio.run(drive(api, case, args.clients, args.seconds, args.warmup))
        load_after = os.getloadavg()[0]
        passed = report(load, rss, wall)

    lines, ok = passed
    print(f"# Load: {args.clients} clients for {args.seconds:.0f} s on case reads")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(
        f"machine: {machine}; load average (1 min) {load_before:.1f} before the run, "
        f"{load_after:.1f} after"
    )
    print(
        f"tree: {imported['people_in_file']} people imported in {took_import:.1f} s; "
        f"warm-up {args.warmup:.0f} s with the same clients; routes: {', '.join(ROUTES)}"
    )
    for line in lines:
        print(line)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
