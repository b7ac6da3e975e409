"""Benchmark: the family tree's layout on the server, Graphviz `dot` laying out couple blocks
(visualise/genogram.py) against the layout it replaced (bench/baseline/layout_before.py), on
generated families of about 120, 250 and 450 people (seed/families.py), in the same run.

    .venv/bin/python bench/genogram.py [--sizes 120,250,450] [--repeat 5]

Printed per size: the time to lay the family out (median of the repeats, the new layout runs
`dot` a few times and keeps the drawing with the fewest crossings); crossings per 100 people
(the new layout's connectors are orthogonal: couple lines, drops, sibship bars; the old one drew
a straight line from each parent to each child, counted the same way, segment against
segment); couples side by side; sibships out of birth order; connectors through a card.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.baseline.layout_before import LayoutNode, tree_positions  # noqa: E402
from seed.families import Generated, family  # noqa: E402
from visualise import genogram, graphviz  # noqa: E402


def _segments_cross(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    (x1, y1, x2, y2), (x3, y3, x4, y4) = a, b

    def side(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    d1, d2 = side(x3, y3, x4, y4, x1, y1), side(x3, y3, x4, y4, x2, y2)
    d3, d4 = side(x1, y1, x2, y2, x3, y3), side(x1, y1, x2, y2, x4, y4)
    return d1 * d2 < 0 and d3 * d4 < 0


def before(f: Generated) -> tuple[float, int, int, int]:
    lanes = {0: "maternal", 1: "none", 2: "paternal", 3: "other"}
    nodes = [LayoutNode(m.id, f.generation[m.id], "centre" if m.id == "yp" else  # type: ignore[arg-type]
                        lanes[m.lane], 1, m.order) for m in f.members]  # fmt: skip
    parents = [(p.parent, p.child) for p in f.parentages]
    couples = [(c.a, c.b) for c in f.couples]
    start = time.perf_counter()
    pos = tree_positions(nodes, parents, couples, "yp")
    took = time.perf_counter() - start
    segments = [(*pos[a], *pos[b]) for a, b in parents] + [(*pos[a], *pos[b]) for a, b in couples]
    cross = sum(
        1 for i, a in enumerate(segments) for b in segments[i + 1 :] if _segments_cross(a, b)
    )
    together = sum(1 for a, b in couples if _adjacent(pos, a, b))
    return took, cross, together, 0


def _adjacent(pos: dict[str, tuple[float, float]], a: str, b: str) -> bool:
    (ax, ay), (bx, by) = pos[a], pos[b]
    lo, hi = sorted((ax, bx))
    return ay == by and not any(y == ay and lo < x < hi for x, y in pos.values())


def after(f: Generated) -> tuple[float, int, int, int, int]:
    start = time.perf_counter()
    g = genogram.layout(f.members, f.parentages, f.couples, graphviz.run)
    took = time.perf_counter() - start
    together = sum(1 for c in f.couples if _adjacent(g.positions, c.a, c.b))
    by_id = {m.id: m for m in f.members}
    blocks = genogram._blocks(by_id, f.parentages, f.couples)
    late = genogram._out_of_order(by_id, blocks, g.positions)
    return (took, genogram.crossings(g.lines), together, late,
            genogram.through_cards(g.lines, g.positions))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="120,250,450")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{graphviz.version()}")  # fmt: skip
    print(
        "| layout | people | couples | ms (median) | crossings | per 100 people | couples side "
        "by side | sibships out of birth order | lines through a card |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        f = family(size)
        people, couples = len(f.members), len(f.couples)
        sibships = len({frozenset(p.parent for p in f.parentages if p.child == c)
                        for c in {p.child for p in f.parentages}})  # fmt: skip
        runs = [before(f) for _ in range(args.repeat)]
        ms = statistics.median(r[0] for r in runs) * 1000
        _, cross, together, _ = runs[0]
        print(f"| before | {people} | {couples} | {ms:.0f} | {cross} | {100 * cross / people:.1f} "
              f"| {together} of {couples} | not kept | not counted |")  # fmt: skip
        new = [after(f) for _ in range(args.repeat)]
        ms = statistics.median(r[0] for r in new) * 1000
        _, cross, together, late, through = new[0]
        print(f"| genogram (dot) | {people} | {couples} | {ms:.0f} | {cross} | "
              f"{100 * cross / people:.1f} | {together} of {couples} | {late} of {sibships} | "
              f"{through} |")  # fmt: skip
    counts = Counter(m.lane for m in family(450).members)
    print(f"Family of 450 by side (0 maternal, 1 none, 2 paternal): {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
