"""Writing the synthetic council (see `seed.council`) to Neo4j, phase by phase in batches, and the
command line (`python -m seed.council`)."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction
from tqdm import tqdm

from seed.council.base import CREATED_BY, LOADED_AT, Council
from seed.council.generate import generate
from service.data.relationships import stored_props
from service.db import Db, apply_schema, make_driver, run_once
from service.localdb.__main__ import running_database
from service.queries import load_queries
from service.settings import Settings


@dataclass(frozen=True)
class PhaseResult:
    """One phase of a build: what it wrote and how fast."""

    name: str
    rows: int
    batches: int
    nodes_created: int
    relationships_created: int
    people: int  # people written (merged) in this phase
    seconds: float

    @property
    def people_per_second(self) -> float:
        return self.people / self.seconds if self.seconds else 0.0

    @property
    def relationships_per_second(self) -> float:
        return self.relationships_created / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class BuildSummary:
    """What a build generated and wrote, with its timings; printed by the command line."""

    seed: int
    young_people: int
    counts: dict[str, int]  # the council as generated: nodes by label, relationships by type
    people: int
    relationships: int
    generate_seconds: float
    schema_seconds: float
    phases: list[PhaseResult]
    seconds: float  # the whole build: generating, schema and every phase

    @property
    def nodes_created(self) -> int:
        return sum(p.nodes_created for p in self.phases)

    @property
    def relationships_created(self) -> int:
        return sum(p.relationships_created for p in self.phases)

    @property
    def write_seconds(self) -> float:
        return sum(p.seconds for p in self.phases)

    def __str__(self) -> str:
        return self.table()

    def table(self) -> str:
        lines = [
            f"council c{self.seed}: {self.young_people:,} young people, {self.people:,} people, "
            f"{self.relationships:,} relationships (generated in {self.generate_seconds:.1f} s, "
            f"schema {self.schema_seconds:.1f} s)",
            "| phase | rows | batches | nodes created | relationships created | s | people/s "
            "| relationships/s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for p in self.phases:
            lines.append(
                f"| {p.name} | {p.rows:,} | {p.batches} | {p.nodes_created:,} "
                f"| {p.relationships_created:,} | {p.seconds:.1f} "
                f"| {p.people_per_second:,.0f} | {p.relationships_per_second:,.0f} |"
            )
        w = self.write_seconds
        lines.append(
            f"| all | | {sum(p.batches for p in self.phases)} | {self.nodes_created:,} "
            f"| {self.relationships_created:,} | {w:.1f} | {self.people / w if w else 0:,.0f} "
            f"| {self.relationships_created / w if w else 0:,.0f} |"
        )
        lines.append(f"built in {self.seconds:.1f} s in all")
        nodes = ", ".join(f"{k} {n:,}" for k, n in self.counts.items() if not k.isupper())
        rels = ", ".join(f"{k} {n:,}" for k, n in self.counts.items() if k.isupper())
        lines += [f"nodes: {nodes}", f"relationships: {rels}"]
        return "\n".join(lines)


@dataclass(frozen=True)
class _Phase:
    name: str
    query: str
    rows: list[dict[str, Any]]
    weight: Callable[[dict[str, Any]], int]  # about how many relationships a row creates
    param: str = "rows"
    people: bool = False
    unit: str = "rel"  # what the progress bar counts


def _network_rows(
    networks: dict[str, list[str]], notes: dict[str, str | None], size: int
) -> list[dict[str, Any]]:
    """Each network's members in batches, with the notes the case keeps on each."""
    rows = []
    for yp, ids in networks.items():
        for k in range(0, len(ids), size):
            chunk = ids[k : k + size]
            rows.append({"young_person_id": yp, "ids": chunk,
                         "notes": [notes.get(pid) for pid in chunk]})  # fmt: skip
    return rows


def _phases(council: Council, batch: int) -> list[_Phase]:
    """The order of writing: nodes before the relationships that need them."""
    one: Callable[[dict[str, Any]], int] = lambda _row: 1  # noqa: E731
    notes = {p["id"]: p["notes"] for p in council.people}  # the cases' own, on each membership
    return [
        _Phase("young people", "council_merge_young_people", council.young_people, one,
               people=True, unit="person"),
        _Phase("people", "council_merge_people", council.people, one, people=True,
               unit="person"),
        _Phase("networks", "council_link_networks", _network_rows(council.networks, notes, batch),
               lambda row: len(row["ids"])),
        # A trusted adult's notes are the case's of the young person the tie leads to.
        _Phase("family and trusted adults", "council_add_family_links",
               [{**link, "props": stored_props(link["props"], link["to_id"])}
                for link in council.links], one, param="links"),
        _Phase("external ids", "council_merge_external_ids", council.external_ids, one),
        _Phase("users", "council_merge_users", council.users, one, unit="user"),
        _Phase("allocations", "council_merge_allocations", council.allocations, one),
        _Phase("timeline", "council_add_timeline", council.timeline,
               lambda row: 1 + len(row["people"])),
        _Phase("connections", "council_add_connections", council.connections,
               lambda row: 2 + 2 * (len(row["history"]) + len(row["contacts"])
                                    + len(row["commitments"]))),
        _Phase("flags", "council_merge_flags", council.flags, one),
        _Phase("households", "council_merge_households", council.households,
               lambda row: len(row["people"])),
        _Phase("orders", "council_merge_orders", council.orders, one),
    ]  # fmt: skip


def _batches(
    rows: list[dict[str, Any]], weight: Callable[[dict[str, Any]], int], size: int
) -> Iterator[tuple[list[dict[str, Any]], int]]:
    """Consecutive rows adding up to about `size` (by weight), with their weight."""
    chunk: list[dict[str, Any]] = []
    total = 0
    for row in rows:
        chunk.append(row)
        total += weight(row)
        if total >= size:
            yield chunk, total
            chunk, total = [], 0
    if chunk:
        yield chunk, total


async def _run(tx: AsyncManagedTransaction, query: str, params: dict[str, Any]) -> tuple[int, int]:
    result = await tx.run(query, params)
    counters = (await result.consume()).counters
    return counters.nodes_created, counters.relationships_created


def _show(progress: bool) -> bool:
    return progress and sys.stderr.isatty()


async def _write_phase(db: Db, phase: _Phase, *, batch: int, progress: bool) -> PhaseResult:
    """One batch after another: two in flight were no faster on two shared cores, and waited on
    each other's locks (foster carers and teachers are tied to many young people)."""
    started = time.perf_counter()
    nodes = rels = batches = 0
    total = sum(phase.weight(r) for r in phase.rows)
    query = db.queries[phase.query]
    with tqdm(total=total, desc=phase.name, unit=phase.unit, unit_scale=total >= 10_000,
              file=sys.stderr, disable=not _show(progress), leave=True) as bar:  # fmt: skip
        async with db.driver.session(database=db.database) as session:
            for chunk, weight in _batches(phase.rows, phase.weight, batch):
                params = {phase.param: chunk, "at": LOADED_AT, "actor": CREATED_BY}
                n, r = await session.execute_write(_run, query, params)
                nodes, rels, batches = nodes + n, rels + r, batches + 1
                bar.update(weight)
    return PhaseResult(
        name=phase.name, rows=len(phase.rows), batches=batches, nodes_created=nodes,
        relationships_created=rels, people=len(phase.rows) if phase.people else 0,
        seconds=time.perf_counter() - started,
    )  # fmt: skip


async def build(
    db: Db,
    *,
    young_people: int,
    seed: int,
    batch: int,
    progress: bool = True,
    team_count: int = 10,
) -> BuildSummary:
    """Generate the council of this seed and size and write what the database lacks of it:
    the schema, then each phase in batches of about `batch` rows a transaction.

    Safe to run again, or after an interruption: nodes are merged on their deterministic ids
    (their properties set again), and a relationship is created only where it is missing, so a
    run completes what is missing and creates nothing twice. The same seed with another
    version of this generator may differ: build it into a fresh database."""
    if batch < 1:
        raise ValueError("the batch size is at least 1")
    started = time.perf_counter()
    council = generate(seed=seed, young_people=young_people, team_count=team_count)
    generated = time.perf_counter()
    await apply_schema(db)
    schema = time.perf_counter()
    results = []
    # Written around the service's write path: the data's revision is raised after the last
    # write, finished or not, so that a running service gives no answer it kept from before
    # (service.readcache).
    try:
        for phase in _phases(council, batch):
            results.append(await _write_phase(db, phase, batch=batch, progress=progress))
        t0 = time.perf_counter()
        n, r = await _write_wishes(db, council)
        results.append(PhaseResult("wishes", len(council.wishes) + len(council.side_wishes), 1,
                                   n, r, 0, time.perf_counter() - t0))  # fmt: skip
    except BaseException:
        with suppress(Exception):  # the first failure is the one to report
            await run_once(db, "bump_revision", write=True)
        raise
    await run_once(db, "bump_revision", write=True)
    return BuildSummary(
        seed=seed, young_people=young_people, counts=council.counts(),
        people=council.person_count, relationships=council.relationship_count,
        generate_seconds=generated - started, schema_seconds=schema - generated,
        phases=results, seconds=time.perf_counter() - started,
    )  # fmt: skip


async def _write_wishes(db: Db, council: Council) -> tuple[int, int]:
    async with db.driver.session(database=db.database) as session:
        params = {"people": council.wishes, "sides": council.side_wishes}
        n, r = await session.execute_write(_run, db.queries["council_merge_wishes"], params)
    return n, r


async def _main(args: argparse.Namespace, settings: Settings) -> BuildSummary:
    queries = load_queries(settings.cypher_dir)
    uri, password = running_database(settings)
    db = Db(make_driver(settings, uri=uri, password=password), queries, settings.neo4j_database)
    try:
        return await build(
            db, young_people=args.young_people,
            seed=args.seed, batch=args.batch, progress=not args.quiet,
            team_count=args.team_count,
        )  # fmt: skip
    finally:
        await db.driver.close()


def _package_doc() -> str | None:
    from seed import council  # the package's own description (it imports this module)

    return council.__doc__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seed.council", description=_package_doc(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("--young-people", type=int, default=1000, help="default 1000")
    parser.add_argument("--seed", type=int, default=7, help="default 7")
    parser.add_argument("--batch", type=int, default=5000,
                        help="rows (about relationships) a transaction, default 5000")  # fmt: skip
    parser.add_argument("--team-count", type=int, default=10, help="default 10")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    if args.young_people < 1 or args.batch < 1 or args.team_count < 1 or args.seed < 0:
        parser.error("--young-people, --batch and --team-count are at least 1, --seed at least 0")
    summary = asyncio.run(_main(args, Settings()))
    print(summary.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
