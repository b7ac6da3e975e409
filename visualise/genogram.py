"""A genogram: the family tree drawn as the practice draws it, laid out by Graphviz `dot`.

Couples are one block: the two partners side by side in one row with a couple line between
them (married solid, living together dashed, separated `/`, divorced `//`, parents with no
partnership recorded dotted). From the couple line's middle a drop reaches one sibship bar per
couple, and from the bar a drop to each child (birth solid, adoptive dashed, foster dotted,
step dash-dot). Siblings stand in birth order wherever that crosses no more lines (where a
sibling's partner's own family is drawn beside them it often does); half-siblings sit beside
their shared parent, under the couple they come from; a person's earlier partners stand on one
side of them and later ones on the other. Nobody is drawn twice, so a cousin marriage is drawn
as it is.

How: each person is a card; each couple a point between the partners (a `rank=same` block whose
flat edges fix the partners' order); each sibship a point in a row of its own between the
parents' row and the children's, with the children of one sibship in one row, chained in birth
order. `dot` places them (it is built for exactly this: ranks, crossing reduction, straight
drops); this module then draws the connectors orthogonally from the positions. A child's two
drawn parents are the two best links (birth, then adoptive, foster, step); further links stay in
the map's data but are not drawn.

Pure: `dot` is run by the function passed in (`visualise.graphviz.run`), so nothing here does
I/O. The same family always gives the same drawing.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from visualise.connectors import (
    CARD_H,
    CARD_W,
    Block,
    Line,
    Unit,
    below,
    connectors,
    crossings,
)
from visualise.sibships import in_birth_order, in_order

_PT = 72.0  # dot's points per inch

_LINK_RANK = {"birth": 0, "adoptive": 1, "foster": 2, "step": 3}
_LINK_STYLE = {"birth": "solid", "adoptive": "dashed", "foster": "dotted", "step": "dashdot"}
# Which of several records about one couple says most about them now.
_COUPLE_RANK = {
    "divorced": 0,
    "separated": 1,
    "married": 2,
    "civil_partnership": 2,
    "cohabiting": 3,
}


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    sex: str | None = None
    birth: str | None = None  # sorts siblings; None last
    order: str = ""  # tie-break (a name); then the id
    lane: int = 1  # where the family starts out, left to right: 0 maternal ... 2 paternal


@dataclass(frozen=True, slots=True)
class Parentage:
    parent: str
    child: str
    kind: str | None = "birth"


@dataclass(frozen=True, slots=True)
class Couple:
    a: str
    b: str
    kind: str | None = None
    since: str | None = None


Rows = list[list[str]]  # the rows of partners, each left to right
Start = tuple[Rows, bool]  # rows given to `dot`, and whether in family order


@dataclass(slots=True)
class Genogram:
    positions: dict[str, tuple[float, float]]
    lines: list[Line]
    units: list[Unit]
    dot: str = field(default="", repr=False)


def _key(m: Member) -> tuple[bool, str, str, str]:
    return (m.birth is None, m.birth or "", m.order, m.id)


def _blocks(
    members: dict[str, Member], parentages: Iterable[Parentage], couples: Iterable[Couple]
) -> dict[tuple[str, ...], Block]:
    blocks: dict[tuple[str, ...], Block] = {}

    def block(parents: tuple[str, ...]) -> Block:
        key = tuple(sorted(parents))
        if key not in blocks:
            blocks[key] = Block("u:" + ":".join(key), key)
        return blocks[key]

    for c in sorted(couples, key=lambda c: (c.a, c.b, c.kind or "", c.since or "")):
        if c.a == c.b or c.a not in members or c.b not in members:
            continue
        b = block((c.a, c.b))
        if not b.recorded or _COUPLE_RANK.get(c.kind or "", 9) < _COUPLE_RANK.get(b.kind or "", 9):
            b.kind = c.kind
        if c.since and (b.since is None or c.since < b.since):
            b.since = c.since
        b.recorded = True
    by_child: dict[str, list[Parentage]] = {}
    for p in parentages:
        if p.parent in members and p.child in members and p.parent != p.child:
            by_child.setdefault(p.child, []).append(p)
    for child, links in by_child.items():
        links.sort(key=lambda p: (_LINK_RANK.get(p.kind or "birth", 4), p.parent))
        chosen: list[Parentage] = []
        for link in links:
            if link.parent not in {c.parent for c in chosen} and len(chosen) < 2:
                chosen.append(link)
        worst = max((_LINK_RANK.get(c.kind or "birth", 0) for c in chosen), default=0)
        style = next(s for k, s in _LINK_STYLE.items() if _LINK_RANK[k] == worst)
        block(tuple(c.parent for c in chosen)).children.append((child, style))
    for b in blocks.values():
        b.children.sort(key=lambda cs: _key(members[cs[0]]))
    return blocks


def _rows(
    members: dict[str, Member], blocks: dict[tuple[str, ...], Block], *, by_birth: bool
) -> list[list[str]]:
    """Partners drawn side by side: each group of people joined by partnerships as one row of
    cards, left to right. One partner each: in card order. A person with several partners has
    the earlier ones (by `since`) on their left and the later ones on their right; a chain of
    partnerships (A-B, B-C) is drawn along the chain."""
    of: dict[str, list[Block]] = {}
    for b in blocks.values():
        if len(b.parents) == 2:
            for p in b.parents:
                of.setdefault(p, []).append(b)
    # Rows go to `dot` by side, then in the order of their first member's birth, or of their
    # born-in members' (where siblings start side by side in birth order).
    children = {c for b in blocks.values() for c, _ in b.children}
    seen: set[str] = set()
    rows: list[tuple[tuple[int, tuple[bool, str, str, str]], list[str]]] = []
    for pid in sorted(members, key=lambda p: (members[p].lane, _key(members[p]))):
        if pid in seen:
            continue
        group = _component(pid, of)
        seen |= set(group)
        born_in = [p for p in group if p in children] or group
        first = min(born_in if by_birth else group,
                    key=lambda p: (members[p].lane, _key(members[p])))  # fmt: skip
        rows.append(((members[first].lane, _key(members[first])), _arrange(group, of, members)))
    return [row for _, row in sorted(rows)]


def _component(start: str, of: dict[str, list[Block]]) -> list[str]:
    found, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for b in of.get(here, ()):
            other = _other(b, here)
            if other not in found:
                found.add(other)
                todo.append(other)
    return sorted(found)


def _when(
    b: Block, members: dict[str, Member], person: str
) -> tuple[bool, str, tuple[bool, str, str, str]]:
    return (b.since is None, b.since or "", _key(members[_other(b, person)]))


def _arrange(group: list[str], of: dict[str, list[Block]], members: dict[str, Member]) -> list[str]:
    if len(group) == 1:
        return group
    if len(group) == 2:
        return sorted(group, key=lambda p: (members[p].sex != "male", _key(members[p])))
    degree = {p: len(of[p]) for p in group}
    ends = [p for p in group if degree[p] == 1]
    if len(ends) == 2 and all(d <= 2 for d in degree.values()):
        # A chain: from the end whose partnership came first.
        first = min(ends, key=lambda p: _when(of[p][0], members, p))
        row, prev = [first], None
        while len(row) < len(group):
            here = row[-1]
            nxt = [_other(b, here) for b in of[here] if _other(b, here) != prev]
            prev = here
            row.append(nxt[0])
        return row
    # A person with several partners in the middle, earlier partners left, later right; anyone
    # further out follows their partner on the outside.
    centre = max(group, key=lambda p: (degree[p], [-ord(ch) for ch in _key(members[p])[2]]))
    mine = sorted(of[centre], key=lambda b: _when(b, members, centre))
    left = (len(mine) + 1) // 2
    row = (
        [_other(b, centre) for b in mine[:left]]
        + [centre]
        + [_other(b, centre) for b in mine[left:]]
    )
    rest = [p for p in group if p not in row]
    for p in rest:
        row.append(p)
    return row


def _other(b: Block, person: str) -> str:
    return b.parents[1] if b.parents[0] == person else b.parents[0]


_LINK_GAP = 30.0  # the couple line between two cards of one row


def _cell(pid_index: int) -> float:
    return pid_index * (CARD_W + _LINK_GAP)


def to_dot(
    members: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    rows: list[list[str]],
    *,
    family_order: bool = False,
    held: frozenset[str] = frozenset(),
) -> tuple[str, dict[str, tuple[int, int]]]:
    """The DOT text (ids only: no names reach Graphviz) and each person's (row, place); the
    sibships in `held` (block ids) are kept in birth order (`ordering=out`)."""
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
    for n, b in enumerate(sorted(blocks.values(), key=lambda b: b.id)):
        if not b.children:
            continue
        order = ", ordering=out" if b.id in held else ""
        out.append(f"  s{n} [shape=point, width=0.02, height=0.02{order}];")
        out.append(f"  {_port(b, where)} -> s{n} [weight=30];")
        for kid, _ in b.children:
            r, i = where[kid]
            out.append(f"  s{n} -> r{r}:c{i}:n [weight=4];")
    out.append("}")
    return "\n".join(out) + "\n", where


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


def _read_plain(text: str) -> dict[str, tuple[float, float, float]]:
    """Node centres and widths from `dot -Tplain` (inches, y up) in map units (points, y
    down)."""
    found: dict[str, tuple[float, float, float]] = {}
    for raw in text.splitlines():
        if raw.startswith("node "):
            name, x, y, width = raw.split(" ", 5)[1:5]
            found[name] = (x_ := float(x) * _PT, -float(y) * _PT, float(width) * _PT)
            del x_
    return found


def layout(
    members: Sequence[Member],
    parentages: Iterable[Parentage],
    couples: Iterable[Couple],
    run_dot: Callable[[str], str],
) -> Genogram:
    """Positions (card centres) and connectors for the family, by `run_dot(dot_text)`, which
    returns `dot -Tplain` output."""
    by_id = {m.id: m for m in members}
    blocks = _blocks(by_id, parentages, couples)
    under = below(blocks)
    large = len(by_id) > LARGE

    def chain(start: tuple[Rows, bool, int]) -> tuple[Genogram, tuple[int, int], Start]:
        """`dot` from these rows; then, up to `turns` times, again with the rows that face
        away from their families turned; the best drawing of the chain, and where it began."""
        rows, family_order, turns = start
        found: tuple[Genogram, tuple[int, int], Start] | None = None
        for _ in range(turns):
            drawn, here, placed, where = _attempt(by_id, blocks, under, rows, family_order, run_dot)
            if found is None or here < found[1]:
                found = (drawn, here, (rows, family_order))
            turn = _facing_away(rows, where, blocks, placed)
            if here == (0, 0) or not turn:
                break
            rows = [row[::-1] if r in turn else row for r, row in enumerate(rows)]
        assert found is not None
        return found

    # `dot`'s crossing reduction depends on where it starts. The first start usually draws a
    # close family with no crossing at all; where lines still cross, more starts (the rows in
    # other orders, and `dot` given them shuffled: seeded, so the same family is always drawn
    # the same way), two at a time, the best kept. A large family gets one start and one turn,
    # so that it is drawn in a second or two.
    starts = [(_rows(by_id, blocks, by_birth=by_birth), family_order, 2 if large else _TURNS)
              for by_birth, family_order in _STARTS]  # fmt: skip
    best, score, begun = chain(starts[0])
    more = starts[1:] if score != (0, 0) and not large else []
    if score[0] and not large:
        for seed in range(_SHUFFLED):
            rows = _rows(by_id, blocks, by_birth=False)
            random.Random(seed).shuffle(rows)  # noqa: S311 - an order to start from, no secret
            more.append((rows, False, 1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for drawn, here, start in pool.map(chain, more):
            if here < score:
                best, score, begun = drawn, here, start
    assert best is not None
    if score[1] and not large:
        best, score = _hold_in_order(by_id, blocks, under, begun, run_dot, best, score)
    best_rows = begun[0]
    if score[1]:
        # Siblings with partners or children out of birth order: dealt out again where that
        # costs nothing (visualise.sibships).
        def crossed(pos: dict[str, tuple[float, float]]) -> int:
            return crossings(connectors(blocks, pos, under)[0])

        positions = in_birth_order(
            blocks, best_rows, best.positions, lambda c: _key(by_id[c]), crossed, score[0]
        )
        if positions is not best.positions:
            lines, units = connectors(blocks, positions, under)
            best = Genogram(positions, lines, units, best.dot)
    return best


def _hold_in_order(
    by_id: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    under: dict[str, set[str]],
    begun: Start,
    run_dot: Callable[[str], str],
    best: Genogram,
    score: tuple[int, int],
) -> tuple[Genogram, tuple[int, int]]:
    """Sibships out of birth order, one at a time: `dot` run again from the best drawing's start,
    told to keep that sibship in order (`ordering=out`) with those held before; held where the
    drawing is better for it (fewer crossings, or as few and fewer sibships out of order).
    Telling `dot` all of them at once costs many crossings (the family of 432: 21-34 to 53-88);
    one by one, many can be held, often with fewer crossings. Two runs at a time, each on top
    of those held: the first that helps is held; one tried beside it is tried again on top."""
    held: frozenset[str] = frozenset()
    todo = _late(by_id, blocks, best.positions)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(_HELD):
            if not todo:
                break
            pair = todo[:2]
            tries = [held | {b} for b in pair]
            tried = list(pool.map(
                lambda t: _attempt(by_id, blocks, under, *begun, run_dot, t)[:2], tries
            ))  # fmt: skip
            for n, (block_id, (drawn, here)) in enumerate(zip(pair, tried, strict=True)):
                if here < score:
                    best, score, held = drawn, here, held | {block_id}
                    todo = todo[n + 1 :]
                    break
            else:
                todo = todo[len(pair) :]
    return best, score


_STARTS = ((False, False), (True, False), (False, True))
_TURNS = 3  # runs per start: after each, rows that face away from their families are turned
_SHUFFLED = 8  # further starts where lines still cross (families up to LARGE)
_HELD = 3  # then at most this many rounds of two runs, each holding a sibship in birth order
LARGE = 600  # people


def _attempt(
    by_id: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    under: dict[str, set[str]],
    rows: list[list[str]],
    family_order: bool,
    run_dot: Callable[[str], str],
    held: frozenset[str] = frozenset(),
) -> tuple[Genogram, tuple[int, int], dict[str, tuple[float, float, float]],
           dict[str, tuple[int, int]]]:  # fmt: skip
    """One run of `dot` from these rows: the drawing, its score (crossings, sibships out of
    birth order), and `dot`'s own placing."""
    dot, where = to_dot(by_id, blocks, rows, family_order=family_order, held=held)
    placed = _read_plain(run_dot(dot)) if by_id else {}
    positions: dict[str, tuple[float, float]] = {}
    for pid, (r, i) in where.items():
        x, y, width = placed[f"r{r}"]
        positions[pid] = (round(x - width / 2 + _cell(i) + CARD_W / 2, 1), round(y, 1))
    _birth_order(by_id, blocks, rows, where, positions)
    lines, units = connectors(blocks, positions, under)
    here = (crossings(lines), _out_of_order(by_id, blocks, positions))
    return Genogram(positions, lines, units, dot), here, placed, where


def _facing_away(
    rows: list[list[str]],
    where: dict[str, tuple[int, int]],
    blocks: dict[tuple[str, ...], Block],
    placed: dict[str, tuple[float, float, float]],
) -> set[int]:
    """The rows of partners whose born-in members stand on the side away from where they were
    born (their parents' sibship), so that their line down crosses their partner's: drawn the
    other way round, they face their own brothers and sisters. Partners' order stays the rule
    (earlier partners on one side, later on the other); only the side changes."""
    sib = {b.id: f"s{n}" for n, b in enumerate(sorted(blocks.values(), key=lambda b: b.id))}
    born = {c: sib[b.id] for b in blocks.values() for c, _ in b.children}
    turn = set()
    for r, row in enumerate(rows):
        if len(row) < 2:
            continue
        x, _, width = placed[f"r{r}"]
        facing = 0.0
        for i, pid in enumerate(row):
            if pid in born:
                offset = _cell(i) + CARD_W / 2 - width / 2
                facing += offset * (placed[born[pid]][0] - x)
        if facing < 0:
            turn.add(r)
    return turn


def _out_of_order(
    members: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    positions: dict[str, tuple[float, float]],
) -> int:
    """How many sibships do not stand in birth order, left to right."""
    return len(_late(members, blocks, positions))


def _late(
    members: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    positions: dict[str, tuple[float, float]],
) -> list[str]:
    """The sibships (block ids, sorted) that do not stand in birth order, left to right."""
    return sorted(
        b.id for b in blocks.values()
        if not in_order([c for c, _ in b.children], positions, lambda c: _key(members[c]))
    )  # fmt: skip


def _birth_order(
    members: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    rows: list[list[str]],
    where: dict[str, tuple[int, int]],
    positions: dict[str, tuple[float, float]],
) -> None:
    """Siblings in birth order: `dot` is not told the order (chaining siblings in it costs
    many crossings), so the places of the siblings who stand alone (no partner, no children
    drawn) are dealt out again among them in birth order; nothing else moves, so no line
    changes but theirs."""
    parents = {p for b in blocks.values() if b.children for p in b.parents}
    for b in blocks.values():
        alone = [c for c, _ in b.children if len(rows[where[c][0]]) == 1 and c not in parents]
        by_row: dict[float, list[str]] = {}
        for c in alone:
            by_row.setdefault(positions[c][1], []).append(c)
        for row in by_row.values():
            places = sorted(positions[c] for c in row)
            for child, place in zip(sorted(row, key=lambda c: _key(members[c])), places,
                                    strict=True):  # fmt: skip
                positions[child] = place
