"""The end of the work: the celebration event (the Family Group Conference) with who is invited,
who came and what they offered, and the Lifelong Links plan it produces, with its versions and
a readable page of it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from service.auth.access import CaseAccess, CaseDep, PathId, Reach, YoungPersonReach
from service.data import events, plan
from service.data.events import Attendance, Event, EventCreate, GuestInvite, Withdrawal
from service.data.plan import PlanAgreed
from service.models import ListOf
from service.openapi import CONFLICT
from service.plan import PlanNow, PlanVersion, without
from visualise import documents

router = APIRouter(tags=["plan"])
Number = Annotated[int, Path(ge=1, le=10_000)]
_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "A page to read and print."}
}


async def _event_in_reach(access: CaseAccess, event_id: str, action: str, *, read: bool) -> Reach:
    young_person_id = await events.event_young_person(access.db, event_id=event_id)
    return await access.case_of(
        young_person_id, missing="No celebration event with this id is within your allocations.",
        action=action, record_allowed=read, resource=f"event:{event_id}",
    )  # fmt: skip


@router.post("/young-people/{young_person_id}/events", status_code=201, response_model=Event)
async def create_event(body: EventCreate, reach: YoungPersonReach, access: CaseDep) -> Event:
    """Arrange a celebration event for the young person: when, where, what."""
    return await events.create_event(access.db, actor=access.principal,
                                     young_person_id=reach.person_id, body=body)  # fmt: skip


@router.get("/young-people/{young_person_id}/events", response_model=ListOf[Event])
async def list_events(reach: YoungPersonReach, access: CaseDep) -> ListOf[Event]:
    found = await events.list_events(access.db, young_person_id=reach.person_id)
    return ListOf[Event](data=found, count=len(found))


@router.get("/events/{event_id}", response_model=Event)
async def read_event(event_id: PathId, access: CaseDep) -> Event:
    reach = await _event_in_reach(access, event_id, "read_event", read=True)
    return await events.get_event(access.db, young_person_id=reach.person_id, event_id=event_id)


@router.post("/events/{event_id}/guests", status_code=201, response_model=Event, responses=CONFLICT)
async def invite_guest(event_id: PathId, body: GuestInvite, access: CaseDep) -> Event:
    """Invite a connection: only people approved after a safety check, whom the young person
    agreed to approach and who said they are willing; never anyone the young person's wishes,
    a court order or a safety flag in their household keeps away (a 409 names each rule).
    A willing person moves to `invited`."""
    reach = await _event_in_reach(access, event_id, "invite_guest", read=False)
    return await events.invite(access.db, actor=access.principal,
                               young_person_id=reach.person_id, event_id=event_id, body=body,
                               today=access.today)  # fmt: skip


@router.post(
    "/events/{event_id}/guests/{connection_id}/withdrawal", response_model=Event,
    responses=CONFLICT,
)  # fmt: skip
async def withdraw_guest(
    event_id: PathId, connection_id: PathId, body: Withdrawal, access: CaseDep
) -> Event:
    """Withdraw an invitation (they cannot come, no longer wish to, or a concern since), with
    why: kept on the event; a guest it leaves invited nowhere goes back to `willing`, and
    inviting them again checks the rules again. Not for a guest recorded as having come (409:
    correct that first)."""
    reach = await _event_in_reach(access, event_id, "withdraw_guest", read=False)
    return await events.withdraw(access.db, actor=access.principal,
        young_person_id=reach.person_id, event_id=event_id, cid=connection_id, body=body,
        today=access.today,
    )  # fmt: skip


@router.put("/events/{event_id}/guests/{connection_id}", response_model=Event)
async def record_attendance(
    event_id: PathId, connection_id: PathId, body: Attendance, access: CaseDep
) -> Event:
    """Whether an invited guest came, and what they offered; one who came moves to
    `attended`."""
    reach = await _event_in_reach(access, event_id, "record_attendance", read=False)
    return await events.record_attendance(access.db, actor=access.principal,
        young_person_id=reach.person_id, event_id=event_id, cid=connection_id, body=body,
        today=access.today,
    )  # fmt: skip


@router.get("/young-people/{young_person_id}/plan", response_model=PlanNow)
async def read_plan(reach: YoungPersonReach, access: CaseDep) -> PlanNow:
    """The Lifelong Links plan as it stands today, the versions agreed, and what changed since
    the latest."""
    return await plan.plan_now(access.db, young_person_id=reach.person_id, today=access.today)


@router.post(
    "/young-people/{young_person_id}/plan/versions",
    status_code=201,
    response_model=PlanVersion,
    responses=CONFLICT,
)
async def agree_plan(body: PlanAgreed, reach: YoungPersonReach, access: CaseDep) -> PlanVersion:
    """Record the plan as it stands today as the next version, agreed on a day (at the event,
    at a review): kept as it reads, whatever changes later."""
    return await plan.agree(access.db, actor=access.principal, young_person_id=reach.person_id,
                            body=body, today=access.today)  # fmt: skip


@router.get("/young-people/{young_person_id}/plan/versions/{number}", response_model=PlanVersion)
async def read_plan_version(
    number: Number, reach: YoungPersonReach, access: CaseDep
) -> PlanVersion:
    return await plan.version(access.db, young_person_id=reach.person_id, number=number,
                              today=access.today)  # fmt: skip


@router.get(
    "/young-people/{young_person_id}/plan/document", response_class=HTMLResponse, responses=_HTML
)
async def plan_document(
    reach: YoungPersonReach,
    access: CaseDep,
    version: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    for_family: Annotated[
        bool,
        Query(
            description="The copy to give the family: without the parts for the workers "
            "(who is held back and why) and, of a version, without its people who are not "
            "in the plan today."
        ),
    ] = False,
) -> HTMLResponse:
    """The plan as a page to read and print: today's (with what changed since the latest
    version), or a recorded version."""
    if version is not None:
        agreed = await plan.version(access.db, young_person_id=reach.person_id, number=version,
                                    today=access.today)  # fmt: skip
        shown = (
            without(agreed.plan, set(agreed.not_in_plan_today))[0] if for_family else agreed.plan
        )
        page = documents.render_plan(shown.model_dump(), version=agreed.model_dump(),
                                     changes=[], latest=None, for_family=for_family)  # fmt: skip
    else:
        now = await plan.plan_now(access.db, young_person_id=reach.person_id, today=access.today)
        latest = now.versions[-1].model_dump() if now.versions else None
        page = documents.render_plan(now.plan.model_dump(), version=None,
                                     changes=now.changes_since_latest, latest=latest,
                                     for_family=for_family)  # fmt: skip
    return HTMLResponse(page.html, headers=documents.headers(page.nonce))
