"""The case is the unit of access: what the graph shares (a foster carer, a teacher, relatives,
an imported file's source) never opens another young person's case, on a real Neo4j.

The route-table test in tests/test_auth.py runs every route as a coordinator allocated to
another young person who shares the test case's foster carer and teacher; the tests here look
at what such sharing shows, and at siblings and cousins in care, imports, removal, duplicate
external ids and the one clock.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.cases import (
    BOOT,
    GEDCOM,
    Actor,
    Family,
    add_user,
    allocate,
    bump_revision,
    held_while,
    import_file,
    in_network_of,
    ok,
    open_case,
    run_migrations,
    two_teams,
)
from tests.conftest import Target
from tests.world import OTHER_CHILD, World, send, table

KNOWN_CHILD = "a child known to the council (ask the manager of team north)"


def _missing(path: str, ids: dict[str, str]) -> str:
    for value in sorted(ids.values(), key=len, reverse=True):
        path = path.replace(value, "no-such-id")
    return path


def test_another_case_answers_like_no_case_at_all(world: World) -> None:
    """Every case route the shared-carer coordinator is refused answers exactly as for ids that
    do not exist: same status, same body."""
    headers = world.headers["coordinator_shared"]
    checked = 0
    for method, template, path, body, expected in table(world):
        if expected["coordinator_shared"] != 404:
            continue
        refused = send(world.client, method, path, headers, body)
        missing = send(world.client, method, _missing(path, world.ids), headers, body)
        assert refused.status_code == missing.status_code == 404, (method, template)
        assert refused.json() == missing.json(), (method, template)
        checked += 1
    assert checked >= 30


def _reads_of_the_case(w: World) -> list[str]:
    yp, carer, teacher = w.ids["yp"], w.ids["foster_carer"], w.ids["teacher"]
    return [
        f"/people/{carer}", f"/people/{carer}/relationships", f"/people/{carer}/relatives",
        f"/people/{carer}/gaps", f"/people/{carer}/gedcom", f"/people/{teacher}/relationships",
        f"/people/{yp}/relatives",
        f"/young-people/{yp}/graph", f"/young-people/{yp}/graph?view=tree",
        f"/young-people/{yp}/map", f"/young-people/{yp}/safeguarding?max_steps=4",
        f"/young-people/{yp}/suggestions", f"/young-people/{yp}/connections",
        f"/young-people/{yp}/lapsed", "/young-people",
    ]  # fmt: skip


def test_shared_carer_and_teacher_show_nothing_of_the_other_child(world: World) -> None:
    other = world.ids["other"]
    for actor in ("coordinator", "social_worker"):
        for path in _reads_of_the_case(world):
            response = world.client.get(path, headers=world.headers[actor])
            assert response.status_code == 200, (actor, path, response.text)
            assert OTHER_CHILD not in response.text, (actor, path)
            assert other not in response.text, (actor, path)
    # The carer's ties as each case sees them: one young person each.
    carer = world.ids["foster_carer"]
    for actor, young in (("coordinator", world.ids["yp"]), ("coordinator_shared", other)):
        ties = ok(world.client.get(f"/people/{carer}/relationships", headers=world.headers[actor]))
        assert [t["to_id"] for t in ties["data"]] == [young], actor


def test_a_chain_through_another_child_does_not_name_them(world: World, db: Driver) -> None:
    """A safeguarding chain may pass through another child's case (that is its purpose), but
    shows the child as a child known to the council, never by name or id, and ends there:
    that a concern is recorded beyond them, and whom to ask. Who the child lives with or is
    related to is their case's (the flagged father here was named, until a second reader
    showed the same naming the foster carer another team's child lives with)."""
    manager = Actor(world.user_ids["manager"], "", world.headers["manager"])
    other = Family(world.client, world.headers["coordinator_shared"], world.ids["other"])
    other.person("risk", "male", family_name="Riskadult")
    other.child("risk", "me")
    flag = {"kind": "person_posing_risk_to_children", "level": 3, "source": "Police"}
    ok(world.client.post(f"/people/{other.ids['risk']}/flags", headers=manager.headers,
                         json=flag), 201)  # fmt: skip
    found = ok(
        world.client.get(
            f"/young-people/{world.ids['yp']}/safeguarding?max_steps=3",
            headers=world.headers["social_worker"],
        )
    )
    chains = [c for c in found["chains"] if "beyond them" in c["summary"]]
    assert chains, found
    for chain in chains:
        # Kai -> his foster carer or teacher -> the other child; beyond them, the flagged
        # parent, not shown.
        assert chain["steps"][-1] == {
            "person_id": None,
            "name": KNOWN_CHILD,
            "relation": "known through a trusted-adult tie",
        }
        assert chain["summary"].endswith(
            "(a concern is recorded beyond them: ask the manager of team north)"
        )
        assert chain["flags"] == chain["orders"] == []
    # One chain from each member who reaches the child.
    assert len({c["start_id"] for c in chains}) == len(chains)
    text = str(found)
    assert OTHER_CHILD not in text
    assert world.ids["other"] not in text
    assert "Riskadult" not in text
    assert other.ids["risk"] not in text


def _terms(client: TestClient, person_id: str, worker: Actor) -> dict[str, str]:
    found = ok(client.get(f"/people/{person_id}/relatives", headers=worker.headers))
    return {r["person_id"]: r["term"] for r in found["data"]}


CASE_READS = (
    "/young-people/{id}", "/young-people/{id}/allocations", "/young-people/{id}/connections",
    "/young-people/{id}/wishes", "/young-people/{id}/timeline", "/young-people/{id}/lapsed",
    "/young-people/{id}/suggestions", "/young-people/{id}/safeguarding",
    "/young-people/{id}/graph", "/young-people/{id}/map", "/people/{id}",
    "/people/{id}/relatives", "/people/{id}/relationships", "/people/{id}/gaps",
    "/people/{id}/gedcom", "/people/{id}/flags",
)  # fmt: skip


def test_a_child_in_care_elsewhere_is_not_shown_through_a_case_unless_recorded_in_it(
    api: TestClient, db: Driver
) -> None:
    """Access follows the case, never how far the family's ties reach: Sam (Kai's brother) and
    Cleo (his cousin) are recorded in south's cases only, so Kai's relatives do not show them,
    nor Sam's show Kai. (They did, by name and birth date, found through Kai's mother, and a
    cousin found through an aunt the case did not hold at all.) Recorded in Kai's network, Sam
    is his brother, never with his case."""
    client = api
    w = two_teams(client, db)
    kai, sam, cleo = w["kai"], w["sam"], w["cleo"]
    for worker, others in ((w["kai_worker"], (sam, cleo)), (w["sam_worker"], (kai,))):
        for young in others:
            for template in CASE_READS:
                refused = client.get(template.format(id=young), headers=worker.headers)
                missing = client.get(template.format(id="no-such-id"), headers=worker.headers)
                assert refused.status_code == missing.status_code == 404, template
                assert refused.json() == missing.json(), template
    terms = _terms(client, kai, w["kai_worker"])
    assert sam not in terms
    assert cleo not in terms
    assert terms[w["family"].ids["aunt"]] == "maternal aunt"
    terms = _terms(client, sam, w["sam_worker"])
    assert kai not in terms
    assert terms[w["family"].ids["mother"]] == "mother"
    for worker, young, others in ((w["kai_worker"], kai, (sam, cleo)),
                                  (w["sam_worker"], sam, (kai,))):  # fmt: skip
        for path in (
            f"/young-people/{young}/graph?view=tree&scope=whole",
            f"/young-people/{young}/map?view=tree&scope=whole",
            f"/young-people/{young}/suggestions",
            f"/people/{young}/gedcom",
        ):
            answer = client.get(path, headers=worker.headers)
            assert answer.status_code == 200, (path, answer.text)
            assert not [o for o in others if o in answer.text], path
            assert "Southcase" not in answer.text or worker is w["sam_worker"], path
            assert "Northcase" not in answer.text or worker is w["kai_worker"], path
    in_network_of(db, kai, sam)
    terms = _terms(client, kai, w["kai_worker"])
    assert terms[sam] == "brother"
    assert cleo not in terms
    # Both cases read the shared mother, each seeing only the ties of their own case.
    mother = w["family"].ids["mother"]
    for worker, young in ((w["kai_worker"], kai), (w["sam_worker"], sam)):
        ties = ok(client.get(f"/people/{mother}/relationships", headers=worker.headers))
        children = {t["to_id"] for t in ties["data"] if t["from_id"] == mother}
        assert young in children
    # Sam, recorded in Kai's network, is Kai's brother; the mother's tie to him (its kind and
    # notes are Sam's case's record) is not listed to Kai's case (a second reader found it was).
    ties = ok(client.get(f"/people/{mother}/relationships", headers=w["kai_worker"].headers))
    assert sam not in str(ties)


def test_a_sibling_in_care_on_the_map_carries_nothing_of_their_case(
    api: TestClient, db: Driver
) -> None:
    client = api
    w = two_teams(client, db)
    kai, sam = w["kai"], w["sam"]
    # Sam's case records a flag on Sam and Sam's foster carer, who is Kai's foster carer too.
    flag = {"kind": "allegation", "level": 2, "source": "Strategy meeting"}
    ok(client.post(f"/people/{sam}/flags", headers=w["sam_worker"].headers, json=flag), 201)
    carer = w["family"].person("carer", "female", family_name="Sharedcarer")
    w["family"].link("trusted_adult", "carer", "me", role="foster_carer")
    # Sam's case's own record of the carer, as the council's records would have it.
    db.execute_query(
        "MATCH (c:Person {id: $carer}), (sam:YoungPerson {id: $sam}) "
        "MERGE (c)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (c)-[:TRUSTED_ADULT_OF {id: 'adult_s1', role: 'foster_carer', "
        "strength: 'strong'}]->(sam)", carer=carer, sam=sam,
    )  # fmt: skip
    graph = ok(client.get(f"/young-people/{kai}/graph", headers=w["kai_worker"].headers))
    assert sam not in {n["id"] for n in graph["nodes"]}
    in_network_of(db, kai, sam)
    graph = ok(client.get(f"/young-people/{kai}/graph", headers=w["kai_worker"].headers))
    nodes = {n["id"]: n for n in graph["nodes"]}
    # Sam is drawn, as Kai's brother, with no flag; the carer's tie to Sam is Sam's case's.
    assert nodes[sam]["relation"] == "brother"
    assert nodes[sam]["flags"] == []
    assert carer in nodes
    assert not [e for e in graph["edges"] if sam in (e["source"], e["target"])
                and e["type"] == "trusted_adult"]  # fmt: skip
    assert [e["type"] for e in graph["edges"] if e["target"] == carer] == ["tie"]


def test_an_import_naming_another_teams_source_touches_nothing_of_theirs(
    api: TestClient, db: Driver
) -> None:
    client = api
    w = two_teams(client, db)
    north_file = Family(client, w["kai_worker"].headers, w["kai"])
    first = import_file(north_file, GEDCOM, source="marlow")
    assert first.status_code == 201, first.text
    before = db.execute_query(
        "MATCH (p:Person)-[:IN_NETWORK_OF]->(:YoungPerson {id: $kai}) "
        "RETURN p.id AS id, p.given_name AS name ORDER BY id", kai=w["kai"]
    ).records  # fmt: skip
    renamed = GEDCOM.replace(b"Anne /Marlow/", b"Changed /Byothers/")
    for headers, source in ((w["south"].headers, "marlow"), (w["sam_worker"].headers, w["kai"])):
        south_file = Family(client, headers, w["sam"])
        result = import_file(south_file, renamed, source=source)
        assert result.status_code == 201, result.text
        # Everyone in the file is new to Sam's case: nothing of Kai's was matched or counted.
        assert result.json()["people_created"] == first.json()["people_created"] == 5
    after = db.execute_query(
        "MATCH (p:Person)-[:IN_NETWORK_OF]->(:YoungPerson {id: $kai}) "
        "RETURN p.id AS id, p.given_name AS name ORDER BY id", kai=w["kai"]
    ).records  # fmt: skip
    assert after == before
    linked = db.execute_query(
        "MATCH (p:Person)-[:IN_NETWORK_OF]->(:YoungPerson {id: $kai}) "
        "MATCH (p)-[:IN_NETWORK_OF]->(:YoungPerson {id: $sam}) "
        "WHERE p.given_name IN ['Anne', 'Changed', 'Kit', 'Bob', 'Rose', 'Lily'] "
        "RETURN count(p) AS n", kai=w["kai"], sam=w["sam"]
    ).records[0]["n"]  # fmt: skip
    assert linked == 0


def test_family_tree_xrefs_pair_for_merging_only_people_alike(api: TestClient, db: Driver) -> None:
    """Two unrelated files given one source label ("ancestry") both have an @I1@ and an @I2@:
    a second reader found the merge list pairing their people, two children in care among them.
    Holders of one xref are listed when alike (two of given name, family name and birth date),
    as one file imported into two cases makes them."""
    client = api
    w = two_teams(client, db)
    north_file = Family(client, w["kai_worker"].headers, w["kai"])
    south_file = Family(client, w["sam_worker"].headers, w["sam"])
    strangers = (GEDCOM.replace(b"/Marlow/", b"/Zed/").replace(b"/Hill/", b"/Quay/")
                 .replace(b"12 MAR 1980", b"3 JUN 1975"))  # fmt: skip
    ok(import_file(north_file, GEDCOM, source="ancestry"), 201)
    ok(import_file(south_file, strangers, source="ancestry"), 201)
    for family in (north_file, south_file):
        ok(import_file(family, GEDCOM, source="marlow"), 201)
    listed = ok(client.get("/duplicates", headers=BOOT))["data"]
    by_system: dict[str, list[str]] = {}
    for duplicate in listed:
        by_system.setdefault(duplicate["system"], []).append(duplicate["value"])
        assert len(duplicate["holders"]) == 2, duplicate
    assert "gedcom:ancestry" not in by_system
    assert by_system["gedcom:marlow"] == ["@I1@", "@I2@", "@I3@", "@I4@", "@I5@"]
    # Two people with no name recorded agree on nothing (a second reader of the rule).
    nameless = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 SEX F\n1 BIRT\n"
                "2 DATE {}\n0 TRLR\n")  # fmt: skip
    for family, born in ((north_file, "1931"), (south_file, "1990")):
        ok(import_file(family, nameless.format(born).encode(), source="unnamed"), 201)
    listed = ok(client.get("/duplicates", headers=BOOT))["data"]
    assert [d for d in listed if d["system"] == "gedcom:unnamed"] == []


def test_removal_keeps_safeguarding_history_and_a_manager_restores(
    world: World, db: Driver
) -> None:
    client, yp, mother = world.client, world.ids["yp"], world.ids["mother"]
    coordinator, manager = world.headers["coordinator"], world.headers["manager"]
    # The mother has a flag and a connection: taken out of the network, kept.
    assert client.delete(f"/people/{mother}", headers=coordinator).status_code == 204
    assert client.get(f"/people/{mother}", headers=coordinator).status_code == 404
    kept = db.execute_query(
        "MATCH (p:Person {id: $id}) RETURN COUNT { (p)-[:HAS_FLAG]->() } AS flags, "
        "COUNT { (:Connection)-[:WITH]->(p) } AS connections, "
        "COUNT { (p)-[:REMOVED_FROM]->() } AS removed", id=mother
    ).records  # fmt: skip
    assert [dict(r) for r in kept] == [{"flags": 1, "connections": 1, "removed": 1}]
    relatives = ok(client.get(f"/people/{yp}/relatives", headers=coordinator))
    assert mother not in {r["person_id"] for r in relatives["data"]}
    listed = ok(client.get(f"/young-people/{yp}/removed-people", headers=manager))
    assert [r["person_id"] for r in listed["data"]] == [mother]
    assert listed["data"][0]["removed_by"] == world.user_ids["coordinator"]
    restore = f"/young-people/{yp}/removed-people/{mother}/restore"
    assert client.post(restore, headers=coordinator).status_code == 403
    assert client.post(restore, headers=manager).status_code == 204
    assert client.get(f"/people/{mother}", headers=coordinator).status_code == 200
    events = ok(client.get("/audit", headers=manager, params={"young_person_id": yp}))
    actions = [e["action"] for e in events["data"]]
    assert "person.remove" in actions
    assert "person.restore" in actions
    # The shared carer is in two networks: taken out of this one only.
    carer = world.ids["foster_carer"]
    assert client.delete(f"/people/{carer}", headers=coordinator).status_code == 204
    assert client.get(f"/people/{carer}", headers=coordinator).status_code == 404
    shared = world.headers["coordinator_shared"]
    assert client.get(f"/people/{carer}", headers=shared).status_code == 200
    # Someone recorded here alone, with no history: deleted.
    victim = world.ids["victim"]
    assert client.delete(f"/people/{victim}", headers=coordinator).status_code == 204
    gone = db.execute_query("MATCH (p {id: $id}) RETURN count(p) AS n", id=victim)
    assert gone.records[0]["n"] == 0


def test_a_duplicate_external_id_in_another_case_is_not_revealed(
    api: TestClient, db: Driver
) -> None:
    client = api
    w = two_teams(client, db)
    mosaic = [{"system": "mosaic", "value": "MOS-77"}]
    north = Family(client, w["kai_worker"].headers, w["kai"])
    north.person("uncle", "male", external_ids=mosaic)
    # Within the case: refused, the worker can see the holder.
    clash = client.post("/people", headers=w["kai_worker"].headers,
                        json={"given_name": "Again", "young_person_id": w["kai"],
                              "external_ids": mosaic})  # fmt: skip
    assert clash.status_code == 409, clash.text
    # In another case: recorded, and nothing tells the worker there is another holder.
    elsewhere = client.post("/people", headers=w["sam_worker"].headers,
                            json={"given_name": "Uncle", "young_person_id": w["sam"],
                                  "external_ids": mosaic})  # fmt: skip
    assert elsewhere.status_code == 201, elsewhere.text
    # The admin's merge list names both holders, by id and team, and no names.
    listed = ok(client.get("/duplicates", headers=BOOT))
    both = next(d for d in listed["data"] if d["value"] == "MOS-77")
    assert sorted(h["teams"] for h in both["holders"]) == [["north"], ["south"]]
    assert "Uncle" not in str(listed)
    # One taken out of their one case is kept by it, for its manager to restore: still listed
    # with that team (a second reader: with none, the admin could hand it to nobody).
    south_uncle = elsewhere.json()["id"]
    ok(client.post(f"/young-people/{w['sam']}/connections", headers=w["sam_worker"].headers,
                   json={"person_id": south_uncle}), 201)  # fmt: skip
    gone = client.delete(f"/people/{south_uncle}", headers=w["sam_worker"].headers)
    assert gone.status_code == 204, gone.text
    listed = ok(client.get("/duplicates", headers=BOOT))
    both = next(d for d in listed["data"] if d["value"] == "MOS-77")
    assert sorted(h["teams"] for h in both["holders"]) == [["north"], ["south"]]
    assert client.get("/duplicates", headers=w["kai_worker"].headers).status_code == 403
    case_id = [{"system": "mosaic-case", "value": "C-1"}]
    first = client.post(
        "/young-people",
        headers=w["south"].headers,
        json={"given_name": "Ana", "status": "in_care", "external_ids": case_id},
    )
    assert first.status_code == 201, first.text
    again = client.post(
        "/young-people",
        headers=w["south"].headers,
        json={"given_name": "Ana", "status": "in_care", "external_ids": case_id},
    )
    assert again.status_code == 409
    other_team = client.post("/young-people", headers=w["north"].headers,
                             json={"given_name": "Ana", "status": "in_care",
                                   "external_ids": case_id})  # fmt: skip
    assert other_team.status_code == 201, other_team.text


def test_a_young_persons_case_id_is_theirs_alone_within_the_team(
    api: TestClient, db: Driver
) -> None:
    """Two young people of one team made at once with one case id were both written (each
    checked before the other wrote), and a young person's id could be changed to a team-mate's:
    the team's check holds for both, one write after the other."""
    client = api
    w = two_teams(client, db)
    queries = client.app.state.db.queries  # type: ignore[attr-defined]
    case_id = [{"system": "mosaic-case", "value": "C-9"}]
    body = {"given_name": "Ana", "status": "in_care", "external_ids": case_id}
    first: list[tuple[str, dict[str, Any]]] = [
        (queries["bump_revision"], {}),
        (queries["create_young_person"], {"id": "first", "fields": {"given_name": "First"},
                                          "status": "in_care", "team": "south",
                                          "external_ids": case_id}),
    ]  # fmt: skip
    answer = held_while(
        db, first, lambda: client.post("/young-people", headers=w["south"].headers, json=body)
    )
    assert answer.status_code == 409, answer.text
    # Sam (team south) given Cleo's (team south) case id: refused; Kai's (north): his own team
    # does not hold it.
    ok(
        client.patch(
            f"/people/{w['cleo']}",
            headers=w["south"].headers,
            json={"external_ids": [{"system": "mosaic-case", "value": "C-10"}]},
        )
    )
    ok(
        client.patch(
            f"/people/{w['kai']}",
            headers=w["north"].headers,
            json={"external_ids": [{"system": "mosaic-case", "value": "C-11"}]},
        )
    )
    taken = client.patch(
        f"/people/{w['sam']}",
        headers=w["south"].headers,
        json={"external_ids": [{"system": "mosaic-case", "value": "C-10"}]},
    )
    assert taken.status_code == 409, taken.text
    mine = client.patch(
        f"/people/{w['sam']}",
        headers=w["south"].headers,
        json={"external_ids": [{"system": "mosaic-case", "value": "C-11"}]},
    )
    assert mine.status_code == 200, mine.text
    # Sam's worker sees Sam's case alone: refused for a team-mate's id, they would learn that a
    # child they may not see holds it. Taken, and listed for the admin to merge.
    nia = {"given_name": "Nia", "status": "in_care",
           "external_ids": [{"system": "mosaic-case", "value": "C-12"}]}  # fmt: skip
    ok(client.post("/young-people", headers=w["south"].headers, json=nia), 201)
    unseen = client.patch(
        f"/people/{w['sam']}",
        headers=w["sam_worker"].headers,
        json={"external_ids": [{"system": "mosaic-case", "value": "C-12"}]},
    )
    assert unseen.status_code == 200, unseen.text
    listed = ok(client.get("/duplicates", headers=BOOT))["data"]
    assert [len(d["holders"]) for d in listed if d["value"] == "C-12"] == [2]


def test_a_search_by_external_id_looks_only_within_the_callers_cases(
    api: TestClient, db: Driver
) -> None:
    """GET /people?external_id= searches the caller's cases alone: holders in another case are
    neither listed nor looked at, so nothing is written to that case's audit trail and the
    answer does not depend on them (it used to check, and audit as refused, each holder in turn:
    one write each, which made a search for an id held elsewhere several times slower)."""
    client = api
    w = two_teams(client, db)
    # One holder in each of south's two cases (an id is held once within a case).
    south = Family(client, w["sam_worker"].headers, w["sam"])
    cleo = Family(client, w["sam_worker"].headers, w["cleo"])
    for n, case in enumerate((south, cleo)):
        case.person(f"holder{n}", "male", external_ids=[{"system": "mosaic", "value": "MOS-5"}])
    south.person("elsewhere", "male", external_ids=[{"system": "mosaic", "value": "MOS-6"}])
    north = Family(client, w["kai_worker"].headers, w["kai"])
    north.person("mine", "male", external_ids=[{"system": "mosaic", "value": "MOS-5"}])

    def events() -> int:
        return int(db.execute_query("MATCH (e:AuditEvent) RETURN count(e) AS n").records[0]["n"])

    worker = w["kai_worker"].headers
    before = events()
    found = ok(client.get("/people", headers=worker, params={"external_id": "MOS-5"}))
    assert [p["id"] for p in found["data"]] == [north.ids["mine"]]
    assert events() == before + 1  # the one look, at the caller's own person
    nothing = ok(client.get("/people", headers=worker, params={"external_id": "MOS-6"}))
    assert nothing == {"data": [], "count": 0}
    assert events() == before + 1
    # South's trail holds nothing of the north worker's searches; the look is under Kai's case.
    south_trail = ok(client.get("/audit", headers=w["south"].headers,
                                params={"user_id": w["kai_worker"].user_id}))  # fmt: skip
    assert south_trail["data"] == []
    looks = db.execute_query(
        "MATCH (e:AuditEvent {action: 'find_people'}) RETURN e.young_person_id AS yp, "
        "e.outcome AS outcome, e.resource AS resource"
    ).records
    assert [dict(r) for r in looks] == [
        {"yp": w["kai"], "outcome": "allowed", "resource": f"person:{north.ids['mine']}"}
    ]
    # South's worker finds their own holders, one in each of their cases.
    theirs = ok(client.get("/people", headers=w["sam_worker"].headers,
                           params={"external_id": "MOS-5", "system": "mosaic"}))  # fmt: skip
    assert sorted(p["id"] for p in theirs["data"]) == sorted(
        [south.ids["holder0"], cleo.ids["holder1"]]
    )


def test_a_change_to_a_shared_person_is_in_every_case_that_holds_them(
    api: TestClient, db: Driver
) -> None:
    """Kai's mother is Sam's and Cleo's relative too (south's cases): Kai's worker changing her
    is recorded in Kai's trail, and in Sam's and Cleo's, which say only what changed (and not
    that Kai's case changed its notes, which are its own)."""
    client = api
    w = two_teams(client, db)
    mother = w["family"].ids["mother"]
    ok(client.patch(f"/people/{mother}", headers=w["kai_worker"].headers,
                    json={"notes": "Moved to Leeds", "family_name": "Northcase"}))  # fmt: skip

    def changes(manager: Actor, young_person_id: str) -> list[tuple[str, str, str]]:
        events = ok(client.get("/audit", headers=manager.headers,
                               params={"young_person_id": young_person_id}))["data"]  # fmt: skip
        return [(e["user_id"], e["resource"], e["reason"]) for e in events
                if e["action"] == "person.update"]  # fmt: skip

    me = w["kai_worker"].user_id
    assert changes(w["north"], w["kai"]) == [
        (me, f"person:{mother}", "changed: family_name, notes")
    ]
    for case in ("sam", "cleo"):
        assert changes(w["south"], w[case]) == [
            (me, f"person:{mother}", "changed: family_name (through another case)")
        ]
    # A change to the notes alone is Kai's case's alone.
    ok(client.patch(f"/people/{mother}", headers=w["kai_worker"].headers,
                    json={"notes": "Moved again"}))  # fmt: skip
    assert len(changes(w["north"], w["kai"])) == 2
    assert len(changes(w["south"], w["sam"])) == 1
    # A person of one case alone: one event, in that case.
    w["family"].person("cousin", "female")
    cousin = w["family"].ids["cousin"]
    ok(client.patch(f"/people/{cousin}", headers=w["kai_worker"].headers,
                    json={"notes": "Lives alone"}))  # fmt: skip
    found = db.execute_query("MATCH (e:AuditEvent {action: 'person.update', resource: $r}) "
                             "RETURN collect(e.young_person_id) AS cases",
                             r=f"person:{cousin}").records[0]["cases"]  # fmt: skip
    assert found == [w["kai"]]


def test_a_flag_is_changed_only_by_its_case_and_shared_changes_are_on_every_trail(
    api: TestClient, db: Driver
) -> None:
    """The mother is in Kai's and Sam's networks. A flag Kai's case raised on her could be
    edited, and closed (which frees approvals in Kai's case), by Sam's social worker, and Kai's
    trail did not say so; a tie recorded under Kai's case deleted from Sam's was on Sam's trail
    alone (a second reader's access review)."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    north_sw = add_user(client, "north.social", "social_worker", "north")
    allocate(client, w["north"], kai, north_sw)
    flag = {"kind": "allegation", "level": 3, "source": "MARAC", "details": "Kai's case words"}
    raised = ok(client.post(f"/people/{mother}/flags", headers=north_sw.headers, json=flag), 201)
    path = f"/flags/{raised['id']}"
    for change in ({"status": "withdrawn"}, {"details": "edited by south"}):
        refused = client.patch(path, headers=w["sam_worker"].headers, json=change)
        assert refused.status_code == 403, refused.text
        assert "raised under a case you do not hold" in refused.text
    kept = ok(client.get(f"/people/{mother}/flags", headers=north_sw.headers))["data"]
    assert [(f["status"], f["content"]["details"]) for f in kept] == [
        ("active", "Kai's case words")
    ]
    # Kai's case changes it: recorded in Sam's trail as well, saying only what changed.
    ok(client.patch(path, headers=north_sw.headers, json={"details": "Reviewed"}))

    def trail(action: str, resource: str) -> list[tuple[str, str, str | None]]:
        found = db.execute_query(
            "MATCH (e:AuditEvent {action: $action, resource: $resource}) "
            "RETURN e.young_person_id AS yp, e.outcome AS outcome, e.reason AS reason "
            "ORDER BY yp, outcome", action=action, resource=resource,
        ).records  # fmt: skip
        return [(r["yp"], r["outcome"], r["reason"]) for r in found]

    assert (
        trail("update_flag", f"flag:{raised['id']}")
        == [(kai, "refused", "raised under another case")] * 2
    )
    assert sorted(trail("flag.update", f"flag:{raised['id']}")) == sorted([
        (kai, "allowed", "changed: details"),
        (sam, "allowed", "changed: details (through another case)"),
        (w["cleo"], "allowed", "changed: details (through another case)"),
    ])  # fmt: skip
    cases = {yp for yp, _, _ in trail("flag.raise", f"flag:{raised['id']}")}
    assert cases == {kai, sam, w["cleo"]}
    # A tie between the mother and the father, recorded under Kai's case, deleted from Sam's.
    ties = ok(client.get(f"/people/{mother}/relationships", headers=w["kai_worker"].headers))
    dad = w["family"].ids["father"]
    tie = ok(client.post("/relationships", headers=w["kai_worker"].headers,
                         json={"type": "partner", "from_id": mother, "to_id": dad,
                               "kind": "married"}), 201)  # fmt: skip
    assert tie["id"] not in str(ties)
    gone = client.delete(f"/relationships/{tie['id']}", headers=w["sam_worker"].headers)
    assert gone.status_code == 204, gone.text
    deleted = {yp: reason for yp, _, reason in trail("relationship.delete",
                                                     f"relationship:{tie['id']}")}  # fmt: skip
    assert set(deleted) == {kai, sam, w["cleo"]}
    assert deleted[kai] == "changed (through another case)"
    # Made through one of south's two cases (the worker holds both), told to the other.
    assert sorted([deleted[sam], deleted[w["cleo"]]], key=str) == sorted(
        [None, "changed (through another case)"], key=str
    )


def test_a_look_by_a_worker_who_holds_two_cases_is_on_both_trails(
    api: TestClient, db: Driver
) -> None:
    """A worker allocated to Kai and to Sam reading their shared mother was recorded under one
    case only, the first by id: the other team's managers never saw it (a second reader)."""
    client = api
    w = two_teams(client, db)
    both = add_user(client, "two.cases", "social_worker", "north")
    allocate(client, w["north"], w["kai"], both)
    allocate(client, w["south"], w["sam"], both)
    mother = w["family"].ids["mother"]
    ok(client.get(f"/people/{mother}", headers=both.headers))
    looks = db.execute_query(
        "MATCH (e:AuditEvent {user_id: $user, resource: $resource}) "
        "RETURN e.young_person_id AS yp, e.outcome AS outcome",
        user=both.user_id, resource=f"person:{mother}",
    ).records  # fmt: skip
    assert sorted((r["yp"], r["outcome"]) for r in looks) == sorted(
        [(w["kai"], "allowed"), (w["sam"], "allowed")]
    )


def test_a_flag_whose_case_took_the_person_out_is_changed_by_the_cases_that_hold_them(
    api: TestClient, db: Driver
) -> None:
    """Raised under Kai's case on the shared mother, who Kai's case then took out (kept: she has
    a flag): no case could change it, and an active level-3 flag held back approvals for good."""
    client = api
    w = two_teams(client, db)
    mother = w["family"].ids["mother"]
    north_sw = add_user(client, "north.sw2", "social_worker", "north")
    allocate(client, w["north"], w["kai"], north_sw)
    flag = {"kind": "allegation", "level": 3, "source": "MARAC"}
    raised = ok(client.post(f"/people/{mother}/flags", headers=north_sw.headers, json=flag), 201)
    path = f"/flags/{raised['id']}"
    assert client.patch(path, headers=w["sam_worker"].headers,
                        json={"details": "x"}).status_code == 403  # fmt: skip
    assert client.delete(f"/people/{mother}", headers=north_sw.headers).status_code == 204
    # Sam's worker holds her through Sam's and Cleo's cases: the one written through is named,
    # as for raising a flag (what is written is that case's: tests/test_flag_words.py).
    change = {"details": "Reviewed by south"}
    unnamed = client.patch(path, headers=w["sam_worker"].headers, json=change)
    assert unnamed.status_code == 422, unnamed.text
    ok(client.patch(path, headers=w["sam_worker"].headers, params={"young_person_id": w["sam"]},
                    json=change))  # fmt: skip


def test_today_is_the_date_in_london(world: World) -> None:
    """At 00:30 on a July night in London (23:30 UTC the day before), a worker allocated for
    that day alone reaches the young person; the database's UTC date would refuse them."""
    client, app = world.client, world.app
    worker = add_user(client, "night.worker", "coordinator", "north")
    manager = world.headers["manager"]
    period = {"user_id": worker.user_id, "from": "2026-07-16", "until": "2026-07-16"}
    app.state.clock = lambda: datetime(2026, 7, 15, 23, 30, tzinfo=UTC)
    try:
        ok(client.post(f"/young-people/{world.ids['yp']}/allocations", headers=manager,
                       json=period), 201)  # fmt: skip
        path = f"/young-people/{world.ids['yp']}"
        assert client.get(path, headers=worker.headers).status_code == 200
        listed = ok(client.get(f"{path}/allocations", headers=manager))
        night = [a for a in listed["data"] if a["user_id"] == worker.user_id]
        assert night[0]["current"] is True
        app.state.clock = lambda: datetime(2026, 7, 15, 22, 30, tzinfo=UTC)  # 23:30 on the 15th
        assert client.get(path, headers=worker.headers).status_code == 404
    finally:
        app.state.clock = lambda: datetime.now(UTC)


def test_another_childs_own_record_never_shows_through_a_shared_adult(world: World) -> None:
    """The other child flagged and living with the shared foster carer: Kai's chains and
    refusals say a child known to the council is concerned, and whom to ask; never the child's
    id, nor what their case records."""
    client, other = world.client, world.ids["other"]
    manager, shared = world.headers["manager"], world.headers["coordinator_shared"]
    secret = "Recorded at the other child's strategy meeting"
    flag = {"kind": "allegation", "level": 3, "source": "Strategy meeting", "details": secret}
    ok(client.post(f"/people/{other}/flags", headers=manager, json=flag), 201)
    home = {"line1": "1 Placement Road", "town": "Leeds", "postcode": "LS1 1AA"}
    carer = world.ids["foster_carer"]
    for person, headers in ((carer, world.headers["coordinator"]), (other, shared)):
        assert client.post(f"/people/{person}/addresses", headers=headers,
                           json=home).status_code == 204  # fmt: skip
    found = client.get(f"/young-people/{world.ids['yp']}/safeguarding?max_steps=2",
                       headers=world.headers["social_worker"])  # fmt: skip
    assert found.status_code == 200, found.text
    assert other not in found.text
    assert secret not in found.text
    ends = [c for c in found.json()["chains"] if c["steps"][-1]["person_id"] is None]
    assert ends
    assert all(c["steps"][-1]["name"] == KNOWN_CHILD and c["flags"] == [] for c in ends)
    # Approving the carer is refused for the flagged child in the household, who is counted,
    # not named.
    cid = ok(client.post(f"/young-people/{world.ids['yp']}/connections",
                         headers=world.headers["coordinator"], json={"person_id": carer}),
             201)["id"]  # fmt: skip
    for stage in ("located", "awaiting_safety_check"):
        ok(client.post(f"/connections/{cid}/stage", headers=world.headers["coordinator"],
                       json={"stage": stage}))  # fmt: skip
    refused = client.post(f"/connections/{cid}/stage", headers=world.headers["social_worker"],
                          json={"stage": "approved"})  # fmt: skip
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["details"][0]["people"] == ["a child known to the council"]
    assert other not in refused.text


def test_a_write_under_a_case_names_only_its_people(world: World) -> None:
    """A manager who opens both cases still cannot connect, wish about or record in one case's
    timeline a person of the other case's network alone."""
    client, manager, yp = world.client, world.headers["manager"], world.ids["yp"]
    other = Family(client, world.headers["coordinator_shared"], world.ids["other"])
    elsewhere = other.person("gran", "female", family_name="Elsewhere")
    writes = [
        ("POST", f"/young-people/{yp}/connections", {"person_id": elsewhere}),
        ("PUT", f"/young-people/{yp}/wishes", {"person_id": elsewhere, "wish": "never"}),
        ("POST", f"/young-people/{yp}/timeline",
         {"kind": "event", "title": "Visit", "since": "2020", "people": [elsewhere]}),
    ]  # fmt: skip
    for method, path, body in writes:
        answer = client.request(method, path, headers=manager, json=body)
        assert answer.status_code == 422, (path, answer.text)
        assert answer.json()["error"]["details"][0]["msg"] == "not within your allocations"
        # The same write naming a person of this case is accepted.
        mine = json.loads(json.dumps(body).replace(elsewhere, world.ids["father"]))
        assert client.request(method, path, headers=manager, json=mine).status_code < 300
    order = {"kind": "restraining_order", "restricted_id": elsewhere, "protected_id": yp,
             "made_on": "2025-01-01"}  # fmt: skip
    assert client.post("/orders", headers=manager, json=order).status_code == 422


def test_an_order_protecting_another_cases_child_shows_neither_the_child_nor_its_terms(
    api: TestClient, db: Driver
) -> None:
    """Sam's case records an order keeping Sam's stepfather (the mother's partner, recorded
    under Sam's case) from Sam. Kai's chains reach him through the mother: he is Sam's case's to
    name (test_someone_only_another_case_holds_is_not_named_in_a_chain), so the chain says a
    concern is recorded and whom to ask, and nothing of the order, whose terms are Sam's case's
    words and named him. Once Kai's case records him too, the order is shown, and whom to ask,
    but not its terms nor the child it protects."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    south = Family(client, w["sam_worker"].headers, sam)
    stepdad = south.person("stepdad", "male")
    ok(client.post("/relationships", headers=w["sam_worker"].headers,
                   json={"type": "partner", "from_id": mother, "to_id": stepdad,
                         "kind": "cohabiting"}), 201)  # fmt: skip
    terms = "No contact with Sam Southcase, direct or indirect"
    order = {"kind": "restraining_order", "restricted_id": stepdad, "protected_id": sam,
             "made_on": "2026-01-05", "terms": terms}  # fmt: skip
    ok(client.post("/orders", headers=w["sam_worker"].headers, json=order), 201)
    reader = add_user(client, "kai.social", "social_worker", "north")
    allocate(client, w["north"], kai, reader)
    found = ok(client.get(f"/young-people/{kai}/safeguarding?max_steps=2",
                          headers=reader.headers))  # fmt: skip
    (chain,) = [c for c in found["chains"] if c["start_id"] == mother]
    assert chain["summary"] == (
        "mother mother Test -> partner -> someone in another case (ask the manager of team "
        "south) (a concern is recorded: ask the manager of team south)"
    )
    assert chain["orders"] == []
    for said in ("Southcase", sam, stepdad, "restraining"):
        assert said not in str(found), said
    in_network_of(db, kai, stepdad)
    bump_revision(db)
    found = ok(client.get(f"/young-people/{kai}/safeguarding?max_steps=2",
                          headers=reader.headers))  # fmt: skip
    (shown,) = [o for r in found["flagged_in_network"] if r["person_id"] == stepdad
                for o in r["orders"]]  # fmt: skip
    assert shown["kind"] == "restraining_order"
    assert shown["protected_id"] is None
    assert shown["terms"] == (
        "withheld: the order protects a child known to the council (ask the manager of team south)"
    )
    assert "Southcase" not in str(found)
    assert sam not in str(found)
    # Sam's own worker reads the order as it was made.
    theirs = ok(client.get(f"/young-people/{sam}/safeguarding", headers=w["sam_worker"].headers))
    assert terms in str(theirs)


def test_a_sibling_in_care_is_a_relative_without_their_case(api: TestClient, db: Driver) -> None:
    client = api
    w = two_teams(client, db)
    sam = w["sam"]
    db.execute_query(
        "MATCH (s:YoungPerson {id: $sam}) "
        "CREATE (s)-[:IDENTIFIED_BY]->(:ExternalId {system: 'mosaic', value: 'SAM-CASE-1'})",
        sam=sam,
    )
    secret = "Disclosed at Sam's review"
    flag = {"kind": "allegation", "level": 2, "source": "Review", "details": secret}
    ok(client.post(f"/people/{sam}/flags", headers=w["south"].headers, json=flag), 201)
    kai, headers = w["kai"], w["kai_worker"].headers
    in_network_of(db, kai, sam)
    relatives = client.get(f"/people/{kai}/relatives", headers=headers)
    assert sam in relatives.text
    assert "SAM-CASE-1" not in relatives.text
    assert "other_case" not in relatives.text
    graph = ok(client.get(f"/young-people/{kai}/graph?view=tree", headers=headers))
    brother = next(n for n in graph["nodes"] if n["id"] == sam)
    assert not brother.get("flags")
    found = client.get(f"/young-people/{kai}/safeguarding?max_steps=3", headers=headers)
    assert found.status_code == 200
    assert sam not in found.text
    assert secret not in found.text


def test_a_chain_goes_no_further_than_another_cases_child(api: TestClient, db: Driver) -> None:
    """A second reader: Kai's chains went through his brother Sam, in care in another team, to
    the foster carer Sam lives with, named, with her flag: where a child in care lives is
    their case's alone. A chain now ends at another case's child (shown as a child known to
    the council, when flagged), and steps out from no young person but the case's own, in the
    network or not."""
    client = api
    w = two_teams(client, db)
    kai, sam, headers = w["kai"], w["sam"], w["kai_worker"].headers
    db.execute_query(
        "MATCH (sam:Person {id: $sam}) "
        "CREATE (a:Address {id: 'addr-placement', key: '7 placement rd|SS1 1AA', "
        "                   line1: '7 Placement Rd', town: 'Southend', postcode: 'SS1 1AA'}) "
        "CREATE (sam)-[:LIVES_AT {id: 'lives-sam', since: '2024-01-01'}]->(a) "
        "CREATE (c:Person {id: 'carer-placement', given_name: 'Fosterina', "
        "                  family_name: 'Placement'})-[:LIVES_AT {id: 'lives-carer', "
        "                  since: '2024-01-01'}]->(a) "
        "CREATE (c)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (c)-[:HAS_FLAG]->(:Flag {id: 'flag-placement', kind: 'hazard_to_staff', "
        "                                level: 1, status: 'active', source: 'South', "
        "                                raised_on: '2025-01-01'})", sam=sam,
    )  # fmt: skip
    bump_revision(db)
    # Sam's own worker sees the carer's flag through Sam's household, as before.
    south = ok(client.get(f"/young-people/{sam}/safeguarding", headers=w["sam_worker"].headers))
    assert "carer-placement" in json.dumps(south)
    for in_network in (False, True):
        if in_network:
            in_network_of(db, kai, sam)
        for steps in (2, 3):
            found = client.get(f"/young-people/{kai}/safeguarding",
                               params={"max_steps": steps}, headers=headers)  # fmt: skip
            assert found.status_code == 200, found.text
            assert "Fosterina" not in found.text, (in_network, steps)
            assert "carer-placement" not in found.text, (in_network, steps)
            assert "Placement Rd" not in found.text
            # That there is a concern beyond the brother, and whom to ask.
            assert [
                c["summary"]
                for c in found.json()["chains"]
                if c["summary"].endswith("beyond them: ask the manager of team south)")
            ]
        page = client.get(f"/young-people/{kai}/map", headers=headers)
        assert page.status_code == 200
        assert "Fosterina" not in page.text
        assert "carer-placement" not in page.text


def test_someone_only_another_case_holds_is_not_named_in_a_chain(
    api: TestClient, db: Driver
) -> None:
    """A second reader: Sam's social worker recorded an uncle as the grandmother's son, in Sam's
    case only, and an order keeping him from the mother; Kai's coordinator, whose case holds
    the grandmother and not the uncle, read his name and id in Kai's safeguarding chain, and
    his id on the order. Access follows the case: someone another case holds is "someone in
    another case", with whom to ask, as in a household; that a concern is recorded is still
    said, and nothing of them or beyond them. Sam's case still names him. Someone no case holds
    is still named: there is no case to ask."""
    client = api
    w = two_teams(client, db)
    kai, sam, gran = w["kai"], w["sam"], w["family"].ids["gran"]
    sw = w["sam_worker"].headers
    uncle = ok(client.post("/people", headers=sw, json={
        "given_name": "Zedsecretuncle", "family_name": "Zedsecretfam", "sex": "male",
        "young_person_id": sam}), 201)["id"]  # fmt: skip
    ok(client.post("/relationships", headers=sw, json={
        "type": "parent", "kind": "birth", "from_id": gran, "to_id": uncle,
        "young_person_id": sam}), 201)  # fmt: skip
    ok(client.post("/orders", headers=sw, params={"young_person_id": sam}, json={
        "kind": "other", "restricted_id": uncle, "protected_id": w["family"].ids["mother"],
        "terms": "SECRET-TERMS", "made_on": "2024-01-01"}), 201)  # fmt: skip
    # Nel, whom no case holds, is the grandmother's partner and lives with her: named as her
    # partner, though a household step to him is withheld (a third reader: the household step
    # hid the partner tie). Two more sons of hers: one Sam's case holds and one Kai's case took
    # out and Sam's holds (whom Kai's reads do not find): each a concern of its own.
    db.execute_query(
        "MATCH (g:Person {id: $gran}), (kai:YoungPerson {id: $kai}), "
        "      (sam:YoungPerson {id: $sam}) "
        "CREATE (n:Person {id: 'nel-nobody', given_name: 'Nel', family_name: 'Nobody'}) "
        "CREATE (g)-[:PARTNER_OF {id: 'partner-nel', kind: 'cohabiting'}]->(n) "
        "CREATE (a:Address {id: 'addr-gran', key: '1 gran st|LS1 1GG'}) "
        "CREATE (g)-[:LIVES_AT {id: 'lives-g', since: '2024-01-01', line1: '1 Gran St'}]->(a) "
        "CREATE (n)-[:LIVES_AT {id: 'lives-n', since: '2024-01-01', line1: '1 Gran St'}]->(a) "
        "CREATE (s2:Person {id: 'second-son', given_name: 'Zedsecondson'}) "
        "CREATE (s3:Person {id: 'taken-son', given_name: 'Zedtakenson'}) "
        "CREATE (g)-[:PARENT_OF {id: 'parent-s2', kind: 'birth'}]->(s2) "
        "CREATE (g)-[:PARENT_OF {id: 'parent-s3', kind: 'birth'}]->(s3) "
        "CREATE (s2)-[:IN_NETWORK_OF]->(sam) CREATE (s3)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (s3)-[:REMOVED_FROM]->(kai) "
        "WITH n, s2, s3 UNWIND [n, s2, s3] AS p "
        "CREATE (p)-[:HAS_FLAG]->(:Flag {id: 'flag-' + p.id, kind: 'allegation', level: 3, "
        "                                status: 'active', source: 'Police', "
        "                                raised_on: '2025-01-01'})",
        gran=gran, kai=kai, sam=sam,
    )  # fmt: skip
    bump_revision(db)
    found = client.get(f"/young-people/{kai}/safeguarding", headers=w["kai_worker"].headers)
    assert found.status_code == 200, found.text
    for said in ("Zed", uncle, "second-son", "taken-son", "SECRET-TERMS"):
        assert said not in found.text, said
    from_gran = sorted(c["summary"] for c in found.json()["chains"] if c["start_id"] == gran)
    withheld = (
        "maternal grandmother gran Test -> child -> someone in another case (ask the manager of "
        "team south) (a concern is recorded: ask the manager of team south)"
    )
    assert from_gran == [
        withheld,
        withheld,
        withheld,
        "maternal grandmother gran Test -> partner -> Nel Nobody (flagged: ask the author)",
    ], from_gran
    page = client.get(f"/young-people/{kai}/map", headers=w["kai_worker"].headers)
    assert page.status_code == 200
    assert "Zedsecret" not in page.text
    assert uncle not in page.text
    # Sam's case holds him: his own case names him.
    theirs = ok(client.get(f"/young-people/{sam}/safeguarding", headers=sw))
    assert "Zedsecretuncle" in str(theirs)


def test_each_person_withheld_is_a_chain_and_a_household_names_only_the_cases_own(
    api: TestClient, db: Driver
) -> None:
    """A fourth reader: two sons of the grandmother, whom only Sam's case holds, each with a
    flagged partner, gave one chain ("a concern is recorded beyond them"), as if one; and a
    lodger Kai's case had taken out, living with the aunt, was named through the household.
    One chain for each person withheld; into a household, only the case's own held people
    are named."""
    client = api
    w = two_teams(client, db)
    kai, sam = w["kai"], w["sam"]
    gran, aunt = w["family"].ids["gran"], w["family"].ids["aunt"]
    db.execute_query(
        "MATCH (g:Person {id: $gran}), (au:Person {id: $aunt}), (kai:YoungPerson {id: $kai}), "
        "      (sam:YoungPerson {id: $sam}) "
        "UNWIND [1, 2] AS n "
        "CREATE (son:Person {id: 'zson-' + n, given_name: 'Zson' + n}) "
        "CREATE (t:Person {id: 'ztee-' + n, given_name: 'Ztee' + n}) "
        "CREATE (g)-[:PARENT_OF {id: 'parent-zson-' + n, kind: 'birth'}]->(son) "
        "CREATE (son)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (son)-[:PARTNER_OF {id: 'partner-ztee-' + n, kind: 'cohabiting'}]->(t) "
        "CREATE (t)-[:HAS_FLAG]->(:Flag {id: 'flag-ztee-' + n, kind: 'allegation', level: 3, "
        "                                status: 'active', source: 'Police', "
        "                                raised_on: '2025-01-01'}) "
        "WITH au, kai, count(*) AS made "
        "CREATE (x:Person {id: 'zlodger', given_name: 'Zlodger'})-[:REMOVED_FROM]->(kai) "
        "CREATE (a:Address {id: 'addr-aunt', key: '2 aunt st|LS2 2AA'}) "
        "CREATE (au)-[:LIVES_AT {id: 'lives-au', since: '2024-01-01', line1: '2 Aunt St'}]->(a) "
        "CREATE (x)-[:LIVES_AT {id: 'lives-x', since: '2024-01-01', line1: '2 Aunt St'}]->(a) "
        "CREATE (x)-[:HAS_FLAG]->(:Flag {id: 'flag-zlodger', kind: 'allegation', level: 3, "
        "                                status: 'active', source: 'Police', "
        "                                raised_on: '2025-01-01'})",
        gran=gran, aunt=aunt, kai=kai, sam=sam,
    )  # fmt: skip
    bump_revision(db)
    found = client.get(f"/young-people/{kai}/safeguarding", headers=w["kai_worker"].headers)
    assert found.status_code == 200, found.text
    for said in ("zson", "ztee", "zlodger", "Zson", "Ztee", "Zlodger"):
        assert said not in found.text, said
    from_gran = [c["summary"] for c in found.json()["chains"] if c["start_id"] == gran]
    assert from_gran == 2 * [
        "maternal grandmother gran Test -> child -> someone in another case (ask the manager of "
        "team south) (a concern is recorded beyond them: ask the manager of team south)"
    ], from_gran
    from_aunt = [c["summary"] for c in found.json()["chains"] if c["start_id"] == aunt]
    assert from_aunt == [
        "maternal aunt aunt Test -> lives with -> someone living there (ask your manager (no "
        "case holds them)) (a concern is recorded: ask your manager (no case holds them))"
    ], from_aunt


def test_a_timeline_does_not_name_someone_another_case_now_holds(
    api: TestClient, db: Driver
) -> None:
    """A reader: Kai's case took out someone its timeline names; Sam's case then held him and
    renamed him, with the name he is known by, and Kai's timeline showed both, while Kai's
    reads of him were 404. He is someone in another case there, and whom to ask."""
    client = api
    w = two_teams(client, db)
    kai, sam = w["kai"], w["sam"]
    kw = w["kai_worker"].headers
    made = {"given_name": "Ztaken", "family_name": "Tl", "young_person_id": kai}
    x = ok(client.post("/people", headers=kw, json=made), 201)["id"]
    path = f"/young-people/{kai}/timeline"
    entry = {"kind": "lived", "title": "With Ztaken", "since": "2019", "people": [x]}
    ok(client.post(path, headers=kw, json=entry), 201)
    assert ok(client.get(path, headers=kw))["data"][0]["people"] == [
        {"person_id": x, "name": "Ztaken Tl"}]  # fmt: skip
    assert client.delete(f"/people/{x}", headers=kw,
                         params={"young_person_id": kai}).status_code == 204  # fmt: skip
    # Taken out, and no other case holds him: still the case's own record, named.
    assert ok(client.get(path, headers=kw))["data"][0]["people"][0]["person_id"] == x
    in_network_of(db, sam, x)
    renamed = {"given_name": "Zsouthgiven", "known_as": "Zsouthnick"}
    ok(client.patch(f"/people/{x}", headers=w["sam_worker"].headers,
                    params={"young_person_id": sam}, json=renamed))  # fmt: skip
    found = client.get(path, headers=kw)
    assert found.status_code == 200, found.text
    for said in ("Zsouth", x):
        assert said not in found.text, said
    said = "someone in another case (ask the manager of team south)"
    assert found.json()["data"][0]["people"] == [{"person_id": None, "name": said}]
    # Nor the list of the people the case took out (a sixth reader): by the case's own id, so
    # that the manager may put him back, never by another case's name for him.
    removed = client.get(f"/young-people/{kai}/removed-people", headers=w["north"].headers)
    assert removed.status_code == 200, removed.text
    assert "Zsouth" not in removed.text
    assert [(r["person_id"], r["name"]) for r in removed.json()["data"]] == [
        (x, "someone in another case now (ask the manager of team south)")]  # fmt: skip


def test_an_invitation_is_not_refused_for_a_guest_the_case_took_out(
    api: TestClient, db: Driver
) -> None:
    """A seventh reader: a past event's guest the case had taken out, whom another case then
    held, and an order that case made on him and the mother: inviting the mother was refused
    for "a court order ... with someone already invited", and a social worker was told his id.
    Only guests the case holds count, as the event's own warnings have it."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    kw = w["kai_worker"].headers
    worker = add_user(client, "kai.sw", "social_worker", "north")
    allocate(client, w["north"], kai, worker)
    made = {"given_name": "Zgone", "family_name": "Out", "young_person_id": kai}
    x = ok(client.post("/people", headers=kw, json=made), 201)["id"]
    gone = ok(client.post(f"/young-people/{kai}/connections", headers=kw,
                          json={"person_id": x}), 201)["id"]  # fmt: skip
    event = ok(client.post(f"/young-people/{kai}/events", headers=kw,
                           json={"on": "2026-01-02"}), 201)["id"]  # fmt: skip
    db.execute_query(
        "MATCH (e:CelebrationEvent {id: $e}), (c:Connection {id: $c}) "
        "CREATE (e)-[:INVITED {invited_on: '2026-01-01', at: datetime()}]->(c)",
        e=event, c=gone,
    )  # fmt: skip
    assert client.delete(f"/people/{x}", headers=kw,
                         params={"young_person_id": kai}).status_code == 204  # fmt: skip
    in_network_of(db, sam, x)
    order = {"kind": "non_molestation_order", "restricted_id": x, "protected_id": mother,
             "made_on": "2026-01-05"}  # fmt: skip
    ok(client.post("/orders", headers=w["sam_worker"].headers, json=order), 201)
    mum = ok(client.post(f"/young-people/{kai}/connections", headers=kw,
                         json={"person_id": mother}), 201)["id"]  # fmt: skip
    for headers in (worker.headers, kw):
        invited = client.post(f"/events/{event}/guests", headers=headers,
                              json={"connection_id": mum})  # fmt: skip
        assert x not in invited.text
        assert "court order" not in invited.text, invited.text


@pytest.mark.parametrize("partner", ["aaa-partner", "zzz-partner"])
def test_a_chain_avoiding_another_cases_child_is_kept(
    api: TestClient, db: Driver, partner: str
) -> None:
    """A second reader of the rule above: the mother's partner lives with a flagged man, and so
    does her son in care in another team; of the two chains as short, the one through the child
    came first when the partner's id sorted after it, and was cut there: whether Kai's worker
    learnt of the partner's household was down to an id. A chain that avoids other cases'
    children is given when there is one."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    db.execute_query(
        "MATCH (m:Person {id: $mother}), (sam:Person {id: $sam}) "
        "CREATE (a:Address {id: 'addr-shared', key: '3 mill st|LS1 1AA', line1: '3 Mill St', "
        "                   town: 'Leeds', postcode: 'LS1 1AA'}) "
        "CREATE (x:Person {id: $partner, given_name: 'Xavier', family_name: 'Partner'}) "
        "CREATE (r:Person {id: 'rex-risk', given_name: 'Rex', family_name: 'Risk'}) "
        "CREATE (x)-[:IN_NETWORK_OF]->(sam) CREATE (r)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (m)-[:PARTNER_OF {id: 'partner-x', kind: 'cohabiting'}]->(x) "
        "CREATE (x)-[:LIVES_AT {id: 'lives-x', since: '2024-01-01'}]->(a) "
        "CREATE (r)-[:LIVES_AT {id: 'lives-r', since: '2024-01-01'}]->(a) "
        "CREATE (sam)-[:LIVES_AT {id: 'lives-s', since: '2024-01-01'}]->(a) "
        "CREATE (r)-[:HAS_FLAG]->(:Flag {id: 'flag-rex', kind: 'person_posing_risk_to_children', "
        "                                level: 3, status: 'active', source: 'Police', "
        "                                raised_on: '2025-01-01'})",
        mother=mother, sam=sam, partner=partner,
    )  # fmt: skip
    bump_revision(db)
    found = ok(client.get(f"/young-people/{kai}/safeguarding", headers=w["kai_worker"].headers))
    from_mother = [c["summary"] for c in found["chains"] if c["start_id"] == mother]
    # Xavier and Rex, whom only Sam's case holds, are that case's to name
    # (test_someone_only_another_case_holds_is_not_named_in_a_chain).
    assert from_mother == [
        "mother mother Test -> partner -> someone in another case (ask the manager of team "
        "south) (a concern is recorded beyond them: ask the manager of team south)"
    ], found
    assert "Rex" not in str(found)
    assert "rex-risk" not in str(found)


def test_who_lives_at_an_address_of_another_case_is_not_said(api: TestClient, db: Driver) -> None:
    """A second reader: Kai's coordinator gave the aunt an address another team's case records
    people at, and Kai's /safeguarding named who lives there, with their ties, and that one is
    flagged: typing an address told who lived at it. Someone met through a household whom
    Kai's case does not hold is now someone living there, with whom to ask (the managers of
    the cases that hold them), and nothing beyond them; Sam's case, which holds the lodger,
    still names him."""
    client = api
    w = two_teams(client, db)
    kai, sam, aunt = w["kai"], w["sam"], w["family"].ids["aunt"]
    db.execute_query(
        "MATCH (sam:YoungPerson {id: $sam}) "
        "CREATE (a:Address {id: 'addr-hidden', key: '9 hidden way|LS99ZZ', "
        "                   line1: '9 Hidden Way', line2: 'Flat B (above the chemist)', "
        "                   town: 'Leeds', postcode: 'LS9 9ZZ'}) "
        "CREATE (r:Person {id: 'rhys-lodger', given_name: 'Rhys', family_name: 'Lodger'}) "
        "CREATE (b:Person {id: 'bryn-brother', given_name: 'Bryn', family_name: 'Lodger'}) "
        "CREATE (n:Person {id: 'nia-nobody', given_name: 'Nia', family_name: 'Nobody'}) "
        "CREATE (r)-[:IN_NETWORK_OF]->(sam) CREATE (b)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (r)-[:SIBLING_OF {id: 'sib-rb', kind: 'full'}]->(b) "
        "CREATE (r)-[:LIVES_AT {id: 'lives-rhys', since: '2024-01-01'}]->(a) "
        "CREATE (n)-[:LIVES_AT {id: 'lives-nia', since: '2024-01-01'}]->(a) "
        "WITH r, b, n, sam UNWIND [r, b, n] AS p "
        "CREATE (p)-[:HAS_FLAG]->(:Flag {id: 'flag-' + p.id, kind: 'allegation', level: 3, "
        "                                status: 'active', source: 'Police', "
        "                                raised_on: '2025-01-01', raised_in: $sam})",
        sam=sam,
    )  # fmt: skip
    bump_revision(db)
    home = {"line1": "9 hidden  way", "town": "Anytown", "postcode": "ls99zz"}
    headers = w["kai_worker"].headers
    assert client.post(f"/people/{aunt}/addresses", headers=headers,
                       json=home).status_code == 204  # fmt: skip
    # The address as Kai's worker typed it, never as another case recorded it (a second
    # reader was shown Sam's case's "Flat B (above the chemist)" and its town).
    shown = ok(client.get(f"/people/{aunt}", headers=headers))["address"]
    assert (shown["line1"], shown["line2"], shown["town"], shown["postcode"]) == (
        "9 hidden  way", None, "Anytown", "LS99ZZ")  # fmt: skip
    # Sam's case, which holds the lodger, is told his household changed, by no one's name.
    trail = ok(client.get("/audit", headers=w["south"].headers,
                          params={"young_person_id": sam}))["data"]  # fmt: skip
    joined = [e for e in trail if e["action"] == "household.joined"]
    assert [(e["resource"], e["reason"]) for e in joined] == [
        (
            "person:rhys-lodger",
            "someone now lives with them: the case's safeguarding links say whom to ask (through "
            "another case)",
        )
    ], joined
    found = client.get(f"/young-people/{kai}/safeguarding", params={"max_steps": 3},
                       headers=headers)  # fmt: skip
    assert found.status_code == 200, found.text
    for said in ("Rhys", "rhys-lodger", "Bryn", "bryn-brother", "Nia", "nia-nobody", "Lodger"):
        assert said not in found.text, said
    summaries = sorted(c["summary"] for c in found.json()["chains"] if c["start_id"] == aunt)
    head = "maternal aunt aunt Test -> lives with -> someone living there"
    assert summaries == [
        f"{head} (ask the manager of team south) (a concern is recorded beyond them: ask the "
        "manager of team south)",
        f"{head} (ask the manager of team south) (a concern is recorded: ask the manager of "
        "team south)",
        f"{head} (ask your manager (no case holds them)) (a concern is recorded: ask your "
        "manager (no case holds them))",
    ], summaries
    page = client.get(f"/young-people/{kai}/map", headers=headers)
    assert page.status_code == 200
    assert "Rhys" not in page.text
    assert "Nia" not in page.text
    # Approving the aunt is refused for the two flagged people living with her, counted, not
    # named by id.
    cid = ok(client.post(f"/young-people/{kai}/connections", headers=headers,
                         json={"person_id": aunt}), 201)["id"]  # fmt: skip
    for stage in ("located", "awaiting_safety_check"):
        ok(client.post(f"/connections/{cid}/stage", headers=headers, json={"stage": stage}))
    refused = client.post(f"/connections/{cid}/stage", headers=w["north"].headers,
                          json={"stage": "approved"})  # fmt: skip
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["details"][0]["people"] == [
        "someone the case does not hold (1)",
        "someone the case does not hold (2)",
    ], refused.text
    assert "rhys" not in refused.text
    assert "nia" not in refused.text
    # An order another case made, keeping the shared mother from the lodger: Kai's case is
    # told of it on the mother, never whom it protects (a second reader: "protected_id":
    # "rhys-lodger" named the man the chain withholds).
    order = {"kind": "non_molestation_order", "restricted_id": w["family"].ids["mother"],
             "protected_id": "rhys-lodger", "made_on": "2025-06-01"}  # fmt: skip
    ok(client.post("/orders", headers=w["sam_worker"].headers, params={"young_person_id": sam},
                   json=order), 201)  # fmt: skip
    told = client.get(f"/young-people/{kai}/safeguarding", headers=headers)
    assert told.status_code == 200, told.text
    assert "rhys" not in told.text
    [mother] = told.json()["flagged_in_network"]
    assert [(o["kind"], o["protected_id"]) for o in mother["orders"]] == [
        ("non_molestation_order", None)]  # fmt: skip
    # Sam's case holds the lodger and his brother: its worker is told who they are.
    south = client.get(f"/young-people/{sam}/safeguarding", params={"max_steps": 3},
                       headers=w["sam_worker"].headers)  # fmt: skip
    assert south.status_code == 200, south.text
    assert "Rhys Lodger" in south.text
    assert "Bryn Lodger" in south.text
    assert "Nia" not in south.text
    # Sam's case takes the lodger out (kept, as he has a history): it is still whom to ask.
    db.execute_query(
        "MATCH (r:Person {id: 'rhys-lodger'})-[m:IN_NETWORK_OF]->(sam:YoungPerson {id: $sam}) "
        "DELETE m CREATE (r)-[:REMOVED_FROM {on: '2026-01-01'}]->(sam)", sam=sam)  # fmt: skip
    bump_revision(db)
    again = ok(client.get(f"/young-people/{kai}/safeguarding", params={"max_steps": 1},
                          headers=headers))  # fmt: skip
    assert sorted(c["summary"].split(" (a concern")[0] for c in again["chains"]) == [
        f"{head} (ask the manager of team south)",
        f"{head} (ask your manager (no case holds them))",
    ], again


def test_homes_recorded_before_show_no_other_cases_wording(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    """A second reader of the change above: a home recorded before each kept its own wording
    showed the address node's, another case's "Flat B (above the chemist)". The migration gives
    each such home the first line, town and postcode, and the second line only where nobody
    else was recorded (who typed it cannot be told); a home with no wording is not shown (it
    gave a 500)."""
    client = api
    w = two_teams(client, db)
    kai, sam, aunt, mother = w["kai"], w["sam"], w["family"].ids["aunt"], w["family"].ids["mother"]
    db.execute_query(
        "MATCH (aunt:Person {id: $aunt}), (sam:YoungPerson {id: $sam}), (m:Person {id: $m}) "
        "CREATE (a:Address {id: 'addr-old', key: '9 hidden way|LS99ZZ', line1: '9 Hidden Way', "
        "                   line2: 'Flat B (above the chemist)', town: 'Leeds', "
        "                   postcode: 'LS9 9ZZ'}) "
        "CREATE (r:Person {id: 'rhys-old', given_name: 'Rhys', family_name: 'Old'}) "
        "CREATE (r)-[:IN_NETWORK_OF]->(sam) "
        "CREATE (r)-[:LIVES_AT {id: 'lives-r-old', since: '2024-01-01'}]->(a) "
        "CREATE (aunt)-[:LIVES_AT {id: 'lives-a-old', since: '2024-02-01'}]->(a) "
        "CREATE (b:Address {id: 'addr-bare', key: '1 new road|AB12CD'}) "
        "CREATE (m)-[:LIVES_AT {id: 'lives-m-bare', since: '2024-01-01'}]->(b) "
        "WITH sam MATCH (g:Person {id: $gran}) "
        "CREATE (s:Address {id: 'addr-solo', key: '2 solo st|AB12CE', line1: '2 Solo St', "
        "                   line2: 'Annexe', town: 'Leeds', postcode: 'AB1 2CE'}) "
        "CREATE (g)-[:LIVES_AT {id: 'lives-g-solo', since: '2024-01-01'}]->(s)",
        aunt=aunt, sam=sam, m=mother, gran=w["family"].ids["gran"],
    )  # fmt: skip
    # An older address with a first line alone (no town or postcode): a 500 once migrated (a
    # second reader).
    father = w["family"].ids["father"]
    db.execute_query(
        "MATCH (f:Person {id: $f}) "
        "CREATE (t:Address {id: 'addr-part', key: '5 part st|', line1: '5 Part St'}) "
        "CREATE (f)-[:LIVES_AT {id: 'lives-f-part', since: '2024-01-01'}]->(t)",
        f=father,
    )
    bump_revision(db)
    headers = w["kai_worker"].headers
    assert client.get(f"/people/{mother}", headers=headers).status_code == 200
    assert "007_addresses_as_typed_per_home" in run_migrations(neo4j_target)
    part = ok(client.get(f"/people/{father}", headers=headers))["address"]
    assert (part["line1"], part["town"], part["postcode"]) == ("5 Part St", "", "")
    shown = ok(client.get(f"/people/{aunt}", headers=headers))["address"]
    assert (shown["line1"], shown["line2"], shown["town"]) == ("9 Hidden Way", None, "Leeds")
    homes = db.execute_query("MATCH (:Person {id: 'rhys-old'})-[l:LIVES_AT]->(a) "
                             "RETURN l.line2 AS line2, a.line2 AS kept").records  # fmt: skip
    assert [(h["line2"], h["kept"]) for h in homes] == [(None, "Flat B (above the chemist)")]
    # Nobody else ever lived at the grandmother's: her home keeps its second line.
    solo = ok(client.get(f"/people/{w['family'].ids['gran']}", headers=headers))["address"]
    assert (solo["line1"], solo["line2"]) == ("2 Solo St", "Annexe")
    assert ok(client.get(f"/people/{mother}", headers=headers))["address"] is None
    assert ok(client.get(f"/young-people/{kai}/record", headers=w["north"].headers))


def test_a_tie_between_two_cases_is_shown_through_neither(world: World, db: Driver) -> None:
    """A tie between someone only in one case and someone only in another (as an import may
    leave one) is not shown, even to a manager who opens both cases, and the look is on the
    audit trail as refused, never as allowed."""
    made = db.execute_query("MATCH ()-[t:TRUSTED_ADULT_OF]->() RETURN properties(t) AS p LIMIT 1")
    db.execute_query(
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}) CREATE (a)-[t:TRUSTED_ADULT_OF]->(b) "
        "SET t = $tie",
        a=world.ids["mother"], b=world.ids["other"],
        tie=made.records[0]["p"] | {"id": "tie-across"},
    )  # fmt: skip
    manager = world.headers["manager"]
    for actor in ("manager", "coordinator"):
        answer = world.client.get("/relationships/tie-across", headers=world.headers[actor])
        assert answer.status_code == 404, (actor, answer.text)
    patch = world.client.patch("/relationships/tie-across", headers=manager, json={"notes": "x"})
    assert patch.status_code == 404
    trail = ok(
        world.client.get(
            "/audit",
            headers=world.headers["admin"],
            params={"user_id": world.user_ids["manager"], "limit": 1000},
        )
    )
    looks = [(e["action"], e["outcome"], e["reason"], e["young_person_id"], e["resource"])
             for e in trail["data"] if e["action"].endswith("_relationship")]  # fmt: skip
    # Under the case of the person the tie leads to (the other child), whose manager sees it;
    # not by the tie's id, which that case does not hold (a second reader: a tie named on the
    # trail of a case that held one of its ends only).
    assert sorted(looks) == [
        ("read_relationship", "refused", "not within one case", world.ids["other"],
         "relationship:withheld"),
        ("update_relationship", "refused", "not within one case", world.ids["other"],
         "relationship:withheld"),
    ]  # fmt: skip
    assert "tie-across" not in str(trail)


def test_a_tie_brings_back_no_one_the_case_took_out(api: TestClient, db: Driver) -> None:
    """A second reader: a worker allocated to Kai's and Nia's cases, with Quinn in both
    networks and taken out of Kai's (restorable by the manager alone), put him back in Kai's
    network by recording a tie under Kai's case; the manager's list of people taken out no
    longer had him. The tie is refused (409), whoever asks, and he stays out."""
    client = api
    manager = add_user(client, "north.manager", "manager", "north")
    both = add_user(client, "both.worker", "coordinator", "north")
    kai = open_case(client, manager, given_name="Kai")
    nia = open_case(client, manager, given_name="Nia")
    for case in (kai, nia):
        allocate(client, manager, case, both)
    quinn = Family(client, both.headers, nia).person("Quinn", "male", family_name="Niacase")
    in_network_of(db, kai, quinn)
    out = client.delete(f"/people/{quinn}", headers=both.headers, params={"young_person_id": kai})
    assert out.status_code == 204, out.text
    assert _networks(db, quinn) == [nia]
    tie = {"type": "trusted_adult", "role": "family_friend", "from_id": quinn, "to_id": kai}
    for actor in (both, manager):
        for body in (tie, {**tie, "young_person_id": kai}):
            again = client.post("/relationships", headers=actor.headers, json=body)
            assert again.status_code == 409, again.text
            assert "taken out of the young person's network" in again.json()["error"]["message"]
    removed = ok(client.get(f"/young-people/{kai}/removed-people", headers=manager.headers))
    assert [r["person_id"] for r in removed["data"]] == [quinn]
    assert _networks(db, quinn) == [nia]
    # Restored by the manager, the tie is recorded as any is.
    back = client.post(f"/young-people/{kai}/removed-people/{quinn}/restore",
                       headers=manager.headers)  # fmt: skip
    assert back.status_code in (200, 204), back.text
    ok(client.post("/relationships", headers=both.headers, json=tie), 201)
    assert set(_networks(db, quinn)) == {kai, nia}


def _networks(db: Driver, person_id: str) -> list[str]:
    """The young people whose networks hold the person."""
    found = db.execute_query("MATCH (:Person {id: $id})-[:IN_NETWORK_OF]->(y:YoungPerson) "
                             "RETURN y.id AS id ORDER BY id", id=person_id).records  # fmt: skip
    return [r["id"] for r in found]


def test_a_relatives_id_asked_for_as_a_young_persons_case_is_refused_on_the_trail(
    api: TestClient, db: Driver
) -> None:
    """A second reader: a young person's route given the id of a relative in the case (the
    mother's) answered 404, but the trail recorded an allowed look at a young person's record.
    It is recorded as refused, saying why, under the case that holds her."""
    client = api
    w = two_teams(client, db)
    kai, mother = w["kai"], w["family"].ids["mother"]
    answer = client.get(f"/young-people/{mother}/lapsed", headers=w["kai_worker"].headers)
    assert answer.status_code == 404, answer.text
    said = db.execute_query(
        "MATCH (e:AuditEvent {action: 'read_lapsed'}) "
        "RETURN e.outcome AS outcome, e.reason AS reason, e.young_person_id AS case",
    ).records  # fmt: skip
    assert [(r["outcome"], r["reason"], r["case"]) for r in said] == [
        ("refused", "not a young person", kai)]  # fmt: skip
    ok(client.get(f"/young-people/{kai}/lapsed", headers=w["kai_worker"].headers))


def test_a_worker_of_another_team_allocated_opens_that_case_only(
    api: TestClient, db: Driver
) -> None:
    """A second reader found north's manager may allocate a south worker to Kai: by design (a
    council's Lifelong Links coordinators often sit in a team of their own). The worker then
    opens Kai's case while allocated, and nothing more of north's; the worker's own manager
    (south's) does not open Kai's case, and the case's trail names the allocation."""
    client = api
    made = two_teams(client, db)
    kai, sam_worker, south, north = made["kai"], made["sam_worker"], made["south"], made["north"]
    path = f"/people/{kai}/relatives"
    assert client.get(path, headers=sam_worker.headers).status_code == 404
    other = open_case(client, north, given_name="Nia", family_name="Northother")
    allocation = allocate(client, north, kai, sam_worker)
    assert client.get(path, headers=sam_worker.headers).status_code == 200
    assert client.get(f"/young-people/{other}", headers=sam_worker.headers).status_code == 404
    assert client.get(path, headers=south.headers).status_code == 404
    trail = ok(client.get("/audit", headers=north.headers, params={"young_person_id": kai}))
    assert any(e["action"] == "allocation.create" for e in trail["data"]), trail
    ended = client.patch(
        f"/young-people/{kai}/allocations/{allocation}",
        headers=north.headers,
        json={"until": (date.today() - timedelta(days=1)).isoformat()},
    )
    assert ended.status_code == 200, ended.text
    assert client.get(path, headers=sam_worker.headers).status_code == 404


def test_a_flag_another_case_raised_overridden_by_an_approval_is_told_to_that_case(
    api: TestClient, db: Driver
) -> None:
    """A second reader: south raised a level-3 flag on the mother both cases hold; north's
    manager approved Kai's contact with her over it, and south, whom everyone is told to ask
    about the flag, was never told. South's trail now says the flag was overridden by an
    approval, never through which case, nor anything of it."""
    client = api
    made = two_teams(client, db)
    kai, sam, mother = made["kai"], made["sam"], made["family"].ids["mother"]
    flag = ok(client.post(f"/people/{mother}/flags", headers=made["sam_worker"].headers,
                          params={"young_person_id": sam},
                          json={"kind": "allegation", "level": 3, "source": "Police"}),
              201)["id"]  # fmt: skip
    coordinator = made["kai_worker"].headers
    cid = ok(client.post(f"/young-people/{kai}/connections", headers=coordinator,
                         json={"person_id": mother}), 201)["id"]  # fmt: skip
    for stage in ("located", "awaiting_safety_check"):
        ok(client.post(f"/connections/{cid}/stage", headers=coordinator, json={"stage": stage}))
    ok(
        client.post(
            f"/connections/{cid}/stage",
            headers=made["north"].headers,
            json={"stage": "approved", "override_reason": "Seen together, supervised"},
        )
    )
    trail = ok(client.get("/audit", headers=made["south"].headers,
                          params={"young_person_id": sam}))["data"]  # fmt: skip
    told = [e for e in trail if e["action"] == "flag.overridden"]
    assert [(e["resource"], e["outcome"]) for e in told] == [(f"flag:{flag}", "allowed")], trail
    assert "through another case" in told[0]["reason"]
    assert kai not in str(trail)
    assert "Seen together" not in str(trail)
