"""Brothers and sisters a family tree file gives in a family record that names no parents (a
program that left the parents out of its export, or hid them): they are one couple's children,
so full siblings, recorded with the API's sibling tie (`SIBLING_OF`, `half` false) unless their
recorded birth parents say otherwise (`service.ties.sibling_tie_conflict`), which the notes say.
A second reader found them dropped without a word. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from service.gedcom_model import GedcomTree
from service.ties import sibling_tie_conflict


def sibling_pairs(tree: GedcomTree) -> list[tuple[str, str, str]]:
    """(family xref, first child's xref, other child's xref) for each family with no partners
    and two or more children tied to it by birth: each child tied to the family's first, which
    the family graph reads as brothers and sisters of each other (a sibling of a sibling shares
    their parents), and not every pair (a family of thousands would make millions of ties)."""
    pairs = []
    for family in tree.families:
        if family.partners:
            continue
        born = [c.xref for c in family.children if c.pedigree == "birth" and not c.by_parent]
        seen = list(dict.fromkeys(born))
        pairs += [(family.xref, seen[0], other) for other in seen[1:]]
    return pairs


def decide(
    pairs: Sequence[tuple[str, str, str]],
    ids: Mapping[str, str],
    facts: Mapping[tuple[str, str], Mapping[str, Any]],
) -> tuple[list[tuple[str, str]], list[str]]:
    """The sibling ties to make, (person id, other person id), and the notes
    on those their recorded birth parents contradict. `facts`: for each pair of person ids,
    `already` (a sibling tie between them is recorded), `birth_line` (one is the other's
    ancestor by birth) and `parents` (each one's recorded birth parents, [id, sex])."""
    make: list[tuple[str, str]] = []
    made: set[frozenset[str]] = set()  # a pair two such families give is one tie
    notes: list[str] = []
    for family, a, b in pairs:
        if a not in ids or b not in ids:  # someone the case took out
            continue
        fact = facts[(ids[a], ids[b])]
        if fact["already"]:
            continue
        one, other = fact["parents"]
        recorded = ([(p[0], p[1]) for p in one], [(p[0], p[1]) for p in other])
        why = sibling_tie_conflict(False, fact["birth_line"], recorded)
        if why is None:
            if frozenset((ids[a], ids[b])) not in made:
                made.add(frozenset((ids[a], ids[b])))
                make.append((ids[a], ids[b]))
        else:
            notes.append(f"{a} and {b}: the file gives them as brothers or sisters in {family}, "
                         f"which names no parents, but {why[0].lower()}{why[1:]} Not recorded "
                         "as siblings: record how they are tied by hand.")  # fmt: skip
    return make, notes
