"""Benchmark (no database): what the living rule (`service/lifespan.py`) decides on a generated
family tree of 2,000 people whose deaths were never recorded, against what the generator
knows (everyone it made before 1940 is dead), and against counting everyone without a death as
living (the service before the rule).

    .venv/bin/python bench/living.py [--people 2000]

The tree is bench/gedcom_import.py's (bench/relatives.py's generator, dates written in five
ways: plain years, ABT, BET ... AND, BEF and Julian), with every `1 DEAT` line taken out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.gedcom_import import tree_file  # noqa: E402
from service.gedcom import parse_gedcom  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    args = parser.parse_args()
    data, _ = tree_file(args.people)
    dead = parse_gedcom(data)  # the generator's truth: its deaths are recorded
    truth = {p.xref: p.deceased for p in dead.people}
    unrecorded = b"\n".join(line for line in data.split(b"\n") if line != b"1 DEAT Y")
    t0 = time.perf_counter()
    tree = parse_gedcom(unrecorded)
    took = time.perf_counter() - t0
    rule = {p.xref: p.deceased for p in tree.people}
    inferred = sum(1 for p in tree.people if p.living_inferred)
    both = sum(1 for x in truth if truth[x] and rule[x])
    rule_only = sum(1 for x in truth if rule[x] and not truth[x])
    missed = sum(1 for x in truth if truth[x] and not rule[x])
    dead_count = sum(truth.values())
    print(f"A generated tree of {len(tree.people):,} people, {dead_count:,} of them born before "
          f"1940 (dead, to the generator), no death recorded; read in {took:.2f} s.")  # fmt: skip
    print()
    print("| counted | by the rule | everyone living (before) |")
    print("|---|---|---|")
    print(f"| not living, and dead | {both:,} | 0 |")
    print(f"| not living, but alive | {rule_only:,} | 0 |")
    print(f"| living, but dead | {missed:,} | {dead_count:,} |")
    print(f"| agreeing with the generator | {1 - (rule_only + missed) / len(truth):.0%} | "
          f"{1 - dead_count / len(truth):.0%} |")  # fmt: skip
    print()
    print(
        f"{inferred:,} people carry `living_inferred`; the answer's note: "
        f"{next(n for n in tree.notes if 'counted as not living' in n)!r}"
    )


if __name__ == "__main__":
    main()
