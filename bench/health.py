"""Benchmark: GET /health through the API against the same query run directly through the
driver, in the same run, with 1 and 8 concurrent clients; plus the local Neo4j's start time.

    .venv/bin/python bench/health.py [--requests 500]

Uses NEO4J_URI/NEO4J_PASSWORD when set, otherwise starts a throwaway local Neo4j. The API runs
under uvicorn in its own process, as in production, on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
from neo4j import AsyncGraphDatabase

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.localdb import free_port, throwaway  # noqa: E402
from service.queries import load_queries  # noqa: E402
from service.settings import Settings  # noqa: E402


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


async def measure(
    call: Callable[[], Awaitable[None]], total: int, clients: int, warmup: int = 20
) -> tuple[list[float], float]:
    latencies: list[float] = []
    per_client = total // clients

    async def client() -> None:
        for _ in range(per_client):
            t0 = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - t0)

    for _ in range(warmup):  # warm-up: pools filled, JIT warm
        await call()
    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, len(latencies) / (time.perf_counter() - start)


async def bench(uri: str, user: str, password: str, api: str, total: int) -> list[str]:
    query = load_queries(REPO / "cypher")["get_components"]
    rows = []
    async with (
        AsyncGraphDatabase.driver(
            uri, auth=(user, password), notifications_min_severity="OFF"
        ) as driver,
        httpx.AsyncClient(base_url=api, timeout=10) as http,
    ):

        async def direct() -> None:
            async with driver.session(database="neo4j") as session:
                await (await session.run(query)).single(strict=True)

        async def through_api() -> None:
            response = await http.get("/health")
            assert response.status_code == 200, response.text

        for clients in (1, 8):
            d_lat, d_rps = await measure(direct, total, clients)
            a_lat, a_rps = await measure(through_api, total, clients)
            d, a = percentiles(d_lat), percentiles(a_lat)
            rows.append(
                f"| {clients} | {d['p50']:.2f} | {d['p95']:.2f} | {d['p99']:.2f} | {d_rps:.0f} "
                f"| {a['p50']:.2f} | {a['p95']:.2f} | {a['p99']:.2f} | {a_rps:.0f} "
                f"| {a['p50'] / d['p50']:.2f} |"
            )
    return rows


def wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"API exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("API did not become healthy")


@dataclass(frozen=True)
class Database:
    uri: str
    user: str
    password: str
    start_s: float | None  # how long a throwaway server took to answer; None for NEO4J_URI
    pid: int | None = None  # the throwaway server's process, for its CPU time


def database(stack: ExitStack, *, heap: str = "512m", pagecache: str = "256m") -> Database:
    """NEO4J_URI/NEO4J_PASSWORD when set, otherwise a throwaway local Neo4j for the run."""
    if os.environ.get("NEO4J_URI"):
        return Database(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                        os.environ["NEO4J_PASSWORD"], None)  # fmt: skip
    t0 = time.perf_counter()
    server = stack.enter_context(throwaway(Settings().cache_dir, heap=heap, pagecache=pagecache))
    (user, password), start_s = server.auth, time.perf_counter() - t0
    return Database(server.uri, user, password, start_s, server.running_pid())


@dataclass(frozen=True)
class Api:
    url: str
    proc: subprocess.Popen[bytes]

    @property
    def pid(self) -> int:
        return self.proc.pid


def start_api(stack: ExitStack | None, db: Database, **env: str) -> Api:
    """The API under uvicorn in its own process, as in production, with its process.

    With a stack, the process is terminated when the stack closes; without one the caller
    owns it (to kill it, for instance).
    """
    port = free_port()
    environment = {**os.environ, "NEO4J_URI": db.uri, "NEO4J_USER": db.user,
                   "NEO4J_PASSWORD": db.password, **env}  # fmt: skip
    cmd = [
        sys.executable, "-m", "uvicorn", "--factory", "service.app:create_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=REPO, env=environment)
    if stack is not None:
        stack.callback(stop_api, proc)
    api = Api(f"http://127.0.0.1:{port}", proc)
    try:
        wait_for(api.url + "/health", proc)
    except BaseException:
        stop_api(proc, grace=0)
        raise
    return api


def stop_api(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds: uvicorn waits for requests in flight, and a
    request stuck on the database would keep it waiting for ever."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()


def serve_api(stack: ExitStack, db: Database, **env: str) -> str:
    """The API under uvicorn in its own process, as in production; returns its base URL."""
    return start_api(stack, db, **env).url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=800)
    args = parser.parse_args()
    with ExitStack() as stack:
        db = database(stack)
        api = serve_api(stack, db)
        start_s = db.start_s
        rows = asyncio.run(bench(db.uri, db.user, db.password, api, args.requests))

    print(f"# /health vs direct driver query ({args.requests} requests per row)")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    if start_s is not None:
        print(f"local Neo4j start (fresh folder, until Bolt answers): {start_s:.1f} s")
    print(
        "| clients | direct p50 ms | p95 | p99 | req/s "
        "| API p50 ms | p95 | p99 | req/s | API/direct p50 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
