"""Young people and the workers allocated to them."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.auth.access import CaseDep, ManagerCaseDep, PathId, YoungPersonReach
from service.data import allocations, people, removal
from service.data.allocations import AllocationCreate, AllocationEnd, AllocationPublic
from service.data.people import PersonPublic, YoungPersonCreate, YoungPersonUpdate
from service.data.removal import RemovedPerson
from service.errors import InvalidInput
from service.models import ListOf
from service.openapi import CONFLICT

router = APIRouter(tags=["young people"])


@router.post("/young-people", status_code=201, response_model=PersonPublic, responses=CONFLICT)
async def create_young_person(body: YoungPersonCreate, access: ManagerCaseDep) -> PersonPublic:
    """A manager opens a young person's record; it belongs to the manager's team."""
    if not access.principal.team:
        raise InvalidInput("A manager needs a team before opening a young person's record.")
    return await people.create_person(access.db, actor=access.principal,
        person=body, team=access.principal.team,
    )  # fmt: skip


@router.get("/young-people", response_model=ListOf[PersonPublic])
async def list_young_people(access: CaseDep) -> ListOf[PersonPublic]:
    """The young people the caller works with today (managers: their team's). Each one listed
    is a look at their record, audited as one."""
    ids = await access.young_people(action="list_young_people")
    found = await people.get_people(access.db, person_ids=ids, via=ids, opened=ids)
    return ListOf[PersonPublic](data=found, count=len(found))


@router.get("/young-people/{young_person_id}", response_model=PersonPublic)
async def read_young_person(reach: YoungPersonReach, access: CaseDep) -> PersonPublic:
    return await people.get_person(access.db, person_id=reach.person_id,
                                   via=reach.young_person_id, opened=reach.cases)  # fmt: skip


@router.patch("/young-people/{young_person_id}", response_model=PersonPublic)
async def update_young_person(
    body: YoungPersonUpdate, access: ManagerCaseDep, reach: YoungPersonReach
) -> PersonPublic:
    """A manager changes a young person's care status or moves them to another team."""
    if not body.model_fields_set or None in body.model_dump(exclude_unset=True).values():
        raise InvalidInput("Send a status or a team to change.")
    return await people.update_young_person(access.db, actor=access.principal,
        young_person_id=reach.person_id, changes=body,
    )  # fmt: skip


@router.get("/young-people/{young_person_id}/removed-people", response_model=ListOf[RemovedPerson])
async def list_removed_people(
    access: ManagerCaseDep, reach: YoungPersonReach
) -> ListOf[RemovedPerson]:
    """People taken out of this young person's network and kept (managers)."""
    found = await removal.list_removed(access.db, young_person_id=reach.person_id)
    return ListOf[RemovedPerson](data=found, count=len(found))


@router.post(
    "/young-people/{young_person_id}/removed-people/{person_id}/restore",
    status_code=204,
    responses=CONFLICT,
)
async def restore_person(
    person_id: PathId, access: ManagerCaseDep, reach: YoungPersonReach
) -> Response:
    """Put a person taken out of this young person's network back (managers)."""
    await removal.restore_person(access.db, actor=access.principal,
        person_id=person_id, young_person_id=reach.person_id,
    )  # fmt: skip
    return Response(status_code=204)


@router.post(
    "/young-people/{young_person_id}/allocations",
    status_code=201,
    response_model=AllocationPublic,
    response_model_by_alias=True,
    responses=CONFLICT,
)
async def allocate_worker(
    body: AllocationCreate, access: ManagerCaseDep, reach: YoungPersonReach
) -> AllocationPublic:
    return await allocations.allocate(access.db, actor=access.principal,
        young_person_id=reach.person_id, allocation=body, today=access.today,
    )  # fmt: skip


@router.get(
    "/young-people/{young_person_id}/allocations",
    response_model=ListOf[AllocationPublic],
    response_model_by_alias=True,
)
async def list_allocations(reach: YoungPersonReach, access: CaseDep) -> ListOf[AllocationPublic]:
    found = await allocations.list_allocations(
        access.db,
        young_person_id=reach.person_id,
        today=access.today,
    )
    return ListOf[AllocationPublic](data=found, count=len(found))


@router.patch(
    "/young-people/{young_person_id}/allocations/{allocation_id}",
    response_model=AllocationPublic,
    response_model_by_alias=True,
    responses=CONFLICT,
)
async def end_allocation(
    allocation_id: PathId, body: AllocationEnd, access: ManagerCaseDep, reach: YoungPersonReach
) -> AllocationPublic:
    return await allocations.end_allocation(access.db, actor=access.principal,
        young_person_id=reach.person_id, allocation_id=allocation_id, until=body.until,
        today=access.today,
    )  # fmt: skip
