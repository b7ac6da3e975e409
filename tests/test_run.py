"""`python -m service run`, what `make run` runs: the local Neo4j, the schema, the demo data
and the API, twice over the same data folder; SIGTERM stops the API and the database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from neo4j import GraphDatabase

from service.localdb import LocalNeo4j, free_port
from tests.conftest import REPO, cache_dir

# Slow (runs `python -m service run` end to end): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow


def start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "service", "run"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def wait_healthy(proc: subprocess.Popen[bytes], url: str, log: Path) -> dict[str, object]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"service exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                body: dict[str, object] = response.json()
                return body
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    proc.kill()
    pytest.fail(f"/health never answered 200:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=90)


def test_run_twice_keeps_the_data(tmp_path: Path) -> None:
    api_port, bolt_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LL_"))} | {
        "LL_DATA_DIR": str(tmp_path / "data"),
        "LL_CACHE_DIR": str(cache_dir()),
        "LL_PORT": str(api_port),
        "LL_NEO4J_BOLT_PORT": str(bolt_port),
        "LL_NEO4J_PAGECACHE": "128m",
        "LL_DEMO_DATA": "true",
    }
    url = f"http://127.0.0.1:{api_port}/health"
    log = tmp_path / "run.log"
    local = LocalNeo4j(home=tmp_path / "data" / "neo4j", port=bolt_port, cache_dir=cache_dir())

    proc = start(env, log)
    try:
        body = wait_healthy(proc, url, log)
        assert "'version': '5.26." in str(body["neo4j"])
        with GraphDatabase.driver(local.uri, auth=local.auth) as driver:
            driver.execute_query("CREATE (:Person {id: 'added-between-runs'})")
            people = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n").records[0]["n"]
        pid = local.running_pid()
        assert pid is not None
    finally:
        code = stop(proc)
    assert code == 0, log.read_text()[-3000:]
    assert local.running_pid() is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)

    proc = start(env, log)
    try:
        wait_healthy(proc, url, log)
        with GraphDatabase.driver(local.uri, auth=local.auth) as driver:
            again = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n").records[0]["n"]
            kept = driver.execute_query(
                "MATCH (p:Person {id: 'added-between-runs'}) RETURN count(p) AS n"
            ).records[0]["n"]
    finally:
        assert stop(proc) == 0
    assert again == people
    assert kept == 1
    assert "Traceback" not in log.read_text()
