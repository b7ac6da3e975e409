"""Connections between a young person and the people approached for them: stages moved under
the rules of `service.workflow`, and the young person's wishes. Contacts, commitments and
lapses: `service.data.contacts`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field, model_validator

from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal, Role
from service.data.audit import (
    Change,
    Shared,
    audited_write,
    record,
    record_in,
    record_in_others,
)
from service.data.people import still_in_case
from service.data.relatives import wish_sides_in
from service.data.safeguarding import household_risks_in
from service.db import Db, in_write, run_once
from service.errors import Conflict, InvalidInput, NotFound
from service.models import InputModel, Note, Text
from service.queries import Queries
from service.workflow import (
    DECISIONS,
    Facts,
    Move,
    Refusal,
    Stage,
    Wish,
    check_move,
    effective_wish,
    overrides,
)

Id = Annotated[Text, Field(min_length=1, max_length=100)]


class ConnectionCreate(InputModel):
    person_id: Id
    stage: Literal["identified", "located"] = "identified"
    reason: Note | None = Field(default=None, max_length=2_000)


class StageMove(InputModel):
    stage: Stage
    reason: Note | None = Field(default=None, max_length=2_000)
    override_reason: Note | None = Field(
        default=None, max_length=2_000,
        description="A manager's written reason to approve despite a flag or a court order.",
    )  # fmt: skip


class StageChange(Shaped):
    stage: Stage
    at: str
    by: str
    # Why the work moved on (contacted, willing, ...): for every case role.
    reason: str | None
    # Why a social worker or a manager approved, refused or withdrew an approval, or asked for
    # a new safety check after a refusal: what a check found, which is what a flag says, for
    # those who decide on contact. A coordinator sees the decision and who made it, and asks.
    decision_reason: Annotated[str | None, Sensitive.flag_details] = None
    # A manager's reason to approve despite a flag or an order says what the risk is and why it
    # was accepted: what a flag says, for those who decide on contact (a coordinator sees the
    # approval and who gave it, not the reason).
    override_reason: Annotated[str | None, Sensitive.flag_details] = None


class ConnectionPublic(BaseModel):
    id: str
    young_person_id: str
    person_id: str
    person_name: str
    stage: Stage
    last_contact: str | None
    history: list[StageChange]


class WishSet(InputModel):
    wish: Wish
    person_id: Id | None = None
    side: Literal["maternal", "paternal"] | None = None
    note: Note | None = Field(default=None, max_length=2_000)

    @model_validator(mode="after")
    def _one_target(self) -> WishSet:
        if (self.person_id is None) == (self.side is None):
            raise ValueError("give either person_id or side")
        return self


class PersonWish(Shaped):
    person_id: str
    wish: Wish
    note: Annotated[str | None, Sensitive.notes] = None
    recorded_at: str


class Wishes(BaseModel):
    maternal: Wish | None
    paternal: Wish | None
    people: list[PersonWish]


RULE_ROLES: dict[Role, Literal["coordinator", "social_worker", "manager"]] = {
    Role.coordinator: "coordinator", Role.social_worker: "social_worker", Role.manager: "manager",
}  # fmt: skip


async def _read(db: Db, young_person_id: str, cid: str | None) -> list[ConnectionPublic]:
    records = await db.read("list_connections", young_person_id=young_person_id, id=cid)
    return [ConnectionPublic.model_validate(_with_decisions(r["connection"])) for r in records]


def _with_decisions(connection: dict[str, Any]) -> dict[str, Any]:
    """A connection as read, the reason of each safety decision, and of each return to a
    safety check after a refusal, given as `decision_reason`."""
    history, before = [], None
    for change in connection["history"]:
        stage = change["stage"]
        if stage in DECISIONS or (stage == "awaiting_safety_check" and before == "not_approved"):
            change = {**change, "reason": None, "decision_reason": change["reason"]}
        history.append(change)
        before = stage
    return {**connection, "history": history}


async def connect(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    body: ConnectionCreate,
) -> ConnectionPublic:
    if body.person_id == young_person_id:
        raise InvalidInput("A young person is not their own connection.")
    new_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> None:
        # The person locked first: two requests connecting the same person at once are checked
        # one after the other, so the second sees the first's connection (four at once made
        # four connections with one person).
        await (await tx.run(db.queries["lock_people"], ids=[body.person_id])).consume()
        created = await (
            await tx.run(db.queries["create_connection"], id=new_id,
                         young_person_id=young_person_id, person_id=body.person_id,
                         stage=body.stage, reason=body.reason, user_id=actor.user_id)
        ).single()  # fmt: skip
        if created is None:
            await still_in_case(tx, db.queries, body.person_id, young_person_id)
            raise Conflict("This person is already a connection of this young person.")
        await record_in(tx, db.queries, principal=actor, action="connection.create",
                        resource=f"connection:{new_id}", outcome="allowed",
                        young_person_id=young_person_id)  # fmt: skip

    await in_write(db, work)
    return (await _read(db, young_person_id, new_id))[0]


async def list_connections(db: Db, *, young_person_id: str) -> list[ConnectionPublic]:
    return await _read(db, young_person_id, None)


async def connected_people(db: Db, *, young_person_id: str) -> dict[str, str]:
    """The people the young person has a connection with: id -> name."""
    records = await run_once(db, "list_connected_people", young_person_id=young_person_id)
    return {r["person_id"]: r["person_name"] for r in records}


async def get_connection(db: Db, *, young_person_id: str, cid: str) -> ConnectionPublic:
    found = await _read(db, young_person_id, cid)
    if not found:
        raise NotFound("No connection with this id is within your allocations.")
    return found[0]


async def connection_young_person(db: Db, *, cid: str) -> str | None:
    records = await db.read("get_connection_young_person", id=cid)
    return str(records[0]["young_person_id"]) if records else None


async def _effective_wish(tx: AsyncManagedTransaction, queries: Queries, facts: Any) -> Wish | None:
    """The young person's wish about the connection's person (`workflow.effective_wish`); the
    family is read only when a side wish could decide."""
    side = None
    if facts["person_wish"] is None and (facts["wish_maternal"] or facts["wish_paternal"]):
        sides = await wish_sides_in(tx, queries, young_person_id=facts["young_person_id"])
        side = sides.get(facts["person_id"])
    return effective_wish(facts["person_wish"], side, facts["wish_maternal"],
                          facts["wish_paternal"])  # fmt: skip


OVERRIDE = " (manager override)"


def refused(refusals: list[Refusal]) -> Conflict:
    """The 409 that lists every rule a decision broke, with the people concerned."""
    return Conflict(
        " ".join(r.message for r in refusals),
        details=[{"rule": r.rule, "message": r.message, "people": list(r.people)}
                 for r in refusals],
    )  # fmt: skip


async def locked_connection(
    tx: AsyncManagedTransaction, queries: Queries, *, cid: str
) -> tuple[str, Stage, Any] | None:
    """(young person's id, current stage, `get_connection_facts`'s record) of a connection,
    after taking the locks of the connection and of its person: two decisions about one
    connection are made one after the other. None: no connection, or its person is out of the
    young person's network."""
    found = await (await tx.run(queries["lock_connection"], id=cid)).single()
    if found is None:
        return None
    facts_record = await (
        await tx.run(queries["get_connection_facts"], id=cid)
    ).single(strict=True)  # fmt: skip
    if not facts_record["in_network"]:
        # The person was taken out of the network (kept, hidden, restorable by a manager): no
        # decision about them is made until they are put back.
        return None
    return str(facts_record["young_person_id"]), found["stage"], facts_record


async def connection_facts_in(
    tx: AsyncManagedTransaction, queries: Queries, *, cid: str, today: date
) -> tuple[str, Stage, Facts] | None:
    """(young person's id, current stage, the facts the rules decide on) of a connection, read
    inside the transaction that writes the decision, after taking the locks of the connection
    and of its person (`locked_connection`): a flag raised on the person meanwhile is either
    seen or raised after. None: no connection, or its person is out of the young person's
    network."""
    locked = await locked_connection(tx, queries, cid=cid)
    if locked is None:
        return None
    young_person_id, stage, facts_record = locked
    flagged, restricted, risks = await household_risks_in(
        tx, queries, person_id=facts_record["person_id"], young_person_id=young_person_id,
        today=today,
    )  # fmt: skip
    facts = Facts(
        history=tuple(facts_record["history"]),
        flagged=flagged,
        restricted_by_order=restricted,
        risks=risks,
        wish=await _effective_wish(tx, queries, facts_record),
        overridden=tuple(facts_record["overridden"]),
    )
    return young_person_id, stage, facts


async def move_in(
    tx: AsyncManagedTransaction,
    queries: Queries,
    *,
    cid: str,
    stage: Stage,
    expected: Stage,
    reason: str | None,
    user_id: str,
    override_reason: str | None = None,
    overridden: tuple[str, ...] = (),
) -> None:
    """Record a decided move (from `expected`, the stage it was decided on)."""
    moved = await (
        await tx.run(queries["move_connection"], id=cid, stage=stage, expected=expected,
                     reason=reason, override_reason=override_reason, overridden=list(overridden),
                     user_id=user_id)
    ).single()  # fmt: skip
    if moved is None:  # cannot happen under the lock; never write past a changed stage
        raise Conflict("The connection changed while this move was decided; try again.")


async def recorded_move(
    tx: AsyncManagedTransaction,
    db: Db,
    actor: Principal,
    young_person_id: str,
    cid: str,
    stage: Stage,
    expected: Stage,
    reason: str,
) -> None:
    """A stage move that follows from something else (an invitation, an attendance, a
    withdrawal), recorded and audited as any move is."""
    await move_in(tx, db.queries, cid=cid, stage=stage, expected=expected, reason=reason,
                  user_id=actor.user_id)  # fmt: skip
    await record_in(tx, db.queries, principal=actor, action="connection.stage",
                    resource=f"connection:{cid}", outcome="allowed",
                    young_person_id=young_person_id, reason=f"to {stage} ({reason})")  # fmt: skip


async def withdraw_coming_invitations(
    tx: AsyncManagedTransaction,
    db: Db,
    actor: Principal,
    *,
    young_person_id: str,
    today: date,
    why: Withdrawn,
    connection_id: str | None = None,
    person_id: str | None = None,
) -> None:
    """A person who declines or whose approval is withdrawn (their connection,
    `connection_id`), or who is taken out of the network (`person_id`), is no longer a guest of
    the young person's events still to come: each invitation is withdrawn (kept, saying only
    why) and audited as a withdrawal is. One taken out who is then invited to no event, and at
    `invited`, goes back to `willing`, as a withdrawal leaves a guest. The caller holds the
    person's lock."""
    withdrawn = await (
        await tx.run(db.queries["withdraw_coming_invitations"], young_person_id=young_person_id,
                     connection_id=connection_id, person_id=person_id, today=today.isoformat(),
                     user_id=actor.user_id, reason=_WITHDRAWN_BECAUSE[why])
    ).data()  # fmt: skip
    for row in withdrawn:
        cid = row["connection_id"]
        for event_id in row["events"]:
            await record_in(tx, db.queries, principal=actor, action="event.withdraw",
                            resource=f"event:{event_id}", outcome="allowed",
                            young_person_id=young_person_id,
                            reason=f"connection:{cid} {why}")  # fmt: skip
        if why == "taken out of the network" and row["stage"] == "invited" and not row["others"]:
            await recorded_move(tx, db, actor, young_person_id, cid, "willing", "invited",
                                "Invitations withdrawn: taken out of the network")  # fmt: skip


async def _end_commitments(
    tx: AsyncManagedTransaction,
    db: Db,
    actor: Principal,
    young_person_id: str,
    cid: str,
    today: date,
    why: Withdrawn,
) -> None:
    """A person who declines, or whose approval is withdrawn, is held to none of their
    promises: their commitments in force end today (kept, saying why), each audited. Asked
    again, checked and approved again, they agree afresh what they will do: an old promise
    made them overdue before anyone had been in touch (two second readers)."""
    ended = await (
        await tx.run(db.queries["end_commitments"], connection_id=cid, today=today.isoformat(),
                     user_id=actor.user_id, reason=_WITHDRAWN_BECAUSE[why])
    ).data()  # fmt: skip
    for row in ended:
        await record_in(tx, db.queries, principal=actor, action="commitment.end",
                        resource=f"commitment:{row['id']}", outcome="allowed",
                        young_person_id=young_person_id, reason=why)  # fmt: skip


Withdrawn = Literal["declined", "approval withdrawn", "taken out of the network"]
# What an invitation withdrawn, or a commitment ended, for the person, not by a coordinator, says.
_WITHDRAWN_BECAUSE: dict[Withdrawn, str] = {
    "declined": "They declined to take part.",
    "approval withdrawn": "Their approval was withdrawn.",
    "taken out of the network": "Taken out of the young person's network.",
}
# The moves that end a person's invitations to events still to come, and their commitments.
_ENDS_INVOLVEMENT: dict[Stage, Withdrawn] = {
    "declined": "declined",
    "not_approved": "approval withdrawn",
}


async def move(
    db: Db,
    *,
    actor: Principal,
    cid: str,
    body: StageMove,
    today: date,
) -> ConnectionPublic:
    """Move a connection to a stage. The facts the rules need (the stage history, flags and
    orders in the household, the young person's wishes) are read inside the transaction that
    writes the move, after taking the locks of the connection and of the person: two moves at
    once are decided one after the other, and a flag raised on the person while a move is
    being decided is either seen by it or raised after it. A decline, or an approval
    withdrawn, withdraws the person's invitations to events still to come, in the same
    transaction."""
    if actor.role not in RULE_ROLES:
        raise NotFound("No connection with this id is within your allocations.")
    step = Move(target=body.stage, role=RULE_ROLES[actor.role], reason=body.reason,
                override_reason=body.override_reason)  # fmt: skip

    async def work(tx: AsyncManagedTransaction) -> tuple[str, list[Refusal]] | None:
        held = await connection_facts_in(tx, db.queries, cid=cid, today=today)
        if held is None:
            return None
        young_person_id, stage, facts = held
        refusals = check_move(facts, step)
        if refusals:
            return young_person_id, refusals
        # An override only when there was something to override: whose flag or order it was.
        overrode = overrides(facts) if body.override_reason else ()
        await move_in(tx, db.queries, cid=cid, stage=body.stage, expected=stage,
                      reason=body.reason, override_reason=body.override_reason,
                      overridden=overrode, user_id=actor.user_id)  # fmt: skip
        await record_in(tx, db.queries, principal=actor, action="connection.stage",
                        resource=f"connection:{cid}", outcome="allowed",
                        young_person_id=young_person_id,
                        reason=f"to {body.stage}{OVERRIDE if overrode else ''}")  # fmt: skip
        # The other cases that hold someone whose flag or order was overridden are told, on
        # their trails, never by which case (a second reader: south raised a level-3 flag on a
        # mother both cases hold, north's manager approved contact over it, and south, whom
        # everyone is told to ask, never knew).
        await record_in_others(tx, db.queries, principal=actor, young_person_id=young_person_id,
                               changes=[Shared(f"{token.split(':')[0]}.overridden", token,
                                               (person,), "an approval of contact with someone "
                                               "in whose household it stands overrode it")
                                        for person, token in facts.risks
                                        if token in overrode])  # fmt: skip
        if body.stage in _ENDS_INVOLVEMENT:
            why = _ENDS_INVOLVEMENT[body.stage]
            await withdraw_coming_invitations(
                tx, db, actor, young_person_id=young_person_id, connection_id=cid, today=today,
                why=why,
            )  # fmt: skip
            await _end_commitments(tx, db, actor, young_person_id, cid, today, why)
        return young_person_id, []

    decided = await in_write(db, work)
    if decided is None:
        raise NotFound("No connection with this id is within your allocations.")
    young_person_id, refusals = decided
    if refusals:
        await record(db, principal=actor,
                     action="connection.stage", resource=f"connection:{cid}", outcome="refused",
                     young_person_id=young_person_id,
                     reason="; ".join(r.rule for r in refusals))  # fmt: skip
        raise refused(refusals)
    return (await _read(db, young_person_id, cid))[0]


async def set_wish(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    body: WishSet,
) -> None:
    if body.person_id == young_person_id:
        raise InvalidInput(
            "A wish is about someone else: the young person is not in their own network.",
            details=[{"loc": ["body", "person_id"], "msg": "the young person themself"}],
        )
    recorded = await audited_write(db, actor=actor, query="set_wish",
        params={"young_person_id": young_person_id, "person_id": body.person_id,
                "side": body.side, "wish": body.wish, "note": body.note,
                "user_id": actor.user_id},
        change=Change("wish.set", f"young_person:{young_person_id}", young_person_id),
    )  # fmt: skip
    if recorded is None:
        raise NotFound("No person with this id is within your allocations.")


async def wishes(db: Db, *, young_person_id: str) -> Wishes:
    records = await db.read("list_wishes", young_person_id=young_person_id)
    return Wishes.model_validate(dict(records[0]))
