"""Benchmark: the family tree's layout on the server, Graphviz `dot` laying out couple blocks
(visualise/genogram.py) against the layout it replaced (bench/baseline/layout_before.py), on
generated families of about 120, 250 and 450 people (seed/families.py), in the same run.

    .venv/bin/python bench/genogram.py [--sizes 120,250,450] [--repeat 5] [--loads 5]

Printed per size: the time to lay the family out (median of the repeats, the new layout runs
`dot` a few times and keeps the drawing with the fewest crossings); crossings per 100 people
(the new layout's connectors are orthogonal: couple lines, drops, sibship bars; the old one drew
a straight line from each parent to each child, counted the same way, segment against
segment); couples side by side; sibships out of birth order; connectors through a card.

Then the family of about 450 in Debian's headless Chromium, as the service draws it (the
whole-family tree and the ecomap, pages built by visualise/maps.py): the time from navigation to
the settled first view (`window.llSettledAt`; positions come from the server, physics is off).
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
from seed.families import Generated, family, network_graph  # noqa: E402
from service.drawing import draw  # noqa: E402
from tests.browser import Browser, serve_html  # noqa: E402
from visualise import connectors, genogram, genogram_rows, graphviz, maps  # noqa: E402
from visualise.sibships import at_ends  # noqa: E402


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


def after(f: Generated) -> tuple[float, int, int, tuple[int, int], int]:
    start = time.perf_counter()
    g = genogram.layout(f.members, f.parentages, f.couples, graphviz.run, centre="yp")
    took = time.perf_counter() - start
    together = sum(1 for c in f.couples if _adjacent(g.positions, c.a, c.b))
    by_id = {m.id: m for m in f.members}
    blocks = genogram_rows.make_blocks(by_id, f.parentages, f.couples)
    # Out of birth order by the genogram's rule (where two drawn families meet, that sibling
    # may stand at an end: visualise.sibships.at_ends), and by strict birth order.
    late = (genogram._out_of_order(by_id, blocks, g.positions, frozenset(at_ends(blocks, "yp"))),
            genogram._out_of_order(by_id, blocks, g.positions))  # fmt: skip
    return (took, connectors.crossings(g.lines), together, late,
            connectors.through_cards(g.lines, g.positions))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="120,250,450")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{graphviz.version()}")  # fmt: skip
    print(
        "| layout | people | couples | ms (median) | crossings | per 100 people | couples side "
        "by side | sibships out of birth order (strictly) | lines through a card |"
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
              f"{100 * cross / people:.1f} | {together} of {couples} | {late[0]} ({late[1]}) of "
              f"{sibships} | "
              f"{through} |")  # fmt: skip
    counts = Counter(m.lane for m in family(450).members)
    print(f"Family of 450 by side (0 maternal, 1 none, 2 paternal): {dict(sorted(counts.items()))}")
    chromium(args.loads)


def chromium(loads: int) -> None:
    pages: dict[str, object] = {}
    sizes = {}
    for view in ("tree", "ecomap"):
        graph = network_graph(family(450), view)
        start = time.perf_counter()
        draw(graph)
        drawn_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        page = maps.render(graph.model_dump(), title="Generated family")
        built_ms = (time.perf_counter() - start) * 1000
        csp = maps.content_security_policy(page.nonce, [])
        pages[f"/{view}.html"] = (page.html, {"Content-Security-Policy": csp})
        sizes[view] = (len(graph.nodes), drawn_ms, built_ms, len(page.html) // 1024)
    print()
    print(f"Chromium, {loads} loads per view after one warm-up load, 1280x720 window (ms):")
    print(
        "| view | people | laid out on the server | page built | page KB | settled median "
        "| settled max |"
    )
    print("|---|---|---|---|---|---|---|")
    browser = Browser()
    try:
        with serve_html(pages) as base, browser.viewport(1280, 720):  # type: ignore[arg-type]
            for view in ("tree", "ecomap"):
                times = []
                for n in range(loads + 1):
                    browser.get(f"{base}/{view}.html")
                    browser.wait_for("return window.llReady === true", timeout=30)
                    # performance.now() when the first view was drawn: from navigation.
                    settled = browser.run("return window.llSettledAt")
                    assert browser.console_errors() == []
                    if n:
                        times.append(float(settled))
                people, drawn_ms, built_ms, kb = sizes[view]
                print(f"| {view} | {people} | {drawn_ms:.0f} | {built_ms:.0f} | {kb} | "
                      f"{statistics.median(times):.0f} | {max(times):.0f} |")  # fmt: skip
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
