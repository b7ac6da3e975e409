"""People in young people's networks, and the relationships between them."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response

from service.auth.access import CaseAccess, CaseDep, CaseQuery, PathId, PersonReach, Reach
from service.data import audit, people, relationships, relatives, removal
from service.data.people import PersonCreate, PersonPublic, PersonUpdate
from service.data.relationships import (
    RelationshipCreate,
    RelationshipPublic,
    RelationshipUpdate,
    Tie,
)
from service.data.relatives import Gap, Relatives
from service.errors import InvalidInput, NotFound
from service.models import ListOf, answer
from service.openapi import CONFLICT

router = APIRouter(tags=["people"])


@router.post("/people", status_code=201, response_model=PersonPublic, responses=CONFLICT)
async def create_person(body: PersonCreate, access: CaseDep) -> PersonPublic:
    """Add a person to a young person's network."""
    await access.named(
        body.young_person_id, loc=("young_person_id",), action="create_person", young=True
    )
    return await people.create_person(access.db, actor=access.principal,
        person=body,
    )  # fmt: skip


@router.get("/people", response_model=ListOf[PersonPublic])
async def find_people(
    access: CaseDep,
    external_id: str = Query(min_length=1, max_length=200),
    system: str | None = Query(default=None, min_length=1, max_length=60),
) -> ListOf[PersonPublic]:
    """The people within the caller's cases who hold an external id (at most 50)."""
    found = await access.people_holding(value=external_id, system=system, action="find_people")
    # Every case found holding a person is one of the caller's.
    opened = {case for _, _, cases in found for case in cases}
    listed = await people.get_people(access.db, person_ids=[pid for pid, _, _ in found],
                                     via=[via for _, via, _ in found], opened=opened)  # fmt: skip
    return ListOf[PersonPublic](data=listed, count=len(listed))


@router.get("/people/{person_id}", response_model=PersonPublic)
async def read_person(reach: PersonReach, access: CaseDep) -> PersonPublic:
    return await people.get_person(access.db, person_id=reach.person_id,
                                   via=reach.young_person_id, opened=reach.cases)  # fmt: skip


@router.patch("/people/{person_id}", response_model=PersonPublic, responses=CONFLICT)
async def update_person(body: PersonUpdate, reach: PersonReach, access: CaseDep) -> PersonPublic:
    if not body.model_fields_set:
        raise InvalidInput("Send at least one field to change.")
    case = reach.one_case("these notes are for") if "notes" in body.model_fields_set else None
    return await people.update_person(access.db, actor=access.principal,
        person_id=reach.person_id, young_person_id=case or reach.young_person_id,
        opened=reach.cases, changes=body,
    )  # fmt: skip


@router.delete("/people/{person_id}", status_code=204, responses=CONFLICT)
async def delete_person(reach: PersonReach, access: CaseDep) -> Response:
    """Take the person out of the young person's network they are reached through. Anyone
    with safeguarding history (a flag, an order, a connection, an address) or in another
    network is kept, hidden from this case and restorable by its manager
    (`/young-people/{id}/removed-people`); only an entry recorded in this case alone and with
    none of that is deleted. One kept is no longer invited to the case's events still to come."""
    await removal.remove_person(access.db, actor=access.principal,
        person_id=reach.person_id, young_person_id=reach.one_case("to take them out of"),
        today=access.today,
    )  # fmt: skip
    return Response(status_code=204)


@router.get("/people/{person_id}/relationships", response_model=ListOf[RelationshipPublic])
async def list_relationships(reach: PersonReach, access: CaseDep) -> ListOf[RelationshipPublic]:
    found = await relationships.list_relationships(
        access.db,
        person_id=reach.person_id,
        within=reach.within,
    )
    return ListOf[RelationshipPublic](data=found, count=len(found))


@router.post(
    "/relationships", status_code=201, response_model=RelationshipPublic, responses=CONFLICT
)
async def create_relationship(body: RelationshipCreate, access: CaseDep) -> RelationshipPublic:
    """Record a tie under one case: `young_person_id` when given, or else the case the caller
    opens that holds both people, or else the one that holds `to_id` (the first of several, but
    for a trusted adult's notes, which are that case's own: several is a 422). Both people are
    then in that case's network."""
    to = await access.named(body.to_id, loc=("to_id",), action="create_relationship")
    from_ = await access.named(body.from_id, loc=("from_id",), action="create_relationship")
    both = [case for case in to.cases if case in from_.cases]
    candidates = both or list(to.cases)
    if body.young_person_id is not None and body.young_person_id not in candidates:
        raise InvalidInput("No case of yours with this young person's id holds these people.",
                           details=[{"loc": ["body", "young_person_id"],
                                     "msg": "not a case of yours that holds them"}])  # fmt: skip
    notes = getattr(body, "notes", None) is not None
    case = Reach(body.to_id, body.young_person_id or candidates[0], False, tuple(candidates),
                 named=body.young_person_id is not None)  # fmt: skip
    chosen = case.one_case("these notes are for", ("body", "young_person_id")) if notes else None
    return await relationships.create_relationship(access.db, actor=access.principal,
        young_person_id=chosen or case.young_person_id,
        relationship=body,
    )  # fmt: skip


async def _relationship_in_reach(
    access: CaseAccess, relationship_id: str, action: str, *, read: bool, case: str | None
) -> tuple[Tie, Reach]:
    tie = await relationships.get_relationship(access.db, relationship_id=relationship_id)
    missing = NotFound("No relationship with this id is within your allocations.")
    resource = f"relationship:{relationship_id}"
    if tie is None:
        await access.no_such_record(action=action, resource=resource, missing=missing.message)
    found = tie.shown
    # Both ends must be seen through one case: a tie to someone recorded only under another
    # case (a carer's other foster child) is not shown, and is on the trail as refused. A look
    # is recorded as allowed only once both ends are known to share a case, under that case.
    try:
        reach = await access.person(
            found.to_id, action=action, record_allowed=False, resource=resource
        )
        other = await access.person(
            found.from_id, action=action, record_allowed=False, resource=resource
        )
    except NotFound as exc:
        raise missing from exc
    shared = [held for held in reach.cases if held in other.cases]
    refused = "not within one case"
    if case is not None and shared:  # the case the caller works through, first, if it holds it
        if case in shared:
            shared = [case, *(held for held in shared if held != case)]
        else:
            shared, refused = [], "the case named does not hold the tie"
    if not shared:
        # A refusal under the case named, or else of the person the tie leads to, whose manager
        # sees it; the tie named there only if that case holds both its ends.
        await audit.record_probe(
            access.db, principal=access.principal, action=action, resource=resource,
            case=case or reach.young_person_id, people=[found.to_id, found.from_id],
            reason=refused,
        )  # fmt: skip
        raise missing
    if read:
        await audit.record(
            access.db, principal=access.principal, action=action, resource=resource,
            outcome="allowed", young_person_id=shared[0],
        )  # fmt: skip
    return tie, Reach(reach.person_id, shared[0], reach.is_young_person, tuple(shared),
                      named=case is not None)  # fmt: skip


@router.get("/relationships/{relationship_id}", response_model=RelationshipPublic)
async def read_relationship(
    relationship_id: PathId, access: CaseDep, case: CaseQuery = None
) -> RelationshipPublic:
    tie, reach = await _relationship_in_reach(
        access, relationship_id, "read_relationship", read=True, case=case
    )
    return tie.seen_by(reach.young_person_id)


@router.patch("/relationships/{relationship_id}", response_model=RelationshipPublic)
async def update_relationship(
    relationship_id: PathId, body: RelationshipUpdate, access: CaseDep, case: CaseQuery = None
) -> RelationshipPublic:
    if not body.model_fields_set:
        raise InvalidInput("Send at least one field to change.")
    tie, reach = await _relationship_in_reach(
        access, relationship_id, "update_relationship", read=False, case=case
    )
    notes = "notes" in body.model_fields_set
    return await relationships.update_relationship(access.db, actor=access.principal,
        young_person_id=reach.one_case("these notes are for") if notes else reach.young_person_id,
        tie=tie, changes=body,
    )  # fmt: skip


@router.delete("/relationships/{relationship_id}", status_code=204)
async def delete_relationship(
    relationship_id: PathId, access: CaseDep, case: CaseQuery = None
) -> Response:
    tie, reach = await _relationship_in_reach(
        access, relationship_id, "delete_relationship", read=False, case=case
    )
    await relationships.delete_relationship(access.db, actor=access.principal,
        young_person_id=reach.young_person_id, tie=tie,
    )  # fmt: skip
    return Response(status_code=204)


@router.get("/people/{person_id}/relatives", response_model=Relatives)
async def read_relatives(
    person_id: PathId,
    access: CaseDep,
    max_generations: int = Query(
        default=4, ge=1, le=6, description="Bounds both Ga and Gb: 4 reaches second cousins."
    ),
    side: Literal["maternal", "paternal"] | None = Query(
        default=None,
        description="Relatives on this side, including those on both sides and those whose "
        "side is not known.",
    ),
    living: bool | None = None,
    case: CaseQuery = None,
) -> Response:
    """Every relative by birth, adoption, step and marriage, named as a social worker would."""
    # The busiest read: checked first, then kept for the next read (see CaseAccess.read_person).
    found = await access.read_person(
        person_id,
        action="read_relatives",
        fetch=lambda within: relatives.find_relatives(access.db, person_id=person_id,
            within=within, max_generations=max_generations, side=side, living=living,
        ),
        key=("relatives", person_id, max_generations, side, living, access.today),
        case=case,
    )  # fmt: skip
    return answer(found)


@router.get("/people/{person_id}/gaps", response_model=ListOf[Gap])
async def read_gaps(reach: PersonReach, access: CaseDep) -> ListOf[Gap]:
    """Unknown parents, grandparents and great-grandparents: research tasks."""
    found = await relatives.find_gaps(
        access.db,
        person_id=reach.person_id,
        within=reach.within,
    )
    return ListOf[Gap](data=found, count=len(found))
