"""A person's family held in memory, and who is what to whom in it.

`cypher/family/load_family.cypher` loads the family (people, parent links with their kind,
partnerships, sibling ties) as one record; `Family.from_record` holds it, and the functions here
work on it with no database:

- `relatives(family, max_generations)`: every relative with Ga (generations from the person up
  to the closest common ancestor), Gb (from the relative up to it), side, half and kind;
- `gaps(family)`: missing parents, grandparents and great-grandparents, a research task each;
- and, in `service.family_paths`, `path(family, a, b)`, the shortest chain of family ties
  between two people, for explanations (`paths` for many at once), and `close_family(family)`,
  who a genogram's first view shows.

The rules (the same as the Cypher they replace, `bench/baseline/find_relatives_paths.cypher`):
- Ga and Gb count birth, adoptive and step parent links; foster links are not family.
- side: the first step up from the person: through the mother maternal, through the father
  paternal, both when the closest ways lead through both; a step-parent is on the side of the
  birth (or else adoptive) parent they are the partner of. The person's own descendants have
  no side.
- a current partner of a birth or adoptive parent is a step-parent as if a step link said so:
  their family is the person's step-family.
- half: every closest way runs through two children of a common ancestor who share exactly one
  birth parent while one of them has two (or a sibling tie says half).
- kind: birth when every link is birth; step when a step link is on the way; adoptive when an
  adoptive link is; a current partner (married, civil partnership, living together, or status
  not recorded) of a birth
  or adoptive relative who is not a relative is `by_marriage`, or `step` for a parent's or
  grandparent's partner, whose birth children are step-siblings. A birth way beats any other;
  then the closest (fewest generations, then the smallest Ga).

Naming stays in `service.kinship`. Pure: nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

KinKind = Literal["birth", "step", "adoptive", "by_marriage"]
WaySide = Literal["maternal", "paternal", "both", "unknown", "none"]

FAMILY_LINKS: frozenset[str] = frozenset({"birth", "adoptive", "step"})
# A couple whose status is not recorded (`unknown`) counts as together, as the household rule
# counts them: for safety, until a worker records what they are.
CURRENT_PARTNERSHIPS: frozenset[str] = frozenset(
    {"married", "civil_partnership", "cohabiting", "unknown"}
)
# The order a way's links rank in: a step link makes the way step, else an adoptive one adoptive.
_RANK = {"birth": 0, "adoptive": 1, "step": 2}
_KIND_OF_RANK: tuple[KinKind, ...] = ("birth", "adoptive", "step")

# The records below are plain slotted dataclasses, never changed once made: a frozen one's
# __init__ sets each field through object.__setattr__, seven times slower, and a family of a
# few hundred makes thousands of them a request (a quarter of the time of from_record,
# relatives_of and paths together).


@dataclass(slots=True)
class Person:
    id: str
    given_name: str | None = None
    family_name: str | None = None
    known_as: str | None = None
    sex: str | None = None
    living: bool | None = None
    birth_date: str | None = None
    death_date: str | None = None
    young_person: bool = False
    external_id: str | None = None
    # Dates as a family tree file wrote them (`service.gedcom_dates`), when they came from one.
    birth_written: str | None = None
    death_written: str | None = None
    birth_earliest: str | None = None
    # What `known_as` is when a family tree file gave it as a married name or an alias
    # (`married`, `aka`); none for a nickname or a name a worker recorded.
    known_as_kind: str | None = None


@dataclass(slots=True)
class ParentLink:
    parent: str
    child: str
    kind: str
    id: str | None = None


@dataclass(slots=True)
class Partnership:
    a: str
    b: str
    kind: str | None
    since: str | None = None
    until: str | None = None
    id: str | None = None
    since_written: str | None = None  # as a family tree file wrote it, when it came from one

    def other(self, person_id: str) -> str:
        return self.b if person_id == self.a else self.a

    @property
    def current(self) -> bool:
        return self.kind in CURRENT_PARTNERSHIPS and self.until is None


@dataclass(slots=True)
class SiblingTie:
    a: str
    b: str
    half: bool | None = None
    id: str | None = None

    def other(self, person_id: str) -> str:
        return self.b if person_id == self.a else self.a


def _ends(tie: ParentLink | Partnership | SiblingTie) -> tuple[str, str, str]:
    if isinstance(tie, ParentLink):
        return (tie.parent, tie.child, tie.kind or "")
    return (tie.a, tie.b, tie.id or "")


@dataclass(slots=True)
class Family:
    """The loaded family of `person_id`, with its ties indexed both ways."""

    person_id: str
    people: dict[str, Person]
    parent_links: list[ParentLink]
    partnerships: list[Partnership]
    sibling_ties: list[SiblingTie]
    # Whether the people's external ids were read: a relatives list shows them, a map does not.
    external_ids: bool = True
    parents: dict[str, list[ParentLink]] = field(default_factory=dict)
    children: dict[str, list[ParentLink]] = field(default_factory=dict)
    partners: dict[str, list[Partnership]] = field(default_factory=dict)
    ties: dict[str, list[SiblingTie]] = field(default_factory=dict)
    # What is worked out from the family once and read by several parts of one request (the
    # map and its safeguarding chains both need every relative): by the caller's key.
    worked_out: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # Each person's birth parents, by id (as `parents` holds them): asked for many times a
    # request.
    births: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    # Each person's full siblings (the same birth parents, as far as recorded), worked out when
    # first asked for: the path walk asks once for everyone it passes.
    full: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexed in a fixed order (by ids), so that any choice between equals is the same each
        # time whatever order the database returned the ties in.
        for link in sorted(self.parent_links, key=_ends):
            self.parents.setdefault(link.child, []).append(link)
            self.children.setdefault(link.parent, []).append(link)
        for child, links in self.parents.items():
            born = [x.parent for x in links if x.kind == "birth"]
            if born:
                self.births[child] = tuple(born)
        for p in sorted(self.partnerships, key=_ends):
            self.partners.setdefault(p.a, []).append(p)
            self.partners.setdefault(p.b, []).append(p)
        for t in sorted(self.sibling_ties, key=_ends):
            self.ties.setdefault(t.a, []).append(t)
            self.ties.setdefault(t.b, []).append(t)

    @classmethod
    def from_record(cls, record: Mapping[str, Any], *, removed: bool = False) -> Family:
        """The family from `load_family`'s record (lists in the order of the fields here), as
        the cases read through hold it: only the people of their `network` (the cases' young
        people and their networks' members) and the ties between two of them. Access follows
        the case, never how far the family's ties reach: someone recorded only under another
        case (a relative, or another case's young person) is not in it, and nobody is found,
        named or placed through them. With `removed`, the people the cases took out of their
        networks too (their own records), for the side a young person's wish speaks of."""
        network = set(record["network"]) | (set(record.get("removed") or ()) if removed else set())
        people = {p[0]: Person(*p) for p in record["people"] if p[0] in network}
        return cls(
            person_id=record["person_id"],
            people=people,
            parent_links=[ParentLink(*link) for link in record["parent_links"]
                          if link[0] in people and link[1] in people],
            partnerships=[Partnership(*t) for t in record["partnerships"]
                          if t[0] in people and t[1] in people],
            sibling_ties=[SiblingTie(*t) for t in record["sibling_ties"]
                          if t[0] in people and t[1] in people],
            external_ids=record["external_ids"],
        )  # fmt: skip

    def birth_parents(self, person_id: str) -> tuple[str, ...]:
        return self.births.get(person_id, ())

    def full_siblings(self, person_id: str) -> list[str]:
        """The children of the person's first birth parent (by id) who have the same birth
        parents, in the order that parent's children are indexed."""
        found = self.full.get(person_id)
        if found is None:
            mine = self.births.get(person_id, ())
            found = self.full[person_id] = [
                link.child for link in self.children.get(mine[0], ())
                if link.kind == "birth" and link.child != person_id
                and self.births.get(link.child) == mine
            ] if mine else []  # fmt: skip
        return found


@dataclass(slots=True)
class Kin:
    """A relative of the family's person: where they stand, before anyone names them."""

    person_id: str
    kind: KinKind
    ga: int
    gb: int
    side: WaySide
    half: bool
    # The other parent's side, when the relative is reached through it too, further off than
    # the way that names them (a maternal first cousin who is a paternal second cousin once
    # removed): DOMAIN's "a relative reachable both ways is both" for the young person's wishes
    # about a side, the nearer way still naming them.
    also: WaySide | None = None


@dataclass(slots=True)
class _Way:
    ga: int
    gb: int
    rank: int
    side: WaySide
    c1: str | None = None
    c2: str | None = None
    tie_half: bool | None = None

    @property
    def key(self) -> tuple[bool, int, int]:
        return (self.rank > 0, self.ga + self.gb, self.ga)


@dataclass(slots=True)
class _Route:
    """A path up from the person: where it ends, how long, its first parent and link kind,
    the child below its end (on the person's line) and the rank of its links."""

    end: str
    length: int
    parent: str | None
    first_kind: str | None
    below: str | None
    rank: int


def _side_of_sex(sex: str | None) -> WaySide | None:
    return "maternal" if sex == "female" else "paternal" if sex == "male" else None


def _parent_side(family: Family, parent: str) -> WaySide | None:
    """The side of the family one of the person's parents is: their sex says it; when it is
    not recorded (a father added with no sex, a family tree file with no SEX line), the other
    birth parent's does, as the other side (a second reader: the father's whole family was
    on side "unknown", and "nobody from my dad's side" reached none of them)."""
    own = _side_of_sex(_sex(family, parent))
    parents = family.birth_parents(family.person_id)
    if own is not None or parent not in parents:
        return own
    others = {_side_of_sex(_sex(family, p)) for p in parents if p != parent} - {None}
    if others == {"maternal"}:
        return "paternal"
    return "maternal" if others == {"paternal"} else None


def _route_side(family: Family, route: _Route) -> WaySide:
    if route.parent is None:
        return "unknown"
    if route.first_kind == "step":
        # A step-parent is on the side of the birth parent they are the partner of, or else
        # of the adoptive parent.
        me = family.person_id
        adopters = {x.parent for x in family.parents.get(me, ()) if x.kind == "adoptive"}
        for parents in (set(family.birth_parents(me)), adopters):
            for p in family.partners.get(route.parent, ()):
                other = p.other(route.parent)
                if other in parents and other in family.people:
                    return _parent_side(family, other) or "unknown"
        return "unknown"
    return _parent_side(family, route.parent) or "unknown"


def step_parents_by_partnership(family: Family, child: str | None = None) -> list[ParentLink]:
    """The current partners of the person's (or `child`'s) birth and adoptive parents who are
    not their parent by any recorded link: step-parents as much as one recorded by a step link
    (a second reader: a step-mother recorded only as the father's wife lost her own mother and
    sister, who were the step-grandmother and step-aunt once a step link was recorded)."""
    me = family.person_id if child is None else child
    links = family.parents.get(me, ())
    # A foster carer who is a parent's partner is a step-parent too (a third reader: a
    # step-mother who is also the kinship foster carer brought none of her family).
    mine = {link.parent for link in links if link.kind in FAMILY_LINKS}
    found: dict[str, ParentLink] = {}
    for link in links:
        if link.kind not in ("birth", "adoptive"):
            continue
        for p in family.partners.get(link.parent, ()):
            other = p.other(link.parent)
            if p.current and other not in mine and other in family.people:
                found.setdefault(other, ParentLink(other, me, "step"))
    return list(found.values())


def _routes_up(family: Family, limit: int) -> list[_Route]:
    """Every path up from the person of at most `limit` family links, the empty one first;
    the partner of a parent, or of a birth or adoptive ancestor's parent, is their step-parent
    (`step_parents_by_partnership`: a later reader found a grandmother's husband recorded by
    the partnership alone brought none of his family, his son the step-uncle they were once a
    step link was recorded)."""
    me = family.person_id
    found = [_Route(me, 0, None, None, None, 0)]
    stack = [found[0]]
    implied: dict[str, list[ParentLink]] = {}
    while stack:
        route = stack.pop()
        if route.length >= limit:
            continue
        up = family.parents.get(route.end, ())
        if route.rank < _RANK["step"]:
            if route.end not in implied:
                implied[route.end] = step_parents_by_partnership(family, route.end)
            up = [*up, *implied[route.end]]
        for link in up:
            if link.kind not in FAMILY_LINKS:
                continue
            first = route.length == 0
            step = _Route(
                end=link.parent,
                length=route.length + 1,
                parent=link.parent if first else route.parent,
                first_kind=link.kind if first else route.first_kind,
                below=route.end,
                rank=max(route.rank, _RANK[link.kind]),
            )
            found.append(step)
            stack.append(step)
    return found


class _Down:
    """Descendants of a person within a number of links, with the fewest links for each rank of
    the links on the way (birth, adoptive, step): memoised, since every ancestor's line shares
    the same branches."""

    def __init__(self, family: Family) -> None:
        self.family = family
        self.memo: dict[tuple[str, int], dict[str, dict[int, int]]] = {}

    def __call__(self, start: str, limit: int) -> dict[str, dict[int, int]]:
        key = (start, limit)
        found = self.memo.get(key)
        if found is not None:
            return found
        found = {start: {0: 0}}
        if limit > 0:
            for link in self.family.children.get(start, ()):
                if link.kind not in FAMILY_LINKS:
                    continue
                for r, ranks in self(link.child, limit - 1).items():
                    mine = found.setdefault(r, {})
                    for rank, depth in ranks.items():
                        rank = max(rank, _RANK[link.kind])
                        if depth + 1 < mine.get(rank, limit + 2):
                            mine[rank] = depth + 1
        self.memo[key] = found
        return found


def _ways(family: Family, max_generations: int) -> dict[str, list[_Way]]:
    g = max_generations
    me = family.person_id
    down = _Down(family)
    ways: dict[str, list[_Way]] = {}

    def add(r: str, way: _Way) -> None:
        if r != me:
            ways.setdefault(r, []).append(way)

    routes = _routes_up(family, g)
    for route in routes:
        if route.length == 0:
            # The person's own descendants: on no side.
            for r, ranks in down(me, g).items():
                for rank, depth in ranks.items():
                    if depth > 0:
                        add(r, _Way(0, depth, rank, "none"))
            continue
        side = _route_side(family, route)
        add(route.end, _Way(route.length, 0, route.rank, side))
        # The ancestor's descendants down another child than the one on the person's line.
        for link in family.children.get(route.end, ()):
            if link.kind not in FAMILY_LINKS or link.child == route.below:
                continue
            for r, ranks in down(link.child, g - 1).items():
                for rank, depth in ranks.items():
                    rank = max(rank, route.rank, _RANK[link.kind])
                    add(r, _Way(route.length, depth + 1, rank, side, route.below, link.child))
    # Sibling ties (parents unknown) of the person, of anyone on their line up, and of their
    # birth siblings: as if the tie were a shared parent above both.
    for route in routes:
        if route.length >= g:
            continue
        side = "unknown" if route.length == 0 else _route_side(family, route)
        for sibling, (half, shared) in _tied_siblings(family, route.end).items():
            # A full sibling is on the line's side; a half-sibling through a known parent, on
            # that parent's (for the person themselves: the line above has its own side). The
            # person's own full sibling shares both their parents, recorded or not: on both
            # sides, as one known by recorded parents is (a second reader: on side "unknown",
            # a wish about a side did not reach her).
            if route.length:
                how = side
            elif not half:
                how = "both"
            elif shared is None:
                how = _side_left(family, route.end, sibling) or "unknown"
            else:
                how = _parent_side(family, shared) or "unknown"
            for r, ranks in down(sibling, g - 1).items():
                for rank, depth in ranks.items():
                    add(r, _Way(route.length + 1, depth + 1, max(rank, route.rank), how,
                                tie_half=half))  # fmt: skip
    # Only people no way above reached: none of them is in `ways` yet.
    ways.update(_ties_below(family, ways, g, down))
    return ways


def _ties_below(
    family: Family, ways: dict[str, list[_Way]], g: int, down: _Down
) -> dict[str, list[_Way]]:
    """The ways that sibling ties below the line give: a full tie (parents unknown) joins a
    relative below the person's line (a nephew, a cousin, the person's own child) to someone
    who is then what that relative is, by the same way, with their descendants (a second
    reader: a nephew's brother known only by a tie, and a cousin's sister, were missing); and
    so on from those found, and their own ties below. Only someone related no other way is
    made so (a tie from the person's child to their sister made her a daughter), and only a
    full brother or sister the recorded parents allow (`_full_group`): a half tie does not say
    which parent is shared. Each group of ties is walked once."""
    reached = set(ways) | {family.person_id}
    made: dict[str, list[_Way]] = {}
    covered: set[str] = set()
    waiting = sorted((r for r in ways if r in family.ties), reverse=True)
    while waiting:
        r = waiting.pop()
        if r in covered:
            continue
        below = [w for w in ways.get(r, made.get(r, ()))
                 if w.gb >= 2 or (w.ga == 0 and w.gb >= 1)]  # fmt: skip
        if not below:
            continue
        group = _full_group(family, r, reached)
        covered |= group
        fresh: set[str] = set()
        for sibling in sorted(group - {r}):
            for w in below:
                for d, ranks in down(sibling, g - w.gb).items():
                    if d in reached:
                        continue
                    fresh.add(d)
                    for rank, depth in ranks.items():
                        made.setdefault(d, []).append(_Way(w.ga, w.gb + depth,
                                                           max(rank, w.rank), w.side, w.c1,
                                                           w.c2, w.tie_half))  # fmt: skip
        reached |= fresh
        waiting += sorted((d for d in fresh if d in family.ties), reverse=True)
    return made


def _full_group(family: Family, start: str, reached: set[str]) -> set[str]:
    """`start` and whom full sibling ties join to them, and those people's recorded full
    brothers and sisters, as long as the birth parents recorded among them could all be
    theirs (two at most: a tie to someone with another recorded parent joins nobody, however
    many ties away); not through anyone related to the person some other way."""
    parents = set(family.birth_parents(start))
    group = {start}
    waiting = [start]
    sibships: set[tuple[str, ...]] = set()  # each recorded sibship once (a large one was slow)
    while waiting:
        member = waiting.pop()
        near = [t.other(member) for t in family.ties.get(member, ()) if not t.half]
        births = family.birth_parents(member)
        if births and births not in sibships:
            sibships.add(births)
            near += family.full_siblings(member)
        for other in near:
            if other in group or other in reached:
                continue
            theirs = parents | set(family.birth_parents(other))
            if len(theirs) > 2:
                continue
            parents = theirs
            group.add(other)
            waiting.append(other)
    return group


def _tied_siblings(family: Family, person_id: str) -> dict[str, tuple[bool, str | None]]:
    """Those sibling ties (parents unknown) make the person's brothers and sisters, directly
    or through other siblings: id -> (half, the birth parent shared when known). Ties are
    followed from the person and their full siblings, whose full ties make full siblings and
    half ties half-siblings; and from half-siblings, whose full ties make half-siblings through
    the same parent, and whose half ties make nobody known (which parent they share is not
    known). A second reader found the full sister of a maternal half-brother named a full
    sister, and a sibling known only through another sibling's tie missing."""
    mine = family.birth_parents(person_id)
    known: dict[str, tuple[bool, str | None]] = {person_id: (False, None)}
    for sibling in family.full_siblings(person_id):
        known[sibling] = (False, None)
    for parent in mine:
        for link in family.children.get(parent, ()):
            if link.kind == "birth" and link.child not in known:
                common = set(family.birth_parents(link.child)) & set(mine)
                known[link.child] = (True, parent) if len(common) == 1 else (False, None)
    # Where both have their two birth parents recorded, those say full or half: a tie that
    # says otherwise does not (a second reader: a full tie made a half-brother by the recorded
    # parents a full brother on one side).
    decided = {s for s in known if len(family.birth_parents(s)) == 2} if len(mine) == 2 else set()
    tied: dict[str, tuple[bool, str | None]] = {}
    waiting = sorted(known)
    while waiting:
        member = waiting.pop()
        half, shared = known[member]
        for tie in family.ties.get(member, ()):
            if half and tie.half:
                continue
            found: tuple[bool, str | None] = (True, shared) if half else (bool(tie.half), None)
            other = tie.other(member)
            if other == person_id or other in decided:
                continue
            if other not in tied or _closer(found, tied[other]):
                tied[other] = found
            if other not in known or _closer(found, known[other]):
                known[other] = found
                waiting.append(other)
    return tied


def _side_left(family: Family, person_id: str, sibling: str) -> WaySide | None:
    """The side of a half-sibling by a tie that does not say which parent they share, when
    their recorded birth parent who is not the person's says it: a half-brother whose mother
    is recorded, and is not the person's mother, shares their father (a second reader: left on
    side "unknown", he was on neither side's list)."""
    theirs = set(family.birth_parents(sibling)) - set(family.birth_parents(person_id))
    if len(theirs) != 1 or len(family.birth_parents(sibling)) != 1:
        return None
    # Their parent one of the person's by another link (an adoptive mother's daughter, a foster
    # carer's son): an adoptive or foster sibling, not a birth one (a later reader: she was
    # made a paternal half-sister by birth).
    if theirs & {
        link.parent
        for link in family.parents.get(person_id, ())
        if link.kind in ("adoptive", "foster")
    }:  # not a step-parent (a later reader)
        return None
    other = _side_of_sex(_sex(family, theirs.pop()))
    return "paternal" if other == "maternal" else "maternal" if other == "paternal" else None


def _closer(a: tuple[bool, str | None], b: tuple[bool, str | None]) -> bool:
    """Whether sibling standing `a` says more than `b`: full before half, and a known shared
    parent before an unknown one."""
    return (a[0], a[1] is None) < (b[0], b[1] is None)


def _sex(family: Family, person_id: str) -> str | None:
    person = family.people.get(person_id)
    return person.sex if person else None


def _is_half(family: Family, c1: str, c2: str) -> bool:
    p1, p2 = set(family.birth_parents(c1)), set(family.birth_parents(c2))
    return len(p1 & p2) == 1 and (len(p1) == 2 or len(p2) == 2)


def _settle(family: Family, relative: str, ways: list[_Way]) -> Kin:
    """Where a relative reached by `ways` stands: by the best way, and the other parent's side
    when a way of the same kind reaches them through it too (`Kin.also`)."""
    if len(ways) == 1:
        (w,) = ways
        half = w.tie_half if w.tie_half is not None else (
            w.rank == 0 and w.c1 is not None and w.c2 is not None and _is_half(family, w.c1, w.c2)
        )  # fmt: skip
        return Kin(relative, _KIND_OF_RANK[w.rank], w.ga, w.gb, w.side, half)
    # The best way: birth first, then the fewest generations, then the smallest Ga; between an
    # adoptive and a step way as close as each other, the adoptive.
    best = min(ways, key=lambda w: (*w.key, w.rank))
    closest = [w for w in ways if (w.rank, w.ga, w.gb) == (best.rank, best.ga, best.gb)]
    side = _one_side({w.side for w in closest}) or best.side
    half = all(
        w.tie_half if w.tie_half is not None
        else w.rank == 0 and w.c1 is not None and w.c2 is not None
        and _is_half(family, w.c1, w.c2)
        for w in closest
    )  # fmt: skip
    reached = _one_side({w.side for w in ways if w.rank == best.rank})
    also: WaySide | None = None
    if reached == "both" and side in ("maternal", "paternal"):
        also = "paternal" if side == "maternal" else "maternal"
    return Kin(relative, _KIND_OF_RANK[best.rank], best.ga, best.gb, side, half, also)


def relatives(family: Family, max_generations: int) -> list[Kin]:
    """Every relative of the family's person within `max_generations` (it bounds Ga and Gb),
    then the partners of birth and adoptive relatives who are not relatives themselves; closest
    first."""
    found: dict[str, Kin] = {}
    for r, ways in _ways(family, max_generations).items():
        found[r] = _settle(family, r, ways)
    me = family.person_id
    kin = sorted(found.values(), key=lambda k: (k.ga + k.gb, k.ga, k.person_id))
    known = set(found) | {me}
    # Each partner is placed by the closest relative they are the partner of, a birth relative
    # before an adoptive one as close.
    placed: dict[str, Kin] = {}
    for k in sorted(kin, key=lambda k: (k.ga + k.gb, k.ga, k.kind != "birth", k.person_id)):
        if k.kind not in ("birth", "adoptive"):
            continue
        for p in family.partners.get(k.person_id, ()):
            partner = p.other(k.person_id)
            if p.current and partner not in known and partner not in placed:
                placed[partner] = k
    # A parent's own partner is not among them: a step-parent already, with their children
    # (`step_parents_by_partnership`).
    extras = [
        Kin(partner, "step" if k.gb == 0 else "by_marriage", k.ga, k.gb, k.side, False, k.also)
        for partner, k in placed.items()
    ]
    return sorted([*kin, *extras], key=lambda k: (k.ga + k.gb, k.ga, k.person_id))


# Gaps are looked for up to great-grandparents: the parents of the person's grandparents.
GAP_GENERATIONS = 2


@dataclass(slots=True)
class GapRow:
    """A person on the line up (the person, a parent or grandparent) with fewer than two
    recorded birth parents: `known_parent_sexes` are those recorded."""

    child_id: str
    depth: int
    side: WaySide | None
    known_parent_sexes: tuple[str, ...]


def _one_side(sides: set[WaySide | None]) -> WaySide | None:
    """The side of someone reached from each of `sides`: both when from the mother's and the
    father's, or by a way on both (a full brother known by a tie, whose mother alone is
    recorded: a second reader found him on the mother's side only); otherwise the known one;
    None when none is."""
    if {"maternal", "paternal"} <= sides or ("both" in sides and sides & {"maternal", "paternal"}):
        return "both"
    return next((s for s in ("maternal", "paternal", "both", "unknown", "none") if s in sides),
                None)  # fmt: skip


def gaps(family: Family) -> list[GapRow]:
    """The person and their birth ancestors up to grandparents who have fewer than two recorded
    birth parents, nearest first."""
    people = family.people
    # Each person once, at the nearest depth they are reached, on every side they are reached
    # from there (a second reader: parents sharing a mother listed her missing parents twice).
    nearest: dict[str, tuple[int, set[WaySide | None]]] = {}
    stack: list[tuple[str, int, WaySide | None]] = [(family.person_id, 0, None)]
    while stack:
        node, depth, side = stack.pop()
        held = nearest.get(node)
        if held is None or depth < held[0]:
            nearest[node] = (depth, {side})
        elif depth == held[0]:
            held[1].add(side)
        if depth == GAP_GENERATIONS:
            continue
        for parent in family.birth_parents(node):
            if parent in people:
                first = side if depth else (_parent_side(family, parent) or "unknown")
                stack.append((parent, depth + 1, first))
    found = []
    for node, (depth, sides) in nearest.items():
        known = tuple(people[p].sex or "unknown" for p in family.birth_parents(node) if p in people)
        if len(known) < 2:
            found.append(GapRow(node, depth, _one_side(sides), known))
    return sorted(found, key=lambda r: (r.depth, r.side is None, r.side or "", r.child_id))
