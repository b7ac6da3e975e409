"""The ecomap as the practice draws it (Hartman): the young person in the centre and around
them, one by one, only their own circle, with one line from the young person to each; the rest
of the family folded into one summary per side, which opens in place.

The circle, closest first and at most `CIRCLE_MAX`: parents, children and partners; brothers
and sisters (full, half and step); connections in touch or in the plan, trusted adults with a
strong tie, anyone a court order keeps away and anyone living with a safety flag (these two
however crowded the circle); then the other connections and trusted adults. People with a
strong tie sit on the inner ring, the rest on the outer one. Maternal relatives are on the
left, paternal on the right, the family of no side or both sides at the top, and everyone else
below.

Everyone else in the map is folded: relatives into their side's summary (the left and right
halves; relatives on both sides or of no side, such as a full brother's children, with the
mother's), others into one summary below. Each summary lists its people closest first, says how
many of its side are in contact, how many of those folded (deceased) carry a safety flag and
the young person's wish about them, and gives their places for when it is opened (eight at a
time, in columns outward from it).

Lines only from the young person, each at its own angle: no two cross. Pure: no I/O; the same
map always gives the same drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from visualise.map_items import WISHES_AGAINST, status_line

CIRCLE_MAX = 24
OPEN_STEP = 8  # a summary opens this many at a time
IN_TOUCH: frozenset[str] = frozenset({"willing", "invited", "attended", "in_plan"})
_FONT_W = 7.6  # average width of one character at the map's 14 px font, in map units
_LINE_H = 18.0
_LABEL_CHARS = 24
_ASPECT = 1.75  # the rings are ellipses, wider than tall like a screen
_INNER, _OUTER = 150.0, 235.0  # vertical radii of the two rings
_DOT = 16.0  # the dot above a person's label, from its centre
_SIDE_WORDS = {"maternal": "Mum's side", "paternal": "Dad's side", "other": "Other adults"}


class Seat(Protocol):
    """A map node as the ecomap needs it (the service's MapNode is one)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def group(self) -> str: ...
    @property
    def relation(self) -> str | None: ...
    @property
    def stage(self) -> str | None: ...
    @property
    def lapsed(self) -> bool: ...
    @property
    def generation(self) -> int: ...
    @property
    def restricted(self) -> bool: ...
    @property
    def flags(self) -> Sequence[object]: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def living(self) -> bool: ...
    @property
    def wish(self) -> str | None: ...


class Line(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def strength(self) -> str | None: ...
    @property
    def current(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Summary:
    id: str
    side: str  # maternal, paternal or other
    label: str
    found: int
    in_contact: int
    members: tuple[str, ...]
    x: float
    y: float


@dataclass(slots=True)
class Ecomap:
    positions: dict[str, tuple[float, float]]
    circle: list[str]
    keep_edges: set[str]  # the ties and family lines from the young person that are drawn
    new_lines: list[tuple[str, str]]  # (person id, "sibling"...): a family line to draw
    folded: dict[str, str] = field(default_factory=dict)  # person id -> summary id
    summaries: list[Summary] = field(default_factory=list)


def _rank(seat: Seat, ring: int, direct: str | None, tie: Line | None) -> int | None:
    """Closeness class for the circle, or None for someone who is folded."""
    family = seat.group != "other"
    if direct in ("parent", "partner") or (family and ring == 1):
        return 0
    if direct == "sibling" or (family and _sibling(seat, ring)):
        return 1
    in_touch = seat.stage in IN_TOUCH and not seat.lapsed
    strong = tie is not None and tie.strength == "strong" and tie.current
    # Someone a court order keeps away is shown, so nobody can miss them.
    if in_touch or strong or seat.restricted:
        return 2
    if tie is not None:
        return 3
    return None


def _kept_in_sight(seat: Seat) -> bool:
    """Never folded out of sight, however crowded the circle: under a court order, or living
    with a safety flag."""
    return seat.restricted or (seat.living and bool(seat.flags))


def _label_box(seat: Seat) -> tuple[float, float]:
    """The width and height of a person's dot and label (name, relation, stage, flags): as
    wide as its longest line, the stage and warnings included (a second reader: that line was
    not measured, and short-named people's labels printed over each other)."""
    words = [seat.name, seat.relation or ""]
    status = status_line(seat.stage, seat.lapsed, flagged=bool(seat.flags),
                         restricted=seat.restricted, wish=seat.wish)  # fmt: skip
    chars = max(min(max(len(w) for w in words), _LABEL_CHARS), len(status or ""))
    width = chars * _FONT_W + 16
    lines = 2 + (1 if status else 0)
    return width, lines * _LINE_H + 34  # the dot above the label


def _person_extent(seat: Seat) -> tuple[float, float, float, float]:
    w, h = _label_box(seat)
    return (-w / 2, -_DOT, w / 2, h - _DOT)


def arrange(
    seats: Sequence[Seat],
    lines: Iterable[Line],
    centre: str,
    hints: Mapping[str, tuple[str, int]],
) -> Ecomap:
    """Who is in the circle, where everyone goes, and which lines are drawn. `hints`: each
    person's side (maternal, paternal, both, none: family of no side, other: not family) and
    ring (closeness: generations up plus down for relatives)."""
    by_id = {s.id: s for s in seats}
    rings = {pid: ring for pid, (_, ring) in hints.items()}
    ties: dict[str, Line] = {}
    direct: dict[str, Line] = {}
    for line in sorted(lines, key=lambda e: e.id):
        if centre not in (line.source, line.target):
            continue
        other = line.target if line.source == centre else line.source
        if line.type == "tie":
            ties.setdefault(other, line)
        else:
            direct.setdefault(other, line)
    ranked = []
    for s in seats:
        if s.id == centre:
            continue
        d = direct.get(s.id)
        r = _rank(s, rings.get(s.id, 9), d.type if d else None, ties.get(s.id))
        if r is not None:
            ranked.append((r, rings.get(s.id, 9), s.name, s.id))
    circle = [pid for *_, pid in sorted(ranked)[:CIRCLE_MAX]]
    # Someone a court order keeps away, or living with a safety flag, is never folded out of
    # sight, however crowded the circle (second readers: a great-uncle under an order was
    # folded behind thirty cousins in touch, and the summary did not say so; in a family of
    # 420, the 8 flagged were folded, the last shown at the fiftieth click). Past the circle's
    # places, not in them: 24 flagged cousins took a great-aunt in the plan's (a later reader).
    in_circle = set(circle)
    for s in sorted(seats, key=lambda s: (rings.get(s.id, 9), s.name, s.id)):
        if s.id != centre and s.id not in in_circle and _kept_in_sight(s):
            circle.append(s.id)
            in_circle.add(s.id)

    keep: set[str] = set()
    new_lines: list[tuple[str, str]] = []
    strong: set[str] = set()
    for pid in circle:
        if pid in ties:
            keep.add(ties[pid].id)
            if ties[pid].strength == "strong" and ties[pid].current and not by_id[pid].lapsed:
                strong.add(pid)
        elif pid in direct:
            keep.add(direct[pid].id)
        else:
            new_lines.append((pid, _family_line(by_id[pid], rings.get(pid, 9))))

    sides = {pid: hints[pid][0] for pid in by_id if pid != centre}
    folded_of: dict[str, list[str]] = {"maternal": [], "paternal": [], "other": []}
    for pid in sorted(sides, key=lambda p: (rings.get(p, 9), by_id[p].name, p)):
        if pid not in in_circle:
            folded_of[_fold_side(sides[pid])].append(pid)

    positions: dict[str, tuple[float, float]] = {centre: (0.0, 0.0)}
    boxes: list[tuple[float, float, float, float]] = [(-80.0, -30.0, 80.0, 45.0)]
    summaries: list[Summary] = []
    folded: dict[str, str] = {}
    # Summaries first (on the axes), then the closest people first: the crowding pushes the
    # farther ones out.
    placed = _clockwise(circle, sides, by_id, rings, folded_of)
    first = {pid: n for n, pid in enumerate(circle)}
    placed.sort(key=lambda pa: (not pa[0].startswith("side:"), first.get(pa[0], 0), pa[0]))
    for pid, degrees in placed:
        angle = math.radians(degrees)
        if pid.startswith("side:"):
            side = pid.removeprefix("side:")
            members = folded_of[side]
            found = [p for p in by_id if p != centre and _fold_side(sides[p]) == side]
            touching = sum(1 for p in found if by_id[p].stage in IN_TOUCH and not by_id[p].lapsed)
            flagged = sum(1 for p in members if by_id[p].flags)
            noun = "relatives" if side != "other" else "people"
            # Relatives as /relatives counts them; the partners and other parents drawn with
            # them (a cousin's father) said apart (a second reader: "84 relatives found" where
            # /relatives has 81).
            kin = sum(1 for p in found if by_id[p].kind is not None) if side != "other" else 0
            counted = len(found) - kin if side != "other" else 0
            label = (f"{_SIDE_WORDS[side]}\n{len(found) - counted} {noun} found, "
                     f"{touching} in contact")  # fmt: skip
            if counted:
                label += f"\nand {counted} of their partners or other parents"
            if len(found) > len(members):
                # Those already in the circle around the young person, so that what the page
                # says is shown adds up (a second reader: "125 found ... all 113 shown").
                label += f"\n{len(found) - len(members)} in the circle, {len(members)} here"
            if flagged:  # the living are in sight
                label += f"\n{flagged} deceased with a safety flag"
            label += _wish_line([by_id[p].wish for p in found if by_id[p].kind is not None])
            # The page adds a line under the label ("click to show the closest 8").
            rows = label.split("\n")
            w, h = max(len(r) for r in rows) * _FONT_W + 24, (len(rows) + 1) * _LINE_H + 16
            x, y = _settle(angle, (_OUTER,), (-w / 2, -h / 2, w / 2, h / 2), boxes)
            summaries.append(Summary(pid, side, label, len(found), touching, tuple(members), x, y))
            for member in members:
                folded[member] = pid
            continue
        radii = (_INNER, _OUTER) if pid in strong else (_OUTER, _INNER)
        x, y = _settle(angle, radii, _person_extent(by_id[pid]), boxes)
        positions[pid] = (x, y)
    # Where each summary's people go when it is opened: beyond everything already placed, on
    # its side, in a grid as wide and tall as their largest label (a second reader: on a fixed
    # grid, opened people printed over each other, the summary and the circle).
    for summary in summaries:
        grid = _Grid(summary, [_label_box(by_id[m]) for m in summary.members], boxes)
        for n, member in enumerate(summary.members):
            positions[member] = grid.place(n)
    return Ecomap(positions, circle, keep, new_lines, folded, summaries)


def _wish_line(wishes: list[str | None]) -> str:
    """What a summary says of the young person's wishes about the relatives of its side: the
    wish every one of them carries (a wish about the whole side), or how many carry a wish
    against contact (a second reader: the map of a side the young person never wants
    approached did not say so)."""
    against = [w for w in wishes if w in WISHES_AGAINST]
    if not against:
        return ""
    if len(against) == len(wishes) and len(set(against)) == 1:
        return f"\nthe young person's wish: {against[0]}"
    return f"\nno contact wished with {len(against)}"


def _family_line(seat: Seat, ring: int) -> str:
    """The kind of line from the young person to a relative with no tie of their own."""
    if ring == 1 and seat.generation < 0:
        return "parent"
    if _sibling(seat, ring):
        return "sibling"
    return "family"


def _sibling(seat: Seat, ring: int) -> bool:
    """Whether a relative is a brother or sister (full, half, step or adoptive): two steps away
    in the young person's generation, and not by marriage (a second reader: a sister's husband
    had the siblings' line and seat)."""
    return ring == 2 and seat.generation == 0 and seat.kind != "by_marriage"


def _fold_side(side: str) -> str:
    """The summary someone folds into: relatives on both sides and those of no side (a full
    brother's children) with the mother's side, so every relative is in one of the two."""
    if side == "paternal":
        return "paternal"
    return "other" if side == "other" else "maternal"


def _clockwise(
    circle: list[str],
    sides: dict[str, str],
    by_id: Mapping[str, Seat],
    rings: Mapping[str, int],
    folded_of: dict[str, list[str]],
) -> list[tuple[str, float]]:
    """Each person of the circle and each summary with its angle (screen degrees: 0 right, 90
    down). Paternal relatives in the right half, either side of their summary; maternal in the
    left half, either side of theirs; the family of no side or both sides at the top, split
    either side of straight up; the others at the bottom, either side of their summary. Each
    half evenly spaced, so a crowded group takes more of it."""

    def part(*kinds: str) -> list[str]:
        return sorted((p for p in circle if sides[p] in kinds),
                      key=lambda p: (rings.get(p, 9), by_id[p].name, p))  # fmt: skip

    top, bottom = part("both", "none"), part("other")
    paternal, maternal = part("paternal"), part("maternal")
    placed: list[tuple[str, float]] = []

    def spread(people: list[str], start: float) -> None:
        step = 180.0 / (len(people) + 1)
        placed.extend((p, start + (i + 1) * step) for i, p in enumerate(people))

    def split(people: list[str], summary: str) -> list[str]:
        """A side's people either side of its summary, closest nearest to it."""
        if not folded_of[summary.removeprefix("side:")]:
            return people
        half = len(people) // 2
        return [*people[:half], summary, *people[half:]]

    top_left, top_right = top[: len(top) // 2], top[len(top) // 2 :]
    if len(top) % 2:
        placed.append((top_right.pop(0), -90.0))
    low_right, low_left = bottom[: (len(bottom) + 1) // 2], bottom[(len(bottom) + 1) // 2 :]
    if folded_of["other"]:
        placed.append(("side:other", 90.0))
    elif len(bottom) % 2:
        placed.append((low_right.pop(), 90.0))
    # Each half evenly, from the top round to the bottom: the right half clockwise, the left
    # half from the bottom round to the top.
    spread(top_right + split(paternal, "side:paternal") + low_right, -90.0)
    spread(low_left + split(maternal[::-1], "side:maternal") + top_left, 90.0)
    return placed


def _settle(
    angle: float,
    radii: tuple[float, ...],
    extent: tuple[float, float, float, float],
    boxes: list[tuple[float, float, float, float]],
) -> tuple[float, float]:
    """The first place along the ray at `angle` where the label meets no label already placed:
    at each of `radii` in turn, then outward from the last. `extent`: the label's box around
    its point (left, top, right, bottom offsets)."""
    tries = list(radii)
    r = radii[-1]
    cos, sin = math.cos(angle), math.sin(angle)
    for _ in range(60):
        r = tries.pop(0) if tries else r * 1.04
        x = round(cos * r * _ASPECT, 1)
        y = round(sin * r, 1)
        box = left, top, right, bottom = x + extent[0], y + extent[1], x + extent[2], y + extent[3]
        # Whether the box meets one placed before (a crowded map makes about 1,300 tests).
        if not any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in boxes):
            break
    boxes.append(box)
    return x, y


class _Grid:
    """Where the members of a summary go when it is opened, `OPEN_STEP` at a time: in columns
    outward from the summary (left for the mother's side, right for the father's), or in rows
    downward for the other adults; each cell as wide and tall as the largest of their labels
    (`_label_box`), the first beyond every box already placed on that side (`boxes`: the
    circle's labels and the summaries)."""

    def __init__(
        self, summary: Summary, labels: list[tuple[float, float]],
        boxes: list[tuple[float, float, float, float]],
    ) -> None:  # fmt: skip
        self.summary = summary
        self.w = max([190.0, *(w + 20.0 for w, _ in labels)])
        self.h = max([84.0, *(h + 10.0 for _, h in labels)])
        if summary.side == "maternal":
            self.start = min(b[0] for b in boxes) - 20.0 - self.w / 2
        elif summary.side == "paternal":
            self.start = max(b[2] for b in boxes) + 20.0 + self.w / 2
        else:
            self.start = max(b[3] for b in boxes) + 20.0 + _DOT

    def place(self, n: int) -> tuple[float, float]:
        """The n-th member's point (their dot; the label hangs below it)."""
        col, row = divmod(n, OPEN_STEP)
        across = row - (OPEN_STEP - 1) / 2
        s = self.summary
        if s.side == "other":
            return round(s.x + across * self.w, 1), round(self.start + col * self.h, 1)
        sign = -1.0 if s.side == "maternal" else 1.0
        return round(self.start + sign * col * self.w, 1), round(s.y + across * self.h, 1)
