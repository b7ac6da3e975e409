"""The genogram's DOT text for Graphviz `dot`, and `dot`'s placing read back
(visualise.genogram lays the family out with them).

Each row of partners is one node, its cards side by side in an HTML table with a port per card
(`c{i}`) and per couple line (`u{i}`); each sibship a point between the parents' row and the
children's. The text holds ids only: no name reaches Graphviz.

Pure: text in, text out.
"""

from __future__ import annotations

from collections.abc import Mapping

from visualise.connectors import CARD_H, CARD_W, Block

PT = 72.0  # dot's points per inch
Rows = list[list[str]]  # the rows of partners, each left to right
Fixed = dict[int, list[str]]  # an order `dot` keeps: per level, its nodes left to right

_LINK_GAP = 30.0  # the couple line between two cards of one row


def cell(pid_index: int) -> float:
    return pid_index * (CARD_W + _LINK_GAP)


def to_dot(
    blocks: dict[tuple[str, ...], Block],
    rows: list[list[str]],
    *,
    family_order: bool = False,
    held: frozenset[str] = frozenset(),
    fixed: Fixed | None = None,
    generations: Mapping[str, int] | None = None,
) -> tuple[str, dict[str, tuple[int, int]]]:
    """The DOT text (ids only: no names reach Graphviz) and each person's (row, place); the
    sibships in `held` (block ids) are kept in birth order (`ordering=out`), the nodes of
    each level of `fixed` in its order (a chain of unseen edges in one rank), and a family no
    line joins to the rest level with it by `generations` (`_level`)."""
    where = {pid: (r, i) for r, row in enumerate(rows) for i, pid in enumerate(row)}
    out = [
        "digraph G {",
        "  graph [rankdir=TB, nodesep=0.25, ranksep=0.3, splines=false, newrank=true, "
        "searchsize=500, mclimit=8, remincross=true];",
        '  node [shape=plain, label=""];',
        "  edge [arrowhead=none];",
    ]
    for r in _dfs(rows, blocks, where) if family_order else range(len(rows)):
        cells = []
        for i in range(len(rows[r])):
            if i:
                cells.append(f'<TD PORT="u{i}" FIXEDSIZE="TRUE" WIDTH="{_LINK_GAP:g}" '
                             f'HEIGHT="{CARD_H:g}"></TD>')  # fmt: skip
            cells.append(f'<TD PORT="c{i}" FIXEDSIZE="TRUE" WIDTH="{CARD_W:g}" '
                         f'HEIGHT="{CARD_H:g}"></TD>')  # fmt: skip
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        out.append(f"  r{r} [label=<{table}{''.join(cells)}</TR></TABLE>>];")
    named = points(blocks)
    for b in sorted(blocks.values(), key=lambda b: b.id):
        if not b.children:
            continue
        held_here = ", ordering=out" if b.id in held else ""
        out.append(f"  {named[b.id]} [shape=point, width=0.02, height=0.02{held_here}];")
        out.append(f"  {_port(b, where)} -> {named[b.id]} [weight=30];")
        for kid, _ in b.children:
            r, i = where[kid]
            out.append(f"  {named[b.id]} -> r{r}:c{i}:n [weight=4];")
    for names in (fixed or {}).values():
        if len(names) > 1:
            out.append(f"  {{rank=same; {' -> '.join(names)} [style=invis];}}")
    for one, other in _level(rows, blocks, where, generations or {}):
        out.append(f"  {{rank=same; r{one}; r{other};}}")
    out.append("}")
    return "\n".join(out) + "\n", where


def _level(
    rows: list[list[str]],
    blocks: dict[tuple[str, ...], Block],
    where: dict[str, tuple[int, int]],
    generations: Mapping[str, int],
) -> list[tuple[int, int]]:
    """Pairs of rows to stand level: for each family that no line joins to the largest (someone
    between them left out of the picture, as a book leaves out a step-father the young person
    does not want in it), its first row of one generation with the largest family's row of
    that generation. `dot` ranks a family apart from the top down (a second reader: a
    step-brother stood on the parents' row, his mother on the grandparents')."""
    group = list(range(len(rows)))

    def root(r: int) -> int:
        while group[r] != r:
            group[r] = group[group[r]]
            r = group[r]
        return r

    for b in blocks.values():
        first = where[b.parents[0]][0]
        for pid in [*b.parents[1:], *(kid for kid, _ in b.children)]:
            group[root(where[pid][0])] = root(first)
    families: dict[int, list[int]] = {}
    for r in range(len(rows)):
        families.setdefault(root(r), []).append(r)
    if len(families) < 2:
        return []

    def generation(r: int) -> int | None:
        found = {generations.get(pid) for pid in rows[r]}
        return found.pop() if len(found) == 1 else None

    largest = max(families.values(), key=lambda rs: (sum(len(rows[r]) for r in rs), -rs[0]))
    level: dict[int, int] = {}
    for r in largest:
        g = generation(r)
        if g is not None:
            level.setdefault(g, r)
    pairs = []
    for rs in families.values():
        if rs is largest:
            continue
        at = next(((level[g], r) for r in rs if (g := generation(r)) is not None and g in level),
                  None)  # fmt: skip
        if at is not None:
            pairs.append(at)
    return pairs


def points(blocks: dict[tuple[str, ...], Block]) -> dict[str, str]:
    """Each sibship's point in the DOT text, by block id."""
    return {b.id: f"s{n}" for n, b in enumerate(sorted(blocks.values(), key=lambda b: b.id))}


def _dfs(
    rows: list[list[str]], blocks: dict[tuple[str, ...], Block], where: dict[str, tuple[int, int]]
) -> list[int]:
    """The rows in family order (each row, then its children's rows in birth order), which is
    the order `dot` starts from; siblings are not chained, which would cost crossings, but start
    side by side in birth order."""
    child_rows: dict[int, list[int]] = {}
    has_parents = set()
    for b in sorted(blocks.values(), key=lambda b: b.id):
        r = where[b.parents[0]][0]
        for kid, _ in b.children:
            child_rows.setdefault(r, []).append(where[kid][0])
            has_parents.add(where[kid][0])
    order: list[int] = []
    seen: set[int] = set()

    def visit(r: int) -> None:
        todo = [r]
        while todo:
            here = todo.pop()
            if here in seen:
                continue
            seen.add(here)
            order.append(here)
            todo += reversed(child_rows.get(here, []))

    for r in range(len(rows)):
        if r not in has_parents:
            visit(r)
    for r in range(len(rows)):
        visit(r)
    return order


def _port(b: Block, where: dict[str, tuple[int, int]]) -> str:
    if len(b.parents) == 1:
        r, i = where[b.parents[0]]
        return f"r{r}:c{i}:s"
    (r, i), (_, j) = sorted(where[p] for p in b.parents)
    if j == i + 1:
        return f"r{r}:u{j}:s"
    middle = (i + j) // 2
    return f"r{r}:c{middle}:s" if (i + j) % 2 == 0 else f"r{r}:u{middle + 1}:s"


def read_plain(text: str) -> dict[str, tuple[float, float, float]]:
    """Node centres and widths from `dot -Tplain` (inches, y up) in map units (points, y
    down)."""
    found: dict[str, tuple[float, float, float]] = {}
    for raw in text.splitlines():
        if raw.startswith("node "):
            name, x, y, width = raw.split(" ", 5)[1:5]
            found[name] = (x_ := float(x) * PT, -float(y) * PT, float(width) * PT)
            del x_
    return found
