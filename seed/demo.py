"""The demo case: an invented boy in care and the family a coordinator starts from.

Modelled on the "Tom" of the published Lifelong Links stories, with invented names: Kai's
father died when he was six and his mother soon after he came into care. Loading is one
transaction of MERGEs on service-issued ids, so loading twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from service.queries import Queries

YOUNG_PERSON_ID = "demo-kai"

PEOPLE: list[dict[str, Any]] = [
    {"id": YOUNG_PERSON_ID, "given_name": "Kai", "family_name": "Brennan", "sex": "male",
     "birth_date": "2011-05-14", "death_date": None, "living": True, "care_status": "in_care"},
    {"id": "demo-donna", "given_name": "Donna", "family_name": "Brennan", "sex": "female",
     "birth_date": "1986-02-03", "death_date": "2021-11", "living": False, "care_status": None},
    {"id": "demo-craig", "given_name": "Craig", "family_name": "Walsh", "sex": "male",
     "birth_date": "1983", "death_date": "2017-09-30", "living": False, "care_status": None},
    {"id": "demo-margaret", "given_name": "Margaret", "family_name": "Brennan", "sex": "female",
     "birth_date": "1959-07-21", "death_date": None, "living": True, "care_status": None},
    {"id": "demo-sharon", "given_name": "Sharon", "family_name": "Brennan", "sex": "female",
     "birth_date": "1984", "death_date": None, "living": True, "care_status": None},
    {"id": "demo-patrick", "given_name": "Patrick", "family_name": "Walsh", "sex": "male",
     "birth_date": "1955", "death_date": None, "living": True, "care_status": None},
    {"id": "demo-eileen", "given_name": "Eileen", "family_name": "Walsh", "sex": "female",
     "birth_date": "1957-03-08", "death_date": None, "living": True, "care_status": None},
    {"id": "demo-sean", "given_name": "Sean", "family_name": "Walsh", "sex": "male",
     "birth_date": "1980-10-12", "death_date": None, "living": True, "care_status": None},
    {"id": "demo-liam", "given_name": "Liam", "family_name": "Walsh", "sex": "male",
     "birth_date": "2005", "death_date": None, "living": True, "care_status": None},
]  # fmt: skip

# (parent, child, kind). Kai's maternal grandfather is unknown: a gap to research.
PARENTAGE: list[dict[str, str]] = [
    {"parent": "demo-donna", "child": YOUNG_PERSON_ID, "kind": "birth"},
    {"parent": "demo-craig", "child": YOUNG_PERSON_ID, "kind": "birth"},
    {"parent": "demo-margaret", "child": "demo-donna", "kind": "birth"},
    {"parent": "demo-margaret", "child": "demo-sharon", "kind": "birth"},
    {"parent": "demo-patrick", "child": "demo-craig", "kind": "birth"},
    {"parent": "demo-eileen", "child": "demo-craig", "kind": "birth"},
    {"parent": "demo-patrick", "child": "demo-sean", "kind": "birth"},
    {"parent": "demo-eileen", "child": "demo-sean", "kind": "birth"},
    {"parent": "demo-sean", "child": "demo-liam", "kind": "birth"},
]


async def load_demo(driver: AsyncDriver, queries: Queries, *, database: str) -> None:
    async def write(tx: AsyncManagedTransaction) -> None:
        await (await tx.run(queries["merge_demo_people"], people=PEOPLE)).consume()
        await (await tx.run(queries["merge_demo_parentage"], links=PARENTAGE)).consume()

    async with driver.session(database=database) as session:
        await session.execute_write(write)
