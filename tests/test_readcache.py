"""Answers kept between reads of a case (service/readcache.py): the rule without a database,
then through the API on a real Neo4j: a change made through the service is seen by the very
next read, whoever made it and whichever answer was kept; who asks still decides what they see;
and every read is still checked and audited."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import AsyncGraphDatabase, Driver

from seed.families import family, network_graph
from service.auth.access import CaseAccess
from service.auth.principal import Principal, Role
from service.data import users
from service.db import Db
from service.drawing import draw
from service.errors import NotFound
from service.queries import load_queries
from service.readcache import ReadCache
from tests.cases import ADMIN_TOKEN, Case, add_user, build_case, ok, staffed_case
from tests.conftest import Target, app_client, settings_for
from visualise import maps

REPO = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_answer_is_given_again_only_at_its_revision() -> None:
    kept = ReadCache(8, 60, Clock())
    kept.put("e:1", "graph", {"a": 1})
    assert kept.get("e:1", "graph") == {"a": 1}
    assert kept.get("e:2", "graph") is None  # anything changed since
    assert kept.get("f:1", "graph") is None  # the database emptied and filled again
    assert kept.get("e:1", "other") is None


def test_no_revision_keeps_nothing() -> None:
    kept = ReadCache(8, 60, Clock())
    kept.put(None, "graph", 1)
    assert len(kept) == 0
    assert kept.get(None, "graph") is None
    off = ReadCache(0, 60, Clock())
    off.put("e:1", "graph", 1)
    assert off.get("e:1", "graph") is None


def test_answers_expire() -> None:
    clock = Clock()
    kept = ReadCache(8, 60, clock)
    kept.put("e:1", "graph", 1)
    clock.now = 59
    assert kept.get("e:1", "graph") == 1
    clock.now = 61
    assert kept.get("e:1", "graph") is None
    assert len(kept) == 0


def test_the_least_recently_used_goes_first() -> None:
    kept = ReadCache(2, 60, Clock())
    kept.put("e:1", "a", 1)
    kept.put("e:1", "b", 2)
    assert kept.get("e:1", "a") == 1  # used: b is now the oldest
    kept.put("e:1", "c", 3)
    assert kept.get("e:1", "b") is None
    assert kept.get("e:1", "a") == 1
    assert kept.get("e:1", "c") == 3


def test_the_last_revision_seen_is_remembered() -> None:
    kept = ReadCache(8, 60, Clock())
    assert kept.revision is None
    kept.saw("e:2")
    kept.saw("e:1")  # a check that read earlier, answering later
    assert kept.revision == "e:1"
    kept.saw(None)
    assert kept.revision is None


@pytest.fixture
def kept_client(db: Driver, neo4j_target: Target) -> Iterator[TestClient]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        yield client


def _cache(client: TestClient) -> ReadCache:
    found: ReadCache = client.app.state.read_cache  # type: ignore[attr-defined]
    return found


def _with_mum(client: TestClient, *, flagged: bool) -> tuple[Case, str]:
    """A staffed case with the young person's mother, flagged (level 3) or not."""
    case = staffed_case(client)
    case.family.people(mum="female")
    case.family.child("mum", "me")
    if flagged:
        case.flag("mum")
    return case, case.family.ids["mum"]


def _rename_by_hand(db: Driver, person_id: str) -> None:
    """A change made in Neo4j without the service: no revision raised."""
    db.execute_query("MATCH (p:Person {id: $id}) SET p.given_name = 'Renamed'", id=person_id)


def _node(graph: dict[str, Any], person_id: str) -> dict[str, Any]:
    return next(n for n in graph["nodes"] if n["id"] == person_id)


def test_a_change_is_seen_by_the_next_read(kept_client: TestClient, db: Driver) -> None:
    """The graph, relatives and safeguarding are kept between reads, and a flag raised or a
    relative added through the service shows on the very next read of each."""
    case = build_case(kept_client)
    lee = case.family.ids["lee"]
    yp = case.yp
    headers = case.social_worker.headers
    reads = {
        "graph": f"/young-people/{yp}/graph",
        "map": f"/young-people/{yp}/map",
        "relatives": f"/people/{yp}/relatives",
        "safeguarding": f"/young-people/{yp}/safeguarding",
    }
    first = {name: kept_client.get(path, headers=headers) for name, path in reads.items()}
    again = {name: kept_client.get(path, headers=headers) for name, path in reads.items()}
    assert all(r.status_code == 200 for r in [*first.values(), *again.values()])
    assert len(_cache(kept_client)) >= 4  # graph, chains, relatives, safeguarding
    for name in ("graph", "relatives", "safeguarding"):
        assert again[name].json() == first[name].json(), name
    assert _node(first["graph"].json(), lee)["flags"] == []
    assert first["safeguarding"].json()["flagged_in_network"] == []

    flag = {"kind": "person_posing_risk_to_children", "level": 3,
            "source": "Police disclosure", "details": "Disclosed in 2024."}  # fmt: skip
    ok(kept_client.post(f"/people/{lee}/flags", headers=headers, json=flag), 201)
    graph = ok(kept_client.get(reads["graph"], headers=headers))
    assert [f["content"]["level"] for f in _node(graph, lee)["flags"]] == [3]
    found = ok(kept_client.get(reads["safeguarding"], headers=headers))
    assert [f["person_id"] for f in found["flagged_in_network"]] == [lee]
    page = kept_client.get(reads["map"], headers=headers).text
    assert "Police disclosure" not in page  # the page never says where a flag came from...
    assert "Safety flag (level 3" in page  # ...but the flag is on it, for a social worker
    assert "Safety flag" not in first["map"].text

    case.family.person("cousin", "female")
    case.family.child("aunt", "cousin")
    relatives = ok(kept_client.get(reads["relatives"], headers=headers))
    assert case.family.ids["cousin"] in {r["person_id"] for r in relatives["data"]}


def test_who_asks_still_decides_what_they_see(kept_client: TestClient, db: Driver) -> None:
    """One graph kept, two readers: the coordinator sees that a flag exists and whom to ask,
    the social worker what it says; and each read is audited."""
    case, mum = _with_mum(kept_client, flagged=True)
    path = f"/young-people/{case.family.young_person_id}/graph"
    worker = ok(kept_client.get(path, headers=case.social_worker.headers))
    coordinator = ok(kept_client.get(path, headers=case.coordinator.headers))
    worker_again = ok(kept_client.get(path, headers=case.social_worker.headers))
    assert _node(worker, mum)["flags"][0]["content"]["level"] == 3
    assert "content" not in _node(coordinator, mum)["flags"][0]
    assert _node(coordinator, mum)["flags"][0]["ask"]
    assert worker_again == worker
    assert len(_cache(kept_client)) == 1  # one graph kept, written out for each reader
    audited = db.execute_query(
        "MATCH (e:AuditEvent {action: 'read_graph', outcome: 'allowed'}) RETURN count(e) AS n"
    ).records[0]["n"]
    assert audited == 3


def test_another_case_is_refused_whatever_was_kept(kept_client: TestClient, db: Driver) -> None:
    """An answer kept for one caller is never a way round the check for another."""
    case = staffed_case(kept_client)
    path = f"/young-people/{case.family.young_person_id}/graph"
    ok(kept_client.get(path, headers=case.coordinator.headers))
    ok(kept_client.get(path, headers=case.coordinator.headers))
    assert len(_cache(kept_client)) == 1
    stranger = add_user(kept_client, "coordinator2", "coordinator", team="south")
    assert kept_client.get(path, headers=stranger.headers).status_code == 404
    relatives = f"/people/{case.family.young_person_id}/relatives"
    ok(kept_client.get(relatives, headers=case.coordinator.headers))
    ok(kept_client.get(relatives, headers=case.coordinator.headers))
    assert kept_client.get(relatives, headers=stranger.headers).status_code == 404


@pytest.mark.parametrize("view", ["ecomap", "tree"])
@pytest.mark.parametrize("endpoint", ["graph", "map"])
def test_a_refused_graph_keeps_nothing_and_says_no_more(
    kept_client: TestClient, db: Driver, view: str, endpoint: str
) -> None:
    """A graph or map page refused (another team's child, an unknown id, a relative who is not
    a young person) is the same 404 whatever the reason, audited once as refused, and leaves
    nothing kept: nothing is read before the check."""
    case = staffed_case(kept_client)
    stranger = add_user(kept_client, f"coordinator.{endpoint}.{view}", "coordinator",
                        team="south")  # fmt: skip
    mother = case.family.person("mother", "female")
    case.family.child("mother", "me")
    asked = [case.family.young_person_id, "no-such-person", mother]
    before = len(_cache(kept_client))
    for person_id in asked:
        found = kept_client.get(f"/young-people/{person_id}/{endpoint}", params={"view": view},
                                headers=stranger.headers)  # fmt: skip
        assert found.status_code == 404
        assert found.json()["error"]["code"] == "not_found"
        assert found.json()["error"]["message"] == (
            "No person with this id is within your allocations."
        )
    assert len(_cache(kept_client)) == before
    refused = db.execute_query(
        "MATCH (e:AuditEvent {action: $action, outcome: 'refused', user_id: $user}) "
        "RETURN count(e) AS n",
        action=f"read_{endpoint}",
        user=stranger.user_id,
    ).records[0]["n"]
    assert refused == len(asked)


def test_a_write_made_without_the_service_is_seen_when_answers_expire(
    kept_client: TestClient, db: Driver
) -> None:
    """What was kept is what the next read gets while the revision stands: a name changed in
    Neo4j by hand (not through the service) shows once the kept answer expires
    (LL_READ_CACHE_SECONDS), or at once after any change through the service."""
    case, mum = _with_mum(kept_client, flagged=False)
    path = f"/young-people/{case.family.young_person_id}/graph"
    ok(kept_client.get(path, headers=case.coordinator.headers))  # after the writes: not kept
    before = _node(ok(kept_client.get(path, headers=case.coordinator.headers)), mum)["name"]
    _rename_by_hand(db, mum)
    kept = _node(ok(kept_client.get(path, headers=case.coordinator.headers)), mum)["name"]
    assert kept == before  # the kept answer
    _cache(kept_client).seconds = 0
    fresh = _node(ok(kept_client.get(path, headers=case.coordinator.headers)), mum)["name"]
    assert fresh.startswith("Renamed")


def _revision(db: Driver) -> Any:
    records = db.execute_query("OPTIONAL MATCH (r:Revision {id: 'data'}) RETURN r.n AS n").records
    return records[0]["n"]


def test_a_sign_in_with_a_new_team_is_a_change(db: Driver, neo4j_target: Target) -> None:
    """An OpenID Connect sign-in sets the user's role and team from the claims: the same claims
    again change nothing kept; a new team (which a flag's "whom to ask" names) does."""

    async def sign_in(team: str, role: Role = Role.social_worker) -> None:
        auth = (neo4j_target.user, neo4j_target.password)
        async with AsyncGraphDatabase.driver(neo4j_target.uri, auth=auth) as driver:
            handle = Db(driver, load_queries(REPO / "cypher"), "neo4j")
            found = await users.principal_for_oidc(
                handle, subject="sub-1", username="jo", role=role, team=team
            )
            assert isinstance(found, Principal)
            assert found.team == team

    asyncio.run(sign_in("north"))
    first = _revision(db)
    assert first is not None  # a new user
    asyncio.run(sign_in("north"))
    assert _revision(db) == first
    asyncio.run(sign_in("south"))
    assert _revision(db) == first + 1
    asyncio.run(sign_in("south", Role.manager))
    assert _revision(db) == first + 2
    asyncio.run(sign_in("south", Role.manager))
    assert _revision(db) == first + 2


def _nonce(page: Any) -> str:
    csp = page.headers["content-security-policy"]
    found = re.search(r"'nonce-([^']+)'", csp)
    assert found is not None
    return found.group(1)


def test_a_page_given_again_has_a_fresh_nonce_and_the_readers_shaping(
    kept_client: TestClient, db: Driver
) -> None:
    """The map page is kept as rendered for the reader's role: given again, it carries a new
    nonce (in its header and its tags, the old one nowhere); a coordinator never gets the page
    kept for a social worker, which says what a flag is."""
    case, mum = _with_mum(kept_client, flagged=True)
    path = f"/young-people/{case.family.young_person_id}/map"
    first = kept_client.get(path, headers=case.social_worker.headers)
    # Renamed in Neo4j by hand (no revision raised): the page given next is the kept one.
    _rename_by_hand(db, mum)
    again = kept_client.get(path, headers=case.social_worker.headers)
    assert first.status_code == again.status_code == 200
    old, new = _nonce(first), _nonce(again)
    assert old != new
    assert old not in again.text
    assert again.text.count(f'nonce="{new}"') == first.text.count(f'nonce="{old}"') >= 3
    assert again.text.replace(new, old) == first.text  # the kept page: no "Renamed" in it
    assert "Safety flag (level 3" in first.text
    coordinator = kept_client.get(path, headers=case.coordinator.headers)
    assert coordinator.status_code == 200
    assert "Safety flag (level" not in coordinator.text
    assert "Safety flag: ask" in coordinator.text
    # Rendered for this role from the kept graph (so without the renaming either).
    assert "Renamed" not in coordinator.text


def test_a_kept_page_is_small_and_comes_back_whole() -> None:
    """A kept page leaves out the map library and script (the same in every page) and its
    nonce; given again, it is the same page under a new nonce."""
    graph = network_graph(family(120), "ecomap")
    draw(graph)
    page = maps.render(graph.model_dump(), title="A family")
    kept = maps.keep(page)
    held = sum(len(p) for p in kept.parts if isinstance(p, bytes))
    assert held < len(page.html) / 3
    again = maps.renewed(kept)
    assert again.nonce != page.nonce
    assert page.nonce not in again.html
    assert again.html.replace(again.nonce, page.nonce) == page.html


def test_a_refused_read_reads_nothing_kept_or_not(
    kept_client: TestClient, neo4j_target: Target
) -> None:
    """The check comes first (CaseAccess.read_person): for a caller it refuses, nothing is
    fetched and nothing kept is given, so a refusal takes the same time whether the child
    exists and whether an answer is kept for them (reads started alongside the check made a
    refusal of a child whose answer was kept 2 ms quicker). The case's own worker is fetched
    for once, through the case."""
    case = staffed_case(kept_client)
    child = case.family.young_person_id
    stranger = add_user(kept_client, "coordinator.refused", "coordinator", team="south")
    ok(kept_client.get(f"/young-people/{child}/graph", headers=case.coordinator.headers))
    kept = _cache(kept_client)
    kept.put(kept.revision, ("planted",), ((child,), "kept"))
    fetched: list[list[str]] = []

    async def fetch(cases: list[str]) -> str:
        fetched.append(cases)
        return "fetched"

    async def read(user_id: str, team: str, person_id: str, key: object) -> object:
        auth = (neo4j_target.user, neo4j_target.password)
        async with AsyncGraphDatabase.driver(neo4j_target.uri, auth=auth) as driver:
            access = CaseAccess(
                Principal(user_id, "someone", Role.coordinator, team, "token"),
                Db(driver, load_queries(REPO / "cypher"), "neo4j"), date.today(), kept,
            )  # fmt: skip
            return await access.read_person(person_id, action="read_graph", young=True,
                                            fetch=fetch, key=key)  # fmt: skip

    refusals = []
    for person_id, key in ((child, ("planted",)), (child, ("nothing", "kept")),
                           ("no-such-person", ("planted",))):  # fmt: skip
        with pytest.raises(NotFound) as refused:
            asyncio.run(read(stranger.user_id, "south", person_id, key))
        refusals.append(str(refused.value))
    assert fetched == []
    assert len(set(refusals)) == 1
    assert asyncio.run(read(case.coordinator.user_id, "north", child, None)) == "fetched"
    assert fetched == [[child]]
