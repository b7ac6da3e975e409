"""Celebration events (the Family Group Conference): when and where, who is invited (only the
people the rules of `service.workflow.check_invitation` allow), who came and what they offered.
Inviting a willing person moves their connection to `invited`, and recording that they came
moves it to `attended`, in the transaction that records it, under the stage rules."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from neo4j import AsyncManagedTransaction
from pydantic import Field

from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal
from service.data.audit import Change, audited_write, record, record_in
from service.data.connections import (
    RULE_ROLES,
    connection_facts_in,
    locked_connection,
    recorded_move,
    refused,
)
from service.data.contacts import held_from_contact_of
from service.dates import before_birth, london_today
from service.db import Db, in_write, run_once
from service.errors import Conflict, InvalidInput, NotFound
from service.models import InputModel, IsoDate, Note, Text
from service.workflow import Refusal, Stage, check_apart, check_invitation

Id = Annotated[Text, Field(min_length=1, max_length=100)]
_NO_EVENT = "No celebration event with this id is within your allocations."
_NO_CONNECTION = "No connection with this id in this young person's network."


class EventCreate(InputModel):
    on: IsoDate
    title: Text = Field(default="Celebration event", min_length=1, max_length=200)
    place: Text | None = Field(default=None, max_length=200)
    notes: Note | None = Field(default=None, max_length=5_000)


class GuestInvite(InputModel):
    connection_id: Id


class Attendance(InputModel):
    attended: bool
    offered: Note | None = Field(
        default=None, max_length=2_000,
        description="What they offered at the event: a call, cards, days out, a message.",
    )  # fmt: skip


class Withdrawal(InputModel):
    reason: Note = Field(
        min_length=1, max_length=2_000,
        description="Why: they cannot come, they no longer wish to, a concern since.",
    )  # fmt: skip


class Guest(Shaped):
    connection_id: str
    person_id: str
    person_name: str
    stage: Stage
    invited_on: str
    attended: bool | None = Field(description="None until recorded.")
    offered: str | None
    withdrawn_on: str | None = Field(
        default=None,
        description="When the invitation was withdrawn; the guest is then not invited (one "
        "invited again is listed again, after it).",
    )
    withdrawn_by: str | None = None
    withdrawn_reason: Annotated[str | None, Sensitive.notes] = None
    kept_away: bool = Field(
        default=False,
        description="Invited to an event still to come, and kept away now by the young "
        "person's wish or a risk in their household (as the plan holds them back): their "
        "invitation is to be withdrawn.",
    )


class Event(Shaped):
    id: str
    young_person_id: str
    on: str
    title: str
    place: str | None
    notes: str | None
    guests: list[Guest]
    warnings: list[str] = Field(
        default=[],
        description="What stands in the way of the event as it is: a current court order "
        "between two guests (made after both were invited); guests of an event still to come "
        "kept away since they were invited (`Guest.kept_away`).",
    )
    apart: Annotated[list[list[str]] | None, Sensitive.flag_details] = Field(
        default=None,
        description="The guests a current court order keeps apart, as [restricted, protected] "
        "person ids: for those who decide on contact.",
    )


_APART = ("A current court order stands between {} of the guests: they may not be at one event "
          "together. Ask the social worker.")  # fmt: skip
_KEPT_AWAY = (
    "{} of the guests invited {} kept away now, since the invitation, by the young "
    "person's wish or a risk in their household (marked `kept_away`; the plan says why "
    "to those who decide): withdraw {} invitation, or ask the social worker."
)


async def _read(db: Db, young_person_id: str, event_id: str | None) -> list[Event]:
    today = london_today()
    records = await db.read("list_events", young_person_id=young_person_id, id=event_id,
                            today=today.isoformat())  # fmt: skip
    found = [dict(r["event"]) for r in records]
    # The guests of events still to come who are kept away now (a second reader: a
    # grandmother the young person now says "never" about, and an aunt flagged since, stayed
    # invited with no word; only a decline or a withdrawn approval withdraws an invitation).
    coming = {g["person_id"] for e in found if e["on"] >= today.isoformat()
              for g in e["guests"] if g.get("withdrawn_on") is None}  # fmt: skip
    held = await held_from_contact_of(db, young_person_id, sorted(coming), today)
    events = []
    for event in found:
        apart = {p for pair in event["apart"] for p in pair}
        event["warnings"] = [_APART.format(len(apart))] if apart else []
        if event["on"] >= today.isoformat():
            for guest in event["guests"]:
                guest["kept_away"] = guest["person_id"] in held and not guest.get("withdrawn_on")
            kept = sum(1 for g in event["guests"] if g["kept_away"])
            if kept:
                event["warnings"].append(
                    _KEPT_AWAY.format(
                        kept, "is" if kept == 1 else "are", "their" if kept > 1 else "the"
                    )
                )
        events.append(Event.model_validate(event))
    return events


async def list_events(db: Db, *, young_person_id: str) -> list[Event]:
    return await _read(db, young_person_id, None)


async def get_event(db: Db, *, young_person_id: str, event_id: str) -> Event:
    found = await _read(db, young_person_id, event_id)
    if not found:
        raise NotFound(_NO_EVENT)
    return found[0]


async def event_young_person(db: Db, *, event_id: str) -> str | None:
    records = await db.read("get_event_young_person", id=event_id)
    return str(records[0]["young_person_id"]) if records else None


async def create_event(
    db: Db, *, actor: Principal, young_person_id: str, body: EventCreate
) -> Event:
    born = await run_once(db, "get_person_dates", id=young_person_id)
    if born and before_birth(body.on, born[0]["birth_date"]):
        raise InvalidInput(
            "The event is dated before the young person was born: check the year.",
            details=[{"loc": ["body", "on"], "msg": "before their birth"}],
        )
    new_id = str(uuid.uuid4())
    created = await audited_write(db, actor=actor, query="create_event",
        params={"young_person_id": young_person_id, "id": new_id, "on": body.on.isoformat(),
                "place": body.place, "title": body.title, "notes": body.notes,
                "user_id": actor.user_id},
        change=Change("event.create", f"event:{new_id}", young_person_id),
    )  # fmt: skip
    if created is None:
        raise NotFound("No young person with this id is within your allocations.")
    return await get_event(db, young_person_id=young_person_id, event_id=new_id)


async def invite(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    event_id: str,
    body: GuestInvite,
    today: date,
) -> Event:
    """Invite a connection to the event, if the rules allow; a willing person moves to
    `invited`. Inviting someone already invited changes nothing."""
    if actor.role not in RULE_ROLES:
        raise NotFound(_NO_EVENT)
    cid = body.connection_id
    event = await get_event(db, young_person_id=young_person_id, event_id=event_id)

    async def work(tx: AsyncManagedTransaction) -> list[Refusal] | None:
        held = await connection_facts_in(tx, db.queries, cid=cid, today=today)
        if held is None or held[0] != young_person_id:
            return None
        _, stage, facts = held
        await (await tx.run(db.queries["lock_event"], id=event_id)).consume()
        again = await (
            await tx.run(db.queries["get_invitation"], event_id=event_id, connection_id=cid)
        ).single(strict=True)  # fmt: skip
        if again["invited"]:
            # Invited already: nothing changes, and nothing is refused (a second reader: a
            # flag raised since gave 409 while the guest stayed invited).
            return []
        apart = await (
            await tx.run(db.queries["get_orders_between_guests"], event_id=event_id,
                         connection_id=cid, today=today.isoformat())
        ).data()  # fmt: skip
        role = RULE_ROLES[actor.role]
        refusals = check_invitation(facts, role) + check_apart([r["guest_id"] for r in apart], role)
        if refusals:
            return refusals
        made = await (
            await tx.run(db.queries["invite_guest"], event_id=event_id, connection_id=cid,
                         today=today.isoformat(), user_id=actor.user_id)
        ).single()  # fmt: skip
        if made is None:
            return None
        if made["created"] and stage == "willing":
            await recorded_move(tx, db, actor, young_person_id, cid, "invited", stage,
                        f"Invited to the celebration event on {event.on}")  # fmt: skip
        if made["created"]:
            await record_in(tx, db.queries, principal=actor, action="event.invite",
                            resource=f"event:{event_id}", outcome="allowed",
                            young_person_id=young_person_id,
                            reason=f"connection:{cid}")  # fmt: skip
        return []

    refusals = await in_write(db, work)
    if refusals is None:
        await record(db, principal=actor, action="event.invite", resource=f"event:{event_id}",
                     outcome="refused", young_person_id=young_person_id,
                     # Not by its id: it may be another case's (a second reader).
                     reason="the connection named is not in this young person's network",
                     )  # fmt: skip
        raise NotFound(_NO_CONNECTION)
    if refusals:
        await record(db, principal=actor, action="event.invite", resource=f"event:{event_id}",
                     outcome="refused", young_person_id=young_person_id,
                     reason="; ".join(r.rule for r in refusals))  # fmt: skip
        raise refused(refusals)
    return await get_event(db, young_person_id=young_person_id, event_id=event_id)


async def withdraw(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    event_id: str,
    cid: str,
    body: Withdrawal,
    today: date,
) -> Event:
    """Withdraw a guest's invitation: they cannot come, no longer wish to, or a concern since
    keeps them away. Kept on the event with when, by whom and why; the guest is no longer
    counted as invited (a court order between them and another guest no longer stands in the
    way). One whose coming is recorded stays (correct that first). A guest this leaves invited
    to no event, and at `invited`, goes back to `willing`: inviting them again, to this event or
    another, checks the rules again."""
    if actor.role not in RULE_ROLES:
        raise NotFound(_NO_EVENT)
    event = await get_event(db, young_person_id=young_person_id, event_id=event_id)

    async def work(tx: AsyncManagedTransaction) -> str | None:
        # The connection's lock, as an invitation or an attendance takes it: no rule is
        # decided, so no household or wish is read.
        held = await locked_connection(tx, db.queries, cid=cid)
        if held is None or held[0] != young_person_id:
            return "elsewhere"
        stage = held[1]
        await (await tx.run(db.queries["lock_event"], id=event_id)).consume()
        now = await (
            await tx.run(db.queries["get_invitation"], event_id=event_id, connection_id=cid)
        ).single(strict=True)  # fmt: skip
        if not now["invited"]:
            return "not invited"
        if now["attended"]:
            return "came"
        await (
            await tx.run(db.queries["withdraw_guest"], event_id=event_id, connection_id=cid,
                         today=today.isoformat(), user_id=actor.user_id, reason=body.reason)
        ).consume()  # fmt: skip
        if stage == "invited" and not now["others"]:
            await recorded_move(tx, db, actor, young_person_id, cid, "willing", stage,
                        f"Invitation to the celebration event on {event.on} withdrawn")  # fmt: skip
        await record_in(tx, db.queries, principal=actor, action="event.withdraw",
                        resource=f"event:{event_id}", outcome="allowed",
                        young_person_id=young_person_id, reason=f"connection:{cid}")  # fmt: skip
        return None

    why = await in_write(db, work)
    if why is not None:
        await record(db, principal=actor, action="event.withdraw", resource=f"event:{event_id}",
                     outcome="refused", young_person_id=young_person_id,
                     # Not by its id unless it is this case's: it may be another case's (a
                     # second reader).
                     reason="the connection named was not invited" if why == "elsewhere"
                            else f"connection:{cid} {why}")  # fmt: skip
        if why == "came":
            raise Conflict(
                "They are recorded as having come to this event: correct their attendance "
                "first (PUT /events/{event_id}/guests/{connection_id})."
            )
        raise NotFound("This connection is not invited to this event.")
    return await get_event(db, young_person_id=young_person_id, event_id=event_id)


async def record_attendance(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    event_id: str,
    cid: str,
    body: Attendance,
    today: date,
) -> Event:
    """Record whether an invited guest came and what they offered. A guest who came and is at
    `invited` moves to `attended` when the invitation's rules still hold (a wish recorded since,
    or a flag or an order in their household, keeps them where they are; the attendance is
    recorded all the same). Corrected to not come, a guest this event moved to `attended` and
    still there goes back to `invited`. Nobody has come to an event that is still to happen."""
    if actor.role not in RULE_ROLES:
        raise NotFound(_NO_EVENT)
    event = await get_event(db, young_person_id=young_person_id, event_id=event_id)
    if body.attended and event.on > today.isoformat():
        raise InvalidInput(f"The event is on {event.on}: nobody has come to it yet.")

    async def work(tx: AsyncManagedTransaction) -> bool:
        held = await connection_facts_in(tx, db.queries, cid=cid, today=today)
        if held is None or held[0] != young_person_id:
            return False
        _, stage, facts = held
        moves = (
            body.attended
            and stage == "invited"
            and not check_invitation(facts, RULE_ROLES[actor.role])
        )
        found = await (
            await tx.run(db.queries["record_attendance"], event_id=event_id, connection_id=cid,
                         attended=body.attended, offered=body.offered, user_id=actor.user_id,
                         moves=moves)
        ).single()  # fmt: skip
        if found is None:
            return False
        if moves:
            await recorded_move(tx, db, actor, young_person_id, cid, "attended", stage,
                        f"Came to the celebration event on {event.on}")  # fmt: skip
        elif (not body.attended and found["moved_before"] and stage == "attended"
              and not found["came_to_another"]):  # fmt: skip
            # A correction of this event's own record: they did not come after all, and are
            # back where it found them (a guest at `attended` went on to the plan; an events
            # reader). Once they have moved on from `attended`, or came to another event, the
            # stage stays.
            said = f"Corrected: did not come to the celebration event on {event.on}"
            await recorded_move(tx, db, actor, young_person_id, cid, "invited", stage, said)
        await record_in(tx, db.queries, principal=actor, action="event.attendance",
                        resource=f"event:{event_id}", outcome="allowed",
                        young_person_id=young_person_id,
                        reason=f"connection:{cid}")  # fmt: skip
        return True

    if not await in_write(db, work):
        await record(db, principal=actor, action="event.attendance",
                     resource=f"event:{event_id}", outcome="refused",
                     young_person_id=young_person_id,
                     # Not by its id: it may be another case's (a second reader).
                     reason="the connection named was not invited")  # fmt: skip
        raise NotFound("This connection was not invited to this event.")
    return await get_event(db, young_person_id=young_person_id, event_id=event_id)
