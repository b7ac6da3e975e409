"""The genogram's connectors, drawn from the positions `dot` gave (visualise.genogram): each
couple's line, the drop from its middle to one sibship bar per couple, and a drop from the bar
to each child; and the counts the tests and benchmark judge a drawing by (crossings, lines
through a card). Pure: no I/O."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

CARD_W = 150.0
CARD_H = 44.0
_GAP = 14.0  # between bars that share a row
Style = str  # "solid" | "dashed" | "dotted" | "dashdot"
_COUPLE_STYLE = {
    "married": ("solid", None),
    "civil_partnership": ("solid", None),
    "cohabiting": ("dashed", None),
    "unknown": ("dashed", None),  # status not recorded: drawn as living together
    "separated": ("solid", "/"),
    "divorced": ("solid", "//"),
}


@dataclass(frozen=True, slots=True)
class Line:
    kind: str  # couple, drop, bar, child
    x1: float
    y1: float
    x2: float
    y2: float
    style: Style = "solid"
    mark: str | None = None
    needs: tuple[str, ...] = ()  # drawn only when all of these are shown
    any_of: tuple[str, ...] = ()  # ... and at least one of these, when given


@dataclass(frozen=True, slots=True)
class Unit:
    """A couple or single parent with children: where its drop starts, and who is below it."""

    id: str
    parents: tuple[str, ...]
    children: tuple[str, ...]
    x: float
    y: float
    descendants: tuple[str, ...] = ()


@dataclass(slots=True)
class Block:
    """A couple (two parents) or a single parent, with the children drawn below it."""

    id: str
    parents: tuple[str, ...]
    kind: str | None = None
    since: str | None = None
    recorded: bool = False  # a partnership is recorded (else only shared children)
    children: list[tuple[str, str]] = field(default_factory=list)  # (child, style)
    # Children drawn below another couple (their birth parents), whom these parents raised too
    # (adopted, fostered, step): a line of that style from this couple to each, and nothing
    # else (`dot` places them by their own parents; they are not of this sibship).
    raised: list[tuple[str, str]] = field(default_factory=list)


def connectors(
    blocks: dict[tuple[str, ...], Block],
    pos: dict[str, tuple[float, float]],
    below: dict[str, set[str]],
) -> tuple[list[Line], list[Unit]]:
    lines: list[Line] = []
    units: list[Unit] = []
    rows: dict[float, list[float]] = {}
    for x, y in pos.values():
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
    # Couple lines; where the two partners are not side by side (a third partner), the line
    # runs under the row instead of through the cards between them, each such line of a row at
    # its own depth where they share a stretch (a second reader: three lay on one another), and
    # the drop to their children leaves it between two cards, never under one (it hung the
    # children from the card between the parents: the wrong father).
    starts: dict[str, tuple[float, float]] = {}
    apart = {b.id: (ax, bx, ay) for b in blocks.values() if len(b.parents) == 2
             for (ax, ay), (bx, _) in [sorted((pos[b.parents[0]], pos[b.parents[1]]))]
             if _between(rows, ax, bx, ay)}  # fmt: skip
    depth = _depths(apart)
    for b in sorted(blocks.values(), key=lambda b: b.id):
        if len(b.parents) == 2:
            (ax, ay), (bx, by) = sorted((pos[b.parents[0]], pos[b.parents[1]]))
            style, mark = _COUPLE_STYLE.get(b.kind or "", ("dotted", None))
            needs = tuple(sorted(b.parents))
            if b.id in apart:
                yb = ay + CARD_H / 2 + 8 + depth[b.id] * _UNDER_STEP
                lines += [
                    Line("couple", ax, ay + CARD_H / 2, ax, yb, style, None, needs),
                    Line("couple", ax, yb, bx, yb, style, mark, needs),
                    Line("couple", bx, by + CARD_H / 2, bx, yb, style, None, needs),
                ]
                starts[b.id] = (_gap_x(rows[ay], ax, bx), yb)
            else:
                lines.append(
                    Line("couple", ax + CARD_W / 2, ay, bx - CARD_W / 2, by, style, mark, needs)
                )
                starts[b.id] = ((ax + bx) / 2, ay)
        else:
            x, y = pos[b.parents[0]]
            starts[b.id] = (x, y + CARD_H / 2)
    # Sibship bars: one per couple, in the row between parents and children, stacked where two
    # would share a stretch of the same row.
    # A line from parents who raised a child drawn below others ends beside the child's birth
    # line, each such couple a step further along the card (a later reader: they lay on it,
    # three couples' bars joined to one line, read as one sibship).
    beside: dict[tuple[str, str], float] = {}
    lines_to: Counter[str] = Counter()
    for b in sorted(blocks.values(), key=lambda b: b.id):
        for child, _ in b.raised:
            lines_to[child] += 1
            beside[(b.id, child)] = _RAISED_STEP * lines_to[child]

    def end_x(b: Block, child: str) -> float:
        return pos[child][0] + beside.get((b.id, child), 0.0)

    bars: list[tuple[Block, float, float, float]] = []
    for b in blocks.values():
        drawn = [*b.children, *b.raised]
        if not drawn:
            continue
        sx, _ = starts[b.id]
        xs = [end_x(b, c) for c, _ in drawn] + [sx]
        top = min(pos[c][1] for c, _ in drawn) - CARD_H / 2
        bars.append((b, min(xs), max(xs), top))
    levels = _levels(bars)
    for b, lo, hi, top in sorted(bars, key=lambda t: t[0].id):
        sx, sy = starts[b.id]
        row_gap = top - (sy if len(b.parents) == 1 else sy + CARD_H / 2)
        level, count = levels[b.id]
        bar_y = round(top - row_gap / 2 + (level - (count - 1) / 2) * _GAP, 1)
        kids = tuple(c for c, _ in b.children)
        # Drawn while a child it leads to is, one raised here included (a third reader: a drop
        # to a folded adopted child hung from its couple, leading nowhere).
        reached = kids + tuple(c for c, _ in b.raised)
        lines.append(Line("drop", sx, sy, sx, bar_y, "solid", None, b.parents, reached))
        if hi > lo:
            lines.append(Line("bar", lo, bar_y, hi, bar_y, "solid", None, b.parents, reached))
        for child, style in [*b.children, *b.raised]:
            cx, cy = end_x(b, child), pos[child][1]
            lines.append(Line("child", cx, bar_y, cx, cy - CARD_H / 2, style, None,
                              (*b.parents, child)))  # fmt: skip
        if b.children:
            units.append(Unit(b.id, b.parents, kids, sx, sy, tuple(sorted(below[b.id]))))
    return lines, units


_UNDER_STEP = 7.0  # between couple lines that run under the same row
_RAISED_STEP = 24.0  # between a child's birth line and each line from those who raised them


def _depths(apart: dict[str, tuple[float, float, float]]) -> dict[str, int]:
    """Per row, the fewest depths such that no two couple lines under it at one depth share a
    stretch: the widest first, deepest."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for bid, (ax, bx, y) in apart.items():
        rows.setdefault(y, []).append((ax, bx, bid))
    out: dict[str, int] = {}
    for row in rows.values():
        ends: list[float] = []
        for ax, bx, bid in sorted(row):
            level = next((i for i, end in enumerate(ends) if end < ax), len(ends))
            if level == len(ends):
                ends.append(bx)
            else:
                ends[level] = bx
            out[bid] = level
    return out


def _gap_x(xs: list[float], ax: float, bx: float) -> float:
    """The middle of the gap between two cards of a row, from `ax` to `bx`, nearest the middle
    of the two: where a drop from a line under the row leaves it clear of every card."""
    inner = [x for x in xs if ax <= x <= bx]
    middle = (ax + bx) / 2
    gaps = [(a + b) / 2 for a, b in pairwise(inner)]
    return min(gaps, key=lambda g: (abs(g - middle), g)) if gaps else middle


def _between(rows: dict[float, list[float]], ax: float, bx: float, y: float) -> bool:
    """Whether a card stands between two partners' cards in their row."""
    xs = rows.get(y, [])
    return bisect.bisect_right(xs, ax) < bisect.bisect_left(xs, bx)


def _levels(bars: list[tuple[Block, float, float, float]]) -> dict[str, tuple[int, int]]:
    """Per row, the fewest levels such that no two bars at one level meet: (level, levels)."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for b, lo, hi, top in bars:
        rows.setdefault(round(top), []).append((lo, hi, b.id))
    out: dict[str, tuple[int, int]] = {}
    for row in rows.values():
        ends: list[float] = []
        chosen: dict[str, int] = {}
        for lo, hi, bid in sorted(row):
            level = next((i for i, end in enumerate(ends) if end < lo - _GAP), len(ends))
            if level == len(ends):
                ends.append(hi)
            else:
                ends[level] = hi
            chosen[bid] = level
        out.update({bid: (level, len(ends)) for bid, level in chosen.items()})
    return out


def below(blocks: dict[tuple[str, ...], Block]) -> dict[str, set[str]]:
    """Everyone drawn below each couple: children (those they raised too: a later reader found
    an adopted daughter left on the map when her adoptive parents' family was folded), their
    partners, and theirs in turn."""
    kids_of = {b.id: [c for c, _ in (*b.children, *b.raised)] for b in blocks.values()}
    born = {c for kids in kids_of.values() for c in kids}  # who has parents drawn
    of_person: dict[str, list[Block]] = {}
    for b in blocks.values():
        for p in b.parents:
            of_person.setdefault(p, []).append(b)
    out: dict[str, set[str]] = {}
    for b in blocks.values():
        seen: set[str] = set()
        todo = list(kids_of[b.id])
        while todo:
            person = todo.pop()
            if person in seen or person in b.parents:
                continue
            seen.add(person)
            for inner in of_person.get(person, ()):
                todo += [p for p in inner.parents if p != person and p not in born]
                todo += kids_of[inner.id]
        out[b.id] = seen
    return out


def crossings(lines: Sequence[Line]) -> int:
    """How many pairs of connectors cross (meeting at an end or along a shared line is not a
    crossing). Connectors are horizontal or vertical, so each vertical is checked only against
    the horizontals at the heights it spans."""
    rows: dict[float, list[Line]] = {}
    for h in lines:
        if h.y1 == h.y2 and h.x1 != h.x2:
            rows.setdefault(h.y1, []).append(h)
    heights = sorted(rows)
    count = 0
    for v in lines:
        if v.x1 != v.x2 or v.y1 == v.y2:
            continue
        low, high = sorted((v.y1, v.y2))
        for y in heights[bisect.bisect_right(heights, low) : bisect.bisect_left(heights, high)]:
            count += sum(1 for h in rows[y] if _cross(h, v))
    return count


def _cross(a: Line, b: Line) -> bool:
    ah, bh = a.y1 == a.y2, b.y1 == b.y2
    av, bv = a.x1 == a.x2, b.x1 == b.x2
    if ah and bv:
        h, v = a, b
    elif av and bh:
        h, v = b, a
    else:
        return False  # parallel or not orthogonal: connectors here are all orthogonal
    hx1, hx2 = sorted((h.x1, h.x2))
    vy1, vy2 = sorted((v.y1, v.y2))
    return hx1 < v.x1 < hx2 and vy1 < h.y1 < vy2


def through_cards(lines: Sequence[Line], positions: dict[str, tuple[float, float]]) -> int:
    """How many connectors pass through a card (touching a card's edge is not passing)."""
    count = 0
    for line in lines:
        x1, x2 = sorted((line.x1, line.x2))
        y1, y2 = sorted((line.y1, line.y2))
        for cx, cy in positions.values():
            left, right = cx - CARD_W / 2 + 1, cx + CARD_W / 2 - 1
            top, bottom = cy - CARD_H / 2 + 1, cy + CARD_H / 2 - 1
            if x1 < right and x2 > left and y1 < bottom and y2 > top:
                count += 1
    return count


def under_cards(lines: Sequence[Line], positions: dict[str, tuple[float, float]]) -> int:
    """How many drops to children start under a card of their parents' row that is not one of
    the parents: such a drop reads as hanging the children from that card."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for pid, (x, y) in positions.items():
        rows.setdefault(y + CARD_H / 2, []).append((x, pid))
    count = 0
    for line in lines:
        if line.kind != "drop":
            continue
        for bottom, cards in rows.items():
            if bottom <= line.y1 <= bottom + CARD_H:
                count += sum(1 for x, pid in cards if abs(x - line.x1) < CARD_W / 2
                             and pid not in line.needs)  # fmt: skip
    return count
