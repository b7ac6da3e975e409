"""Siblings put in birth order with their families, where that makes the drawing no worse
(visualise/sibships.py): pure, no database, no `dot`."""

from __future__ import annotations

from itertools import pairwise

from visualise.connectors import CARD_W, Block
from visualise.sibships import Positions, in_birth_order

BORN = {"ann": "1980", "bob": "1982", "cat": "1985"}


def key(pid: str) -> tuple[bool, str, str, str]:
    born = BORN.get(pid)
    return (born is None, born or "", pid, pid)


def family() -> tuple[dict[tuple[str, ...], Block], list[list[str]], Positions]:
    """Mum and dad above; Ann (eldest) with her husband Al and their son Sam below her; Bob
    alone; Cat (youngest). Drawn youngest first: Cat, Bob, then Al and Ann with Sam."""
    parents = Block("u:dad:mum", ("dad", "mum"), kind="married", recorded=True,
                    children=[("ann", "solid"), ("bob", "solid"), ("cat", "solid")])  # fmt: skip
    ann = Block("u:al:ann", ("al", "ann"), kind="married", recorded=True,
                children=[("sam", "solid")])  # fmt: skip
    blocks = {parents.parents: parents, ann.parents: ann}
    rows = [["dad", "mum"], ["cat"], ["bob"], ["al", "ann"], ["sam"]]
    positions = {"dad": (500.0, 0.0), "mum": (680.0, 0.0), "cat": (100.0, 200.0),
                 "bob": (300.0, 200.0), "al": (600.0, 200.0), "ann": (780.0, 200.0),
                 "sam": (690.0, 400.0)}  # fmt: skip
    return blocks, rows, positions


def no_worse(pos: Positions) -> int:
    return 0


def order(pos: Positions, people: list[str]) -> list[str]:
    return sorted(people, key=lambda p: pos[p][0])


def test_a_sibship_is_dealt_out_in_birth_order_each_with_their_own() -> None:
    blocks, rows, positions = family()
    moved = in_birth_order(blocks, rows, positions, key, no_worse, 0)
    assert order(moved, ["ann", "bob", "cat"]) == ["ann", "bob", "cat"]
    # Ann's husband and son came with her, where they stood beside and below her.
    assert moved["ann"][0] - moved["al"][0] == positions["ann"][0] - positions["al"][0]
    assert moved["sam"][0] - moved["ann"][0] == positions["sam"][0] - positions["ann"][0]
    # Nobody moved up or down, and no two cards of one row overlap.
    assert all(moved[p][1] == positions[p][1] for p in positions)
    row = sorted(x for x, y in moved.values() if y == 200.0)
    assert all(b - a >= CARD_W for a, b in pairwise(row))
    # The parents stay where they were.
    assert moved["dad"] == positions["dad"]
    assert moved["mum"] == positions["mum"]


def test_an_order_that_would_cross_more_lines_is_left_as_dot_drew_it() -> None:
    blocks, rows, positions = family()

    def worse(pos: Positions) -> int:
        return 0 if pos == positions else 3

    moved = in_birth_order(blocks, rows, positions, key, worse, 0)
    assert moved == positions


def test_someone_elses_card_is_never_covered() -> None:
    """An in-law standing among the siblings stays where they are; the pieces go round them."""
    blocks, rows, positions = family()
    rows.append(["inlaw"])
    positions["inlaw"] = (440.0, 200.0)
    moved = in_birth_order(blocks, rows, positions, key, no_worse, 0)
    assert moved["inlaw"] == positions["inlaw"]
    assert order(moved, ["ann", "bob", "cat"]) == ["ann", "bob", "cat"]
    row = sorted(x for x, y in moved.values() if y == 200.0)
    assert all(b - a >= CARD_W for a, b in pairwise(row))


def test_siblings_whose_families_meet_are_left_alone() -> None:
    """Ann's son married Bob's daughter: one family below both, not two pieces to move."""
    blocks, rows, positions = family()
    bob = Block("u:bob:bea", ("bea", "bob"), kind="married", recorded=True,
                children=[("tia", "solid")])  # fmt: skip
    cousins = Block("u:sam:tia", ("sam", "tia"), kind="married", recorded=True,
                    children=[("kid", "solid")])  # fmt: skip
    blocks |= {bob.parents: bob, cousins.parents: cousins}
    rows = [["dad", "mum"], ["cat"], ["bea", "bob"], ["al", "ann"], ["sam", "tia"], ["kid"]]
    positions |= {"bea": (120.0, 200.0), "bob": (300.0, 200.0), "cat": (-200.0, 200.0),
                  "tia": (860.0, 400.0), "kid": (780.0, 600.0)}  # fmt: skip
    moved = in_birth_order(blocks, rows, positions, key, no_worse, 0)
    assert moved == positions
