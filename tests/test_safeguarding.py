"""Safeguarding links, households and court orders through the real API on a real Neo4j."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from service.data.safeguarding import _chains_to, withheld
from tests.cases import ADMIN_TOKEN, Case, built_once, ok, rules, staffed_case
from tests.conftest import Target, app_client, settings_for


def _family_case(client: TestClient) -> Case:
    case = staffed_case(client)
    f = case.family
    f.people(mum="female", gran="female", grandad="male", aunt="female", uncle="male",
             lee="male", lodger="male", far1="male", far2="female", far3="male")  # fmt: skip
    f.child("mum", "me")
    for child in ("mum", "aunt", "uncle"):
        f.child("gran", child)
        f.child("grandad", child)
    f.partners("aunt", "lee", kind="cohabiting")
    return case


@pytest.fixture
def case(db: Driver, neo4j_target: Target) -> Iterator[Case]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        yield built_once(_family_case, client, db)


def home(case: Case, key: str, line1: str = "12 Mill Lane", postcode: str = "LS1 4AB") -> None:
    body = {"line1": line1, "town": "Leeds", "postcode": postcode, "since": "2024-01-01"}
    path = f"/people/{case.family.ids[key]}/addresses"
    assert case.client.post(path, headers=case.coordinator.headers, json=body).status_code == 204


def links(case: Case, actor: Any, **params: Any) -> dict[str, Any]:
    path = f"/young-people/{case.family.young_person_id}/safeguarding"
    found: dict[str, Any] = ok(case.client.get(path, headers=actor.headers, params=params))
    return found


def test_a_relatives_partner_is_one_step_away_and_explained(case: Case) -> None:
    case.flag("lee")
    ids = case.family.ids
    seen = links(case, case.social_worker)
    # Lee is the aunt's partner: a relative by marriage, so he is in the network itself.
    assert [p["person_id"] for p in seen["flagged_in_network"]] == [ids["lee"]]
    assert seen["flagged_in_network"][0]["term"].startswith("maternal uncle by marriage")
    assert seen["chains"] == []


def test_partners_and_other_parents_the_map_draws_as_family_are_in_the_network(
    case: Case,
) -> None:
    """A second reader: the young person's flagged partner, and the flagged father of a
    cousin, were on the map with their flags but not among the network's flagged people: the
    first only as the end of a chain, the second nowhere but inside chains."""
    f = case.family
    f.people(bf="male", cousin="female", cousindad="male")
    f.partners("me", "bf", kind="cohabiting")
    f.child("aunt", "cousin")
    f.child("cousindad", "cousin")
    case.flag("bf", level=2)
    case.flag("cousindad")
    seen = links(case, case.social_worker)
    terms = {p["person_id"]: p["term"] for p in seen["flagged_in_network"]}
    assert terms == {
        f.ids["bf"]: "partner bf Test",
        f.ids["cousindad"]: "father of the maternal first cousin cousindad Test",
    }
    assert seen["chains"] == []
    graph = ok(case.client.get(f"/young-people/{f.young_person_id}/graph",
                               headers=case.social_worker.headers))  # fmt: skip
    drawn = {n["id"] for n in graph["nodes"] if n["flags"]}
    assert drawn == set(terms)
    # The partner's son by a flagged former partner: on the map, a member, and the start of a
    # chain to his mother (a second reader: he was on no map, only inside a chain).
    f.people(bfkid="male", bfex="female")
    f.child("bf", "bfkid")
    f.child("bfex", "bfkid")
    case.flag("bfex")
    seen = links(case, case.social_worker)
    chains = [(c["start"], [s["relation"] for s in c["steps"]]) for c in seen["chains"]]
    assert chains == [("son of the partner bfkid Test", ["parent"])]
    graph = ok(case.client.get(f"/young-people/{f.young_person_id}/graph",
                               headers=case.social_worker.headers))  # fmt: skip
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert (nodes[f.ids["bfkid"]]["relation"], nodes[f.ids["bfkid"]]["group"]) == (
        "son of the partner", "other")  # fmt: skip
    assert f.ids["bfex"] not in nodes


def test_household_and_longer_chains_respect_max_steps(case: Case) -> None:
    ids = case.family.ids
    # grandad lives with a lodger; the lodger's brother (far1) is flagged: 2 steps. far1's
    # partner far2's son far3 has a court order: 4 steps.
    home(case, "grandad")
    home(
        case, "lodger", line1="12  mill lane", postcode="ls14ab"
    )  # the same address, typed loosely
    case.family.link("sibling", "lodger", "far1")
    case.family.partners("far1", "far2")
    case.family.child("far2", "far3")
    case.flag("far1")
    order = {"kind": "restraining_order", "restricted_id": ids["far3"],
             "protected_id": ids["mum"], "made_on": "2025-06-01"}  # fmt: skip
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=order), 201)

    worker = links(case, case.social_worker)
    assert [(c["steps"][-1]["person_id"], c["length"]) for c in worker["chains"]] == [
        (ids["far1"], 2)
    ]
    chain = worker["chains"][0]
    assert chain["start"] == "maternal grandfather grandad Test"
    assert [s["relation"] for s in chain["steps"]] == ["lives with", "sibling"]
    assert chain["explanation"] == (
        "maternal grandfather grandad Test -> lives with -> lodger Test -> sibling -> far1 Test "
        "(level 3: person posing a risk to children)"
    )
    coordinator = links(case, case.coordinator)
    seen = coordinator["chains"][0]
    assert "explanation" not in seen
    assert "content" not in seen["flags"][0]
    assert seen["summary"].endswith("(flagged: ask social.worker1, team north)")
    assert "risk" not in str(coordinator)

    far = links(case, case.social_worker, max_steps=4)
    # far2, far1's partner, is on the way to far3 but has neither flag nor order herself.
    assert [(c["steps"][-1]["person_id"], c["length"]) for c in far["chains"]] == [
        (ids["far1"], 2),
        (ids["far3"], 4),
    ]
    order_chain = far["chains"][-1]
    assert order_chain["summary"].endswith("(restraining order)")
    assert "terms" in order_chain["orders"][0]
    three = links(case, case.social_worker, max_steps=3)
    assert [c["length"] for c in three["chains"]] == [2]


def test_household_flags_and_orders_block_approval(case: Case) -> None:
    ids = case.family.ids
    gran, uncle = case.connect("gran"), case.connect("uncle")
    home(case, "gran")
    home(case, "lodger")
    case.flag("lodger")
    case.walk(gran, "awaiting_safety_check")
    assert rules(case.move(gran, case.social_worker, "approved")) == [("flagged", [ids["lodger"]])]
    order = {"kind": "restraining_order", "restricted_id": ids["uncle"],
             "protected_id": case.family.young_person_id, "made_on": "2025-01-10",
             "until": "2030-01-10", "terms": "No contact, direct or indirect"}  # fmt: skip
    made = case.client.post("/orders", headers=case.social_worker.headers, json=order)
    assert made.status_code == 201, made.text
    case.walk(uncle, "awaiting_safety_check")
    assert rules(case.move(uncle, case.social_worker, "approved")) == [
        ("court_order", [ids["uncle"]])
    ]
    seen = links(case, case.coordinator)
    assert [o["restricted_id"] for o in seen["kept_away"]] == [ids["uncle"]]
    assert "terms" not in seen["kept_away"][0]
    assert links(case, case.social_worker)["kept_away"][0]["terms"].startswith("No contact")
    refused = case.client.post("/orders", headers=case.coordinator.headers, json=order)
    assert refused.status_code == 403
    backwards = {**order, "until": "2020-01-01"}
    assert case.client.post("/orders", headers=case.social_worker.headers,
                            json=backwards).status_code == 422  # fmt: skip


def test_addresses_are_shown_only_to_roles_that_need_them(case: Case) -> None:
    home(case, "gran")
    path = f"/people/{case.family.ids['gran']}"
    seen = ok(case.client.get(path, headers=case.coordinator.headers))
    assert seen["address"]["postcode"] == "LS1 4AB"
    moved = {"line1": "3 New Road", "town": "York", "postcode": "YO1 1AA", "since": "2025-05-01"}
    assert case.client.post(f"{path}/addresses", headers=case.coordinator.headers,
                            json=moved).status_code == 204  # fmt: skip
    assert ok(case.client.get(path, headers=case.coordinator.headers))["address"]["town"] == "York"


def test_chains_of_one_and_three_steps(case: Case) -> None:
    ids = case.family.ids
    home(case, "grandad")
    home(case, "lodger")
    case.flag("lodger", level=1)
    case.family.link("sibling", "lodger", "far1")
    case.family.partners("far1", "far2")
    case.flag("far2", level=2)
    two = links(case, case.social_worker)
    assert [(c["steps"][-1]["person_id"], c["length"]) for c in two["chains"]] == [
        (ids["lodger"], 1)
    ]
    assert two["chains"][0]["explanation"] == (
        "maternal grandfather grandad Test -> lives with -> lodger Test "
        "(level 1: person posing a risk to children)"
    )
    three = links(case, case.social_worker, max_steps=3)
    assert [(c["steps"][-1]["person_id"], c["length"]) for c in three["chains"]] == [
        (ids["lodger"], 1),
        (ids["far2"], 3),
    ]
    assert [s["relation"] for s in three["chains"][1]["steps"]] == [
        "lives with",
        "sibling",
        "partner",
    ]
    # A household that has ended is no longer a link.
    moved = {"line1": "9 Far Away", "town": "Hull", "postcode": "HU1 1AA", "since": "2025-01-01"}
    path = f"/people/{ids['lodger']}/addresses"
    assert case.client.post(path, headers=case.coordinator.headers, json=moved).status_code == 204
    assert links(case, case.social_worker, max_steps=3)["chains"] == []


def test_a_home_recorded_late_takes_its_place_in_the_persons_history(
    case: Case, db: Driver
) -> None:
    """A worker catching up on where someone used to live records an earlier home: it ends
    where the next one begins, and the home they have now stays theirs (it was ended before it
    began, and the household link to a flagged lodger went with it). The same home sent again
    is not a second one."""
    ids = case.family.ids
    home(case, "grandad")
    home(case, "lodger")
    case.flag("lodger")
    before = links(case, case.social_worker, max_steps=1)["chains"]
    assert [(c["start_id"], [s["relation"] for s in c["steps"]]) for c in before] == [
        (ids["grandad"], ["lives with"])
    ]
    path = f"/people/{ids['grandad']}/addresses"
    for line1, postcode, since in (
        ("1 Old Road", "LS9 9ZZ", "2019-01-01"),
        ("12 Mill Lane", "LS1 4AB", "2024-06-01"),  # where he lives already
        ("5 Between Street", "LS8 8YY", "2021-03-01"),
    ):
        body = {"line1": line1, "town": "Leeds", "postcode": postcode, "since": since}
        assert (
            case.client.post(path, headers=case.coordinator.headers, json=body).status_code == 204
        )
    homes = db.execute_query(
        "MATCH (:Person {id: $id})-[l:LIVES_AT]->(a:Address) "
        "RETURN l.line1 AS line1, l.since AS since, l.until AS until ORDER BY l.since",
        id=ids["grandad"],
    ).records
    assert [tuple(r.values()) for r in homes] == [
        ("1 Old Road", "2019-01-01", "2021-03-01"),
        ("5 Between Street", "2021-03-01", "2024-01-01"),
        ("12 Mill Lane", "2024-01-01", None),
    ]
    assert links(case, case.social_worker, max_steps=1)["chains"] == before
    # The home sent again changed nothing: nothing recorded, no other case told.
    recorded = db.execute_query(
        "MATCH (e:AuditEvent {action: 'address.set', resource: $resource}) RETURN count(e) AS n",
        resource=f"person:{ids['grandad']}",
    ).records[0]["n"]
    assert recorded == 3


def test_every_member_linked_to_a_flagged_person_has_a_chain(case: Case) -> None:
    """Two ways to one flagged man: the uncle lives with him, and the grandfather lives with
    his brother. Both are listed, each by its own shortest chain; a longer way round through the
    uncle is the uncle's chain, not the grandfather's."""
    ids = case.family.ids
    home(case, "grandad")
    home(case, "lodger")
    home(case, "uncle", line1="4 Canal Street", postcode="LS2 7XY")
    home(case, "far1", line1="4 Canal Street", postcode="LS2 7XY")
    case.family.link("sibling", "lodger", "far1")
    case.flag("far1")
    seen = links(case, case.social_worker)
    assert [(c["start_id"], [s["relation"] for s in c["steps"]]) for c in seen["chains"]] == [
        (ids["uncle"], ["lives with"]),
        (ids["grandad"], ["lives with", "sibling"]),
    ]
    assert {c["steps"][-1]["person_id"] for c in seen["chains"]} == {ids["far1"]}
    assert seen["chains"][0]["explanation"] == (
        "maternal uncle uncle Test -> lives with -> far1 Test "
        "(level 3: person posing a risk to children)"
    )
    # Within one step only the uncle's household reaches him.
    one = links(case, case.social_worker, max_steps=1)
    assert [c["start_id"] for c in one["chains"]] == [ids["uncle"]]


def test_several_flags_on_one_person_come_in_order(case: Case) -> None:
    """On the person, the latest raised first; in safeguarding, the highest level first. (An
    ORDER BY after `RETURN f {...}` sorted by the map's keys, which hold neither.)"""
    lee = case.family.ids["lee"]
    for level, raised in ((1, "2026-01-05"), (3, "2025-06-01"), (2, "2026-03-10")):
        body = {"kind": "person_posing_risk_to_children", "level": level,
                "source": "Police disclosure", "raised_on": raised}  # fmt: skip
        ok(case.client.post(f"/people/{lee}/flags", headers=case.social_worker.headers,
                            json=body), 201)  # fmt: skip
    person = ok(case.client.get(f"/people/{lee}", headers=case.social_worker.headers))
    assert [f["content"]["raised_on"] for f in person["flags"]] == [
        "2026-03-10", "2026-01-05", "2025-06-01",
    ]  # fmt: skip
    (risk,) = links(case, case.social_worker)["flagged_in_network"]
    assert [f["content"]["level"] for f in risk["flags"]] == [3, 2, 1]


def test_a_partner_is_of_the_household_without_an_address(case: Case) -> None:
    """The aunt lives with her partner Lee (cohabiting), and neither has an address recorded:
    a level-3 flag on Lee held nothing back and blocked nothing, and the aunt went on to the
    event, the plan and the journey book, while /safeguarding listed him (a workflow reader).
    A current partner is of the household as someone at the same address is; a former one is
    not."""
    ids = case.family.ids
    aunt = case.connect("aunt")
    case.walk(aunt, "awaiting_safety_check", "approved", "young_person_agreed")
    raised = ok(case.client.post(f"/people/{ids['lee']}/flags", headers=case.social_worker.headers,
                                 json={"kind": "person_posing_risk_to_children", "level": 3,
                                       "source": "Police"}), 201)  # fmt: skip
    assert [h["connection_id"] for h in raised["held_back"]] == [aunt]
    assert rules(case.move(aunt, case.social_worker, "contacted")) == [("flagged", [ids["lee"]])]
    # Separated: no longer of her household.
    case.family.partners("uncle", "far2", kind="separated")
    case.flag("far2")
    uncle = case.connect("uncle")
    case.walk(uncle, "awaiting_safety_check")
    ok(case.move(uncle, case.social_worker, "approved"))
    # Nor is a late husband, whatever his flag (a second reader of the fix: a widow was held
    # back by it).
    ok(case.client.patch(f"/people/{ids['grandad']}", headers=case.coordinator.headers,
                         json={"death_date": "2015-04-02"}))  # fmt: skip
    case.family.partners("gran", "grandad", kind="married")
    case.flag("grandad")
    gran = case.connect("gran")
    case.walk(gran, "awaiting_safety_check")
    ok(case.move(gran, case.social_worker, "approved"))


def test_someone_who_has_died_lives_with_nobody_in_a_chain(case: Case) -> None:
    """A second reader: /safeguarding said the uncle "lives with" a level-3 lodger who had died,
    while his approval went through (the household rule leaves the dead out). A chain's
    household step is among the living, as the household is."""
    ids = case.family.ids
    home(case, "uncle")
    home(case, "lodger")
    case.flag("lodger")
    assert [c["start_id"] for c in links(case, case.social_worker)["chains"]] == [ids["uncle"]]
    ok(case.client.patch(f"/people/{ids['lodger']}", headers=case.coordinator.headers,
                         json={"death_date": "2025-06-01"}))  # fmt: skip
    assert links(case, case.social_worker)["chains"] == []
    uncle = case.connect("uncle")
    case.walk(uncle, "awaiting_safety_check")
    ok(case.move(uncle, case.social_worker, "approved"))


def test_a_young_persons_own_flag_keeps_no_one_from_them(case: Case) -> None:
    """The young person's own level-3 flag, living with their carer: their carer's approval was
    refused for it, and the flag held the carer back (a workflow reader). The young person is
    not of the risks of their own carer's household; someone else's flag there still is."""
    ids = case.family.ids
    home(case, "me")
    home(case, "far1")
    carer = case.connect("far1")
    case.walk(carer, "awaiting_safety_check")
    raised = ok(case.client.post(f"/people/{ids['me']}/flags", headers=case.social_worker.headers,
                                 json={"kind": "person_posing_risk_to_children", "level": 3,
                                       "source": "Police"}), 201)  # fmt: skip
    assert raised["held_back"] == []
    ok(case.move(carer, case.social_worker, "approved"))
    home(case, "lodger")
    case.flag("lodger")
    case.walk(carer, "young_person_agreed")
    assert rules(case.move(carer, case.social_worker, "contacted")) == [
        ("flagged", [ids["lodger"]])
    ]


def test_suggestions_leave_out_whom_a_flag_or_an_order_keeps_away(case: Case) -> None:
    """The uncle under a restraining order and the aunt whose partner has a level-3 flag were
    suggested as "not yet approached", first of their generation, though an approval would be
    refused and the journey book left them out (a workflow reader)."""
    ids, yp = case.family.ids, case.family.young_person_id

    def suggested() -> set[str]:
        found = ok(case.client.get(f"/young-people/{yp}/suggestions",
                                   headers=case.coordinator.headers))  # fmt: skip
        return {s["person_id"] for s in found["data"]}

    assert {ids["uncle"], ids["aunt"], ids["gran"]} <= suggested()
    order = {"kind": "restraining_order", "restricted_id": ids["uncle"], "protected_id": yp,
             "made_on": "2025-01-10"}  # fmt: skip
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=order), 201)
    case.flag("lee")
    now = suggested()
    assert ids["uncle"] not in now
    assert ids["aunt"] not in now
    assert ids["gran"] in now


def test_an_order_ends_when_the_court_says_with_a_reason_kept(case: Case, db: Driver) -> None:
    """A second reader: an order recorded against the wrong relative, or discharged early,
    could never be changed: it kept the uncle out of suggestions and chains and held back his
    approval until its end date. Its end is now set, with a reason (an order recorded in error
    ends the day before it was made), by those who decide on contact; what it said before is
    kept on it, and the change is on the trail."""
    ids, yp = case.family.ids, case.family.young_person_id
    order = {"kind": "restraining_order", "restricted_id": ids["uncle"], "protected_id": yp,
             "made_on": "2025-01-10", "until": "2027-01-10"}  # fmt: skip
    made = ok(case.client.post("/orders", headers=case.social_worker.headers, json=order), 201)
    path = f"/orders/{made['id']}"
    uncle = case.connect("uncle")
    case.walk(uncle, "awaiting_safety_check")
    assert rules(case.move(uncle, case.social_worker, "approved"))[0][0] == "court_order"
    for body, status in (
        ({"until": "2025-01-10"}, 422),  # no reason
        ({"until": "2025-01-08", "reason": "x"}, 422),  # before it was made
        ({"until": "2025-01-09", "reason": "Recorded in error"}, 200),
    ):
        answer = case.client.patch(path, headers=case.social_worker.headers, json=body)
        assert answer.status_code == status, (body, answer.text)
    assert answer.json()["until"] == "2025-01-09"
    assert (
        case.client.patch(
            path, headers=case.coordinator.headers, json={"until": "2026-01-01", "reason": "x"}
        ).status_code
        == 403
    )
    assert (
        case.client.patch(
            "/orders/no-such-order",
            headers=case.social_worker.headers,
            json={"until": "2026-01-01", "reason": "x"},
        ).status_code
        == 404
    )
    # No longer in force: the uncle may be approved, and no chain or hold names the order.
    ok(case.move(uncle, case.social_worker, "approved"))
    found = links(case, case.social_worker)
    assert made["id"] not in str(found)
    kept = db.execute_query(
        "MATCH ()-[o:RESTRICTED_BY_ORDER {id: $id}]->() RETURN o.changes AS changes", id=made["id"]
    ).records[0]["changes"]
    [change] = [json.loads(c) for c in kept]
    assert (change["until"], change["reason"]) == ("2027-01-10", "Recorded in error")
    assert change["by"] == case.social_worker.user_id
    trail = ok(case.client.get("/audit", headers=case.manager.headers,
                               params={"young_person_id": yp}))["data"]  # fmt: skip
    assert [e["reason"] for e in trail if e["action"] == "order.update"] == [
        "until 2027-01-10 -> 2025-01-09: Recorded in error"
    ]


def test_a_chain_avoids_another_cases_child_only_when_as_short() -> None:
    """Pure: of the mother's chains to a flagged man, one through her son in care (another
    case's, 2 ties) and one avoiding him: the avoiding one when as short; when longer, the
    short one, cut at the child (a second reader: a 4-tie chain hid that the concern was 2
    away, and whom to ask)."""
    incoming: dict[str, set[tuple[str, str]]] = {}

    def tie(a: str, b: str, how: str = "knows") -> None:
        incoming.setdefault(b, set()).add((a, how))

    tie("M", "C", "child")
    tie("C", "T", "lives with")
    names = {"a": "A", "b": "B", "c": "C", "T": "Tom", "X": "Xavier"}
    for a, b in (("M", "a"), ("a", "b"), ("b", "c"), ("c", "T")):
        tie(a, b)
    network, children = {"M": "mother"}, {"C": "south"}
    for steps in (2, 3, 4):
        [(start, chain, cut, _)] = _chains_to("T", incoming, network, names, children, steps)
        assert (start, len(chain), cut) == (
            "M",
            1,
            "a concern is recorded beyond them: ask the manager of team south",
        ), steps
        assert chain[0].person_id is None
    # As short: the chain avoiding the child.
    tie("M", "X", "partner")
    tie("X", "T", "lives with")
    [(start, chain, cut, _)] = _chains_to("T", incoming, network, names, children, 2)
    assert (start, [s.name for s in chain], cut) == ("M", ["Xavier", "Tom"], None)


def test_a_step_into_a_household_of_another_case_is_sealed() -> None:
    """Pure: the mother lives with Tom, whom only another case holds (a sealed step): the
    chain says someone living there and whom to ask, never his name or id; beyond him, that a
    concern is recorded beyond them. A chain as short by a tie names him."""
    incoming: dict[str, set[tuple[str, str]]] = {}

    def tie(a: str, b: str, how: str) -> None:
        incoming.setdefault(b, set()).add((a, how))

    names = {"T": "Tom", "B": "Ben", "X": "Xavier"}
    network = {"M": "mother"}
    tie("M", "T", "lives with")
    tie("T", "B", "sibling")
    south = "the manager of team south"
    sealed = {("M", "T", "lives with"): (south, f"someone living there (ask {south})")}
    [(_, chain, cut, _)] = _chains_to("T", incoming, network, names, {}, 2, sealed)
    assert [(s.person_id, s.name) for s in chain] == [
        (None, "someone living there (ask the manager of team south)")
    ]
    assert cut == "a concern is recorded: ask the manager of team south"
    [(_, chain, cut, _)] = _chains_to("B", incoming, network, names, {}, 2, sealed)
    assert [s.person_id for s in chain] == [None]
    assert cut == "a concern is recorded beyond them: ask the manager of team south"
    # Without the seal (the case holds Tom), he and his brother are named.
    [(_, chain, cut, _)] = _chains_to("B", incoming, network, names, {}, 2, {})
    assert ([s.name for s in chain], cut) == (["Tom", "Ben"], None)
    # Two chains as short to Tom: through the mother's partner Xavier, who lives with him (a
    # sealed step), and through her sister Sue, his sister: the one named all the way.
    incoming.clear()
    names["P"] = "Xavier"  # sorted before Sue: the first taken were the seal not avoided
    tie("M", "P", "partner")
    tie("P", "T", "lives with")
    south = "the manager of team south"
    sealed = {("P", "T", "lives with"): (south, f"someone living there (ask {south})")}
    [(_, chain, cut, _)] = _chains_to("T", incoming, network, names, {}, 2, sealed)
    assert ([s.name for s in chain], cut) == (
        ["Xavier", "someone living there (ask the manager of team south)"],
        "a concern is recorded: ask the manager of team south",
    )
    names["S"] = "Sue"
    tie("M", "S", "sibling")
    tie("S", "T", "sibling")
    [(_, chain, cut, _)] = _chains_to("T", incoming, network, names, {}, 2, sealed)
    assert ([s.name for s in chain], cut) == (["Sue", "Tom"], None)


def test_whom_a_chain_may_name_is_decided_by_the_cases_that_hold_them() -> None:
    """Whoever this case holds, or took out while no other case holds them; never someone
    another case holds, nor someone only other cases took out. Someone no case holds: by a
    tie, named; into a household, not."""
    kai, sam = ("yp-kai", "north"), ("yp-sam", "south")
    held = {
        "this case": [[*kai, True]],
        "taken out by this case": [[*kai, False]],
        "this case and another": [[*sam, True], [*kai, True]],
        "taken out by this case, held by another": [[*kai, False], [*sam, True]],
        "taken out by this case and another": [[*kai, False], [*sam, False]],
        "no case": [],
        "another case": [[*sam, True]],
        "taken out by another case": [[*sam, False]],
        "two other cases": [["yp-x", "west", True], [*sam, True], ["yp-y", "south", False]],
    }
    by_tie = {who: withheld("child", cases, "yp-kai") for who, cases in held.items()}
    assert by_tie == {
        "this case": None, "taken out by this case": None, "this case and another": None,
        "taken out by this case, held by another": ["south"],
        "taken out by this case and another": None, "no case": None,
        "another case": ["south"], "taken out by another case": ["south"],
        "two other cases": ["south", "west"],
    }  # fmt: skip
    # Into a household, only whom this case holds (a fourth reader: one it had taken out was
    # named through a household).
    at_home = {who: withheld("lives with", cases, "yp-kai") for who, cases in held.items()}
    assert at_home == {**by_tie, "no case": [], "taken out by this case": [],
                       "taken out by this case and another": ["south"]}  # fmt: skip


def test_a_case_lists_the_flags_due_for_review_in_its_network(case: Case) -> None:
    """A flag past its expiry date stayed active and holding people back, and nothing listed
    it, nor one whose review date had come. The case's social worker and manager get the
    active flags on the young person and their network that are due, the longest due first;
    not one still to be reviewed, nor one closed, nor one on someone the case took out; a
    coordinator does not (what a flag says, and its dates, are for those who decide)."""
    f, client = case.family, case.client
    yp = f.young_person_id
    today = date.today()

    def raise_on(key: str, **dates: str) -> str:
        body = {"kind": "allegation", "level": 2, "source": "Police", **dates}
        made = ok(client.post(f"/people/{f.ids[key]}/flags",
                              headers=case.social_worker.headers, json=body), 201)  # fmt: skip
        return str(made["id"])

    def ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    expired = raise_on("gran", raised_on=ago(400), review_on=ago(10), expires_on=ago(30))
    review = raise_on("mum", raised_on=ago(200), review_on=ago(20))
    raise_on("aunt", raised_on=ago(10))  # reviewed six months on: not due
    closed = raise_on("uncle", raised_on=ago(300), review_on=ago(100))
    ok(client.patch(f"/flags/{closed}", headers=case.social_worker.headers,
                    json={"status": "withdrawn", "reason": "Police dropped it"}))  # fmt: skip
    out = raise_on("lodger", raised_on=ago(300), review_on=ago(200))
    ok(client.post(f"/young-people/{yp}/connections", headers=case.coordinator.headers,
                   json={"person_id": f.ids["lodger"]}), 201)  # fmt: skip
    gone = client.delete(f"/people/{f.ids['lodger']}", headers=case.coordinator.headers)
    assert gone.status_code == 204, gone.text
    path = f"/young-people/{yp}/flags/due"
    for actor in (case.social_worker, case.manager):
        listed = ok(client.get(path, headers=actor.headers))
        assert [(d["id"], d["due"], d["due_on"]) for d in listed["data"]] == [
            (expired, "expired", ago(30)), (review, "review", ago(20))]  # fmt: skip
        assert listed["data"][0]["person_id"] == f.ids["gran"]
        assert listed["data"][0]["content"]["source"] == "Police"
        assert out not in str(listed)
    assert client.get(path, headers=case.coordinator.headers).status_code == 403
    trail = ok(client.get("/audit", headers=case.manager.headers,
                          params={"young_person_id": yp}))["data"]  # fmt: skip
    reads = [(e["action"], e["outcome"]) for e in trail if e["action"] == "read_flags_due"]
    assert reads == [("read_flags_due", "allowed")] * 2


def test_a_parent_link_is_said_by_its_kind(case: Case) -> None:
    """A second reader: a chain said "parent" for a foster carer and a step-mother, which a
    social worker reads as a birth parent. A parent link is said by its kind."""
    f = case.family
    f.child("uncle", "far1", kind="foster")
    f.child("far2", "far1", kind="step")
    f.child("far3", "far2", kind="adoptive")
    case.flag("far3")
    [chain] = links(case, case.social_worker, max_steps=3)["chains"]
    assert [s["relation"] for s in chain["steps"]] == [
        "foster child", "step-parent", "adoptive parent"]  # fmt: skip
    assert chain["summary"].startswith(
        "maternal uncle uncle Test -> foster child -> far1 Test -> step-parent -> far2 Test -> "
        "adoptive parent -> far3 Test")  # fmt: skip


def test_a_partner_whose_status_is_not_recorded_is_of_the_household(case: Case) -> None:
    """A family tree file's couple with no marriage, divorce or end is recorded with their
    status not known (`unknown`), not as living together; for safety they count as a current
    partnership until a worker records whether they are together: a flag on him holds her
    back, and he is her partner, not her former one."""
    ids = case.family.ids
    case.family.partners("uncle", "far1", kind="unknown")
    terms = case.family.terms()
    assert terms["far1"][0] == "maternal uncle by marriage", terms
    uncle = case.connect("uncle")
    case.walk(uncle, "awaiting_safety_check", "approved", "young_person_agreed")
    raised = ok(case.client.post(f"/people/{ids['far1']}/flags",
                                 headers=case.social_worker.headers,
                                 json={"kind": "person_posing_risk_to_children", "level": 3,
                                       "source": "Police"}), 201)  # fmt: skip
    assert [h["connection_id"] for h in raised["held_back"]] == [uncle]
    assert rules(case.move(uncle, case.social_worker, "contacted")) == [("flagged", [ids["far1"]])]
