"""Households, court orders and safeguarding links: short chains from anyone in a young
person's network to a person with an active flag or a court order, explained step by step."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from neo4j import AsyncDriver, AsyncManagedTransaction
from pydantic import BaseModel, ConfigDict, Field

from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal
from service.data.audit import record_in
from service.data.flags import FlagPublic
from service.db import in_write
from service.errors import InvalidInput
from service.queries import Queries

OrderKind = Literal[
    "section_34_contact_order",
    "prohibited_steps_order",
    "non_molestation_order",
    "occupation_order",
    "restraining_order",
    "domestic_abuse_protection_order",
    "stalking_protection_order",
    "emergency_protection_order",
    "other",
]
FLAG_WORDS = {
    "person_posing_risk_to_children": "person posing a risk to children",
    "mappa_managed_offender": "MAPPA-managed offender",
    "finding_of_fact": "finding of fact",
    "child_protection_enquiry": "substantiated child protection enquiry",
    "domestic_abuse_perpetrator": "domestic abuse perpetrator",
    "hazard_to_staff": "hazard to staff",
    "allegation": "allegation",
    "other": "other concern",
}


class AddressCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line1: str = Field(min_length=1, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    town: str = Field(min_length=1, max_length=100)
    postcode: str = Field(min_length=2, max_length=10, pattern=r"^[A-Za-z0-9 ]+$")
    since: date = Field(default_factory=date.today)


class OrderCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: OrderKind
    restricted_id: str = Field(min_length=1, max_length=100, description="Who may not contact.")
    protected_id: str = Field(
        min_length=1, max_length=100, description="Whom they may not contact."
    )
    terms: str | None = Field(default=None, max_length=2_000)
    made_on: date
    until: date | None = None


class OrderPublic(Shaped):
    id: str
    kind: OrderKind
    restricted_id: str
    protected_id: str
    made_on: str
    until: str | None
    terms: Annotated[str | None, Sensitive.flag_details] = None


class Step(BaseModel):
    person_id: str
    name: str
    relation: str = Field(description="How this person is tied to the one before.")


class Chain(Shaped):
    start_id: str
    start: str = Field(description="Who in the network the chain starts from.")
    steps: list[Step]
    length: int
    summary: str = Field(description="The chain in words, without what the flags say.")
    explanation: Annotated[str | None, Sensitive.flag_details] = None
    flags: list[FlagPublic]
    orders: list[OrderPublic]


class RiskPerson(BaseModel):
    person_id: str
    name: str
    term: str
    flags: list[FlagPublic]
    orders: list[OrderPublic]


class Safeguarding(BaseModel):
    chains: list[Chain]
    count: int
    flagged_in_network: list[RiskPerson]
    kept_away: list[OrderPublic] = Field(description="Current orders about the young person.")


def address_key(line1: str, postcode: str) -> str:
    return " ".join(line1.lower().split()) + "|" + "".join(postcode.upper().split())


async def move_house(
    driver: AsyncDriver,
    queries: Queries,
    *,
    database: str,
    actor: Principal,
    person_id: str,
    young_person_id: str,
    address: AddressCreate,
) -> None:
    if address.since > date.today():
        raise InvalidInput("'since' is in the future.")

    async def work(tx: AsyncManagedTransaction) -> None:
        await (
            await tx.run(queries["move_house"], person_id=person_id, id=str(uuid.uuid4()),
                         address_id=str(uuid.uuid4()),
                         key=address_key(address.line1, address.postcode),
                         line1=address.line1, line2=address.line2, town=address.town,
                         postcode=address.postcode.upper(), since=address.since.isoformat())
        ).consume()  # fmt: skip
        await record_in(tx, queries, principal=actor, action="address.set",
                        resource=f"person:{person_id}", outcome="allowed",
                        young_person_id=young_person_id)  # fmt: skip

    await in_write(driver, database, work)


async def make_order(
    driver: AsyncDriver,
    queries: Queries,
    *,
    database: str,
    actor: Principal,
    young_person_id: str,
    order: OrderCreate,
) -> OrderPublic:
    if order.restricted_id == order.protected_id:
        raise InvalidInput("An order is between two different people.")
    if order.made_on > date.today() or (order.until and order.until < order.made_on):
        raise InvalidInput("An order is made on or before today, and ends after it is made.")
    new_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Any:
        created = await (
            await tx.run(queries["create_order"], id=new_id, kind=order.kind,
                         restricted_id=order.restricted_id, protected_id=order.protected_id,
                         terms=order.terms, made_on=order.made_on.isoformat(),
                         until=order.until.isoformat() if order.until else None,
                         author_id=actor.user_id)
        ).single(strict=True)  # fmt: skip
        await record_in(tx, queries, principal=actor, action="order.create",
                        resource=f"order:{new_id}", outcome="allowed",
                        young_person_id=young_person_id)  # fmt: skip
        return created["order"]

    return OrderPublic.model_validate(await in_write(driver, database, work))


async def household_risks(
    driver: AsyncDriver, queries: Queries, *, database: str, person_id: str, young_person_id: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(people with an active level-3 flag, people kept from the young person by an order),
    among the person and those living with them."""
    records, _, _ = await driver.execute_query(
        queries["get_household_risks"], person_id=person_id, young_person_id=young_person_id,
        today=date.today().isoformat(), database_=database, routing_="r",
    )  # fmt: skip
    if not records:
        return (), ()
    return tuple(records[0]["flagged"]), tuple(records[0]["restricted"])


def _flag_words(flag: FlagPublic) -> str:
    if flag.content is None:
        return "flagged"
    return f"level {flag.content.level}: {FLAG_WORDS.get(flag.content.kind, flag.content.kind)}"


def _order_words(order: OrderPublic) -> str:
    return order.kind.replace("_", " ")


async def links(
    driver: AsyncDriver,
    queries: Queries,
    *,
    database: str,
    young_person_id: str,
    network: dict[str, str],
    max_steps: int,
) -> Safeguarding:
    """Breadth-first from the whole network at once, one tie a round, so that each person
    reached is reached by a shortest chain; `network` maps person ids to how the young person
    knows them ("maternal aunt Jo Smith")."""
    today = date.today().isoformat()
    came_from: dict[str, tuple[str, str, str] | None] = dict.fromkeys(network)
    frontier = list(network)
    for _ in range(max_steps):
        if not frontier:
            break
        records, _, _ = await driver.execute_query(
            queries["expand_ties"], frontier=frontier, database_=database, routing_="r"
        )
        reached = []
        # Sorted, so that the same graph always gives the same chains.
        ties = sorted(records[0]["steps"] if records else [],
                      key=lambda r: (r["from_id"], r["to_id"], r["how"]))  # fmt: skip
        for r in ties:
            if r["to_id"] not in came_from:
                came_from[r["to_id"]] = (r["from_id"], r["how"], r["name"])
                reached.append(r["to_id"])
        frontier = reached
    records, _, _ = await driver.execute_query(
        queries["get_risks"], ids=list(came_from), young_person_id=young_person_id,
        today=today, database_=database, routing_="r",
    )  # fmt: skip
    chains: list[Chain] = []
    in_network: list[RiskPerson] = []
    for r in records:
        flags = [FlagPublic.model_validate(f) for f in r["flags"]]
        orders = [OrderPublic.model_validate(o) for o in r["orders"]]
        pid = r["person_id"]
        if pid in network:
            in_network.append(RiskPerson(person_id=pid, name=r["name"], term=network[pid],
                                         flags=flags, orders=orders))  # fmt: skip
            continue
        steps: list[Step] = []
        at = pid
        while (hop := came_from[at]) is not None:
            steps.append(Step(person_id=at, name=hop[2], relation=hop[1]))
            at = hop[0]
        steps.reverse()
        words = [f"{s.relation} -> {s.name}" for s in steps]
        head = f"{network[at]} -> " + " -> ".join(words)
        # What the flags say goes into the explanation only; need-to-know decides who sees it.
        shown = ", ".join([_flag_words(f) for f in flags] + [_order_words(o) for o in orders])
        asked = "; ".join(sorted({f.ask for f in flags}))
        summary = f"{head} (flagged: ask {asked})" if flags else f"{head} ({shown})"
        explanation = f"{head} ({shown})"
        chains.append(Chain(start_id=at, start=network[at], steps=steps, length=len(steps),
                            summary=summary, explanation=explanation, flags=flags,
                            orders=orders))  # fmt: skip
    chains.sort(key=lambda c: (c.length, c.summary))
    orders_about, _, _ = await driver.execute_query(
        queries["list_orders_about"], young_person_id=young_person_id, today=today,
        database_=database, routing_="r",
    )  # fmt: skip
    return Safeguarding(
        chains=chains, count=len(chains), flagged_in_network=in_network,
        kept_away=[OrderPublic.model_validate(o["order"]) for o in orders_about],
    )  # fmt: skip
