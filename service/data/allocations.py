"""Allocations: which coordinator or social worker works with which young person, and when."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from service.auth.principal import Principal, Role
from service.data.audit import record_in
from service.db import Db, in_write
from service.errors import Conflict, InvalidInput, NotFound
from service.models import InputModel, IsoDate, Text
from service.queries import Queries


class AllocationCreate(InputModel):
    user_id: Text = Field(min_length=1, max_length=100)
    from_: IsoDate | None = Field(
        default=None,
        alias="from",
        description="The first day; today in Europe/London if not given.",
    )
    until: IsoDate | None = None


class AllocationEnd(InputModel):
    until: IsoDate = Field(description="The last day of the allocation.")


class AllocationPublic(BaseModel):
    id: str
    user_id: str
    username: str
    display_name: str
    role: Role
    young_person_id: str
    from_: str = Field(alias="from", serialization_alias="from")
    until: str | None
    current: bool


async def _read_in(
    tx: AsyncManagedTransaction,
    queries: Queries,
    young_person_id: str,
    allocation_id: str,
    today: date,
) -> Any:
    record = await (
        await tx.run(queries["list_allocations"], young_person_id=young_person_id,
                     id=allocation_id, today=today.isoformat())
    ).single(strict=True)  # fmt: skip
    return record["allocation"]


async def _no_overlap(
    tx: AsyncManagedTransaction,
    queries: Queries,
    user_id: str,
    young_person_id: str,
    period: dict[str, Any],
    changed: str | None,
) -> None:
    """Refuse a period that overlaps another allocation of the worker to the young person
    (`changed`: the allocation whose period this is, left out). Holds the worker's lock first:
    two allocations of one worker made or changed at once are checked one after the other, each
    seeing the other's when it has committed."""
    await (await tx.run(queries["lock_user"], user_id=user_id)).consume()
    overlap = await (
        await tx.run(queries["overlapping_allocation"], user_id=user_id,
                     young_person_id=young_person_id, **period, other_than=changed)
    ).single(strict=True)  # fmt: skip
    if overlap["overlaps"]:
        raise Conflict("This worker already has an allocation for part of that period.")


async def allocate(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    allocation: AllocationCreate,
    today: date,
) -> AllocationPublic:
    start = allocation.from_ or today
    if allocation.until is not None and allocation.until < start:
        raise InvalidInput("'until' is before 'from'.")
    period: dict[str, Any] = {
        "from": start.isoformat(),
        "until": allocation.until.isoformat() if allocation.until else None,
    }
    new_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Any:
        await _no_overlap(tx, db.queries, allocation.user_id, young_person_id, period, None)
        created = await (
            await tx.run(db.queries["create_allocation"], id=new_id, user_id=allocation.user_id,
                         young_person_id=young_person_id, actor_id=actor.user_id, **period)
        ).single()  # fmt: skip
        if created is None:
            raise InvalidInput(
                "Allocate an enabled coordinator or social worker: no such user.",
                details=[{"loc": ["body", "user_id"], "msg": "not an allocatable user"}],
            )
        # Whom the case is opened to, and for when (a second reader: the trail said neither).
        await record_in(tx, db.queries, principal=actor, action="allocation.create",
                        resource=f"allocation:{new_id}", outcome="allowed",
                        young_person_id=young_person_id,
                        reason=f"user:{allocation.user_id} from {period['from']} until "
                               f"{period['until'] or 'open'}")  # fmt: skip
        return await _read_in(tx, db.queries, young_person_id, new_id, today)

    return AllocationPublic.model_validate(await in_write(db, work))


async def list_allocations(db: Db, *, young_person_id: str, today: date) -> list[AllocationPublic]:
    records = await db.read(
        "list_allocations", young_person_id=young_person_id, id=None, today=today.isoformat()
    )
    return [AllocationPublic.model_validate(r["allocation"]) for r in records]


async def end_allocation(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    allocation_id: str,
    until: date,
    today: date,
) -> AllocationPublic:
    async def work(tx: AsyncManagedTransaction) -> Any:
        current = await (
            await tx.run(db.queries["list_allocations"], young_person_id=young_person_id,
                         id=allocation_id, today=today.isoformat())
        ).single()  # fmt: skip
        if current is None:
            raise NotFound("No allocation with this id for this young person.")
        # The day before it began ends it before it began: withdrawn, never in force (a worker
        # allocated by mistake today loses access at once, not at midnight). Earlier is a slip.
        began = date.fromisoformat(current["allocation"]["from"])
        if until < began - timedelta(days=1):
            raise InvalidInput(
                "'until' is before the allocation's start; the day before the start withdraws it."
            )
        # A later last day may reach into another allocation of the worker: ending that one
        # would then leave them the case (an admin reader). An earlier one is never refused:
        # taking a worker off a case always works.
        last = current["allocation"]["until"]
        if last is not None and until.isoformat() > last:
            period = {"from": began.isoformat(), "until": until.isoformat()}
            await _no_overlap(tx, db.queries, current["allocation"]["user_id"], young_person_id,
                              period, allocation_id)  # fmt: skip
        await (
            await tx.run(db.queries["end_allocation"], id=allocation_id,
                         young_person_id=young_person_id, until=until.isoformat())
        ).consume()  # fmt: skip
        # A later last day gives the worker the case for longer, or back: said as such, with
        # the days it went between (a second reader: every change read "allocation.end").
        longer = last is not None and until.isoformat() > last
        await record_in(tx, db.queries, principal=actor,
                        action="allocation.extend" if longer else "allocation.end",
                        resource=f"allocation:{allocation_id}", outcome="allowed",
                        young_person_id=young_person_id,
                        reason=f"user:{current['allocation']['user_id']} until {last or 'open'} "
                               f"-> {until.isoformat()}")  # fmt: skip
        return await _read_in(tx, db.queries, young_person_id, allocation_id, today)

    return AllocationPublic.model_validate(await in_write(db, work))
