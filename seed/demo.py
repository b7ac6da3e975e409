"""Load the demo case (`seed/demo_case.py`) and a demo team to work on it.

One transaction of MERGEs on fixed ids, so loading twice changes nothing. The demo team is a
manager of Kai's team and a coordinator allocated to him; they sign in with tokens issued by
`python -m service.users_cli issue-token demo.coordinator`.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from seed.demo_case import (
    PARENTAGE,
    PARTNERSHIPS,
    PEOPLE,
    SIBLING_TIES,
    TIES,
    YOUNG_PERSON,
    YOUNG_PERSON_ID,
)
from service.queries import Queries

DEMO_USERS: list[dict[str, Any]] = [
    {"id": "demo-user-coordinator", "username": "demo.coordinator",
     "display_name": "Sam Okafor (demo)", "role": "coordinator",
     "job_title": "Lifelong Links coordinator", "team": "north", "allocated_from": "2025-02-01"},
    {"id": "demo-user-social-worker", "username": "demo.social.worker",
     "display_name": "Fiona Grant (demo)", "role": "social_worker", "job_title": "Social worker",
     "team": "north", "allocated_from": "2024-10-04"},
    {"id": "demo-user-manager", "username": "demo.manager", "display_name": "Ruth Adeyemi (demo)",
     "role": "manager", "job_title": "Team manager", "team": "north", "allocated_from": None},
]  # fmt: skip


def _link(type_: str, from_id: object, to_id: object, **props: object) -> dict[str, Any]:
    key = f"{type_}_demo_{from_id}_{to_id}"
    if type_ == "trusted_adult":
        key += f"_{props['role']}"
    return {"type": type_, "from_id": from_id, "to_id": to_id, "props": {"id": key, **props}}


def relationships() -> list[dict[str, Any]]:
    """The demo case's relationships in the shape the API stores them."""
    links = [_link("parent", p["parent"], p["child"], kind=p["kind"]) for p in PARENTAGE]
    links += [
        _link("partner", p["a"], p["b"], kind=p["kind"], since=p["from"], until=p["until"])
        for p in PARTNERSHIPS
    ]
    links += [_link("sibling", s["a"], s["b"], half=s["half"]) for s in SIBLING_TIES]
    links += [
        _link(
            "trusted_adult",
            t["adult"],
            t["person"],
            role=t["role"],
            since=t["from"],
            until=t["until"],
            strength=t["strength"],
            stressful=t["stressful"],
            notes=t["notes"],
        )
        for t in TIES
    ]
    return links


async def load_demo(driver: AsyncDriver, queries: Queries, *, database: str) -> None:
    young = [p for p in PEOPLE if p["id"] == YOUNG_PERSON_ID]

    async def write(tx: AsyncManagedTransaction) -> None:
        async def run(name: str, **params: Any) -> None:
            await (await tx.run(queries[name], **params)).consume()

        # The young person first, so that everyone else can join their network.
        await run("merge_demo_people", people=young, young_person_id=YOUNG_PERSON_ID)
        await run("merge_demo_young_person", **YOUNG_PERSON)
        await run("merge_demo_people", people=PEOPLE, young_person_id=YOUNG_PERSON_ID)
        await run("merge_demo_relationships", links=relationships())
        await run("merge_demo_users", users=DEMO_USERS, young_person_id=YOUNG_PERSON_ID)

    async with driver.session(database=database) as session:
        await session.execute_write(write)
