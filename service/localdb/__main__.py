"""`python -m service.localdb start|stop|status|password`: drive the local Neo4j by hand.

`start` leaves the server running in the background (its pid is kept under the data folder);
`make run` and the API adopt a server started this way and leave it running when they stop.
"""

from __future__ import annotations

import argparse
import sys

from service.localdb import LocalDbError, LocalNeo4j, neo4j_version
from service.settings import Settings


def server_from(settings: Settings) -> LocalNeo4j:
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    return LocalNeo4j(
        home=settings.local_home,
        port=settings.neo4j_bolt_port,
        cache_dir=settings.cache_dir,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
        password=password,
    )


def running_database(settings: Settings) -> tuple[str, str]:
    """URI and password for a command-line tool: NEO4J_URI when set, else the local Neo4j,
    which must be running."""
    if settings.neo4j_uri is not None and settings.neo4j_password is not None:
        return settings.neo4j_uri, settings.neo4j_password.get_secret_value()
    server = server_from(settings)
    if server.running_pid() is None:
        raise SystemExit("error: set NEO4J_URI, or start the local Neo4j (make run)")
    return server.uri, server.resolved_password()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.localdb", description=__doc__)
    parser.add_argument("command", choices=["start", "stop", "status"])
    args = parser.parse_args(argv)
    server = server_from(Settings())
    try:
        if args.command == "start":
            server.start()
            state = "was already running" if server.adopted else "started"
            print(f"Neo4j {neo4j_version()} {state} on {server.uri} (home {server.home})")
        elif args.command == "stop":
            pid = server.running_pid()
            server.stop()
            print("Neo4j stopped" if pid else "Neo4j was not running")
        else:
            pid = server.running_pid()
            if pid is None:
                print(f"Neo4j is not running (home {server.home})")
                return 3
            print(f"Neo4j is running on {server.uri}, pid {pid} (home {server.home})")
    except LocalDbError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
