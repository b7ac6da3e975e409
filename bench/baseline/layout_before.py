"""Server-side node positions for the family tree and the ecomap, drawn with physics off.

Pure and deterministic: the same nodes and edges give exactly the same positions, whatever the
order of the input lists or of the two ids in an unordered pair. Every tie is broken by the
node's `order` key, then its id. Standard library only; no I/O.

Coordinates are vis-network's: x grows to the right and y grows downward, so ancestors (negative
generation) are drawn above and "screen angles" turn clockwise from the right (90 degrees is
straight down). Both functions return a position for every node given and for no other id; edges
naming unknown ids, self-loops and repeated edges are ignored; the centre is at (0, 0); every
coordinate is rounded to one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, cast, get_args

Side = Literal["maternal", "paternal", "both", "none", "other", "centre"]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class LayoutNode:
    """One person or contact to place.

    `generation`: 0 the young person's, -1 parents, -2 grandparents, +1 children.
    `side`: "centre" only for the young person; "none" own siblings and descendants with no side;
    "other" not family (carers, teachers, workers).
    `ring`: ecomap distance from the centre, 0 for the centre and 1.. outward.
    `order`: stable tie-break key (a name, say); equal keys are then ordered by id.
    """

    id: str
    generation: int
    side: Side
    ring: int
    order: str


class Placeable(Protocol):
    """A map node as `place` needs it (the service's MapNode is one)."""

    x: float
    y: float

    @property
    def id(self) -> str: ...
    @property
    def generation(self) -> int: ...
    @property
    def name(self) -> str: ...


class Joining(Protocol):
    """A map edge as `place` needs it."""

    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def type(self) -> str: ...


def place(
    nodes: Iterable[Placeable],
    edges: Iterable[Joining],
    view: str,
    centre: str,
    hints: Mapping[str, tuple[str, int]],
) -> None:
    """Set every node's x and y for `view` ("tree" or "ecomap"), the young person `centre` in
    the middle; `hints` gives each node's side and ring."""
    by_id = {n.id: n for n in nodes}
    layout = []
    for node in by_id.values():
        side, ring = hints[node.id]
        if side not in get_args(Side):
            raise ValueError(f"unknown side {side!r} for a map node")
        layout.append(LayoutNode(node.id, node.generation, cast(Side, side), ring, node.name))
    edges = list(edges)
    if view == "tree":
        parents = [(e.source, e.target) for e in edges if e.type == "parent"]
        couples = [(e.source, e.target) for e in edges if e.type == "partner"]
        points = tree_positions(layout, parents, couples, centre)
    else:
        links = [(e.source, e.target) for e in edges if e.type != "tie"]
        points = ecomap_positions(layout, links, centre)
    for node_id, (x, y) in points.items():
        by_id[node_id].x, by_id[node_id].y = x, y


# Left-to-right blocks of a tree row.
_BLOCK: dict[str, int] = {
    "maternal": 0,
    "both": 1,
    "none": 1,
    "centre": 1,
    "paternal": 2,
    "other": 3,
}
_SWEEPS = 4  # barycentre ordering sweeps: up, down, up, down
_PASSES = 4  # x-placement passes: down, up, down, up

# Ecomap groups, and the least share of a half circle a non-empty group gets on a ring.
_OTHER, _MATERNAL, _TOP, _PATERNAL = 0, 1, 2, 3
_GROUP: dict[str, int] = {
    "other": _OTHER,
    "maternal": _MATERNAL,
    "both": _TOP,
    "none": _TOP,
    "centre": _TOP,
    "paternal": _PATERNAL,
}
_MIN_SIDE_DEG = 40.0  # maternal or paternal, within its half
_MIN_PART_DEG = 20.0  # the half of the top or bottom group that lies in one half circle
_MAX_PART_DEG = 90.0  # top and bottom groups never pass the horizontal


def tree_positions(
    nodes: Sequence[LayoutNode],
    parents: Iterable[tuple[str, str]],
    couples: Iterable[tuple[str, str]],
    centre: str,
    *,
    row_gap: float = 150.0,
    col_gap: float = 120.0,
) -> dict[str, Point]:
    """Genogram-like positions: one row per generation, y = generation * row_gap.

    `parents` holds (parent id, child id) pairs; `couples` unordered pairs. Within a row the
    maternal block is left of the "both"/"none"/"centre" block, which is left of the paternal
    block, with "other" at the far right; partners in the same row and block sit side by side
    (a person with several partners keeps at least the first, by order key, beside them,
    unless that partner's own earlier partners already take both places); neighbours in a row
    are at least `col_gap` apart. Rows are ordered by barycentre sweeps; then, in passes down and
    up the tree, each row is placed as close as the spacing allows (least squares) to the mean
    x of its units' parents (children on the way up; the other kind for units with none). The
    last pass is upward, so couples end centred over their children where there is room. The
    centre is moved to x = 0 (if its generation is not 0, y is measured from its row).
    """
    by_id = _index(nodes, centre)
    _require_positive(row_gap=row_gap, col_gap=col_gap)
    rank = _ranks(by_id)
    ids = sorted(by_id, key=rank.__getitem__)  # from here on a person is their rank
    ups: list[list[int]] = [[] for _ in ids]
    downs: list[list[int]] = [[] for _ in ids]
    for parent, child in _clean(parents, rank, directed=True):
        ups[rank[child]].append(rank[parent])  # pairs come sorted: both lists in rank order
        downs[rank[parent]].append(rank[child])
    block = [_BLOCK[by_id[i].side] for i in ids]
    generation = [by_id[i].generation for i in ids]
    couple_pairs = [(rank[a], rank[b]) for a, b in _clean(couples, rank, directed=False)]
    rows = _tree_rows(block, generation, couple_pairs, ups, downs)
    gens = sorted(rows)
    me = rank[centre]

    slot = [0.0] * len(ids)
    for g in gens:
        _set_slots(rows[g], slot)
    for sweep in range(_SWEEPS):
        down = sweep % 2 == 1
        for g in gens if down else reversed(gens):
            rows[g] = _order_row(rows[g], _UP if down else _DOWN, slot)
            _set_slots(rows[g], slot)

    x = [s * col_gap for s in slot]
    for step in range(_PASSES):
        down = step % 2 == 0
        for g in gens if down else reversed(gens):
            _place_row(rows[g], _UP if down else _DOWN, x, col_gap, x[me])

    # Whole tenths, each row re-checked for spacing after rounding, the centre moved to 0.
    min_tenths = math.ceil(col_gap * 10 - 1e-9)
    tenths = [0] * len(ids)
    for g in gens:
        previous: int | None = None
        for unit in rows[g]:
            for member in unit.members:
                t = round(x[member] * 10)
                if previous is not None and t < previous + min_tenths:
                    t = previous + min_tenths
                tenths[member] = t
                previous = t
    shift = tenths[me]
    base = generation[me]
    return {
        i: ((tenths[k] - shift) / 10, round((generation[k] - base) * row_gap, 1) + 0.0)
        for k, i in enumerate(ids)
    }


def ecomap_positions(
    nodes: Sequence[LayoutNode],
    links: Iterable[tuple[str, str]],
    centre: str,
    *,
    ring_gap: float = 170.0,
    min_spacing: float = 90.0,
) -> dict[str, Point]:
    """Hartman ecomap positions: the centre at (0, 0), everyone else on a circle per `ring`.

    A ring's radius is ring * ring_gap, grown where its nodes could not otherwise be kept
    `min_spacing` apart, and every outer ring is pushed out by the same amount. Each ring is
    shared between sides by screen angle: maternal in the left half, paternal in the right,
    "both"/"none" across the top and "other" across the bottom, each with a share of its half
    circle proportional to its nodes on that ring, with a minimum; empty groups take none.
    Within its sector a node is put as near as the spacing allows to the mean angle of its
    `links` neighbours on inner rings (failing those, of its neighbours on its own ring that have
    one), in that order, ties by order key then id; nodes with no such neighbours follow, and a
    sector where nobody has any is spread evenly. A non-centre node with ring < 1 is put on
    ring 1.
    """
    by_id = _index(nodes, centre)
    _require_positive(ring_gap=ring_gap, min_spacing=min_spacing)
    rank = _ranks(by_id)
    neighbours: dict[str, list[str]] = {i: [] for i in by_id}
    for a, b in _clean(links, rank, directed=False):
        neighbours[a].append(b)
        neighbours[b].append(a)
    for listed in neighbours.values():
        listed.sort(key=rank.__getitem__)

    rings: dict[int, list[str]] = {}
    for i in sorted(by_id, key=rank.__getitem__):
        if i != centre:
            rings.setdefault(max(1, by_id[i].ring), []).append(i)

    angle: dict[str, float] = {}  # the nodes of the rings placed so far
    radius_of: dict[str, float] = {}
    extra = 0.0
    for r in sorted(rings):
        members = rings[r]
        groups: list[list[str]] = [[], [], [], []]
        for i in members:
            groups[_GROUP[by_id[i].side]].append(i)
        sectors = _sectors([len(g) for g in groups])
        base = r * ring_gap + extra
        fit = min(w / len(g) for g, (_, w) in zip(groups, sectors, strict=True) if g)
        wanted = 2 * math.asin(min(1.0, min_spacing / (2 * base)))
        if len(members) > 1 and wanted > fit:
            step = fit
            radius = min_spacing / (2 * math.sin(fit / 2))
            extra += radius - base
        else:
            step = min(wanted, fit)
            radius = base
        targets = _ring_targets(members, neighbours, angle)
        for group, (start, width) in zip(groups, sectors, strict=True):
            if group:
                _place_sector(group, start, width, step, targets, rank, angle)
        for i in members:
            radius_of[i] = radius

    out: dict[str, Point] = {}
    for i in sorted(by_id, key=rank.__getitem__):
        if i == centre:
            out[i] = (0.0, 0.0)
        else:
            out[i] = (
                round(radius_of[i] * math.cos(angle[i]), 1) + 0.0,
                round(radius_of[i] * math.sin(angle[i]), 1) + 0.0,
            )
    return out


# --- shared -----------------------------------------------------------------------------------


def _index(nodes: Sequence[LayoutNode], centre: str) -> dict[str, LayoutNode]:
    by_id: dict[str, LayoutNode] = {}
    for node in nodes:
        if node.id in by_id:
            raise ValueError(f"duplicate node id {node.id!r}")
        by_id[node.id] = node
    if centre not in by_id:
        raise ValueError(f"centre {centre!r} is not among the nodes")
    return by_id


def _require_positive(**values: float) -> None:
    for name, value in values.items():
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive number, not {value!r}")


def _ranks(by_id: dict[str, LayoutNode]) -> dict[str, int]:
    ordered = sorted(by_id.values(), key=lambda n: (n.order, n.id))
    return {n.id: k for k, n in enumerate(ordered)}


def _clean(
    edges: Iterable[tuple[str, str]], rank: dict[str, int], *, directed: bool
) -> list[tuple[str, str]]:
    """Known, distinct, non-loop edges, sorted by rank; unordered pairs lower rank first."""
    kept: set[tuple[str, str]] = set()
    for a, b in edges:
        if a == b or a not in rank or b not in rank:
            continue
        if not directed and rank[a] > rank[b]:
            a, b = b, a
        kept.add((a, b))
    return sorted(kept, key=lambda e: (rank[e[0]], rank[e[1]]))


# --- tree -------------------------------------------------------------------------------------

_UP, _DOWN = 0, 1  # which relatives a unit is compared with: parents (above) or children


class _Unit:
    """A person, or a chain of partners kept side by side, in one row; people are ranks.

    `near[_UP]` and `near[_DOWN]` pool the members' parents and children (each member's in
    rank order, members in rank order, so the sums never depend on the chain's direction);
    `family` the same, sorted, to keep children of the same parents together.
    """

    __slots__ = ("block", "children", "family", "lowest", "members", "near", "parents")

    def __init__(
        self, members: list[int], block: int, parents: list[list[int]], children: list[list[int]]
    ) -> None:
        self.members = members
        self.block = block
        self.lowest = min(members)
        self.parents = parents
        self.children = children
        ordered = sorted(members)
        self.near = (
            [v for m in ordered for v in parents[m]],
            [v for m in ordered for v in children[m]],
        )
        self.family = (tuple(sorted(self.near[_UP])), tuple(sorted(self.near[_DOWN])))

    def relatives(self, member: int, direction: int) -> list[int]:
        return self.parents[member] if direction == _UP else self.children[member]


def _tree_rows(
    block: list[int],
    generation: list[int],
    couples: list[tuple[int, int]],
    parents: list[list[int]],
    children: list[list[int]],
) -> dict[int, list[_Unit]]:
    """Each row's units in a first order: block, then rank.

    Couples in one row and block are joined into chains (no person has more than two partners
    beside them, and a ring of couples is left open): everyone's first couple (partners by rank)
    is tried before anyone's second, so a person's first couple is kept side by side unless
    that partner's own first or second couples already take both places.
    """
    eligible = [
        (a, b) for a, b in couples if generation[a] == generation[b] and block[a] == block[b]
    ]
    partners: dict[int, list[int]] = {}
    for a, b in eligible:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    for listed in partners.values():
        listed.sort()

    def priority(edge: tuple[int, int]) -> tuple[int, int, int, int]:
        a, b = edge
        na, nb = partners[a].index(b), partners[b].index(a)
        return (min(na, nb), max(na, nb), a, b)

    chain_of: list[list[int]] = [[k] for k in range(len(block))]
    for a, b in sorted(eligible, key=priority):
        first, second = chain_of[a], chain_of[b]
        if first is second or a not in (first[0], first[-1]) or b not in (second[0], second[-1]):
            continue
        if first[-1] != a:
            first.reverse()
        if second[0] != b:
            second.reverse()
        joined = first + second
        for member in joined:
            chain_of[member] = joined

    rows: dict[int, list[_Unit]] = {}
    placed = [False] * len(block)
    for k in range(len(block)):  # the first member met is the chain's lowest rank
        if placed[k]:
            continue
        chain = chain_of[k]
        for member in chain:
            placed[member] = True
        if chain[0] > chain[-1]:
            chain.reverse()
        rows.setdefault(generation[k], []).append(_Unit(chain, block[k], parents, children))
    for units in rows.values():
        units.sort(key=lambda u: (u.block, u.lowest))
    return rows


def _set_slots(units: list[_Unit], slot: list[float]) -> None:
    """Row positions as whole steps centred on 0: the coordinate the sweeps compare."""
    middle = (sum(len(u.members) for u in units) - 1) / 2
    k = 0
    for unit in units:
        for member in unit.members:
            slot[member] = k - middle
            k += 1


def _order_row(units: list[_Unit], direction: int, slot: list[float]) -> list[_Unit]:
    """Units sorted by block, then the mean slot of their parents (or children).

    Units with the same mean and the same relatives (siblings, say) stay together; remaining
    ties keep the current order, which started as the order key then id.
    """
    at = slot.__getitem__
    keyed: list[tuple[int, float, tuple[int, ...], float, int]] = []
    for k, unit in enumerate(units):
        here = sum(map(at, unit.members)) / len(unit.members)
        near = unit.near[direction]
        centre = sum(map(at, near)) / len(near) if near else here
        if len(unit.members) > 1:
            _orient(unit, direction, slot, here)
        keyed.append((unit.block, centre, unit.family[direction], here, k))
    keyed.sort()
    return [units[k[4]] for k in keyed]


def _orient(unit: _Unit, direction: int, slot: list[float], here: float) -> None:
    """Turn a chain of partners round if its members' relatives lie the other way on balance."""
    middle = (len(unit.members) - 1) / 2
    balance = 0.0
    for k, member in enumerate(unit.members):
        near = unit.relatives(member, direction)
        if near:
            balance += (sum(slot[v] for v in near) / len(near) - here) * (k - middle)
    if balance < 0:
        unit.members.reverse()


def _place_row(
    units: list[_Unit], direction: int, x: list[float], gap: float, anchor: float
) -> None:
    """Set x for one row in its order: each unit as near its target as the spacing allows.

    A unit's target puts its members over their parents (children in an upward pass) on
    average, or failing those over their children (parents); the placement that minimises the
    squared horizontal length of those links is a weighted isotonic regression. Units with no
    target keep to the unit on their left (or, at the start of the row, on their right); a row
    with no targets at all is centred on `anchor` (the centre's x).
    """
    packed: list[float] = []  # unit centres with no slack, the first at 0
    where: list[int] = []
    values: list[float] = []
    weights: list[float] = []
    cursor = 0.0
    previous_half = 0.0
    for k, unit in enumerate(units):
        half = (len(unit.members) - 1) * gap / 2
        if k:
            cursor += previous_half + gap + half
        packed.append(cursor)
        previous_half = half
        target = _target(unit, direction, x, gap)
        if target is None:
            target = _target(unit, 1 - direction, x, gap)
        if target is not None:
            where.append(k)
            values.append(target[0] - cursor)
            weights.append(target[1])

    shifts = [anchor - packed[-1] / 2] * len(units) if packed else []
    if where:
        fitted = _isotonic(values, weights)
        current, j = fitted[0], 0
        for k in range(len(units)):
            if j < len(where) and where[j] == k:
                current = fitted[j]
                j += 1
            shifts[k] = current

    for unit, centre, shift in zip(units, packed, shifts, strict=True):
        left = centre + shift - (len(unit.members) - 1) * gap / 2
        for k, member in enumerate(unit.members):
            x[member] = left + k * gap


def _target(unit: _Unit, direction: int, x: list[float], gap: float) -> tuple[float, float] | None:
    """The unit centre that puts each member over their relatives on average, and their count."""
    near = unit.near[direction]
    if not near:
        return None
    total = sum(map(x.__getitem__, near))
    if len(unit.members) > 1:
        middle = (len(unit.members) - 1) / 2
        for k, member in enumerate(unit.members):
            total -= (k - middle) * gap * len(unit.relatives(member, direction))
    return total / len(near), float(len(near))


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[tuple[float, float, int]] = []
    for value, weight in zip(values, weights, strict=True):
        blocks.append((value, weight, 1))
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append(((m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2))
    fitted: list[float] = []
    for mean, _, count in blocks:
        fitted.extend([mean] * count)
    return fitted


# --- ecomap -----------------------------------------------------------------------------------


def _ring_targets(
    members: list[str], neighbours: dict[str, list[str]], angle: dict[str, float]
) -> dict[str, tuple[float, float]]:
    """Each node's wanted angle and weight: the circular mean of its neighbours on inner rings
    (those in `angle`), or failing those of its own ring's neighbours that have one."""
    targets: dict[str, tuple[float, float]] = {}
    for known in (angle, None):
        found: dict[str, tuple[float, float]] = {}
        for i in members:
            if i in targets:
                continue
            sin_sum = cos_sum = 0.0
            count = 0
            for j in neighbours[i]:
                if known is not None and j in known:
                    a = known[j]
                elif known is None and j in targets:
                    a = targets[j][0]
                else:
                    continue
                sin_sum += math.sin(a)
                cos_sum += math.cos(a)
                count += 1
            if count and math.hypot(sin_sum, cos_sum) > 1e-9:
                found[i] = (math.atan2(sin_sum, cos_sum), float(count))
        targets.update(found)
    return targets


def _place_sector(
    members: list[str],
    start: float,
    width: float,
    step: float,
    targets: dict[str, tuple[float, float]],
    rank: dict[str, int],
    angle: dict[str, float],
) -> None:
    """Angles for one side's nodes on one ring, `step` apart and `step / 2` inside the sector.

    Nodes with a target are ordered by it and placed as near it as the spacing allows
    (weighted isotonic regression, then clipped to the sector); the rest follow at `step`.
    """
    middle = start + width / 2
    keyed: list[tuple[int, float, int, str]] = []
    for i in members:
        if i in targets:
            turn = (targets[i][0] - middle + math.pi) % (2 * math.pi) - math.pi
            keyed.append((0, turn, rank[i], i))
        else:
            keyed.append((1, 0.0, rank[i], i))
    keyed.sort()
    if keyed[0][0] == 1:  # no targets: spread evenly
        slot = width / len(keyed)
        for k, (_, _, _, i) in enumerate(keyed):
            angle[i] = start + (k + 0.5) * slot
        return
    values = [middle + turn - k * step for k, (flag, turn, _, _) in enumerate(keyed) if not flag]
    weights = [targets[i][1] for flag, _, _, i in keyed if not flag]
    fitted = _isotonic(values, weights)
    low = start + step / 2
    high = start + width - step / 2 - (len(keyed) - 1) * step
    for k, (_, _, _, i) in enumerate(keyed):
        shift = fitted[min(k, len(fitted) - 1)]  # those with no target follow the last one
        angle[i] = min(max(shift, low), high) + k * step


def _sectors(counts: list[int]) -> list[tuple[float, float]]:
    """(start, width) in radians, by screen angle, for the other, maternal, top, paternal groups.

    The left half circle (90 to 270 degrees: bottom, left, top) is shared by the left part of
    the other group, the maternal group and the left part of the top group; the right half
    (270 to 450) by the right part of the top group, the paternal group and the right part of
    the other group. The top and other groups count half in each half circle.
    """
    n_other, n_maternal, n_top, n_paternal = counts
    other_left, maternal, top_left = _share([n_other / 2, n_maternal, n_top / 2])
    top_right, paternal, other_right = _share([n_top / 2, n_paternal, n_other / 2])
    degrees = [
        (90.0 - other_right, other_right + other_left),
        (90.0 + other_left, maternal),
        (270.0 - top_left, top_left + top_right),
        (270.0 + top_right, paternal),
    ]
    return [(math.radians(start), math.radians(width)) for start, width in degrees]


def _share(weights: list[float]) -> list[float]:
    """Split 180 degrees among [outer part, side, outer part] in proportion, with floors and caps.

    Empty groups get nothing; the outer parts (top or bottom group) never pass 90 degrees, so
    if the side is empty some of the half circle may stay empty.
    """
    floors = [_MIN_PART_DEG, _MIN_SIDE_DEG, _MIN_PART_DEG]
    caps = [_MAX_PART_DEG, 180.0, _MAX_PART_DEG]
    live = [k for k, w in enumerate(weights) if w > 0]
    if not live:
        return [0.0, 0.0, 0.0]

    def widths(scale: float) -> list[float]:
        out = [0.0, 0.0, 0.0]
        for k in live:
            out[k] = min(caps[k], max(floors[k], scale * weights[k]))
        return out

    high = max(caps[k] / weights[k] for k in live)
    if sum(widths(high)) <= 180.0:
        return widths(high)
    low = 0.0
    for _ in range(60):
        mid = (low + high) / 2
        if sum(widths(mid)) < 180.0:
            low = mid
        else:
            high = mid
    return widths(high)
