"""The celebration event and the Lifelong Links plan through the real API on a real Neo4j: who
may be invited, attendance and offers, the plan, its versions, and its page."""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import pytest
from neo4j import Driver

from tests.cases import (
    ADMIN_TOKEN,
    HOSTILE_GIVEN,
    Case,
    add_user,
    allocate,
    built_once,
    ok,
    rules,
    work_case,
)
from tests.conftest import Target, app_client, settings_for

WILLING = ("awaiting_safety_check", "approved", "young_person_agreed", "contacted", "willing")


@pytest.fixture
def case(db: Driver, neo4j_target: Target) -> Iterator[Case]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        yield built_once(work_case, client, db)


def _event(case: Case, **body: Any) -> dict[str, Any]:
    path = f"/young-people/{case.family.young_person_id}/events"
    body = {"on": "2026-03-14", "place": "Oak Hall", **body}
    made: dict[str, Any] = ok(
        case.client.post(path, headers=case.coordinator.headers, json=body), 201
    )
    return made


def _invite(case: Case, event_id: str, cid: str) -> Any:
    return case.client.post(f"/events/{event_id}/guests", headers=case.coordinator.headers,
                            json={"connection_id": cid})  # fmt: skip


def _came(case: Case, event_id: str, cid: str, offered: str | None, attended: bool = True) -> Any:
    return case.client.put(f"/events/{event_id}/guests/{cid}", headers=case.coordinator.headers,
                           json={"attended": attended, "offered": offered})  # fmt: skip


def _stage(case: Case, cid: str) -> str:
    found = ok(case.client.get(f"/connections/{cid}", headers=case.coordinator.headers))
    return str(found["stage"])


def _trail(case: Case, action: str) -> list[dict[str, Any]]:
    """The young person's audit trail, as their manager reads it: the entries of one action."""
    scope = {"young_person_id": case.family.young_person_id}
    audit = ok(case.client.get("/audit", headers=case.manager.headers, params=scope))["data"]
    return [e for e in audit if e["action"] == action]


def test_only_approved_and_willing_people_are_invited(case: Case) -> None:
    event = _event(case)
    gran, uncle, aunt, dad = (case.connect(k) for k in ("gran", "uncle", "aunt", "dad"))
    case.walk(gran, *WILLING)
    case.walk(aunt, "awaiting_safety_check", "approved", "young_person_agreed", "contacted")
    case.walk(dad, *WILLING)

    guests = ok(_invite(case, event["id"], gran), 201)["guests"]
    assert [(g["person_id"], g["stage"], g["attended"]) for g in guests] == [
        (case.family.ids["gran"], "invited", None)
    ]
    assert _stage(case, gran) == "invited"
    # Again: nothing changes.
    assert len(ok(_invite(case, event["id"], gran), 201)["guests"]) == 1

    assert rules(_invite(case, event["id"], uncle)) == [
        ("needs_approval", []), ("needs_agreement", []), ("needs_willing", [])
    ]  # fmt: skip
    assert rules(_invite(case, event["id"], aunt)) == [("needs_willing", [])]
    # A wish the young person made since keeps their father away, whatever stage he reached.
    case.wish(person_id=case.family.ids["dad"], wish="never")
    assert rules(_invite(case, event["id"], dad)) == [("wish_never", [])]
    assert _stage(case, dad) == "willing"

    invites = [(e["outcome"], e["reason"]) for e in _trail(case, "event.invite")]
    assert ("allowed", f"connection:{gran}") in invites
    assert ("refused", "wish_never") in invites


def test_a_flag_or_an_order_since_the_approval_keeps_a_person_away(case: Case) -> None:
    event = _event(case)
    uncle, aunt = case.connect("uncle"), case.connect("aunt")
    case.walk(uncle, *WILLING)
    case.walk(aunt, *WILLING)
    case.flag("uncle")
    refused = _invite(case, event["id"], uncle)
    # The coordinator who invites is told that a flag keeps the uncle away, not its level nor
    # whose it is; the social worker, who decides on contact, is told both.
    assert rules(refused) == [("flagged", [])]
    assert "safety flag that keeps this person away" in refused.json()["error"]["message"]
    assert "level" not in refused.json()["error"]["message"]
    by_worker = case.client.post(
        f"/events/{event['id']}/guests",
        headers=case.social_worker.headers,
        json={"connection_id": uncle},
    )
    assert rules(by_worker) == [("flagged", [case.family.ids["uncle"]])]
    assert "level-3 safety flag" in by_worker.json()["error"]["message"]
    order = {"kind": "restraining_order", "restricted_id": case.family.ids["aunt"],
             "protected_id": case.family.young_person_id, "made_on": "2026-01-05"}  # fmt: skip
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=order), 201)
    assert rules(_invite(case, event["id"], aunt)) == [("court_order", [])]


def _kept_apart(case: Case) -> tuple[dict[str, Any], dict[str, Any], tuple[str, str, str]]:
    """Two events, and the mother, father and grandmother willing, with a non-molestation
    order keeping the father from the mother: (an event, another, their connections)."""
    ids = case.family.ids
    event, other = _event(case), _event(case, on="2026-04-18", place="Elm Hall")
    mum, dad, gran = case.connect("mum"), case.connect("dad"), case.connect("gran")
    for cid in (mum, dad, gran):
        case.walk(cid, *WILLING)
    order = {"kind": "non_molestation_order", "restricted_id": ids["dad"],
             "protected_id": ids["mum"], "made_on": "2026-01-05"}  # fmt: skip
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=order), 201)
    return event, other, (mum, dad, gran)


def test_two_people_a_court_order_keeps_apart_are_not_invited_to_one_event(case: Case) -> None:
    """A second reader: a non-molestation order kept the father from the mother, and both were
    invited to one Family Group Conference. The second of them is refused, either way round,
    while the order stands; another event, or an order that has ended, is no bar."""
    ids = case.family.ids
    event, other, (mum, dad, gran) = _kept_apart(case)
    ok(_invite(case, event["id"], mum), 201)
    ok(_invite(case, event["id"], gran), 201)
    refused = _invite(case, event["id"], dad)
    # The coordinator is told an order stands between him and a guest, not whom.
    assert rules(refused) == [("apart_by_order", [])]
    assert "ask the social worker" in refused.json()["error"]["message"]
    by_worker = case.client.post(f"/events/{event['id']}/guests",
                                 headers=case.social_worker.headers,
                                 json={"connection_id": dad})  # fmt: skip
    assert rules(by_worker) == [("apart_by_order", [ids["mum"]])]
    # The other way round: the protected person is not invited where the restricted one is.
    ok(_invite(case, other["id"], dad), 201)
    assert rules(_invite(case, other["id"], mum)) == [("apart_by_order", [])]
    guests = ok(case.client.get(f"/events/{event['id']}", headers=case.coordinator.headers))
    assert sorted(g["person_id"] for g in guests["guests"]) == sorted([ids["mum"], ids["gran"]])
    assert ("refused", "apart_by_order") in [(e["outcome"], e["reason"])
                                             for e in _trail(case, "event.invite")]  # fmt: skip
    # Inviting again someone already invited changes nothing and is refused for nothing.
    assert len(ok(_invite(case, other["id"], dad), 201)["guests"]) == 1
    # An order made after both were invited (a second reader): the event says so, to the
    # coordinator without whom, to those who decide on contact whom.
    third = _event(case, on="2026-05-02", place="Ash Hall")
    for cid in (gran, dad):
        ok(_invite(case, third["id"], cid), 201)
    late = {"kind": "restraining_order", "restricted_id": ids["dad"],
            "protected_id": ids["gran"], "made_on": "2026-02-01"}  # fmt: skip
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=late), 201)
    path = f"/events/{third['id']}"
    seen = ok(case.client.get(path, headers=case.coordinator.headers))
    assert seen["warnings"] == [
        "A current court order stands between 2 of the guests: they "
        "may not be at one event together. Ask the social worker."
    ]
    assert seen.get("apart") is None
    decided = ok(case.client.get(path, headers=case.social_worker.headers))
    assert decided["apart"] == [[ids["dad"], ids["gran"]]]
    assert (
        ok(case.client.get(f"/events/{event['id']}", headers=case.coordinator.headers))["warnings"]
        == []
    )
    # An order that has ended keeps no one apart.
    uncle = case.connect("uncle")
    case.walk(uncle, *WILLING)
    ended = {
        "kind": "restraining_order",
        "restricted_id": ids["uncle"],
        "protected_id": ids["gran"],
        "made_on": "2024-01-05",
        "until": "2025-12-31",
    }
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=ended), 201)
    ok(_invite(case, event["id"], uncle), 201)


def test_inviting_again_someone_already_invited_changes_nothing(case: Case) -> None:
    """A second reader: the uncle, invited, then flagged, was refused with 409 when invited
    again, though he stayed invited. Inviting again changes nothing and refuses nothing; what
    the flag holds back is told where it is raised (its answer's `held_back`)."""
    event = _event(case)
    uncle = case.connect("uncle")
    case.walk(uncle, *WILLING)
    ok(_invite(case, event["id"], uncle), 201)
    case.flag("uncle")
    again = ok(_invite(case, event["id"], uncle), 201)
    assert [g["connection_id"] for g in again["guests"]] == [uncle]
    assert _stage(case, uncle) == "invited"


def _withdraw(case: Case, event_id: str, cid: str, reason: str = "Cannot come") -> Any:
    return case.client.post(f"/events/{event_id}/guests/{cid}/withdrawal",
                            headers=case.coordinator.headers, json={"reason": reason})  # fmt: skip


def test_an_invitation_is_withdrawn_kept_and_no_longer_counts(case: Case, db: Driver) -> None:
    """A guest who would not come stayed invited: no route took them off the list, and an order
    between them and someone the family wanted there kept that person out. Withdrawn, the
    invitation is kept with why and by whom; the guest goes back to `willing` when invited
    nowhere else; an order with them no longer stands in the way; inviting again checks again
    and lists them again."""
    event, other, (mum, dad, gran) = _kept_apart(case)
    for cid in (dad, gran):
        ok(_invite(case, event["id"], cid), 201)
    ok(_invite(case, other["id"], gran), 201)
    assert rules(_invite(case, event["id"], mum)) == [("apart_by_order", [])]

    seen = ok(_withdraw(case, event["id"], dad, "He will not come while she may"))
    (withdrawn,) = [g for g in seen["guests"] if g["connection_id"] == dad]
    assert withdrawn["withdrawn_on"] is not None
    assert withdrawn["withdrawn_reason"] == "He will not come while she may"
    assert withdrawn["withdrawn_by"]
    assert _stage(case, dad) == "willing"
    # The gran, invited to another event too, keeps her stage.
    ok(_withdraw(case, event["id"], gran))
    assert _stage(case, gran) == "invited"
    # With the father's invitation withdrawn, the order no longer keeps the mother out.
    invited = ok(_invite(case, event["id"], mum), 201)
    assert [(g["connection_id"], g["withdrawn_on"] is None) for g in invited["guests"]] == [
        (dad, False), (gran, False), (mum, True)
    ]  # fmt: skip
    # Withdrawn twice, or never invited: 404; attendance of a withdrawn guest: 404.
    assert _withdraw(case, event["id"], dad).status_code == 404
    assert _came(case, event["id"], dad, None).status_code == 404
    # Invited again, the rules are checked again: the order with the mother now refuses him.
    assert rules(_invite(case, event["id"], dad)) == [("apart_by_order", [])]
    ok(_withdraw(case, event["id"], mum))
    again = ok(_invite(case, event["id"], dad), 201)
    assert [(g["connection_id"], g["withdrawn_on"] is None) for g in again["guests"]] == [
        (dad, False), (gran, False), (mum, False), (dad, True)
    ]  # fmt: skip
    assert _stage(case, dad) == "invited"
    # One recorded as having come stays: correct the attendance first.
    past = _event(case, on="2026-01-10", place="Ash Hall")
    ok(_invite(case, past["id"], gran), 201)
    ok(_came(case, past["id"], gran, "Cards"))
    came = _withdraw(case, past["id"], gran)
    assert came.status_code == 409, came.text
    assert "correct their attendance first" in came.text
    outcomes = [(e["outcome"], e["reason"]) for e in _trail(case, "event.withdraw")]
    assert outcomes.count(("allowed", f"connection:{dad}")) == 1
    assert ("refused", f"connection:{gran} came") in outcomes
    kept = db.execute_query("MATCH (:CelebrationEvent {id: $id})-[g:INVITED]->() "
                            "RETURN count(g) AS n", id=event["id"]).records[0]["n"]  # fmt: skip
    assert kept == 4


def test_a_guest_who_declines_is_no_longer_invited_to_what_is_to_come(case: Case) -> None:
    """A person who had said yes and then said no could not be recorded as declined: the record
    kept them invited, in the plan, and overdue for contact. A decline is now recorded at any
    point after they were asked, with its reason; their invitations to events still to come
    are withdrawn (kept, saying only that they declined), so the order between them and the
    mother no longer keeps her out; an event already held stays as it was."""
    soon = (date.today() + timedelta(days=30)).isoformat()
    event, _, (mum, dad, gran) = _kept_apart(case)
    coming = _event(case, on=soon, place="Birch Hall")
    ok(_invite(case, event["id"], dad), 201)  # an event already held (14 March)
    ok(_invite(case, coming["id"], dad), 201)
    # An event today may have happened (a second reader: a decline recorded before the
    # attendance lost it): it stays as it is, and who came is recorded after.
    today = _event(case, on=date.today().isoformat(), place="Ash Hall")
    ok(_invite(case, today["id"], dad), 201)
    ok(_invite(case, coming["id"], gran), 201)
    assert rules(_invite(case, coming["id"], mum)) == [("apart_by_order", [])]
    assert rules(case.move(dad, case.coordinator, "declined")) == [("reason_required", [])]

    ok(case.move(dad, case.coordinator, "declined", reason="He does not want to be involved"))
    assert _stage(case, dad) == "declined"
    seen = ok(case.client.get(f"/events/{coming['id']}", headers=case.coordinator.headers))
    (withdrawn,) = [g for g in seen["guests"] if g["connection_id"] == dad]
    assert withdrawn["withdrawn_on"] == date.today().isoformat()
    assert withdrawn["withdrawn_reason"] == "They declined to take part."
    for kept in (event, today):
        held = ok(case.client.get(f"/events/{kept['id']}", headers=case.coordinator.headers))
        assert [(g["connection_id"], g["withdrawn_on"]) for g in held["guests"]] == [(dad, None)]
    came = ok(_came(case, today["id"], dad, "A card"))
    assert [(g["connection_id"], g["attended"]) for g in came["guests"]] == [(dad, True)]
    assert _stage(case, dad) == "declined"
    # The order between him and the mother no longer keeps her out; he is not invited again.
    ok(_invite(case, coming["id"], mum), 201)
    assert rules(_invite(case, coming["id"], dad)) == [("needs_willing", []),
                                                      ("apart_by_order", [])]  # fmt: skip
    assert ("allowed", f"connection:{dad} declined") in [
        (e["outcome"], e["reason"]) for e in _trail(case, "event.withdraw")]  # fmt: skip


def test_someone_who_declined_and_asks_to_be_involved_starts_again_from_a_safety_check(
    case: Case,
) -> None:
    """Nothing followed a decline: a grandmother who said no, and wrote months later asking to
    be involved, could never be recorded again. She starts again from a new safety check, with
    why written down; the young person is asked again, and she says again that she is willing
    before she is invited."""
    event = _event(case, on=(date.today() + timedelta(days=30)).isoformat())
    gran = case.connect("gran")
    case.walk(gran, *WILLING)
    ok(case.move(gran, case.coordinator, "declined", reason="Not ready"))
    assert rules(case.move(gran, case.coordinator, "awaiting_safety_check")) == [
        ("reason_required", [])]  # fmt: skip
    ok(case.move(gran, case.coordinator, "awaiting_safety_check",
                 reason="Wrote in May asking to be involved"))  # fmt: skip
    # Nobody gets in touch on the approval from before the decline (a second reader).
    too_soon = case.move(gran, case.coordinator, "contacted")
    assert rules(too_soon) == [("needs_approval", []), ("needs_agreement", [])]
    ok(case.move(gran, case.social_worker, "approved"))
    assert rules(_invite(case, event["id"], gran)) == [("needs_agreement", []),
                                                      ("needs_willing", [])]  # fmt: skip
    case.walk(gran, "young_person_agreed", "contacted", "willing")
    ok(_invite(case, event["id"], gran), 201)
    assert _stage(case, gran) == "invited"


def test_a_guest_taken_out_of_the_network_is_no_longer_invited_to_what_is_to_come(
    case: Case,
) -> None:
    """A guest taken out of the network was hidden from the event but stayed invited: the
    invitation could not be withdrawn (no decision is made about someone out of the network),
    and an order between them and the mother still kept her out. Taking them out withdraws
    their invitations to events still to come, as a decline does; an event held stays."""
    soon = (date.today() + timedelta(days=30)).isoformat()
    event, _, (mum, dad, gran) = _kept_apart(case)
    coming = _event(case, on=soon, place="Birch Hall")
    ok(_invite(case, event["id"], dad), 201)
    for cid in (dad, gran):
        ok(_invite(case, coming["id"], cid), 201)
    assert rules(_invite(case, coming["id"], mum)) == [("apart_by_order", [])]
    dad_id = case.family.ids["dad"]
    gone = case.client.delete(f"/people/{dad_id}", headers=case.coordinator.headers)
    assert gone.status_code == 204, gone.text
    ok(_invite(case, coming["id"], mum), 201)
    withdrawn = [(e["resource"], e["reason"]) for e in _trail(case, "event.withdraw")]
    assert withdrawn == [(f"event:{coming['id']}", f"connection:{dad} taken out of the network")]
    # Put back by a manager, he is invited to nothing to come; the event held keeps him.
    yp = case.family.young_person_id
    back = case.client.post(f"/young-people/{yp}/removed-people/{dad_id}/restore",
                            headers=case.manager.headers)  # fmt: skip
    assert back.status_code in (200, 204), back.text
    held = ok(case.client.get(f"/events/{event['id']}", headers=case.coordinator.headers))
    assert [(g["connection_id"], g["withdrawn_on"]) for g in held["guests"]] == [(dad, None)]
    seen = ok(case.client.get(f"/events/{coming['id']}", headers=case.coordinator.headers))
    assert [(g["connection_id"], g["withdrawn_reason"]) for g in seen["guests"]] == [
        (dad, "Taken out of the young person's network."), (gran, None), (mum, None)]  # fmt: skip
    # Still invited to the event held (who came is not recorded), he stays at `invited`; the
    # grandmother, invited to nothing once taken out, is back at `willing`, as a withdrawal
    # leaves a guest (a second reader: she was left at `invited`).
    assert _stage(case, dad) == "invited"
    gran_id = case.family.ids["gran"]
    assert case.client.delete(f"/people/{gran_id}", headers=case.coordinator.headers) \
        .status_code == 204  # fmt: skip
    back = case.client.post(f"/young-people/{yp}/removed-people/{gran_id}/restore",
                            headers=case.manager.headers)  # fmt: skip
    assert back.status_code in (200, 204), back.text
    assert _stage(case, gran) == "willing"


def test_a_guest_whose_approval_is_withdrawn_is_no_longer_invited_to_what_is_to_come(
    case: Case,
) -> None:
    """A second reader: a guest whose approval the social worker withdrew (a police disclosure)
    stayed invited to the event still to come, and, no longer approved, could not even be
    recorded as declined. Withdrawing the approval withdraws those invitations, as a decline
    does; an event held stays."""
    soon = (date.today() + timedelta(days=30)).isoformat()
    coming, held = _event(case, on=soon, place="Birch Hall"), _event(case)
    dad = case.connect("dad")
    case.walk(dad, *WILLING)
    for e in (coming, held):
        ok(_invite(case, e["id"], dad), 201)
    ok(case.move(dad, case.social_worker, "not_approved", reason="Police disclosure"))
    seen = ok(case.client.get(f"/events/{coming['id']}", headers=case.coordinator.headers))
    assert [(g["connection_id"], g["withdrawn_reason"]) for g in seen["guests"]] == [
        (dad, "Their approval was withdrawn.")]  # fmt: skip
    was = ok(case.client.get(f"/events/{held['id']}", headers=case.coordinator.headers))
    assert [(g["connection_id"], g["withdrawn_on"]) for g in was["guests"]] == [(dad, None)]
    assert _stage(case, dad) == "not_approved"


def _willing_over_a_flag(case: Case) -> str:
    """The uncle, flagged, approved by a manager's override, then willing."""
    case.flag("uncle")
    uncle = case.connect("uncle")
    case.walk(uncle, "awaiting_safety_check")
    ok(case.move(uncle, case.manager, "approved", override_reason="Supervised contact only"))
    case.walk(uncle, "young_person_agreed", "contacted", "willing")
    return uncle


def test_a_manager_override_at_approval_waives_that_flag_and_no_other(case: Case) -> None:
    event = _event(case)
    uncle = _willing_over_a_flag(case)
    assert ok(_invite(case, event["id"], uncle), 201)["guests"][0]["stage"] == "invited"
    # An order made since the approval was not overridden: he is no longer invited anywhere.
    later = _event(case, on="2026-06-01")
    order = {"kind": "restraining_order", "restricted_id": case.family.ids["uncle"],
             "protected_id": case.family.young_person_id, "made_on": "2026-02-01"}  # fmt: skip
    ok(case.client.post("/orders", headers=case.social_worker.headers, json=order), 201)
    assert rules(_invite(case, later["id"], uncle)) == [("court_order", [])]


def test_an_override_does_not_waive_a_new_flag_on_the_same_person(case: Case) -> None:
    event = _event(case)
    uncle = _willing_over_a_flag(case)
    case.flag("uncle")  # a second flag, raised after the approval
    assert rules(_invite(case, event["id"], uncle)) == [("flagged", [])]


def test_a_flag_after_the_invitation_keeps_the_stage_and_the_plan(case: Case) -> None:
    event = _event(case, on="2026-01-10")
    gran = case.connect("gran")
    case.walk(gran, *WILLING)
    ok(_invite(case, event["id"], gran), 201)
    case.flag("gran")
    read = ok(_came(case, event["id"], gran, "Calls"))
    # The attendance is recorded; the move to "attended" waits for a new safety check.
    assert [(g["attended"], g["stage"]) for g in read["guests"]] == [(True, "invited")]
    # The social worker withdraws the approval; after a new check, a manager's override, the
    # young person's agreement and her answer, she is invited to the next event. The first
    # event's invitation stays as it was: it is the record of what happened then.
    ok(case.move(gran, case.social_worker, "not_approved", reason="Flag since the invitation"))
    ok(case.move(gran, case.social_worker, "awaiting_safety_check"))
    ok(case.move(gran, case.manager, "approved", override_reason="Supervised, agreed at review"))
    case.walk(gran, "young_person_agreed", "contacted", "willing")
    again = ok(_invite(case, event["id"], gran), 201)
    assert [(g["attended"], g["stage"]) for g in again["guests"]] == [(True, "willing")]
    review = _event(case, on="2026-02-14")
    invited = ok(_invite(case, review["id"], gran), 201)
    assert [g["stage"] for g in invited["guests"]] == ["invited"]
    read = ok(_came(case, review["id"], gran, "Calls"))
    assert [(g["attended"], g["stage"]) for g in read["guests"]] == [(True, "attended")]
    # Nobody has come to an event still to happen.
    future = _event(case, on="2099-01-01")
    aunt = case.connect("aunt")
    case.walk(aunt, *WILLING)
    ok(_invite(case, future["id"], aunt), 201)
    assert _came(case, future["id"], aunt, "Cards").status_code == 422
    scope = {"young_person_id": case.family.young_person_id}
    audit = ok(case.client.get("/audit", headers=case.manager.headers, params=scope))["data"]
    moves = [e["reason"] for e in audit if e["action"] == "connection.stage"
             and e["resource"] == f"connection:{aunt}"]  # fmt: skip
    assert moves[0] == "to invited (Invited to the celebration event on 2099-01-01)"


def test_attendance_and_offers_are_recorded_and_move_the_stage(case: Case) -> None:
    event = _event(case, title="Kai's celebration", notes="Cake from the children's home")
    gran, aunt = case.connect("gran"), case.connect("aunt")
    case.walk(gran, *WILLING)
    case.walk(aunt, *WILLING)
    ok(_invite(case, event["id"], gran), 201)
    ok(_invite(case, event["id"], aunt), 201)
    ok(_came(case, event["id"], gran, "A call every other Sunday"))
    read = ok(_came(case, event["id"], aunt, None, attended=False))
    assert [(g["person_id"], g["attended"], g["offered"], g["stage"]) for g in read["guests"]] == [
        (case.family.ids["gran"], True, "A call every other Sunday", "attended"),
        (case.family.ids["aunt"], False, None, "invited"),
    ]
    assert read["title"] == "Kai's celebration"
    listed = ok(case.client.get(f"/young-people/{case.family.young_person_id}/events",
                                headers=case.social_worker.headers))  # fmt: skip
    assert [e["id"] for e in listed["data"]] == [event["id"]]
    # Someone not invited has no attendance to record.
    uncle = case.connect("uncle")
    assert _came(case, event["id"], uncle, "Nothing").status_code == 404


def test_an_attendance_corrected_moves_the_guest_back(case: Case) -> None:
    """A guest recorded as come and then corrected to not come stayed at `attended`, and could
    go on to the plan (an events reader): the event's own move is undone, on the record. A
    guest another event moved, or who has moved on since, keeps their stage."""
    first, second = _event(case), _event(case)
    gran, aunt = case.connect("gran"), case.connect("aunt")
    for cid in (gran, aunt):
        case.walk(cid, *WILLING)
        ok(_invite(case, first["id"], cid), 201)
    ok(_came(case, first["id"], gran, None))
    assert _stage(case, gran) == "attended"
    ok(_came(case, first["id"], gran, None, attended=False))
    assert _stage(case, gran) == "invited"
    history = ok(case.client.get(f"/connections/{gran}", headers=case.coordinator.headers))
    assert history["history"][-1]["reason"].startswith("Corrected: did not come")
    # Came to the first event; invited to the second, wrongly marked as come and corrected
    # there: the first event's attendance stands.
    ok(_came(case, first["id"], aunt, None))
    ok(_invite(case, second["id"], aunt), 201)
    ok(_came(case, second["id"], aunt, None))
    ok(_came(case, second["id"], aunt, None, attended=False))
    assert _stage(case, aunt) == "attended"
    # Came to the second event, the first corrected: the second's attendance stands (a second
    # reader of the fix).
    ok(_came(case, second["id"], aunt, None))
    assert _stage(case, aunt) == "attended"
    ok(_came(case, first["id"], aunt, None, attended=False))
    assert _stage(case, aunt) == "attended"
    # Moved on to the plan since: a correction leaves the stage to the coordinator.
    ok(_came(case, second["id"], aunt, None))
    ok(case.move(aunt, case.coordinator, "in_plan"))
    ok(_came(case, first["id"], aunt, None, attended=False))
    assert _stage(case, aunt) == "in_plan"


def test_events_are_open_only_to_the_case_workers(case: Case) -> None:
    event = _event(case)
    other = add_user(case.client, "coordinator.south", "coordinator", team="south")
    gran = case.connect("gran")
    case.walk(gran, *WILLING)
    for response in (
        case.client.get(f"/events/{event['id']}", headers=other.headers),
        case.client.post(f"/events/{event['id']}/guests", headers=other.headers,
                         json={"connection_id": gran}),
        case.client.get(f"/young-people/{case.family.young_person_id}/plan",
                        headers=other.headers),
        case.client.get(f"/young-people/{case.family.young_person_id}/plan/document",
                        headers=other.headers),
        case.client.get("/events/no-such-event", headers=case.coordinator.headers),
    ):  # fmt: skip
        assert response.status_code == 404, response.text
    assert case.client.get(f"/events/{event['id']}", headers=BOOT_ADMIN).status_code == 403
    # An event's guest must be a connection of that young person.
    manager = case.manager
    second = ok(case.client.post("/young-people", headers=manager.headers,
                                 json={"given_name": "Second", "family_name": "Child",
                                       "status": "in_care"}), 201)["id"]  # fmt: skip
    allocate(case.client, manager, second, case.coordinator)
    theirs = ok(case.client.post(f"/young-people/{second}/events",
                                 headers=case.coordinator.headers, json={"on": "2026-04-01"}),
                201)  # fmt: skip
    assert _invite(case, theirs["id"], gran).status_code == 404
    came = case.client.put(f"/events/{theirs['id']}/guests/{gran}",
                           headers=case.coordinator.headers, json={"attended": True})  # fmt: skip
    assert came.status_code == 404
    gone = case.client.post(f"/events/{theirs['id']}/guests/{gran}/withdrawal",
                            headers=case.coordinator.headers, json={"reason": "x"})  # fmt: skip
    assert gone.status_code == 404
    # The refusals are on the second child's trail, never by the other case's connection id
    # (a second reader: Kai's trail held the id of Sam's connection).
    audit = ok(case.client.get("/audit", headers=case.manager.headers,
                               params={"young_person_id": second}))["data"]  # fmt: skip
    refused = [(e["action"], e["reason"]) for e in audit if e["outcome"] == "refused"]
    assert refused == [
        ("event.withdraw", "the connection named was not invited"),
        ("event.attendance", "the connection named was not invited"),
        ("event.invite", "the connection named is not in this young person's network"),
    ]
    assert gran not in str(audit)


BOOT_ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _commit(case: Case, cid: str, what: str, every_days: int, **extra: Any) -> str:
    body = {"what": what, "every_days": every_days, "since": "2026-03-15", **extra}
    made = ok(case.client.post(f"/connections/{cid}/commitments",
                               headers=case.coordinator.headers, json=body), 201)  # fmt: skip
    return str(made["id"])


def _plan(case: Case, path: str = "", **params: Any) -> Any:
    return case.client.get(f"/young-people/{case.family.young_person_id}/plan{path}",
                           headers=case.coordinator.headers, params=params)  # fmt: skip


def _agree(case: Case, **body: Any) -> dict[str, Any]:
    made: dict[str, Any] = ok(
        case.client.post(f"/young-people/{case.family.young_person_id}/plan/versions",
                         headers=case.coordinator.headers, json=body), 201)  # fmt: skip
    return made


def test_someone_who_has_died_leaves_the_plan_with_their_promises(case: Case) -> None:
    event = _event(case)
    gran = case.connect("gran")
    case.walk(gran, *WILLING)
    ok(_invite(case, event["id"], gran), 201)
    ok(_came(case, event["id"], gran, "Calls"))
    case.walk(gran, "in_plan")
    _commit(case, gran, "A call on Sundays", 14)
    assert [p["relation"] for p in ok(_plan(case))["plan"]["people"]] == ["maternal grandmother"]
    ok(case.client.patch(f"/people/{case.family.ids['gran']}", headers=case.coordinator.headers,
                         json={"death_date": "2026-02-01"}))  # fmt: skip
    now = ok(_plan(case))["plan"]
    assert now["people"] == []
    assert now["held_back"] == []
    page = case.client.get(f"/young-people/{case.family.young_person_id}/plan/document",
                           headers=case.coordinator.headers)  # fmt: skip
    assert "A call on Sundays" not in page.text


def test_the_plan_its_versions_and_what_changed(case: Case) -> None:
    event = _event(case)
    gran, aunt = case.connect("gran"), case.connect("aunt")
    for cid in (gran, aunt):
        case.walk(cid, *WILLING)
        ok(_invite(case, event["id"], cid), 201)
        ok(_came(case, event["id"], cid, "Calls"))
        case.walk(cid, "in_plan")
    _commit(case, gran, "A call every other Sunday", 14, review_on="2026-09-15")
    empty = ok(_plan(case))
    assert empty["versions"] == []
    assert empty["changes_since_latest"] == []
    people = {p["relation"]: [c["how_often"] for c in p["commitments"]]
              for p in empty["plan"]["people"]}  # fmt: skip
    assert people == {"maternal grandmother": ["every two weeks"], "maternal aunt": []}
    assert [c["role"] for c in empty["plan"]["contacts"]] == ["coordinator", "social_worker"]
    assert empty["plan"]["events"][0]["came"] == 2

    first = _agree(case, agreed_on="2026-03-14", review_on="2026-09-14", note="At the event")
    assert (first["number"], first["recorded_by"]) == (1, "coordinator1")
    _commit(case, aunt, "Birthday and Christmas cards", 182)
    case.wish(side="maternal", wish="not_now")
    now = ok(_plan(case))
    assert now["next_review"] == "2026-09-14"
    assert [p["relation"] for p in now["plan"]["held_back"]] == [
        "maternal aunt", "maternal grandmother"
    ]  # fmt: skip
    # Who and why is said only in the page's part for the workers, never in the list heading
    # the page (a second reader: the aunt the young person never wants approached was named
    # there, on the family's copy).
    assert now["changes_since_latest"][:1] == ["No longer in the plan: 2 people, not named here."]
    why = {h["reason"] for h in now["plan"]["held_back"]}
    assert not any(reason in c for c in now["changes_since_latest"] for reason in why)
    page = case.client.get(f"/young-people/{case.family.young_person_id}/plan/document",
                           headers=case.coordinator.headers)  # fmt: skip
    assert page.status_code == 200, page.text
    head, _, workers_part = page.text.partition("<h2>Held back</h2>")
    assert why
    assert all(html.escape(reason) not in head for reason in why)
    assert all(html.escape(reason) in workers_part for reason in why)
    assert "aunt Test" not in head
    assert "aunt Test" in workers_part
    # What was agreed then is kept as it read, whatever changed since.
    kept = ok(_plan(case, "/versions/1"))
    assert [p["relation"] for p in kept["plan"]["people"]] == [
        "maternal aunt", "maternal grandmother"
    ]  # fmt: skip
    assert kept["plan"]["held_back"] == []
    # But a copy printed again for the family must not name them: the version says who of its
    # people is not in the plan today, and the family's copy leaves them out (a second reader:
    # it named the aunt and grandmother, unsaid).
    ids = case.family.ids
    assert sorted(kept["not_in_plan_today"]) == sorted([ids["gran"], ids["aunt"]])
    document = f"/young-people/{case.family.young_person_id}/plan/document"
    printed = case.client.get(document, headers=case.coordinator.headers,
                              params={"version": 1})  # fmt: skip
    words = " ".join(printed.text.split())
    assert "2 people of this version are not in the plan today" in words
    assert words.count("Not in the plan today: left out of the copy for the family.") == 2
    assert "aunt Test" in words
    family_copy = case.client.get(document, headers=case.coordinator.headers,
                                  params={"version": 1, "for_family": "true"})  # fmt: skip
    assert family_copy.status_code == 200
    words = " ".join(family_copy.text.split())
    assert "aunt Test" not in words
    assert "gran Test" not in words
    assert "A call every other Sunday" not in words
    assert "not in the plan today" not in words
    # Nor the workers' note on the version (a second reader: "Dad not invited: MARAC, lives at
    # 4 Elm Rd" was printed on it), which the workers' copy gives.
    assert "At the event" not in words
    assert "At the event" in " ".join(printed.text.split())
    # Today's page for the family: without the workers' part (who is held back, and why).
    today_copy = case.client.get(document, headers=case.coordinator.headers,
                                 params={"for_family": "true"})  # fmt: skip
    assert "<h2>Held back</h2>" not in today_copy.text
    assert "aunt Test" not in today_copy.text
    assert "<h2>Held back</h2>" in case.client.get(document, headers=case.coordinator.headers).text
    second = _agree(case, review_on="2027-03-01")
    assert second["number"] == 2
    assert ok(_plan(case))["changes_since_latest"] == []
    assert _plan(case, "/versions/3").status_code == 404
    # Someone taken out of the network since is named by no version read or printed again (a
    # second reader: version 1 printed again named an uncle taken out): counted.
    gran_id = case.family.ids["gran"]
    assert case.client.delete(f"/people/{gran_id}",
                              headers=case.coordinator.headers).status_code == 204  # fmt: skip
    kept = ok(_plan(case, "/versions/1"))
    assert ([p["relation"] for p in kept["plan"]["people"]], kept["taken_out"]) == (
        ["maternal aunt"], 1)  # fmt: skip
    assert kept["not_in_plan_today"] == [ids["aunt"]]
    assert "taken_out_of_plan" not in kept
    printed = case.client.get(f"/young-people/{case.family.young_person_id}/plan/document",
                              headers=case.coordinator.headers, params={"version": 1})  # fmt: skip
    assert printed.status_code == 200, printed.text
    assert "gran Test" not in printed.text
    assert "A call every other Sunday" not in printed.text
    assert "1 person of this version since taken out of the network is not shown" in " ".join(
        printed.text.split()
    )
    again = ok(_plan(case, "/versions/2"))  # both held back then: the one taken out not shown
    assert ([h["relation"] for h in again["plan"]["held_back"]], again["taken_out"]) == (
        ["maternal aunt"], 1)  # fmt: skip
    assert ok(_plan(case))["changes_since_latest"] == []
    path = f"/young-people/{case.family.young_person_id}/plan/versions"
    future = case.client.post(path, headers=case.coordinator.headers,
                              json={"agreed_on": "2099-01-01"})  # fmt: skip
    assert future.status_code == 422
    # Agreed before the latest version was: it would become the latest with an older date.
    older = case.client.post(path, headers=case.coordinator.headers,
                             json={"agreed_on": "1000-01-01"})  # fmt: skip
    assert older.status_code == 422, older.text
    assert older.json()["error"]["details"][0]["loc"] == ["body", "agreed_on"]
    assert ok(_plan(case))["next_review"] == "2027-03-01"
    scope = {"young_person_id": case.family.young_person_id}
    audit = ok(case.client.get("/audit", headers=case.manager.headers, params=scope))["data"]
    assert [e["resource"] for e in audit if e["action"] == "plan.version"] == [
        f"plan:{case.family.young_person_id}:2", f"plan:{case.family.young_person_id}:1"
    ]  # fmt: skip


def test_a_version_agreed_before_one_recorded_meanwhile_is_refused(case: Case, db: Driver) -> None:
    """Two versions recorded at once, the second agreed earlier than the first: the check that
    each comes after the latest is made again under the young person's lock, so the earlier
    one is refused (422) rather than numbered after the later one, with an older date and its
    long-past review as the plan's next."""
    yp = case.family.young_person_id
    today = date.today()
    with db.session() as session, session.begin_transaction() as tx:
        # Another request's version, agreed today, written and not yet committed: it holds the
        # young person's lock as create_plan_version does.
        tx.run(
            "MATCH (yp:YoungPerson {id: $yp}) SET yp._lock = true REMOVE yp._lock "
            "CREATE (yp)-[:HAS_PLAN_VERSION]->(:PlanVersion {key: $yp + ':1', number: 1, "
            "agreed_on: $on, content: '{}', user_id: 'someone', created_at: datetime()})",
            yp=yp,
            on=today.isoformat(),
        ).consume()
        with ThreadPoolExecutor(1) as pool:
            sent = pool.submit(
                case.client.post, f"/young-people/{yp}/plan/versions",
                headers=case.coordinator.headers,
                json={"agreed_on": (today - timedelta(days=20)).isoformat()},
            )  # fmt: skip
            time.sleep(1.5)
            tx.commit()
            answer = sent.result(timeout=30)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["details"][0]["loc"] == ["body", "agreed_on"]
    numbers = db.execute_query(
        "MATCH (:YoungPerson {id: $yp})-[:HAS_PLAN_VERSION]->(v) RETURN v.number AS n", yp=yp
    ).records
    assert [r["n"] for r in numbers] == [1]


def test_the_plan_page_escapes_names_and_is_audited(case: Case) -> None:
    ok(case.client.patch(f"/people/{case.family.ids['gran']}", headers=case.coordinator.headers,
                         json={"given_name": HOSTILE_GIVEN}))  # fmt: skip
    gran = case.connect("gran")
    case.walk(gran, *WILLING, "invited", "attended", "in_plan")
    _commit(case, gran, "<b>Calls</b>", 7)
    _agree(case, review_on="2027-01-01")
    for params in ({}, {"version": 1}):
        page = _plan(case, "/document", **params)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert HOSTILE_GIVEN not in page.text
        assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
        assert "&lt;b&gt;Calls&lt;/b&gt;" in page.text
        assert "every week" in page.text
    assert "Version 1, agreed on" in _plan(case, "/document", version=1).text
    assert _plan(case, "/document", version=2).status_code == 404
    scope = {"young_person_id": case.family.young_person_id}
    audit = ok(case.client.get("/audit", headers=case.manager.headers, params=scope))["data"]
    assert sum(e["action"] == "plan_document" for e in audit) == 4  # the 404 was a look too


def test_a_guest_kept_away_since_the_invitation_is_marked_to_be_withdrawn(case: Case) -> None:
    """A second reader: a grandmother the young person now says "never" about, and an aunt
    flagged since, stayed invited to an event to come with no word, while the plan held them
    back. The event says so, and marks them; not how the flag reads."""
    ids = case.family.ids
    event = _event(case, on="2099-01-01")
    gran, aunt, uncle = (case.connect(k) for k in ("gran", "aunt", "uncle"))
    for cid in (gran, aunt, uncle):
        case.walk(cid, *WILLING)
        ok(_invite(case, event["id"], cid), 201)

    def read() -> dict[str, Any]:
        found: dict[str, Any] = ok(case.client.get(f"/events/{event['id']}",
                                                   headers=case.coordinator.headers))  # fmt: skip
        return found

    assert read()["warnings"] == []
    case.wish(person_id=ids["gran"], wish="never")
    case.flag("aunt")
    now = read()
    assert {g["person_id"]: g["kept_away"] for g in now["guests"]} == {
        ids["gran"]: True, ids["aunt"]: True, ids["uncle"]: False}  # fmt: skip
    assert len(now["warnings"]) == 1
    assert now["warnings"][0].startswith("2 of the guests invited are kept away now")
    assert "level" not in now["warnings"][0]
