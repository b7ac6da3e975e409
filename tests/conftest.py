"""Tests run against a real Neo4j, chosen in this order:

1. `NEO4J_TEST_URI` (with `NEO4J_TEST_USER`, `NEO4J_TEST_PASSWORD`): a database the tests may
   wipe; they refuse to start on one that holds data unless `NEO4J_TEST_WIPE=yes`;
2. testcontainers' `neo4j:5.26-community` when a Docker engine answers;
3. otherwise the local Maven-provisioned server on a free port in a throwaway folder.

A database that cannot be started is an error that fails the run, never a skip.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase
from pydantic import SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from service.app import create_app, fresh_state
from service.db import Db, apply_schema, make_driver, warm_plans
from service.localdb import throwaway
from service.queries import load_queries
from service.settings import Settings
from tests.browser import browser as browser

# The route table's world, shared by test modules as a fixture (tests/world.py).
pytest_plugins = ("tests.world",)

REPO = Path(__file__).resolve().parent.parent


class IsolatedSettings(Settings):
    """Settings from the values given alone: the developer's environment and .env stay out."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


@dataclass(frozen=True)
class Target:
    uri: str
    user: str
    password: str
    kind: str


def _docker_answers() -> bool:
    try:
        import docker
        from docker.errors import DockerException
    except ImportError:
        return False
    try:
        docker.from_env(timeout=3).ping()
    except (DockerException, OSError):
        return False
    return True


# For the servers a test module starts for itself, to stop, kill or starve (the fault, outage
# and import-memory tests): the JIT's first tier only. Such a server lives under a minute and
# spends it planning queries on a cold JVM, which C1 alone compiles sooner (the three modules:
# 108 s against 120, two runs each); the session's server, which lives for minutes, keeps both
# tiers (with C1 only, the other tests took 35 s longer). Neither changes what the service does
# or what is checked.
SHORT_LIVED = ("-XX:TieredStopAtLevel=1",)


def cache_dir() -> Path:
    return Settings().cache_dir


class _EarlyDatabase:
    """The session's database, started in a thread while pytest collects the tests (about 3 s
    of Python) and then prepared (`_prepare`) while the tests that need no database run;
    stopped when pytest ends (`pytest_unconfigure`). Closing never waits for a start under way
    (Ctrl-C during collection): the thread stops what it started as soon as the start is done;
    a preparation under way is cancelled."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._lock = threading.Lock()
        self._started = self._closed = False
        self._preparing: tuple[asyncio.AbstractEventLoop, asyncio.Task[None]] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="early-neo4j")
        self._target = self._pool.submit(self._start)
        self._pool.shutdown(wait=False)

    def _start(self) -> Target:
        target = self._stack.enter_context(_database())
        with self._lock:
            self._started = True
            if self._closed:
                self._stack.close()
                return target

        async def prepare() -> None:
            with self._lock:
                if self._closed:
                    return
                task = asyncio.current_task()
                assert task is not None
                self._preparing = (asyncio.get_running_loop(), task)
            await _prepare(target)

        # Only a head start: whatever fails here, the first app does again and reports.
        with contextlib.suppress(Exception, asyncio.CancelledError):
            asyncio.run(prepare())
        return target

    def target(self) -> Target:
        return self._target.result()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._preparing is not None:
                loop, task = self._preparing
                with contextlib.suppress(RuntimeError):  # its loop has already ended
                    loop.call_soon_threadsafe(task.cancel)
            if self._started:
                self._stack.close()


async def _prepare(target: Target) -> None:
    """The schema applied and the busy reads planned, as the first app's start does (a JVM just
    started plans them in about 5 s), so that the first app finds them done."""
    settings = settings_for(target)
    driver = make_driver(settings, uri=target.uri, password=target.password)
    try:
        db = Db(driver, load_queries(settings.cypher_dir), settings.neo4j_database)
        await apply_schema(db)
        await warm_plans(db)
    finally:
        await driver.close()


_early: _EarlyDatabase | None = None


def pytest_configure(config: pytest.Config) -> None:
    """A run of the whole suite (`make test`, `make test-fast`: no paths, no -k) starts its
    database at once; a narrower run, or one that only lists or explains, starts it when a test
    first needs it, if one does."""
    global _early
    option = config.option
    narrower = ("file_or_dir", "keyword", "collectonly", "help", "markers", "showfixtures",
                "show_fixtures_per_test", "numprocesses", "lf", "deselect")  # fmt: skip
    whole = not any(getattr(option, name, None) for name in narrower)
    distributed = hasattr(config, "workerinput")
    if whole and not distributed:
        _early = _EarlyDatabase()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _early
    if _early is not None:
        early, _early = _early, None
        early.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With the early database, the modules that need neither it nor a server of their own
    (slow) run first, while it starts and plans (about 10 s); the order is otherwise kept."""
    if _early is None:
        return
    later = {item.path for item in items
             if "neo4j_target" in getattr(item, "fixturenames", ())
             or item.get_closest_marker("slow")}  # fmt: skip
    items.sort(key=lambda item: item.path in later)


@pytest.fixture(scope="session")
def neo4j_target() -> Iterator[Target]:
    with contextlib.ExitStack() as stack:
        target = _early.target() if _early is not None else stack.enter_context(_database())
        try:
            yield target
        finally:
            # The shared apps (app_client) first, while the database they talk to is up.
            _stop_apps()


@contextlib.contextmanager
def _database() -> Iterator[Target]:
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        target = Target(
            uri=uri,
            user=os.environ.get("NEO4J_TEST_USER", "neo4j"),
            password=os.environ["NEO4J_TEST_PASSWORD"],
            kind="external",
        )
        with GraphDatabase.driver(uri, auth=(target.user, target.password)) as driver:
            records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
            if records[0]["n"] and os.environ.get("NEO4J_TEST_WIPE") != "yes":
                pytest.exit(
                    f"NEO4J_TEST_URI holds {records[0]['n']} nodes and the tests wipe it; "
                    "set NEO4J_TEST_WIPE=yes if that is intended.",
                    returncode=2,
                )
        yield target
    elif _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        # Plans filed by parameter type, as docker-compose.yml and the local server set it.
        image = Neo4jContainer("neo4j:5.26-community").with_env(
            "NEO4J_internal_cypher_use__parameter__size", "false"
        )
        with image as container:
            yield Target(
                uri=container.get_connection_url(),
                user=container.username,
                password=container.password,
                kind="container",
            )
    else:
        with throwaway(cache_dir()) as server:
            user, password = server.auth
            yield Target(uri=server.uri, user=user, password=password, kind="local")


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_target: Target) -> Iterator[Driver]:
    with GraphDatabase.driver(
        neo4j_target.uri, auth=(neo4j_target.user, neo4j_target.password)
    ) as driver:
        yield driver


def wipe(driver: Driver) -> None:
    """Empty the database: every node, constraint and index but Neo4j's own look-up indexes.
    The shared apps (app_client) applied the schema when they started, so they are stopped: the
    next test that asks for one starts it again."""
    _stop_apps()
    driver.execute_query("MATCH (n) DETACH DELETE n")
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}` IF EXISTS")
    for record in driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"
    ).records:
        driver.execute_query(f"DROP INDEX `{record['name']}` IF EXISTS")


def empty(driver: Driver) -> None:
    """Delete every node, keeping the schema: the app applies it at start-up with `IF NOT
    EXISTS`, so re-creating it for each test only costs time (minutes over the suite)."""
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture
def db(neo4j_driver: Driver) -> Driver:
    """A database with no data for one test (the schema may be there)."""
    empty(neo4j_driver)
    return neo4j_driver


@pytest.fixture
def bare_db(neo4j_driver: Driver) -> Driver:
    """An empty database for one test: no data, no schema."""
    wipe(neo4j_driver)
    return neo4j_driver


# Started apps, one for each set of settings tests ask for, kept for the session: starting one
# (a driver, the schema, the busiest reads planned) costs about 80 ms, and most tests need one.
_APPS: dict[str, TestClient] = {}


def _settings_key(settings: Settings) -> str:
    values = {k: v.get_secret_value() if isinstance(v, SecretStr) else v for k, v in settings}
    return json.dumps(values, sort_keys=True, default=str)


@contextlib.contextmanager
def app_client(settings: Settings) -> Iterator[TestClient]:
    """A started app for these settings, with what it holds in memory as a new app's (clock,
    kept answers, sign-in failures) and a client without cookies. Not for an app that loads
    the demo data at start-up: the `db` fixture empties the database before each test."""
    key = _settings_key(settings)
    client = _APPS.get(key)
    if client is None:
        client = TestClient(create_app(settings))
        client.__enter__()
        _APPS[key] = client
    fresh_state(client.app, settings)  # type: ignore[arg-type]
    client.cookies.clear()
    yield client


def _stop_apps() -> None:
    while _APPS:
        _, client = _APPS.popitem()
        client.__exit__(None, None, None)


def settings_for(target: Target, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "neo4j_uri": target.uri,
        "neo4j_user": target.user,
        "neo4j_password": target.password,
    }
    values.update(overrides)
    return IsolatedSettings.model_validate(values)


@pytest.fixture
def settings(neo4j_target: Target) -> Settings:
    return settings_for(neo4j_target)


@pytest.fixture
def client(db: Driver, settings: Settings) -> Iterator[TestClient]:
    with app_client(settings) as test_client:
        yield test_client


# The bootstrap admin's token of the apps the tests start (`tests.cases` uses it to make users).
ADMIN_TOKEN = "bootstrap-admin-token-for-tests-0123456789"


@pytest.fixture
def api(db: Driver, neo4j_target: Target) -> Iterator[TestClient]:
    """A started app with the bootstrap admin, on an emptied database."""
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        yield client
