"""Import a GEDCOM file into a young person's network from the command line, with progress.

    python -m seed.gedcom FILE --young-person ID [--source NAME] [--young-person-xref @I1@]

The same import as `POST /imports/gedcom`: one transaction, a no-op when repeated, nothing
written when the file is refused. It is audited as a command-line change on the server.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from tqdm import tqdm

from service.auth.principal import COMMAND_LINE_ADMIN
from service.data.gedcom_io import import_tree
from service.db import Db, apply_schema, make_driver
from service.errors import ServiceError
from service.gedcom import GedcomError, GedcomTree, parse_gedcom
from service.localdb.__main__ import running_database
from service.queries import load_queries
from service.settings import Settings


async def run(args: argparse.Namespace, settings: Settings, tree: GedcomTree) -> str:
    queries = load_queries(settings.cypher_dir)
    uri, password = running_database(settings)
    db = Db(make_driver(settings, uri=uri, password=password), queries, settings.neo4j_database)
    try:
        await apply_schema(db)
        with tqdm(total=len(tree.people), unit="people", file=sys.stderr,
                  disable=args.quiet) as bar:  # fmt: skip
            result = await import_tree(
                db, actor=COMMAND_LINE_ADMIN,
                young_person_id=args.young_person, tree=tree,
                system=f"gedcom:{args.source or args.young_person}",
                young_person_xref=args.young_person_xref, progress=bar.update,
            )  # fmt: skip
    finally:
        await db.driver.close()
    return (
        f"imported {result.people_in_file} people and {result.families_in_file} families into "
        f"{result.system}: {result.people_created} people and "
        f"{result.relationships_created} relationships created"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed.gedcom", description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--young-person", required=True, help="the young person's id")
    parser.add_argument("--source", help="a name for the tree (default: the young person's id)")
    parser.add_argument("--young-person-xref", help="the young person's own xref in the file")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        settings = Settings()
        tree = parse_gedcom(
            Path(args.file).read_bytes(),
            max_bytes=settings.gedcom_max_bytes,
            max_people=settings.gedcom_max_people,
        )
        print(asyncio.run(run(args, settings, tree)))
    except (GedcomError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
