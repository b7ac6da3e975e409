"""`neo4j-admin` against a local server's home: dump and load of a stopped database.

The admin tool runs from the same jars, Java and configuration as the server itself
(`org.neo4j.cli.AdminTool`, with NEO4J_HOME and NEO4J_CONF pointing at the server's folders),
so it reads and writes the very store the server uses. Neo4j Community dumps and loads a
database only while the server is stopped.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from service.localdb import LocalDbError, LocalNeo4j, _java, ensure_jars, shared_classes

DATABASE = "neo4j"
# The admin tool's own heap: it streams the store, it does not hold it.
_ADMIN_HEAP = "256m"


def admin(server: LocalNeo4j, *args: str, timeout: float = 600.0) -> str:
    """Run `neo4j-admin <args>` for this server's home; returns its output, or LocalDbError."""
    java = _java()
    lib = ensure_jars(server.cache_dir)
    conf_dir = server._write_conf()  # the configuration the server starts with
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(conf_dir)}
    cmd = [java, f"-Xmx{_ADMIN_HEAP}", *shared_classes(java, lib), "-cp", f"{lib}/*",
           "org.neo4j.cli.AdminTool", *args]  # fmt: skip
    try:
        result = subprocess.run(
            cmd, env=env, capture_output=True, text=True, check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        raise LocalDbError(
            f"neo4j-admin {' '.join(args[:2])} did not finish within {timeout:.0f} s"
        ) from exc
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        tail = "\n".join(output.splitlines()[-15:])
        raise LocalDbError(
            f"neo4j-admin {' '.join(args[:2])} failed (exit {result.returncode}) for "
            f"{server.home}:\n{tail}"
        )
    return output


def _stopped(server: LocalNeo4j, action: str) -> None:
    pid = server.running_pid()
    if pid is not None:
        raise LocalDbError(
            f"Neo4j in {server.home} is running (pid {pid}); Neo4j Community can {action} a "
            "database only while the server is stopped. Stop it first."
        )


def dump(server: LocalNeo4j, to_dir: Path, database: str = DATABASE) -> Path:
    """Dump `database` of the stopped server into `to_dir`; returns the dump file."""
    _stopped(server, "dump")
    to_dir.mkdir(parents=True, exist_ok=True)
    target = to_dir / f"{database}.dump"
    if target.exists():
        raise LocalDbError(f"{target} already exists; neo4j-admin will not overwrite a dump.")
    admin(server, "database", "dump", database, f"--to-path={to_dir}")
    if not target.is_file() or target.stat().st_size == 0:
        raise LocalDbError(f"neo4j-admin reported success but wrote no dump at {target}")
    return target


def load(server: LocalNeo4j, from_dir: Path, database: str = DATABASE) -> None:
    """Replace `database` of the stopped server by the dump `from_dir/<database>.dump`."""
    _stopped(server, "load")
    source = from_dir / f"{database}.dump"
    if not source.is_file():
        raise LocalDbError(f"There is no dump to load at {source}")
    for sub in ("data", "logs", "run"):
        (server.home / sub).mkdir(parents=True, exist_ok=True)
    admin(
        server, "database", "load", database, f"--from-path={from_dir}",
        "--overwrite-destination=true",
    )  # fmt: skip
