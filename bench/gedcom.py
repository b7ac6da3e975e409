"""Benchmark: reading GEDCOM files with long CONC runs, the CONC lines joined before ged4py
reads the file (service/gedcom.py) against ged4py joining them itself (the way before, which
copies the value once per line), in the same run.

    .venv/bin/python bench/gedcom.py [--lines 20000,80000,320000]

One person whose note runs on over the given number of CONC lines of 10 characters each.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service import gedcom  # noqa: E402

HEAD = b"0 HEAD\n1 SOUR T\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME A /B/\n"


def seconds(data: bytes) -> float:
    start = time.perf_counter()
    gedcom.parse_gedcom(data)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", default="20000,80000,320000")
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
    print("| CONC lines | file MB | joined first, s | ged4py joins (before), s | before ÷ now |")
    print("|---|---|---|---|---|")
    for n in (int(x) for x in args.lines.split(",")):
        data = HEAD + b"1 NOTE start\n" + b"2 CONC abcdefghij\n" * n + b"0 TRLR\n"
        now = seconds(data)
        # The way before: every line handed to ged4py as it is.
        with mock.patch.object(gedcom, "_join_conc", lambda lines: (lines, list(
                range(1, len(lines) + 1)))):  # fmt: skip
            before = seconds(data)
        print(f"| {n:,} | {len(data) / 1e6:.1f} | {now:.2f} | {before:.2f} | {before / now:.1f} |")


if __name__ == "__main__":
    main()
