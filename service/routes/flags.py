"""Safety flags on people: raised and changed by social workers and managers; seen by every
case role, with what they say shown only to the roles that decide on contact."""

from __future__ import annotations

from fastapi import APIRouter

from service.auth.access import (
    CaseDep,
    CaseQuery,
    DeciderCaseDep,
    PathId,
    PersonReach,
    YoungPersonReach,
)
from service.data import flags
from service.data.flags import FlagCreate, FlagDue, FlagPublic, FlagUpdate, FlagWithHeldBack
from service.errors import InvalidInput, NotFound
from service.models import ListOf

router = APIRouter(tags=["safety flags"])


@router.get("/people/{person_id}/flags", response_model=ListOf[FlagPublic])
async def read_flags(reach: PersonReach, access: CaseDep) -> ListOf[FlagPublic]:
    """A person's flags: that they exist and whom to ask, for everyone; what they say, for
    social workers and managers (in its case's own words, only for that case's: `withheld`).
    Every look is in the audit trail."""
    found = await flags.list_flags(access.db, person_id=reach.person_id, opened=reach.cases)
    return ListOf[FlagPublic](data=found, count=len(found))


@router.get("/young-people/{young_person_id}/flags/due", response_model=ListOf[FlagDue])
async def read_flags_due(access: DeciderCaseDep, reach: YoungPersonReach) -> ListOf[FlagDue]:
    """The active flags on the young person and the people of their network whose review
    date has come or whose expiry date has passed, the longest due first: a social worker's or
    manager's list of flags to review. A flag is never retired by the calendar: one past its
    expiry stays active, and keeps holding people back, until it is closed or given a new
    date. Another case's words on a flag are withheld, as on /safeguarding."""
    found = await flags.flags_due(access.db, young_person_id=reach.person_id, today=access.today)
    return ListOf[FlagDue](data=found, count=len(found))


@router.post("/people/{person_id}/flags", status_code=201, response_model=FlagWithHeldBack)
async def raise_flag(
    body: FlagCreate, access: DeciderCaseDep, reach: PersonReach
) -> FlagWithHeldBack:
    """Raise a flag. The answer says which connections, in the cases through which you reach the
    person, the flag holds back: the approved connections of the person and of those living
    with them, when it is at level 3. Nothing brings them nearer the young person until a new
    safety check."""
    # The flag is its case's to change (`update_flag`): raised under the one case of the
    # caller's that holds the person, or the one they name.
    return await flags.raise_flag(access.db, actor=access.principal,
        person_id=reach.person_id, young_person_id=reach.one_case("to raise this flag under"),
        cases=reach.cases, flag=body,
    )  # fmt: skip


@router.patch("/flags/{flag_id}", response_model=FlagWithHeldBack)
async def update_flag(
    flag_id: PathId, body: FlagUpdate, access: DeciderCaseDep, case: CaseQuery = None
) -> FlagWithHeldBack:
    """Change a flag. The answer says which connections it holds back now, as raising one does:
    a flag set back to active holds back the approvals given while it was not. A flag of no
    case (its case took the person out) is changed through the one case of yours that holds
    the person, or the one you name: what you write is that case's."""
    if not body.model_fields_set:
        raise InvalidInput("Send at least one field to change.")
    missing = NotFound("No flag with this id is within your allocations.")
    resource = f"flag:{flag_id}"
    found = await flags.flag_person(access.db, flag_id=flag_id)
    if found is None:
        await access.no_such_record(action="update_flag", resource=resource,
                                    missing=missing.message)  # fmt: skip
    person_id, raised_in = found
    try:
        reach = await access.person_through(person_id, action="update_flag", read=False,
                                            case=case, resource=resource)  # fmt: skip
    except NotFound as exc:
        raise missing from exc
    if raised_in is not None and raised_in not in reach.cases:
        # What it says, its level and whether it still stands are for the case it was raised
        # under (lowering or closing it would free approvals there). The flag says whom to ask.
        await access.anothers(
            action="update_flag", resource=resource, case=raised_in,
            reason="raised under another case",
            said="This flag was raised under a case you do not hold: ask its author (the flag "
            "says whom), or raise a flag of your own.",
        )  # fmt: skip
    # Changed through the case it was raised under, when the caller holds it (what they write is
    # that case's, whichever case they name); a flag of no case, through the one case of theirs
    # that holds the person or the one they name (a second reader: the case named was ignored,
    # and the words written were recorded as the first case's by id).
    through = (raised_in if raised_in is not None and raised_in in reach.cases
               else reach.one_case("to change this flag through"))  # fmt: skip
    return await flags.update_flag(access.db, actor=access.principal,
        flag_id=flag_id, young_person_id=through, cases=reach.cases, changes=body,
    )  # fmt: skip
