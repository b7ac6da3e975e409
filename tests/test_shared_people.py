"""People and ties that several cases hold: what one case writes about them is its own (the
other case neither reads nor overwrites it), and a worker whose cases share a person says which
case they work through. Against a real Neo4j, through the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.cases import (
    GEDCOM,
    Family,
    add_user,
    allocate,
    bump_revision,
    import_file,
    in_network_of,
    ok,
    run_migrations,
    two_teams,
)
from tests.conftest import Target


def test_each_case_keeps_its_own_notes_on_a_person_they_share(api: TestClient, db: Driver) -> None:
    """A person's notes were one field: what Kai's case wrote about the mother ("Kai stays with
    her at weekends") was shown to Sam's case, which could overwrite it (a second reader's
    access review). Each case now reads and writes its own; a young person's own notes are
    their case's."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    kai_worker, sam_worker = w["kai_worker"].headers, w["sam_worker"].headers
    ok(client.patch(f"/people/{mother}", headers=kai_worker,
                    json={"notes": "Kai stays with her at weekends"}))  # fmt: skip
    # South's worker holds Sam's and Cleo's cases, which both hold the mother: they work
    # through Sam's (`two_cases_hold_a_person_...` below).
    in_sam = {"young_person_id": sam}
    assert ok(client.get(f"/people/{mother}", headers=sam_worker, params=in_sam))["notes"] is None
    written = ok(client.patch(f"/people/{mother}", headers=sam_worker, params=in_sam,
                              json={"notes": "Sam's contact is supervised"}))  # fmt: skip
    assert written["notes"] == "Sam's contact is supervised"
    assert ok(client.get(f"/people/{mother}", headers=kai_worker))["notes"] == (
        "Kai stays with her at weekends"
    )
    assert ok(client.get(f"/people/{mother}", headers=sam_worker, params=in_sam))["notes"] == (
        "Sam's contact is supervised"
    )
    # Made with notes in one case: the other case reads none.
    made = ok(client.post("/people", headers=kai_worker,
                          json={"given_name": "Uncle", "young_person_id": kai,
                                "notes": "Kai's uncle, met once"}), 201)  # fmt: skip
    assert made["notes"] == "Kai's uncle, met once"
    in_network_of(db, sam, made["id"])
    assert ok(client.get(f"/people/{made['id']}", headers=sam_worker))["notes"] is None
    assert ok(client.get(f"/people/{made['id']}", headers=kai_worker))["notes"] == (
        "Kai's uncle, met once"
    )
    # A young person's own notes, in their record and in the list of young people.
    ok(client.patch(f"/people/{sam}", headers=sam_worker, json={"notes": "Likes football"}))
    assert ok(client.get(f"/young-people/{sam}", headers=sam_worker))["notes"] == "Likes football"
    listed = ok(client.get("/young-people", headers=sam_worker))["data"]
    assert [p["notes"] for p in listed if p["id"] == sam] == ["Likes football"]


def test_a_note_written_on_a_person_before_notes_were_per_case_goes_to_its_case(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    """Notes written on a person before each case kept its own are moved, once, at a start of
    the service, to the membership of the one case whose they were: the person is in that one
    network alone and no case took them out. Whose a note on a shared person was cannot be
    told: it stays, shown to no case. Once moved, a note is its case's for good: another case
    coming to hold the person later does not hide it (a second reader)."""
    client = api
    w = two_teams(client, db)
    kai_worker, sam_worker = w["kai_worker"].headers, w["sam_worker"].headers
    aunt, solo = w["family"].ids["aunt"], w["family"].person("solo", "female")
    db.execute_query("MATCH (p:Person) WHERE p.id IN $ids SET p.notes = 'Older note'",
                     ids=[aunt, solo])  # fmt: skip
    assert "001_person_notes_per_case" in run_migrations(neo4j_target)
    bump_revision(db)
    assert ok(client.get(f"/people/{solo}", headers=kai_worker))["notes"] == "Older note"
    assert ok(client.get(f"/people/{aunt}", headers=kai_worker))["notes"] is None
    left = db.execute_query("MATCH (p:Person) WHERE p.id IN $ids RETURN p.id AS id, p.notes AS n",
                            ids=[aunt, solo]).records  # fmt: skip
    assert {r["id"]: r["n"] for r in left} == {aunt: "Older note", solo: None}
    in_network_of(db, w["sam"], solo)
    assert ok(client.get(f"/people/{solo}", headers=kai_worker))["notes"] == "Older note"
    in_sam = {"young_person_id": w["sam"]}
    assert ok(client.get(f"/people/{solo}", headers=sam_worker, params=in_sam))["notes"] is None
    # Run again, a migration does nothing: it has run on this database.
    assert run_migrations(neo4j_target, again=False) == []


def test_a_cases_notes_go_and_come_back_with_the_person(api: TestClient, db: Driver) -> None:
    """Notes kept on the membership were lost when the case took the person out and a manager
    put them back (a second reader)."""
    client = api
    w = two_teams(client, db)
    kai, aunt = w["kai"], w["family"].ids["aunt"]
    worker = w["kai_worker"].headers
    ok(client.patch(f"/people/{aunt}", headers=worker, json={"notes": "Sends birthday cards"}))
    assert client.delete(f"/people/{aunt}", headers=worker).status_code == 204
    restore = f"/young-people/{kai}/removed-people/{aunt}/restore"
    assert client.post(restore, headers=w["north"].headers).status_code == 204
    assert ok(client.get(f"/people/{aunt}", headers=worker))["notes"] == "Sends birthday cards"


def _tie_notes(
    client: TestClient, headers: dict[str, str], tie: str, person: str, case: str | None = None
) -> Any:
    """The tie's notes as the worker reads them alone and in the person's list of ties (through
    the case named)."""
    params = {} if case is None else {"young_person_id": case}
    alone = ok(client.get(f"/relationships/{tie}", headers=headers, params=params))["notes"]
    listed = ok(client.get(f"/people/{person}/relationships", headers=headers,
                           params=params))["data"]  # fmt: skip
    assert [r["notes"] for r in listed if r["id"] == tie] == [alone]
    return alone


def test_each_case_keeps_its_own_notes_on_a_tie_they_share(api: TestClient, db: Driver) -> None:
    """A tie's notes were one field: what Kai's case wrote about the aunt's tie to the mother
    they share with Sam's case was shown to Sam's, which could overwrite it, as a person's notes
    were. Each case now reads and writes its own, and a change to its own notes alone is not
    announced on the other's trail."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother, aunt = w["kai"], w["sam"], w["family"].ids["mother"], w["family"].ids["aunt"]
    kai_worker, sam_worker = w["kai_worker"].headers, w["sam_worker"].headers
    made = ok(client.post("/relationships", headers=kai_worker,
                          json={"type": "trusted_adult", "from_id": aunt, "to_id": mother,
                                "role": "family_friend", "notes": "Drives her to contact"}),
              201)  # fmt: skip
    tie = made["id"]
    assert made["notes"] == "Drives her to contact"
    assert _tie_notes(client, sam_worker, tie, mother, sam) is None
    written = ok(client.patch(f"/relationships/{tie}", headers=sam_worker,
                              params={"young_person_id": sam},
                              json={"notes": "South's note"}))  # fmt: skip
    assert written["notes"] == "South's note"
    assert _tie_notes(client, kai_worker, tie, mother) == "Drives her to contact"
    assert _tie_notes(client, sam_worker, tie, aunt, sam) == "South's note"
    # Kai's case empties its notes: Sam's are kept.
    assert ok(client.patch(f"/relationships/{tie}", headers=kai_worker,
                           json={"notes": None}))["notes"] is None  # fmt: skip
    assert _tie_notes(client, kai_worker, tie, aunt) is None
    assert _tie_notes(client, sam_worker, tie, mother, sam) == "South's note"
    # What the tie is, not a case's notes, is told to the other cases that hold both ends.
    ok(client.patch(f"/relationships/{tie}", headers=sam_worker, json={"strength": "strong"}))
    told = db.execute_query(
        "MATCH (e:AuditEvent {action: 'relationship.update', resource: $resource}) "
        "RETURN e.young_person_id AS yp, e.reason AS reason ORDER BY e.at",
        resource=f"relationship:{tie}",
    ).records  # fmt: skip
    assert [(r["yp"], r["reason"]) for r in told if r["yp"] == kai] == [
        (kai, "changed: notes"),
        (kai, "changed: strength (through another case)"),
    ]
    # South's worker holds Sam's and Cleo's cases, which both hold the tie: the notes were
    # written through Sam's, as named; the strength through the first of them by id, and told
    # to the other.
    assert sorted(r["reason"] for r in told if r["yp"] in (sam, w["cleo"])) == [
        "changed: notes",
        "changed: strength",
        "changed: strength (through another case)",
    ]


def test_a_note_written_on_a_tie_before_notes_were_per_case_goes_to_its_case(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    """A note on a tie written before each case kept its own is moved, once, to the case whose
    it was: on a tie to a young person, theirs; on another tie, the one case holding both
    ends. A tie several cases hold keeps it unshown. Once moved it stays its case's, whoever
    comes to hold the people later (it was hidden from its own case then: a second reader)."""
    client = api
    w = two_teams(client, db)
    kai, mother, aunt = w["kai"], w["family"].ids["mother"], w["family"].ids["aunt"]
    kai_worker, sam_worker = w["kai_worker"].headers, w["sam_worker"].headers
    friend = w["family"].person("friend", "female")
    ties = {}
    for name, (adult, person) in {"to_kai": (friend, kai), "kai_only": (friend, aunt),
                                  "shared": (aunt, mother)}.items():  # fmt: skip
        ties[name] = ok(client.post("/relationships", headers=kai_worker,
                                    json={"type": "trusted_adult", "from_id": adult,
                                          "to_id": person, "role": "family_friend"}),
                        201)["id"]  # fmt: skip
    db.execute_query("MATCH ()-[r:TRUSTED_ADULT_OF]->() WHERE r.id IN $ids "
                     "SET r.notes = 'Older note'", ids=list(ties.values()))  # fmt: skip
    assert "002_tie_notes_per_case" in run_migrations(neo4j_target)
    bump_revision(db)
    assert _tie_notes(client, kai_worker, ties["to_kai"], friend) == "Older note"
    assert _tie_notes(client, kai_worker, ties["kai_only"], aunt) == "Older note"
    assert _tie_notes(client, kai_worker, ties["shared"], aunt) is None
    assert _tie_notes(client, sam_worker, ties["shared"], aunt, w["sam"]) is None
    stored = db.execute_query("MATCH ()-[r:TRUSTED_ADULT_OF]->() WHERE r.id IN $ids "
                              "RETURN r.id AS id, r.notes AS notes",
                              ids=list(ties.values())).records  # fmt: skip
    assert {r["id"]: r["notes"] for r in stored} == {
        ties["to_kai"]: None, ties["kai_only"]: None, ties["shared"]: "Older note"}  # fmt: skip
    # Another case coming to hold both ends neither reads it nor hides it from Kai's.
    in_network_of(db, w["sam"], friend)
    assert _tie_notes(client, sam_worker, ties["kai_only"], aunt, w["sam"]) is None
    assert _tie_notes(client, kai_worker, ties["kai_only"], aunt) == "Older note"
    ok(client.patch(f"/relationships/{ties['kai_only']}", headers=kai_worker,
                    json={"notes": "Now per case"}))  # fmt: skip
    assert _tie_notes(client, kai_worker, ties["kai_only"], aunt) == "Now per case"


def test_a_worker_whose_cases_share_a_person_names_the_case_their_notes_are_for(
    api: TestClient, db: Driver
) -> None:
    """South's worker holds Sam's and Cleo's cases, which both hold the mother. Their notes went
    to whichever case came first by id (Cleo's, as it happened), where a worker allocated to
    Cleo alone read what was written for Sam, and a worker allocated to Sam alone did not (a
    second reader). Notes, and taking someone out of a network, now go to the case they name,
    and without one are refused; a read shows the named case's notes."""
    client = api
    w = two_teams(client, db)
    sam, cleo = w["sam"], w["cleo"]
    mother, aunt = w["family"].ids["mother"], w["family"].ids["aunt"]
    both = w["sam_worker"].headers
    sam_only = add_user(client, "sam.only", "social_worker", "south")
    cleo_only = add_user(client, "cleo.only", "social_worker", "south")
    allocate(client, w["south"], sam, sam_only)
    allocate(client, w["south"], cleo, cleo_only)
    note = {"notes": "Sam's contact with mum is supervised"}
    refused = client.patch(f"/people/{mother}", headers=both, json=note)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["details"][0]["loc"] == ["query", "young_person_id"]
    ok(client.patch(f"/people/{mother}", headers=both, params={"young_person_id": sam}, json=note))
    assert ok(client.get(f"/people/{mother}", headers=sam_only.headers))["notes"] == note["notes"]
    assert ok(client.get(f"/people/{mother}", headers=cleo_only.headers))["notes"] is None
    # A case of theirs that does not hold the person, or no case of theirs: as no such person.
    kai = {"young_person_id": w["kai"]}
    assert client.get(f"/people/{mother}", headers=both, params=kai).status_code == 404
    # Changing what every case sees needs no case.
    ok(client.patch(f"/people/{mother}", headers=both, json={"known_as": "Mum"}))

    # A tie's notes the same way, made or changed.
    tie = {"type": "trusted_adult", "from_id": aunt, "to_id": mother, "role": "family_friend",
           "notes": "Takes Sam to see mum"}  # fmt: skip
    assert client.post("/relationships", headers=both, json=tie).status_code == 422
    made = ok(client.post("/relationships", headers=both, json=tie | {"young_person_id": sam}),
              201)  # fmt: skip
    assert _tie_notes(client, sam_only.headers, made["id"], mother) == "Takes Sam to see mum"
    assert _tie_notes(client, cleo_only.headers, made["id"], mother) is None
    path = f"/relationships/{made['id']}"
    assert client.patch(path, headers=both, json={"notes": "x"}).status_code == 422
    ok(client.patch(path, headers=both, params={"young_person_id": cleo},
                    json={"notes": "Cleo's own"}))  # fmt: skip
    assert _tie_notes(client, cleo_only.headers, made["id"], aunt) == "Cleo's own"
    assert _tie_notes(client, both, made["id"], aunt, sam) == "Takes Sam to see mum"
    assert _tie_notes(client, both, made["id"], aunt, cleo) == "Cleo's own"

    # Taking the mother out: of the case named, never of whichever came first.
    assert client.delete(f"/people/{mother}", headers=both).status_code == 422
    gone = client.delete(f"/people/{mother}", headers=both, params={"young_person_id": cleo})
    assert gone.status_code == 204, gone.text
    assert client.get(f"/people/{mother}", headers=cleo_only.headers).status_code == 404
    assert ok(client.get(f"/people/{mother}", headers=sam_only.headers))["notes"] == note["notes"]


def test_deleting_a_tie_tells_the_cases_whose_notes_went_with_it(
    api: TestClient, db: Driver
) -> None:
    """Any case that holds both people may delete a tie between them, and every case's notes
    on it go with it: the other cases' trails say so."""
    client = api
    w = two_teams(client, db)
    kai, mother, aunt = w["kai"], w["family"].ids["mother"], w["family"].ids["aunt"]
    made = ok(client.post("/relationships", headers=w["kai_worker"].headers,
                          json={"type": "trusted_adult", "from_id": aunt, "to_id": mother,
                                "role": "family_friend", "notes": "Drives her to contact"}),
              201)  # fmt: skip
    gone = client.delete(f"/relationships/{made['id']}", headers=w["sam_worker"].headers)
    assert gone.status_code == 204, gone.text
    told = db.execute_query(
        "MATCH (e:AuditEvent {action: 'relationship.delete', young_person_id: $kai}) "
        "RETURN e.reason AS reason", kai=kai,
    ).records  # fmt: skip
    assert [r["reason"] for r in told] == [
        "deleted, with this case's notes on it (through another case)"
    ]
    # The other south case, which wrote none, is told of the deletion alone.
    south = db.execute_query(
        "MATCH (e:AuditEvent {action: 'relationship.delete'}) WHERE e.young_person_id IN $ids "
        "RETURN e.reason AS reason", ids=[w["sam"], w["cleo"]],
    ).records  # fmt: skip
    assert sorted(str(r["reason"]) for r in south) == ["None", "changed (through another case)"]


def test_a_flag_is_raised_under_the_case_named_and_changed_through_it(
    api: TestClient, db: Driver
) -> None:
    """A flag is its case's to change. Raised by a worker whose two cases share the mother, it
    went to the first case by id, so a worker of the case it was meant for could not change it
    (a second reader); it now goes to the case named, and without one is refused."""
    client = api
    w = two_teams(client, db)
    sam, cleo, mother = w["sam"], w["cleo"], w["family"].ids["mother"]
    both = w["sam_worker"].headers
    sam_only = add_user(client, "sam.only", "social_worker", "south")
    cleo_only = add_user(client, "cleo.only", "social_worker", "south")
    allocate(client, w["south"], sam, sam_only)
    allocate(client, w["south"], cleo, cleo_only)
    flag = {"kind": "allegation", "level": 2, "source": "Strategy meeting"}
    refused = client.post(f"/people/{mother}/flags", headers=both, json=flag)
    assert refused.status_code == 422, refused.text
    raised = ok(client.post(f"/people/{mother}/flags", headers=both,
                            params={"young_person_id": sam}, json=flag), 201)  # fmt: skip
    path = f"/flags/{raised['id']}"
    assert client.patch(path, headers=cleo_only.headers,
                        json={"details": "x"}).status_code == 403  # fmt: skip
    ok(client.patch(path, headers=sam_only.headers, json={"details": "Reviewed"}))
    # Changed by the worker of both: recorded through the case it was raised under.
    ok(client.patch(path, headers=both, json={"details": "Reviewed again"}))
    through = db.execute_query(
        "MATCH (e:AuditEvent {action: 'flag.update', user_id: $user}) "
        "RETURN e.young_person_id AS yp, e.reason AS reason", user=w["sam_worker"].user_id,
    ).records  # fmt: skip
    assert [r["yp"] for r in through if "through another case" not in str(r["reason"])] == [sam]


def test_an_order_made_through_one_case_is_on_the_trail_of_another_holding_both(
    api: TestClient, db: Driver
) -> None:
    """A second reader: an order between the shared father and mother, made through Kai's
    case, was shown in Sam's safeguarding while Sam's trail never mentioned it. Each case
    holding both is told, by its dates, never its terms."""
    w = two_teams(api, db)
    kai, sam, fam = w["kai"], w["sam"], w["family"]
    kai_sw = add_user(api, "kai.orders", "social_worker", "north")
    allocate(api, w["north"], kai, kai_sw)
    made = ok(api.post("/orders", headers=kai_sw.headers,
                       json={"kind": "restraining_order", "restricted_id": fam.ids["father"],
                             "protected_id": fam.ids["mother"], "made_on": "2024-01-01",
                             "terms": "Kai's secret terms"}), 201)  # fmt: skip
    told = db.execute_query(
        "MATCH (e:AuditEvent {action: 'order.create', resource: $resource}) "
        "RETURN e.young_person_id AS yp, e.reason AS reason ORDER BY yp",
        resource=f"order:{made['id']}",
    ).records  # fmt: skip
    said = {r["yp"]: r["reason"] for r in told}
    assert said[kai] is None
    assert said[sam] is not None
    assert "made on 2024-01-01, until none" in said[sam]
    assert "secret" not in str(said)


def test_naming_a_case_that_is_not_yours_is_refused_and_recorded_under_it(
    api: TestClient, db: Driver
) -> None:
    """The case named must be one of the caller's that holds the person: another team's case
    answers as no such person does, with no look recorded as allowed, and the refusal is on
    the trail of the case named (the case probed). A tie the case named does not hold, the
    same; a person's list of ties and family export through a named case hold its people
    alone."""
    client = api
    w = two_teams(client, db)
    kai, sam, cleo, mother = w["kai"], w["sam"], w["cleo"], w["family"].ids["mother"]
    both = w["sam_worker"].headers
    probe = client.get(f"/people/{mother}", headers=both, params={"young_person_id": kai})
    unknown = client.get("/people/no-such-person", headers=both)
    assert probe.status_code == unknown.status_code == 404
    assert probe.json()["error"]["message"] == unknown.json()["error"]["message"]
    looks = db.execute_query(
        "MATCH (e:AuditEvent {action: 'read_person', user_id: $user, resource: $resource}) "
        "RETURN e.young_person_id AS yp, e.outcome AS outcome, e.reason AS reason",
        user=w["sam_worker"].user_id, resource=f"person:{mother}",
    ).records  # fmt: skip
    assert [(r["yp"], r["outcome"], r["reason"]) for r in looks] == [
        (kai, "refused", "the case named does not hold the person")]  # fmt: skip
    # Someone only Sam's case holds, and a tie to them, probed through Kai's case: refused and
    # on Kai's trail, never by their ids (a second reader: Kai's team read both).
    zed = ok(client.post("/people", headers=both,
                         json={"given_name": "Zed", "young_person_id": sam}),
             201)["id"]  # fmt: skip
    zeds = ok(client.post("/relationships", headers=both,
                          json={"type": "partner", "kind": "cohabiting", "from_id": mother,
                                "to_id": zed, "young_person_id": sam}), 201)["id"]  # fmt: skip
    in_kai = {"young_person_id": kai}
    assert client.get(f"/people/{zed}", headers=both, params=in_kai).status_code == 404
    assert client.get(f"/relationships/{zeds}", headers=both, params=in_kai).status_code == 404
    trail = ok(client.get("/audit", headers=w["north"].headers,
                          params={"young_person_id": kai, "limit": 1000}))["data"]  # fmt: skip
    probes = [
        (e["action"], e["resource"])
        for e in trail
        if e["outcome"] == "refused" and e["user_id"] == w["sam_worker"].user_id
    ]
    assert probes == [("read_relationship", "relationship:withheld"),
                      ("read_person", "person:withheld"),
                      ("read_person", f"person:{mother}")]  # fmt: skip
    assert zed not in str(trail)
    assert zeds not in str(trail)
    # A read through a case named is recorded under it alone.
    ok(client.get(f"/people/{mother}", headers=both, params={"young_person_id": cleo}))
    looks = db.execute_query(
        "MATCH (e:AuditEvent {action: 'read_person', user_id: $user, outcome: 'allowed'}) "
        "RETURN e.young_person_id AS yp", user=w["sam_worker"].user_id,
    ).records  # fmt: skip
    assert [r["yp"] for r in looks] == [cleo]
    # A tie held by Cleo's case alone: not through Sam's, neither alone nor in the list.
    boyfriend = ok(client.post("/people", headers=both,
                               json={"given_name": "Boyfriend", "young_person_id": cleo}),
                   201)["id"]  # fmt: skip
    tie = ok(client.post("/relationships", headers=both,
                         json={"type": "trusted_adult", "from_id": boyfriend, "to_id": mother,
                               "role": "family_friend", "notes": "Cleo's note"}), 201)  # fmt: skip
    in_sam = {"young_person_id": sam}
    assert client.get(f"/relationships/{tie['id']}", headers=both,
                      params=in_sam).status_code == 404  # fmt: skip
    listed = ok(client.get(f"/people/{mother}/relationships", headers=both, params=in_sam))
    assert tie["id"] not in [r["id"] for r in listed["data"]]
    in_cleo = {"young_person_id": cleo}
    listed = ok(client.get(f"/people/{mother}/relationships", headers=both, params=in_cleo))
    assert [r["notes"] for r in listed["data"] if r["id"] == tie["id"]] == ["Cleo's note"]
    # The family exported through Sam's case holds Sam's people alone: not the mother's
    # child recorded in Cleo's.
    child = ok(client.post("/people", headers=both,
                           json={"given_name": "Halfsister", "young_person_id": cleo}),
               201)["id"]  # fmt: skip
    ok(client.post("/relationships", headers=both,
                   json={"type": "parent", "from_id": mother, "to_id": child}), 201)  # fmt: skip
    exported = client.get(f"/people/{mother}/gedcom", headers=both, params=in_sam)
    assert exported.status_code == 200, exported.text
    assert "Halfsister" not in exported.text
    assert "Halfsister" in client.get(f"/people/{mother}/gedcom", headers=both,
                                      params=in_cleo).text  # fmt: skip
    # Her relatives the same, read after the answer through both cases is kept (the kept answer
    # is never given for a read through one case alone).

    def relatives(params: dict[str, str]) -> set[str]:
        found = ok(client.get(f"/people/{mother}/relatives", headers=both, params=params))
        return {r["name"] for r in found["data"]}

    assert "Halfsister" in relatives({})
    assert "Halfsister" not in relatives(in_sam)
    assert "Halfsister" in relatives(in_cleo)
    assert client.get(f"/people/{mother}/relatives", headers=both,
                      params={"young_person_id": kai}).status_code == 404  # fmt: skip
    # An order between the mother and her boyfriend, held together by Cleo's case alone: made
    # under it (it was checked against the mother's first case only, and refused).
    order = {"kind": "non_molestation_order", "restricted_id": boyfriend,
             "protected_id": mother, "made_on": "2026-01-05"}  # fmt: skip
    ok(client.post("/orders", headers=both, json=order), 201)


def test_a_search_by_external_id_is_recorded_under_every_case_of_the_caller_holding_them(
    api: TestClient, db: Driver
) -> None:
    """`GET /people?external_id=` recorded a look under the first of the caller's cases that
    hold the person, where `GET /people/{id}` records it under each: the other case's manager
    never saw the look on their trail (a second reader)."""
    client = api
    w = two_teams(client, db)
    mother = w["family"].ids["mother"]
    db.execute_query(
        "MATCH (p:Person {id: $id}) "
        "CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {system: 'mosaic', value: 'MOS-42'})",
        id=mother,
    )  # fmt: skip
    found = ok(client.get("/people", headers=w["sam_worker"].headers,
                          params={"external_id": "MOS-42"}))  # fmt: skip
    assert [p["id"] for p in found["data"]] == [mother]
    looks = db.execute_query(
        "MATCH (e:AuditEvent {action: 'find_people', user_id: $user}) "
        "RETURN e.young_person_id AS yp, e.resource AS resource",
        user=w["sam_worker"].user_id,
    ).records  # fmt: skip
    assert sorted((r["yp"], r["resource"]) for r in looks) == sorted(
        [(w["sam"], f"person:{mother}"), (w["cleo"], f"person:{mother}")]
    )
    # An id one of the cases imported: found through that case, recorded under both.
    db.execute_query(
        "MATCH (p:Person {id: $id}) CREATE (p)-[:IDENTIFIED_BY]->"
        "(:ExternalId {system: 'gedcom:tree', value: '@I7@', case: $sam})",
        id=mother, sam=w["sam"],
    )  # fmt: skip
    db.execute_query("MATCH (e:AuditEvent {action: 'find_people'}) DELETE e")
    found = ok(client.get("/people", headers=w["sam_worker"].headers,
                          params={"external_id": "@I7@"}))  # fmt: skip
    assert [p["id"] for p in found["data"]] == [mother]
    looks = db.execute_query(
        "MATCH (e:AuditEvent {action: 'find_people'}) RETURN e.young_person_id AS yp"
    ).records
    assert sorted(r["yp"] for r in looks) == sorted([w["sam"], w["cleo"]])


def test_a_new_parent_is_checked_against_the_cases_own_people_alone(
    api: TestClient, db: Driver
) -> None:
    """A new parent link was checked against every parent and ancestor in the database: with
    the mother's two parents recorded in Sam's case, Kai's worker was told "the child already
    has two birth parents" (that another case records them) and could not record the
    grandfather Kai's own gaps ask for (a second reader). Only the case's people count now, as
    for an import; within the case the rules hold as before."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    kai_worker, sam_worker = w["kai_worker"].headers, w["sam_worker"].headers
    # Sam's case alone records a second birth parent of the mother (the gran is in both).
    in_sam, in_kai = Family(client, sam_worker, sam), Family(client, kai_worker, kai)
    ron = in_sam.person("Ron", "male")
    ok(client.post("/relationships", headers=sam_worker,
                   json={"type": "parent", "kind": "birth", "from_id": ron, "to_id": mother,
                         "young_person_id": sam}), 201)  # fmt: skip
    grandad = in_kai.person("Grandad", "male")
    parent = {"type": "parent", "kind": "birth", "from_id": grandad, "to_id": mother}
    ok(client.post("/relationships", headers=kai_worker, json=parent), 201)
    # Within Kai's case the mother now has two: a third is refused, as before.
    third = in_kai.person("Third", "male")
    refused = client.post("/relationships", headers=kai_worker, json=parent | {"from_id": third})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["message"] == "The child already has two birth parents."
    # An ancestor loop through people another case holds alone is not told either; one through
    # the case's own people is refused.
    hidden = in_sam.person("Hidden")
    db.execute_query(
        "MATCH (m:Person {id: $mother}), (h:Person {id: $hidden}), (t:Person {id: $third}) "
        "CREATE (m)-[:PARENT_OF {id: 'parent_h1', kind: 'adoptive'}]->(h) "
        "CREATE (h)-[:PARENT_OF {id: 'parent_h2', kind: 'adoptive'}]->(t)",
        mother=mother, hidden=hidden, third=third,
    )  # fmt: skip
    adoptive = {"type": "parent", "kind": "adoptive", "from_id": third, "to_id": mother}
    ok(client.post("/relationships", headers=kai_worker, json=adoptive), 201)
    me = w["family"].ids["me"]
    loop = client.post("/relationships", headers=kai_worker,
                       json={"type": "parent", "kind": "adoptive", "from_id": me,
                             "to_id": w["family"].ids["gran"]})  # fmt: skip
    assert loop.status_code == 422, loop.text
    assert loop.json()["error"]["message"] == "This would make a person their own ancestor."
    # A loop through someone the new tie brings into the case is the case's own: refused (a
    # second reader found it let through: they were not yet in the network).
    newcomer = in_sam.person("Newcomer")
    db.execute_query(
        "MATCH (n:Person {id: $n}), (k:Person {id: $kai}) "
        "CREATE (k)-[:PARENT_OF {id: 'parent_n1', kind: 'adoptive'}]->(n)",
        n=newcomer, kai=me,
    )  # fmt: skip
    closing = client.post("/relationships", headers=kai_worker,
                          json={"type": "parent", "kind": "adoptive", "from_id": newcomer,
                                "to_id": w["family"].ids["gran"]})  # fmt: skip
    assert closing.status_code == 422, closing.text


def test_a_family_tree_files_ids_are_the_importing_cases(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    """An import's xrefs were shown to every case holding the person, under the system
    `gedcom:<the importing young person's id>`: Sam's worker read Kai's case id on the mother
    (a second reader). They are now the importing case's: shown, found by and replaced through
    it alone; what other cases record stays everyone's. Older ids are given to their case once,
    at a start of the service."""
    client = api
    w = two_teams(client, db)
    kai, sam = w["kai"], w["sam"]
    kai_worker, sam_worker = w["kai_worker"].headers, w["sam_worker"].headers
    in_kai = Family(client, kai_worker, kai)
    ok(import_file(in_kai, GEDCOM), 201)
    anne = ok(client.get("/people", headers=kai_worker,
                         params={"external_id": "@I2@", "system": f"gedcom:{kai}"}))  # fmt: skip
    [mother] = [p["id"] for p in anne["data"]]
    in_network_of(db, sam, mother)
    in_sam = {"young_person_id": sam}
    kais = [{"system": f"gedcom:{kai}", "value": "@I2@"}]
    assert ok(client.get(f"/people/{mother}", headers=kai_worker))["external_ids"] == kais
    assert ok(client.get(f"/people/{mother}", headers=sam_worker, params=in_sam))[
        "external_ids"] == []  # fmt: skip
    found = ok(client.get("/people", headers=sam_worker, params={"external_id": "@I2@"}))
    assert found["data"] == []
    # Sam's case replaces the ids it sees; Kai's stay.
    mosaic = [{"system": "mosaic", "value": "MOS-7"}]
    ok(client.patch(f"/people/{mother}", headers=sam_worker, params=in_sam,
                    json={"external_ids": mosaic}))  # fmt: skip
    assert ok(client.get(f"/people/{mother}", headers=sam_worker, params=in_sam))[
        "external_ids"] == mosaic  # fmt: skip
    assert ok(client.get(f"/people/{mother}", headers=kai_worker))["external_ids"] == sorted(
        kais + mosaic, key=lambda e: (e["system"], e["value"]))  # fmt: skip
    again = ok(import_file(in_kai, GEDCOM), 201)
    assert again["people_created"] == 0
    # Kai's ids sent back with a change stay Kai's; Sam's case neither sees them nor is
    # refused by them when it records the same xref on someone of its own.
    shown = ok(client.get(f"/people/{mother}", headers=kai_worker))["external_ids"]
    ok(client.patch(f"/people/{mother}", headers=kai_worker, json={"external_ids": shown}))
    assert ok(client.get(f"/people/{mother}", headers=sam_worker, params=in_sam))[
        "external_ids"] == mosaic  # fmt: skip
    # Ids imported before: given to the case the system names, or the one case holding them.
    db.execute_query("MATCH (e:ExternalId) WHERE e.system STARTS WITH 'gedcom:' REMOVE e.case")
    aunt = w["family"].ids["aunt"]
    db.execute_query(
        "MATCH (a:Person {id: $aunt}), (r:Person {id: $rose}) "
        "CREATE (a)-[:IDENTIFIED_BY]->(:ExternalId {system: 'gedcom:smith', value: '@I9@'}) "
        "CREATE (r)-[:IDENTIFIED_BY]->(:ExternalId {system: 'gedcom:smith', value: '@I4@'})",
        aunt=aunt, rose=ok(client.get("/people", headers=kai_worker,
                                      params={"external_id": "@I4@"}))["data"][0]["id"],
    )  # fmt: skip
    assert "003_family_tree_ids_per_case" in run_migrations(neo4j_target)
    bump_revision(db)
    cases = db.execute_query(
        "MATCH (e:ExternalId) WHERE e.system STARTS WITH 'gedcom:' "
        "RETURN e.system AS system, e.value AS value, e.case AS case ORDER BY system, value"
    ).records  # fmt: skip
    assert [(r["system"], r["value"], r["case"]) for r in cases] == [
        *[(f"gedcom:{kai}", f"@I{n}@", kai) for n in range(1, 6)],
        ("gedcom:smith", "@I4@", kai),  # Rose: in Kai's network alone
        ("gedcom:smith", "@I9@", None),  # the aunt: in three networks, whose cannot be told
    ]
    assert ok(client.get(f"/people/{mother}", headers=sam_worker, params=in_sam))[
        "external_ids"] == mosaic  # fmt: skip
    ok(client.post("/people", headers=sam_worker,
                   json={"given_name": "Other", "young_person_id": sam,
                         "external_ids": kais}), 201)  # fmt: skip


def test_an_import_that_changes_people_other_cases_hold_is_on_their_trail(
    api: TestClient, db: Driver
) -> None:
    """An import filling in a shared person's birth date, or tying two shared people, went on
    the importing case's trail alone, where the same change made by hand is on every case's
    that holds them (a second reader). Other cases are now told what changed, not the values."""
    client = api
    w = two_teams(client, db)
    kai, sam = w["kai"], w["sam"]
    in_kai = Family(client, w["kai_worker"].headers, kai)
    in_sam = Family(client, w["sam_worker"].headers, sam)
    fewer = (
        GEDCOM.replace(b"1 BIRT\n2 DATE 12 MAR 1980\n", b"")
        .replace(b"1 FAMC @F2@\n", b"")
        .replace(b"1 FAMS @F2@\n", b"")
        .replace(b"0 @F2@ FAM\n1 WIFE @I4@\n1 CHIL @I2@\n1 CHIL @I5@\n", b"")
    )
    assert b"@F2@" not in fewer
    # Sam's case imports the file, then Kai's case comes to hold two of its people; Sam's
    # case imports a fuller version (its own xrefs match them).
    ok(import_file(in_sam, fewer, source="smith"), 201)
    xrefs = {e: ok(client.get("/people", headers=in_sam.headers,
                              params={"external_id": e, "young_person_id": sam}))["data"][0]["id"]
             for e in ("@I2@", "@I4@")}  # fmt: skip
    anne, rose = xrefs["@I2@"], xrefs["@I4@"]
    in_network_of(db, kai, anne, rose)
    done = ok(import_file(in_sam, GEDCOM, source="smith"), 201)
    assert (done["people_created"], done["people_matched"]) == (0, 5)
    told = db.execute_query(
        "MATCH (e:AuditEvent {young_person_id: $kai}) WHERE e.reason ENDS WITH "
        "'(through another case)' RETURN e.action AS action, e.resource AS resource, "
        "e.reason AS reason ORDER BY action",
        kai=kai,
    ).records  # fmt: skip
    assert [(r["action"], r["reason"]) for r in told] == [
        ("person.update", "changed by a family tree import: birth_date (through another case)"),
        ("relationship.create", "added by a family tree import (through another case)"),
    ]
    assert told[0]["resource"] == f"person:{anne}"
    tie = told[1]["resource"].removeprefix("relationship:")
    shown = ok(client.get(f"/relationships/{tie}", headers=in_kai.headers))
    # Kai's case imports a file under the same source name: Sam's xrefs are not its own, so
    # nobody of Sam's is matched or changed through them, and nothing says they exist.
    ok(import_file(in_kai, fewer, source="smith"), 201)
    assert ok(client.get(f"/people/{anne}", headers=in_kai.headers))["birth_date"] == "1980-03-12"
    assert (shown["from_id"], shown["to_id"]) == (rose, anne)
    # Cleo's case holds neither: told nothing.
    assert db.execute_query(
        "MATCH (e:AuditEvent {young_person_id: $cleo}) WHERE e.reason ENDS WITH "
        "'(through another case)' RETURN count(e) AS n", cleo=w["cleo"],
    ).records[0]["n"] == 0  # fmt: skip


def test_ending_a_shared_order_is_on_the_trail_of_every_case_holding_both(
    api: TestClient, db: Driver
) -> None:
    """A second reader: Sam's worker recorded an order between the mother and the father, whom
    Kai's case holds too; Kai's social worker ended it, and only Kai's trail said so. An order
    is now ended only through the case that made it (as a flag is; another case is refused,
    `test_flag_words`): ended there, every case holding both is told it ended, and why."""
    client = api
    w = two_teams(client, db)
    ids = w["family"].ids
    order = {"kind": "non_molestation_order", "restricted_id": ids["father"],
             "protected_id": ids["mother"], "made_on": "2025-03-01"}  # fmt: skip
    made = ok(client.post("/orders", headers=w["sam_worker"].headers,
                          params={"young_person_id": w["sam"]}, json=order), 201)  # fmt: skip
    ok(
        client.patch(
            f"/orders/{made['id']}",
            headers=w["sam_worker"].headers,
            json={"until": "2026-01-04", "reason": "Discharged by the court"},
        )
    )
    # The case that made and ended it with why; another case holding both with the dates (the
    # reason is the ending case's words, `test_flag_words`).
    for manager, young_person, why in ((w["south"], w["sam"], True),
                                       (w["north"], w["kai"], False)):  # fmt: skip
        trail = ok(client.get("/audit", headers=manager.headers,
                              params={"young_person_id": young_person}))["data"]  # fmt: skip
        said = [e["reason"] for e in trail if e["action"] == "order.update"]
        assert any("until none -> 2026-01-04" in r for r in said), (young_person, said)
        assert any("Discharged by the court" in r for r in said) is why, (young_person, said)


def test_a_change_to_a_young_persons_own_record_is_told_to_no_other_case(
    api: TestClient, db: Driver
) -> None:
    """A second reader: Kai's worker changed his family name, and Sam's trail (Kai is in Sam's
    network as his brother in care) said "changed: family_name (through another case)". A young
    person's own record is their case's, as their flags and addresses are: no other case is
    told of a change to it."""
    client = api
    w = two_teams(client, db)
    in_network_of(db, w["sam"], w["kai"])
    changed = client.patch(f"/people/{w['kai']}", headers=w["kai_worker"].headers,
                           json={"family_name": "Newname"})  # fmt: skip
    assert changed.status_code == 200, changed.text
    sams = ok(client.get("/audit", headers=w["south"].headers,
                         params={"young_person_id": w["sam"]}))["data"]  # fmt: skip
    assert [e for e in sams if e["resource"] == f"person:{w['kai']}"] == []
    kais = ok(client.get("/audit", headers=w["north"].headers,
                         params={"young_person_id": w["kai"]}))["data"]  # fmt: skip
    assert [e["reason"] for e in kais if e["action"] == "person.update"] == ["changed: family_name"]


def test_ending_an_order_about_a_young_person_tells_other_cases_no_words(
    api: TestClient, db: Driver
) -> None:
    """A second reader: Kai is recorded in Sam's network as his brother in care. North ended an
    order keeping the father from Kai with its own words ("Kai moved to Oak House foster
    placement, Leeds"), and Sam's team, which /safeguarding shows the order with its terms
    withheld, read them on Sam's trail. A case that holds a child of another case is told the
    dates, not the words; the child's own case keeps them."""
    client = api
    w = two_teams(client, db)
    in_network_of(db, w["sam"], w["kai"])
    order = {"kind": "non_molestation_order", "restricted_id": w["family"].ids["father"],
             "protected_id": w["kai"], "made_on": "2026-01-05",
             "terms": "No contact with Kai"}  # fmt: skip
    made = ok(client.post("/orders", headers=w["north"].headers, json=order), 201)
    ok(client.patch(f"/orders/{made['id']}", headers=w["north"].headers,
                    json={"until": "2026-02-01",
                          "reason": "Kai moved to Oak House foster placement, Leeds"}))  # fmt: skip
    sams = ok(client.get("/audit", headers=w["south"].headers,
                         params={"young_person_id": w["sam"]}))["data"]  # fmt: skip
    assert [e["reason"] for e in sams if e["action"] == "order.update"] == [
        "until none -> 2026-02-01 (through another case)"
    ]
    kais = ok(client.get("/audit", headers=w["north"].headers,
                         params={"young_person_id": w["kai"]}))["data"]  # fmt: skip
    assert [e["reason"] for e in kais if e["action"] == "order.update"] == [
        "until none -> 2026-02-01: Kai moved to Oak House foster placement, Leeds"
    ]


def test_ending_an_order_about_a_young_person_tells_no_case_that_holds_one_side(
    api: TestClient, db: Driver
) -> None:
    """A second reader of the change above: an order keeping the father from Kai, ended with a
    reason naming Kai and his placement, went to the trails of Sam and Cleo, whose cases hold
    the father but not Kai, and were never told of the order."""
    client = api
    w = two_teams(client, db)
    order = {"kind": "non_molestation_order", "restricted_id": w["family"].ids["father"],
             "protected_id": w["kai"], "made_on": "2026-01-05"}  # fmt: skip
    made = ok(client.post("/orders", headers=w["north"].headers, json=order), 201)
    ok(
        client.patch(
            f"/orders/{made['id']}",
            headers=w["north"].headers,
            json={"until": "2026-02-01", "reason": "Kai moved placement"},
        )
    )
    for young_person in (w["sam"], w["cleo"]):
        trail = ok(client.get("/audit", headers=w["south"].headers,
                              params={"young_person_id": young_person}))["data"]  # fmt: skip
        assert [e for e in trail if e["action"] == "order.update"] == [], young_person
    kais = ok(client.get("/audit", headers=w["north"].headers,
                         params={"young_person_id": w["kai"]}))["data"]  # fmt: skip
    assert [e["reason"] for e in kais if e["action"] == "order.update"] == [
        "until none -> 2026-02-01: Kai moved placement"
    ]
