"""Birth order where two drawn families meet (visualise.sibships.at_ends), and the family's own
order that holds it (visualise.nesting): pure, no database, no `dot`."""

from __future__ import annotations

from visualise.connectors import Block
from visualise.dot_text import points as _points
from visualise.genogram_rows import Couple, Member, Parentage, make_blocks, make_rows, sort_key
from visualise.nesting import order
from visualise.sibships import Key, at_ends, in_order, married_in

M, P, C = Member, Parentage, Couple

# Kai, his sister; his mother Donna is the middle of three, his father Craig the middle of
# three; each of their sisters and brothers has a child. Both grandparent couples are drawn.
PEOPLE = [
    M("kai", "male", "2012", "Kai"), M("sis", "female", "2014", "Sis"),
    M("mum", "female", "1988", "Donna"), M("dad", "male", "1985", "Craig"),
    M("m_old", "female", "1985", "Lisa"), M("m_young", "male", "1991", "Darren"),
    M("d_old", "male", "1982", "Sean"), M("d_young", "female", "1989", "Jo"),
    M("gm", "female", "1962", "Margaret"), M("gf", "male", "1960", "Ronald"),
    M("pgm", "female", "1958", "Eileen"), M("pgf", "male", "1956", "Patrick"),
    M("c1", "female", "2010", "Ruby"), M("c2", "male", "2015", "Leo"),
    M("c3", "male", "2008", "Ryan"), M("c4", "female", "2016", "Ellie"),
]  # fmt: skip
LINKS = [
    P("mum", "kai"), P("dad", "kai"), P("mum", "sis"), P("dad", "sis"),
    *(P(parent, child) for child in ("mum", "m_old", "m_young") for parent in ("gm", "gf")),
    *(P(parent, child) for child in ("dad", "d_old", "d_young") for parent in ("pgm", "pgf")),
    P("m_old", "c1"), P("m_young", "c2"), P("d_old", "c3"), P("d_young", "c4"),
]  # fmt: skip
COUPLES = [C("mum", "dad", "married"), C("gm", "gf", "married"), C("pgm", "pgf", "married")]


def key(by_id: dict[str, Member]) -> Key:
    return lambda pid: sort_key(by_id[pid])


# Donna's grandparents and her parents' own brothers drawn too; Donna's later partner Gary with
# his own parents and brothers.
FURTHER = [M("ggf1", "male", "1930"), M("ggm1", "female", "1932"), M("ggf2", "male", "1934"),
           M("ggm2", "female", "1936"), M("gf_sib", "male", "1958"), M("gm_sib", "male", "1965"),
           M("gary", "male", "1984"), M("g_old", "male", "1980"), M("g_young", "male", "1990"),
           M("gary_f", "male", "1955"), M("gary_m", "female", "1957")]  # fmt: skip
FURTHER_LINKS = [
    *(P(parent, child) for parent in ("ggf1", "ggm1") for child in ("gf", "gf_sib")),
    *(P(parent, child) for parent in ("ggf2", "ggm2") for child in ("gm", "gm_sib")),
    *(P(parent, child) for parent in ("gary_f", "gary_m")
      for child in ("gary", "g_old", "g_young")),
]  # fmt: skip
FURTHER_COUPLES = [
    C("ggf1", "ggm1", "married"),
    C("ggf2", "ggm2", "married"),
    C("gary_f", "gary_m", "married"),
    C("mum", "gary", "cohabiting", "2018"),
]


def test_who_may_stand_at_an_end() -> None:
    by_id = {m.id: m for m in PEOPLE}
    blocks = make_blocks(by_id, LINKS, COUPLES)
    # Donna and Craig each married into a family that is drawn: they join the two sides. Kai,
    # his aunts, uncles and cousins, and grandparents whose own families are not drawn, are not.
    assert married_in(blocks) == {"mum": {"dad"}, "dad": {"mum"}}
    assert at_ends(blocks, "kai") == {"mum", "dad"}
    # With Donna's grandparents drawn, her parents join their families to hers; Gary, her later
    # partner, joins his own family to Kai's through her.
    by_id = {m.id: m for m in [*PEOPLE, *FURTHER]}
    blocks = make_blocks(by_id, [*LINKS, *FURTHER_LINKS], [*COUPLES, *FURTHER_COUPLES])
    assert at_ends(blocks, "kai") == {"mum", "dad", "gf", "gm", "gary"}
    # Each of them also married someone whose parents are drawn.
    assert at_ends(blocks, None) == {"mum", "dad", "gf", "gm", "gary"}


def test_birth_order_with_the_joining_sibling_at_an_end() -> None:
    born = {"a": "1980", "b": "1982", "c": "1985"}.__getitem__

    def by_birth(pid: str) -> tuple[bool, str, str, str]:
        return (False, born(pid), pid, pid)

    def at(*left_to_right: str) -> dict[str, tuple[float, float]]:
        return {pid: (100.0 * n, 0.0) for n, pid in enumerate(left_to_right)}

    kids = ["a", "b", "c"]
    assert in_order(kids, at("a", "b", "c"), by_birth)
    assert not in_order(kids, at("b", "a", "c"), by_birth)
    # b married into a drawn family: at either end, the others still in order.
    assert in_order(kids, at("a", "c", "b"), by_birth, {"b"})
    assert in_order(kids, at("b", "a", "c"), by_birth, {"b"})
    assert not in_order(kids, at("c", "a", "b"), by_birth, {"b"})
    assert not in_order(kids, at("c", "b", "a"), by_birth, {"b"})


def test_the_family_order_keeps_each_side_together_and_siblings_in_order() -> None:
    by_id = {m.id: m for m in PEOPLE}
    blocks = make_blocks(by_id, LINKS, COUPLES)
    rows = make_rows(by_id, blocks, by_birth=False)
    points = _points(blocks)
    found = order(rows, blocks, points, key(by_id), "kai")
    assert found is not None
    drawn = [row[::-1] if r in found.turned else row for r, row in enumerate(rows)]
    place: dict[str, int] = {}
    for names in found.levels.values():
        at = 0
        for name in names:
            if name.startswith("r"):
                for pid in drawn[int(name[1:])]:
                    place[pid] = at
                    at += 1
    # The parents' row: Donna's family on her side, Craig's on his; each of them at the end
    # of their own brothers and sisters nearest the other, the rest in birth order.
    maternal = sorted(["mum", "m_old", "m_young"], key=place.__getitem__)
    paternal = sorted(["dad", "d_old", "d_young"], key=place.__getitem__)
    if place["mum"] < place["dad"]:
        assert maternal == ["m_old", "m_young", "mum"]
        assert paternal == ["dad", "d_old", "d_young"]
    else:
        assert maternal == ["mum", "m_old", "m_young"]
        assert paternal == ["d_old", "d_young", "dad"]
    # Kai before his younger sister; each cousin under their own parent, so no family is
    # split: the cousins stand in the order of their parents.
    assert place["kai"] < place["sis"]
    cousins = sorted(["c1", "c2", "c3", "c4"], key=place.__getitem__)
    parents = {"c1": "m_old", "c2": "m_young", "c3": "d_old", "c4": "d_young"}
    assert [parents[c] for c in cousins] == sorted(parents.values(), key=place.__getitem__)


def test_every_choice_either_way_keeps_siblings_in_order() -> None:
    """Each choice made the other way gives another order, the same every time, in which every
    sibship is in order by the rule, with the rows turned as the order says."""
    people = [*PEOPLE, *FURTHER]
    by_id = {m.id: m for m in people}
    blocks: dict[tuple[str, ...], Block] = make_blocks(
        by_id, [*LINKS, *FURTHER_LINKS], [*COUPLES, *FURTHER_COUPLES]
    )
    rows = make_rows(by_id, blocks, by_birth=False)
    points = _points(blocks)
    ends = at_ends(blocks, "kai")
    first = order(rows, blocks, points, key(by_id), "kai")
    assert first is not None
    assert first == order(rows, blocks, points, key(by_id), "kai")  # the same every time
    assert first.choices
    assert len(set(first.choices)) == len(first.choices)
    for toggled in [frozenset(), *(frozenset({c}) for c in first.choices)]:
        found = order(rows, blocks, points, key(by_id), "kai", toggled)
        assert found is not None
        if toggled:
            assert (found.levels, found.turned) != (first.levels, first.turned), toggled
        drawn = [row[::-1] if r in found.turned else row for r, row in enumerate(rows)]
        positions = _places(found.levels, drawn)
        for b in blocks.values():
            kids = [c for c, _ in b.children]
            assert in_order(kids, positions, key(by_id), ends), (toggled, kids)


def _places(levels: dict[int, list[str]], drawn: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Everyone's place from an order: left to right in each level, rows as their cards."""
    found: dict[str, tuple[float, float]] = {}
    for level, names in levels.items():
        at = 0.0
        for name in names:
            for pid in drawn[int(name[1:])] if name.startswith("r") else ():
                found[pid] = (at, float(level))
                at += 1
    return found


def test_no_order_without_the_young_person() -> None:
    by_id = {m.id: m for m in PEOPLE}
    blocks = make_blocks(by_id, LINKS, COUPLES)
    rows = make_rows(by_id, blocks, by_birth=False)
    assert order(rows, blocks, _points(blocks), key(by_id), "nobody") is None
