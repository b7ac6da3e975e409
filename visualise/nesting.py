"""The genogram's order, left to right in every row, worked out from the family itself, with
every sibship in birth order (visualise.sibships): an order `dot` is told to keep
(visualise.genogram), beside the drawings it finds on its own.

`dot`'s crossing reduction cannot be told birth order without many more crossings (held one
sibship at a time it does better, but leaves many out of order in a large family). Here the
family is walked out from the young person, the shortest way to each part (so a marriage
between relatives does not draw one side's family inside the other's), and each part gets one
stretch of every row, nested in the part it hangs from:

- below a row of partners, each couple's sibship under the couple, left to right;
- a sibship's children in birth order, each with everyone below them, except where two drawn
  families meet (`sibships.at_ends`): that child stands at the end nearest the partner;
- a partner's own family (parents, brothers and sisters, and theirs) beside the row, on that
  partner's side;
- reached from a child, the child's parents' row above the sibship, with the parents' other
  families around it.

Where the two partners of a row both have their families drawn and the row is reached from
below, one family has to stand beyond the other: either between the child's brothers and
sisters and the child, or beyond everything on that side. Each such place is a `Choice`, made
by a count of the lines it would cross; the caller may try the other way (`toggled`) and keep
what draws better.

Pure: rows and sibships in, the order out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from visualise.connectors import Block
from visualise.sibships import Key, expected, married_in, walk

Choice = tuple[str, int | str]  # ("turn" | "face", row) or ("beyond", person)
Side = tuple[list[str], list[str]]  # a level's names left of the column, and right of it
Layout = dict[int, Side]


@dataclass(frozen=True, slots=True)
class Order:
    levels: dict[int, list[str]]  # per level, left to right: rows (`r{index}`), sibships
    turned: frozenset[int]  # rows drawn the other way round
    choices: tuple[Choice, ...]  # where another way was possible


def order(
    rows: Sequence[Sequence[str]],
    blocks: dict[tuple[str, ...], Block],
    names: dict[str, str],
    key: Key,
    centre: str,
    toggled: Collection[Choice] = frozenset(),
) -> Order | None:
    """Per level (rows at even levels, the sibships between at odd ones), the node names left
    to right: rows as `r{index}`, sibships as `names[block.id]`; with the rows to draw the other
    way round and the choices made, each made the other way where `toggled`. None where the
    family does not fall into generations or the centre is not drawn."""
    drawn = [list(row) for row in rows]
    choices: list[Choice] = []
    row_of = {pid: r for r, row in enumerate(rows) for pid in row}
    joined = married_in(blocks)
    if centre not in row_of:
        return None
    in_order_of_id = sorted(blocks.values(), key=lambda b: b.id)  # the same input, any order
    natal = {c: b for b in in_order_of_id for c, _ in b.children}
    below: dict[int, list[Block]] = {}
    for b in in_order_of_id:
        if b.children:
            below.setdefault(row_of[b.parents[0]], []).append(b)
    level = _levels(row_of[centre], rows, row_of, natal, below)
    if level is None:
        return None
    seen: set[str] = set()
    # Each part is reached the shortest way from the young person (a breadth-first tree), so
    # that a marriage between relatives does not draw one side's family inside the other's:
    # the same walk that says who may stand at an end (visualise.sibships).
    row_name, steps = walk(blocks, centre)
    dist = {
        f"r{r}": steps[row_name(row[0])] for r, row in enumerate(rows) if row_name(row[0]) in steps
    }
    dist |= {names[b.id]: steps[b.id] for b in in_order_of_id if b.id in steps}

    def nxt(frm: str, to: str) -> bool:
        return to not in seen and dist.get(to) == dist[frm] + 1

    def port(b: Block, r: int) -> float:
        return sum(drawn[r].index(p) for p in b.parents) / len(b.parents)

    def kids_in_order(b: Block) -> list[str]:
        kids = [c for c, _ in b.children]
        x = {p: drawn[row_of[p]].index(p) for c in kids for p in (c, *joined.get(c, ()))}
        return expected(kids, x.__getitem__, key, joined)

    def row(r: int, anchor: float, skip: Block | None, via: str | None = None,
            side: bool | None = None) -> Layout:  # fmt: skip
        """The row, the sibships below it and its members' own families; the column at
        `anchor` (a place in the row); `side`: everything on the left (True) or the right
        (False) of it, whatever its place."""
        if skip is not None and side is not None:
            # Entered from below, everything to one side: the sibship come from stands at the
            # end of the row nearest the child.
            middle = (len(drawn[r]) - 1) / 2
            if port(skip, r) != middle:
                choices.append(("turn", r))
                if ((port(skip, r) < middle) == side) != (("turn", r) in toggled):
                    drawn[r].reverse()
                    anchor = port(skip, r)
        out: Layout = {level[r]: ([f"r{r}"], [])}
        seen.add(f"r{r}")
        mine = [b for b in below.get(r, ()) if b is not skip and nxt(f"r{r}", names[b.id])]

        def left_of(place: float) -> bool:
            return side if side is not None else place < anchor

        for b in sorted(mine, key=lambda b: (abs(port(b, r) - anchor), b.id)):
            if names[b.id] not in seen:
                _beside(out, down(b), left=left_of(port(b, r)))
        # Nearest first; on a forced side, those whose place is on it before the others.
        for i in sorted(range(len(drawn[r])),
                        key=lambda i: (left_of(i) != (i < anchor), abs(i - anchor))):  # fmt: skip
            pid = drawn[r][i]
            born = natal.get(pid)
            if born is None or pid == via or not nxt(f"r{r}", names[born.id]):
                continue
            natural = i < anchor
            if side is None or natural == side:
                _beside(out, up(born, pid, natural), left=natural)
                continue
            # A partner's family on the far side: between their child's sibship and the child
            # (every line down to that row crosses the sibship's bar), or beyond everything on
            # this side (their own sibship's bar crosses the lines down to this row).
            before = (set(seen), [list(row) for row in drawn], len(choices))
            inner = up(born, pid, natural)
            lv = level[r]
            # Between: the lines down to the child's row; beyond: the lines down from this row's
            # own parents' level, and the near partner's.
            between = sum(n.startswith("r") for n in _flat(inner, lv + 2))
            beyond = 1 + sum(n.startswith("s") for n in _flat(out, lv - 1))
            if (between <= beyond) != (("beyond", pid) in toggled):
                choices.append(("beyond", pid))
                _beside(out, inner, left=natural)
            else:
                # Undone, and laid out again the other way.
                seen.clear()
                seen.update(before[0])
                drawn[:] = before[1]
                del choices[before[2] :]
                choices.append(("beyond", pid))
                _beside(out, up(born, pid, side), left=side)
        return out

    def down(b: Block) -> Layout:
        """A sibship below its parents: the children in order, each with all of theirs."""
        seen.add(names[b.id])
        here = level[row_of[b.parents[0]]] + 1
        for r in sorted({row_of[k] for k, _ in b.children}):
            kids = {k for k, _ in b.children}
            if nxt(names[b.id], f"r{r}") and any(p not in kids and p in natal for p in drawn[r]):
                # A partner's own family beside the row: on their side, either way round.
                choices.append(("face", r))
                if ("face", r) in toggled:
                    drawn[r].reverse()
        parts = []
        for k in kids_in_order(b):
            r = row_of[k]
            if nxt(names[b.id], f"r{r}"):
                parts.append(row(r, drawn[r].index(k), None, via=k))
        out: Layout = {}
        for part in parts:
            _beside(out, part, left=False)
        half = sum(len(_flat(p, here)) for p in parts[: (len(parts) + 1) // 2])
        flat = _flat(out, here)
        out[here] = ([*flat[:half], names[b.id], *flat[half:]], [])
        return out

    def up(b: Block, child: str, side: bool | None) -> Layout:
        """The family `child` was born into, with the column at the child's place; `side`:
        where it goes beside the child's row (None: around it)."""
        seen.add(names[b.id])
        kids = kids_in_order(b)
        if side is not None:
            # The child stands at the end of the sibship next to their row.
            kids = [c for c in kids if c != child]
            kids = [*kids, child] if side else [child, *kids]
        k = kids.index(child)
        here = level[row_of[b.parents[0]]] + 1
        out: Layout = {here: ([names[b.id]], [])}
        for other in reversed(kids[:k]):
            r = row_of[other]
            if nxt(names[b.id], f"r{r}"):
                _beside(out, row(r, drawn[r].index(other), None, via=other), left=True)
        for other in kids[k + 1 :]:
            r = row_of[other]
            if nxt(names[b.id], f"r{r}"):
                _beside(out, row(r, drawn[r].index(other), None, via=other), left=False)
        r = row_of[b.parents[0]]
        if nxt(names[b.id], f"r{r}"):
            _around(out, row(r, port(b, r), b, side=side))
        return out

    start = row_of[centre]
    found = row(start, rows[start].index(centre), None, via=centre)
    home = natal.get(centre)
    if home is not None and nxt(f"r{start}", names[home.id]):
        _around(found, up(home, centre, None))
    for r in range(len(rows)):
        if f"r{r}" not in seen and r in level:
            _beside(found, row(r, (len(drawn[r]) - 1) / 2, None), left=False)
    levels = {lv: lefts + rights for lv, (lefts, rights) in sorted(found.items())}
    turned = frozenset(r for r, row in enumerate(rows) if drawn[r] != list(row))
    return Order(levels, turned, tuple(choices))


def _flat(layout: Layout, lv: int) -> list[str]:
    lefts, rights = layout.get(lv, ([], []))
    return lefts + rights


def _beside(out: Layout, part: Layout, *, left: bool) -> None:
    """`part`, whole, on one side of everything in `out`."""
    for lv in part:
        lefts, rights = out.setdefault(lv, ([], []))
        flat = _flat(part, lv)
        if left:
            lefts[:0] = flat
        else:
            rights.extend(flat)


def _around(out: Layout, part: Layout) -> None:
    """`part` around everything in `out`: its column on `out`'s column."""
    for lv, (p_left, p_right) in part.items():
        lefts, rights = out.setdefault(lv, ([], []))
        lefts[:0] = p_left
        rights.extend(p_right)


def _levels(
    start: int,
    rows: Sequence[Sequence[str]],
    row_of: dict[str, int],
    natal: dict[str, Block],
    below: dict[int, list[Block]],
) -> dict[int, int] | None:
    """Each row's level (two per generation: the sibships between), from the start's
    component; None where a row would need two levels."""
    level = {start: 0}
    todo = [start]
    while todo:
        r = todo.pop()
        steps = [(row_of[k], 2) for b in below.get(r, ()) for k, _ in b.children]
        steps += [(row_of[natal[p].parents[0]], -2) for p in rows[r] if p in natal]
        for other, step in steps:
            want = level[r] + step
            if other not in level:
                level[other] = want
                todo.append(other)
            elif level[other] != want:
                return None
    return level
