"""Siblings in birth order: the genogram's rule, and a pass over a finished drawing.

The rule: brothers and sisters stand in birth order, oldest on the left. Where two drawn
families meet, the sibling who joins them may stand at an end of their sibship instead, beside
the other family (`at_ends`): anyone whose partner's own parents are drawn, and anyone whose
own family is reached through them from the young person (the young person's parents and
grandparents, a parent's partner whose family is drawn, ...). A genogram draws a couple's two
families of origin side by side; in strict birth order a parent in the middle of their sibship
puts brothers and sisters on both sides of the couple, and one family's lines through the
other's. `in_order` checks a sibship by the rule (such a sibling at either end);
`expected` is the order visualise.nesting lays a sibship out in.

The pass: `dot` places rows of partners where they cross the fewest lines, so a sibling who has a
partner (or children drawn) can stand out of birth order among their brothers and sisters.
Here each such sibship is dealt out again: each sibling comes as one piece, their row of
partners with everyone drawn below it (kept in shape), and the pieces are laid from where the
first stood, in birth order, each as far left as it goes without touching anyone's card, row by
row (the way a tidy tree packs subtrees). Nobody else moves. The new order is kept only when it
crosses no more lines than before: so the pass only ever puts siblings in order, and never
makes the drawing worse. Siblings whose families meet below them (a marriage between cousins)
are left as they are.

Pure: the positions in, the positions out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from visualise.connectors import CARD_W, Block

Positions = dict[str, tuple[float, float]]
# How many of the drawing's connectors cross, for a set of positions.
Crossings = Callable[[Positions], int]
# Birth order: a sort key per person (the genogram's own: born, birth date, name, id).
Key = Callable[[str], tuple[bool, str, str, str]]


def in_birth_order(
    blocks: dict[tuple[str, ...], Block],
    rows: Sequence[Sequence[str]],
    positions: Positions,
    key: Key,
    crossings: Crossings,
    crossing: int,
    ends: Collection[str] = frozenset(),
) -> Positions:
    """The positions with as many sibships in birth order (`key`; `ends` may stand at either
    end, by `at_ends`) as can be without a worse drawing; `crossing`: how many lines cross in
    the drawing given."""
    row_of = {pid: r for r, row in enumerate(rows) for pid in row}
    below_row = _rows_below(blocks, rows, row_of)
    for b in sorted(blocks.values(), key=lambda b: b.id):
        kids = [c for c, _ in b.children]
        if len(kids) < 2 or in_order(kids, positions, key, ends):
            continue
        moved = _dealt_out(kids, rows, row_of, below_row, positions, key)
        if moved is None:
            continue
        tried = crossings(moved)
        if tried <= crossing:
            positions, crossing = moved, tried
    return positions


def married_in(blocks: dict[tuple[str, ...], Block]) -> dict[str, set[str]]:
    """For each person, their partners whose own parents are drawn too: such a person stands
    beside their partner, so at the end of their brothers and sisters nearest them (one of
    a parent married to someone from another drawn family, or a cousin marriage)."""
    born = {c for b in blocks.values() for c, _ in b.children}
    out: dict[str, set[str]] = {}
    for b in blocks.values():
        if len(b.parents) == 2:
            one, two = b.parents
            if two in born:
                out.setdefault(one, set()).add(two)
            if one in born:
                out.setdefault(two, set()).add(one)
    return out


def at_ends(blocks: dict[tuple[str, ...], Block], centre: str | None) -> set[str]:
    """Who may stand at an end of their brothers and sisters rather than in birth order: where
    two drawn families meet, as a genogram draws a couple's two families of origin side by
    side. Those are anyone whose partner's own parents are drawn (`married_in`), and anyone whose
    own parents, brothers and sisters are reached through them, walking out from the young
    person the shortest way (`walk`): the young person's parents and grandparents, a parent's
    partner whose family is drawn, a cousin's partner from another drawn family and their
    parents. The young person stands in birth order."""
    found = set(married_in(blocks))
    if centre is None:
        return found
    row, dist = walk(blocks, centre)
    for b in blocks.values():
        for child, _ in b.children:
            mine = dist.get(row(child))
            if child != centre and mine is not None and b.id in dist and mine < dist[b.id]:
                found.add(child)
    return found


def walk(
    blocks: dict[tuple[str, ...], Block], centre: str
) -> tuple[Callable[[str], str], dict[str, int]]:
    """The family walked out from `centre` breadth first, as the genogram draws it: rows of
    partners (each person's row named by `row(person)`) and sibships (by block id), each with
    its steps from the centre's row; a row is joined to the sibships of its couples and to the
    sibships its members were born into."""
    group: dict[str, str] = {}

    def root(p: str) -> str:
        while group.get(p, p) != p:
            p = group[p]
        return p

    for b in blocks.values():
        if len(b.parents) == 2:
            one, two = sorted(root(p) for p in b.parents)
            if one != two:
                group[two] = one

    def row(person: str) -> str:
        return "row:" + root(person)

    near: dict[str, set[str]] = {}
    for b in blocks.values():
        if b.children:
            for person in (b.parents[0], *(c for c, _ in b.children)):
                near.setdefault(row(person), set()).add(b.id)
                near.setdefault(b.id, set()).add(row(person))
    dist = {row(centre): 0}
    todo = [row(centre)]
    for here in todo:
        for there in sorted(near.get(here, ())):
            if there not in dist:
                dist[there] = dist[here] + 1
                todo.append(there)
    return row, dist


def expected(
    kids: list[str], place: Callable[[str], float], key: Key, partners: dict[str, set[str]]
) -> list[str]:
    """The siblings left to right: in birth order (`key`), except those with a partner whose
    family is drawn (`partners`, by `married_in`), who stand at the end nearest that partner
    (`place`: where each person stands, left to right)."""
    left: list[str] = []
    free: list[str] = []
    right: list[str] = []
    for c in kids:
        sides = {place(p) > place(c) for p in partners.get(c, ()) if p not in kids}
        (right if sides == {True} else left if sides == {False} else free).append(c)
    return sorted(left, key=key) + sorted(free, key=key) + sorted(right, key=key)


def in_order(
    kids: list[str], positions: Positions, key: Key, ends: Collection[str] = frozenset()
) -> bool:
    """Whether the siblings stand in birth order, left to right; any of `ends` (by `at_ends`)
    may stand at either end instead."""
    by_place = sorted(kids, key=lambda c: positions[c])
    while by_place and by_place[0] in ends:
        by_place.pop(0)
    while by_place and by_place[-1] in ends:
        by_place.pop()
    return by_place == sorted(by_place, key=key)


def _rows_below(
    blocks: dict[tuple[str, ...], Block], rows: Sequence[Sequence[str]], row_of: dict[str, int]
) -> dict[int, set[int]]:
    """For each row, the rows of the children of the couples in it."""
    out: dict[int, set[int]] = {r: set() for r in range(len(rows))}
    for b in blocks.values():
        r = row_of[b.parents[0]]
        out[r] |= {row_of[c] for c, _ in b.children}
    return out


def _piece(start: int, below_row: dict[int, set[int]]) -> set[int]:
    """A row and every row drawn below it, down the generations."""
    found, todo = {start}, [start]
    while todo:
        for r in below_row[todo.pop()]:
            if r not in found:
                found.add(r)
                todo.append(r)
    return found


_GAP = 18.0  # the least room between two cards side by side (dot's nodesep, 0.25 in)


def _dealt_out(
    kids: list[str],
    rows: Sequence[Sequence[str]],
    row_of: dict[str, int],
    below_row: dict[int, set[int]],
    positions: Positions,
    key: Key,
) -> Positions | None:
    """The positions with the siblings' pieces in birth order; None where the pieces share a
    row or reach each other (a marriage between their descendants). The pieces are laid from
    where the first of them stood, in birth order, each as far left as it goes without touching
    a card already there (anyone else's, or a piece laid before it), height by height."""
    pieces = [_piece(row_of[c], below_row) for c in kids]
    taken: set[int] = set()
    for piece in pieces:
        if piece & taken:
            return None
        taken |= piece
    people = [[p for r in piece for p in rows[r]] for piece in pieces]
    mine = {p for who in people for p in who}
    # Cards in the way, per height: (left, right) of everyone else's.
    blocked: dict[float, list[tuple[float, float]]] = {}
    for pid, (x, y) in positions.items():
        if pid not in mine:
            blocked.setdefault(y, []).append((x - CARD_W / 2, x + CARD_W / 2))
    at = min(positions[p][0] for p in mine) - CARD_W / 2
    moved = dict(positions)
    for i in sorted(range(len(kids)), key=lambda i: key(kids[i])):
        cards = [positions[p] for p in people[i]]
        left = min(x for x, _ in cards) - CARD_W / 2
        shift = at - left
        for _ in range(len(positions) + 1):
            clash = _clash(cards, shift, blocked)
            if clash is None:
                break
            shift = clash
        else:
            return None
        for p, (x, y) in zip(people[i], cards, strict=True):
            moved[p] = (round(x + shift, 1), y)
            blocked.setdefault(y, []).append((x + shift - CARD_W / 2, x + shift + CARD_W / 2))
        at = left + shift
    return moved


def _clash(
    cards: list[tuple[float, float]], shift: float, blocked: dict[float, list[tuple[float, float]]]
) -> float | None:
    """None if the cards, moved by `shift`, touch nothing in `blocked`; else the least larger
    shift that clears the first card they touch."""
    need = None
    for x, y in cards:
        lo, hi = x + shift - CARD_W / 2, x + shift + CARD_W / 2
        for b_lo, b_hi in blocked.get(y, ()):
            if lo < b_hi + _GAP and b_lo < hi + _GAP:
                clear = b_hi + _GAP + CARD_W / 2 - x
                need = clear if need is None else max(need, clear)
    return need
