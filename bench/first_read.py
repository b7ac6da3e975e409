"""Benchmark: the first reads after a restart, as `make run` serves them.

    .venv/bin/python bench/first_read.py [--restarts 3]

Runs `python -m service run` (the local Neo4j, the demo data, the API) on a data folder of its
own, stops it and starts it again `--restarts` times, and after each start times, through
HTTP as the demo coordinator, the first `/graph` and the first map of the demo young person,
then each again (the warm figure the first is compared with, in the same run). The first start
loads the demo into an empty database and is reported apart. A restarted Neo4j holds no query
plans: what the first read pays beyond the second is planning (see the README on
`internal.cypher.use_parameter_size`) and the JVM compiling the code it runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import wait_for  # noqa: E402
from service.localdb import free_port  # noqa: E402

ADMIN = "bench-first-read-admin-token-0123456789"
READS = ("/young-people/demo-kai/graph", "/young-people/demo-kai/map")


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "service", "run"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        # The first start fetches nothing but starts Neo4j, plans and loads the demo.
        wait_for(f"http://127.0.0.1:{env['LL_PORT']}/health", proc, timeout=180)
    except BaseException:
        proc.kill()
        raise
    return proc


def _token(base: str) -> dict[str, str]:
    admin = {"Authorization": f"Bearer {ADMIN}"}
    users = httpx.get(f"{base}/users", headers=admin, timeout=10).json()["data"]
    user = next(u["id"] for u in users if u["role"] == "coordinator")
    issued = httpx.post(f"{base}/users/{user}/tokens", headers=admin, timeout=10,
                        json={"expires_in_days": 1}).json()  # fmt: skip
    return {"Authorization": f"Bearer {issued['token']}"}


def _timed(base: str, headers: dict[str, str], path: str) -> float:
    started = time.perf_counter()
    answer = httpx.get(base + path, headers=headers, timeout=30)
    took = time.perf_counter() - started
    if answer.status_code != 200:
        raise SystemExit(f"{path}: {answer.status_code}")
    return took * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--restarts", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ll-first-read-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LL_"))} | {
            "LL_DATA_DIR": str(Path(scratch) / "data"), "LL_PORT": str(free_port()),
            "LL_NEO4J_BOLT_PORT": str(free_port()), "LL_DEMO_DATA": "true",
            "LL_ADMIN_TOKEN": ADMIN, "LL_READ_CACHE_SIZE": "0",
        }  # fmt: skip
        base = f"http://127.0.0.1:{env['LL_PORT']}"
        log = Path(scratch) / "run.log"
        rows: list[tuple[str, list[float]]] = []
        for start in range(args.restarts + 1):
            proc = _start(env, log)
            try:
                headers = _token(base)
                times = [_timed(base, headers, path) for path in READS for _ in (0, 1)]
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=90)
            rows.append(("first start (demo loaded)" if start == 0 else f"restart {start}", times))
    print("ms through HTTP, the API's read cache off; each read twice, the second warm")
    print("| start | first /graph | again | first map | again |")
    print("|---|---|---|---|---|")
    for name, t in rows:
        print(f"| {name} | {t[0]:.0f} | {t[1]:.0f} | {t[2]:.0f} | {t[3]:.0f} |")
    later = rows[1:]
    if later:
        graph = statistics.median(t[0] for _, t in later)
        warm = statistics.median(t[1] for _, t in later)
        page = statistics.median(t[2] for _, t in later)
        page_warm = statistics.median(t[3] for _, t in later)
        print(
            f"restarts, median: first /graph {graph:.0f} ms ({graph / warm:.1f}x the warm "
            f"{warm:.0f}), first map {page:.0f} ms ({page / page_warm:.1f}x the warm "
            f"{page_warm:.0f})"
        )


if __name__ == "__main__":
    main()
