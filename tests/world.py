"""The route table and the world it runs in: every guarded route with the status each actor
gets, and a case with a family, a flag, a connection and a second young person who shares the
foster carer and the teacher. Shared by tests/test_auth.py and tests/test_case_access.py (the
`world` fixture is registered in tests/conftest.py)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.cases import ADMIN_TOKEN, GEDCOM, Family, add_user, allocate, open_case
from tests.conftest import Target, app_client, settings_for
from tests.snapshot import Snapshot, restore, take

# /embed is authenticated by the signed token in its URL (tests/test_maps.py).
OPEN = {("GET", "/health"), ("GET", "/embed")}
# The docs pages; their assets are a mount (/docs/assets), files not routes.
DOCS = {"/openapi.json", "/docs", "/redoc"}
# Each actor: role, team, and how they stand to the test's young person.
ACTORS: dict[str, tuple[str, str]] = {
    "coordinator": ("coordinator", "north"),  # allocated
    "social_worker": ("social_worker", "north"),  # allocated
    "manager": ("manager", "north"),  # the young person's team
    "admin": ("admin", "north"),
    "coordinator_out": ("coordinator", "north"),  # never allocated
    "social_worker_ended": ("social_worker", "north"),  # allocation ended yesterday
    "manager_south": ("manager", "south"),  # another team
    # Allocated to another young person of the team, who shares the test young person's
    # foster carer and teacher: what the graph shares opens nothing.
    "coordinator_shared": ("coordinator", "north"),
}
ROLES = tuple(ACTORS)
OUTSIDERS = ("coordinator_out", "social_worker_ended", "manager_south", "coordinator_shared")
# Names in the test case; none may reach an outsider in any response.
CASE_NAMES = ("Marlow", "Testfamily")
# The other young person's name; no worker allocated to the test young person may read it.
OTHER_CHILD = "Otherchild"


@dataclass
class World:
    app: FastAPI
    client: TestClient
    headers: dict[str, dict[str, str]]
    user_ids: dict[str, str]
    token_ids: dict[str, str]
    ids: dict[str, str]


# Headers, user ids and token ids by actor, and the ids of what the case holds.
_Built = tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str], dict[str, str]]
# Each world built through the API once per database, then restored for each test that asks
# for it (tests/snapshot.py): building it is about forty requests, most of a second.
_BUILT: dict[str, tuple[Snapshot, _Built]] = {}


@pytest.fixture
def world(db: Driver, neo4j_target: Target) -> Iterator[World]:
    # The route table sends hundreds of bad tokens from one client; throttling is tested in
    # tests/test_signin.py.
    settings = settings_for(
        neo4j_target, admin_token=ADMIN_TOKEN, signin_failures_per_minute=100_000
    )
    with app_client(settings) as client:
        kept = _BUILT.get(neo4j_target.uri)
        if kept is None:
            built = _build(client)
            _BUILT[neo4j_target.uri] = (take(db), built)
        else:
            snapshot, built = kept
            restore(db, snapshot)
        assert isinstance(client.app, FastAPI)
        yield World(client.app, client, *copy.deepcopy(built))


def _build(client: TestClient) -> _Built:
    """The world, through the API."""
    actors = {name: add_user(client, f"{name}1", role, team)
              for name, (role, team) in ACTORS.items()}  # fmt: skip
    manager = actors["manager"]
    yp = open_case(client, manager)
    ids = {"yp": yp}
    ids["allocation"] = allocate(client, manager, yp, actors["coordinator"], days_ago=30)
    allocate(client, manager, yp, actors["social_worker"])
    allocate(client, manager, yp, actors["social_worker_ended"], ended=True)
    family = Family(client, actors["coordinator"].headers, yp)
    mosaic = [{"system": "mosaic", "value": "MOS-1"}]
    family.person("mother", "female", family_name="Testfamily", external_ids=mosaic,
                  notes="Met in May.")  # fmt: skip
    family.person("father", "male", family_name="Testfamily")
    family.person("victim", "female", family_name="Testfamily")
    ids |= {k: family.ids[k] for k in ("mother", "father", "victim")}
    ids["rel"] = family.link("parent", "mother", "me")
    ids["rel2"] = family.link("parent", "father", "me")
    flag = client.post(
        f"/people/{ids['mother']}/flags",
        headers=actors["social_worker"].headers,
        json={"kind": "domestic_abuse_perpetrator", "level": 3, "source": "MARAC",
              "details": "Named at MARAC in March."},
    )  # fmt: skip
    assert flag.status_code == 201, flag.text
    ids["flag"] = flag.json()["id"]
    # An order that has ended (it changes no rule), for the route that changes its end.
    order = client.post(
        "/orders", headers=actors["social_worker"].headers,
        json={"kind": "restraining_order", "restricted_id": ids["father"], "protected_id": yp,
              "made_on": "2025-01-01", "until": "2025-06-30"},
    )  # fmt: skip
    assert order.status_code == 201, order.text
    ids["order"] = order.json()["id"]
    connection = client.post(
        f"/young-people/{yp}/connections",
        headers=actors["coordinator"].headers,
        json={"person_id": ids["mother"]},
    )
    assert connection.status_code == 201, connection.text
    ids["connection"] = connection.json()["id"]
    coordinator = actors["coordinator"].headers
    event = client.post(f"/young-people/{yp}/events", headers=coordinator,
                        json={"on": "2026-03-14", "place": "Oak Hall"})  # fmt: skip
    assert event.status_code == 201, event.text
    ids["event"] = event.json()["id"]
    version = client.post(f"/young-people/{yp}/plan/versions", headers=coordinator, json={})
    assert version.status_code == 201, version.text
    book = client.put(f"/young-people/{yp}/journey-book", headers=coordinator, json={})
    assert book.status_code == 204, book.text
    # A second young person who shares the foster carer and the teacher.
    other = open_case(client, manager, given_name="Bea", family_name=OTHER_CHILD)
    allocate(client, manager, other, actors["coordinator_shared"])
    for role in ("foster_carer", "teacher"):
        adult = family.person(role, "female", family_name="Sharedadult")
        family.link("trusted_adult", role, "me", role=role)
        tie = {"type": "trusted_adult", "from_id": adult, "to_id": other, "role": role}
        shared = client.post("/relationships", headers=manager.headers, json=tie)
        assert shared.status_code == 201, shared.text
        ids[role] = adult
    ids["other"] = other
    return (
        {name: a.headers for name, a in actors.items()},
        {name: a.user_id for name, a in actors.items()},
        {name: a.token_id for name, a in actors.items()},
        ids,
    )


def expect(
    ok: int, *, admin: int = 403, out: int = 404, manager_only: bool = False
) -> dict[str, int]:
    """Statuses by actor for a case route: `ok` for those who reach the young person."""
    if manager_only:
        workers = ("coordinator", "social_worker", "coordinator_out", "social_worker_ended",
                   "coordinator_shared")  # fmt: skip
        return {**dict.fromkeys(workers, 403), "manager": ok, "admin": admin,
                "manager_south": out}  # fmt: skip
    return {"coordinator": ok, "social_worker": ok, "manager": ok, "admin": admin,
            **dict.fromkeys(OUTSIDERS, out)}  # fmt: skip


def deciders(ok: int) -> dict[str, int]:
    """Statuses for the routes of those who decide on contact: social workers and managers."""
    coordinators = ("coordinator", "coordinator_out", "coordinator_shared")
    return {**expect(ok), **dict.fromkeys(coordinators, 403), "social_worker_ended": 404}


def table(w: World) -> list[tuple[str, str, str, dict[str, object] | None, dict[str, int]]]:
    """(method, route template, concrete path, body, status by actor), reads before writes."""
    target = w.user_ids["coordinator"]
    admin_only = {r: 403 for r in ROLES} | {"admin": 200}
    ids = w.ids
    yp, mother, conn = ids["yp"], ids["mother"], ids["connection"]
    return [
        ("GET", "/me", "/me", None, {r: 200 for r in ROLES}),
        ("GET", "/users", "/users", None, admin_only),
        ("GET", "/users/{user_id}", f"/users/{target}", None, admin_only),
        ("GET", "/users/{user_id}/tokens", f"/users/{target}/tokens", None, admin_only),
        ("GET", "/duplicates", "/duplicates", None, admin_only),
        ("GET", "/audit", "/audit", None,
         {r: 403 for r in ROLES} | {"manager": 200, "manager_south": 200, "admin": 200}),
        ("GET", "/young-people", "/young-people", None, expect(200, out=200)),
        ("GET", "/young-people/{young_person_id}", f"/young-people/{yp}", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/allocations",
         f"/young-people/{yp}/allocations", None, expect(200)),
        ("GET", "/people", "/people?external_id=MOS-1", None, expect(200, out=200)),
        ("GET", "/people/{person_id}", f"/people/{mother}", None, expect(200)),
        ("GET", "/people/{person_id}/relationships", f"/people/{mother}/relationships", None,
         expect(200)),
        ("GET", "/people/{person_id}/relatives", f"/people/{mother}/relatives", None,
         expect(200)),
        ("GET", "/people/{person_id}/gaps", f"/people/{mother}/gaps", None, expect(200)),
        ("GET", "/relationships/{relationship_id}", f"/relationships/{ids['rel']}", None,
         expect(200)),
        ("GET", "/people/{person_id}/gedcom", f"/people/{mother}/gedcom", None, expect(200)),
        ("GET", "/people/{person_id}/flags", f"/people/{mother}/flags", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/flags/due", f"/young-people/{yp}/flags/due",
         None, deciders(200)),
        ("GET", "/young-people/{young_person_id}/connections", f"/young-people/{yp}/connections",
         None, expect(200)),
        ("GET", "/connections/{connection_id}", f"/connections/{conn}", None, expect(200)),
        ("GET", "/connections/{connection_id}/contacts", f"/connections/{conn}/contacts", None,
         expect(200)),
        ("GET", "/young-people/{young_person_id}/wishes", f"/young-people/{yp}/wishes", None,
         expect(200)),
        ("GET", "/young-people/{young_person_id}/lapsed", f"/young-people/{yp}/lapsed", None,
         expect(200)),
        ("GET", "/young-people/{young_person_id}/safeguarding",
         f"/young-people/{yp}/safeguarding", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/timeline", f"/young-people/{yp}/timeline", None,
         expect(200)),
        ("GET", "/young-people/{young_person_id}/suggestions",
         f"/young-people/{yp}/suggestions", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/graph", f"/young-people/{yp}/graph", None,
         expect(200)),
        ("GET", "/young-people/{young_person_id}/map", f"/young-people/{yp}/map?view=tree",
         None, expect(200)),
        ("GET", "/young-people/{young_person_id}/events", f"/young-people/{yp}/events", None,
         expect(200)),
        ("GET", "/events/{event_id}", f"/events/{ids['event']}", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/plan", f"/young-people/{yp}/plan", None,
         expect(200)),
        ("GET", "/young-people/{young_person_id}/plan/versions/{number}",
         f"/young-people/{yp}/plan/versions/1", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/plan/document",
         f"/young-people/{yp}/plan/document?version=1", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/journey-book",
         f"/young-people/{yp}/journey-book", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/journey-book/document",
         f"/young-people/{yp}/journey-book/document", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/journey-book/document.pdf",
         f"/young-people/{yp}/journey-book/document.pdf", None, expect(200)),
        ("GET", "/young-people/{young_person_id}/record", f"/young-people/{yp}/record", None,
         deciders(200)),
        ("GET", "/young-people/{young_person_id}/record/document",
         f"/young-people/{yp}/record/document", None, deciders(200)),
        ("GET", "/young-people/{young_person_id}/record/document.pdf",
         f"/young-people/{yp}/record/document.pdf", None, deciders(200)),
        ("GET", "/young-people/{young_person_id}/removed-people",
         f"/young-people/{yp}/removed-people", None, expect(200, manager_only=True)),
        ("PATCH", "/users/{user_id}", f"/users/{target}", {"display_name": "Renamed"},
         {r: 403 for r in ROLES} | {"admin": 200}),
        ("PATCH", "/people/{person_id}", f"/people/{mother}", {"known_as": "Jo"}, expect(200)),
        ("PATCH", "/relationships/{relationship_id}", f"/relationships/{ids['rel']}",
         {"kind": "birth"}, expect(200)),
        ("PATCH", "/young-people/{young_person_id}", f"/young-people/{yp}",
         {"status": "care_leaver"}, expect(200, manager_only=True)),
        ("PATCH", "/young-people/{young_person_id}/allocations/{allocation_id}",
         f"/young-people/{yp}/allocations/{ids['allocation']}",
         {"until": "2099-01-01"}, expect(200, manager_only=True)),
        ("POST", "/users", "/users",
         {"username": "new.person", "display_name": "N", "role": "coordinator"},
         {r: 403 for r in ROLES} | {"admin": 201}),
        ("POST", "/users/{user_id}/tokens", f"/users/{target}/tokens", {"label": "x"},
         {r: 403 for r in ROLES} | {"admin": 201}),
        ("POST", "/young-people", "/young-people",
         {"given_name": "Robin", "family_name": "Vale", "status": "care_leaver"},
         {r: 403 for r in ROLES} | {"manager": 201, "manager_south": 201}),
        ("POST", "/young-people/{young_person_id}/allocations",
         f"/young-people/{yp}/allocations", {"user_id": w.user_ids["coordinator_out"]},
         expect(201, manager_only=True)),
        ("POST", "/people", "/people",
         {"given_name": "New", "young_person_id": yp}, expect(201, out=422)),
        ("POST", "/relationships", "/relationships",
         {"type": "partner", "from_id": mother, "to_id": ids["father"], "kind": "separated"},
         expect(201, out=422)),
        ("POST", "/connections/{connection_id}/stage", f"/connections/{conn}/stage",
         {"stage": "located"}, expect(200)),
        ("PUT", "/young-people/{young_person_id}/wishes", f"/young-people/{yp}/wishes",
         {"side": "maternal", "wish": "want_contact"}, expect(204)),
        ("POST", "/connections/{connection_id}/contacts", f"/connections/{conn}/contacts",
         {"on": "2026-01-05", "mode": "call", "note": "Marlow family call"}, expect(201)),
        # Not approved: a commitment is refused by the rules, for those who reach.
        ("POST", "/connections/{connection_id}/commitments", f"/connections/{conn}/commitments",
         {"what": "A call a month", "every_days": 30}, expect(409)),
        ("POST", "/young-people/{young_person_id}/connections",
         f"/young-people/{yp}/connections", {"person_id": ids["father"]}, expect(201)),
        ("POST", "/young-people/{young_person_id}/events", f"/young-people/{yp}/events",
         {"on": "2026-05-01"}, expect(201)),
        # The mother is not approved (and flagged): a 409 names the rules, for those who reach.
        ("POST", "/events/{event_id}/guests", f"/events/{ids['event']}/guests",
         {"connection_id": conn}, expect(409)),
        ("PUT", "/events/{event_id}/guests/{connection_id}",
         f"/events/{ids['event']}/guests/{conn}", {"attended": True}, expect(404)),
        ("POST", "/events/{event_id}/guests/{connection_id}/withdrawal",
         f"/events/{ids['event']}/guests/{conn}/withdrawal", {"reason": "Cannot come"},
         expect(404)),
        ("POST", "/young-people/{young_person_id}/plan/versions",
         f"/young-people/{yp}/plan/versions", {"note": "Reviewed"}, expect(201)),
        ("PUT", "/young-people/{young_person_id}/journey-book",
         f"/young-people/{yp}/journey-book", {"own_words": "Hello"}, expect(204)),
        ("POST", "/connections/{connection_id}/messages", f"/connections/{conn}/messages",
         {"text": "Thinking of you"}, expect(201)),
        ("GET", "/connections/{connection_id}/messages", f"/connections/{conn}/messages", None,
         expect(200)),
        # No such message: refused alike for those who reach the case and those who do not.
        ("DELETE", "/connections/{connection_id}/messages/{message_id}",
         f"/connections/{conn}/messages/no-such-message", None, expect(404)),
        ("POST", "/people/{person_id}/addresses", f"/people/{mother}/addresses",
         {"line1": "1 Marlow Street", "town": "Leeds", "postcode": "LS2 9AA"}, expect(204)),
        ("POST", "/young-people/{young_person_id}/timeline", f"/young-people/{yp}/timeline",
         {"kind": "school", "title": "Oakfield Primary", "since": "2019-09"}, expect(201)),
        ("POST", "/orders", "/orders",
         {"kind": "restraining_order", "restricted_id": ids["father"], "protected_id": yp,
          "made_on": "2025-01-01"}, {**deciders(201), "social_worker_ended": 422,
                                     "manager_south": 422}),
        ("POST", "/young-people/{young_person_id}/embed-tokens",
         f"/young-people/{yp}/embed-tokens", {"view": "tree"}, expect(201)),
        ("PATCH", "/flags/{flag_id}", f"/flags/{ids['flag']}", {"review_on": "2027-06-01"},
         deciders(200)),
        ("PATCH", "/orders/{order_id}", f"/orders/{ids['order']}",
         {"until": "2025-05-31", "reason": "Varied by the court"}, deciders(200)),
        ("POST", "/people/{person_id}/flags", f"/people/{mother}/flags",
         {"kind": "allegation", "level": 2, "source": "Police"}, deciders(201)),
        ("POST", "/imports/gedcom", "/imports/gedcom",
         {"files": GEDCOM.decode(), "young_person_id": yp}, expect(201, out=422)),
        ("DELETE", "/relationships/{relationship_id}", f"/relationships/{ids['rel2']}", None,
         expect(204)),
        ("DELETE", "/people/{person_id}", f"/people/{ids['victim']}", None, expect(204)),
        ("POST", "/young-people/{young_person_id}/removed-people/{person_id}/restore",
         f"/young-people/{yp}/removed-people/{ids['victim']}/restore", None,
         expect(404, manager_only=True)),
        ("DELETE", "/tokens/{token_id}", f"/tokens/{w.token_ids['coordinator']}", None,
         {r: 403 for r in ROLES} | {"admin": 204}),
    ]  # fmt: skip


def send(client: TestClient, method: str, path: str, headers: dict[str, str], body: Any) -> Any:
    """A request with a JSON body, or a multipart one when the body carries "files"."""
    if isinstance(body, dict) and "files" in body:
        form = {k: v for k, v in body.items() if k != "files"}
        files = {"file": ("family.ged", body["files"].encode(), "text/x-gedcom")}
        return client.request(method, path, headers=headers, files=files, data=form)
    return client.request(method, path, headers=headers, json=body)
