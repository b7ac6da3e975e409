"""The synthetic council of seed/council/: the same from the same seed, within the service's own
rules, written once however often it is loaded, and usable through the endpoints."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from neo4j import Driver
from pydantic import TypeAdapter

from seed.council import REFERENCE_DATE, Council, generate, main
from service.data.allocations import AllocationCreate
from service.data.connections import WishSet
from service.data.contacts import CommitmentCreate, ContactCreate
from service.data.discovery import TimelineCreate
from service.data.flags import FlagCreate
from service.data.people import PersonCreate, YoungPersonCreate, check_life
from service.data.relationships import RelationshipCreate, check_period
from service.data.safeguarding import AddressCreate, OrderCreate
from service.data.users import UserCreate
from service.dates import before
from service.settings import Settings
from service.workflow import Facts, Move, check_move
from service.workflow import Role as DecidingRole
from tests.cases import ADMIN_TOKEN, build_council, ok, token_for
from tests.conftest import Target, app_client, settings_for

# Slow (builds synthetic councils): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow

# Six young people: 5 and 6 are brother and sister in care, 3 is protected by a court order.
SMALL = 6


def rows_of(council: Council) -> set[str]:
    return {p["id"] for p in council.people} | {y["id"] for y in council.young_people}


def test_the_same_seed_gives_the_same_council_and_another_seed_another() -> None:
    first, again = generate(seed=7, young_people=SMALL), generate(seed=7, young_people=SMALL)
    assert first == again
    assert first.young_people[0]["id"] == "c7-yp-0001"
    other = generate(seed=8, young_people=SMALL)
    assert not rows_of(first) & rows_of(other)
    names = [(p["given_name"], p["family_name"], p["birth_date"]) for p in first.people[:50]]
    assert names != [
        (p["given_name"], p["family_name"], p["birth_date"]) for p in other.people[:50]
    ]
    # A council is the start of a larger one of the same seed: building more adds to it.
    larger = generate(seed=7, young_people=4 * SMALL)
    assert rows_of(first) < rows_of(larger)
    assert {link["props"]["id"] for link in first.links} < {
        link["props"]["id"] for link in larger.links
    }
    assert all(c in larger.connections for c in first.connections)


def test_a_council_has_the_shape_of_the_issue() -> None:
    council = generate(seed=7, young_people=100)
    counts = council.counts()
    people, young = counts["Person"], counts["YoungPerson"]
    assert young == 100
    assert 200 * young <= people <= 330 * young
    assert 700 * young <= council.relationship_count <= 1200 * young
    # About one person in a hundred flagged, at every level; a few in shared households.
    assert 0.007 < len(council.flags) / people < 0.015
    assert {f["props"]["level"] for f in council.flags} == {1, 2, 3}
    assert 0.001 < counts["LIVES_AT"] / people < 0.004
    assert [o["protected_id"] for o in council.orders] == ["c7-yp-0003", "c7-yp-0053"]
    # One young person in five has a brother or sister in care, sharing the family.
    networks = {yp: set(ids) for yp, ids in council.networks.items()}
    everyone = rows_of(council)
    pairs = [(f"c7-yp-{i:04d}", f"c7-yp-{i + 1:04d}") for i in range(5, 100, 10)]
    assert len(pairs) * 2 == young // 5
    for a, b in pairs:
        assert len(networks[a] & networks[b]) > 50, (a, b)
        assert b in networks[a]
        assert a in networks[b]
    # Other young people share no relatives, only foster carers, teachers and workers.
    pooled = ("-carer-", "-teacher-", "-worker-", "-youth-")
    for a, b in (("c7-yp-0001", "c7-yp-0002"), ("c7-yp-0003", "c7-yp-0011")):
        assert all(any(k in pid for k in pooled) for pid in networks[a] & networks[b])
    assert any(len([yp for yp in networks if pid in networks[yp]]) > 2 for pid in everyone
               if "-carer-" in pid)  # fmt: skip
    everyone = rows_of(council)
    # Everyone is in a network; every tie joins two people of the council.
    assert set().union(*networks.values()) | set(networks) == everyone
    assert all(link["from_id"] in everyone and link["to_id"] in everyone for link in council.links)
    # Families over four generations and more, with all their kinds of ties.
    links = Counter(link["type"] for link in council.links)
    assert links["sibling"] > 0
    assert links["trusted_adult"] > 5 * young
    kinds = {link["props"]["kind"] for link in council.links if link["type"] == "partner"}
    assert kinds == {"married", "civil_partnership", "cohabiting", "separated", "divorced"}
    assert {link["props"]["kind"] for link in council.links if link["type"] == "parent"} == {
        "birth", "adoptive", "step"
    }  # fmt: skip
    born = [int(p["birth_date"][:4]) for p in council.people]
    assert min(born) < 1910
    assert max(born) > 2020
    assert 0.15 < sum(not p["living"] for p in council.people) / people < 0.35
    roles = {link["props"]["role"] for link in council.links if link["type"] == "trusted_adult"}
    assert {"foster_carer", "teacher", "social_worker", "youth_worker", "mentor"} <= roles
    # Five to ten connections a young person (and some former carers), at every stage.
    per_young = Counter(c["young_person_id"] for c in council.connections)
    assert min(per_young.values()) >= 5
    assert sum(per_young.values()) / young <= 11
    assert {c["stage"] for c in council.connections} >= {
        "identified", "located", "awaiting_safety_check", "approved", "not_approved",
        "young_person_agreed", "contacted", "willing", "declined", "invited", "attended",
        "in_plan",
    }  # fmt: skip
    # Every young person has a coordinator and a social worker allocated now.
    current = Counter(a["young_person_id"] for a in council.allocations if a["until"] is None)
    assert set(current.values()) == {2}
    assert len(current) == young


def _move_refusals(history: list[dict[str, Any]], blocked: bool, wish: Any) -> list[str]:
    refusals: list[str] = []
    done: tuple[Any, ...] = ()
    for step in history:
        decision = step["stage"] in ("approved", "not_approved")
        role: DecidingRole = "social_worker" if decision else "coordinator"
        facts = Facts(history=done, flagged=("x",) if blocked else (), wish=wish)
        found = check_move(facts, Move(target=step["stage"], role=role, reason=step["reason"]))
        refusals += [r.rule for r in found]
        done = (*done, step["stage"])
    return refusals


def _given(row: dict[str, Any]) -> dict[str, Any]:
    """What a worker gives the API, without what the service records itself."""
    return {k: v for k, v in row.items() if k not in ("id", "user_id", "created_at")}


def test_every_record_passes_the_services_own_rules() -> None:
    council = generate(seed=7, young_people=40)
    today = REFERENCE_DATE
    born: dict[str, str] = {}
    for row in council.people:
        fields = {k: v for k, v in row.items() if k != "id"}
        person = PersonCreate.model_validate({**fields, "young_person_id": "c7-yp-0001"})
        check_life(person.birth_date, person.death_date, person.living, today=today)
        born[row["id"]] = row["birth_date"]
    for row in council.young_people:
        fields = {k: row[k] for k in ("given_name", "family_name", "sex", "birth_date")}
        YoungPersonCreate.model_validate({**fields, "status": row["care_status"]})
        born[row["id"]] = row["birth_date"]
    relationship: TypeAdapter[Any] = TypeAdapter(RelationshipCreate)
    birth_parents: Counter[str] = Counter()
    for link in council.links:
        props = {k: v for k, v in link["props"].items() if k != "id"}
        tie = relationship.validate_python(
            {"type": link["type"], "from_id": link["from_id"], "to_id": link["to_id"], **props}
        )
        assert link["props"]["id"].startswith(f"{link['type']}_")
        if link["type"] in ("partner", "trusted_adult"):
            check_period(tie.since, tie.until, today=today)
        if link["type"] == "parent" and tie.kind == "birth":
            birth_parents[link["to_id"]] += 1
            assert before(born[link["from_id"]], born[link["to_id"]]), link
    assert max(birth_parents.values()) == 2
    for user in council.users:
        UserCreate.model_validate({k: v for k, v in user.items() if k != "id"})
    for a in council.allocations:
        # The young person is in the route's path; the id is the service's.
        given = {k: v for k, v in a.items() if k not in ("id", "young_person_id")}
        allocation = AllocationCreate.model_validate(given)
        assert allocation.from_ is not None  # the council gives every allocation its start
        assert allocation.until is None or allocation.from_ <= allocation.until <= today
        assert allocation.from_ <= today
    for entry in council.timeline:
        TimelineCreate.model_validate({k: entry[k] for k in (
            "kind", "title", "place", "since", "until", "note", "people")})  # fmt: skip
        assert entry["until"] is None or entry["since"] <= entry["until"] <= today.isoformat()
    for flag in council.flags:
        FlagCreate.model_validate({k: v for k, v in flag["props"].items()
                                   if k not in ("status", "author_id", "raised_in")})  # fmt: skip
        # Raised under a case that holds the person, as the API raises one.
        assert flag["person_id"] in council.networks[flag["props"]["raised_in"]]
    for order in council.orders:
        terms = {k: v for k, v in order["props"].items() if k not in ("author_id", "made_in")}
        OrderCreate.model_validate({**terms, "restricted_id": order["restricted_id"],
                                    "protected_id": order["protected_id"]})  # fmt: skip
        # Made through a case that holds both people, as the API makes one.
        case = council.networks[order["props"]["made_in"]]
        assert {order["restricted_id"], order["protected_id"]} <= {*case, order["props"]["made_in"]}
    for household in council.households:
        for lives in household["people"]:
            AddressCreate.model_validate({k: household[k] for k in (
                "line1", "line2", "town", "postcode")} | {"since": lives["since"]})  # fmt: skip
    wishes = {(w["young_person_id"], w["person_id"]): w["wish"] for w in council.wishes}
    for wish in council.wishes:
        WishSet.model_validate({k: wish[k] for k in ("wish", "person_id", "note")})
    # Every history is a series of moves the workflow allows, by the roles that make them: none
    # is approved while they (or someone at their address) are flagged or kept away by an order.
    risky = {f["person_id"] for f in council.flags if f["props"]["level"] == 3}
    risky |= {o["restricted_id"] for o in council.orders}
    housemates = {p["person_id"]: {q["person_id"] for q in h["people"]} for h in
                  council.households for p in h["people"]}  # fmt: skip
    for c in council.connections:
        home = housemates.get(c["person_id"], {c["person_id"]})
        wished = wishes.get((c["young_person_id"], c["person_id"]))
        assert _move_refusals(c["history"], bool(home & risky), wished) == [], c
        assert c["history"][-1]["stage"] == c["stage"]
        for contact in c["contacts"]:
            assert ContactCreate.model_validate(_given(contact)).on <= today
        for m in c["commitments"]:
            commitment = CommitmentCreate.model_validate(_given(m))
            assert commitment.review_on is None or commitment.since <= commitment.review_on


def _database_counts(db: Driver, counts: dict[str, int]) -> dict[str, int]:
    """The nodes of each label and relationships of each type in the database, in one query."""
    parts = [
        f"MATCH {f'()-[x:{name}]->()' if name.isupper() else f'(x:{name})'} "
        f"WITH count(x) AS n RETURN '{name}' AS name, n"
        for name in counts
    ]
    query = "CALL () { " + " UNION ALL ".join(parts) + " } RETURN name, n"
    return {r["name"]: r["n"] for r in db.execute_query(query).records}


def test_the_command_line_builds_a_council_and_a_second_build_writes_nothing(
    db: Driver, neo4j_target: Target, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    for name, value in (("NEO4J_URI", neo4j_target.uri), ("NEO4J_USER", neo4j_target.user),
                        ("NEO4J_PASSWORD", neo4j_target.password)):  # fmt: skip
        monkeypatch.setenv(name, value)
    assert Settings().neo4j_uri == neo4j_target.uri
    assert main(["--young-people", str(SMALL), "--batch", "700", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "| people |" in printed
    assert "relationships/s" in printed
    council = generate(seed=7, young_people=SMALL)
    expected = council.counts()
    assert _database_counts(db, expected) == expected
    ids = {r["id"] for r in db.execute_query("MATCH (p:Person) RETURN p.id AS id").records}
    assert ids == rows_of(council)
    # Loading again (as after an interruption) writes what is missing, and nothing else: here a
    # connection with its history, contacts and commitments, and ten parent links.
    lost = next(c for c in council.connections if c["young_person_id"] == "c7-yp-0005")
    db.execute_query("MATCH (c:Connection {id: $id}) "
                     "CALL (c) { MATCH (c)-->(x) WHERE NOT x:Person DETACH DELETE x } "
                     "DETACH DELETE c", id=lost["id"])  # fmt: skip
    db.execute_query("MATCH (:Person)-[r:PARENT_OF]->() WITH r LIMIT 10 DELETE r")
    parts = len(lost["history"]) + len(lost["contacts"]) + len(lost["commitments"])
    again = build_council(neo4j_target, SMALL)
    assert (again.nodes_created, again.relationships_created) == (1 + parts, 2 + parts + 10)
    assert again.people == expected["Person"]
    assert _database_counts(db, expected) == expected


def test_the_service_works_on_a_generated_council(db: Driver, neo4j_target: Target) -> None:
    summary = build_council(neo4j_target, SMALL)
    assert summary.relationships_created == summary.relationships
    council = generate(seed=7, young_people=SMALL)
    current = {(a["young_person_id"], a["id"].split("-allocation-")[1]): a["user_id"]
               for a in council.allocations if a["until"] is None}  # fmt: skip
    yp, sibling = "c7-yp-0005", "c7-yp-0006"
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        coordinator = token_for(client, current[(yp, "coordinator")])
        worker = token_for(client, current[(yp, "social-worker")])
        assert current[(sibling, "coordinator")] == current[(yp, "coordinator")]

        kin = ok(client.get(f"/people/{yp}/relatives", headers=coordinator))
        assert kin["count"] > 100
        terms = [r["term"] for r in kin["data"]]
        assert any(t.startswith("maternal ") for t in terms)
        assert any(t.startswith("paternal ") for t in terms)
        assert {r["side"] for r in kin["data"]} >= {"maternal", "paternal"}
        assert sibling in {r["person_id"] for r in kin["data"]}
        theirs = ok(client.get(f"/people/{sibling}/relatives", headers=coordinator))
        shared = {r["person_id"] for r in kin["data"]} & {r["person_id"] for r in theirs["data"]}
        assert len(shared) > 50

        lapsed = ok(client.get(f"/young-people/{yp}/lapsed", headers=coordinator))
        assert {item["kind"] for item in lapsed["data"]} <= {"connection", "former_trusted_adult"}
        seen = ok(client.get(f"/young-people/{yp}/safeguarding", headers=worker))
        assert set(seen) >= {"chains", "flagged_in_network", "kept_away"}
        suggested = ok(client.get(f"/young-people/{yp}/suggestions", headers=coordinator))
        assert sum(s["kind"] == "relative" for s in suggested["data"]) > 50
        graph = ok(client.get(f"/young-people/{yp}/graph", headers=coordinator))
        assert graph["count"]["nodes"] > 100
        # The ecomap: one line from the young person to each of their circle, the rest folded.
        circle = [n for n in graph["nodes"] if n["folded"] is None and n["id"] != yp]
        assert 0 < len(circle) <= 24
        assert graph["count"]["edges"] == len(circle)
        assert sum(len(s["members"]) for s in graph["summaries"]) == len(graph["nodes"]) - 1 - len(
            circle
        )
        tree = ok(client.get(f"/young-people/{yp}/graph", headers=coordinator,
                             params={"view": "tree", "scope": "whole"}))  # fmt: skip
        assert tree["count"]["nodes"] > 100
        assert tree["count"]["edges"] > 100
        timeline = ok(client.get(f"/young-people/{yp}/timeline", headers=coordinator))
        assert {e["kind"] for e in timeline["data"]} >= {"lived", "event", "placement"}

        # The generated Lifelong Links work carries on under the workflow's rules.
        connections = ok(client.get(f"/young-people/{yp}/connections", headers=coordinator))
        assert connections["count"] == sum(c["young_person_id"] == yp for c in council.connections)
        early = next(c for c in council.connections if c["stage"] in ("identified", "located"))
        mover = token_for(client, current[(early["young_person_id"], "coordinator")])
        moved = client.post(f"/connections/{early['id']}/stage", headers=mover,
                            json={"stage": "awaiting_safety_check"})  # fmt: skip
        assert [s["stage"] for s in ok(moved)["history"]] == [
            *(s["stage"] for s in early["history"]),
            "awaiting_safety_check",
        ]

        # The young person protected by a court order sees it among the safeguarding facts.
        protected = token_for(client, current[("c7-yp-0003", "social-worker")])
        seen = ok(client.get("/young-people/c7-yp-0003/safeguarding", headers=protected))
        assert [o["restricted_id"] for o in seen["kept_away"]] == [
            o["restricted_id"] for o in council.orders
        ]
        # A team's manager reaches the team's young people.
        team = "central"  # young people 5 and 6
        manager = next(u for u in council.users if u["role"] == "manager" and u["team"] == team)
        listed = ok(client.get("/young-people", headers=token_for(client, manager["id"])))
        assert (
            sorted(p["id"] for p in listed["data"])
            == [y["id"] for y in council.young_people if y["team"] == team]
            == [yp, sibling]
        )


def test_a_council_has_nothing_later_than_its_reference_date() -> None:
    council = generate(seed=3, young_people=20)
    latest = max(
        [p["birth_date"] for p in council.people]
        + [c["history"][-1]["at"][:10] for c in council.connections]
        + [k["on"] for c in council.connections for k in c["contacts"]]
        + [f["props"]["raised_on"] for f in council.flags]
    )
    assert latest <= REFERENCE_DATE.isoformat() <= date.today().isoformat()
