"""Helpers that build users, young people and families through the real API."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from fastapi.testclient import TestClient
from neo4j import AsyncGraphDatabase, Driver

from seed.council import BuildSummary, build
from service.db import Db, apply_migrations
from service.queries import load_queries
from tests.conftest import ADMIN_TOKEN as ADMIN_TOKEN  # used by the test modules
from tests.conftest import REPO, Target, empty
from tests.snapshot import Snapshot, restore, take

BOOT = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@dataclass(frozen=True)
class Actor:
    user_id: str
    token_id: str
    headers: dict[str, str]


# What a builder (`work_case`, `build_case`, a module's own) wrote, kept for the session
# (tests/snapshot.py): rebuilding a case through the API for each test took 0.4-1 s (about
# twenty audited writes); writing it again as it was is one transaction.
_KEPT: dict[str, tuple[Snapshot, Any]] = {}
Built = TypeVar("Built")


def built_once(
    build: Callable[[TestClient], Built], client: TestClient, db: Driver, key: str | None = None
) -> Built:
    """`build(client)` on the emptied database: through the API the first time in a session,
    and afterwards what that wrote, written again as it was (the same ids, tokens, audit
    records and revision), with the builder's answer bound to this client (`key`: the builder's
    name, for one made on the spot). For builders that start from an emptied database and
    answer with a `Case`, a `MapCase` or a dict of ids, actors and a `Family`."""
    key = key or f"{build.__module__}.{build.__qualname__}"
    if key not in _KEPT:
        first = build(client)
        _KEPT[key] = (take(db), first)
        return first
    snapshot, made = _KEPT[key]
    assert not db.execute_query("MATCH (n:Person) RETURN n LIMIT 1").records, "not emptied"
    # What a newly started app wrote (its migrations' records, the revision) is in the snapshot.
    empty(db)
    restore(db, snapshot)
    return cast(Built, _bound(made, client))


def _bound(made: object, client: TestClient) -> object:
    """A builder's answer as kept, bound to `client`, its families' ids a copy of their own."""
    if isinstance(made, Family):
        return _family_bound(made, client)
    if isinstance(made, dict):
        return {k: _bound(v, client) for k, v in made.items()}
    if isinstance(made, Case | MapCase):
        return replace(made, client=client, family=_family_bound(made.family, client))
    return made


def _family_bound(family: Family, client: TestClient) -> Family:
    return Family(client, dict(family.headers), family.young_person_id, dict(family.ids))


def page_data(html: str, element_id: str) -> str:
    """The text of a map page's JSON block."""
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html,
                      re.S)  # fmt: skip
    assert found is not None, element_id
    return found.group(1)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def add_user(client: TestClient, username: str, role: str, team: str | None = "north") -> Actor:
    user = ok(
        client.post(
            "/users",
            headers=BOOT,
            json={"username": username, "display_name": username, "role": role, "team": team},
        ),
        201,
    )
    issued = ok(client.post(f"/users/{user['id']}/tokens", headers=BOOT, json={}), 201)
    return Actor(user["id"], issued["id"], {"Authorization": f"Bearer {issued['token']}"})


def token_for(client: TestClient, user_id: str) -> dict[str, str]:
    """Headers with a new API token of an existing user (issued by the bootstrap admin)."""
    issued = ok(client.post(f"/users/{user_id}/tokens", headers=BOOT, json={}), 201)
    return {"Authorization": f"Bearer {issued['token']}"}


def build_council(target: Target, young_people: int, seed: int = 7) -> BuildSummary:
    """The synthetic council (seed.council) written into the test database."""

    async def run() -> BuildSummary:
        auth = (target.user, target.password)
        async with AsyncGraphDatabase.driver(target.uri, auth=auth) as driver:
            db = Db(driver, load_queries(REPO / "cypher"), "neo4j")
            return await build(db, young_people=young_people, seed=seed, batch=500, progress=False)

    return asyncio.run(run())


def run_migrations(target: Target, *, again: bool = True) -> list[str]:
    """The data migrations (`cypher/migrations/`) run on the test database as at a start of
    the service on older data (`again`: as if none had run); the names of those run."""

    async def run() -> list[str]:
        auth = (target.user, target.password)
        async with AsyncGraphDatabase.driver(target.uri, auth=auth) as driver:
            db = Db(driver, load_queries(REPO / "cypher"), "neo4j")
            if again:
                await driver.execute_query("MATCH (m:Migration) DELETE m", database_="neo4j")
            return await apply_migrations(db)

    return asyncio.run(run())


def open_case(client: TestClient, manager: Actor, **fields: Any) -> str:
    """A manager opens a young person's record; returns its id."""
    body = {"given_name": "Kit", "family_name": "Marlow", "sex": "male", "status": "in_care"}
    return str(
        ok(client.post("/young-people", headers=manager.headers, json=body | fields), 201)["id"]
    )


def allocate(
    client: TestClient,
    manager: Actor,
    young_person_id: str,
    worker: Actor,
    *,
    ended: bool = False,
    days_ago: int = 0,
) -> str:
    period: dict[str, str] = {"from": (date.today() - timedelta(days=days_ago)).isoformat()}
    if ended:
        period = {
            "from": (date.today() - timedelta(days=400)).isoformat(),
            "until": (date.today() - timedelta(days=1)).isoformat(),
        }
    created = ok(
        client.post(
            f"/young-people/{young_person_id}/allocations",
            headers=manager.headers,
            json={"user_id": worker.user_id, **period},
        ),
        201,
    )
    return str(created["id"])


@dataclass
class Family:
    """Builds a purpose-made family in one young person's network, by short keys."""

    client: TestClient
    headers: dict[str, str]
    young_person_id: str
    ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ids["me"] = self.young_person_id

    def person(self, key: str, sex: str = "unknown", **fields: Any) -> str:
        body = {"given_name": key, "family_name": "Test", "sex": sex,
                "young_person_id": self.young_person_id, **fields}  # fmt: skip
        self.ids[key] = ok(self.client.post("/people", headers=self.headers, json=body), 201)["id"]
        return self.ids[key]

    def people(self, **sexes: str) -> None:
        for key, sex in sexes.items():
            self.person(key, sex)

    def link(self, type_: str, a: str, b: str, **fields: Any) -> str:
        body = {"type": type_, "from_id": self.ids[a], "to_id": self.ids[b], **fields}
        return str(
            ok(self.client.post("/relationships", headers=self.headers, json=body), 201)["id"]
        )

    def child(self, parent: str, *children: str, kind: str = "birth") -> None:
        for child in children:
            self.link("parent", parent, child, kind=kind)

    def partners(self, a: str, b: str, kind: str = "married", **fields: Any) -> None:
        self.link("partner", a, b, kind=kind, **fields)

    def relatives(self, key: str = "me", **params: Any) -> dict[str, Any]:
        found: dict[str, Any] = ok(
            self.client.get(
                f"/people/{self.ids[key]}/relatives", headers=self.headers, params=params
            )
        )
        return found

    def terms(self, key: str = "me", **params: Any) -> dict[str, tuple[str, str | None]]:
        """Relative key -> (term, side), for the keys this family made."""
        names = {v: k for k, v in self.ids.items()}
        return {
            names.get(r["person_id"], r["person_id"]): (r["term"], r["side"])
            for r in self.relatives(key, **params)["data"]
        }


# A small GEDCOM file: Kit Marlow, his parents, his mother's mother and her sister.
GEDCOM = b"""0 HEAD
1 SOUR test
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Kit /Marlow/
1 SEX M
1 FAMC @F1@
0 @I2@ INDI
1 NAME Anne /Marlow/
1 SEX F
1 BIRT
2 DATE 12 MAR 1980
1 FAMS @F1@
1 FAMC @F2@
0 @I3@ INDI
1 NAME Bob /Marlow/
1 SEX M
1 DEAT Y
1 FAMS @F1@
0 @I4@ INDI
1 NAME Rose /Hill/
1 SEX F
1 FAMS @F2@
0 @I5@ INDI
1 NAME Lily /Hill/
1 SEX F
1 FAMC @F2@
0 @F1@ FAM
1 HUSB @I3@
1 WIFE @I2@
1 MARR
1 CHIL @I1@
0 @F2@ FAM
1 WIFE @I4@
1 CHIL @I2@
1 CHIL @I5@
0 TRLR
"""


def import_file(f: Family, data: bytes, **form: str) -> Any:
    return f.client.post(
        "/imports/gedcom",
        headers=f.headers,
        files={"file": ("family.ged", data, "text/x-gedcom")},
        data={"young_person_id": f.young_person_id, **form},
    )


# The Lifelong Links work on a case (tests/test_connections.py, test_discovery.py,
# test_safeguarding.py).


@dataclass
class Case:
    family: Family
    client: TestClient
    coordinator: Actor
    social_worker: Actor
    manager: Actor

    def connect(self, key: str) -> str:
        body = {"person_id": self.family.ids[key]}
        path = f"/young-people/{self.family.young_person_id}/connections"
        return str(
            ok(self.client.post(path, headers=self.coordinator.headers, json=body), 201)["id"]
        )

    def move(self, cid: str, actor: Actor, stage: str, **extra: Any) -> Any:
        return self.client.post(
            f"/connections/{cid}/stage", headers=actor.headers, json={"stage": stage, **extra}
        )

    def walk(self, cid: str, *stages: str) -> None:
        for stage in stages:
            actor = (
                self.social_worker if stage in ("approved", "not_approved") else self.coordinator
            )
            ok(self.move(cid, actor, stage, reason="because"))

    def flag(self, key: str, level: int = 3) -> None:
        ok(self.client.post(f"/people/{self.family.ids[key]}/flags",
                            headers=self.social_worker.headers,
                            json={"kind": "person_posing_risk_to_children", "level": level,
                                  "source": "Police disclosure"}), 201)  # fmt: skip

    def wish(self, **body: Any) -> None:
        path = f"/young-people/{self.family.young_person_id}/wishes"
        assert self.client.put(path, headers=self.coordinator.headers, json=body).status_code == 204


def boy_of_2012(client: TestClient) -> Family:
    """A boy born in 2012, of a manager's team, with a coordinator allocated: a family to
    build (`Family`)."""
    manager = add_user(client, "manager1", "manager")
    coordinator = add_user(client, "coordinator1", "coordinator")
    young_person = open_case(client, manager, sex="male", birth_date="2012")
    allocate(client, manager, young_person, coordinator)
    return Family(client, coordinator.headers, young_person)


def staffed_case(client: TestClient) -> Case:
    """A young person of a manager's team with a coordinator and a social worker allocated, and
    no one else yet."""
    manager = add_user(client, "manager1", "manager")
    coordinator = add_user(client, "coordinator1", "coordinator")
    social_worker = add_user(client, "social.worker1", "social_worker")
    young_person = open_case(client, manager)
    allocate(client, manager, young_person, coordinator)
    allocate(client, manager, young_person, social_worker)
    family = Family(client, coordinator.headers, young_person)
    return Case(family, client, coordinator, social_worker, manager)


def work_case(client: TestClient) -> Case:
    """`staffed_case` with the young person's parents, their maternal grandmother, and her other
    children (an uncle and an aunt)."""
    case = staffed_case(client)
    family = case.family
    family.people(mum="female", dad="male", gran="female", uncle="male", aunt="female")
    family.child("mum", "me")
    family.child("dad", "me")
    family.child("gran", "mum")
    family.child("gran", "uncle")
    family.child("gran", "aunt")
    return case


def rules(response: Any) -> list[tuple[str, list[str]]]:
    assert response.status_code == 409, response.text
    return [(d["rule"], d["people"]) for d in response.json()["error"]["details"]]


# A case for the maps (tests/test_maps.py, test_maps_browser.py).
HOSTILE_GIVEN = "<img src=x onerror=alert(1)>"
HOSTILE_FAMILY = "<script>alert(2)</script>"


@dataclass
class MapCase:
    client: TestClient
    family: Family
    coordinator: Actor
    social_worker: Actor
    manager: Actor
    allocation: str

    @property
    def yp(self) -> str:
        return self.family.young_person_id

    def graph(self, actor: Actor | None = None, **params: Any) -> dict[str, Any]:
        who = actor or self.coordinator
        found: dict[str, Any] = ok(
            self.client.get(f"/young-people/{self.yp}/graph", headers=who.headers, params=params)
        )
        return found

    def key_of(self, person_id: str) -> str:
        return {v: k for k, v in self.family.ids.items()}[person_id]

    def end_allocation(self) -> None:
        """The coordinator's allocation to the young person ended yesterday."""
        ended = self.client.patch(
            f"/young-people/{self.yp}/allocations/{self.allocation}", headers=self.manager.headers,
            json={"until": (date.today() - timedelta(days=1)).isoformat()},
        )  # fmt: skip
        assert ended.status_code == 200, ended.text

    def mint(self, actor: Actor | None = None, **body: Any) -> Any:
        who = actor or self.coordinator
        return self.client.post(
            f"/young-people/{self.yp}/embed-tokens", headers=who.headers, json=body
        )


def build_case(client: TestClient) -> MapCase:
    """A small family around Kit Marlow, built through the API: both sides, a deceased
    grandmother, an aunt's partner, a former foster carer and a teacher with a hostile name."""
    manager = add_user(client, "manager1", "manager")
    coordinator = add_user(client, "coordinator1", "coordinator")
    social_worker = add_user(client, "social_worker1", "social_worker")
    yp = open_case(client, manager)
    allocation = allocate(client, manager, yp, coordinator, days_ago=10)
    allocate(client, manager, yp, social_worker, days_ago=10)
    family = Family(client, coordinator.headers, yp)
    family.people(mum="female", dad="male", aunt="female", lee="male", grandad="male")
    family.person("sean", "male")
    family.person("gran", "female", living=False, death_date="2019")
    family.child("mum", "me")
    family.child("dad", "me")
    family.child("gran", "mum", "aunt")
    family.child("grandad", "dad", "sean")
    family.partners("aunt", "lee", "cohabiting")
    family.person("joan", "female", family_name="Carer")
    family.person("teacher", "unknown", given_name=HOSTILE_GIVEN, family_name=HOSTILE_FAMILY)
    two_years_ago = (date.today() - timedelta(days=730)).isoformat()
    family.link("trusted_adult", "joan", "me", role="foster_carer", since="2019",
                until=two_years_ago, strength="strong")  # fmt: skip
    family.link("trusted_adult", "teacher", "me", role="teacher", stressful=True)
    return MapCase(client, family, coordinator, social_worker, manager, allocation)


def build_work(case: MapCase) -> None:
    """A flag, an order, a lapsed mother and an aunt being approached."""
    ids, client = case.family.ids, case.client
    flag = {"kind": "person_posing_risk_to_children", "level": 3, "source": "Police disclosure",
            "details": "Disclosed in 2024."}  # fmt: skip
    ok(client.post(f"/people/{ids['lee']}/flags", headers=case.social_worker.headers, json=flag),
       201)  # fmt: skip
    ok(client.post("/orders", headers=case.social_worker.headers,
                   json={"kind": "restraining_order", "restricted_id": ids["sean"],
                         "protected_id": case.yp, "made_on": "2025-01-01",
                         "terms": "No contact of any kind."}), 201)  # fmt: skip
    for key in ("mum", "aunt"):
        path = f"/young-people/{case.yp}/connections"
        body = {"person_id": ids[key]}
        made = ok(client.post(path, headers=case.coordinator.headers, json=body), 201)
        case.family.ids[f"conn_{key}"] = made["id"]
    last = (date.today() - timedelta(days=500)).isoformat()
    ok(client.post(f"/connections/{ids['conn_mum']}/contacts", headers=case.coordinator.headers,
                   json={"on": last, "mode": "call"}), 201)  # fmt: skip


def in_network_of(db: Driver, young_person_id: str, *person_ids: str) -> None:
    """The people recorded in the young person's network, as the council's own records (a
    migration, the synthetic council) may hold another case's young person: a sibling in care.
    The data's revision raised with it, as every change through the service raises it, so that
    no answer kept from before is given again."""
    db.execute_query(
        "MATCH (y:YoungPerson {id: $yp}) UNWIND $ids AS id MATCH (p:Person {id: id}) "
        "MERGE (p)-[:IN_NETWORK_OF]->(y)", yp=young_person_id, ids=list(person_ids),
    )  # fmt: skip
    bump_revision(db)


def held_while(
    db: Driver, statements: list[tuple[str, dict[str, Any]]], call: Callable[[], Any]
) -> Any:
    """`call` (a request) made while a transaction of the service's own statements is open,
    holding what they lock: the request must wait for it (checked after 1.5 s), which then
    commits; the request's answer. For the writes that must see each other."""
    with db.session() as session, session.begin_transaction() as tx:
        for query, params in statements:
            tx.run(query, **params).consume()
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(call)
            time.sleep(1.5)
            assert not pending.done()  # waiting for the open transaction
            tx.commit()
            return pending.result(timeout=30)


def bump_revision(db: Driver) -> None:
    """Raise the data's revision, as every change through the service does, after a write made
    straight to the database: no answer the API kept from before is given again."""
    db.execute_query(load_queries(REPO / "cypher")["bump_revision"])


def two_teams(client: TestClient, db: Driver) -> dict[str, Any]:
    """Kai (team north) with his mother, father and aunt; Sam, his brother in care in team
    south, shares every relative; Cleo, his cousin in care (the aunt's daughter), in south too.
    The shared relatives are put in the south networks as the council's own records would be
    (the API writes one case at a time). On an emptied database (`built_once`)."""
    return built_once(lambda c: _two_teams(c, db), client, db, key="two_teams")


def _two_teams(client: TestClient, db: Driver) -> dict[str, Any]:
    north = add_user(client, "north.manager", "manager", "north")
    south = add_user(client, "south.manager", "manager", "south")
    kai_worker = add_user(client, "kai.worker", "coordinator", "north")
    sam_worker = add_user(client, "sam.worker", "social_worker", "south")
    kai = open_case(client, north, given_name="Kai", family_name="Northcase")
    sam = open_case(client, south, given_name="Sam", family_name="Southcase")
    cleo = open_case(client, south, given_name="Cleo", family_name="Cousincase")
    allocate(client, north, kai, kai_worker)
    allocate(client, south, sam, sam_worker)
    allocate(client, south, cleo, sam_worker)
    family = Family(client, kai_worker.headers, kai)
    family.people(mother="female", father="male", gran="female", aunt="female")
    family.child("mother", "me")
    family.child("father", "me")
    family.child("gran", "mother", "aunt")
    db.execute_query(
        "MATCH (sam:YoungPerson {id: $sam}), (cleo:YoungPerson {id: $cleo}) "
        "UNWIND $ids AS id MATCH (p:Person {id: id}) "
        "MERGE (p)-[:IN_NETWORK_OF]->(sam) MERGE (p)-[:IN_NETWORK_OF]->(cleo)",
        sam=sam, cleo=cleo, ids=[family.ids[k] for k in ("mother", "father", "gran", "aunt")],
    )  # fmt: skip
    db.execute_query(
        "MATCH (m:Person {id: $mother}), (f:Person {id: $father}), (a:Person {id: $aunt}), "
        "(sam:Person {id: $sam}), (cleo:Person {id: $cleo}) "
        "CREATE (m)-[:PARENT_OF {id: 'parent_s1', kind: 'birth'}]->(sam) "
        "CREATE (f)-[:PARENT_OF {id: 'parent_s2', kind: 'birth'}]->(sam) "
        "CREATE (a)-[:PARENT_OF {id: 'parent_c1', kind: 'birth'}]->(cleo)",
        mother=family.ids["mother"], father=family.ids["father"], aunt=family.ids["aunt"],
        sam=sam, cleo=cleo,
    )  # fmt: skip
    return {"kai": kai, "sam": sam, "cleo": cleo, "family": family, "kai_worker": kai_worker,
            "sam_worker": sam_worker, "south": south, "north": north}  # fmt: skip
