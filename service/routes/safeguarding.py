"""Households, court orders and the safeguarding links a social worker checks before anyone
is contacted."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response

from service.auth.access import (
    CaseAccess,
    CaseDep,
    CaseQuery,
    DeciderCaseDep,
    PathId,
    PersonReach,
)
from service.data import chains, orders, safeguarding
from service.data.orders import OrderEnd
from service.data.safeguarding import AddressCreate, OrderCreate, OrderPublic, Safeguarding
from service.errors import InvalidInput, NotFound
from service.models import answer

router = APIRouter(tags=["safeguarding"])


@router.post("/people/{person_id}/addresses", status_code=204)
async def move_house(body: AddressCreate, reach: PersonReach, access: CaseDep) -> Response:
    """Where a person lives from a date; people at the same first line and postcode are a
    household. Addresses are shown only to roles that need them."""
    await safeguarding.move_house(access.db, actor=access.principal,
        person_id=reach.person_id, young_person_id=reach.young_person_id, address=body,
    )  # fmt: skip
    return Response(status_code=204)


@router.post("/orders", status_code=201, response_model=OrderPublic)
async def make_order(
    body: OrderCreate, access: DeciderCaseDep, case: CaseQuery = None
) -> OrderPublic:
    """A court order keeping one person from contacting another (a section 34 order, a
    restraining order, ...), until a date. Both people must be of one case of the caller's,
    which the order is made through: its terms are that case's words, and it is ended through
    that case. When several of the caller's cases hold both, name one (`young_person_id`); an
    order protecting a young person is made through their own case when the caller holds it."""
    protected = await access.named(body.protected_id, loc=("protected_id",), action="make_order")
    restricted = await access.named(body.restricted_id, loc=("restricted_id",),
                                    action="make_order")  # fmt: skip
    # A case of the caller's that holds both, not only the protected person's first: a mother
    # in two children's cases, her partner in one.
    both = [c for c in protected.cases if c in restricted.cases]
    if not both or (case is not None and case not in both):
        raise InvalidInput("No person with this id is within your allocations.",
                           details=[{"loc": ["body", "restricted_id"],
                                     "msg": "not within your allocations"}])  # fmt: skip
    if case is None and body.protected_id in both:
        case = body.protected_id  # about a child: their own case's
    if case is None and len(both) > 1:
        # The order would be the first case's by id, whose workers alone could end it (a second
        # reader: a worker of two cases found their words withheld from them in the other).
        raise InvalidInput(
            "Several of your cases hold both people: name the case the order is made through "
            "(young_person_id).",
            details=[{"loc": ["query", "young_person_id"], "msg": "several cases hold both"}],
        )
    return await safeguarding.make_order(access.db, actor=access.principal,
        young_person_id=case or both[0], order=body,
    )  # fmt: skip


@router.patch("/orders/{order_id}", response_model=OrderPublic)
async def end_order(order_id: PathId, body: OrderEnd, access: DeciderCaseDep) -> OrderPublic:
    """When a court order ends: discharged or varied by the court, or recorded in error (it
    then ends the day before it was made, and never applied). With a reason; what it said
    before, who changed it and why are kept on the order, and the change is on the trail.
    Changed through the case it was made through, as a flag is through the case it was raised
    under (a second reader: another case holding both people ended it, and freed people in the
    case that made it); an order made before that case was kept, through a case that holds
    both people."""
    resource = f"order:{order_id}"
    people = await orders.order_people(access.db, order_id=order_id)
    if people is None:
        await access.no_such_record(action="update_order", resource=resource,
                                    missing=orders.NO_ORDER)  # fmt: skip
    restricted, protected, made_in = people
    try:
        reaches = [
            await access.person(
                person, action="update_order", record_allowed=False, resource=resource
            )
            for person in (protected, restricted)
        ]
    except NotFound as exc:
        raise NotFound(orders.NO_ORDER) from exc
    both = [case for case in reaches[0].cases if case in reaches[1].cases]
    if not both:
        raise NotFound(orders.NO_ORDER)
    if made_in is not None and made_in not in both:
        # Ending it would free people in the case that made it.
        await access.anothers(
            action="update_order", resource=resource, case=made_in,
            reason="made through another case",
            said="This order was made through a case you do not hold: ask that case's team (the "
            "safeguarding links say which).",
        )  # fmt: skip
    return await orders.end_order(access.db, actor=access.principal, order_id=order_id,
                                  young_person_id=made_in or both[0], body=body)  # fmt: skip


@router.get("/young-people/{young_person_id}/safeguarding", response_model=Safeguarding)
async def read_safeguarding(
    young_person_id: PathId,
    access: CaseDep,
    max_steps: int = Query(
        default=2, ge=1, le=safeguarding.SEARCH_ROUNDS, description="The longest chain, in ties."
    ),
) -> Response:
    """Every chain of at most `max_steps` ties (family, partner, household, other declared
    ties) from anyone in the young person's network (relatives and connections) to a person with
    an active flag or a court order: one shortest chain from each member who reaches them,
    explained step by step; the flagged people in the network itself; and the orders about the
    young person."""
    # Checked first, then kept for the next read of the case (see CaseAccess.read_person).
    found = await access.read_person(
        young_person_id,
        action="read_safeguarding",
        young=True,
        fetch=lambda _cases: _safeguarding(access, young_person_id, max_steps),
        key=("safeguarding", young_person_id, max_steps, access.today),
    )
    return answer(found)


async def _safeguarding(access: CaseAccess, yp: str, max_steps: int) -> Safeguarding:
    return await chains.of_network(access.db, young_person_id=yp,
        max_steps=max_steps, today=access.today,
    )  # fmt: skip
