"""`visualise.layout`: family-tree and ecomap positions on small hand-built families and on a
generated family of 2,000; no database."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest

from visualise.layout import LayoutNode, Point, Side, ecomap_positions, tree_positions

ROW_GAP = 150.0
COL_GAP = 120.0
RING_GAP = 170.0
MIN_SPACING = 90.0
LEFT_TO_RIGHT: dict[str, int] = {
    "maternal": 0,
    "both": 1,
    "none": 1,
    "centre": 1,
    "paternal": 2,
    "other": 3,
}

Edge = tuple[str, str]


@dataclass
class Family:
    nodes: list[LayoutNode]
    parents: list[Edge]
    couples: list[Edge]
    links: list[Edge]


def node(
    id_: str, generation: int, side: Side, ring: int = 1, order: str | None = None
) -> LayoutNode:
    return LayoutNode(id_, generation, side, ring, id_ if order is None else order)


def small_family() -> Family:
    """Three generations, one aunt with four children. The order keys put each cousin's name
    against their parents' side, so only the barycentre sweeps put children under their own
    parents."""
    nodes = [
        node("yp", 0, "centre", 0),
        node("sam", 0, "none", 1),
        node("sue", 0, "none", 1),
        node("mum", -1, "maternal", 1),
        node("dad", -1, "paternal", 1),
        node("mgm", -2, "maternal", 2),
        node("mgf", -2, "maternal", 2),
        node("pgm", -2, "paternal", 2),
        node("pgf", -2, "paternal", 2),
        # Maternal aunts: Anne (with Alan) and Beth (with Bob), each with children.
        node("anne", -1, "maternal", 2, order="zz anne"),
        node("alan", -1, "maternal", 3, order="zz alan"),
        node("beth", -1, "maternal", 2, order="aa beth"),
        node("bob", -1, "maternal", 3, order="aa bob"),
        node("amy", 0, "maternal", 3, order="aa amy"),
        node("adam", 0, "maternal", 3, order="aa adam"),
        node("bella", 0, "maternal", 3, order="zz bella"),
        node("ben", 0, "maternal", 3, order="zz ben"),
        node("bill", 0, "maternal", 3, order="zz bill"),
        node("bo", 0, "maternal", 3, order="zz bo"),
        # Paternal uncle Paul with Pam, and their children.
        node("paul", -1, "paternal", 2),
        node("pam", -1, "paternal", 3),
        node("pip", 0, "paternal", 3),
        node("pat", 0, "paternal", 3),
        # Not family.
        node("zoe", 0, "other", 1),
        node("fiona", -1, "other", 1),
    ]
    parents = [
        ("mum", "yp"),
        ("dad", "yp"),
        ("mum", "sam"),
        ("dad", "sam"),
        ("mum", "sue"),
        ("dad", "sue"),
        ("mgm", "mum"),
        ("mgf", "mum"),
        ("mgm", "anne"),
        ("mgf", "anne"),
        ("mgm", "beth"),
        ("mgf", "beth"),
        ("pgm", "dad"),
        ("pgf", "dad"),
        ("pgm", "paul"),
        ("pgf", "paul"),
        ("anne", "amy"),
        ("alan", "amy"),
        ("anne", "adam"),
        ("alan", "adam"),
        ("beth", "bella"),
        ("bob", "bella"),
        ("beth", "ben"),
        ("bob", "ben"),
        ("beth", "bill"),
        ("bob", "bill"),
        ("beth", "bo"),
        ("bob", "bo"),
        ("paul", "pip"),
        ("pam", "pip"),
        ("paul", "pat"),
        ("pam", "pat"),
    ]
    couples = [
        ("mum", "dad"),
        ("mgm", "mgf"),
        ("pgf", "pgm"),
        ("anne", "alan"),
        ("bob", "beth"),
        ("paul", "pam"),
    ]
    links = [*parents, *couples, ("yp", "zoe"), ("yp", "fiona")]
    return Family(nodes, parents, couples, links)


def big_family(size: int = 2000) -> Family:
    """A deterministic family of `size`: four generations of ancestors on each side, their other
    descendants down to generation 2, and 40 carers and workers; with a step-parent (three
    parents), a grandchild whose only recorded parent is a grandparent (a skipped row), a
    cousin marriage whose child is related on both sides, and extra parents at random to make
    4,000 family edges."""
    rng = random.Random(20240607)
    names = ["Alex", "Billie", "Casey", "Dana", "Eden", "Frankie", "Jo", "Kim", "Lee", "Sam"]
    nodes: list[LayoutNode] = []
    parents: list[Edge] = []
    couples: list[Edge] = []
    others = 40
    reserve = others + 2  # the cousin marriage's child and the grandparent-raised grandchild

    def add(generation: int, side: Side, id_: str | None = None) -> str:
        person = id_ or f"p{len(nodes):04d}"
        nodes.append(LayoutNode(person, generation, side, 0, rng.choice(names)))
        return person

    yp = add(0, "centre", "yp")
    mum, dad = add(-1, "maternal"), add(-1, "paternal")
    couples.append((mum, dad))
    families: list[tuple[str, str, int, Side]] = [(mum, dad, 0, "none")]
    siblings = [yp]
    for _ in range(3):
        siblings.append(add(0, "none"))
    for child in siblings:
        parents += [(mum, child), (dad, child)]
    step = add(-1, "none")
    parents.append((step, siblings[1]))

    def ancestors(child: str, generation: int, side: Side, depth: int) -> None:
        if depth == 0:
            return
        a, b = add(generation - 1, side), add(generation - 1, side)
        couples.append((a, b))
        parents.extend([(a, child), (b, child)])
        families.append((a, b, generation, side))
        ancestors(a, generation - 1, side, depth - 1)
        ancestors(b, generation - 1, side, depth - 1)

    ancestors(mum, -1, "maternal", 3)
    ancestors(dad, -1, "paternal", 3)
    grandmother = next(n.id for n in nodes if n.generation == -2 and n.side == "paternal")

    queue = deque(sorted(families, key=lambda f: -f[2]))
    while queue and len(nodes) < size - reserve:
        a, b, generation, side = queue.popleft()
        for _ in range(rng.randint(2, 4)):
            if len(nodes) >= size - reserve:
                break
            child = add(generation, side)
            parents += [(a, child), (b, child)]
            if generation < 2 and rng.random() < 0.7 and len(nodes) < size - reserve:
                partner = add(generation, side)
                couples.append((child, partner))
                queue.append((child, partner, generation + 1, side))

    raised = add(0, "paternal")
    parents.append((grandmother, raised))
    cousins = {
        side: next(n.id for n in nodes if n.generation == 0 and n.side == side)
        for side in ("maternal", "paternal")
    }
    couples.append((cousins["maternal"], cousins["paternal"]))
    both = add(1, "both")
    parents += [(cousins["maternal"], both), (cousins["paternal"], both)]
    # Step-parents and other carers recorded as parents, up to 4,000 family edges in all.
    pool: dict[tuple[int, str], list[str]] = {}
    for n in nodes:
        pool.setdefault((n.generation, n.side), []).append(n.id)
    younger = [n for n in nodes if (n.generation - 1, n.side) in pool]
    known = set(parents)
    while len(known) + len(couples) < 4000:
        young = younger[rng.randrange(len(younger))]
        candidates = pool[(young.generation - 1, young.side)]
        edge = (candidates[rng.randrange(len(candidates))], young.id)
        if edge not in known:
            known.add(edge)
            parents.append(edge)
    family_ids = [n.id for n in nodes]
    links = [*parents, *couples]
    for k in range(others):
        worker = add(k % 2 - 1, "other")
        links.append((yp, worker))
        if k % 4 == 0:
            links.append((worker, family_ids[rng.randrange(len(family_ids))]))
    assert len(nodes) == size

    # Ring: family steps from the young person; carers and workers on rings 1 to 3.
    neighbours: dict[str, list[str]] = {n.id: [] for n in nodes}
    for a, b in [*parents, *couples]:
        neighbours[a].append(b)
        neighbours[b].append(a)
    steps = {yp: 0}
    todo = deque([yp])
    while todo:
        here = todo.popleft()
        for there in neighbours[here]:
            if there not in steps:
                steps[there] = steps[here] + 1
                todo.append(there)
    ringed = [dataclasses.replace(n, ring=steps.get(n.id, 1 + k % 3)) for k, n in enumerate(nodes)]
    return Family(ringed, parents, couples, links)


def shuffled(family: Family, seed: int) -> Family:
    """The same family with every list shuffled and the ids of each unordered pair swapped at
    random."""
    rng = random.Random(seed)

    def mix(items: Sequence[Edge], flip: bool) -> list[Edge]:
        out = [(b, a) if flip and rng.random() < 0.5 else (a, b) for a, b in items]
        rng.shuffle(out)
        return out

    nodes = list(family.nodes)
    rng.shuffle(nodes)
    return Family(
        nodes, mix(family.parents, False), mix(family.couples, True), mix(family.links, True)
    )


def tree(family: Family) -> dict[str, Point]:
    return tree_positions(family.nodes, family.parents, family.couples, "yp")


def ecomap(family: Family) -> dict[str, Point]:
    return ecomap_positions(family.nodes, family.links, "yp")


def rows(nodes: Iterable[LayoutNode], positions: dict[str, Point]) -> dict[int, list[str]]:
    """Each generation's ids, left to right."""
    out: dict[int, list[str]] = {}
    for n in nodes:
        out.setdefault(n.generation, []).append(n.id)
    for ids in out.values():
        ids.sort(key=lambda i: positions[i][0])
    return out


# --- tree: the rules every layout keeps ---------------------------------------------------------


def check_tree(family: Family, positions: dict[str, Point]) -> None:
    """Every id placed; rows at generation * ROW_GAP; at least COL_GAP apart in a row; the side
    blocks in order; the centre at the origin; partners with no other partner side by side."""
    by_id = {n.id: n for n in family.nodes}
    assert set(positions) == set(by_id)
    assert positions["yp"] == (0.0, 0.0)
    assert "-0.0" not in repr(positions)  # JSON would keep the sign
    for i, (_, y) in positions.items():
        assert y == by_id[i].generation * ROW_GAP, i
    for row in rows(family.nodes, positions).values():
        xs = [positions[i][0] for i in row]
        for left, right in itertools.pairwise(xs):
            assert right - left >= COL_GAP - 1e-6, (row, xs)
        blocks = [LEFT_TO_RIGHT[by_id[i].side] for i in row]
        assert blocks == sorted(blocks), [(i, by_id[i].side) for i in row]

    known = set(by_id)
    pairs = {
        frozenset(c)
        for c in family.couples
        if set(c) <= known
        and c[0] != c[1]
        and by_id[c[0]].generation == by_id[c[1]].generation
        and LEFT_TO_RIGHT[by_id[c[0]].side] == LEFT_TO_RIGHT[by_id[c[1]].side]
    }
    partnered: dict[str, int] = {}
    for pair in pairs:
        for i in pair:
            partnered[i] = partnered.get(i, 0) + 1
    layout_rows = rows(family.nodes, positions)
    for pair in pairs:
        a, b = sorted(pair)
        if partnered[a] == partnered[b] == 1:
            row = layout_rows[by_id[a].generation]
            assert abs(row.index(a) - row.index(b)) == 1, (a, b)


def sibling_groups(family: Family) -> list[list[str]]:
    """Children with exactly the same parents, in one row and side block."""
    by_id = {n.id: n for n in family.nodes}
    parents_of: dict[str, set[str]] = {}
    for parent, child in family.parents:
        parents_of.setdefault(child, set()).add(parent)
    groups: dict[tuple[frozenset[str], int, int], list[str]] = {}
    for child, ps in parents_of.items():
        n = by_id[child]
        groups.setdefault((frozenset(ps), n.generation, LEFT_TO_RIGHT[n.side]), []).append(child)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def check_siblings_together(family: Family, positions: dict[str, Point]) -> None:
    """Children of the same parents are consecutive in their row, counting a partner with no
    recorded parents of their own as part of the child's group."""
    by_id = {n.id: n for n in family.nodes}
    has_parents = {child for _, child in family.parents}
    partners: dict[str, list[str]] = {}
    for a, b in family.couples:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    layout_rows = rows(family.nodes, positions)
    checked = 0
    for group in sibling_groups(family):
        members = set(group)
        if any(p in has_parents for c in group for p in partners.get(c, [])):
            continue  # a partner with parents of their own belongs to two families
        for c in group:
            members.update(
                p
                for p in partners.get(c, [])
                if by_id[p].generation == by_id[c].generation
                and LEFT_TO_RIGHT[by_id[p].side] == LEFT_TO_RIGHT[by_id[c].side]
            )
        row = layout_rows[by_id[group[0]].generation]
        places = sorted(row.index(m) for m in members)
        assert places == list(range(places[0], places[0] + len(places))), (group, places)
        checked += 1
    assert checked > 0


def test_tree_small_family_keeps_every_rule() -> None:
    family = small_family()
    positions = tree(family)
    check_tree(family, positions)
    check_siblings_together(family, positions)
    layout = rows(family.nodes, positions)
    assert layout[0][-1] == "zoe"
    assert layout[-1][-1] == "fiona"
    # Anne's children and Beth's are in the same order as Anne and Beth, though the order keys
    # alone would put Beth left of Anne but her daughter right of Anne's children.
    assert (layout[0].index("amy") < layout[0].index("bella")) == (
        layout[-1].index("anne") < layout[-1].index("beth")
    )


def test_tree_parents_sit_over_their_children() -> None:
    family = small_family()
    positions = tree(family)
    children: dict[str, set[str]] = {}
    for parent, child in family.parents:
        children.setdefault(parent, set()).add(child)
    for a, b in family.couples:  # every couple here has children together
        kids = children[a] & children[b]
        mid = (positions[a][0] + positions[b][0]) / 2
        mean = sum(positions[k][0] for k in kids) / len(kids)
        assert abs(mid - mean) <= COL_GAP / 2, (a, b, mid, mean)


def test_tree_no_crossing_lines_in_a_simple_family() -> None:
    # A child's line comes down from the middle of its parents; two children in a row whose
    # parents are not the same people must not be in the opposite order to their parents.
    family = small_family()
    positions = tree(family)
    parents_of: dict[str, list[str]] = {}
    for parent, child in family.parents:
        parents_of.setdefault(child, []).append(parent)
    by_id = {n.id: n for n in family.nodes}
    drops = [
        (
            by_id[child].generation,
            frozenset(ps),
            sum(positions[p][0] for p in ps) / len(ps),
            positions[child][0],
        )
        for child, ps in parents_of.items()
    ]
    crossings = [
        (a, b)
        for k, a in enumerate(drops)
        for b in drops[:k]
        if a[0] == b[0] and a[1] != b[1] and (a[2] - b[2]) * (a[3] - b[3]) < 0
    ]
    assert crossings == []


def test_tree_single_node_and_no_edges() -> None:
    assert tree_positions([node("yp", 0, "centre", 0)], [], [], "yp") == {"yp": (0.0, 0.0)}
    lonely = [node("yp", 0, "centre", 0), node("b", 0, "none"), node("a", -1, "other")]
    positions = tree_positions(lonely, [], [], "yp")
    # No relatives: each row packed in order-key order and centred under the young person.
    assert positions == {"yp": (0.0, 0.0), "b": (-120.0, 0.0), "a": (0.0, -150.0)}


def test_tree_ignores_unknown_repeated_and_reversed_edges() -> None:
    family = small_family()
    noisy = Family(
        family.nodes,
        [*family.parents, ("ghost", "yp"), ("mum", "ghost"), ("mum", "yp"), ("yp", "yp")],
        [*family.couples, ("dad", "mum"), ("alan", "anne"), ("ghost", "mum"), ("sam", "sam")],
        family.links,
    )
    assert tree(noisy) == tree(family)


def test_tree_is_deterministic_whatever_the_input_order() -> None:
    for family in (small_family(), big_family()):
        first = tree(family)
        assert tree(family) == first
        for seed in (1, 2, 3):
            again = tree(shuffled(family, seed))
            assert again == first
            assert list(again) == list(first)


def test_tree_messy_data() -> None:
    nodes = [
        node("yp", 0, "centre", 0),
        node("mum", -1, "maternal"),
        node("dad", -1, "paternal"),
        node("step", -1, "none"),
        node("nan", -2, "maternal"),  # raises the young person's cousin directly
        node("cousin", 0, "maternal"),
        node("m-cousin", 0, "maternal"),
        node("p-cousin", 0, "paternal"),
        node("both", 1, "both"),  # a cousin marriage's child, family on both sides
        node("great", -4, "paternal"),  # two rows above anyone else
        node("stray", 2, "none"),  # no relatives at all
        node("worker", 0, "other"),
    ]
    parents = [
        ("mum", "yp"),
        ("dad", "yp"),
        ("step", "yp"),  # three parents
        ("nan", "cousin"),
        ("nan", "mum"),
        ("m-cousin", "both"),
        ("p-cousin", "both"),
        ("great", "dad"),
    ]
    couples = [("m-cousin", "p-cousin"), ("mum", "dad"), ("mum", "step")]
    family = Family(nodes, parents, couples, [])
    positions = tree(family)
    check_tree(family, positions)
    assert positions["great"][1] == -4 * ROW_GAP
    layout = rows(nodes, positions)
    assert layout[0] == ["cousin", "m-cousin", "yp", "p-cousin", "worker"] or layout[0] == [
        "m-cousin",
        "cousin",
        "yp",
        "p-cousin",
        "worker",
    ]
    assert tree(shuffled(family, 9)) == positions


def test_tree_partners_side_by_side() -> None:
    # Xavier has three partners, Ann, Bea and Cat, in that order by name; only two can be
    # beside him, and the first is one of them.
    nodes = [
        node("yp", 0, "centre", 0),
        node("xavier", -1, "maternal"),
        node("cat", -1, "maternal", order="c"),
        node("bea", -1, "maternal", order="b"),
        node("ann", -1, "maternal", order="a"),
        node("dora", -1, "maternal", order="d"),
    ]
    couples = [("cat", "xavier"), ("xavier", "bea"), ("ann", "xavier")]
    row = rows(nodes, tree_positions(nodes, [], couples, "yp"))[-1]
    x = row.index("xavier")
    assert {row[x - 1], row[x + 1]} == {"ann", "bea"}

    # A chain of partners stays in one piece: Ann - Xavier - Bea - Dora.
    chain = [("xavier", "ann"), ("bea", "xavier"), ("dora", "bea")]
    row = rows(nodes, tree_positions(nodes, [("ann", "yp")], chain, "yp"))[-1]
    for a, b in chain:
        assert abs(row.index(a) - row.index(b)) == 1, row


def test_tree_everyone_with_several_partners_keeps_their_first() -> None:
    # Taken in order-key order, F would be given both Y1 and Y2 first and have no room for P,
    # P's first partner; Y2 is F's last partner and has a first partner of their own, Z2.
    order = {"z1": "1", "z2": "2", "y1": "3", "y2": "4", "f": "5", "p": "6", "q": "7"}
    nodes = [node("yp", 1, "centre", 0)]
    nodes += [node(i, 0, "none", 1, order=o) for i, o in order.items()]
    couples = [("z1", "y1"), ("z2", "y2"), ("y1", "f"), ("y2", "f"), ("f", "p"), ("p", "q")]
    row = rows(nodes, tree_positions(nodes, [], couples, "yp"))[0]
    partners: dict[str, list[str]] = {}
    for a, b in couples:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    for person, theirs in partners.items():
        if len(theirs) > 1:
            first = min(theirs, key=order.__getitem__)
            assert abs(row.index(person) - row.index(first)) == 1, (person, first, row)


def test_tree_big_family_keeps_every_rule() -> None:
    family = big_family()
    assert len(family.parents) + len(family.couples) == 4000
    positions = tree(family)
    check_tree(family, positions)
    check_siblings_together(family, positions)


def test_tree_gaps_are_respected_at_other_settings() -> None:
    family = small_family()
    positions = tree_positions(
        family.nodes, family.parents, family.couples, "yp", row_gap=95.5, col_gap=33.3
    )
    for row in rows(family.nodes, positions).values():
        xs = [positions[i][0] for i in row]
        assert all(b - a >= 33.3 - 1e-6 for a, b in itertools.pairwise(xs)), xs
    by_id = {n.id: n for n in family.nodes}
    assert all(y == round(by_id[i].generation * 95.5, 1) for i, (_, y) in positions.items())


def test_tree_is_fast_enough() -> None:
    family = big_family()
    started = time.perf_counter()
    tree(family)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("nodes", "centre", "gaps"),
    [
        ([node("yp", 0, "centre", 0)], "nobody", {}),
        ([node("yp", 0, "centre", 0), node("yp", 1, "none")], "yp", {}),
        ([node("yp", 0, "centre", 0)], "yp", {"col_gap": 0.0}),
        ([node("yp", 0, "centre", 0)], "yp", {"row_gap": -1.0}),
    ],
)
def test_tree_refuses_bad_input(
    nodes: list[LayoutNode], centre: str, gaps: dict[str, float]
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies with the fault
        tree_positions(nodes, [], [], centre, **gaps)


# --- ecomap -------------------------------------------------------------------------------------


def check_ecomap(nodes: Sequence[LayoutNode], positions: dict[str, Point]) -> None:
    """Every id placed; the centre at the origin; one radius per ring, growing outward; nodes of
    a ring at least MIN_SPACING apart; maternal left, paternal right, "both"/"none" above and
    "other" below."""
    assert set(positions) == {n.id for n in nodes}
    assert positions["yp"] == (0.0, 0.0)
    assert "-0.0" not in repr(positions)  # JSON would keep the sign
    by_ring: dict[int, list[str]] = {}
    for n in nodes:
        if n.id != "yp":
            by_ring.setdefault(max(1, n.ring), []).append(n.id)
    radii: list[float] = []
    for ring in sorted(by_ring):
        ids = by_ring[ring]
        found = [math.hypot(*positions[i]) for i in ids]
        assert max(found) - min(found) < 0.2, ring
        assert min(found) >= ring * RING_GAP - 0.1
        radii.append(min(found))
        points = [positions[i] for i in ids]
        for k, p in enumerate(points):
            for q in points[:k]:
                assert math.dist(p, q) >= MIN_SPACING * 0.99, (ring, p, q)
    assert radii == sorted(radii)
    assert all(b - a >= RING_GAP - 0.2 for a, b in itertools.pairwise(radii))
    for n in nodes:
        x, y = positions[n.id]
        if n.side == "maternal":
            assert x < 0, n
        elif n.side == "paternal":
            assert x > 0, n
        elif n.side == "other":
            assert y > 0, n
        elif n.id != "yp":
            assert y < 0, n


def test_ecomap_small_family() -> None:
    family = small_family()
    positions = ecomap(family)
    check_ecomap(family.nodes, positions)
    # Alone on ring 1 on their sides: mother due left, father due right.
    assert positions["mum"] == (-RING_GAP, 0.0)
    assert positions["dad"] == (RING_GAP, 0.0)


def angle_between(p: Point, q: Point) -> float:
    turn = abs(math.atan2(p[1], p[0]) - math.atan2(q[1], q[0]))
    return min(turn, 2 * math.pi - turn)


def test_ecomap_relatives_sit_near_who_links_them() -> None:
    # Ring 1 on the maternal side: Mum and a family friend, Zara; ring 2: Mum's mother and the
    # friend's partner. The order keys alone would put each next to the wrong one.
    nodes = [
        node("yp", 0, "centre", 0),
        node("mum", -1, "maternal", 1, order="a"),
        node("zara", -1, "maternal", 1, order="z"),
        node("gran", -2, "maternal", 2, order="z"),
        node("zak", -1, "maternal", 2, order="a"),
    ]
    links = [("yp", "mum"), ("yp", "zara"), ("gran", "mum"), ("zara", "zak")]
    positions = ecomap_positions(nodes, links, "yp")
    check_ecomap(nodes, positions)
    assert angle_between(positions["gran"], positions["mum"]) < angle_between(
        positions["gran"], positions["zara"]
    )
    assert angle_between(positions["zak"], positions["zara"]) < angle_between(
        positions["zak"], positions["mum"]
    )


def test_ecomap_crowded_ring_grows_and_pushes_the_rest_out() -> None:
    nodes = [node("yp", 0, "centre", 0)]
    nodes += [node(f"m{k:02d}", -1, "maternal", 1) for k in range(30)]
    nodes += [node("p", -1, "paternal", 2), node("q", -1, "paternal", 2)]
    positions = ecomap_positions(nodes, [], "yp")
    check_ecomap(nodes, positions)
    ring1 = math.hypot(*positions["m00"])
    ring2 = math.hypot(*positions["p"])
    assert ring1 > RING_GAP * 2  # 30 nodes on a half circle need more than 170
    assert ring2 == pytest.approx(ring1 + RING_GAP, abs=0.2)


def test_ecomap_one_group_alone() -> None:
    for side in ("other", "none", "maternal", "paternal"):
        nodes = [node("yp", 0, "centre", 0)]
        nodes += [node(f"n{k}", 0, side, 1 + k % 2) for k in range(7)]
        check_ecomap(nodes, ecomap_positions(nodes, [], "yp"))


def test_ecomap_ring_zero_or_less_is_not_the_centre() -> None:
    nodes = [node("yp", 0, "centre", 0), node("a", 0, "none", 0), node("b", 0, "none", -2)]
    positions = ecomap_positions(nodes, [], "yp")
    assert len(set(positions.values())) == 3
    check_ecomap(nodes, positions)


def test_ecomap_ignores_unknown_repeated_and_reversed_links() -> None:
    family = small_family()
    noisy = [*family.links, ("ghost", "mum"), ("mum", "ghost"), ("zoe", "yp"), ("mum", "mum")]
    assert ecomap_positions(family.nodes, noisy, "yp") == ecomap(family)


def test_ecomap_big_family() -> None:
    family = big_family()
    positions = ecomap(family)
    check_ecomap(family.nodes, positions)
    assert len(set(positions.values())) == len(positions)


def test_ecomap_is_deterministic_whatever_the_input_order() -> None:
    for family in (small_family(), big_family()):
        first = ecomap(family)
        assert ecomap(family) == first
        for seed in (1, 2, 3):
            again = ecomap(shuffled(family, seed))
            assert again == first
            assert list(again) == list(first)


def test_ecomap_is_fast_enough() -> None:
    family = big_family()
    started = time.perf_counter()
    ecomap(family)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("nodes", "centre", "gaps"),
    [
        ([node("yp", 0, "centre", 0)], "nobody", {}),
        ([node("yp", 0, "centre", 0), node("yp", 1, "none")], "yp", {}),
        ([node("yp", 0, "centre", 0)], "yp", {"ring_gap": 0.0}),
        ([node("yp", 0, "centre", 0)], "yp", {"min_spacing": math.nan}),
    ],
)
def test_ecomap_refuses_bad_input(
    nodes: list[LayoutNode], centre: str, gaps: dict[str, float]
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies with the fault
        ecomap_positions(nodes, [], centre, **gaps)
