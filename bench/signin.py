"""Benchmark: what a sign-in costs in the database and the service, per request, for an API
token and for an OpenID Connect identity (`service.data.users`), with 1 and 8 requests at once.

    .venv/bin/python bench/signin.py [--requests 1000]

An identity whose claims are the same as last time (most sign-ins) is only read; the baseline,
in the same run, is the write every sign-in made before (`merge_oidc_user`, which takes the
user's write lock), as a sign-in with a new team still makes. Printed per row: CPU per sign-in
in Neo4j and in this process (the service's side: the driver and `service.data.users`), and
the wall time per sign-in. Uses NEO4J_URI/NEO4J_PASSWORD when set, otherwise a throwaway local
Neo4j (its CPU is read from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path

from neo4j import AsyncGraphDatabase, AsyncManagedTransaction

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import database  # noqa: E402
from service.auth.principal import BOOTSTRAP_ADMIN, Role  # noqa: E402
from service.data import users  # noqa: E402
from service.db import Db, apply_schema, in_write  # noqa: E402
from service.queries import load_queries  # noqa: E402


def _cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(
    call: Callable[[], Awaitable[object]], total: int, clients: int, pid: int | None
) -> tuple[float, float, float]:
    for _ in range(100):  # warm-up: pool filled, plans cached
        await call()

    async def client() -> None:
        for _ in range(total // clients):
            await call()

    neo4j, mine, wall = _cpu(pid), time.process_time(), time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    done = total // clients * clients
    return ((_cpu(pid) - neo4j) * 1000 / done, (time.process_time() - mine) * 1000 / done,
            (time.perf_counter() - wall) * 1000 / done)  # fmt: skip


async def main(requests: int) -> None:
    with ExitStack() as stack:
        db_info = database(stack)
        auth = (db_info.user, db_info.password)
        async with AsyncGraphDatabase.driver(db_info.uri, auth=auth) as driver:
            db = Db(driver, load_queries(REPO / "cypher"), "neo4j")
            await apply_schema(db)
            made = users.UserCreate(username="bench.token", display_name="Bench",
                                    role=Role.coordinator, team="north")  # fmt: skip
            user = await users.create_user(db, actor=BOOTSTRAP_ADMIN, user=made)
            token = (await users.issue_token(db, actor=BOOTSTRAP_ADMIN, user_id=user.id,
                                             request=users.TokenCreate())).token  # fmt: skip
            await users.principal_for_oidc(db, subject="bench-subject", username="bench.oidc",
                                           role=Role.coordinator, team="north")  # fmt: skip

            async def api_token() -> object:
                return await users.check_token(db, token=token)

            async def same_claims() -> object:
                return await users.principal_for_oidc(db, subject="bench-subject",
                    username="bench.oidc", role=Role.coordinator, team="north")  # fmt: skip

            async def written() -> object:
                async def work(tx: AsyncManagedTransaction) -> object:
                    result = await tx.run(db.queries["merge_oidc_user"],
                        subject="bench-subject", id=str(uuid.uuid4()), username="bench.oidc",
                        role=Role.coordinator.value, team="north")  # fmt: skip
                    return await result.single(strict=True)

                return await in_write(db, work, data=False)

            print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
                  f"{os.cpu_count()} cores; {requests} sign-ins per row")  # fmt: skip
            print("| sign-in | at once | Neo4j CPU ms | service CPU ms | wall ms |")
            print("|---|---|---|---|---|")
            rows = [("API token (read)", api_token),
                    ("identity, same claims (read, now)", same_claims),
                    ("identity, written every time (before)", written)]  # fmt: skip
            # Twice through: the first pass warms the new server; the second is printed.
            for printed in (False, True):
                for clients in (1, 8):
                    for name, call in rows:
                        neo4j, mine, wall = await _measure(call, requests, clients, db_info.pid)
                        if printed:
                            print(f"| {name} | {clients} | {neo4j:.2f} | {mine:.2f} | "
                                  f"{wall:.2f} |")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1000)
    asyncio.run(main(parser.parse_args().requests))
