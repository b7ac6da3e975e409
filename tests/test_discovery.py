"""Suggestions and the timeline, through the real API on purpose-built cases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from tests.cases import ADMIN_TOKEN, Case, Family, add_user, allocate, ok, open_case
from tests.conftest import Target, app_client, settings_for


@pytest.fixture
def case(db: Driver, neo4j_target: Target) -> Iterator[Case]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        manager = add_user(client, "manager1", "manager")
        coordinator = add_user(client, "coordinator1", "coordinator")
        social_worker = add_user(client, "social.worker1", "social_worker")
        young_person = open_case(client, manager)
        allocate(client, manager, young_person, coordinator)
        f = Family(client, coordinator.headers, young_person)
        f.people(mum="female", gran="female", aunt="female", cousin="male", dad="male",
                 uncle="male", carer="female", friend="female", head="male")  # fmt: skip
        f.person("late_aunt", "female", death_date="2020")
        f.child("mum", "me")
        f.child("dad", "me")
        for child in ("mum", "aunt", "late_aunt"):
            f.child("gran", child)
        f.child("aunt", "cousin")
        f.link("sibling", "dad", "uncle")
        f.link("trusted_adult", "carer", "me", role="foster_carer", since="2020",
               until="2023-06", strength="strong")  # fmt: skip
        f.link("trusted_adult", "friend", "me", role="family_friend", since="2015",
               until="2024-01", strength="tenuous", stressful=True)  # fmt: skip
        yield Case(f, client, coordinator, social_worker, manager)


def test_suggestions_are_ranked_with_reasons_and_respect_wishes(case: Case) -> None:
    f = case.family
    base = f"/young-people/{f.young_person_id}"
    entry = {"kind": "school", "title": "Oakfield Primary", "place": "Leeds", "since": "2018-09",
             "until": "2024-07", "people": [f.ids["head"]]}  # fmt: skip
    ok(case.client.post(f"{base}/timeline", headers=case.coordinator.headers, json=entry), 201)
    case.connect("mum")
    case.wish(person_id=f.ids["cousin"], wish="never")
    found = ok(case.client.get(f"{base}/suggestions", headers=case.coordinator.headers))["data"]
    names = {v: k for k, v in f.ids.items()}
    got = [(names.get(s["person_id"], s["person_id"]), s["kind"], s["score"]) for s in found]
    assert got == [
        ("dad", "relative", 90),
        ("carer", "former_trusted_adult", 85),
        ("gran", "relative", 80),
        ("aunt", "relative", 70),
        ("uncle", "relative", 70),  # known only by a sibling tie with dad
        ("head", "timeline", 70),
        ("dad", "gap", 50),
        ("dad", "gap", 50),
        ("mum", "gap", 50),
        ("gran", "gap", 40),
        ("gran", "gap", 40),
        ("friend", "former_trusted_adult", 35),  # a stressful tie ranks low
    ]
    reasons = [s["reason"] for s in found]
    assert reasons[0] == "father, living, not yet approached"
    assert reasons[1].startswith("former foster carer until 2023-06 (strong tie)")
    assert reasons[5] == "named in the timeline: Oakfield Primary (2018-09 to 2024-07)"
    assert "Find the maternal grandfather" in reasons[8]
    # Never on the paternal side: dad, his brother and the unknown paternal grandparents go.
    case.wish(side="paternal", wish="never")
    found = ok(case.client.get(f"{base}/suggestions", headers=case.coordinator.headers))["data"]
    assert {names.get(s["person_id"]) for s in found} == {
        "carer",
        "gran",
        "aunt",
        "head",
        "mum",
        "friend",
    }
    # Their wish about one person holds over their wish about that person's side, here as when
    # the connection is moved (service.workflow.effective_wish): "not Dad's side, but my uncle".
    case.wish(person_id=f.ids["uncle"], wish="want_contact")
    found = ok(case.client.get(f"{base}/suggestions", headers=case.coordinator.headers))["data"]
    suggested = {names.get(s["person_id"]) for s in found}
    assert "uncle" in suggested
    assert "dad" not in suggested


def test_timeline_is_in_order_and_checks_people(case: Case) -> None:
    f = case.family
    path = f"/young-people/{f.young_person_id}/timeline"
    for body in (
        {"kind": "placement", "title": "With Ms Carer", "since": "2020-03", "until": "2023-06",
         "people": [f.ids["carer"], f.ids["carer"]]},
        {"kind": "lived", "title": "Home with mum and dad", "place": "Leeds", "since": "2012"},
        {"kind": "event", "title": "Came into care", "since": "2020-03-01"},
    ):  # fmt: skip
        ok(case.client.post(path, headers=case.coordinator.headers, json=body), 201)
    entries = ok(case.client.get(path, headers=case.coordinator.headers))["data"]
    assert [e["title"] for e in entries] == [
        "Home with mum and dad",
        "With Ms Carer",
        "Came into care",
    ]
    assert entries[1]["people"] == [{"person_id": f.ids["carer"], "name": "carer Test"}]
    # Named as everywhere else, with the name they are known by (a second reader: the book's
    # "Your story so far" left it out).
    patch = {"known_as": "Cee"}
    ok(case.client.patch(f"/people/{f.ids['carer']}", headers=case.coordinator.headers,
                         params={"young_person_id": f.young_person_id}, json=patch))  # fmt: skip
    entries = ok(case.client.get(path, headers=case.coordinator.headers))["data"]
    assert entries[1]["people"] == [{"person_id": f.ids["carer"], "name": "carer Test (Cee)"}]
    bad = {"kind": "school", "title": "X", "since": "2020", "until": "2019"}
    assert case.client.post(path, headers=case.coordinator.headers, json=bad).status_code == 422
    # What happened: an entry cannot start in the future (one "since 2099" was printed in the
    # journey book); its end may be planned.
    later = {"kind": "lived", "title": "X", "since": "2099"}
    assert case.client.post(path, headers=case.coordinator.headers, json=later).status_code == 422
    planned = {"kind": "placement", "title": "Y", "since": "2024", "until": "2099"}
    ok(case.client.post(path, headers=case.coordinator.headers, json=planned), 201)
    stranger = {"kind": "event", "title": "X", "since": "2020", "people": ["no-such-person"]}
    assert (
        case.client.post(path, headers=case.coordinator.headers, json=stranger).status_code == 422
    )


def test_relatives_through_a_partnership_come_after_those_as_close_by_birth(case: Case) -> None:
    """A second reader: the mother's partner scored as the birth father, and the aunt's wife as
    the birth aunt. Relatives through a partnership come after the birth relatives as close
    (and before those a generation further); adoptive family is family."""
    f = case.family
    f.people(stepdad="male", aunts_wife="female", adopted="male")
    f.partners("mum", "stepdad", kind="married")
    f.partners("aunt", "aunts_wife", kind="civil_partnership")
    f.child("gran", "adopted", kind="adoptive")
    found = ok(case.client.get(f"/young-people/{f.young_person_id}/suggestions",
                               headers=case.coordinator.headers))["data"]  # fmt: skip
    names = {v: k for k, v in f.ids.items()}
    scores = {names[s["person_id"]]: s["score"] for s in found if s["kind"] == "relative"}
    assert scores["dad"] > scores["stepdad"] > scores["gran"]
    assert scores["aunt"] == scores["adopted"] > scores["aunts_wife"] > scores["cousin"]
