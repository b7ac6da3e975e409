"""The FastAPI application: lifespan, routers, error handlers."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib.metadata import entry_points
from typing import Any

from fastapi import FastAPI

from service.auth import embed
from service.auth.oidc import OidcVerifier
from service.auth.throttle import SignInThrottle
from service.db import (
    Db,
    ReadDeadline,
    apply_migrations,
    apply_schema,
    make_driver,
    wait_for_database,
    warm_plans,
)
from service.docs import install_docs
from service.errors import install_error_handlers
from service.middleware import AnswerHeaders, BodyLimit, Unhandled
from service.openapi import document_errors
from service.queries import load_queries
from service.readcache import ReadCache
from service.routes import (
    audit,
    connections,
    discovery,
    duplicates,
    flags,
    health,
    imports,
    journey,
    maps,
    me,
    people,
    plan,
    safeguarding,
    users,
    young_people,
)
from service.settings import Settings

log = logging.getLogger("service")


# The largest JSON body taken; the GEDCOM upload has its own limit (LL_GEDCOM_MAX_BYTES).
MAX_BODY_BYTES = 1_000_000
# Room for a multipart upload's boundaries and form fields around the file itself.
MULTIPART_OVERHEAD = 65_536


class ConfigurationError(RuntimeError):
    """The settings cannot work; the message says which one."""


class Service(FastAPI):
    """FastAPI, with an OpenAPI document that lists every error a route can answer with."""

    _documented: dict[str, Any] | None = None

    def openapi(self) -> dict[str, Any]:
        schema = super().openapi()  # made once, again only if the routes change
        if schema is not self._documented:
            self._documented = document_errors(schema, self.routes)
        return schema


def oidc_verifier(settings: Settings) -> OidcVerifier | None:
    if settings.oidc_issuer is None and settings.oidc_audience is None:
        return None
    if settings.oidc_issuer is None or settings.oidc_audience is None:
        raise ConfigurationError("OpenID Connect needs both LL_OIDC_ISSUER and LL_OIDC_AUDIENCE.")
    return OidcVerifier(
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        role_claim=settings.oidc_role_claim,
        team_claim=settings.oidc_team_claim,
        jwks_url=settings.oidc_jwks_url,
        client_ids=settings.allowed_oidc_clients,
    )


StartupStep = Callable[[FastAPI, Db, Settings], Awaitable[None]]
STARTUP_GROUP = "lifelong_links.startup"


def startup_step(name: str) -> StartupStep:
    """A step another installed package adds to start-up (`demo`: the demo case, from `seed`),
    found by its entry point so that the service imports no such package."""
    found = entry_points(group=STARTUP_GROUP, name=name)
    if not found:
        raise ConfigurationError(
            f"Start-up step {name!r} is not installed (entry point group {STARTUP_GROUP}); "
            "install the project with `make install`, or turn LL_DEMO_DATA off."
        )
    step: StartupStep = next(iter(found)).load()
    return step


_YOUNGEST = 20_000  # allocations between collections of the cyclic collector's youngest generation


def fresh_state(app: FastAPI, settings: Settings) -> None:
    """What an app holds in memory and starts without: its clock, the answers it keeps, the
    sign-in failures it counts. Tests that share one started app set it afresh for each test."""
    # The one clock of the service: each request takes "today" from it once (see
    # service.dates.london_today); tests set it to an instant of their choosing.
    app.state.clock = lambda: datetime.now(UTC)
    app.state.read_cache = ReadCache(
        settings.read_cache_size, settings.read_cache_seconds, time.monotonic
    )
    # Failed sign-ins are counted in memory per app, so each app (and each test) starts clean.
    app.state.signin = SignInThrottle(
        per_client=settings.signin_failures_per_minute,
        per_user=settings.signin_user_failures_per_minute,
    )


class _WarningsOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


_WARNINGS_ONLY = _WarningsOnly()
# The driver's loggers (and any other it makes under "neo4j.").
DRIVER_LOGS = ("neo4j", "neo4j.io", "neo4j.pool", "neo4j.session", "neo4j.notifications",
               "neo4j.auth_management", "neo4j._api")  # fmt: skip


def quiet_driver_logs() -> None:
    """The driver logs each query with its parameters (children's names) at DEBUG: never, even
    where the app is served under a logging set up by others, before the app is made or after
    (second readers: a root logger at DEBUG, set before or after `create_app`, wrote names to
    the log; `python -m service` already kept it at WARNING). The driver's root logger is set
    to WARNING (so a root logger at DEBUG does not reach it), and each of its loggers drops
    what is below WARNING even if set lower on purpose (`neo4j.io` writes "C: RUN" with the
    parameters). A logger set higher (ERROR) is left as it is."""
    names = set(DRIVER_LOGS) | {n for n in list(logging.root.manager.loggerDict)
                                if n.startswith("neo4j.")}  # fmt: skip
    for name in sorted(names):
        driver_log = logging.getLogger(name)
        # The others at NOTSET follow "neo4j".
        if driver_log.level < logging.WARNING and (name == "neo4j" or driver_log.level):
            driver_log.setLevel(logging.WARNING)
        if _WARNINGS_ONLY not in driver_log.filters:
            driver_log.addFilter(_WARNINGS_ONLY)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    quiet_driver_logs()
    # Loaded here, not in the lifespan, so that a broken cypher folder stops the process
    # before it listens on a port.
    queries = load_queries(settings.cypher_dir)
    if settings.neo4j_uri is None or settings.neo4j_password is None:
        raise ConfigurationError(
            "The API needs NEO4J_URI and NEO4J_PASSWORD; `python -m service run` sets them "
            "for the local Neo4j it starts."
        )
    uri, password = settings.neo4j_uri, settings.neo4j_password.get_secret_value()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Db(make_driver(settings, uri=uri, password=password), queries,
                settings.neo4j_database)  # fmt: skip
        try:
            await wait_for_database(db, timeout=settings.startup_timeout)
            await apply_schema(db)
            for name in await apply_migrations(db):
                log.info("data migration %s applied", name)
            took = await warm_plans(db)
            log.info("busy reads planned in %.1f s", took)
            if settings.demo_data:
                await startup_step("demo")(app, db, settings)
                log.info("demo data loaded")
            app.state.db = db
            # What start-up made (modules, the models' schemas, the app, the driver) lives as
            # long as the process: out of the cyclic collector's reach, so that its full
            # collections do not walk it again every few requests (35-40 ms pauses on a map,
            # a quarter of its CPU). A request makes tens of thousands of short-lived objects:
            # the youngest generation is collected every 20,000 rather than 700 (about 1 ms
            # less a map). Measured on the council, 2026-12-05: /graph's CPU 16.7 -> 11.4 ms.
            collected = gc.get_threshold()
            gc.collect()  # start-up's own garbage first: freezing it would keep it for ever
            gc.freeze()
            gc.set_threshold(_YOUNGEST, *collected[1:])
            try:
                yield
            finally:
                # As it was: a process that starts apps again (the tests) collects this one.
                gc.unfreeze()
                gc.set_threshold(*collected)
        finally:
            await db.driver.close()

    app = Service(
        title="Lifelong Links",
        summary="Relatives, lapsed contacts and safeguarding links of young people in care.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # FastAPI's own OpenTelemetry, off: its spans name the path (people's ids) and its log
        # events carry exception messages and the values a validation refused.
        telemetry={
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
        },
    )
    app.state.settings = settings
    fresh_state(app, settings)
    app.state.first_look = None
    app.state.oidc = oidc_verifier(settings)
    app.state.embed_key = embed.signing_key(
        settings.embed_secret.get_secret_value() if settings.embed_secret else None
    )
    if settings.allowed_embed_origins and not settings.browsers_say_where_pages_go:
        log.warning(
            "LL_EMBED_ORIGINS is set but the service's address (LL_PUBLIC_URL, %s) is not https: "
            "browsers tell only https addresses that a page is loaded into a frame, so every embed "
            "link made for an origin will be refused. Serve the service over https.",
            settings.base_url,
        )
    install_error_handlers(app)
    # The last added runs first: the last resort for what no handler answered, headers on every
    # answer, then the body limit, then reads' deadline.
    app.add_middleware(ReadDeadline, seconds=settings.read_deadline)
    upload_path = str(imports.router.url_path_for("import_gedcom"))
    app.add_middleware(
        BodyLimit, default=MAX_BODY_BYTES,
        paths={upload_path: settings.gedcom_max_bytes + MULTIPART_OVERHEAD},
    )  # fmt: skip
    app.add_middleware(AnswerHeaders)
    app.add_middleware(Unhandled)
    install_docs(app)
    for router in (
        health.router,
        me.router,
        users.router,
        audit.router,
        duplicates.router,
        young_people.router,
        people.router,
        imports.router,
        flags.router,
        connections.router,
        safeguarding.router,
        discovery.router,
        plan.router,
        journey.router,
        maps.router,
    ):
        app.include_router(router)
    return app
