"""The Lifelong Links work on a young person: connections and their stages, the young person's
wishes, contacts, commitments and lapsed contacts."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response

from service.auth.access import CaseAccess, CaseDep, PathId, Reach, YoungPersonReach
from service.data import connections, contacts
from service.data.connections import ConnectionCreate, ConnectionPublic, StageMove, Wishes, WishSet
from service.data.contacts import (
    CommitmentCreate,
    CommitmentPublic,
    ContactCreate,
    ContactPublic,
    Lapsed,
)
from service.models import ListOf
from service.openapi import CONFLICT
from service.workflow import LAPSED_AFTER_MONTHS, lapse_days

router = APIRouter(tags=["connections"])


async def _connection_in_reach(
    access: CaseAccess, connection_id: str, action: str, *, read: bool
) -> Reach:
    young_person_id = await connections.connection_young_person(access.db, cid=connection_id)
    return await access.case_of(
        young_person_id, missing="No connection with this id is within your allocations.",
        action=action, record_allowed=read, resource=f"connection:{connection_id}",
    )  # fmt: skip


@router.post(
    "/young-people/{young_person_id}/connections",
    status_code=201,
    response_model=ConnectionPublic,
    responses=CONFLICT,
)
async def create_connection(
    body: ConnectionCreate, reach: YoungPersonReach, access: CaseDep
) -> ConnectionPublic:
    """Start approaching someone in the young person's network (stage identified or located)."""
    await access.named(
        body.person_id, loc=("person_id",), action="create_connection", case=reach.person_id
    )
    return await connections.connect(access.db, actor=access.principal,
        young_person_id=reach.person_id, body=body,
    )  # fmt: skip


@router.get("/young-people/{young_person_id}/connections", response_model=ListOf[ConnectionPublic])
async def list_connections(reach: YoungPersonReach, access: CaseDep) -> ListOf[ConnectionPublic]:
    found = await connections.list_connections(access.db, young_person_id=reach.person_id)
    return ListOf[ConnectionPublic](data=found, count=len(found))


@router.get("/connections/{connection_id}", response_model=ConnectionPublic)
async def read_connection(connection_id: PathId, access: CaseDep) -> ConnectionPublic:
    reach = await _connection_in_reach(access, connection_id, "read_connection", read=True)
    return await connections.get_connection(
        access.db, young_person_id=reach.person_id, cid=connection_id,
    )  # fmt: skip


@router.post(
    "/connections/{connection_id}/stage", response_model=ConnectionPublic, responses=CONFLICT
)
async def move_connection(
    connection_id: PathId, body: StageMove, access: CaseDep
) -> ConnectionPublic:
    """Move a connection on. The rules are enforced: a refusal is a 409 naming each rule broken
    and the people concerned (no contact without approval; no approval while the person has an
    active level-3 flag unless a manager overrides in writing; never against the young person's
    wishes)."""
    await _connection_in_reach(access, connection_id, "move_connection", read=False)
    return await connections.move(access.db, actor=access.principal,
        cid=connection_id, body=body, today=access.today,
    )  # fmt: skip


@router.put("/young-people/{young_person_id}/wishes", status_code=204)
async def set_wish(body: WishSet, reach: YoungPersonReach, access: CaseDep) -> Response:
    """Record the young person's wish about one person or a whole side: want contact, not now,
    never."""
    if body.person_id is not None:
        await access.named(
            body.person_id, loc=("person_id",), action="set_wish", case=reach.person_id
        )
    await connections.set_wish(access.db, actor=access.principal,
        young_person_id=reach.person_id, body=body,
    )  # fmt: skip
    return Response(status_code=204)


@router.get("/young-people/{young_person_id}/wishes", response_model=Wishes)
async def read_wishes(reach: YoungPersonReach, access: CaseDep) -> Wishes:
    return await connections.wishes(access.db, young_person_id=reach.person_id)


@router.post("/connections/{connection_id}/contacts", status_code=201, response_model=ContactPublic)
async def add_contact(connection_id: PathId, body: ContactCreate, access: CaseDep) -> ContactPublic:
    reach = await _connection_in_reach(access, connection_id, "add_contact", read=False)
    return await contacts.add_contact(access.db, actor=access.principal,
        young_person_id=reach.person_id, cid=connection_id, body=body,
    )  # fmt: skip


@router.get("/connections/{connection_id}/contacts", response_model=ListOf[ContactPublic])
async def list_contacts(connection_id: PathId, access: CaseDep) -> ListOf[ContactPublic]:
    await _connection_in_reach(access, connection_id, "list_contacts", read=True)
    found = await contacts.list_contacts(access.db, cid=connection_id)
    return ListOf[ContactPublic](data=found, count=len(found))


@router.post(
    "/connections/{connection_id}/commitments",
    status_code=201,
    response_model=CommitmentPublic,
    responses=CONFLICT,
)
async def add_commitment(
    connection_id: PathId, body: CommitmentCreate, access: CaseDep
) -> CommitmentPublic:
    reach = await _connection_in_reach(access, connection_id, "add_commitment", read=False)
    return await contacts.add_commitment(access.db, actor=access.principal,
        young_person_id=reach.person_id, cid=connection_id, body=body, today=access.today,
    )  # fmt: skip


@router.get("/young-people/{young_person_id}/lapsed", response_model=ListOf[Lapsed])
async def read_lapsed(
    reach: YoungPersonReach,
    access: CaseDep,
    months: int = Query(
        default=LAPSED_AFTER_MONTHS,
        ge=1,
        le=60,
        description="Lapsed after this long where nothing was agreed.",
    ),
) -> ListOf[Lapsed]:
    """Connections overdue for contact and former carers, teachers and workers not heard from,
    most overdue first."""
    found = await contacts.find_lapsed(
        access.db, young_person_id=reach.person_id, threshold_days=lapse_days(months),
        today=access.today,
    )  # fmt: skip
    return ListOf[Lapsed](data=found, count=len(found))
