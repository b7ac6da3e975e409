"""Taking a person out of a young person's network, and putting them back.

Nothing about safeguarding is erased by a case worker: a person with a flag, a court order, a
connection or an address, or who is in another young person's network, is only taken out of
this one (kept, hidden from this case, restorable by a manager). A person recorded in this case
alone and with none of that (an entry made by mistake) is deleted.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel

from service.auth.principal import Principal
from service.data.audit import record_in
from service.data.connections import withdraw_coming_invitations
from service.data.people import still_in_case
from service.data.safeguarding import whom_to_ask, withheld
from service.db import Db, in_write
from service.errors import Conflict, NotFound
from service.gedcom_checks import ancestor_loop
from service.kinship import display_name

Outcome = Literal["removed", "deleted"]


class RemovedPerson(BaseModel):
    person_id: str
    name: str
    removed_at: str
    removed_by: str | None


async def remove_person(
    db: Db,
    *,
    actor: Principal,
    person_id: str,
    young_person_id: str,
    today: date,
) -> Outcome:
    """Take `person_id` out of the case `young_person_id`; audited in the same transaction. One
    kept (taken out, not deleted) is no longer invited to the case's events still to come."""

    async def work(tx: AsyncManagedTransaction) -> Outcome | None:
        # The person's lock first, as a new connection, flag or tie takes it: what keeps them
        # (a connection made at the same moment) is seen before they are deleted.
        await (await tx.run(db.queries["lock_people"], ids=[person_id])).consume()
        record = await (
            await tx.run(db.queries["remove_person"], id=person_id,
                         young_person_id=young_person_id, user_id=actor.user_id)
        ).single()  # fmt: skip
        if record is None:
            # A young person is never deleted (below); anyone else is gone or out already.
            await still_in_case(tx, db.queries, person_id, young_person_id)
            return None
        outcome: Outcome = record["outcome"]
        if outcome == "removed":
            await withdraw_coming_invitations(tx, db, actor, young_person_id=young_person_id,
                                              person_id=person_id, today=today,
                                              why="taken out of the network")  # fmt: skip
        await record_in(tx, db.queries, principal=actor, action=f"person.{outcome[:-1]}",
                        resource=f"person:{person_id}", outcome="allowed",
                        young_person_id=young_person_id,
                        reason="kept: taken out of this network" if outcome == "removed"
                        else "deleted: recorded in this case alone")  # fmt: skip
        return outcome

    outcome: Outcome | None = await in_write(db, work)
    if outcome is None:
        raise Conflict(
            "A young person's record is not deleted: their history must not be lost. "
            "Change their status instead."
        )
    return outcome


async def restore_person(
    db: Db,
    *,
    actor: Principal,
    person_id: str,
    young_person_id: str,
) -> None:
    async def work(tx: AsyncManagedTransaction) -> bool:
        await (await tx.run(db.queries["lock_person_and_children"], id=person_id)).consume()
        record = await (
            await tx.run(
                db.queries["restore_person"], id=person_id, young_person_id=young_person_id
            )
        ).single()
        if record is None:
            return False
        # The case may have recorded others in their place while they were out.
        found = await (
            await tx.run(db.queries["check_restored_person"], id=person_id,
                         young_person_id=young_person_id)
        ).single(strict=True)  # fmt: skip
        if found["crowded"]:
            raise Conflict(
                f"Restored, {', '.join(sorted(found['crowded']))} would have more than two birth "
                "parents in this case: take out the parent recorded since, then restore."
            )
        if found["held"]:
            raise Conflict(
                f"Since they were taken out, someone else in this case holds "
                f"{', '.join(sorted(found['held']))} (a family tree imported again): take that "
                "person out, then restore."
            )
        linked = await (
            await tx.run(db.queries["case_parent_links"], young_person_id=young_person_id)
        ).single(strict=True)  # fmt: skip
        links = linked["links"]
        if ancestor_loop(links, [link for link in links if person_id in link]):
            raise Conflict("Restored, they would be their own ancestor through the ties recorded "
                           "since: take out or correct those ties, then restore.")  # fmt: skip
        await record_in(tx, db.queries, principal=actor, action="person.restore",
                        resource=f"person:{person_id}", outcome="allowed",
                        young_person_id=young_person_id)  # fmt: skip
        return True

    if not await in_write(db, work):
        raise NotFound("No person with this id was taken out of this young person's network.")


async def list_removed(db: Db, *, young_person_id: str) -> list[RemovedPerson]:
    records = await db.read("list_removed_people", young_person_id=young_person_id)
    return [_removed(r["removed"], young_person_id) for r in records]


def _removed(row: dict[str, Any], young_person_id: str) -> RemovedPerson:
    """One person the case took out, by the case's own id for them; named only while no other
    case holds them: once another does, their name is that case's, and whom to ask is said (a
    reader read another case's new name for him, and the name he is known by, here)."""
    teams = withheld("involves", row["cases"], young_person_id)
    name = display_name(row["given_name"], row["family_name"], row["known_as"])
    if teams is not None:
        name = f"someone in another case now (ask {whom_to_ask(teams)})"
    return RemovedPerson(
        person_id=row["person_id"],
        name=name,
        removed_at=row["removed_at"],
        removed_by=row["removed_by"],
    )
