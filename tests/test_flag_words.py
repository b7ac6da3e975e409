"""What a safety flag says in its own words is the case's that wrote it: its source the case it
was raised under, its details the case that wrote them, a change's reason the case it was made
through. Another case that holds the same person learns that the flag exists, its kind, level,
dates and changes, and whom to ask. Pure (`flags.as_seen`) and through the API, against a real
Neo4j."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from service.data.flags import as_seen
from tests.cases import Actor, add_user, allocate, bump_revision, ok, run_migrations, two_teams
from tests.conftest import Target

CHANGE: dict[str, Any] = {
    "changed": ["details"], "reason": "Kai said more", "details": "Kai told his teacher",
    "status": "active", "through": "kai", "details_of": "kai",
}  # fmt: skip
ROW: dict[str, Any] = {
    "id": "f1", "status": "active", "person_id": "p1", "ask": "Ann, team north",
    "raised_in": "kai", "details_of": "kai",
    "content": {"kind": "allegation", "level": 3, "source": "Said by Kai at school",
                "details": "Kai told his teacher again", "raised_on": "2026-01-02",
                "review_on": "2026-07-02", "expires_on": None, "changes": [CHANGE]},
}  # fmt: skip


def test_each_part_of_a_flag_is_shown_to_the_case_that_wrote_it() -> None:
    seen = as_seen(ROW, ("sam", "cleo"))
    assert "raised_in" not in seen
    assert "details_of" not in seen
    assert seen["ask"] == "Ann, team north"
    content = seen["content"]
    assert (content["kind"], content["level"], content["raised_on"]) == ("allegation", 3,
                                                                         "2026-01-02")  # fmt: skip
    assert (content["source"], content["details"], content["withheld"]) == (None, None, True)
    (change,) = content["changes"]
    assert (change["reason"], change["details"], change["withheld"]) == (None, None, True)
    assert (change["changed"], change["status"]) == (["details"], "active")
    assert "through" not in change
    # Through the case that wrote it all: all of it.
    mine = as_seen(ROW, ("sam", "kai"))["content"]
    assert (mine["source"], mine["details"], mine["withheld"]) == (
        "Said by Kai at school", "Kai told his teacher again", False)  # fmt: skip
    assert mine["changes"][0]["reason"] == "Kai said more"
    # Details Sam's case wrote since (the flag no case's to change once Kai's took her out):
    # each case reads its own words and not the other's.
    mixed = {**ROW, "details_of": "sam",
             "content": {**ROW["content"], "details": "Sam says she visits drunk",
                         "changes": [{**CHANGE, "reason": "Sam told his carer",
                                      "through": "sam"}]}}  # fmt: skip
    for opened, expected in (
        ("sam", (None, "Sam says she visits drunk", "Sam told his carer", None)),
        ("kai", ("Said by Kai at school", None, None, "Kai told his teacher")),
    ):
        said = as_seen(mixed, (opened,))["content"]
        change = said["changes"][0]
        assert (said["source"], said["details"], change["reason"], change["details"]) == expected
        assert said["withheld"] is True
        assert change["withheld"] is True
    # Words of no recorded case (the synthetic council's) are every holding case's.
    legacy = {**ROW, "raised_in": None, "details_of": None,
              "content": {**ROW["content"], "changes": [{**CHANGE, "through": None,
                                                         "details_of": None}]}}  # fmt: skip
    assert as_seen(legacy, ("sam",))["content"]["withheld"] is False
    # A coordinator's flag has no content to withhold.
    assert as_seen({**ROW, "content": None}, ("sam",))["content"] is None


def _words(found: dict[str, Any]) -> tuple[Any, ...]:
    content = found["content"]
    return (content["source"], content["details"],
            [(c["reason"], c["details"]) for c in content["changes"]],
            content.get("withheld", False))  # fmt: skip


def _flags(client: TestClient, person_id: str, who: Actor) -> list[tuple[Any, ...]]:
    return [_words(f) for f in ok(client.get(f"/people/{person_id}/flags",
                                             headers=who.headers))["data"]]  # fmt: skip


def _kais_flag(client: TestClient, db: Driver) -> tuple[dict[str, Any], Actor, dict[str, Any]]:
    """`two_teams`, with a social worker of Kai's case who raises a flag on the mother in Kai's
    words: (the teams, that worker, the flag)."""
    w = two_teams(client, db)
    north_sw = add_user(client, "north.social", "social_worker", "north")
    allocate(client, w["north"], w["kai"], north_sw)
    body = {"kind": "allegation", "level": 3, "source": "Disclosure at school",
            "details": "Kai told his teacher she hit him"}  # fmt: skip
    mother = w["family"].ids["mother"]
    raised = ok(client.post(f"/people/{mother}/flags", headers=north_sw.headers, json=body), 201)
    return w, north_sw, raised


KAIS = ("Disclosure at school", "Kai told his teacher again",
        [(None, "Kai told his teacher she hit him")], False)  # fmt: skip
HELD = (None, None, [(None, None)], True)


def test_another_case_holding_the_person_is_told_whom_to_ask_not_what_the_flag_says(
    api: TestClient, db: Driver
) -> None:
    """Kai's social worker raises a flag on the mother Kai shares with Sam, in Kai's words ("Kai
    told his teacher"). Sam's social worker read those words on the flag, on the mother and in
    Sam's safeguarding: Kai's disclosure, read by another team."""
    client = api
    w, north_sw, raised = _kais_flag(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    ok(client.patch(f"/flags/{raised['id']}", headers=north_sw.headers,
                    json={"details": "Kai told his teacher again"}))  # fmt: skip
    assert _flags(client, mother, north_sw) == [KAIS]

    south = w["sam_worker"]
    listed = ok(client.get(f"/people/{mother}/flags", headers=south.headers))["data"]
    assert [_words(f) for f in listed] == [HELD]
    assert [(f["content"]["kind"], f["content"]["level"]) for f in listed] == [("allegation", 3)]
    assert "team north" in listed[0]["ask"]
    person = ok(client.get(f"/people/{mother}", headers=south.headers))
    assert [_words(f) for f in person["flags"]] == [(None, None, [], True)]
    changed = ok(client.patch(f"/people/{mother}", headers=south.headers,
                              json={"notes": "Seen at the contact centre"},
                              params={"young_person_id": sam}))  # fmt: skip
    assert [_words(f) for f in changed["flags"]] == [(None, None, [], True)]
    guarding = client.get(f"/young-people/{sam}/safeguarding", headers=south.headers)
    assert guarding.status_code == 200, guarding.text
    flagged = {r["person_id"]: r for r in guarding.json()["flagged_in_network"]}
    assert [_words(f) for f in flagged[mother]["flags"]] == [(None, None, [], True)]
    for text in (guarding.text, str(listed), str(person)):
        assert "teacher" not in text
        assert "Disclosure" not in text
    # Kai's own safeguarding gives them (a chain's flags without their changes).
    kais = ok(client.get(f"/young-people/{kai}/safeguarding", headers=north_sw.headers))
    flagged = {r["person_id"]: r for r in kais["flagged_in_network"]}
    assert [_words(f) for f in flagged[mother]["flags"]] == [
        ("Disclosure at school", "Kai told his teacher again", [], False)
    ]

    # A worker allocated to both cases reads them, by the person and by an id she holds.
    both = add_user(client, "both.social", "social_worker", "south")
    allocate(client, w["north"], kai, both)
    allocate(client, w["south"], sam, both)
    assert _flags(client, mother, both) == [KAIS]
    db.execute_query("MATCH (p:Person {id: $m}) CREATE (p)-[:IDENTIFIED_BY]->"
                     "(:ExternalId {system: 'nhs', value: '9990001112'})", m=mother)  # fmt: skip
    found = ok(client.get("/people", headers=both.headers,
                          params={"external_id": "9990001112"}))["data"]  # fmt: skip
    assert [_words(f) for p in found for f in p["flags"]] == [
        ("Disclosure at school", "Kai told his teacher again", [], False)
    ]


def test_taking_the_person_out_gives_nobody_else_the_words_nor_a_restore_the_others(
    api: TestClient, db: Driver
) -> None:
    """A second reader: once Kai's case took the mother out, the flag became no case's, and
    Sam's worker (and every chain reaching her) read Kai's words; Sam's worker's change, in
    Sam's words, then went to Kai's case when she was put back."""
    client = api
    w, north_sw, raised = _kais_flag(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    south = w["sam_worker"]
    assert client.delete(f"/people/{mother}", headers=north_sw.headers).status_code == 204
    assert _flags(client, mother, south) == [(None, None, [], True)]
    for case in (sam, w["cleo"]):
        guarding = client.get(f"/young-people/{case}/safeguarding", headers=south.headers)
        assert guarding.status_code == 200, guarding.text
        assert "teacher" not in guarding.text
    # No case's to change now: Sam's worker, who holds her through Sam's and Cleo's cases,
    # names the case to change it through (a second reader: the case named was ignored, and
    # the words were recorded as the first case's by id), changes it in Sam's words and reads
    # them; a worker of Cleo's case alone does not.
    path = f"/flags/{raised['id']}"
    change = {"details": "Sam says she visits drunk", "reason": "Sam told his carer"}
    unnamed = client.patch(path, headers=south.headers, json=change)
    assert unnamed.status_code == 422, unnamed.text
    assert "name the case" in unnamed.text
    ok(client.patch(path, headers=south.headers, params={"young_person_id": sam}, json=change))
    assert _flags(client, mother, south) == [
        (None, "Sam says she visits drunk", [("Sam told his carer", None)], True)
    ]
    cleos = add_user(client, "cleo.social", "social_worker", "south")
    allocate(client, w["south"], w["cleo"], cleos)
    assert _flags(client, mother, cleos) == [(None, None, [(None, None)], True)]
    # Put back in Kai's case: Kai's worker reads Kai's words, not Sam's.
    restored = client.post(f"/young-people/{kai}/removed-people/{mother}/restore",
                           headers=w["north"].headers)  # fmt: skip
    assert restored.status_code in (200, 201, 204), restored.text
    assert _flags(client, mother, north_sw) == [
        ("Disclosure at school", None, [(None, "Kai told his teacher she hit him")], True)
    ]


def test_words_written_into_a_flag_of_no_case_are_the_writing_cases(
    api: TestClient, db: Driver
) -> None:
    """A second reader: a flag of no recorded case (the synthetic council's) changed through
    Kai's case, in Kai's words, gave them to Sam's worker."""
    client = api
    w = two_teams(client, db)
    kai, mother = w["kai"], w["family"].ids["mother"]
    north_sw = add_user(client, "north.social", "social_worker", "north")
    allocate(client, w["north"], kai, north_sw)
    body = {"kind": "allegation", "level": 3, "source": "Police", "details": "Old record"}
    raised = ok(client.post(f"/people/{mother}/flags", headers=north_sw.headers, json=body), 201)
    db.execute_query("MATCH (f:Flag {id: $id}) REMOVE f.raised_in", id=raised["id"])
    south = w["sam_worker"]
    assert _flags(client, mother, south) == [("Police", "Old record", [], False)]
    change = {"details": "Kai disclosed again to his foster carer", "status": "withdrawn",
              "reason": "Kai retracted to his IRO"}  # fmt: skip
    ok(client.patch(f"/flags/{raised['id']}", headers=north_sw.headers, json=change))
    assert _flags(client, mother, south) == [("Police", None, [(None, "Old record")], True)]
    assert _flags(client, mother, north_sw) == [
        ("Police", "Kai disclosed again to his foster carer",
         [("Kai retracted to his IRO", "Old record")], False)
    ]  # fmt: skip


def test_changes_made_before_their_case_was_kept_are_given_it_from_the_trail(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    """A second reader: changes made before each kept its case were read as the raising case's
    words: Sam's worker's change, made while Kai's case had taken the mother out, went to Kai's
    workers once she was put back. The migration takes each change's case from the trail."""
    client = api
    w, north_sw, raised = _kais_flag(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    path = f"/flags/{raised['id']}"
    ok(client.patch(path, headers=north_sw.headers, json={"review_on": "2027-03-01"}))
    assert client.delete(f"/people/{mother}", headers=north_sw.headers).status_code == 204
    south = w["sam_worker"]
    ok(client.patch(path, headers=south.headers, params={"young_person_id": sam},
                    json={"details": "Sam says she visits drunk",
                          "reason": "Sam told his carer"}))  # fmt: skip
    restored = client.post(f"/young-people/{kai}/removed-people/{mother}/restore",
                           headers=w["north"].headers)  # fmt: skip
    assert restored.status_code in (200, 201, 204), restored.text
    kais_view = ("Disclosure at school", None,
                 [(None, "Kai told his teacher she hit him"),
                  (None, "Kai told his teacher she hit him")], True)  # fmt: skip
    # The first change (by Kai's worker) is Kai's: its reason (none) and kept details shown.
    kais_view[2][0] = (None, "Kai told his teacher she hit him")
    assert _flags(client, mother, north_sw) == [kais_view]
    # As the data was before: no case kept on the changes or the details.
    db.execute_query(
        "MATCH (f:Flag {id: $id}) REMOVE f.details_of WITH f "
        "MATCH (f)-[:REVISED]->(r) REMOVE r.through, r.details_of", id=raised["id"],
    )  # fmt: skip
    bump_revision(db)
    assert "Sam says" in str(_flags(client, mother, north_sw))  # read as Kai's words
    assert "004_flag_words_per_case" in run_migrations(neo4j_target)
    bump_revision(db)
    assert _flags(client, mother, north_sw) == [kais_view]
    assert _flags(client, mother, south) == [
        (None, "Sam says she visits drunk",
         [(None, None), ("Sam told his carer", None)], True)
    ]  # fmt: skip
    assert run_migrations(neo4j_target, again=False) == []


def test_a_flags_changes_are_in_the_order_they_were_made(api: TestClient, db: Driver) -> None:
    """The changes were ordered by their time as text, which Neo4j writes without a fraction's
    trailing zeros: a change at .12 s came after one at .123 s (a whole run's flaky test)."""
    w, north_sw, raised = _kais_flag(api, db)
    mother = w["family"].ids["mother"]
    for said in ("first", "second"):
        ok(api.patch(f"/flags/{raised['id']}", headers=north_sw.headers, json={"details": said}))
    db.execute_query(
        "MATCH (:Flag {id: $id})-[:REVISED]->(r) WITH r ORDER BY r.changed_at "
        "WITH collect(r) AS made WITH made[0] AS one, made[1] AS two "
        "SET one.changed_at = datetime('2026-01-01T00:00:00.12Z'), "
        "    two.changed_at = datetime('2026-01-01T00:00:00.123Z')", id=raised["id"],
    )  # fmt: skip
    bump_revision(db)
    kept = [c["details"] for f in ok(api.get(f"/people/{mother}/flags",
                                             headers=north_sw.headers))["data"]
            for c in f["content"]["changes"]]  # fmt: skip
    assert kept == ["Kai told his teacher she hit him", "first"]


# A court order's terms are the words of the case it was made through, as a flag's are.

TERMS = "No contact at Kai's school gates"


def _kais_order(client: TestClient, db: Driver) -> tuple[dict[str, Any], Actor, dict[str, Any]]:
    """An order between the father and mother Kai shares with Sam, made by Kai's social
    worker, in Kai's words."""
    w = two_teams(client, db)
    north_sw = add_user(client, "north.orders", "social_worker", "north")
    allocate(client, w["north"], w["kai"], north_sw)
    made = ok(client.post("/orders", headers=north_sw.headers, json={
        "kind": "non_molestation_order", "restricted_id": w["family"].ids["father"],
        "protected_id": w["family"].ids["mother"], "made_on": "2026-01-01", "terms": TERMS,
    }), 201)  # fmt: skip
    assert made["terms"] == TERMS
    return w, north_sw, made


def _orders_seen(client: TestClient, young: str, actor: Actor) -> list[tuple[str, str | None]]:
    found = ok(client.get(f"/young-people/{young}/safeguarding", headers=actor.headers,
                          params={"max_steps": 2}))  # fmt: skip
    return sorted({(o["id"], o["terms"]) for r in found["flagged_in_network"]
                   for o in r["orders"]})  # fmt: skip


def test_an_orders_terms_are_the_case_that_made_it(api: TestClient, db: Driver) -> None:
    """A second reader: an order made through Kai's case, between adults Sam's case holds too,
    gave Sam's social worker its terms in full ("no contact at Kai's school"). Sam's case learns
    that the order exists, its kind and dates, and whom to ask."""
    client = api
    w, north_sw, made = _kais_order(client, db)
    kai, sam = w["kai"], w["sam"]
    assert _orders_seen(client, kai, north_sw) == [(made["id"], TERMS)]
    south = w["sam_worker"]
    (seen,) = _orders_seen(client, sam, south)
    assert seen[0] == made["id"]
    assert seen[1] == "withheld: made through another case (ask the manager of team north)"
    # A worker of both cases reads it through Sam's case as Sam's case does.
    both = add_user(client, "both.orders", "social_worker", "south")
    allocate(client, w["north"], kai, both)
    allocate(client, w["south"], sam, both)
    assert _orders_seen(client, kai, both) == [(made["id"], TERMS)]
    assert "Kai" not in str(_orders_seen(client, sam, both))


def test_an_order_is_ended_through_the_case_that_made_it(api: TestClient, db: Driver) -> None:
    """A second reader: Sam's social worker ended Kai's order ("recorded in error"), and Kai's
    event then took the father as a guest. As for a flag, another case that holds both people is
    refused (403, on the trail of the case whose order it is)."""
    client = api
    w, north_sw, made = _kais_order(client, db)
    south = w["sam_worker"]
    path = f"/orders/{made['id']}"
    end = {"until": "2025-12-31", "reason": "recorded in error"}
    refused = client.patch(path, headers=south.headers, json=end)
    assert refused.status_code == 403, refused.text
    assert "Kai" not in refused.text
    trail = ok(client.get("/audit", headers=w["north"].headers,
                          params={"young_person_id": w["kai"]}))["data"]  # fmt: skip
    assert any(e["action"] == "update_order" and e["outcome"] == "refused" for e in trail)
    assert _orders_seen(client, w["kai"], north_sw) == [(made["id"], TERMS)]
    ended = ok(client.patch(path, headers=north_sw.headers, json=end))
    assert ended["until"] == "2025-12-31"


def test_orders_made_before_their_case_was_kept_are_given_it_from_the_trail(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    client = api
    w, north_sw, made = _kais_order(client, db)
    db.execute_query("MATCH ()-[o:RESTRICTED_BY_ORDER]->() REMOVE o.made_in")
    bump_revision(db)
    # As the data was before: every holding case's words.
    assert _orders_seen(client, w["sam"], w["sam_worker"]) == [(made["id"], TERMS)]
    assert "006_orders_made_through_a_case" in run_migrations(neo4j_target)
    bump_revision(db)
    assert "Kai" not in str(_orders_seen(client, w["sam"], w["sam_worker"]))
    assert _orders_seen(client, w["kai"], north_sw) == [(made["id"], TERMS)]
    assert run_migrations(neo4j_target, again=False) == []


def test_an_order_made_by_a_worker_of_two_cases_names_its_case(api: TestClient, db: Driver) -> None:
    """A second reader: a worker of both Kai's and Sam's cases made an order between the parents,
    and it became the case's first by id, whose workers alone could end it; the worker's own
    words were withheld from them through the other. Several cases holding both: name one
    (422 otherwise), as for a flag; an order protecting a young person is their own case's."""
    client = api
    w = two_teams(client, db)
    kai, sam, ids = w["kai"], w["sam"], w["family"].ids
    both = add_user(client, "both.makes", "social_worker", "south")
    allocate(client, w["north"], kai, both)
    allocate(client, w["south"], sam, both)
    order = {"kind": "non_molestation_order", "restricted_id": ids["father"],
             "protected_id": ids["mother"], "made_on": "2026-01-01", "terms": TERMS}  # fmt: skip
    unnamed = client.post("/orders", headers=both.headers, json=order)
    assert unnamed.status_code == 422, unnamed.text
    made = ok(client.post("/orders", headers=both.headers, json=order,
                          params={"young_person_id": kai}), 201)  # fmt: skip
    assert _orders_seen(client, kai, both) == [(made["id"], TERMS)]
    assert "Kai" not in str(_orders_seen(client, sam, w["sam_worker"]))
    # Named, a case that does not hold both is no case for it.
    cleo = client.post("/orders", headers=both.headers, json=order,
                       params={"young_person_id": w["cleo"]})  # fmt: skip
    assert cleo.status_code == 422, cleo.text
    # Protecting Sam: Sam's own case's, unnamed.
    about_sam = ok(client.post("/orders", headers=both.headers, json={
        **order, "protected_id": sam, "terms": "No contact with Sam"}), 201)  # fmt: skip
    rows = db.execute_query("MATCH ()-[o:RESTRICTED_BY_ORDER {id: $id}]->() RETURN o.made_in AS c",
                            id=about_sam["id"]).records  # fmt: skip
    assert rows[0]["c"] == sam


def test_an_order_whose_case_took_a_person_out_is_ended_by_the_cases_holding_both(
    api: TestClient, db: Driver
) -> None:
    """A second reader: Kai's case took the father out, and nobody could end Kai's order (404
    for Kai's workers, 403 for Sam's). As for a flag, the cases that hold both now may end it;
    its terms stay Kai's case's words; the reason is told to the other cases as dates only."""
    client = api
    w, north_sw, made = _kais_order(client, db)
    sam, father = w["sam"], w["family"].ids["father"]
    assert client.delete(f"/people/{father}", headers=north_sw.headers).status_code == 204
    assert "Kai" not in str(_orders_seen(client, sam, w["sam_worker"]))
    ended = client.patch(
        f"/orders/{made['id']}",
        headers=w["sam_worker"].headers,
        json={"until": "2026-06-30", "reason": "Sam said dad moved to Leeds"},
    )
    assert ended.status_code == 200, ended.text


def test_the_reason_an_order_ended_stays_with_its_case(api: TestClient, db: Driver) -> None:
    """A second reader: Kai's worker ended the order "Kai told his teacher ...", and Sam's
    team read it on Sam's trail. Sam's trail is told the dates."""
    client = api
    w, north_sw, made = _kais_order(client, db)
    ok(
        client.patch(
            f"/orders/{made['id']}",
            headers=north_sw.headers,
            json={"until": "2026-12-31", "reason": "Kai told his teacher dad moved"},
        )
    )
    for manager, case, seen in ((w["north"], w["kai"], True), (w["south"], w["sam"], False)):
        trail = ok(client.get("/audit", headers=manager.headers,
                              params={"young_person_id": case}))["data"]  # fmt: skip
        said = [e["reason"] for e in trail if e["action"] == "order.update"]
        assert any("until none -> 2026-12-31" in r for r in said), (case, said)
        assert any("teacher" in r for r in said) is seen, (case, said)


def test_the_migration_takes_a_case_from_the_trail_only_if_it_holds_both(
    api: TestClient, db: Driver, neo4j_target: Target
) -> None:
    """A second reader: for a while `order.create` was written under the protected person's
    first case, which need not hold the restricted person; taken as the order's case, the
    order could be ended by nobody. Such an order keeps no case."""
    client = api
    w, north_sw, made = _kais_order(client, db)
    db.execute_query("MATCH ()-[o:RESTRICTED_BY_ORDER]->() REMOVE o.made_in")
    db.execute_query("MATCH (e:AuditEvent {action: 'order.create'}) SET e.young_person_id = $c",
                     c=w["cleo"])  # fmt: skip
    # Cleo's case holds the mother and not the father.
    db.execute_query("MATCH (:Person {id: $f})-[n:IN_NETWORK_OF]->(:YoungPerson {id: $c}) "
                     "DELETE n", f=w["family"].ids["father"], c=w["cleo"])  # fmt: skip
    held = db.execute_query(
        "MATCH (p:Person {id: $m})-[:IN_NETWORK_OF]->(:YoungPerson {id: $c}) RETURN count(*) AS n",
        m=w["family"].ids["mother"],
        c=w["cleo"],
    )
    assert held.records[0]["n"] == 1
    assert "006_orders_made_through_a_case" in run_migrations(neo4j_target)
    rows = db.execute_query("MATCH ()-[o:RESTRICTED_BY_ORDER]->() RETURN o.made_in AS c").records
    assert [r["c"] for r in rows] == [None]
    ok(client.patch(f"/orders/{made['id']}", headers=north_sw.headers,
                    json={"until": "2026-12-31", "reason": "Discharged"}))  # fmt: skip
