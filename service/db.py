"""The Neo4j driver, the schema, and the database checks the service needs.

One async driver per process, made in the lifespan and handed to routes by `DriverDep`.
Every wait on the database is bounded: connecting, acquiring a connection, each query
(server-side transaction timeout) and the retry budget of managed transactions.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Annotated, Any

from fastapi import Depends, Request
from neo4j import READ_ACCESS, WRITE_ACCESS, AsyncDriver, AsyncGraphDatabase, Query, Record
from neo4j.exceptions import DriverError, Neo4jError

from service.errors import DatabaseUnavailable
from service.queries import Queries
from service.settings import Settings

log = logging.getLogger("service.db")


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


async def apply_schema(driver: AsyncDriver, queries: Queries, *, database: str) -> list[str]:
    """Apply every `cypher/schema/*` statement in name order; each is `IF NOT EXISTS`."""
    applied = []
    for query in queries.group("schema"):
        await driver.execute_query(query.text, database_=database)
        applied.append(query.name)
    # New indexes fill in the background; queries planned before they are online scan labels.
    await driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return applied


async def wait_for_database(
    driver: AsyncDriver, queries: Queries, *, database: str, timeout: float
) -> None:
    """Wait up to `timeout` seconds for the database to answer (it may still be starting)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            await server_components(driver, queries, database=database, timeout=2.0)
            return
        except DatabaseUnavailable:
            if time.monotonic() >= deadline:
                raise
            await asyncio.sleep(0.5)


async def server_components(
    driver: AsyncDriver, queries: Queries, *, database: str, timeout: float
) -> dict[str, Any]:
    """Name, version and edition of the Neo4j behind the driver, or DatabaseUnavailable.

    An auto-commit query with no retries, cut off after `timeout` seconds whatever the
    database does: a health check must answer quickly even when Neo4j hangs.
    """
    query = Query(queries["get_components"], timeout=timeout)
    try:
        async with asyncio.timeout(timeout):
            async with driver.session(database=database) as session:
                result = await session.run(query)
                record = await result.single(strict=True)
                return dict(record)
    except TimeoutError as exc:
        raise DatabaseUnavailable(f"Neo4j did not answer within {timeout} s") from exc
    except (DriverError, Neo4jError, OSError) as exc:
        raise DatabaseUnavailable(f"Neo4j is not answering ({type(exc).__name__})") from exc


async def in_write(driver: AsyncDriver, database: str, work: Any) -> Any:
    """Run `work(tx)` in one managed write transaction: all of it commits, or none of it."""
    async with driver.session(database=database) as session:
        return await session.execute_write(work)


async def run_once(
    driver: AsyncDriver, query: str, *, database: str, write: bool = False, **params: Any
) -> list[Record]:
    """One statement in an auto-commit transaction: one round trip to the server instead of
    the two of a managed transaction (BEGIN/RUN/PULL, then COMMIT). For single reads and
    single-statement writes on the hot paths; no retries, so a failure is a 503."""
    mode = WRITE_ACCESS if write else READ_ACCESS
    async with driver.session(database=database, default_access_mode=mode) as session:
        result = await session.run(query, params)
        return [record async for record in result]


async def get_driver(request: Request) -> AsyncDriver:
    driver: AsyncDriver = request.app.state.driver
    return driver


async def get_queries(request: Request) -> Queries:
    queries: Queries = request.app.state.queries
    return queries


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DriverDep = Annotated[AsyncDriver, Depends(get_driver)]
QueriesDep = Annotated[Queries, Depends(get_queries)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
