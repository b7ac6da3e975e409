"""Safety flags on people. Everyone working with a young person sees that a flag exists and
whom to ask; what it says (`content`) only reaches the roles that decide on contact."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field, model_validator

from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal
from service.data.audit import record_shared
from service.dates import london_today
from service.db import Db, in_write
from service.errors import InvalidInput, NotFound
from service.kinship import display_name
from service.models import InputModel, IsoDate, Note, Omittable, Text
from service.queries import Queries
from service.workflow import Due, FlagKind, Stage, flag_due, held_back_by_a_flag

FlagStatus = Literal["active", "expired", "withdrawn"]
# Levels used by one council: 1 hazard to staff, 2 allegation, 3 known risk to children.
FlagLevel = Annotated[int, Field(ge=1, le=3)]


class FlagCreate(InputModel):
    kind: FlagKind
    level: FlagLevel
    source: Text = Field(min_length=1, max_length=200, examples=["MAPPA meeting, 2026-03-02"])
    details: Note | None = Field(default=None, max_length=10_000)
    raised_on: IsoDate = Field(default_factory=london_today)
    review_on: IsoDate | None = Field(
        default=None, description="Six months after raising if left out."
    )
    expires_on: IsoDate | None = None

    @model_validator(mode="after")
    def _dates(self) -> FlagCreate:
        if self.raised_on > london_today():
            raise ValueError("raised_on is in the future")
        for name in ("review_on", "expires_on"):
            value = getattr(self, name)
            if value is not None and value < self.raised_on:
                raise ValueError(f"{name} is before raised_on")
        return self


class FlagUpdate(InputModel):
    status: Omittable[FlagStatus] = None
    review_on: Omittable[IsoDate] = Field(
        default=None, description="Moved, never emptied: every flag is reviewed."
    )
    expires_on: IsoDate | None = None
    details: Note | None = Field(default=None, max_length=10_000)
    reason: Note | None = Field(
        default=None,
        max_length=2000,
        description="Why: needed to change the status (a flag withdrawn frees approvals; one "
        "set back to active holds them back). Kept with what the flag said before.",
    )


class FlagChange(BaseModel):
    """A change made to a flag: what it said before, who changed it, when and why."""

    changed: list[str]
    reason: str | None
    changed_at: str
    by: str
    status: FlagStatus
    review_on: str | None
    expires_on: str | None
    details: str | None
    withheld: bool = Field(
        default=False,
        description="Its reason or the details it kept were written by another case that holds "
        "the person, one you do not work with, and are left out (see `FlagContent.withheld`).",
    )


class FlagContent(BaseModel):
    """What a flag says: for those who decide on contact only."""

    kind: FlagKind
    level: int
    source: str | None = Field(description="None only when `withheld`.")
    details: str | None
    raised_on: str
    review_on: str | None
    expires_on: str | None
    # Each change made to it, oldest first.
    changes: list[FlagChange] = []
    withheld: bool = Field(
        default=False,
        description="Some of its words were written by another case that holds the person, "
        "one you do not work with (its source, by the case it was raised under; its details, "
        "by the case that wrote them; a change's reason, by the case it was made through). "
        "They may name that case's child or what was disclosed there, and are left out: its "
        "kind, level, dates and changes are given, and `ask` says whom to ask for the rest.",
    )


class FlagPublic(Shaped):
    id: str
    person_id: str
    status: FlagStatus
    ask: str = Field(description="Whom to ask about the flag.")
    content: Annotated[FlagContent | None, Sensitive.flag_details] = None


class HeldBack(BaseModel):
    """A connection a flag holds back: an approved person who is the flagged person or lives
    with them. Nothing brings them nearer the young person until a new safety check."""

    connection_id: str
    young_person_id: str
    person_id: str
    person_name: str
    stage: Stage


class FlagWithHeldBack(FlagPublic):
    held_back: list[HeldBack] = Field(
        description="The connections, in the cases through which you reach the flagged person, "
        "of that person and of those living with them, that this flag now holds back (an active "
        "flag at level 3, on someone whose approval stands and did not override this flag): "
        "withdraw or confirm each approval after a new safety check."
    )


def _theirs(case: str | None, opened: Collection[str]) -> bool:
    return case is None or case in opened


def as_seen(row: dict[str, Any], opened: Collection[str]) -> dict[str, Any]:
    """A flag's fields as a caller reading through `opened` (cases of theirs) sees them.

    What a flag says in its own words is the case's that wrote it: its source the case it was
    raised under (`raised_in`), its details the case that wrote them last (`details_of`), each
    change's reason the case it was made through and the details it kept the case that wrote
    them. They may name that case's child or what was disclosed there: a worker of another
    case that holds the person learns that the flag exists, its kind, level, dates and changes,
    and whom to ask, as a chain says whom to ask about another case's child (`withheld`). Words
    of no recorded case (written before the case was kept on a flag) are every
    holding case's. Taking the person out of a case, which lets the cases still holding them
    change the flag, gives nobody else its words (a second reader)."""
    flag = dict(row)
    source_of, details_of = flag.pop("raised_in", None), flag.pop("details_of", None)
    content = flag.get("content")
    if content is None:
        return flag
    said = dict(content)
    source_ok, details_ok = _theirs(source_of, opened), _theirs(details_of, opened)
    if not source_ok:
        said["source"] = None
    if not details_ok:
        said["details"] = None
    changes = []
    for change in said.get("changes", ()):
        kept = dict(change)
        reason_ok = _theirs(kept.pop("through", None), opened)
        kept_ok = _theirs(kept.pop("details_of", None), opened)
        kept |= {"reason": kept.get("reason") if reason_ok else None,
                 "details": kept.get("details") if kept_ok else None,
                 "withheld": not (reason_ok and kept_ok)}  # fmt: skip
        changes.append(kept)
    said["changes"] = changes
    said["withheld"] = not (source_ok and details_ok) or any(c["withheld"] for c in changes)
    flag["content"] = said
    return flag


def to_public(row: dict[str, Any], opened: Collection[str]) -> FlagPublic:
    return FlagPublic.model_validate(as_seen(row, opened))


async def _read_in(
    tx: AsyncManagedTransaction, queries: Queries, person_id: str, flag_id: str
) -> Any:
    record = await (
        await tx.run(queries["list_flags"], person_id=person_id, flag_id=flag_id)
    ).single(strict=True)
    return record["flag"]


async def raise_flag(
    db: Db,
    *,
    actor: Principal,
    person_id: str,
    young_person_id: str,
    cases: tuple[str, ...],
    flag: FlagCreate,
) -> FlagWithHeldBack:
    """Raise a flag on a person, and say which connections in `cases` (those through which the
    raiser reaches the person) it holds back, read in the same transaction."""
    review = flag.review_on or flag.raised_on + timedelta(days=182)
    values: dict[str, Any] = {
        "kind": flag.kind, "level": flag.level, "source": flag.source, "details": flag.details,
        "raised_on": flag.raised_on.isoformat(), "review_on": review.isoformat(),
        "expires_on": flag.expires_on.isoformat() if flag.expires_on else None,
    }  # fmt: skip
    flag_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Any:
        created = await (
            await tx.run(db.queries["create_flag"], id=flag_id, person_id=person_id,
                         author_id=actor.user_id, raised_in=young_person_id, **values)
        ).single()  # fmt: skip
        if created is None:
            raise InvalidInput("Flags are raised by a signed-in user of this service.")
        # A flag on a person other cases hold is news to them too (not a flag on a young
        # person, which no other case sees).
        await record_shared(tx, db.queries, principal=actor, action="flag.raise",
                            resource=f"flag:{flag_id}", young_person_id=young_person_id,
                            people=[] if person_id == young_person_id else [person_id])  # fmt: skip
        raised = await _read_in(tx, db.queries, person_id, flag_id)
        return raised, await _connections_in(tx, db.queries, person_id, cases)

    raised, connections = await in_write(db, work)
    return _with_held_back(raised, connections, flag_id=flag_id, level=flag.level, active=True,
                           opened=(young_person_id, *cases))  # fmt: skip


async def _connections_in(
    tx: AsyncManagedTransaction, queries: Queries, person_id: str, cases: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The connections, in `cases`, of the person and of those living with them, with their
    stages and what their latest approval overrode, read after taking the household's locks."""
    found = await tx.run(queries["list_held_back"], person_id=person_id, cases=list(cases))
    return [record.data() async for record in found]


def _with_held_back(
    flag: dict[str, Any], connections: list[dict[str, Any]], *, flag_id: str, level: int,
    active: bool, opened: Collection[str],
) -> FlagWithHeldBack:  # fmt: skip
    token = f"flag:{flag_id}"
    held = [HeldBack.model_validate(c) for c in connections if active and held_back_by_a_flag(
        tuple(c["history"]), level, token, tuple(c["overridden"]))]  # fmt: skip
    return FlagWithHeldBack.model_validate({**as_seen(flag, opened), "held_back": held})


async def list_flags(db: Db, *, person_id: str, opened: Collection[str]) -> list[FlagPublic]:
    """The person's flags as a caller reading through the cases `opened` sees them."""
    records = await db.read("list_flags", person_id=person_id, flag_id=None)
    return [to_public(r["flag"], opened) for r in records]


class FlagDue(FlagPublic):
    """An active flag due for a worker's review, on the young person or someone of their
    network."""

    name: str = Field(description="The person the flag is on, as the case names them.")
    due: Due = Field(
        description="`review`: its review date has come; `expired`: its expiry date has passed. "
        "Either way it stays active, and keeps holding people back, until a social worker or "
        "manager closes it or sets a new date."
    )
    due_on: str = Field(description="The review date, or the expiry date, that makes it due.")


async def flags_due(db: Db, *, young_person_id: str, today: date) -> list[FlagDue]:
    """The active flags on the young person and the people of their network that are due for
    review (`service.workflow.flag_due`), the longest due first; each as the case's workers
    see it (its words the case's own, or withheld: `as_seen`)."""
    records = await db.read("list_network_flags", young_person_id=young_person_id)
    found = []
    for r in records:
        flag = r["flag"]
        content = flag["content"]
        due = flag_due(flag["status"], content["review_on"], content["expires_on"], today)
        if due is None:
            continue
        on = content["expires_on"] if due == "expired" else content["review_on"]
        name = display_name(r["given_name"], r["family_name"], r["known_as"])
        seen = as_seen(flag, (young_person_id,))
        found.append(FlagDue.model_validate({**seen, "name": name, "due": due, "due_on": on}))
    found.sort(key=lambda f: (f.due_on, f.id))
    return found


async def flag_person(db: Db, *, flag_id: str) -> tuple[str, str | None] | None:
    """The person a flag is on and the case it was raised under (None when not recorded);
    None for no such flag."""
    records = await db.read("get_flag_person", id=flag_id)
    return (str(records[0]["person_id"]), records[0]["raised_in"]) if records else None


def _said(values: dict[str, Any], before: str) -> str:
    """A change as the audit trail gives it: the fields, and a status as it went."""
    said = [f"status {before} -> {values['status']}" if name == "status" else name
            for name in sorted(values)]  # fmt: skip
    return "changed: " + ", ".join(said)


async def update_flag(
    db: Db,
    *,
    actor: Principal,
    flag_id: str,
    young_person_id: str,
    cases: tuple[str, ...],
    changes: FlagUpdate,
) -> FlagWithHeldBack:
    """Change a flag, and say which connections in `cases` it holds back now it is changed (a
    flag set back to active holds back the approvals given while it was not)."""
    values = changes.model_dump(mode="json", exclude_unset=True)
    reason = values.pop("reason", None)
    if not values:
        raise InvalidInput("Send at least one field to change besides the reason.")
    if "status" in values and values["status"] is None:
        raise InvalidInput("'status' cannot be emptied; send a value.")

    async def work(tx: AsyncManagedTransaction) -> Any:
        record = await (
            await tx.run(db.queries["update_flag"], id=flag_id, changes=values,
                         changed=sorted(values), reason=reason, user_id=actor.user_id,
                         through=young_person_id)
        ).single()  # fmt: skip
        if record is None:
            raise NotFound("No flag with this id is within your allocations.")
        for name in ("review_on", "expires_on"):  # as when it was raised (FlagCreate)
            if values.get(name) and values[name] < record["raised_on"]:
                raise InvalidInput(
                    f"{name} is before raised_on",
                    details=[{"loc": ["body", name], "msg": "before raised_on"}],
                )
        moved = "status" in values and values["status"] != record["before"]
        if moved and not reason:
            # A second reader: a flag withdrawn and set back left "changed: status" twice.
            raise InvalidInput(
                "Say why the flag's status changes: 'reason' (a flag withdrawn frees the "
                "approvals it held back; one set back to active holds them back).",
                details=[{"loc": ["body", "reason"], "msg": "needed to change the status"}],
            )
        person_id = record["person_id"]
        # The flag is on a person other cases may hold: the change is theirs too (not a flag on
        # a young person, which no other case sees).
        await record_shared(tx, db.queries, principal=actor, action="flag.update",
                            resource=f"flag:{flag_id}", young_person_id=young_person_id,
                            people=[] if person_id == young_person_id else [person_id],
                            reason=_said(values, record["before"]))  # fmt: skip
        changed = await _read_in(tx, db.queries, person_id, flag_id)
        connections = await _connections_in(tx, db.queries, person_id, cases)
        return changed, connections, record["level"], record["status"] == "active"

    changed, connections, level, active = await in_write(db, work)
    return _with_held_back(changed, connections, flag_id=flag_id, level=level, active=active,
                           opened=(young_person_id, *cases))  # fmt: skip
