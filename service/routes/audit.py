"""`GET /audit`: the audit trail, a manager's team's part of it or, for an admin, all of it;
reading it is itself recorded."""

from __future__ import annotations

from fastapi import APIRouter, Query

from service.auth.guard import AuditReaderDep
from service.auth.principal import Role
from service.data import audit
from service.data.audit import AuditEvent
from service.db import DbDep, SettingsDep
from service.errors import ErrorResponse, InvalidInput
from service.models import IsoDateTime, ListOf

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    response_model=ListOf[AuditEvent],
    responses={403: {"model": ErrorResponse, "description": "Not a manager or an admin."}},
)
async def read_audit(
    actor: AuditReaderDep,
    db: DbDep,
    settings: SettingsDep,
    young_person_id: str | None = Query(default=None, max_length=100),
    user_id: str | None = Query(default=None, max_length=100),
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    limit: int = Query(default=200, ge=1, le=1000),
) -> ListOf[AuditEvent]:
    """The audit trail, newest first, filtered by young person, user and period.

    - **A manager** reads the events about the young people of their own team (as it stands
      today: a young person who moves team takes their history with them). Events that name no
      young person (sign-ins, user and token changes, refusals of people outside every case)
      are not theirs to read. A manager without a team reads nothing.
    - **An admin** reads every event of the council.
    - Other roles get 403.

    A `young_person_id` outside the manager's team and one that belongs to no one get the same
    answer: 200 with an empty list, as for a young person of the team with no events yet, so
    that the audit cannot tell whether a child is known to the council.

    Reading the audit is itself recorded, with the filters asked for.
    """
    if since and until and since >= until:
        raise InvalidInput("'since' must be before 'until'.")
    for moment in (since, until):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput("Give times with a time zone, for example 2026-11-01T00:00:00Z.")
    council_wide = actor.role is Role.admin
    found = await audit.list_events(
        db, council_wide=council_wide,
        team=actor.team, young_person_id=young_person_id, user_id=user_id, since=since,
        until=until, limit=limit,
    )  # fmt: skip
    await audit.record_trail_read(db, principal=actor, council_wide=council_wide,
                                  young_person_id=young_person_id)  # fmt: skip
    return ListOf[AuditEvent](data=found, count=len(found))
