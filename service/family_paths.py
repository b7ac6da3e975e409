"""Ways through a family held in memory (`service.family.Family`), with no database:

- `path(family, a, b)`: the shortest chain of family ties between two people, for explanations
  ("mother Donna -> her sister Lisa -> Lisa's husband Gary"); `paths` for many at once, in one
  walk;
- `close_family(family)`: who a genogram's first view shows.

Pure: nothing here does I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from service.family import FAMILY_LINKS, Family, Partnership

PathStep = tuple[str, str]  # (how the step goes: "mother", "sister", "husband"..., person id)
Step = TypeVar("Step")


@lru_cache(maxsize=256)
def _step_word(how: str, sex: str | None) -> str:
    kind, _, how = how.rpartition(":")
    prefix = {"step": "step-", "half": "half-", "former": "former ",
              "adoptive": "adoptive " if how == "parent" else "adopted "}  # fmt: skip
    words = {
        "parent": ("mother", "father", "parent"),
        "child": ("daughter", "son", "child"),
        "sibling": ("sister", "brother", "sibling"),
        "partner": ("partner", "partner", "partner"),
        "spouse": ("wife", "husband", "spouse"),
        "civil": ("civil partner", "civil partner", "civil partner"),
    }[how]
    word = words[0] if sex == "female" else words[1] if sex == "male" else words[2]
    return prefix.get(kind, "") + word


def path(family: Family, start: str, end: str) -> list[PathStep] | None:
    """The shortest chain of family ties from `start` to `end` (parent, child, partner and
    sibling ties, full siblings as one step), each step as (word, person id): "mother Donna ->
    her sister Lisa -> Lisa's husband Gary" is [("mother", donna), ("sister", lisa),
    ("husband", gary)]. None when the two are not joined within the family."""
    return paths(family, start, {end}).get(end)


def paths(family: Family, start: str, ends: set[str] | None = None) -> dict[str, list[PathStep]]:
    """`path` from `start` to each of `ends` (everyone in the family when None) that it joins,
    in one walk."""
    return paths_of(family, start, ends, _as_step)


def _as_step(word: str, person_id: str) -> PathStep:
    return (word, person_id)


def paths_of(
    family: Family, start: str, ends: set[str] | None, step: Callable[[str, str], Step]
) -> dict[str, list[Step]]:
    """`paths`, each step made by `step(word, person id)` once for everyone the paths pass
    through, and shared by the paths that take it (a map's paths have about five steps for each
    step made)."""
    came: dict[str, tuple[str, str] | None] = {start: None}
    wanted = set(family.people) if ends is None else set(ends)
    left = len(wanted - {start})
    queue = deque([start])
    while queue and left:
        here = queue.popleft()
        for how, there in _neighbours(family, here):
            if there in came:
                continue
            came[there] = (here, how)
            left -= there in wanted
            queue.append(there)
    # Each person's path is the path of the person before them and one step: made once each.
    made: dict[str, list[Step]] = {start: []}
    found: dict[str, list[Step]] = {}
    for end in wanted:
        if end not in came:
            continue
        unmade: list[str] = []
        node = end
        while node not in made:
            unmade.append(node)
            node = came[node][0]  # type: ignore[index]  # only the start has no step before it
        steps = made[node]
        for node in reversed(unmade):
            how_ = came[node][1]  # type: ignore[index]
            sex = family.people[node].sex if node in family.people else None
            steps = made[node] = [*steps, step(_step_word(how_, sex), node)]
        found[end] = made[end]
    return found


def close_family(family: Family) -> set[str]:
    """The person's close family, as a genogram's first view shows it: the person, their
    parents and their parents' partners, their brothers and sisters (full, half and step: the
    children of those parents and partners; and those tied to them as siblings), their
    grandparents, and their own partners and children."""
    me = family.person_id
    parents = {link.parent for link in family.parents.get(me, ())}
    partners_of_parents = {p.other(q) for q in parents for p in family.partners.get(q, ())}
    elders = parents | partners_of_parents
    siblings = {link.child for q in elders for link in family.children.get(q, ())}
    # And those a sibling tie makes brothers and sisters, their parents unknown (a second
    # reader: left out of the first view).
    siblings |= {t.other(me) for t in family.ties.get(me, ())}
    grandparents = {link.parent for q in parents for link in family.parents.get(q, ())}
    own = {p.other(me) for p in family.partners.get(me, ())}
    own |= {link.child for link in family.children.get(me, ())}
    return ({me} | elders | siblings | grandparents | own) & set(family.people)


def _neighbours(family: Family, here: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for link in family.parents.get(here, ()):
        if link.kind in FAMILY_LINKS:
            found.append((f"{link.kind}:parent", link.parent))
    # Full siblings (the same birth parents, as far as recorded) are one step, not up to a
    # parent and down again; a half-sibling is reached through the parent they share, which is
    # what explains them ("father Craig -> son Jordan").
    found += [("sibling", child) for child in family.full_siblings(here)]
    # A tie between two people whose two birth parents are each recorded, sharing one, says
    # nothing those parents do not (`family._tied_siblings`): the way is through the parent they
    # share (a second reader: the term said maternal half-brother, the path "brother", from a
    # full tie). Sharing none, the tie is the way (a sister had no path at all).
    mine = family.birth_parents(here)
    for tie in family.ties.get(here, ()):
        other = tie.other(here)
        theirs = family.birth_parents(other)
        if not (len(mine) == len(theirs) == 2 and set(mine) & set(theirs)):
            found.append(("half:sibling" if tie.half else "sibling", other))
    for p in family.partners.get(here, ()):
        found.append((_partner_how(p), p.other(here)))
    for link in family.children.get(here, ()):
        if link.kind in FAMILY_LINKS:
            found.append((f"{link.kind}:child", link.child))
    return found


def _partner_how(p: Partnership) -> str:
    """How a partnership is said on a path: a civil partner is not a wife or husband, and one
    that has ended (divorced, separated, or with an end date) is a former one (a second reader:
    a safeguarding chain called a former partner a current one)."""
    how = {"married": "spouse", "divorced": "spouse", "civil_partnership": "civil"}.get(
        p.kind or "", "partner"
    )
    ended = p.until is not None or p.kind in ("divorced", "separated")
    return f"former:{how}" if ended else how
