"""The audit trail: append-only events in Neo4j, written in the transaction of the change."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from neo4j import AsyncManagedTransaction, Record
from pydantic import BaseModel

from service.auth.principal import Principal
from service.db import Db, in_write, run_once
from service.queries import Queries

Outcome = Literal["allowed", "refused"]


class AuditEvent(BaseModel):
    id: str
    at: str
    user_id: str
    role: str
    action: str
    resource: str
    young_person_id: str | None
    outcome: Outcome
    reason: str | None


SIGN_IN = "sign_in"
# Who a refused sign-in is recorded under when the credential names no known user.
ANONYMOUS = "anonymous"


async def record_in(
    tx: AsyncManagedTransaction,
    queries: Queries,
    *,
    principal: Principal,
    action: str,
    resource: str,
    outcome: Outcome,
    young_person_id: str | None = None,
    reason: str | None = None,
) -> None:
    """Record an event inside an open transaction, so it commits or fails with the change."""
    await (
        await tx.run(
            queries["create_audit_event"],
            id=str(uuid.uuid4()),
            user_id=principal.user_id,
            role=principal.role.value,
            action=action,
            resource=resource,
            young_person_id=young_person_id,
            outcome=outcome,
            reason=reason,
        )
    ).consume()


async def record_shared(
    tx: AsyncManagedTransaction,
    queries: Queries,
    *,
    principal: Principal,
    action: str,
    resource: str,
    young_person_id: str,
    people: Sequence[str],
    reason: str | None = None,
    others: str | None = None,
    told: Mapping[str, str] | None = None,
) -> None:
    """Record an allowed change in the case it was made through and, inside the same open
    transaction, in every other case that holds all of `people` (a shared relative, their flag,
    a tie between two shared people), saying only what changed (`others`, when what they are
    told differs from `reason`; `told`: what a case is told instead, by case, whole)."""
    await record_in(tx, queries, principal=principal, action=action, resource=resource,
                    outcome="allowed", young_person_id=young_person_id,
                    reason=reason)  # fmt: skip
    if not people:
        return
    change = Shared(action, resource, tuple(people), others or reason or "changed")
    await record_in_others(tx, queries, principal=principal, young_person_id=young_person_id,
                           changes=[change], told=told)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Shared:
    """A change to people other cases may hold too, as those cases are told of it."""

    action: str
    resource: str
    people: tuple[str, ...]  # the cases that hold all of them are told
    reason: str


async def record_in_others(
    tx: AsyncManagedTransaction,
    queries: Queries,
    *,
    principal: Principal,
    young_person_id: str,
    changes: Sequence[Shared],
    told: Mapping[str, str] | None = None,
) -> None:
    """Each change, inside the same open transaction, in every case other than
    `young_person_id` (recorded by the caller) that holds all of its people, said to be made
    through another case; in one round trip whatever their number (an import's many)."""
    if not changes:
        return
    rows = [{"person_ids": list(c.people), "action": c.action, "resource": c.resource,
             "reason": f"{c.reason} (through another case)"} for c in changes]  # fmt: skip
    await (
        await tx.run(queries["record_in_other_cases"], changes=rows, via=young_person_id,
                     user_id=principal.user_id, role=principal.role.value,
                     told=dict(told or {}))
    ).consume()  # fmt: skip


@dataclass(frozen=True, slots=True)
class Change:
    """What the audit trail says of a change: its action, the resource, the case, and why."""

    action: str
    resource: str
    young_person_id: str | None = None
    reason: str | None = None


async def audited_write(
    db: Db,
    *,
    actor: Principal,
    query: str,
    params: Mapping[str, Any],
    change: Change | Callable[[Record], Change],
) -> Record | None:
    """One statement (`query`, a name in `cypher/`) and the audit record of the change it
    makes, in one transaction: the statement's record, or None when it matched nothing (then
    nothing is recorded and nothing changed). `change` may be worked out from the record (an
    id the statement made)."""

    async def work(tx: AsyncManagedTransaction) -> Record | None:
        found = await (await tx.run(db.queries[query], dict(params))).single()
        if found is None:
            return None
        said = change(found) if callable(change) else change
        await record_in(tx, db.queries, principal=actor, action=said.action,
                        resource=said.resource, outcome="allowed",
                        young_person_id=said.young_person_id, reason=said.reason)  # fmt: skip
        return found

    written: Record | None = await in_write(db, work)
    return written


async def record(
    db: Db,
    *,
    principal: Principal,
    action: str,
    resource: str,
    outcome: Outcome,
    young_person_id: str | None = None,
    reason: str | None = None,
) -> None:
    """Record an event on its own (a read, or a refusal)."""

    async def work(tx: AsyncManagedTransaction) -> None:
        await record_in(
            tx, db.queries, principal=principal, action=action, resource=resource,
            outcome=outcome, young_person_id=young_person_id, reason=reason,
        )  # fmt: skip

    await in_write(db, work, data=False)


async def record_probe(
    db: Db,
    *,
    principal: Principal,
    action: str,
    resource: str,
    case: str,
    people: Sequence[str],
    reason: str,
) -> None:
    """A refusal of a request naming a case (`?young_person_id=`) that is not one of the
    caller's holding `people`, recorded under the case named, whose team sees the probe. What
    was asked for (`resource`) is named there only when that case holds every one of `people`
    (its own person or tie): never the id of another case's person or tie (a second reader:
    Kai's trail showed the id of someone only Sam's case held, and anyone could write any id
    on any case's trail)."""
    held = await run_once(db, "case_holds", case=case, people=list(people))
    kind = resource.split(":", 1)[0]
    await record(
        db, principal=principal, action=action, outcome="refused", young_person_id=case,
        resource=resource if held and held[0]["held"] else f"{kind}:withheld", reason=reason,
    )  # fmt: skip


async def record_refusal(
    db: Db, *, principal: Principal, action: str, resource: str, reason: str
) -> None:
    """Record a refusal that concerns no case (a record no one has) as one auto-commit write:
    one round trip, as the access check records its own refusals, so that the two kinds of 404
    cost the database the same."""
    await run_once(
        db, "create_audit_event", write=True, id=str(uuid.uuid4()), user_id=principal.user_id,
        role=principal.role.value, action=action, resource=resource, young_person_id=None,
        outcome="refused", reason=reason,
    )  # fmt: skip


async def record_refused_sign_in(
    db: Db,
    *,
    user_id: str | None,
    role: str | None,
    resource: str,
    reason: str,
) -> None:
    """Record a refused sign-in: under the user the credential belonged to when that is known,
    otherwise under "anonymous". The reason is the service's own text, never the credential."""

    async def work(tx: AsyncManagedTransaction) -> None:
        await (
            await tx.run(
                db.queries["create_audit_event"], id=str(uuid.uuid4()),
                user_id=user_id or ANONYMOUS, role=role or "none", action=SIGN_IN,
                resource=resource, young_person_id=None, outcome="refused", reason=reason,
            )
        ).consume()  # fmt: skip

    await in_write(db, work, data=False)


async def list_events(
    db: Db,
    *,
    council_wide: bool,
    team: str | None,
    young_person_id: str | None,
    user_id: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
) -> list[AuditEvent]:
    """Events newest first: every event when `council_wide`, otherwise only the events about
    the young people of `team` (none at all when `team` is None). A young person outside that
    scope, or no young person at all, gives an empty list alike."""
    records = await db.read(
        "list_audit_events" if council_wide else "list_team_audit_events",
        team=team,
        young_person_id=young_person_id,
        user_id=user_id,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        limit=limit,
    )
    return [AuditEvent.model_validate(r["event"]) for r in records]


async def record_trail_read(
    db: Db, *, principal: Principal, council_wide: bool, young_person_id: str | None
) -> None:
    """Record a read of the audit trail. Asked about a young person whose trail the reader may
    read (their team's; any, for the admin), it is a look at that case. Asked about another
    team's child, it read nothing of theirs: it is recorded as a refusal under that child's case,
    for their team's managers to see the probe (the caller's answer is the same empty list as
    for no child at all); asked about no one, as a refusal concerning no case, with the id asked
    (it was a look by an outsider, counted in the child's own record as a change)."""
    scope = "whole council" if council_wide else f"team {principal.team or '(none)'}"
    case = young_person_id
    outcome: Outcome = "allowed"
    if young_person_id is not None:
        found = await run_once(db, "get_person_dates", id=young_person_id)
        held = bool(found) and found[0]["is_young_person"]
        if not held:
            case, outcome = None, "refused"
            scope += f": asked about {young_person_id}, no young person"
        elif not (council_wide or (principal.team and found[0]["team"] == principal.team)):
            outcome = "refused"
            scope += ": not a young person of that team"
    await record(db, principal=principal, action="audit.read", resource="audit",
                 outcome=outcome, young_person_id=case, reason=scope)  # fmt: skip
