"""The family as `dot` is given it (visualise.genogram): who is drawn, each couple as one
block with its sibship, and partners side by side in rows.

A child is drawn below the best of their parent links (birth, then adoptive, foster, step)
with one more of the same kind or their recorded partner; adoptive parents and foster carers
beyond them, a couple of them or one, have a line of their own to the child (`Block.raised`);
a step-parent is drawn by their partnership with the parent. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from visualise.connectors import Block

_LINK_RANK = {"birth": 0, "adoptive": 1, "foster": 2, "step": 3}
_LINK_STYLE = {"birth": "solid", "adoptive": "dashed", "foster": "dotted", "step": "dashdot"}
# Links beyond the two a child is drawn below that have a line of their own.
_RAISED = frozenset({"adoptive", "foster"})
# Which of several records about one couple says most about them now.
_COUPLE_RANK = {
    "divorced": 0,
    "separated": 1,
    "married": 2,
    "civil_partnership": 2,
    "cohabiting": 3,
    "unknown": 4,
}


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    sex: str | None = None
    birth: str | None = None  # sorts siblings; None last
    order: str = ""  # tie-break (a name); then the id
    lane: int = 1  # where the family starts out, left to right: 0 maternal ... 2 paternal
    generation: int | None = None  # 0 the young person's, -1 parents': rows level across families


@dataclass(frozen=True, slots=True)
class Parentage:
    parent: str
    child: str
    kind: str | None = "birth"


@dataclass(frozen=True, slots=True)
class Couple:
    a: str
    b: str
    kind: str | None = None
    since: str | None = None


def sort_key(m: Member) -> tuple[bool, str, str, str]:
    return (m.birth is None, m.birth or "", m.order, m.id)


def make_blocks(
    members: dict[str, Member], parentages: Iterable[Parentage], couples: Iterable[Couple]
) -> dict[tuple[str, ...], Block]:
    blocks: dict[tuple[str, ...], Block] = {}

    def block(parents: tuple[str, ...]) -> Block:
        key = tuple(sorted(parents))
        if key not in blocks:
            blocks[key] = Block("u:" + ":".join(key), key)
        return blocks[key]

    for c in sorted(couples, key=lambda c: (c.a, c.b, c.kind or "", c.since or "")):
        if c.a == c.b or c.a not in members or c.b not in members:
            continue
        b = block((c.a, c.b))
        if not b.recorded or _COUPLE_RANK.get(c.kind or "", 9) < _COUPLE_RANK.get(b.kind or "", 9):
            b.kind = c.kind
        if c.since and (b.since is None or c.since < b.since):
            b.since = c.since
        b.recorded = True
    by_child: dict[str, list[Parentage]] = {}
    for p in parentages:
        if p.parent in members and p.child in members and p.parent != p.child:
            by_child.setdefault(p.child, []).append(p)

    def couple(a: str, b: str) -> bool:
        found = blocks.get(tuple(sorted((a, b))))
        return found is not None and found.recorded

    for child, links in by_child.items():
        links.sort(key=lambda p: (_LINK_RANK.get(p.kind or "birth", 4), p.parent))
        by_parent: dict[str, Parentage] = {}
        for link in links:
            by_parent.setdefault(link.parent, link)
        ordered = list(by_parent.values())
        chosen = _pair(ordered, couple)
        block(tuple(c.parent for c in chosen)).children.append((child, _style(chosen)))
        # The parents beyond them, a couple of them or one, raised the child too: drawn with a
        # line of their own (a second reader: an adopted cousin hung from her birth mother and
        # her adoptive mother as a couple that never was, her adoptive father and a young
        # person's foster carer with no line at all).
        # A step-parent's tie is drawn by the partnership with the parent, as genograms do.
        rest = [link for link in ordered if link not in chosen and link.kind in _RAISED]
        while rest:  # every one of them (a third reader: a foster carer after two couples)
            others = _pair(rest, couple)
            block(tuple(c.parent for c in others)).raised.append((child, _style(others)))
            rest = [link for link in rest if link not in others]
    for b in blocks.values():
        b.children.sort(key=lambda cs: sort_key(members[cs[0]]))
    return blocks


def _pair(links: list[Parentage], couple: Callable[[str, str], bool]) -> list[Parentage]:
    """Who a child is drawn below, of its parent links in order (the best first): the best
    with one more of the same kind, or else with their recorded partner among them; or the
    best alone. Never two of different kinds who are no couple (the drawing would say they
    are parents together)."""
    first, others = links[0], links[1:]
    same = [o for o in others if (o.kind or "birth") == (first.kind or "birth")]
    partner = [o for o in others if couple(first.parent, o.parent)]
    second = next(iter([o for o in same if couple(first.parent, o.parent)] + same + partner),
                  None)  # fmt: skip
    return [first] if second is None else [first, second]


def _style(links: list[Parentage]) -> str:
    worst = max((_LINK_RANK.get(c.kind or "birth", 0) for c in links), default=0)
    return next(s for k, s in _LINK_STYLE.items() if _LINK_RANK[k] == worst)


def make_rows(
    members: dict[str, Member], blocks: dict[tuple[str, ...], Block], *, by_birth: bool
) -> list[list[str]]:
    """Partners drawn side by side: each group of people joined by partnerships as one row of
    cards, left to right. One partner each: in card order. A person with several partners has
    the earlier ones (by `since`) on their left and the later ones on their right; a chain of
    partnerships (A-B, B-C) is drawn along the chain."""
    of: dict[str, list[Block]] = {}
    for b in blocks.values():
        if len(b.parents) == 2:
            for p in b.parents:
                of.setdefault(p, []).append(b)
    # Rows go to `dot` by side, then in the order of their first member's birth, or of their
    # born-in members' (where siblings start side by side in birth order).
    children = {c for b in blocks.values() for c, _ in b.children}
    seen: set[str] = set()
    rows: list[tuple[tuple[int, tuple[bool, str, str, str]], list[str]]] = []
    for pid in sorted(members, key=lambda p: (members[p].lane, sort_key(members[p]))):
        if pid in seen:
            continue
        group = _component(pid, of)
        seen |= set(group)
        born_in = [p for p in group if p in children] or group
        first = min(born_in if by_birth else group,
                    key=lambda p: (members[p].lane, sort_key(members[p])))  # fmt: skip
        rows.append(((members[first].lane, sort_key(members[first])), _arrange(group, of, members)))
    return [row for _, row in sorted(rows)]


def _component(start: str, of: dict[str, list[Block]]) -> list[str]:
    found, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for b in of.get(here, ()):
            other = other_partner(b, here)
            if other not in found:
                found.add(other)
                todo.append(other)
    return sorted(found)


def _when(
    b: Block, members: dict[str, Member], person: str
) -> tuple[bool, str, tuple[bool, str, str, str]]:
    return (b.since is None, b.since or "", sort_key(members[other_partner(b, person)]))


def _arrange(group: list[str], of: dict[str, list[Block]], members: dict[str, Member]) -> list[str]:
    if len(group) == 1:
        return group
    if len(group) == 2:
        return sorted(group, key=lambda p: (members[p].sex != "male", sort_key(members[p])))
    degree = {p: len(of[p]) for p in group}
    ends = [p for p in group if degree[p] == 1]
    if len(ends) == 2 and all(d <= 2 for d in degree.values()):
        # A chain: from the end whose partnership came first.
        first = min(ends, key=lambda p: _when(of[p][0], members, p))
        row, prev = [first], None
        while len(row) < len(group):
            here = row[-1]
            nxt = [other_partner(b, here) for b in of[here] if other_partner(b, here) != prev]
            prev = here
            row.append(nxt[0])
        return row
    # A person with several partners in the middle, earlier partners left, later right; anyone
    # further out follows their partner on the outside.
    centre = max(group, key=lambda p: (degree[p], [-ord(ch) for ch in sort_key(members[p])[2]]))
    mine = sorted(of[centre], key=lambda b: _when(b, members, centre))
    left = (len(mine) + 1) // 2
    row = (
        [other_partner(b, centre) for b in mine[:left]]
        + [centre]
        + [other_partner(b, centre) for b in mine[left:]]
    )
    rest = [p for p in group if p not in row]
    for p in rest:
        row.append(p)
    return row


def other_partner(b: Block, person: str) -> str:
    """The partner in a couple's block who is not `person`."""
    return b.parents[1] if b.parents[0] == person else b.parents[0]
