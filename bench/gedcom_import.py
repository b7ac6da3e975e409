"""Benchmark: GEDCOM import throughput through the API, for generated family trees of growing
size up to the limit on people (100,000), and the worst file within the limits for reading
(20 MB of CONC continuation lines), with the reading (in this process) and the whole import
(upload, reading, checks and the one write transaction, through the API) timed apart.

    .venv/bin/python bench/gedcom_import.py [--people 2000,20000,100000]

The trees are those of bench/relatives.py (founding couples, four to five children a couple,
most partnered from outside the tree), with dates as genealogy programs write them mixed in
(`ABT`, `BET ... AND`, `BEF`, a Julian date) so that every date is kept as written. Each size is
imported into a fresh young person's network by a coordinator, after a warm-up import of 2,000
people. The API runs under uvicorn in its own process against a throwaway Neo4j (heap 2g, or
`--heap`; `make run`'s own is 512m). A refused import is a row with the answer's status.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx2 as httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import database, serve_api  # noqa: E402
from bench.relatives import TOKEN, bench_users, created, generate  # noqa: E402
from service.gedcom import MAX_LINES, parse_gedcom, write_gedcom  # noqa: E402

_YEAR_LINE = re.compile(rb"^2 DATE (\d{4})$", re.M)
WORDS = (b"ABT %s", b"BET %s AND %s", b"BEF %s", b"@#DJULIAN@ %s", b"%s")


def tree_file(people: int) -> tuple[bytes, str]:
    """A generated tree of about `people` people as GEDCOM, dates in five ways of writing."""
    tree, xref = generate(people, seed=people)
    # The generator adds 25 years a generation from 1850; a big tree runs past today, so every
    # year moves back by the same amount (the family's shape and its gaps stay as they are).
    shift = max(0, max(int(p.birth_date[:4]) for p in tree.people if p.birth_date) - 2015)
    count = iter(range(10**9))

    def worded(found: re.Match[bytes]) -> bytes:
        year = str(int(found.group(1)) - shift).encode()
        form = WORDS[next(count) % len(WORDS)]
        later = str(int(year) + 3).encode()
        return b"2 DATE " + (form % (year, later) if form.count(b"%s") == 2 else form % year)

    return _YEAR_LINE.sub(worded, write_gedcom(tree).encode()), xref


def conc_file(max_bytes: int) -> bytes:
    """One person whose note runs on over CONC lines up to the byte limit or the line limit,
    whichever comes first: the most lines a file within the limits can make the reader join."""
    head = b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME A /B/\n1 NOTE start\n"
    line = b"2 CONC abcdefghij\n"
    count = min((max_bytes - len(head) - 8) // len(line), MAX_LINES - 10)
    return head + line * count + b"0 TRLR\n"


async def run(api: str, files: list[tuple[str, bytes, str | None]]) -> list[str]:
    rows = []
    async with httpx.AsyncClient(base_url=api, timeout=900) as http:

        async def post(path: str, headers: dict[str, str], **kw: object) -> dict[str, str]:
            return await created(http, path, headers, **kw)

        users = await bench_users(http)
        me = (await http.get("/me", headers=users["coordinator"])).json()["user_id"]
        for label, data, xref in files:
            young = await post("/young-people", users["manager"],
                               json={"given_name": "Bench", "status": "in_care"})  # fmt: skip
            await post(f"/young-people/{young['id']}/allocations", users["manager"],
                       json={"user_id": me})  # fmt: skip
            t0 = time.perf_counter()
            parsed = parse_gedcom(data)
            read_s = time.perf_counter() - t0
            form = {"young_person_id": young["id"]} | ({"young_person_xref": xref} if xref else {})
            t0 = time.perf_counter()
            response = await http.post(
                "/imports/gedcom", headers=users["coordinator"],
                files={"file": ("bench.ged", data, "text/x-gedcom")}, data=form,
            )  # fmt: skip
            took = time.perf_counter() - t0
            people = len(parsed.people)
            if response.status_code != 201:  # the answer said, not the run stopped
                error = response.json()["error"]
                rows.append(f"| {label} | {people:,} | {len(data) / 1e6:.1f} | {read_s:.2f} | "
                            f"{took:.2f} | refused: {response.status_code} {error['code']} | "
                            "0 | 0 |")  # fmt: skip
            elif label != "warm-up":
                result = response.json()
                rows.append(
                    f"| {label} | {people:,} | {len(data) / 1e6:.1f} | {read_s:.2f} | "
                    f"{took:.2f} | {people / took:,.0f} | {result['people_created']:,} | "
                    f"{result['relationships_created']:,} |"
                )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", default="2000,20000,100000")
    parser.add_argument("--max-bytes", type=int, default=20_000_000)
    parser.add_argument("--heap", default="2g", help="the throwaway Neo4j's heap")
    args = parser.parse_args()
    files: list[tuple[str, bytes, str | None]] = [("warm-up", *tree_file(2000))]
    for n in (int(x) for x in args.people.split(",")):
        files.append((f"tree of {n:,}", *tree_file(n)))
    files.append(("CONC lines to the byte limit", conc_file(args.max_bytes), None))
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    with ExitStack() as stack:
        db = database(stack, heap=args.heap, pagecache="1g")
        api = serve_api(stack, db, LL_ADMIN_TOKEN=TOKEN, LL_GEDCOM_MAX_BYTES=str(args.max_bytes))
        rows = asyncio.run(run(api, files))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; load before the run {load:.2f}. Command: "
          f"`.venv/bin/python bench/gedcom_import.py --people {args.people} --max-bytes "
          f"{args.max_bytes} --heap {args.heap}` "
          f"({time.perf_counter() - t0:.0f} s in all).")  # fmt: skip
    print()
    print("| file | people | MB | reading, in process (s) | import through the API (s) | "
          "people/s | people created | ties created |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
