"""A genogram: the family tree drawn as the practice draws it, laid out by Graphviz `dot`.

Couples are one block: the two partners side by side in one row with a couple line between
them (married solid, living together dashed, separated `/`, divorced `//`, parents with no
partnership recorded dotted). From the couple line's middle a drop reaches one sibship bar per
couple, and from the bar a drop to each child (birth solid, adoptive dashed, foster dotted,
step dash-dot). Siblings stand in birth order, except where two drawn families meet: the
sibling who joins them stands at the end nearest the other family (visualise.sibships); half-
siblings sit beside their shared parent, under the couple they come from; a person's earlier
partners stand on one side of them and later ones on the other. Nobody is drawn twice, so a
cousin marriage is drawn as it is.

How: each person is a card; each row of partners one node, its cards side by side in a table
(so the partners' order is fixed); each sibship a point in a row of its own between the
parents' row and the children's (visualise.dot_text). `dot` places them (it is built for
exactly this: ranks, crossing reduction, straight drops), from the family's own order
(visualise.nesting), which it keeps, and from its own crossing reduction; this module then
draws the connectors orthogonally from the positions.
Who is drawn, in which blocks and rows: visualise.genogram_rows.

Pure: `dot` is run by the function passed in (`visualise.graphviz.run`), so nothing here does
I/O. The same family always gives the same drawing.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from visualise.connectors import (
    CARD_W,
    Block,
    Line,
    Unit,
    below,
    connectors,
    crossings,
)
from visualise.dot_text import Fixed, Rows, cell, points, read_plain, to_dot
from visualise.genogram_rows import Couple, Member, Parentage, make_blocks, make_rows, sort_key
from visualise.nesting import Choice, order
from visualise.sibships import at_ends, in_birth_order, in_order

Start = tuple[Rows, bool]  # rows given to `dot`, and whether in family order
Score = tuple[int, int]  # lines crossing, sibships out of birth order


@dataclass(slots=True)
class Genogram:
    positions: dict[str, tuple[float, float]]
    lines: list[Line]
    units: list[Unit]
    dot: str = field(default="", repr=False)


def layout(
    members: Sequence[Member],
    parentages: Iterable[Parentage],
    couples: Iterable[Couple],
    run_dot: Callable[[str], str],
    centre: str | None = None,
) -> Genogram:
    """Positions (card centres) and connectors for the family, by `run_dot(dot_text)`, which
    returns `dot -Tplain` output; `centre`: the young person, from whom the family is walked
    out (which also says who joins two drawn families and may stand at an end of their
    sibship: visualise.sibships.at_ends).

    Of the drawings tried, the best is kept: one with at most `READABLE` crossings per person
    before one with more; among those, the fewest sibships out of birth order (a reader takes
    left to right as oldest to youngest, so a sibship out of order misleads where a crossing
    only clutters), then the fewest crossings; among the others, the fewest crossings."""
    by_id = {m.id: m for m in members}
    blocks = make_blocks(by_id, parentages, couples)
    under = below(blocks)
    large = len(by_id) > LARGE
    ends = frozenset(at_ends(blocks, centre if centre in by_id else None))
    budget = READABLE * len(by_id)

    def rank(score: Score) -> tuple[bool, int, int]:
        crossed, late = score
        return (False, late, crossed) if crossed <= budget else (True, crossed, late)

    def chain(start: tuple[Rows, bool, int]) -> tuple[Genogram, Score, Start]:
        """`dot` from these rows; then, up to `turns` times, again with the rows that face
        away from their families turned; the best drawing of the chain, and where it began."""
        rows, family_order, turns = start
        found: tuple[Genogram, Score, Start] | None = None
        for _ in range(turns):
            drawn, here, placed, where = _attempt(
                by_id, blocks, under, rows, family_order, run_dot, ends=ends
            )
            if found is None or rank(here) < rank(found[1]):
                found = (drawn, here, (rows, family_order))
            turn = _facing_away(rows, where, blocks, placed)
            if here == (0, 0) or not turn:
                break
            rows = [row[::-1] if r in turn else row for r, row in enumerate(rows)]
        assert found is not None
        return found

    # `dot`'s crossing reduction depends on where it starts. The first start usually draws a
    # close family with no crossing at all. Where lines still cross or siblings stand out of
    # order: the family's own order (visualise.nesting), every sibship in birth order, which
    # `dot` keeps; where that is not readable, more starts (the rows in other orders, and `dot`
    # given them shuffled: seeded, so the same family is always drawn the same way), two at a
    # time, the best kept. A large family gets one start and one turn, so that it is drawn in
    # a second or two.
    starts = [(make_rows(by_id, blocks, by_birth=by_birth), family_order, 2 if large else _TURNS)
              for by_birth, family_order in _STARTS]  # fmt: skip
    best, score, begun = chain(starts[0])
    done = score == (0, 0) or large
    own = False  # whether the best is drawn in the family's own order
    if not done and centre in by_id:
        nested = _nested(by_id, blocks, under, starts[0][0], centre, run_dot, ends, rank)
        if nested is not None and rank(nested[1]) < rank(score):
            best, score, begun = nested
            own = True
            # Readable, and every sibship in order: the family's own order stands.
            done = rank(score)[:2] == (False, 0)
    more = starts[1:] if not done else []
    if score[0] and more:
        for seed in range(_SHUFFLED):
            rows = make_rows(by_id, blocks, by_birth=False)
            random.Random(seed).shuffle(rows)  # noqa: S311 - an order to start from, no secret
            more.append((rows, False, 1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for drawn, here, start in pool.map(chain, more):
            if rank(here) < rank(score):
                best, score, begun, own = drawn, here, start, False
    if score[1] and not large and not own:
        best, score = _hold_in_order(by_id, blocks, under, begun, run_dot, best, score, ends, rank)
    if score[1]:
        # Siblings with partners or children out of birth order: dealt out again where that
        # costs nothing (visualise.sibships).
        def crossed(pos: dict[str, tuple[float, float]]) -> int:
            return crossings(connectors(blocks, pos, under)[0])

        positions = in_birth_order(blocks, begun[0], best.positions, lambda c: sort_key(by_id[c]),
                                   crossed, score[0], ends)  # fmt: skip
        if positions is not best.positions:
            lines, units = connectors(blocks, positions, under)
            best = Genogram(positions, lines, units, best.dot)
    return best


def _nested(
    by_id: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    under: dict[str, set[str]],
    rows: Rows,
    centre: str,
    run_dot: Callable[[str], str],
    ends: frozenset[str],
    rank: Callable[[Score], tuple[bool, int, int]],
) -> tuple[Genogram, Score, Start] | None:
    """The family's own order (visualise.nesting), which `dot` keeps; then each of its
    choices made the other way, two at a time, kept where the drawing is better for it (up to
    `_CHOICES` drawings), as `_hold_in_order` does. None where the family has no such order."""
    named = points(blocks)

    def attempt(toggled: frozenset[Choice]) -> _Tried | None:
        found = order(rows, blocks, named, lambda c: sort_key(by_id[c]), centre, toggled)
        if found is None:
            return None
        turned = [row[::-1] if r in found.turned else row for r, row in enumerate(rows)]
        drawn, here, _, _ = _attempt(by_id, blocks, under, turned, False, run_dot,
                                     ends=ends, fixed=found.levels)  # fmt: skip
        return drawn, here, (turned, False), found.choices

    first = attempt(frozenset())
    if first is None:
        return None
    best, score, start, choices = first
    toggled: frozenset[Choice] = frozenset()
    todo, tried = list(choices), 0
    asked: set[Choice] = set()
    with ThreadPoolExecutor(max_workers=2) as pool:
        while todo and score != (0, 0) and tried < _CHOICES:
            pair = todo[:2]
            asked |= set(pair)
            tries = [toggled ^ {c} for c in pair]
            tried += len(tries)
            for n, (made, found) in enumerate(zip(tries, pool.map(attempt, tries), strict=True)):
                if found is not None and rank(found[1]) < rank(score):
                    best, score, start, choices = found
                    toggled = made
                    # The one tried beside it is tried again on top, then any choice the new
                    # order has that was not there before.
                    todo = todo[n + 1 :]
                    todo += [c for c in choices if c not in asked and c not in todo]
                    break
            else:
                todo = todo[len(pair) :]
    return best, score, start


_Tried = tuple["Genogram", Score, Start, tuple[Choice, ...]]


def _hold_in_order(
    by_id: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    under: dict[str, set[str]],
    begun: Start,
    run_dot: Callable[[str], str],
    best: Genogram,
    score: Score,
    ends: frozenset[str],
    rank: Callable[[Score], tuple[bool, int, int]],
) -> tuple[Genogram, Score]:
    """Sibships out of birth order, one at a time: `dot` run again from the best drawing's start,
    told to keep that sibship in order (`ordering=out`) with those held before; held where the
    drawing is better for it. Telling `dot` all of them at once costs many crossings (the
    family of 432: 21-34 to 53-88); one by one, many can be held, often with fewer crossings.
    Two runs at a time, each on top of those held: the first that helps is held; one tried
    beside it is tried again on top."""
    held: frozenset[str] = frozenset()
    todo = _late(by_id, blocks, best.positions, ends)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(_HELD):
            if not todo:
                break
            pair = todo[:2]
            tries = [held | {b} for b in pair]
            tried = list(pool.map(
                lambda t: _attempt(by_id, blocks, under, *begun, run_dot, t, ends=ends)[:2],
                tries,
            ))  # fmt: skip
            for n, (block_id, (drawn, here)) in enumerate(zip(pair, tried, strict=True)):
                if rank(here) < rank(score):
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
_CHOICES = 16  # the family's own order: at most this many of its choices tried the other way
LARGE = 600  # people
READABLE = 0.05  # crossings per person: at most 5 per 100 people


def _attempt(
    by_id: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    under: dict[str, set[str]],
    rows: list[list[str]],
    family_order: bool,
    run_dot: Callable[[str], str],
    held: frozenset[str] = frozenset(),
    *,
    ends: frozenset[str] = frozenset(),
    fixed: Fixed | None = None,
) -> tuple[Genogram, Score, dict[str, tuple[float, float, float]],
           dict[str, tuple[int, int]]]:  # fmt: skip
    """One run of `dot` from these rows: the drawing, its score (crossings, sibships out of
    birth order, `ends` standing where they may), and `dot`'s own placing."""
    generations = {pid: m.generation for pid, m in by_id.items() if m.generation is not None}
    dot, where = to_dot(blocks, rows, family_order=family_order, held=held, fixed=fixed,
                        generations=generations)  # fmt: skip
    placed = read_plain(run_dot(dot)) if by_id else {}
    positions: dict[str, tuple[float, float]] = {}
    for pid, (r, i) in where.items():
        x, y, width = placed[f"r{r}"]
        positions[pid] = (round(x - width / 2 + cell(i) + CARD_W / 2, 1), round(y, 1))
    _birth_order(by_id, blocks, rows, where, positions)
    lines, units = connectors(blocks, positions, under)
    here = (crossings(lines), _out_of_order(by_id, blocks, positions, ends))
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
    sib = points(blocks)
    born = {c: sib[b.id] for b in blocks.values() for c, _ in b.children}
    turn = set()
    for r, row in enumerate(rows):
        if len(row) < 2:
            continue
        x, _, width = placed[f"r{r}"]
        facing = 0.0
        for i, pid in enumerate(row):
            if pid in born:
                offset = cell(i) + CARD_W / 2 - width / 2
                facing += offset * (placed[born[pid]][0] - x)
        if facing < 0:
            turn.add(r)
    return turn


def _out_of_order(
    members: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    positions: dict[str, tuple[float, float]],
    ends: frozenset[str] = frozenset(),
) -> int:
    """How many sibships do not stand in birth order, left to right (`ends` may stand at
    either end: visualise.sibships.at_ends)."""
    return len(_late(members, blocks, positions, ends))


def _late(
    members: dict[str, Member],
    blocks: dict[tuple[str, ...], Block],
    positions: dict[str, tuple[float, float]],
    ends: frozenset[str] = frozenset(),
) -> list[str]:
    """The sibships (block ids, sorted) that do not stand in birth order, left to right."""
    return sorted(
        b.id for b in blocks.values()
        if not in_order([c for c, _ in b.children], positions, lambda c: sort_key(members[c]), ends)
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
            for child, place in zip(sorted(row, key=lambda c: sort_key(members[c])), places,
                                    strict=True):  # fmt: skip
                positions[child] = place
