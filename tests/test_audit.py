"""Who reads the audit trail: a manager their team's part of it, an admin all of it.

A manager asking about a young person of another team must learn nothing, not even whether
the council knows that child: the answer is the one for an id that belongs to no one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.cases import ADMIN_TOKEN, BOOT, Actor, Family, add_user, allocate, ok, open_case
from tests.conftest import Target, app_client, settings_for


@dataclass
class Council:
    client: TestClient
    north: Actor  # manager of team north
    south: Actor  # manager of team south
    coordinator: Actor  # team north, allocated to the north young person
    admin: Actor
    north_yp: str
    south_yp: str


@pytest.fixture
def council(db: Driver, neo4j_target: Target) -> Iterator[Council]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        north = add_user(client, "north.manager", "manager", "north")
        south = add_user(client, "south.manager", "manager", "south")
        coordinator = add_user(client, "north.coordinator", "coordinator", "north")
        admin = add_user(client, "council.admin", "admin", None)
        north_yp = open_case(client, north, given_name="Ash")
        south_yp = open_case(client, south, given_name="Rowan")
        allocate(client, north, north_yp, coordinator)
        # Looks at each young person, recorded in the audit trail under their id.
        ok(client.get(f"/young-people/{north_yp}", headers=coordinator.headers))
        ok(client.get(f"/young-people/{south_yp}", headers=south.headers))
        yield Council(client, north, south, coordinator, admin, north_yp, south_yp)


def audit(c: Council, who: Actor, **params: Any) -> Any:
    return c.client.get("/audit", headers=who.headers, params=params)


def test_a_manager_reads_only_their_teams_events(council: Council) -> None:
    c = council
    south = ok(audit(c, c.south))["data"]
    assert south, "the south manager sees their own team's events"
    assert {e["young_person_id"] for e in south} == {c.south_yp}
    assert ("read_young_person", c.south.user_id) in {(e["action"], e["user_id"]) for e in south}
    north = ok(audit(c, c.north))["data"]
    assert {e["young_person_id"] for e in north} == {c.north_yp}
    assert ("read_young_person", c.coordinator.user_id) in {
        (e["action"], e["user_id"]) for e in north
    }
    # Filtering by a user does not widen the scope: the north coordinator's events are north's.
    by_coordinator = ok(audit(c, c.south, user_id=c.coordinator.user_id))
    assert by_coordinator == {"data": [], "count": 0}
    assert ok(audit(c, c.north, user_id=c.coordinator.user_id))["count"] > 0


def test_another_teams_child_looks_like_no_child(council: Council) -> None:
    c = council
    known = ok(audit(c, c.north, young_person_id=c.north_yp))
    assert known["count"] > 0, "the north child has events, which north's manager sees"
    other_team = audit(c, c.south, young_person_id=c.north_yp)
    unknown = audit(c, c.south, young_person_id="no-such-young-person")
    assert other_team.status_code == unknown.status_code == 200
    assert other_team.json() == unknown.json() == {"data": [], "count": 0}
    assert other_team.headers["content-length"] == unknown.headers["content-length"]
    # The probe itself is on record, for the admin and for the child's own team, as a refusal:
    # it read nothing of the child's (recorded as allowed, it was a look by "a council worker"
    # in the child's own record; a records reader). Asked about no one, it concerns no case.
    probes = ok(audit(c, c.admin, user_id=c.south.user_id, young_person_id=c.north_yp))["data"]
    assert [(e["action"], e["outcome"], e["reason"]) for e in probes] == [
        ("audit.read", "refused", "team south: not a young person of that team")
    ]
    assert c.south.user_id in {e["user_id"] for e in ok(audit(c, c.north))["data"]}
    asked = ok(audit(c, c.admin, user_id=c.south.user_id))["data"]
    nobody = [e for e in asked if e["young_person_id"] is None and e["action"] == "audit.read"
              and "no-such-young-person" in (e["reason"] or "")]  # fmt: skip
    assert [e["outcome"] for e in nobody] == ["refused"]


def test_listing_young_people_records_a_look_at_each(council: Council) -> None:
    """`GET /young-people` answers with each child's record (notes, address, flags): each is a
    look, audited under that child before anything is read, as a look at one would be."""
    c = council
    listed = ok(c.client.get("/young-people", headers=c.north.headers))["data"]
    assert [p["id"] for p in listed] == [c.north_yp]
    looks = ok(audit(c, c.admin, user_id=c.north.user_id, limit=1000))["data"]
    assert [(e["action"], e["resource"], e["young_person_id"], e["outcome"]) for e in looks
            if e["action"] == "list_young_people"] == [
        ("list_young_people", f"young_person:{c.north_yp}", c.north_yp, "allowed")
    ]  # fmt: skip
    # The child's own team sees the look; a worker with no case today lists nothing, records
    # nothing.
    assert ("list_young_people", c.north.user_id) in {
        (e["action"], e["user_id"]) for e in ok(audit(c, c.north))["data"]
    }
    idle = add_user(c.client, "idle.coordinator", "coordinator", "north")
    assert ok(c.client.get("/young-people", headers=idle.headers)) == {"data": [], "count": 0}
    idle_looks = ok(audit(c, c.admin, user_id=idle.user_id))["data"]
    assert "list_young_people" not in {e["action"] for e in idle_looks}


def test_the_history_follows_a_child_who_moves_team(council: Council) -> None:
    c = council
    # A team's name mistyped, or a team no enabled manager is in, would take the case from
    # every manager (a second reader): refused, and the case stays where it was.
    path = f"/young-people/{c.north_yp}"
    for team in ("sotuh", "South"):
        slip = c.client.patch(path, headers=c.north.headers, json={"team": team})
        assert slip.status_code == 422, slip.text
        assert "No enabled manager is in team" in slip.text
    assert ok(c.client.get(path, headers=c.north.headers))["young_person"]["team"] == "north"
    moved = c.client.patch(
        f"/young-people/{c.north_yp}", headers=c.north.headers, json={"team": "south"}
    )
    assert moved.status_code == 200, moved.text
    south = ok(audit(c, c.south, young_person_id=c.north_yp))["data"]
    assert ("read_young_person", c.coordinator.user_id) in {
        (e["action"], e["user_id"]) for e in south
    }
    assert ok(audit(c, c.north, young_person_id=c.north_yp)) == {"data": [], "count": 0}


def test_the_admin_reads_the_whole_council(council: Council) -> None:
    c = council
    events = ok(audit(c, c.admin, limit=1000))["data"]
    about = {e["young_person_id"] for e in events}
    # Both teams' children, and the events that name no child (users and tokens made).
    assert {c.north_yp, c.south_yp, None} <= about
    assert ("user.create", "allowed") in {(e["action"], e["outcome"]) for e in events}
    reads = ok(audit(c, c.admin, user_id=c.admin.user_id))["data"]
    assert [(e["action"], e["reason"]) for e in reads] == [("audit.read", "whole council")]
    # The bootstrap admin is an admin too.
    assert (
        ok(c.client.get("/audit", headers=BOOT, params={"young_person_id": c.south_yp}))["count"]
        > 0
    )


@pytest.mark.parametrize("role", ["coordinator", "social_worker"])
def test_other_roles_may_not_read_the_audit(council: Council, role: str) -> None:
    c = council
    worker = c.coordinator if role == "coordinator" else add_user(c.client, "sw", role, "north")
    refused = audit(c, worker, young_person_id=c.north_yp)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert "data" not in refused.json()
    recorded = ok(audit(c, c.admin, user_id=worker.user_id))["data"]
    assert ("read the audit trail", "refused") in {(e["action"], e["outcome"]) for e in recorded}


def test_a_refusal_is_on_the_record_of_the_case_it_probed(council: Council) -> None:
    """Another team's worker refused a child's record, or a person in that child's network, is
    on that child's audit trail, which their own team's manager reads; the prober's manager does
    not see it, and an id of no one concerns no case (the admin sees it)."""
    c = council
    carer = Family(c.client, c.north.headers, c.north_yp).person("carer", "female")
    for path in (f"/young-people/{c.north_yp}", f"/people/{carer}", "/people/no-such-person"):
        assert c.client.get(path, headers=c.south.headers).status_code == 404
    north = ok(audit(c, c.north, user_id=c.south.user_id))["data"]
    assert sorted((e["resource"], e["outcome"], e["young_person_id"]) for e in north) == [
        (f"person:{carer}", "refused", c.north_yp),
        (f"young_person:{c.north_yp}", "refused", c.north_yp),
    ]
    south = ok(audit(c, c.south, user_id=c.south.user_id))["data"]
    assert all(e["outcome"] == "allowed" for e in south), south
    nobody = ok(audit(c, c.admin, user_id=c.south.user_id, limit=1000))["data"]
    assert ("person:no-such-person", "refused", None) in {
        (e["resource"], e["outcome"], e["young_person_id"]) for e in nobody
    }


def test_a_look_at_a_record_of_no_one_is_on_the_record(council: Council) -> None:
    """A connection, an event, a tie or a flag that no one has answers the same 404 as one in
    another case, and is on the audit trail as that refusal is: the admin sees who probes."""
    c = council
    looks = [
        ("GET", "/connections/no-such-record", "connection:no-such-record", "read_connection"),
        ("GET", "/events/no-such-record", "event:no-such-record", "read_event"),
        ("GET", "/relationships/no-such-record", "relationship:no-such-record",
         "read_relationship"),
        ("PATCH", "/flags/no-such-record", "flag:no-such-record", "update_flag"),
    ]  # fmt: skip
    for method, path, _, _ in looks:
        body = {"details": "x"} if method == "PATCH" else None
        answer = c.client.request(method, path, headers=c.north.headers, json=body)
        assert answer.status_code == 404, (path, answer.text)
    events = ok(audit(c, c.admin, user_id=c.north.user_id, limit=1000))["data"]
    refused = {(e["action"], e["resource"], e["outcome"], e["reason"], e["young_person_id"])
               for e in events if e["outcome"] == "refused"}  # fmt: skip
    for _, _, resource, action in looks:
        assert (action, resource, "refused", "no such record", None) in refused
    # A connection of another team's case: the same 404, on that child's record as a look at
    # that connection.
    carer = Family(c.client, c.north.headers, c.north_yp).person("carer", "female")
    made = c.client.post(f"/young-people/{c.north_yp}/connections", headers=c.north.headers,
                         json={"person_id": carer})  # fmt: skip
    cid = ok(made, 201)["id"]
    probe = c.client.get(f"/connections/{cid}", headers=c.south.headers)
    assert probe.status_code == 404
    assert probe.json() == c.client.get("/connections/no-such", headers=c.south.headers).json()
    north = ok(audit(c, c.north, user_id=c.south.user_id))["data"]
    assert [(e["action"], e["resource"], e["outcome"]) for e in north] == [
        ("read_connection", f"connection:{cid}", "refused")
    ]
