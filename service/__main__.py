"""`python -m service run`: what `make run` does.

Starts the local Neo4j unless NEO4J_URI is set, applies the schema, loads the demo data when
LL_DEMO_DATA is true, and serves the API with uvicorn. Ctrl-C or SIGTERM stops the API, then
the database it started (a server started earlier with `python -m service.localdb start` is
left running).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import socket
import sys
import warnings
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

import uvicorn
from pydantic import SecretStr

from service.app import ConfigurationError, create_app
from service.localdb import LocalDbError, neo4j_version
from service.localdb.__main__ import server_from
from service.queries import QueryLoadError
from service.settings import Settings

log = logging.getLogger("service")


class StopRequested(Exception):
    """SIGTERM arrived: stop in order, as for Ctrl-C."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise StopRequested


@contextlib.contextmanager
def database(settings: Settings) -> Iterator[Settings]:
    """Settings that point at a running Neo4j: the configured one, or a local one for the run."""
    if settings.neo4j_uri is not None:
        if settings.neo4j_password is None:
            raise LocalDbError("NEO4J_URI is set but NEO4J_PASSWORD is not.")
        yield settings
        return
    print(
        f"Starting the local Neo4j {neo4j_version()} (data in {settings.local_home})...", flush=True
    )
    with server_from(settings) as server:
        print(f"Neo4j answers on {server.uri}", flush=True)
        try:
            yield settings.model_copy(
                update={
                    "neo4j_uri": server.uri,
                    "neo4j_password": SecretStr(server.resolved_password()),
                }
            )
        finally:
            if not server.adopted:
                print("Stopping the local Neo4j...", flush=True)


def run(settings: Settings) -> None:
    with database(settings) as ready:
        config = uvicorn.Config(
            create_app(ready),
            host=ready.host,
            port=ready.port,
            log_level=ready.log_level,
            # Access logs would carry query strings, which may hold names; keep them out.
            access_log=False,
        )
        print(
            f"API on http://{ready.host}:{ready.port} (docs at /docs); Ctrl-C stops it.", flush=True
        )
        FirstLookServer(config).run()


class FirstLookServer(uvicorn.Server):
    """Once the API listens, prints the link to the demo case's map (when the demo is loaded)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        link = getattr(getattr(self.config.app, "state", None), "first_look", None)
        if link is not None and not self.should_exit:
            print(
                "\nOpen the demo case's network map, as the coordinator allocated to Kai "
                f"(the link lasts until {link.expires_at:%H:%M} UTC):\n  {link.url}\n",
                flush=True,
            )


def _warned(
    message: Warning | str, category: type[Warning], filename: str, lineno: int,
    file: TextIO | None = None, line: str | None = None,
) -> None:  # fmt: skip
    """A warning's kind and where it was raised, never its text: pydantic's serialisation
    warnings, for one, quote the value (a name) they were given."""
    logging.getLogger("service").warning("%s at %s:%d", category.__name__, filename, lineno)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    parser.add_argument("command", choices=["run"])
    parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # The driver logs query text with its notifications; keep queries out of the log.
    logging.getLogger("neo4j").setLevel(logging.WARNING)
    warnings.showwarning = _warned
    signal.signal(signal.SIGTERM, _terminate)
    try:
        run(Settings())
    except (LocalDbError, ConfigurationError, QueryLoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, StopRequested):
        # uvicorn re-raises the signal it stopped on once it has shut down: a requested stop.
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
