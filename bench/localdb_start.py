"""How long the local Neo4j takes to start, with and without its class archive.

Starts servers in fresh folders in turns (`--rounds` of each), with class-data sharing off
(the JVM's own classes only) and on (the archive `service.localdb` keeps beside the jars; one
is written first if there is none), and prints the wall time until Bolt answers and the
server's CPU time by then, each round and as medians.

    .venv/bin/python bench/localdb_start.py --rounds 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.localdb import LocalNeo4j, _java, class_archive, ensure_jars, free_port  # noqa: E402
from service.settings import Settings  # noqa: E402


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_once(cache_dir: Path, *, sharing: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="ll-start-") as tmp:
        server = LocalNeo4j(home=Path(tmp), port=free_port(), cache_dir=cache_dir,
                            class_sharing=sharing)  # fmt: skip
        began = time.perf_counter()
        server.start()
        wall = time.perf_counter() - began
        try:
            pid = server.running_pid()
            cpu = _cpu_seconds(pid) if pid is not None else float("nan")
        finally:
            server.stop()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cache_dir = Settings().cache_dir
    archive = class_archive(_java(), ensure_jars(cache_dir))
    if not archive.exists():
        start_once(cache_dir, sharing=True)  # writes the archive as it stops
    print(f"archive: {archive.name}, {archive.stat().st_size / 1e6:.0f} MB")
    results: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    print("| round | without: wall s | server CPU s | with: wall s | server CPU s |")
    print("|---|---|---|---|---|")
    for n in range(1, args.rounds + 1):
        for sharing in (False, True):
            results[sharing].append(start_once(cache_dir, sharing=sharing))
        (w0, c0), (w1, c1) = results[False][-1], results[True][-1]
        print(f"| {n} | {w0:.2f} | {c0:.2f} | {w1:.2f} | {c1:.2f} |", flush=True)
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in results.items()}  # fmt: skip
    print(f"| median | {med[False][0]:.2f} | {med[False][1]:.2f} | {med[True][0]:.2f} | "
          f"{med[True][1]:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
