"""A court order's end: discharged or varied by the court, or recorded in error. Made in
`service.data.safeguarding`; the rules that read orders look at `until`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import Field

from service.auth.principal import Principal
from service.data.audit import record_shared
from service.data.safeguarding import OrderPublic
from service.db import Db, in_write
from service.errors import InvalidInput, NotFound
from service.models import InputModel, IsoDate, Note

NO_ORDER = "No court order with this id is within your allocations."


class OrderEnd(InputModel):
    until: IsoDate = Field(
        description="The last day the order applies: the day before the court discharged it, "
        "the end it was varied to, or, for an order recorded in error, the day before it was "
        "made (it then never applied)."
    )
    reason: Note = Field(min_length=1, max_length=2000, examples=["Discharged by the court"])


async def order_people(db: Db, *, order_id: str) -> tuple[str, str, str | None] | None:
    """(restricted, protected, the case it was made through: None if made before that was
    kept) of an order, or None."""
    records = await db.read("get_order_people", id=order_id)
    if not records:
        return None
    found = records[0]
    return found["restricted_id"], found["protected_id"], found["made_in"]


async def end_order(
    db: Db, *, actor: Principal, order_id: str, young_person_id: str, body: OrderEnd
) -> OrderPublic:
    """Set when the order ends, audited under `young_person_id` (a case holding both people),
    keeping on the order what it said before, who changed it, when and why."""

    async def work(tx: AsyncManagedTransaction) -> Any:
        found = await (await tx.run(db.queries["get_order"], id=order_id)).single()
        if found is None:
            raise NotFound(NO_ORDER)
        before = found["order"]
        made_on = date.fromisoformat(before["made_on"])
        if body.until < made_on - timedelta(days=1):
            raise InvalidInput(
                "An order ends on or after the day before it was made.",
                details=[{"loc": ["body", "until"], "msg": "before the order was made"}],
            )
        change = json.dumps({"at": datetime.now(UTC).isoformat(), "by": actor.user_id,
                             "until": before["until"], "reason": body.reason})  # fmt: skip
        ended = await (
            await tx.run(db.queries["end_order"], id=order_id, until=body.until.isoformat(),
                         change=change)
        ).single(strict=True)  # fmt: skip
        # On the trail of every case that holds both people, as a flag's change is (the team
        # that recorded the order is told it ended), with why: the reason is the record of a
        # protection lifted (a second reader).
        # Cases that hold both (the case it was ended through leaves itself out): a case that
        # holds only one of them was never told of the order (a second reader of the change).
        # An order about a young person is that child's case's: another case holding the child
        # (a brother in care) is shown it with its terms withheld, and is told the dates, not
        # the words (a second reader: "Kai moved to Oak House foster placement" reached it).
        # The reason is the words of the case it is ended through, as the terms are the making
        # case's: another case holding both is told the dates (a second reader: "Kai told his
        # teacher ..." reached Sam's trail). An order made before its case was kept, ended by
        # any case holding both, tells them why, as before.
        people = [before["restricted_id"], before["protected_id"]]
        dates = f"until {before['until'] or 'none'} -> {body.until.isoformat()}"
        words_kept = found["about_a_child"] or found["made_in"] is not None
        await record_shared(tx, db.queries, principal=actor, action="order.update",
                            resource=f"order:{order_id}", young_person_id=young_person_id,
                            people=people, reason=f"{dates}: {body.reason}",
                            others=dates if words_kept else None)  # fmt: skip
        return ended["order"]

    return OrderPublic.model_validate(await in_write(db, work))
