"""Who is probably no longer living, when a family tree records no death: the rule genealogy
programs use ("probably alive"), kept simple and stated here.

- Nobody is taken to live past `MAX_AGE` years.
- A parent is at least `MIN_PARENT_AGE` years older than their child, and a person marries at
  `MIN_PARENT_AGE` at the earliest; so a child's birth, or a marriage, bounds how late someone
  can have been born, and so on down the generations.
- A child is born at most `MAX_PARENT_AGE` years after a parent; brothers and sisters are born
  at most `MAX_SIBLING_GAP` years apart, partners at most `MAX_PARTNER_GAP` years apart (the
  bounds Gramps's "probably alive" uses, or wider). These use the relative's own recorded year
  of birth, one step only.

A person's own recorded year of birth (exact, or the latest a range of their own allows) is
their latest year of birth, whatever their family's dates say: the bounds above are inferences,
and they bound only people with no year of their own. One mistyped date in a family (a marriage
written `Sep 0099`) then cannot count as dead someone whose own birth says otherwise.

Someone whose latest possible year of birth is more than `MAX_AGE` years ago is counted as not
living. Only birth and marriage years are used, never a guess of an exact date. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

MAX_AGE = 110
MIN_PARENT_AGE = 13
MAX_PARENT_AGE = 60
MAX_SIBLING_GAP = 20
MAX_PARTNER_GAP = 30


def latest_year_named(words: str | None) -> int | None:
    """The largest year (100 or more) words name, as a phrase names a time ("born about 1847,
    buried 1901": 1901); None when they name none."""
    years = [y for y in map(int, re.findall(r"\b(\d{3,4})\b", words or "")) if y >= 100]
    return max(years) if years else None


def year(iso: str | None) -> int | None:
    """The year of a partial ISO date ("1950", "1950-03", "1950-03-02")."""
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


def probably_dead(
    births: Mapping[str, int | None],
    children: Mapping[str, Iterable[str]],
    married: Mapping[str, Iterable[int]],
    this_year: int,
    *,
    known: Mapping[str, int | None] | None = None,
    parents: Mapping[str, Iterable[str]] | None = None,
    siblings: Mapping[str, Iterable[str]] | None = None,
    partners: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, int]:
    """The people (of `births`: id -> year of birth, or None) whose latest possible year of
    birth, their own or else from their descendants' and their marriages', is more than
    `MAX_AGE` years before `this_year`. `children`: id -> the ids of their children;
    `married`: id -> the years they married. The caller leaves out whoever is already known to
    be dead. Returns each of them with the latest year they can have been born in. `known`:
    everyone's own recorded year of birth (the dead's too), which bounds their children's
    (`parents`: id -> parents' ids), brothers' and sisters' (`siblings`) and partners'
    (`partners`)."""
    kids = {pid: list(found) for pid, found in children.items()}
    latest: dict[str, int | None] = {}

    def bound(start: str) -> int | None:
        # Iterative post-order over the descendants (a tree file can be many generations deep).
        stack: list[tuple[str, bool]] = [(start, False)]
        while stack:
            pid, done = stack.pop()
            if pid in latest:
                continue
            # Their own year wins over any inference (module docstring); a dead child's own
            # year (in `known`) bounds their parents as a living child's does.
            own = (known if known is not None else births).get(pid)
            if own is not None:
                latest[pid] = own
                continue
            if not done:
                stack.append((pid, True))
                stack.extend((kid, False) for kid in kids.get(pid, ()) if kid not in latest)
                continue
            limits = [m - MIN_PARENT_AGE for m in married.get(pid, ())]
            limits += _one_step(pid, known or births, parents, MAX_PARENT_AGE)
            limits += _one_step(pid, known or births, siblings, MAX_SIBLING_GAP)
            limits += _one_step(pid, known or births, partners, MAX_PARTNER_GAP)
            for kid in kids.get(pid, ()):
                child = latest.get(kid)
                if child is not None:
                    limits.append(child - MIN_PARENT_AGE)
            latest[pid] = min(limits) if limits else None
        return latest[start]

    found = {}
    for pid in births:
        latest_birth = bound(pid)
        if latest_birth is not None and latest_birth + MAX_AGE < this_year:
            found[pid] = latest_birth
    return found


def _one_step(
    pid: str, known: Mapping[str, int | None], ties: Mapping[str, Iterable[str]] | None, gap: int
) -> list[int]:
    """The latest years of birth `pid`'s relatives of one kind allow, from their own."""
    if ties is None:
        return []
    return [year + gap for other in ties.get(pid, ()) if (year := known.get(other)) is not None]


def too_old_to_be_living(birth_date: str | None, this_year: int) -> str | None:
    """Why someone recorded by hand with a birth date and no death, and not said to be living
    or not, is counted as not living (born more than `MAX_AGE` years before `this_year`), or
    None: a great-grandmother born in 1880 was a living relative to approach (a second
    reader), where an imported tree's would not be."""
    born = year(birth_date)
    if born is None or born + MAX_AGE >= this_year:
        return None
    return f"no death recorded; born in {born}, and nobody is taken to live past {MAX_AGE}"


def why_not_living(latest_birth: int) -> str:
    """Why someone with no death recorded is counted as not living, for the API to say."""
    return (
        f"no death recorded; born in {latest_birth} at the latest (by their own dates and "
        f"their family's), and nobody is taken to live past {MAX_AGE}"
    )


BURIED = "no death recorded; a burial or cremation is"
# When a worker changes the birth date of someone counted as not living from an imported tree's
# dates: the count stands until someone records otherwise, but its reason may no longer hold.
RECHECK = (
    "worked out from an imported family tree's dates before the birth date was changed here: "
    "record whether they are living"
)
