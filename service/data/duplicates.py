"""External ids held by more than one person: the merge list.

External ids are not unique across the council: refusing a second holder in another case would
tell that case the first exists. Duplicates are found here instead, council-wide, by the admin
(who reads no case data: the list carries ids, and the teams whose managers can see each
holder, never names), and merged by those managers, who can each open their own holder.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.db import Db


class Holder(BaseModel):
    person_id: str
    young_person: bool
    teams: list[str] = Field(
        description="The teams whose managers can open the holder: of the cases that hold "
        "them, or took them out and keep them (and can restore them)."
    )


class Duplicate(BaseModel):
    system: str
    value: str
    holders: list[Holder]


async def list_duplicates(db: Db, *, limit: int) -> list[Duplicate]:
    records = await db.read("list_duplicate_external_ids", limit=limit)
    return [Duplicate.model_validate(r["duplicate"]) for r in records]
