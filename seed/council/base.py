"""Generating the synthetic council (see `seed.council`): the people and ties every part of the
generator makes, and the council they are made into. Everything comes from the seed number, in
memory; nothing is written here."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from seed.council.tables import _DEATHS, _GIVEN, _KNOWN_AS, _TEAM_NAMES

REFERENCE_DATE: Final = date(2026, 11, 1)
# When the council's records were "loaded": every created_at of the seeded data.
LOADED_AT: Final = "2026-11-01T08:00:00Z"
CREATED_BY: Final = "council-seed"


def _stream(*key: object) -> random.Random:
    """A random stream of its own for each family, young person, pool member and team: the same
    key gives the same draws (a string seed is hashed with SHA-512, whatever PYTHONHASHSEED)."""
    return random.Random(":".join(str(k) for k in key))  # noqa: S311 - made-up people, no secrets


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def _between(rng: random.Random, a: date, b: date) -> date:
    return a if b <= a else a + timedelta(days=rng.randint(0, (b - a).days))


def _birthday(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randint(0, 364))


def _month(d: date) -> str:
    return d.isoformat()[:7]


def _partial(rng: random.Random, d: date, *, old: bool) -> str:
    """A date as a family remembers it: older people's more often a year alone."""
    r = rng.random()
    if r < (0.45 if old else 0.7):
        return d.isoformat()
    if r < (0.65 if old else 0.85):
        return d.isoformat()[:7]
    return str(d.year)


def _at(d: date, hour: int) -> str:
    return f"{d.isoformat()}T{hour:02d}:00:00Z"


@dataclass
class _Person:
    """What generating the rest needs to know about a person; the row is what is stored."""

    id: str
    sex: str
    born: date
    died: date | None
    family_name: str
    given_name: str
    networks: tuple[str, ...]
    distance: int  # generations to the young person (Ga + Gb); 9 for others
    side: str  # maternal, paternal, own (the young person's generation and below), other

    @property
    def living(self) -> bool:
        return self.died is None

    def age(self) -> int:
        return (REFERENCE_DATE - self.born).days // 365


@dataclass
class Council:
    """Everything a council holds, as the rows the writing queries take."""

    seed: int
    prefix: str
    young_people: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    networks: dict[str, list[str]] = field(default_factory=dict)
    links: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    allocations: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    connections: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    households: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    wishes: list[dict[str, Any]] = field(default_factory=list)
    side_wishes: list[dict[str, Any]] = field(default_factory=list)
    external_ids: list[dict[str, Any]] = field(default_factory=list)  # other than case ids

    def counts(self) -> dict[str, int]:
        """What the council holds: nodes by label and relationships by type."""
        links: dict[str, int] = {}
        for link in self.links:
            links[link["type"]] = links.get(link["type"], 0) + 1
        history = sum(len(c["history"]) for c in self.connections)
        contacts = sum(len(c["contacts"]) for c in self.connections)
        commitments = sum(len(c["commitments"]) for c in self.connections)
        lives = sum(len(h["people"]) for h in self.households)
        return {
            "Person": len(self.people) + len(self.young_people),
            "YoungPerson": len(self.young_people),
            "ExternalId": len(self.young_people) + len(self.external_ids),
            "User": len(self.users),
            "TimelineEntry": len(self.timeline),
            "Connection": len(self.connections),
            "StageChange": history,
            "Contact": contacts,
            "Commitment": commitments,
            "Flag": len(self.flags),
            "Address": len(self.households),
            "IN_NETWORK_OF": sum(len(v) for v in self.networks.values()),
            "PARENT_OF": links.get("parent", 0),
            "PARTNER_OF": links.get("partner", 0),
            "SIBLING_OF": links.get("sibling", 0),
            "TRUSTED_ADULT_OF": links.get("trusted_adult", 0),
            "IDENTIFIED_BY": len(self.young_people) + len(self.external_ids),
            "ALLOCATED_TO": len(self.allocations),
            "TIMELINE": len(self.timeline),
            "INVOLVES": sum(len(e["people"]) for e in self.timeline),
            "HAS_CONNECTION": len(self.connections),
            "WITH": len(self.connections),
            "STAGE_CHANGE": history,
            "HAD_CONTACT": contacts,
            "COMMITS": commitments,
            "HAS_FLAG": len(self.flags),
            "LIVES_AT": lives,
            "RESTRICTED_BY_ORDER": len(self.orders),
            "WISH": len(self.wishes),
        }

    @property
    def person_count(self) -> int:
        return len(self.people) + len(self.young_people)

    @property
    def relationship_count(self) -> int:
        return sum(n for k, n in self.counts().items() if k.isupper())


class _Base:
    """What the generator holds while it builds a council family by family, and the people and
    ties every part of it makes; each family draws from its own random stream."""

    def __init__(self, *, seed: int, young_people: int, team_count: int) -> None:
        if young_people < 1:
            raise ValueError("a council needs at least one young person")
        if team_count < 1:
            raise ValueError("a council needs at least one team")
        self.seed = seed
        self.n = young_people
        self.team_count = team_count
        self.prefix = f"c{seed}"
        self.width = max(4, len(str(young_people)))
        self.out = Council(seed=seed, prefix=self.prefix)
        self.rng = _stream(seed, "start")  # replaced per family and pool member
        self.known: dict[str, _Person] = {}  # the people of the family being built
        self.rows: dict[str, dict[str, Any]] = {}  # their rows, for names changed on marriage
        self.link_ids: set[str] = set()
        self.pool_members: set[tuple[str, str]] = set()
        self.pool: dict[str, _Person] = {}  # foster carers, teachers, workers met so far
        self.person_no = 0
        self.previous_adults: list[_Person] = []  # the family before: for shared households
        self.team_load: dict[int, int] = {}
        # Set as the council is built (`_Generator.generate`), read by the parts that make it.
        self.family_team = 0
        self.links_from = 0
        self.coordinator_of: dict[str, str] = {}
        self.social_worker_of: dict[str, str] = {}
        self.co_from: dict[str, date] = {}
        self.flag_levels: dict[str, int] = {}  # everyone flagged so far
        self.housemates: dict[str, str] = {}
        self.approved: set[str] = set()  # people approved for contact with a young person

    # --- ids -------------------------------------------------------------------------------
    def yp_id(self, i: int) -> str:
        return f"{self.prefix}-yp-{i:0{self.width}d}"

    def new_person_id(self) -> str:
        self.person_no += 1
        return f"{self.prefix}-p-{self.person_no:06d}"

    def team(self, team_no: int) -> str:
        if team_no < len(_TEAM_NAMES):
            return _TEAM_NAMES[team_no]
        return f"team-{team_no + 1}"

    def user_id(self, team_no: int, role: str, k: int) -> str:
        return f"{self.prefix}-user-{self.team(team_no)}-{role.replace('_', '-')}-{k}"

    # --- people and ties ---------------------------------------------------------------------
    def given(self, sex: str, born: date) -> str:
        era = 0 if born.year < 1955 else 1 if born.year < 1985 else 2
        return self.rng.choice(_GIVEN[(sex, era)])

    def death(self, born: date, *, young: bool = False) -> date | None:
        """Whether (and when) someone born then has died by the reference date."""
        y = born.year
        chance = next(c for year, c in _DEATHS if y < year)
        if young:
            chance = 0.002
        if self.rng.random() >= chance:
            return None
        earliest = _days(born, 365 * (55 if y < 1945 else 20 if not young else 1))
        latest = min(_days(born, 365 * 97), _days(REFERENCE_DATE, -30))
        return _between(self.rng, earliest, latest) if earliest < latest else latest

    def person(
        self,
        sex: str,
        born: date,
        family_name: str,
        *,
        networks: tuple[str, ...],
        distance: int,
        side: str,
        died: date | None = None,
        alive: bool = False,
        notes: str | None = None,
        pid: str | None = None,
    ) -> _Person:
        rng = self.rng
        if died is None and not alive:
            died = self.death(born, young=born.year >= 1990)
        given = self.given(sex, born)
        p = _Person(pid or self.new_person_id(), sex, born, died, family_name, given, networks,
                    distance, side)  # fmt: skip
        old = born.year < 1960
        row = {
            "id": p.id, "given_name": given, "family_name": family_name,
            "known_as": _KNOWN_AS.get(given) if rng.random() < 0.08 else None,
            "sex": sex, "birth_date": _partial(rng, born, old=old),
            "death_date": _partial(rng, died, old=old) if died else None,
            "living": died is None, "notes": notes,
        }  # fmt: skip
        self.out.people.append(row)
        self.rows[p.id] = row
        self.known[p.id] = p
        for yp in networks:
            self.out.networks.setdefault(yp, []).append(p.id)
        return p

    def link(self, type_: str, a: str, b: str, **props: Any) -> None:
        props["id"] = f"{type_}_{a}_{b}" + (f"_{props['role']}" if "role" in props else "")
        if props["id"] in self.link_ids:
            return  # the same tie twice (a key worker of two placements): once is enough
        self.link_ids.add(props["id"])
        self.out.links.append({"type": type_, "from_id": a, "to_id": b, "props": props})

    def parent(self, parent: _Person, child: _Person, kind: str = "birth") -> None:
        self.link("parent", parent.id, child.id, kind=kind)

    def partners(self, a: _Person, b: _Person, kind: str, since: date, until: date | None) -> None:
        old = since.year < 1970
        self.link("partner", a.id, b.id, kind=kind,
                  since=_partial(self.rng, since, old=old) if self.rng.random() < 0.9 else None,
                  until=_partial(self.rng, until, old=old) if until else None)  # fmt: skip

    def partnership_kind(self, year: int) -> str:
        if year < 1975:
            return str(_pick(self.rng, (("married", 85), ("divorced", 10), ("separated", 5))))
        if year < 2000:
            return str(_pick(self.rng, (("married", 45), ("divorced", 18), ("cohabiting", 20),
                                         ("separated", 14), ("civil_partnership", 3))))  # fmt: skip
        return str(_pick(self.rng, (("cohabiting", 45), ("married", 28), ("separated", 22),
                                     ("civil_partnership", 5))))  # fmt: skip
