"""The Neo4j driver, the schema, and the database checks the service needs.

One async driver per process, made in the lifespan with the named queries into one handle,
`Db`, and handed to routes by `DbDep`.
Every wait on the database is bounded: connecting, acquiring a connection, the retry budget of
managed transactions, and, for reads, one deadline over the whole request (`ReadDeadline`).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, overload

from fastapi import Depends, Request
from neo4j import READ_ACCESS, WRITE_ACCESS, AsyncDriver, AsyncGraphDatabase, Query, Record
from neo4j.exceptions import DriverError, Neo4jError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import DatabaseUnavailable, error_response, route_of
from service.queries import Queries
from service.settings import Settings

log = logging.getLogger("service.db")


@dataclass(frozen=True, slots=True)
class Db:
    """The one database handle: the driver, the named queries (`cypher/`) and the database's
    name. Made once in the lifespan and given to routes by `DbDep`; every data-layer function
    takes it first."""

    driver: AsyncDriver
    queries: Queries
    database: str

    async def read(self, name: str, /, **params: Any) -> list[Record]:
        """The named query as one auto-commit read, routed to a member that can read (on a
        cluster, one that has this process's writes): its records."""
        records, _, _ = await self.driver.execute_query(
            self.queries[name], params, database_=self.database, routing_="r"
        )
        return records


def make_driver(settings: Settings, *, uri: str, password: str) -> AsyncDriver:
    timeout = settings.neo4j_connect_timeout
    return AsyncGraphDatabase.driver(
        uri,
        auth=(settings.neo4j_user, password),
        connection_timeout=timeout,
        connection_acquisition_timeout=timeout * 2,
        max_transaction_retry_time=settings.neo4j_query_timeout,
        # Check a pooled connection that sat idle before using it, so a restarted server
        # costs one failed request at most.
        liveness_check_timeout=30.0,
        user_agent="lifelong-links",
        # Planner hints (an unused property key, ...) would log whole queries at WARNING.
        notifications_min_severity="OFF",
    )


# The name a schema statement creates or drops, when it is written `... IF [NOT] EXISTS`.
_SCHEMA_STATEMENT = re.compile(
    r"^\s*(CREATE|DROP)\s+(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+(?:NOT\s+)?EXISTS\b",
    re.IGNORECASE | re.MULTILINE,
)


async def apply_schema(db: Db) -> list[str]:
    """Apply the `cypher/schema/*` statements in name order, each `IF [NOT] EXISTS`, and return
    the names of those that had something to do. The names in the database are read first (two
    queries), so that a start-up on a current schema runs none of them: the same outcome as
    running each, which would be a schema transaction apiece."""
    present: set[str] = set()
    for show in ("SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"):
        records, _, _ = await db.driver.execute_query(show, database_=db.database)
        present |= {r["name"] for r in records}
    applied = []
    for query in db.queries.group("schema"):
        found = _SCHEMA_STATEMENT.search(query.text)
        if found is not None and (found[2] in present) == (found[1].upper() == "CREATE"):
            continue  # created already, or dropped already
        await db.driver.execute_query(query.text, database_=db.database)
        applied.append(query.name)
    if applied:
        # New indexes fill in the background; queries planned before they are online scan
        # labels.
        await db.driver.execute_query("CALL db.awaitIndexes(300)", database_=db.database)
    return applied


async def apply_migrations(db: Db) -> list[str]:
    """Run each data migration (`cypher/migrations/*`, in name order) that has not run on this
    database, each in one transaction with its record (`:Migration`), and return their names.
    A migration may run twice (two processes starting at once): each is written to."""
    done = {r["name"] for r in await run_once(db, "list_migrations")}
    applied = []
    for query in db.queries.group("migrations"):
        if query.name in done:
            continue

        async def work(tx: Any, text: str = query.text, name: str = query.name) -> None:
            await (await tx.run(text)).consume()
            await (await tx.run(db.queries["record_migration"], name=name)).consume()

        await in_write(db, work)
        applied.append(query.name)
    return applied


async def wait_for_database(db: Db, *, timeout: float) -> None:
    """Wait up to `timeout` seconds for the database to answer (it may still be starting)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            await server_components(db, timeout=2.0)
            return
        except DatabaseUnavailable:
            if time.monotonic() >= deadline:
                raise
            await asyncio.sleep(0.5)


async def server_components(db: Db, *, timeout: float) -> dict[str, Any]:
    """Name, version and edition of the Neo4j behind the driver, or DatabaseUnavailable.

    An auto-commit query with no retries, cut off after `timeout` seconds whatever the
    database does: a health check must answer quickly even when Neo4j hangs.
    """
    query = Query(db.queries["get_components"], timeout=timeout)
    try:
        async with asyncio.timeout(timeout):
            async with db.driver.session(database=db.database) as session:
                result = await session.run(query)
                record = await result.single(strict=True)
                return dict(record)
    except TimeoutError as exc:
        raise DatabaseUnavailable(f"Neo4j did not answer within {timeout} s") from exc
    except (DriverError, Neo4jError, OSError) as exc:
        raise DatabaseUnavailable(f"Neo4j is not answering ({type(exc).__name__})") from exc


def causal_session(db: Db, mode: str = WRITE_ACCESS) -> Any:
    """A session chained to every other of this process by the driver's bookmark manager (the
    one `execute_query` uses): on a cluster behind `neo4j://` routing, a read after a write
    waits for a member that has the write, so a request reads what it has just written."""
    return db.driver.session(
        database=db.database,
        default_access_mode=mode,
        bookmark_manager=db.driver.execute_query_bookmark_manager,
    )


async def in_write(db: Db, work: Any, *, data: bool = True) -> Any:
    """Run `work(tx)` in one managed write transaction: all of it commits, or none of it. A
    transaction that changes data (`data`; not one that only writes the audit trail) also
    raises the data's revision, so that no read answer kept from before is given again
    (service.readcache)."""

    async def changing(tx: Any) -> Any:
        done = await work(tx)
        await tx.run(db.queries["bump_revision"])
        return done

    async with causal_session(db) as session:
        return await session.execute_write(changing if data else work)


async def run_once(db: Db, name: str, *, write: bool = False, **params: Any) -> list[Record]:
    """One statement in an auto-commit transaction: one round trip to the server instead of
    the two of a managed transaction (BEGIN/RUN/PULL, then COMMIT). For single reads and
    single-statement writes on the hot paths; no retries, so a failure is a 503. `name`: the
    query's name in `cypher/`."""
    mode = WRITE_ACCESS if write else READ_ACCESS
    async with causal_session(db, mode) as session:
        result = await session.run(db.queries[name], params)
        return [record async for record in result]


_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")


@overload
async def together(a: Awaitable[_A], b: Awaitable[_B], /) -> tuple[_A, _B]: ...
@overload
async def together(
    a: Awaitable[_A], b: Awaitable[_B], c: Awaitable[_C], /
) -> tuple[_A, _B, _C]: ...
async def together(*work: Awaitable[Any]) -> tuple[Any, ...]:
    """Await database calls concurrently. The first failure cancels the others, waits for them
    to stop, and is raised as itself (a 503 stays a 503), so no query of a failed request goes
    on retrying in the background after the answer."""
    tasks = [asyncio.ensure_future(w) for w in work]
    try:
        return tuple(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


class ReadDeadline:
    """ASGI middleware: a read (GET or HEAD) that has not begun its answer within `seconds`
    is cancelled and answers 503 `database_unavailable` with Retry-After.

    Why one deadline over the whole read rather than a timeout per query: reads reach Neo4j
    through auto-commit queries and through `execute_query`, whose managed transaction retries
    for up to NEO4J_QUERY_TIMEOUT, waiting for a connection on each attempt. Against a Neo4j
    that is stopping or starting again, one read took up to 15 s. A deadline per request bounds
    all of it (the token, the audited access check, the queries, their retries) with one
    number, without touching each query of the data layer.

    The cancelled work is discarded, not left half-done: the driver kills a connection whose
    session is cancelled instead of returning it to the pool, and Neo4j rolls back the
    transaction of a closed connection. The audited access check of a cancelled read may or
    may not have recorded the look; either way the caller was shown nothing.

    Writes are not cut short: an import may rightly take tens of seconds, and a write cancelled
    between its COMMIT and the answer would leave the caller unsure whether it happened. They
    keep the driver's own bounds (connecting, acquiring a connection, the retry budget) and
    their transactions. An answer that has begun (a streamed body) is not cut either: a 503
    cannot follow a 200.

    The price: a Neo4j that has just started plans each query afresh on a cold JVM (4.4 s for
    the path-enumerating relatives query of the time, about 1 s warm), and a read cut off
    while planning leaves no plan behind. So the busiest reads are planned when the service
    starts (`warm_plans`), and again, uncut, after a read is cut off; for some seconds after a
    restart of Neo4j they still answer 503 (tests/test_faults.py measures and bounds it).
    """

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self._warming: asyncio.Task[float] | None = None

    def _warm_again(self, scope: Scope) -> None:
        """A read cut off may have been planning (a restarted Neo4j has no plans), and planning
        cut off is lost: so plan the busy reads once more, in the background and uncut, for the
        requests that follow. One warm-up at a time."""
        if self._warming is not None and not self._warming.done():
            return
        state = scope["app"].state
        db = getattr(state, "db", None)
        if db is None:
            return
        self._warming = asyncio.create_task(warm_plans(db))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A PDF is typeset after its reads, for a second or more: its reads have the driver's
        # own timeouts, and its typesetting is limited to two at a time.
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or scope["path"].endswith(".pdf")):  # fmt: skip
            await self.app(scope, receive, send)
            return
        started = False

        async def send_once_started(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                deadline.reschedule(None)
            await send(message)

        try:
            async with asyncio.timeout(self.seconds) as deadline:
                await self.app(scope, receive, send_once_started)
        except TimeoutError:
            if not deadline.expired() or started:
                raise  # a TimeoutError of the route's own, a 500 like any other
            log.warning("read deadline passed on %s", route_of(scope))
            self._warm_again(scope)
            response = error_response(
                DatabaseUnavailable.status_code,
                DatabaseUnavailable.code,
                f"The database did not answer within {self.seconds:g} s; try again shortly.",
            )
            await response(scope, receive, send)


# The reads behind the busiest routes, with parameters of the types the routes send. Neo4j keeps
# no query plans across a restart, and on a cold JVM planning `load_family` alone takes
# seconds, longer than the read deadline; a plan whose planning is cut off is not kept. A plan
# made for an empty id serves a real one only where Neo4j files plans by parameter type alone
# (`internal.cypher.use_parameter_size=false`, as the local server and docker-compose.yml set);
# elsewhere by length too, and the first read of each length plans again.
_BUSY_READS: dict[str, dict[str, Any]] = {
    "get_token_principal": {"hash": ""},
    "load_family": {"person_id": "", "max_generations": 4, "within": [""], "external_ids": False},
    "find_lapsed": {"young_person_id": "", "today": "2000-01-01"},
    "get_network": {"young_person_id": "", "today": "2000-01-01", "blocking_level": 3},
    "search_ties": {"network": [""], "max_steps": 2, "today": "2000-01-01", "young_person_id": ""},
    "list_orders_about": {"young_person_id": "", "today": "2000-01-01"},
    "list_connected_people": {"young_person_id": ""},
    "get_suggestion_facts": {"young_person_id": "", "today": "2000-01-01"},
}
# Planned but not run (EXPLAIN): the access check records every refusal in the audit trail.
_BUSY_CHECK: dict[str, Any] = {
    "person_id": "",
    "user_id": "",
    "role": "",
    "team": "",
    "today": "2000-01-01",
    "action": "",
    "resource": "",
    "record_allowed": False,
    "young": False,
}


async def warm_plans(db: Db) -> float:
    """Have Neo4j plan the busiest reads, so that the first requests after a (re)start do not
    spend their deadline planning. The reads run for an id no one has, in read sessions (a
    write would be refused); the audited access check is only EXPLAINed. Never fails: a
    database that is not answering is the health check's business. Returns the seconds taken."""
    started = time.monotonic()
    work = [(db.queries[name], params) for name, params in _BUSY_READS.items()]
    # A user with no team sends null, which Neo4j plans apart from a string.
    for team in ("", None):
        work.append(("EXPLAIN " + db.queries["check_person_access"], _BUSY_CHECK | {"team": team}))
    for text, params in work:
        try:
            async with db.driver.session(
                database=db.database, default_access_mode=READ_ACCESS
            ) as s:
                result = await s.run(text, params)
                await result.consume()
        except (DriverError, Neo4jError, OSError) as exc:
            log.warning("could not plan the busy reads (%s)", type(exc).__name__)
            break
    return time.monotonic() - started


async def get_db(request: Request) -> Db:
    db: Db = request.app.state.db
    return db


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DbDep = Annotated[Db, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
