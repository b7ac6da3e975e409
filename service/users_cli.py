"""`python -m service.users_cli`: manage users and tokens from the server's command line.

    create-user USERNAME --name "Display Name" --role coordinator [--team T] [--job-title J]
    issue-token USERNAME_OR_ID [--days 90] [--label api]   (prints the token once)
    revoke-token TOKEN_ID
    disable USERNAME_OR_ID

It uses NEO4J_URI and NEO4J_PASSWORD, or the local Neo4j's stored password when NEO4J_URI
is unset and the local server is running. Changes are audited as "command-line".
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from pydantic import ValidationError

from service.auth.principal import COMMAND_LINE_ADMIN, Role
from service.data import users
from service.db import Db, apply_schema, make_driver
from service.errors import ServiceError
from service.localdb.__main__ import running_database
from service.queries import load_queries
from service.settings import Settings


async def _user(db: Db, who: str) -> users.UserPublic:
    """The user with this id, or else the one with this username. An identity provider's
    username may be anything, another user's id included: an id matches first, and two users
    that the words could name are refused rather than one picked."""
    known = await users.list_users(db)
    by_id = [u for u in known if u.id == who]
    if by_id:
        return by_id[0]
    named = [u for u in known if u.username.casefold() == who.casefold()]
    if len(named) > 1:
        listed = ", ".join(f"{u.username!r} (id {u.id})" for u in named)
        raise SystemExit(f"error: {who!r} could be any of {listed}: give the id")
    if not named:
        raise SystemExit(f"error: no user {who!r}")
    return named[0]


async def run(args: argparse.Namespace, settings: Settings) -> str:
    queries = load_queries(settings.cypher_dir)
    uri, password = running_database(settings)
    db = Db(make_driver(settings, uri=uri, password=password), queries, settings.neo4j_database)
    try:
        # The constraints (one user per username, ...) must hold before anything is written.
        await apply_schema(db)
        if args.command == "create-user":
            new = users.UserCreate(
                username=args.username, display_name=args.name, role=Role(args.role),
                team=args.team, job_title=args.job_title,
            )  # fmt: skip
            user = await users.create_user(db, actor=COMMAND_LINE_ADMIN, user=new)
            return f"created {user.username} ({user.role.value}), id {user.id}"
        if args.command == "issue-token":
            if args.days > settings.token_max_days:
                raise SystemExit(f"error: a token may last at most {settings.token_max_days} days")
            user = await _user(db, args.user)
            issued = await users.issue_token(
                db, actor=COMMAND_LINE_ADMIN, user_id=user.id,
                request=users.TokenCreate(label=args.label, expires_in_days=args.days),
            )  # fmt: skip
            return (f"token {issued.id} for {user.username} (id {user.id}) expires "
                    f"{issued.expires_at}; shown once:\n{issued.token}")  # fmt: skip
        if args.command == "revoke-token":
            revoked = await users.revoke_token(db, actor=COMMAND_LINE_ADMIN, token_id=args.token_id)
            return f"revoked token {revoked.id}"
        user = await _user(db, args.user)
        await users.update_user(
            db, actor=COMMAND_LINE_ADMIN, user_id=user.id,
            changes=users.UserUpdate(disabled=True),
        )  # fmt: skip
        return f"disabled {user.username} (id {user.id})"
    finally:
        await db.driver.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.users_cli")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create-user")
    create.add_argument("username")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--team")
    create.add_argument("--job-title")
    issue = sub.add_parser("issue-token")
    issue.add_argument("user")
    issue.add_argument("--days", type=int, default=90)
    issue.add_argument("--label", default="api")
    revoke = sub.add_parser("revoke-token")
    revoke.add_argument("token_id")
    disable = sub.add_parser("disable")
    disable.add_argument("user")
    args = parser.parse_args(argv)
    try:
        print(asyncio.run(run(args, Settings())))
    except ValidationError as exc:
        print(f"error: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
