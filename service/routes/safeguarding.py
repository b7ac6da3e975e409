"""Households, court orders and the safeguarding links a social worker checks before anyone
is contacted."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response

from service.auth.access import CaseDep, DeciderCaseDep, PersonReach, YoungPersonReach
from service.data import connections, people, relatives, safeguarding
from service.data.safeguarding import AddressCreate, OrderCreate, OrderPublic, Safeguarding

router = APIRouter(tags=["safeguarding"])


@router.post("/people/{person_id}/addresses", status_code=204)
async def move_house(body: AddressCreate, reach: PersonReach, access: CaseDep) -> Response:
    """Where a person lives from a date; people at the same first line and postcode are a
    household. Addresses are shown only to roles that need them."""
    await safeguarding.move_house(
        access.driver, access.queries, database=access.database, actor=access.principal,
        person_id=reach.person_id, young_person_id=reach.young_person_id, address=body,
    )  # fmt: skip
    return Response(status_code=204)


@router.post("/orders", status_code=201, response_model=OrderPublic)
async def make_order(body: OrderCreate, access: DeciderCaseDep) -> OrderPublic:
    """A court order keeping one person from contacting another (a section 34 order, a
    restraining order, ...), until a date."""
    reaches = [
        await access.named(getattr(body, field), loc=(field,), action="make_order")
        for field in ("restricted_id", "protected_id")
    ]
    return await safeguarding.make_order(
        access.driver, access.queries, database=access.database, actor=access.principal,
        young_person_id=reaches[1].young_person_id, order=body,
    )  # fmt: skip


@router.get("/young-people/{young_person_id}/safeguarding", response_model=Safeguarding)
async def read_safeguarding(
    reach: YoungPersonReach,
    access: CaseDep,
    max_steps: int = Query(default=2, ge=1, le=4, description="The longest chain, in ties."),
) -> Safeguarding:
    """Every person with an active flag or a court order within `max_steps` ties (family,
    partner, household, other declared ties) of anyone in the young person's network (relatives
    and connections), by a shortest chain explained step by step; the flagged people in the
    network itself; and the orders about the young person."""
    yp = reach.person_id
    db = access.database
    kin = await relatives.find_relatives(
        access.driver, access.queries, database=db, person_id=yp, max_generations=4,
        side=None, living=None,
    )  # fmt: skip
    me = await people.get_person(access.driver, access.queries, database=db, person_id=yp)
    network = {yp: f"{me.name} (the young person)"}
    network |= {r.person_id: f"{r.term} {r.name}" for r in kin.data}
    for c in await connections.list_connections(
        access.driver, access.queries, database=db, young_person_id=yp
    ):
        network.setdefault(c.person_id, f"connection {c.person_name}")
    return await safeguarding.links(
        access.driver, access.queries, database=db, young_person_id=yp, network=network,
        max_steps=max_steps,
    )  # fmt: skip
