"""Generating the synthetic council (see `seed.council`): everything from the seed number, in
memory; nothing is written here."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from service.data.safeguarding import address_key
from service.workflow import APPROACH_STAGES

REFERENCE_DATE: Final = date(2026, 11, 1)
# When the council's records were "loaded": every created_at of the seeded data.
LOADED_AT: Final = "2026-11-01T08:00:00Z"
CREATED_BY: Final = "council-seed"

FEMALE: Final = "female"
MALE: Final = "male"


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_TEAM_NAMES: Final = ("north", "south", "east", "west", "central", "city", "valley", "coast",
                      "moor", "riverside", "leaving-care", "disabled-children")  # fmt: skip

# Given names by era of birth (before 1955, 1955-1984, from 1985), surnames, places.
_GIVEN: Final[dict[tuple[str, int], tuple[str, ...]]] = {
    (FEMALE, 0): _names("Margaret Jean Ada Edna Joan Dorothy Irene Elsie Doris Joyce Betty Eileen "
                       "Kathleen Maureen Pauline Patricia Sheila Brenda Barbara Sylvia Audrey "
                       "Marjorie Violet Winifred Mavis Hilda Ivy Gladys Rita Shirley Valerie Ann "
                       "Mary Elizabeth Rose Evelyn Vera Phyllis June Beryl Bridget"),
    (FEMALE, 1): _names("Susan Karen Julie Tracey Donna Sharon Nicola Joanne Lisa Michelle Kerry "
                       "Claire Sarah Emma Angela Deborah Amanda Helen Louise Kelly Samantha "
                       "Rachel Dawn Jacqueline Lorraine Mandy Natalie Stacey Gemma Leanne Hayley "
                       "Kirsty Zoe Rebecca Laura Victoria Caroline Fiona Jennifer Siobhan Nadia "
                       "Priya Aisha Fatima Yasmin"),
    (FEMALE, 2): _names("Chelsea Ruby Lily Amber Poppy Mia Isla Freya Evie Ava Maisie Lexi Tia "
                       "Sophie Olivia Amelia Grace Ella Chloe Jessica Megan Ellie Lucy Holly "
                       "Millie Isabella Harper Rosie Niamh Aoife Saoirse Lola Willow Daisy Phoebe "
                       "Scarlett Erin Skye Hannah Zara Aaliyah Maya Imani Layla Esme"),
    (MALE, 0): _names("Walter Ronald Harold Thomas Albert Frederick Arthur George Ernest Stanley "
                     "Leonard Kenneth Dennis Norman Raymond Gordon Frank Patrick Brian Roy "
                     "Donald Eric Alfred Harry Sidney Cyril Percy William John James Robert "
                     "Michael Peter Jack Bernard Douglas Colin Derek Keith Malcolm"),
    (MALE, 1): _names("Craig Darren Gary Sean Mark Paul Lee Dean Jason Wayne Shaun Steven Andrew "
                     "Stephen Graham Alan Kevin Martin Neil Richard Simon Christopher Anthony "
                     "Carl Scott Matthew Daniel David Jamie Ryan Adam Gavin Shane Declan Michael "
                     "Robert Jonathan Ian Tariq Imran Kwame Tomasz"),
    (MALE, 2): _names("Kai Jordan Mason Tyler Connor Liam Ethan Noah Oliver Harry Jack Charlie "
                     "George Alfie Leo Archie Oscar Freddie Harvey Callum Kieran Riley Kayden "
                     "Jake Sam Luke Reece Lewis Owen Fionn Ciaran Logan Finley Theo Max Arlo "
                     "Reggie Jayden Ayaan Zain Musa Kacper Ibrahim Elijah"),
}  # fmt: skip
_SURNAMES: Final = _names(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
    "James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook "
    "Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall "
    "Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray "
    "Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd "
    "Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed "
    "Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford "
    "Pearce Day Brennan Doyle Byrne Lowe Pickering Hartley Reid Okafor Adeyemi Nowak Kowalski "
    "Mensah Boateng O'Neill McLeod Grant"
)
_KNOWN_AS: Final = {
    "Margaret": "Maggie", "Elizabeth": "Liz", "Kathleen": "Kath", "Patricia": "Pat",
    "Jacqueline": "Jackie", "Samantha": "Sam", "Rebecca": "Becky", "Victoria": "Vicky",
    "Jennifer": "Jen", "Michael": "Mick", "William": "Bill", "Robert": "Bob", "Frederick": "Fred",
    "Anthony": "Tony", "Christopher": "Chris", "Stephen": "Steve", "Kenneth": "Ken",
    "Leonard": "Len", "Raymond": "Ray", "Jonathan": "Jon", "Alexander": "Alex", "Daniel": "Danny",
}  # fmt: skip
_TOWNS: Final = _names(
    "Leeds Bradford Wakefield Halifax Huddersfield Dewsbury Keighley Pontefract "
    "Castleford Batley Morley Pudsey Otley Ilkley Harrogate York Doncaster "
    "Barnsley Rotherham Sheffield"
)
_OUTWARD: Final = ("LS6", "LS9", "LS11", "BD3", "BD7", "WF1", "WF10", "HX1", "HD1", "WF13")
_STREETS: Final = ("Mill Lane", "Church Street", "Station Road", "Park Avenue", "Victoria Road",
                   "Queen Street", "Chapel Street", "Moor Lane", "Beech Grove", "Oak Road",
                   "Albert Terrace", "Springfield Road", "Highfield Close", "Manor Way",
                   "Green Lane", "Castle Street", "Westfield Drive", "Hollins Lane")  # fmt: skip
_SCHOOL_NAMES: Final = ("Oakfield", "Beechwood", "St Mary's", "Hillside", "Meadowbank",
                        "Greenhill", "Riverside", "Westfield", "Brookside", "Moorland", "Ashgrove",
                        "Holy Trinity", "St Anne's", "Parkside", "Woodlands", "Highfield",
                        "Lawnswood", "Fieldhead", "Crossley", "Thornton")  # fmt: skip
_HOMES: Final = ("Willow House", "The Beeches", "Rowan Lodge", "Hawthorn House", "Elm Court")

_FLAG_KINDS: Final[dict[int, tuple[tuple[str, str], ...]]] = {
    1: (("hazard_to_staff", "Aggressive to staff at a home visit."),),
    2: (("allegation", "An allegation under investigation; no finding yet."),
        ("child_protection_enquiry", "Named in a substantiated section 47 enquiry."),
        ("other", "Concerns raised by a school; ask before any contact.")),
    3: (("person_posing_risk_to_children", "Convicted of an offence against a child."),
        ("mappa_managed_offender", "Managed under MAPPA category 1."),
        ("finding_of_fact", "Finding of fact in care proceedings."),
        ("domestic_abuse_perpetrator", "Heard at MARAC after an incident at home.")),
}  # fmt: skip
_FLAG_SOURCES: Final = ("MARAC", "MAPPA meeting", "Police disclosure", "Strategy meeting",
                        "Family court", "LADO referral")  # fmt: skip
_ORDER_KINDS: Final = (
    ("section_34_contact_order", "No contact while the order stands."),
    ("restraining_order", "No contact, direct or indirect, including online."),
    ("non_molestation_order", "Not to approach the young person's home."),
    ("prohibited_steps_order", "Not to remove the young person from care."),
)

# Who has died by the reference date: the share of those born before each year.
_DEATHS: Final = ((1925, 0.97), (1935, 0.85), (1945, 0.55), (1955, 0.25), (1965, 0.08),
                  (1980, 0.03), (10_000, 0.01))  # fmt: skip
_STAGE_PATH: Final = ("identified", "located", "awaiting_safety_check", "approved",
                      "young_person_agreed", "contacted", "willing", "invited", "attended",
                      "in_plan")  # fmt: skip
# Where connections stand, and how many of them (weights).
_STAGES: Final = (("identified", 18), ("located", 10), ("awaiting_safety_check", 10),
                  ("approved", 7), ("not_approved", 4), ("young_person_agreed", 5),
                  ("contacted", 7), ("willing", 8), ("declined", 5), ("invited", 5),
                  ("attended", 5), ("in_plan", 16))  # fmt: skip
_REASONS: Final = {
    "identified": ("Named by the young person", "Found in the family tree",
                   "Got in touch asking about the young person", "Named in the care file"),
    "approved": ("No concerns known", "Checks clear"),
    "not_approved": ("A level 3 flag: not safe to approach",),
    "young_person_agreed": ("The young person asked for it", "Agreed at a review"),
    "contacted": ("Home visit", "Phone call", "Letter sent"),
    "declined": ("Not ready for contact", "Does not want to be involved"),
    "attended": ("Family Group Conference",),
    "in_plan": ("Lifelong Links plan agreed",),
}  # fmt: skip
_COMMITMENTS: Final = (((7, "A video call every week"), 2),
                       ((14, "A phone call every other Sunday"), 4),
                       ((30, "A visit once a month"), 4), ((60, "A day out every two months"), 2),
                       ((91, "A visit in each school holiday"), 2),
                       ((182, "A letter twice a year"), 1),
                       ((365, "A card and a call on their birthday"), 1))  # fmt: skip
_CONTACT_MODES: Final = (("visit", 4), ("call", 5), ("text", 3), ("letter_or_card", 2),
                         ("video", 2), ("social_media", 1))  # fmt: skip
_DIRECTIONS: Final = (("both_ways", 6), ("to_young_person", 3), ("from_young_person", 2))

# How many young people share the pools of foster carers, schools and workers.
_BLOCK: Final = 100
_CARER_HOUSEHOLDS: Final = 45
_PRIMARIES: Final = 8
_SECONDARIES: Final = 4
_TEACHERS: Final = 6
_WORKERS: Final = 8
_YOUTH_WORKERS: Final = 4
# Caseloads: young people per coordinator and per social worker.
_COORDINATOR_LOAD: Final = 22
_SOCIAL_WORKER_LOAD: Final = 16


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


class _Generator:
    """Builds a council family by family; each family draws from its own random stream."""

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

    def kid_count(self, mother_born: int) -> int:
        r = self.rng
        if mother_born < 1930:
            return int(r.choices([1, 2, 3, 4, 5, 6], [1, 2, 3, 3, 2, 1])[0])
        if mother_born < 1950:
            return int(r.choices([1, 2, 3, 4, 5], [2, 4, 3, 2, 1])[0])
        if mother_born < 1970:
            return int(r.choices([0, 1, 2, 3, 4], [1, 2, 4, 2, 1])[0])
        if mother_born < 1990:
            return int(r.choices([0, 1, 2, 3, 4], [2, 3, 4, 2, 1])[0])
        return int(r.choices([0, 1, 2, 3], [3, 3, 2, 1])[0])

    def kid_born(self, a: _Person, b: _Person | None) -> date | None:
        """A child's birthday for these parents, or None when it cannot be before the reference
        date or after a mother's death."""
        mother = a if a.sex == FEMALE else b if b is not None and b.sex == FEMALE else None
        base = (mother or a).born
        born = _days(base, int(365.25 * self.rng.triangular(18, 43, 26)))
        limit = _days(REFERENCE_DATE, -60)
        for p in (a, b):
            if p is not None and p.died is not None:
                limit = min(limit, p.died if p is mother else _days(p.died, 270))
        return born if born < limit else None

    def partner_for(
        self,
        p: _Person,
        *,
        since: date | None = None,
        current: bool | None = None,
        same_sex: bool | None = None,
    ) -> tuple[_Person, date | None]:
        """An outsider who is (or was) the partner of `p`, in p's networks."""
        rng = self.rng
        if same_sex is None:
            same_sex = rng.random() < 0.04
        sex = p.sex if same_sex else (MALE if p.sex == FEMALE else FEMALE)
        born = min(_days(p.born, rng.randint(-6 * 365, 4 * 365)), _days(REFERENCE_DATE, -18 * 365))
        since = since or _days(p.born, int(365.25 * rng.uniform(18, 34)))
        since = min(since, _days(REFERENCE_DATE, -90))
        kind = self.partnership_kind(since.year)
        if current is True:
            kind = "married" if since.year < 1990 and rng.random() < 0.7 else "cohabiting"
        elif current is False and kind not in ("separated", "divorced"):
            kind = "divorced" if kind == "married" else "separated"
        if same_sex and kind == "married" and since.year < 2014:
            kind = "civil_partnership"
        until = None
        if kind in ("separated", "divorced"):
            until = _between(rng, _days(since, 365), _days(since, 365 * 15))
            until = min(until, _days(REFERENCE_DATE, -30))
        name = p.family_name if kind in ("married", "civil_partnership") else rng.choice(_SURNAMES)
        other = self.person(sex, born, name, networks=p.networks, distance=p.distance + 1,
                            side=p.side)  # fmt: skip
        self.partners(p, other, kind, since, until)
        return other, until

    def descend(self, p: _Person, levels: int, *, co_parent: _Person | None = None) -> None:
        """p's partners and children, and theirs, `levels` generations down."""
        rng = self.rng
        if levels <= 0 or p.age() < 18:
            return
        partners: list[_Person | None] = []
        if co_parent is not None:
            partners.append(co_parent)
        elif p.age() >= 20 and rng.random() < 0.72:
            partner, until = self.partner_for(p)
            if partner.sex == p.sex:
                # A same-sex couple: an adopted child now and then.
                if rng.random() < 0.4:
                    self.children(p, partner, 1, levels, kind="adoptive")
                return
            partners.append(partner)
            if until is not None and rng.random() < 0.45:
                later, _ = self.partner_for(p, since=_days(until, rng.randint(90, 1500)),
                                            current=True, same_sex=False)  # fmt: skip
                partners.append(later)
        elif rng.random() < 0.6:
            # Children with someone never a partner: their other parent, known by name.
            born = min(
                _days(p.born, rng.randint(-5 * 365, 4 * 365)), _days(REFERENCE_DATE, -18 * 365)
            )
            sex = MALE if p.sex == FEMALE else FEMALE
            partners.append(self.person(sex, born, rng.choice(_SURNAMES), networks=p.networks,
                                        distance=p.distance + 1, side=p.side))  # fmt: skip
        else:
            partners.append(None)
        mother = p if p.sex == FEMALE else partners[0] or p
        total = self.kid_count(mother.born.year)
        for k, co in enumerate(partners):
            share = total if len(partners) == 1 else (total + 1) // 2 if k == 0 else total // 2
            self.children(p, co, share, levels)

    def children(self, a: _Person, b: _Person | None, count: int, levels: int,
                 *, kind: str = "birth") -> None:  # fmt: skip
        father = a if a.sex == MALE else b if b is not None and b.sex == MALE else None
        for _ in range(count):
            born = self.kid_born(a, b)
            if born is None:
                continue
            name = father.family_name if father is not None else a.family_name
            kid = self.person(self.rng.choice((FEMALE, MALE)), born, name, networks=a.networks,
                              distance=a.distance + 1, side=a.side)  # fmt: skip
            self.parent(a, kid, kind)
            if b is not None:
                self.parent(b, kid, kind)
            self.descend(kid, levels - 1)

    def ancestors(self, child: _Person, level: int) -> None:
        """The parents of `child` (who is `level - 1` generations above the young person), their
        other children and their lines, and so on up to great-great-grandparents."""
        rng = self.rng
        if level > 4:
            return
        unknown_mother = {2: 0.03, 3: 0.08, 4: 0.3}[level]
        unknown_father = {2: 0.1, 3: 0.12, 4: 0.35}[level]
        down = {2: 3, 3: 4, 4: 3}[level]  # how far the other children's lines are followed
        dist = level
        mother = father = None
        if rng.random() >= unknown_mother:
            born = _days(child.born, -int(365.25 * rng.triangular(17, 42, 25)))
            mother = self.person(FEMALE, born, child.family_name, networks=child.networks,
                                 distance=dist, side=child.side)  # fmt: skip
        if rng.random() >= unknown_father:
            base = mother.born if mother else _days(child.born, -26 * 365)
            born = _days(base, -rng.randint(-3 * 365, 8 * 365))
            father = self.person(MALE, born, child.family_name, networks=child.networks,
                                 distance=dist, side=child.side)  # fmt: skip
        for parent in (mother, father):
            if parent is not None:
                self.parent(parent, child)
        if mother is not None and father is not None:
            since = _days(child.born, -rng.randint(200, 6 * 365))
            kind = "married" if since.year < 1975 else self.partnership_kind(since.year)
            until = None
            if kind in ("separated", "divorced"):
                until = min(_between(rng, _days(child.born, 200), _days(child.born, 12 * 365)),
                            _days(REFERENCE_DATE, -30))  # fmt: skip
            if rng.random() < 0.93:
                self.partners(mother, father, kind, since, until)
            if mother.family_name != father.family_name and kind == "married":
                row = self.rows[mother.id]
                row["notes"] = f"Born {mother.given_name} {mother.family_name}."
                row["family_name"] = mother.family_name = father.family_name
        # The child's brothers and sisters, and their lines.
        if mother is not None or father is not None:
            a = mother or father
            assert a is not None
            others = max(0, self.kid_count(a.born.year) - 1)
            for _ in range(others):
                sib_born = self.kid_born(a, father if a is mother else None)
                if sib_born is None:
                    continue
                name = father.family_name if father is not None else a.family_name
                sib = self.person(rng.choice((FEMALE, MALE)), sib_born, name,
                                  networks=child.networks, distance=dist + 1,
                                  side=child.side)  # fmt: skip
                for parent in (mother, father):
                    if parent is not None:
                        self.parent(parent, sib)
                # The oldest lines are followed one generation less, mostly.
                self.descend(sib, down - (1 if level < 4 or rng.random() < 0.45 else 2))
            # A grandmother's children by another partner: half-aunts and half-uncles.
            if mother is not None and level == 2 and rng.random() < 0.2:
                other, _ = self.partner_for(mother, current=False, same_sex=False)
                self.children(mother, other, rng.randint(1, 2), down)
        elif level == 4 and rng.random() < 0.6:
            # Parents unknown: brothers and sisters known only by a sibling tie.
            for _ in range(rng.randint(1, 2)):
                born = _days(child.born, rng.randint(-8 * 365, 8 * 365))
                sib = self.person(rng.choice((FEMALE, MALE)), born, child.family_name,
                                  networks=child.networks, distance=dist + 1, side=child.side,
                                  notes="Known from family letters; their parents are not "
                                        "recorded.")  # fmt: skip
                self.link("sibling", child.id, sib.id, half=rng.random() < 0.15)
                self.descend(sib, 2)
        for parent in (mother, father):
            if parent is not None:
                self.ancestors(parent, level + 1)

    # --- a family around one young person, or two brothers and sisters in care -------------
    def family(self, first: int, pair: bool) -> list[_Person]:
        """The family of young person `first` (and `first + 1` when `pair`); returns them."""
        rng = self.rng
        self.known = {}
        self.rows = {}
        in_care = rng.random() < 0.86
        age = rng.randint(1, 17) if in_care else rng.randint(18, 24)
        yp_born = _days(REFERENCE_DATE, -(age * 365 + rng.randint(1, 360)))
        full = rng.random() < 0.75
        one = self.yp_id(first)
        two = self.yp_id(first + 1) if pair and first + 1 <= self.n else None
        both: tuple[str, ...] = (one, two) if two else (one,)
        # The second child of a pair is always made, so that a council whose last family is cut
        # short is still the start of a larger one; past the last young person it is a sibling.
        surname = rng.choice(_SURNAMES)
        mother = self.person(FEMALE, _days(yp_born, -int(365.25 * rng.triangular(16, 40, 23))),
                             surname, networks=both, distance=1, side="maternal")  # fmt: skip
        father_known = rng.random() >= 0.1
        father = None
        if father_known:
            father = self.person(MALE, _days(mother.born, -rng.randint(-3 * 365, 9 * 365)),
                                 rng.choice(_SURNAMES), networks=(one,) if not full else both,
                                 distance=1, side="paternal")  # fmt: skip
        yp_name = father.family_name if father is not None and rng.random() < 0.6 else surname
        yp = self.young_person(one, yp_born, yp_name, in_care, networks=(two,) if two else ())
        kids = [yp]
        if father is not None:
            since = _days(yp_born, -rng.randint(100, 5 * 365))
            kind = self.partnership_kind(since.year)
            ended = rng.random() < 0.7
            if ended and kind not in ("separated", "divorced"):
                kind = "divorced" if kind in ("married", "civil_partnership") else "separated"
            until = _between(rng, _days(yp_born, 30), min(_days(yp_born, 8 * 365),
                                                          _days(REFERENCE_DATE, -30)))  # fmt: skip
            self.partners(mother, father, kind, since, until if ended else None)
            self.parent(father, yp)
        self.parent(mother, yp)
        # The second of the pair: a full sibling, or a maternal half-sibling.
        second_born = _days(yp_born, rng.choice((-1, 1)) * rng.randint(300, 5 * 365))
        second_born = min(second_born, _days(REFERENCE_DATE, -200))
        second_father = father if full else None
        if not full:
            second_father = self.person(MALE, _days(mother.born, -rng.randint(-2 * 365, 8 * 365)),
                                        rng.choice(_SURNAMES), networks=(two,) if two else (one,),
                                        distance=1, side="paternal")  # fmt: skip
            self.partners(mother, second_father, "separated",
                          _days(second_born, -rng.randint(200, 900)),
                          _between(rng, second_born, _days(REFERENCE_DATE, -60)))  # fmt: skip
        if pair:
            name = second_father.family_name if second_father is not None else surname
            if two:
                second = self.young_person(two, second_born, name, in_care, networks=(one,))
            else:
                # Past the last young person: the same child, not (yet) in care.
                second = self.young_person(f"{self.prefix}-p-yp{first + 1:0{self.width}d}",
                                           second_born, name, in_care, networks=(one,),
                                           young=False)  # fmt: skip
            self.parent(mother, second)
            if second_father is not None:
                self.parent(second_father, second)
            kids.append(second)
        # Other full brothers and sisters, not in care.
        for _ in range(int(rng.choices([0, 1, 2, 3], [4, 3, 2, 1])[0])):
            born = min(_days(yp_born, rng.randint(-9 * 365, 6 * 365)), _days(REFERENCE_DATE, -90))
            if father is None or born < _days(mother.born, 16 * 365):
                continue
            sib = self.person(rng.choice((FEMALE, MALE)), born, yp_name, networks=both,
                              distance=2, side="own")  # fmt: skip
            self.parent(mother, sib)
            self.parent(father, sib)
            self.descend(sib, 2)
        # The mother's later (or earlier) partner: half-siblings; a current one is a step-parent.
        if rng.random() < 0.5:
            current = rng.random() < 0.6
            since = _days(yp_born, rng.randint(365, 9 * 365))
            step, _ = self.partner_for(mother, since=since, current=current, same_sex=False)
            self.children(mother, step, int(rng.choices([0, 1, 2], [3, 4, 2])[0]), 2)
            if current and rng.random() < 0.25:
                self.parent(step, yp, "step")
            if current and rng.random() < 0.4:
                # The step-parent's own children from before: step-brothers and sisters.
                self.children(step, None, rng.randint(1, 2), 2)
        # The father's children with other partners: paternal half-siblings.
        if father is not None and rng.random() < 0.55:
            other, _ = self.partner_for(father, current=rng.random() < 0.5, same_sex=False)
            self.children(father, other, rng.randint(1, 3), 2)
        # A care leaver's own baby, now and then, with the baby's other parent.
        if not in_care and age >= 19 and rng.random() < 0.2:
            born = _days(REFERENCE_DATE, -rng.randint(60, 700))
            other = self.person(MALE if yp.sex == FEMALE else FEMALE,
                                _days(yp.born, rng.randint(-3 * 365, 365)), rng.choice(_SURNAMES),
                                networks=both, distance=1, side="own", alive=True)  # fmt: skip
            self.partners(yp, other, rng.choice(("cohabiting", "separated")),
                          _days(born, -rng.randint(300, 700)), None)  # fmt: skip
            baby = self.person(rng.choice((FEMALE, MALE)), born, yp.family_name, networks=both,
                               distance=1, side="own", alive=True)  # fmt: skip
            self.parent(yp, baby)
            self.parent(other, baby)
        # Both sides, up to great-great-grandparents.
        self.ancestors(mother, 2)
        if father is not None:
            self.ancestors(father, 2)
        if second_father is not None and second_father is not father:
            self.ancestors(second_father, 2)
        return kids

    def young_person(
        self,
        pid: str,
        born: date,
        family_name: str,
        in_care: bool,
        *,
        networks: tuple[str, ...],
        young: bool = True,
    ) -> _Person:
        """A young person (or, with `young` false, their brother or sister, drawn alike)."""
        rng = self.rng
        sex = rng.choice((FEMALE, MALE))
        given = self.given(sex, born)
        p = _Person(pid, sex, born, None, family_name, given, networks, 0, "own")
        self.known[pid] = p
        row = {"id": pid, "given_name": given, "family_name": family_name, "known_as": None,
               "sex": sex, "birth_date": born.isoformat(), "death_date": None, "living": True,
               "notes": None}  # fmt: skip
        if young:
            self.out.young_people.append({
                **row, "care_status": "in_care" if in_care else "care_leaver",
                "team": self.team(self.family_team),
                "external_id": {"system": f"council-{self.prefix}",
                                "value": f"CASE-{pid.rsplit('-', 1)[1]}"},
            })  # fmt: skip
        else:
            self.out.people.append(row)
        for yp in networks:
            self.out.networks.setdefault(yp, []).append(pid)
        return p

    # --- pools: foster carers, schools and workers shared by young people ------------------
    def pool_person(self, kind: str, block: int, k: int, sex: str | None = None) -> _Person:
        pid = f"{self.prefix}-{kind}-{block:03d}-{k:03d}"
        if pid in self.pool:
            return self.pool[pid]
        saved, self.rng = self.rng, _stream(self.seed, "pool", pid)
        try:
            rng = self.rng
            born = _birthday(rng, REFERENCE_DATE.year - rng.randint(26, 64))
            # In the networks of the young people they are tied to (see `tie`), only.
            p = self.person(sex or rng.choice((FEMALE, MALE)), born, rng.choice(_SURNAMES),
                            networks=(), distance=9, side="other", alive=True, pid=pid)  # fmt: skip
            del self.known[pid]
        finally:
            self.rng = saved
        self.pool[pid] = p
        return p

    def carers(self, block: int, k: int) -> list[_Person]:
        first = self.pool_person("carer", block, 2 * k, FEMALE if k % 5 else MALE)
        if k % 3 == 2:
            return [first]  # a single carer
        key = f"{self.prefix}-carer-{block:03d}-{2 * k + 1:03d}"
        known = key in self.pool
        second = self.pool_person("carer", block, 2 * k + 1, MALE if k % 5 else FEMALE)
        if not known:
            married = min(_days(first.born, 30 * 365), _days(REFERENCE_DATE, -365))
            self.partners(first, second, "married", married, None)
        return [first, second]

    def tie(self, adult: _Person, yp: _Person, role: str, since: date, until: date | None,
            *, strength: str | None = None, stressful: bool | None = None,
            notes: str | None = None) -> None:  # fmt: skip
        rng = self.rng
        if strength is None:
            strength = str(_pick(rng, (("strong", 4), ("moderate", 5), ("tenuous", 2))))
        if stressful is None:
            stressful = rng.random() < 0.08
        self.link("trusted_adult", adult.id, yp.id, role=role, since=_month(since),
                  until=_month(until) if until else None, strength=strength,
                  stressful=stressful, notes=notes)  # fmt: skip
        if not adult.networks and (adult.id, yp.id) not in self.pool_members:
            self.pool_members.add((adult.id, yp.id))
            self.out.networks.setdefault(yp.id, []).append(adult.id)

    # --- the young person's life in care ---------------------------------------------------
    def care(self, yp: _Person, first: int, relatives: list[_Person], team_no: int) -> None:
        rng = self.rng
        block = (first - 1) // _BLOCK
        sw = self.user_id(team_no, "social_worker", self.load(team_no, "sw"))
        age_now = yp.age()
        entry_age = rng.uniform(0.2, min(age_now, 16.0) - 0.1) if age_now > 1 else 0.3
        entry = _days(yp.born, int(365.25 * entry_age))
        leaving = _days(yp.born, 18 * 365 + 5) if age_now >= 18 else None
        end_of_care = leaving or REFERENCE_DATE
        living_rel = [r for r in relatives if r.living and r.age() >= 25 and r.distance <= 3]
        events: list[dict[str, Any]] = []

        def entry_row(kind: str, title: str, place: str | None, since: date, until: date | None,
                      people: list[_Person], note: str | None = None) -> None:  # fmt: skip
            events.append({
                "kind": kind, "title": title, "place": place, "since": since.isoformat(),
                "until": until.isoformat() if until else None, "note": note, "user_id": sw,
                "people": [p.id for p in people],
            })  # fmt: skip

        town = rng.choice(_TOWNS)
        parents = [r for r in relatives if r.distance == 1 and r.side in ("maternal", "paternal")]
        entry_row("lived", "Lived with mum" if parents else "Lived with family", town, yp.born,
                  entry, [p for p in parents[:1] if p.living])  # fmt: skip
        note = "Section 20, then a care order." if rng.random() < 0.5 else None
        entry_row("event", "Came into care", town, entry, None, [], note=note)
        # Placements from entry into care until now (or the 18th birthday).
        start = entry
        span = (end_of_care - entry).days
        n_places = int(rng.choices([1, 2, 3, 4, 5, 6], [3, 4, 4, 3, 2, 1])[0])
        n_places = max(1, min(n_places, span // 120))
        cuts = [*sorted(rng.sample(range(60, span - 30), n_places - 1)), span]
        used: set[int] = set()
        for n, cut in enumerate(cuts):
            until = _days(entry, cut) if n < len(cuts) - 1 or leaving else None
            end = until or REFERENCE_DATE
            if end <= start:
                continue
            place = rng.choice(_TOWNS)
            kin = [r for r in living_rel if r.distance in (2, 3)]
            if n == 0 and kin and rng.random() < 0.15:
                carer = rng.choice(kin)
                self.tie(carer, yp, "foster_carer", start, until, strength="strong",
                         notes="Kinship foster carer.")  # fmt: skip
                entry_row("placement", f"Kinship placement with {carer.given_name} "
                          f"{carer.family_name}", place, start, until, [carer])  # fmt: skip
            elif yp.age() >= 12 and rng.random() < 0.15:
                home = rng.choice(_HOMES)
                worker = self.pool_person("worker", block, 100 + rng.randrange(_WORKERS))
                self.tie(worker, yp, "other", start, until, notes=f"Key worker at {home}.")
                entry_row("placement", f"Children's home: {home}", place, start, until, [worker])
            else:
                choices = [k for k in range(_CARER_HOUSEHOLDS) if k not in used]
                k = rng.choice(choices)
                used.add(k)
                household = self.carers(block, k)
                strength = str(_pick(rng, (("strong", 2), ("moderate", 3), ("tenuous", 1))))
                if (end - start).days > 700:
                    strength = "strong"
                for carer in household:
                    self.tie(carer, yp, "foster_carer", start, until, strength=strength)
                names = " and ".join(c.given_name for c in household)
                title = f"Foster placement with {names} {household[0].family_name}"
                entry_row("placement", title, place, start, until, household)
            start = end
        if leaving is not None:
            entry_row("lived", str(_pick(rng, (("Supported lodgings", 2), ("Own flat", 3),
                                               ("Staying put with former carers", 1)))),
                      rng.choice(_TOWNS), leaving, None, [])  # fmt: skip
        # Schools: primary from 4, secondary from 11 to 16, teachers named in some of them.
        for first_age, last_age, count, word in ((4, 11, _PRIMARIES, "Primary School"),
                                                 (11, 16, _SECONDARIES, "Academy")):  # fmt: skip
            since = _days(yp.born, int(365.25 * first_age) + 240)
            if since >= REFERENCE_DATE:
                continue
            until = _days(yp.born, int(365.25 * last_age) + 230)
            current = until >= REFERENCE_DATE
            school = rng.randrange(count)
            base = 0 if word == "Primary School" else _PRIMARIES
            name = f"{_SCHOOL_NAMES[(block * 7 + base + school) % len(_SCHOOL_NAMES)]} {word}"
            teachers = []
            if rng.random() < 0.6:
                k = (base + school) * 10 + rng.randrange(_TEACHERS)
                teacher = self.pool_person("teacher", block, k)
                t_since = _between(rng, since, min(until, REFERENCE_DATE) - timedelta(days=1))
                t_until = None
                if not current or rng.random() >= 0.6:
                    later = _days(t_since, rng.randint(300, 800))
                    t_until = min(later, until, _days(REFERENCE_DATE, -1))
                self.tie(teacher, yp, "teacher", t_since, t_until)
                teachers.append(teacher)
            entry_row("school", name, rng.choice(_TOWNS), since, None if current else until,
                      teachers)  # fmt: skip
        # Workers who are people of the network too (not users of the service).
        current_sw = self.pool_person("worker", block, rng.randrange(_WORKERS))
        self.tie(current_sw, yp, "social_worker", _between(rng, entry, REFERENCE_DATE), None)
        if rng.random() < 0.5:
            former = self.pool_person("worker", block, _WORKERS + rng.randrange(_WORKERS))
            self.tie(former, yp, "social_worker", entry,
                     _between(rng, entry, _days(REFERENCE_DATE, -60)))  # fmt: skip
        if yp.age() >= 10 and rng.random() < 0.35:
            youth = self.pool_person("youth", block, rng.randrange(_YOUTH_WORKERS))
            since = _between(rng, _days(yp.born, 10 * 365), _days(REFERENCE_DATE, -30))
            self.tie(youth, yp, "youth_worker", since,
                     None if rng.random() < 0.6 else _between(rng, since, REFERENCE_DATE),
                     notes="Runs the Tuesday club.")  # fmt: skip
        networks = (yp.id,)
        if rng.random() < 0.25:
            mentor = self.person(rng.choice((FEMALE, MALE)),
                                 _birthday(rng, REFERENCE_DATE.year - rng.randint(22, 60)),
                                 rng.choice(_SURNAMES), networks=networks, distance=9,
                                 side="other", alive=True)  # fmt: skip
            self.tie(mentor, yp, "mentor", _between(rng, entry, REFERENCE_DATE), None,
                     notes="Independent visitor.")  # fmt: skip
        if rng.random() < 0.3:
            friend = self.person(rng.choice((FEMALE, MALE)),
                                 _birthday(rng, yp.born.year - rng.randint(20, 40)),
                                 rng.choice(_SURNAMES), networks=networks, distance=9,
                                 side="other", alive=True)  # fmt: skip
            self.tie(friend, yp, "family_friend", yp.born,
                     entry if rng.random() < 0.6 else None,
                     stressful=rng.random() < 0.25, notes="A friend of the family.")  # fmt: skip
        for k, e in enumerate(events):
            e["id"] = f"{yp.id}-timeline-{k:02d}"
            e["young_person_id"] = yp.id
            self.out.timeline.append(e)
        self.allocate(yp, team_no, entry, sw)

    def load(self, team_no: int, what: str) -> int:
        """Which worker of the team takes the team's next young person (by caseload)."""
        n = self.team_load.get(team_no, 0)
        return n // (_COORDINATOR_LOAD if what == "co" else _SOCIAL_WORKER_LOAD) + 1

    def allocate(self, yp: _Person, team_no: int, entry: date, sw: str) -> None:
        rng = self.rng
        co = self.user_id(team_no, "coordinator", self.load(team_no, "co"))
        self.team_load[team_no] = self.team_load.get(team_no, 0) + 1
        sw_from = _between(rng, max(entry, _days(REFERENCE_DATE, -900)), _days(REFERENCE_DATE, -90))
        co_from = _between(
            rng, max(entry, _days(REFERENCE_DATE, -1000)), _days(REFERENCE_DATE, -120)
        )
        self.out.allocations.append({"id": f"{yp.id}-allocation-coordinator", "user_id": co,
                                     "young_person_id": yp.id, "from": co_from.isoformat(),
                                     "until": None})  # fmt: skip
        self.out.allocations.append({"id": f"{yp.id}-allocation-social-worker", "user_id": sw,
                                     "young_person_id": yp.id, "from": sw_from.isoformat(),
                                     "until": None})  # fmt: skip
        if rng.random() < 0.4 and sw_from > _days(entry, 60):
            k = self.load(team_no, "sw")
            earlier = self.user_id(team_no, "social_worker", k + 1 if k > 1 else 2)
            began = _between(rng, entry, _days(sw_from, -30))
            self.out.allocations.append({
                "id": f"{yp.id}-allocation-social-worker-before", "user_id": earlier,
                "young_person_id": yp.id, "from": began.isoformat(),
                "until": _days(sw_from, -1).isoformat(),
            })  # fmt: skip
        self.coordinator_of[yp.id] = co
        self.social_worker_of[yp.id] = sw
        self.co_from[yp.id] = co_from

    # --- Lifelong Links work -----------------------------------------------------------------
    def work(self, yp: _Person, relatives: list[_Person], kept_away: set[str]) -> None:
        rng = self.rng
        co, sw = self.coordinator_of[yp.id], self.social_worker_of[yp.id]
        weight = {1: 3, 2: 6, 3: 4, 4: 2, 5: 1}
        candidates = [
            r for r in relatives
            if r.living and r.age() >= 16 and r.id != yp.id and r.id not in kept_away
            and yp.id in r.networks and r.distance <= 5
        ]  # fmt: skip
        formers = [
            self.known.get(link["from_id"]) or self.pool.get(link["from_id"])
            for link in self.out.links[self.links_from:]
            if link["type"] == "trusted_adult" and link["to_id"] == yp.id
            and link["props"]["until"] is not None
        ]  # fmt: skip
        count = rng.randint(5, 10)
        chosen: list[_Person] = []
        pool = list(candidates)
        while pool and len(chosen) < count:
            p = rng.choices(pool, [weight.get(c.distance, 1) for c in pool])[0]
            pool.remove(p)
            chosen.append(p)
        for adult in formers:
            if adult is not None and adult not in chosen and rng.random() < 0.3:
                chosen.append(adult)
        first_day = max(self.co_from[yp.id], _days(yp.born, 200))
        self.connections_from = len(self.out.connections)
        conference: list[tuple[date, str]] = []  # who came to the Family Group Conference
        for made, person in enumerate(chosen):
            stage = str(_pick(rng, _STAGES))
            # Approval is refused when the person, or someone living with them, has a level-3
            # flag or is kept from the young person by a court order.
            household = {person.id, self.housemates.get(person.id, person.id)}
            if any(self.flag_levels.get(h) == 3 or h in kept_away for h in household):
                stage = "not_approved"
            elif stage == "not_approved":
                stage = "awaiting_safety_check"
            if stage == "not_approved":
                path = ["identified", "awaiting_safety_check", "not_approved"]
            elif stage == "declined":
                path = [*_STAGE_PATH[: _STAGE_PATH.index("contacted") + 1], "declined"]
            else:
                path = list(_STAGE_PATH[: _STAGE_PATH.index(stage) + 1])
                if rng.random() < 0.4 and "located" in path and stage != "located":
                    path.remove("located")
            start = _between(rng, first_day, _days(REFERENCE_DATE, -40 - 12 * len(path)))
            at = start
            history = []
            stamps: dict[str, date] = {}
            for k, s in enumerate(path):
                if k:
                    at = min(_days(at, rng.randint(1, 25)), _days(REFERENCE_DATE, -1))
                stamps[s] = at
                who = sw if s in ("approved", "not_approved") else co
                reasons = _REASONS.get(s)
                history.append({"stage": s, "at": _at(at, 9 + k % 8), "user_id": who,
                                "reason": rng.choice(reasons) if reasons else None})  # fmt: skip
            if "attended" in stamps:
                conference.append((stamps["attended"], person.id))
            cid = f"{yp.id}-connection-{made:02d}"
            contacts: list[dict[str, Any]] = []
            commitments: list[dict[str, Any]] = []
            every, what = _pick(rng, _COMMITMENTS)
            if "contacted" in stamps:
                # Contact history: the first contact; for people in touch, contact every few
                # weeks while the plan is made, then about as often as the plan says. About a
                # third stop at some point, so their contact has lapsed.
                began = stamps["contacted"]
                days = {began}
                yesterday = _days(REFERENCE_DATE, -1)
                if stage in ("willing", "invited", "attended", "in_plan"):
                    plan = stamps.get("in_plan")
                    stop = yesterday
                    if rng.random() < 0.3:
                        stop = _between(rng, began, _days(REFERENCE_DATE, -400))
                    gap, on = rng.randint(14, 45), began
                    while on <= min(stop, plan or stop) and len(days) < 120:
                        days.add(on)
                        on = _days(on, max(1, round(gap * rng.uniform(0.6, 1.4))))
                    if plan is not None and stop == yesterday:
                        if rng.random() < 0.35:
                            stop = _between(rng, plan, _days(REFERENCE_DATE, -every - 30))
                        on = plan
                        while on <= stop and len(days) < 120:
                            days.add(on)
                            on = _days(on, max(1, round(every * rng.uniform(0.7, 1.4))))
                for k, on in enumerate(sorted(days)):
                    contacts.append({
                        "id": f"{cid}-contact-{k:03d}", "on": on.isoformat(),
                        "mode": _pick(rng, _CONTACT_MODES),
                        "direction": _pick(rng, _DIRECTIONS),
                        "note": None if rng.random() < 0.7 else "Went well.",
                        "user_id": co, "created_at": _at(on, 17),
                    })  # fmt: skip
            if stage == "in_plan":
                since = stamps["in_plan"]
                commitments.append({
                    "id": f"{cid}-commitment-00", "what": what, "every_days": every,
                    "since": since.isoformat(),
                    "review_on": _days(since, 365).isoformat() if rng.random() < 0.8 else None,
                    "user_id": co, "created_at": _at(since, 11),
                })  # fmt: skip
            if "approved" in stamps and stage != "not_approved":
                self.approved.add(person.id)
            self.out.connections.append({
                "id": cid, "young_person_id": yp.id, "person_id": person.id, "stage": stage,
                "created_at": history[0]["at"], "history": history, "contacts": contacts,
                "commitments": commitments,
            })  # fmt: skip
        if conference:
            held = min(on for on, _ in conference)
            self.out.timeline.append({
                "id": f"{yp.id}-timeline-fgc", "young_person_id": yp.id, "kind": "event",
                "title": "Family Group Conference", "place": rng.choice(_TOWNS),
                "since": held.isoformat(), "until": None,
                "note": "The Lifelong Links plan was agreed." if rng.random() < 0.5 else None,
                "user_id": co, "people": sorted(pid for _, pid in conference),
            })  # fmt: skip
        # Wishes: about someone not approached, and now and then about a whole side.
        others = [r for r in candidates if r not in chosen]
        if others and rng.random() < 0.15:
            p = rng.choice(others)
            wish = str(_pick(rng, (("never", 2), ("not_now", 2), ("want_contact", 1))))
            self.out.wishes.append({"young_person_id": yp.id, "person_id": p.id, "wish": wish,
                                    "note": "Said at a review." if rng.random() < 0.5 else None,
                                    "user_id": co,
                                    "recorded_at": _at(_between(rng, first_day,
                                                                REFERENCE_DATE), 14)})  # fmt: skip
        side = rng.choice(("maternal", "paternal"))
        # A wish about a whole side, now and then: only where no one it covers (that side, and
        # brothers and sisters, related on both) is already being approached.
        approached = {c["person_id"] for c in self.out.connections[self.connections_from:]
                      if c["stage"] in APPROACH_STAGES}  # fmt: skip
        covered = {r.id for r in relatives if r.side in (side, "own")}
        if rng.random() < 0.03 and not approached & covered:
            self.out.side_wishes.append({"young_person_id": yp.id, "side": side,
                                         "wish": "not_now"})  # fmt: skip

    def flags(self, people: list[_Person], team_no: int) -> dict[str, int]:
        """Active flags on about one person in a hundred of the family: adults only."""
        rng = self.rng
        found: dict[str, int] = {}
        author = self.user_id(team_no, "social_worker", 1)
        for p in people:
            if not p.living or p.age() < 18 or rng.random() >= 0.0155:
                continue
            level = int(rng.choices([1, 2, 3], [25, 35, 40])[0])
            kind, details = rng.choice(_FLAG_KINDS[level])
            raised = _between(rng, _days(REFERENCE_DATE, -1100), _days(REFERENCE_DATE, -5))
            fid = f"{self.prefix}-flag-{p.id.split('-', 1)[1]}"
            self.out.flags.append({"id": fid, "person_id": p.id, "props": {
                "kind": kind, "level": level, "status": "active",
                "source": f"{rng.choice(_FLAG_SOURCES)}, {raised.isoformat()}",
                "details": details, "raised_on": raised.isoformat(),
                "review_on": _days(raised, 182).isoformat(),
                "expires_on": _days(raised, 365 * 5).isoformat() if rng.random() < 0.3 else None,
                "author_id": author}})  # fmt: skip
            found[p.id] = level
        self.flag_levels.update(found)
        return found

    def households(self, f: int, people: list[_Person]) -> None:
        """About one person in 500 lives in a two-person household at a recorded address: a
        couple of the family, or a relative with someone of the family before."""
        rng = self.rng
        adults = [p for p in people if p.living and p.age() >= 18]
        known = {p.id: p for p in adults}
        couples = [
            (known[link["from_id"]], known[link["to_id"]])
            for link in self.out.links[self.links_from:]
            if link["type"] == "partner" and link["props"]["until"] is None
            and link["props"]["kind"] != "separated" and link["props"]["kind"] != "divorced"
            and link["from_id"] in known and link["to_id"] in known
        ]  # fmt: skip
        # Nobody already approved for contact moves in with someone flagged afterwards.
        outsiders = [p for p in self.previous_adults if p.id not in self.approved]
        made = 0
        for _ in range(3):
            if rng.random() >= 0.11 or not adults:
                continue
            if rng.random() < 0.5 and outsiders:
                # A relative and someone of the family before (a lodger, a new partner): often
                # someone flagged, which is how a chain reaches outside the family.
                a = rng.choice(adults)
                risky = [p for p in outsiders if self.flag_levels.get(p.id) == 3]
                b = rng.choice(risky) if risky and rng.random() < 0.6 else rng.choice(outsiders)
            elif couples:
                a, b = rng.choice(couples)
            else:
                continue
            if a is b or a.id in self.housemates or b.id in self.housemates:
                continue
            self.housemates[a.id], self.housemates[b.id] = b.id, a.id
            # A different address for every household of every seed (up to 25,000 young people).
            n = self.seed * 100_000 + f * 4 + made
            made += 1
            line1 = f"{1 + n % 97} {_STREETS[(n // 97) % len(_STREETS)]}"
            letters, m = "ABDEFGHJLNPQRSTUWXYZ", n // len(_OUTWARD)
            postcode = f"{_OUTWARD[n % len(_OUTWARD)]} {m % 10}{letters[m // 10 % 20]}" \
                       f"{letters[m // 200 % 20]}"  # fmt: skip
            since = _between(rng, _days(REFERENCE_DATE, -3000), _days(REFERENCE_DATE, -10))
            aid = f"{self.prefix}-address-{f * 4 + made - 1:06d}"
            self.out.households.append({
                "id": aid, "key": address_key(line1, postcode), "line1": line1, "line2": None,
                "town": rng.choice(_TOWNS), "postcode": postcode,
                "people": [{"person_id": p.id, "id": f"{aid}-{p.id}",
                            "since": _between(rng, since, _days(REFERENCE_DATE, -5)).isoformat()}
                           for p in (a, b)],
            })  # fmt: skip

    def order(self, yp: _Person, relatives: list[_Person], team_no: int) -> str | None:
        rng = self.rng
        adults = [r for r in relatives if r.living and r.age() >= 18 and yp.id in r.networks
                  and r.distance <= 3 and r.side in ("maternal", "paternal")]  # fmt: skip
        if not adults:
            return None
        who = min(adults, key=lambda r: (r.distance, r.sex != MALE, r.id)) if rng.random() < 0.5 \
            else rng.choice(adults)  # fmt: skip
        kind, terms = rng.choice(_ORDER_KINDS)
        made = _between(rng, _days(REFERENCE_DATE, -1500), _days(REFERENCE_DATE, -20))
        self.out.orders.append({
            "id": f"{yp.id}-order-00", "restricted_id": who.id, "protected_id": yp.id,
            "props": {"kind": kind, "terms": terms, "made_on": made.isoformat(),
                      "until": None if rng.random() < 0.4 else
                      _days(made, 365 * rng.randint(2, 6)).isoformat(),
                      "author_id": self.user_id(team_no, "social_worker", 1)},
        })  # fmt: skip
        return who.id

    # --- the whole council -------------------------------------------------------------------
    def generate(self) -> Council:
        self.coordinator_of: dict[str, str] = {}
        self.social_worker_of: dict[str, str] = {}
        self.co_from: dict[str, date] = {}
        self.flag_levels: dict[str, int] = {}  # everyone flagged so far
        self.housemates: dict[str, str] = {}
        self.approved: set[str] = set()  # people approved for contact with a young person
        i = 1
        while i <= self.n:
            # Young people 5 and 6, 15 and 16, ... are brothers and sisters: one in five.
            pair = i % 10 == 5
            self.rng = _stream(self.seed, "family", i)
            team_no = (i - 1) % self.team_count
            self.family_team = team_no
            self.links_from = len(self.out.links)
            kids = self.family(i, pair)
            if self.rng.random() < 0.5:
                # The coordinator researched the family tree elsewhere and imported it (GEDCOM):
                # each relative carries the file's id, as `POST /imports/gedcom` records it.
                system = f"gedcom:{self.yp_id(i)}"
                tree = [p for p in self.known.values() if p.distance < 9]
                for n, p in enumerate(tree, start=1):
                    self.out.external_ids.append(
                        {"person_id": p.id, "system": system, "value": f"@I{n}@"}
                    )
            # Relatives (not the young people, nor their trusted adults) may be flagged, or
            # share a household.
            family_people = [p for p in self.known.values() if 0 < p.distance < 9]
            self.flags(family_people, team_no)
            self.households(i, family_people)
            young = [k for k in kids if k.id.startswith(f"{self.prefix}-yp-")]
            kept_away: set[str] = set()
            # Each young person's own story draws from its own stream, so that it is the same
            # whether or not a brother or sister is in the council.
            for n, yp in enumerate(young):
                self.rng = _stream(self.seed, "care", yp.id)
                self.care(yp, i + n, [p for p in family_people if yp.id in p.networks], team_no)
                if (i + n) % 50 == 3:
                    self.rng = _stream(self.seed, "order", yp.id)
                    restricted = self.order(yp, family_people, team_no)
                    if restricted:
                        kept_away.add(restricted)
            for yp in young:
                self.rng = _stream(self.seed, "work", yp.id)
                relatives = [p for p in self.known.values() if yp.id in p.networks]
                self.work(yp, relatives, kept_away)
            self.previous_adults = [p for p in family_people if p.living and p.age() >= 18]
            i += len(young)
        self.make_users()
        return self.out

    def make_users(self) -> None:
        """Each team's manager, and as many coordinators and social workers as its caseloads
        need; each drawn from a stream of their own, so a larger council adds workers only."""
        for team_no in range(self.team_count):
            load = self.team_load.get(team_no, 0)
            team = self.team(team_no)
            roles = [
                ("manager", 1, "Team manager"),
                ("coordinator", max(1, math.ceil(load / _COORDINATOR_LOAD)),
                 "Lifelong Links coordinator"),
                # One more social worker than the caseloads need: the one before, for some.
                ("social_worker", max(2, math.ceil(load / _SOCIAL_WORKER_LOAD) + 1),
                 "Social worker"),
            ]  # fmt: skip
            for role, count, title in roles:
                for k in range(1, count + 1):
                    uid = self.user_id(team_no, role, k)
                    rng = _stream(self.seed, "user", uid)
                    sex = rng.choice((FEMALE, MALE))
                    name = f"{rng.choice(_GIVEN[(sex, 1)])} {rng.choice(_SURNAMES)}"
                    self.out.users.append({
                        "id": uid, "username": f"{self.prefix}.{team}.{role.replace('_', '.')}{k}",
                        "display_name": name, "role": role, "job_title": title, "team": team,
                    })  # fmt: skip


def generate(*, seed: int = 7, young_people: int = 1000, team_count: int = 10) -> Council:
    """The council of this seed and size, in memory: nothing is written."""
    return _Generator(seed=seed, young_people=young_people, team_count=team_count).generate()
