"""What a safety flag says in its own words (source, details, each change and why) is the case's
it was raised under: another case that holds the same person learns that it exists, its kind,
level and dates, and whom to ask. Pure (`flags.as_seen`) and through the API, against a real
Neo4j."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from service.data.flags import as_seen
from tests.cases import add_user, allocate, ok, two_teams

ROW = {
    "id": "f1", "status": "active", "person_id": "p1", "ask": "Ann, team north",
    "raised_in": "kai",
    "content": {"kind": "allegation", "level": 3, "source": "Said by Kai at school",
                "details": "Kai told his teacher", "raised_on": "2026-01-02",
                "review_on": "2026-07-02", "expires_on": None,
                "changes": [{"changed": ["details"], "reason": "Kai said more"}]},
}  # fmt: skip


def test_a_flag_of_another_case_says_what_it_is_and_whom_to_ask_not_its_words() -> None:
    seen = as_seen(ROW, ("sam", "cleo"))
    assert "raised_in" not in seen
    assert seen["ask"] == "Ann, team north"
    assert seen["content"] == {
        "kind": "allegation", "level": 3, "source": None, "details": None,
        "raised_on": "2026-01-02", "review_on": "2026-07-02", "expires_on": None,
        "changes": [], "withheld": True,
    }  # fmt: skip
    # Through the case it was raised under: all of it.
    assert as_seen(ROW, ("sam", "kai"))["content"] == ROW["content"]
    # A flag of no case (raised before cases were recorded on flags, or its case has taken the
    # person out) is every holding case's.
    assert as_seen({**ROW, "raised_in": None}, ("sam",))["content"] == ROW["content"]
    # A coordinator's flag has no content to withhold.
    assert as_seen({**ROW, "content": None}, ("sam",))["content"] is None


def _words(found: dict[str, Any]) -> tuple[Any, ...]:
    content = found["content"]
    return (
        content["source"],
        content["details"],
        len(content["changes"]),
        content.get("withheld", False),
    )


def test_another_case_holding_the_person_is_told_whom_to_ask_not_what_the_flag_says(
    api: TestClient, db: Driver
) -> None:
    """Kai's social worker raises a flag on the mother Kai shares with Sam, in Kai's words ("Kai
    told his teacher"). Sam's social worker read those words on the flag, on the mother and in
    Sam's safeguarding: Kai's disclosure, read by another team (a second reader's review of what
    a shared person shows)."""
    client = api
    w = two_teams(client, db)
    kai, sam, mother = w["kai"], w["sam"], w["family"].ids["mother"]
    north_sw = add_user(client, "north.social", "social_worker", "north")
    allocate(client, w["north"], kai, north_sw)
    body = {"kind": "allegation", "level": 3, "source": "Disclosure at school",
            "details": "Kai told his teacher she hit him"}  # fmt: skip
    raised = ok(client.post(f"/people/{mother}/flags", headers=north_sw.headers, json=body), 201)
    ok(client.patch(f"/flags/{raised['id']}", headers=north_sw.headers,
                    json={"details": "Kai told his teacher again"}))  # fmt: skip
    own = ok(client.get(f"/people/{mother}/flags", headers=north_sw.headers))["data"]
    assert [_words(f) for f in own] == [
        ("Disclosure at school", "Kai told his teacher again", 1, False)
    ]

    south = w["sam_worker"]
    listed = ok(client.get(f"/people/{mother}/flags", headers=south.headers))["data"]
    assert [_words(f) for f in listed] == [(None, None, 0, True)]
    assert [(f["content"]["kind"], f["content"]["level"]) for f in listed] == [("allegation", 3)]
    assert listed[0]["ask"] == own[0]["ask"]
    assert "team north" in own[0]["ask"]
    person = ok(client.get(f"/people/{mother}", headers=south.headers))
    assert [_words(f) for f in person["flags"]] == [(None, None, 0, True)]
    changed = ok(client.patch(f"/people/{mother}", headers=south.headers,
                              json={"notes": "Seen at the contact centre"},
                              params={"young_person_id": sam}))  # fmt: skip
    assert [_words(f) for f in changed["flags"]] == [(None, None, 0, True)]
    guarding = client.get(f"/young-people/{sam}/safeguarding", headers=south.headers)
    assert guarding.status_code == 200, guarding.text
    flagged = {r["person_id"]: r for r in guarding.json()["flagged_in_network"]}
    assert [_words(f) for f in flagged[mother]["flags"]] == [(None, None, 0, True)]
    for text in (guarding.text, str(listed), str(person)):
        assert "teacher" not in text
        assert "Disclosure" not in text
    # Kai's own safeguarding gives them in full (a chain's flags without their changes).
    kais = ok(client.get(f"/young-people/{kai}/safeguarding", headers=north_sw.headers))
    flagged = {r["person_id"]: r for r in kais["flagged_in_network"]}
    assert [_words(f) for f in flagged[mother]["flags"]] == [
        ("Disclosure at school", "Kai told his teacher again", 0, False)
    ]

    # A worker allocated to both cases reads the words through the mother's flags.
    both = add_user(client, "both.social", "social_worker", "north")
    allocate(client, w["north"], kai, both)
    allocate(client, w["south"], sam, both)
    assert [_words(f) for f in ok(client.get(f"/people/{mother}/flags",
                                             headers=both.headers))["data"]] == [
        ("Disclosure at school", "Kai told his teacher again", 1, False)
    ]  # fmt: skip

    # Once Kai's case takes the mother out, the flag is no case's: the cases holding her read
    # it (and may change it, as before).
    db.execute_query(
        "MATCH (:Person {id: $mother})-[r:IN_NETWORK_OF]->(:YoungPerson {id: $kai}) DELETE r",
        mother=mother, kai=kai,
    )  # fmt: skip
    listed = ok(client.get(f"/people/{mother}/flags", headers=south.headers))["data"]
    assert [_words(f) for f in listed] == [
        ("Disclosure at school", "Kai told his teacher again", 1, False)
    ]
