"""Keeping in touch once a connection is made: contacts (when, how, which way), the plan's
commitments (what, how often), and who is overdue for contact by the rules of
`service.workflow` (`/lapsed`, and the maps' lapsed ties)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal
from service.data.audit import Change, audited_write, record, record_in
from service.data.connections import RULE_ROLES, connection_facts_in, refused
from service.data.relatives import wish_sides_of
from service.dates import before_birth, london_today
from service.db import Db, in_write, run_once
from service.errors import InvalidInput, NotFound
from service.models import InputModel, IsoDate, Note, Text
from service.workflow import (
    BLOCKING_FLAG_LEVEL,
    check_commitment,
    connection_lapse,
    effective_wish,
    former_role_lapse,
    held_from_contact,
)
from service.workflow.terms import Wish

_NO_CONNECTION = "No connection with this id is within your allocations."

ContactMode = Literal["visit", "call", "text", "letter_or_card", "video", "social_media"]
Direction = Literal["to_young_person", "from_young_person", "both_ways"]


class ContactCreate(InputModel):
    on: IsoDate
    mode: ContactMode
    direction: Direction = "both_ways"
    note: Note | None = Field(default=None, max_length=10_000)


class ContactPublic(Shaped):
    id: str
    connection_id: str
    on: str
    mode: ContactMode
    direction: Direction
    note: Annotated[str | None, Sensitive.notes] = None


class CommitmentCreate(InputModel):
    what: Text = Field(min_length=1, max_length=500, examples=["A call on Sunday evenings"])
    every_days: int = Field(ge=1, le=366, description="How often, in days: 7 weekly, 365 yearly.")
    since: IsoDate = Field(default_factory=london_today)
    review_on: IsoDate | None = None


class CommitmentPublic(BaseModel):
    id: str
    connection_id: str
    what: str
    every_days: int
    since: str
    review_on: str | None


class Lapsed(BaseModel):
    person_id: str
    name: str
    kind: Literal["connection", "former_trusted_adult"]
    role: str = Field(description="The connection's stage, or the adult's former role.")
    connection_id: str | None
    last_contact: str | None
    days_since: int = Field(description="Days since the last contact, or since the role ended.")
    allowed_days: int = Field(description="What was expected: the commitment, or the threshold.")
    overdue_days: int
    expected: str | None = Field(description="The commitment, when there is one.")


async def add_contact(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    cid: str,
    body: ContactCreate,
) -> ContactPublic:
    if body.on > london_today():
        raise InvalidInput("A contact cannot be in the future.")
    births = await run_once(db, "get_connection_births", id=cid)
    if births and before_birth(body.on, births[0]["young_person_born"], births[0]["person_born"]):
        raise InvalidInput(
            "The contact is dated before the young person or the person was born: check the "
            "year.", details=[{"loc": ["body", "on"], "msg": "before a birth"}],
        )  # fmt: skip
    new_id = str(uuid.uuid4())

    created = await audited_write(db, actor=actor, query="add_contact",
        params={"connection_id": cid, "id": new_id, "on": body.on.isoformat(),
                "mode": body.mode, "direction": body.direction, "note": body.note,
                "user_id": actor.user_id},
        change=Change("contact.create", f"contact:{new_id}", young_person_id),
    )  # fmt: skip
    if created is None:
        raise NotFound("No connection with this id is within your allocations.")
    return ContactPublic.model_validate(created["contact"])


async def list_contacts(db: Db, *, cid: str) -> list[ContactPublic]:
    records = await db.read("list_contacts", connection_id=cid)
    return [ContactPublic.model_validate(r["contact"]) for r in records]


async def add_commitment(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    cid: str,
    body: CommitmentCreate,
    today: date,
) -> CommitmentPublic:
    """Record a commitment to keep in touch, if the rules allow (`check_commitment`: with
    someone the young person may be in touch with now), decided on the facts read after taking
    the connection's locks, as a stage move is."""
    if body.review_on is not None and body.review_on < body.since:
        raise InvalidInput("'review_on' is before 'since'.")
    if actor.role not in RULE_ROLES:
        raise NotFound(_NO_CONNECTION)
    new_id = str(uuid.uuid4())
    params = {"connection_id": cid, "id": new_id, "what": body.what,
              "every_days": body.every_days, "since": body.since.isoformat(),
              "review_on": body.review_on.isoformat() if body.review_on else None,
              "user_id": actor.user_id}  # fmt: skip

    async def work(tx: AsyncManagedTransaction) -> Any:
        held = await connection_facts_in(tx, db.queries, cid=cid, today=today)
        if held is None or held[0] != young_person_id:
            return None
        refusals = check_commitment(held[2], RULE_ROLES[actor.role])
        if refusals:
            return refusals
        made = await (await tx.run(db.queries["add_commitment"], params)).single()
        if made is None:
            return None
        await record_in(tx, db.queries, principal=actor, action="commitment.create",
                        resource=f"commitment:{new_id}", outcome="allowed",
                        young_person_id=young_person_id)  # fmt: skip
        return made["commitment"]

    created = await in_write(db, work)
    if created is None:
        raise NotFound(_NO_CONNECTION)
    if isinstance(created, list):
        await record(db, principal=actor, action="commitment.create",
                     resource=f"connection:{cid}", outcome="refused",
                     young_person_id=young_person_id,
                     reason="; ".join(r.rule for r in created))  # fmt: skip
        raise refused(created)
    return CommitmentPublic.model_validate(created)


def lapsed_rows(
    connections: list[dict[str, Any]],
    trusted: list[dict[str, Any]],
    *,
    today: date,
    threshold_days: int,
) -> list[dict[str, Any]]:
    """Who is overdue for contact, as the fields of `Lapsed`, most overdue first: from the
    connections and trusted-adult ties as `find_lapsed` and `get_network` read them, by the
    rules of `service.workflow`. Nobody lapses after their death."""
    found: list[dict[str, Any]] = []
    contact = {c["person_id"]: c for c in connections}
    for c in connections:
        commitment = c["commitment"]
        lapse = c["living"] is not False and connection_lapse(
            c["stage"], c["last_contact"],
            None if commitment is None else (commitment[0], commitment[1]),
            today=today, threshold_days=threshold_days,
        )  # fmt: skip
        if lapse:
            found.append({
                "person_id": c["person_id"], "name": c["person_name"], "kind": "connection",
                "role": c["stage"], "connection_id": c["connection_id"],
                "last_contact": c["last_contact"], "days_since": lapse.days_since,
                "allowed_days": lapse.allowed_days, "overdue_days": lapse.overdue_days,
                "expected": None if commitment is None else commitment[2],
            })  # fmt: skip
    for t in trusted:
        held = contact.get(t["person_id"])
        last = held["last_contact"] if held else None
        lapse = t["living"] is not False and former_role_lapse(
            t["until"], last, today=today, threshold_days=threshold_days,
            stage=held["stage"] if held else None,
        )  # fmt: skip
        if lapse:
            row = {
                "person_id": t["person_id"], "name": t["person_name"],
                "kind": "former_trusted_adult", "role": t["role"],
                "connection_id": held["connection_id"] if held else None, "last_contact": last,
                "days_since": lapse.days_since, "allowed_days": lapse.allowed_days,
                "overdue_days": lapse.overdue_days, "expected": None,
            }  # fmt: skip
            found.append(row)
    # One row a person, the most overdue (a connection's at the same count): a former carer
    # who is also a connection, or with two ties ended, is one person to get in touch with.
    most: dict[str, dict[str, Any]] = {}
    for row in found:
        held = most.get(row["person_id"])
        if held is None or row["overdue_days"] > held["overdue_days"]:
            most[row["person_id"]] = row
    return sorted(most.values(), key=lambda r: (-r["overdue_days"], r["person_id"]))


async def find_lapsed(
    db: Db,
    *,
    young_person_id: str,
    threshold_days: int,
    today: date | None = None,
) -> list[Lapsed]:
    """Connections overdue for contact and former carers, teachers and workers not heard from,
    most overdue first (a map reads the same from `get_network`)."""
    day = today or london_today()
    records = await run_once(
        db, "find_lapsed", young_person_id=young_person_id, today=day.isoformat()
    )
    if not records:
        return []
    rows = lapsed_rows(records[0]["connections"], records[0]["trusted"], today=day,
                       threshold_days=threshold_days)  # fmt: skip
    held = await held_from_contact_of(db, young_person_id, [r["person_id"] for r in rows], day)
    return [Lapsed.model_validate(row) for row in rows if row["person_id"] not in held]


async def held_from_contact_of(
    db: Db, young_person_id: str, person_ids: list[str], today: date
) -> set[str]:
    """Those of `person_ids` nobody is to get in touch with now (`held_from_contact`): /lapsed
    is a list of whom to get back in touch with, and suggestions of whom to approach, not of
    whom the young person's wish or a risk in their household keeps away."""
    if not person_ids:
        return set()
    found = await run_once(db, "get_contact_holds", young_person_id=young_person_id,
                           person_ids=person_ids, blocking_level=BLOCKING_FLAG_LEVEL,
                           today=today.isoformat())  # fmt: skip
    if not found:
        return set()
    facts = found[0]
    maternal, paternal = facts["wish_maternal"], facts["wish_paternal"]
    sides = ({} if maternal is None and paternal is None
             else await wish_sides_of(db, young_person_id=young_person_id))  # fmt: skip
    return held_among(person_ids, facts["people"], sides, maternal, paternal)


def held_among(
    person_ids: Iterable[str],
    holds: list[dict[str, Any]],
    sides: Mapping[str, str | None] | None,
    maternal: Wish | None,
    paternal: Wish | None,
) -> set[str]:
    """Those of `person_ids` nobody is to get in touch with now (`held_from_contact`), from what
    `contact_holds` read (`holds`: only those with a wish of their own or something in their
    household), each relative's side for the wishes about a side (`sides`, as `wish_sides`
    works them out; needed only when such a wish is recorded), and those wishes."""
    # Those not read have no wish of their own and nothing in their household: a side wish
    # alone may hold them.
    read = {p["person_id"]: p for p in holds}
    nothing: dict[str, Any] = {"wish": None, "risks": [], "overridden": []}
    held = set()
    for pid in person_ids:
        p = read.get(pid, nothing)
        wish = effective_wish(p["wish"], (sides or {}).get(pid), maternal, paternal)
        if held_from_contact(wish, p["risks"], p["overridden"]):
            held.add(pid)
    return held
