"""The young person's timeline (for the journey book) and suggestions of whom to look for next."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.auth.access import CaseDep, YoungPersonReach
from service.data import discovery
from service.data.discovery import Suggestion, TimelineCreate, TimelineEntry
from service.models import ListOf, answer

router = APIRouter(tags=["discovery"])


@router.post(
    "/young-people/{young_person_id}/timeline", status_code=201, response_model=TimelineEntry
)
async def add_timeline_entry(
    body: TimelineCreate, reach: YoungPersonReach, access: CaseDep
) -> TimelineEntry:
    """A place lived, a placement, a school or an event, with the people it involves."""
    for index, person_id in enumerate(body.people):
        await access.named(
            person_id, loc=("people", index), action="add_timeline_entry", case=reach.person_id
        )
    return await discovery.add_entry(access.db, actor=access.principal,
        young_person_id=reach.person_id, entry=body,
    )  # fmt: skip


@router.get("/young-people/{young_person_id}/timeline", response_model=ListOf[TimelineEntry])
async def read_timeline(reach: YoungPersonReach, access: CaseDep) -> ListOf[TimelineEntry]:
    found = await discovery.timeline(access.db, young_person_id=reach.person_id)
    return ListOf[TimelineEntry](data=found, count=len(found))


@router.get("/young-people/{young_person_id}/suggestions", response_model=ListOf[Suggestion])
async def read_suggestions(reach: YoungPersonReach, access: CaseDep) -> Response:
    """Whom to look for or approach next, ranked, each with its reason: relatives not yet
    connections (closest first), former carers and teachers, people named in the timeline, and
    gaps in the tree. Nobody the young person does not want approached is suggested."""
    found = await discovery.suggestions(access.db, young_person_id=reach.person_id)
    return answer(ListOf[Suggestion](data=found, count=len(found)))
