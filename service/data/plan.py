"""A young person's Lifelong Links plan as it reads today (`service.plan` decides what it
says), and its recorded versions, each kept as it read the day it was agreed."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from neo4j import Record
from neo4j.exceptions import ConstraintError
from pydantic import Field

from service.auth.principal import Principal
from service.data.audit import Change, audited_write
from service.data.relatives import SIDE_GENERATIONS, load_family, relatives_of, wish_sides
from service.dates import london_today
from service.db import Db, together
from service.errors import Conflict, InvalidInput, NotFound
from service.kinship import ROLE_WORDS, display_name
from service.models import InputModel, IsoDate, Note
from service.plan import (
    Plan,
    PlanNow,
    PlanVersion,
    PlanVersionSummary,
    build_plan,
    changes,
    not_in_plan_today,
    without,
)
from service.workflow import BLOCKING_FLAG_LEVEL


class PlanAgreed(InputModel):
    agreed_on: IsoDate = Field(
        default_factory=london_today,
        description="The day it was agreed (today unless given).",
    )
    review_on: IsoDate | None = Field(default=None, description="When it is next reviewed.")
    note: Note | None = Field(
        default=None,
        max_length=5_000,
        description="Where it was agreed: an event, a review.",
    )


async def current_plan(db: Db, *, young_person_id: str, today: date) -> Plan:
    records, family = await together(
        db.read("get_plan", young_person_id=young_person_id, today=today.isoformat(),
                blocking_level=BLOCKING_FLAG_LEVEL),
        load_family(db, person_id=young_person_id, within=[young_person_id],
                    max_generations=SIDE_GENERATIONS),
    )  # fmt: skip
    if not records:
        raise NotFound("No young person with this id is within your allocations.")
    facts = dict(records[0])
    kin = {r.person_id: r for r in relatives_of(family, [young_person_id], SIDE_GENERATIONS).data}
    wished = wish_sides(family, kin.values())
    names: dict[str, str] = {}
    relations: dict[str, str] = {}
    sides: dict[str, str | None] = {}
    for p in facts["people"]:
        pid = p["person_id"]
        names[pid] = display_name(p["given_name"], p["family_name"], p["known_as"])
        relative = kin.get(pid)
        sides[pid] = wished.get(pid)
        relations[pid] = (
            relative.term if relative
            else ROLE_WORDS.get(p["role"], "trusted adult") if p["role"]
            else "connection"
        )  # fmt: skip
    return build_plan(facts, names=names, relations=relations, sides=sides)


async def _versions(
    db: Db, young_person_id: str, number: int | None, content: bool
) -> list[Record]:
    return await db.read("list_plan_versions", young_person_id=young_person_id, number=number,
                         with_content=content)  # fmt: skip


def _version(row: dict[str, Any]) -> PlanVersion:
    recorded = Plan.model_validate(json.loads(row["content"]))
    plan, in_plan, held_back = without(recorded, set(row["taken_out"]))
    return PlanVersion.model_validate({**row, "plan": plan, "taken_out": in_plan + held_back,
                                       "taken_out_of_plan": in_plan})  # fmt: skip


async def plan_now(db: Db, *, young_person_id: str, today: date) -> PlanNow:
    plan = await current_plan(db, young_person_id=young_person_id, today=today)
    rows = await _versions(db, young_person_id, None, False)
    versions = [PlanVersionSummary.model_validate(dict(r)) for r in rows]
    said: list[str] = []
    if versions:
        latest = await version(db, young_person_id=young_person_id, number=versions[-1].number)
        said = changes(latest.plan, plan, latest.taken_out_of_plan)
    return PlanNow(plan=plan, versions=versions,
                   next_review=versions[-1].review_on if versions else None,
                   changes_since_latest=said)  # fmt: skip


async def version(
    db: Db, *, young_person_id: str, number: int, today: date | None = None
) -> PlanVersion:
    """A recorded version; with `today`, who of its people is not in today's plan too."""
    rows = await _versions(db, young_person_id, number, True)
    if not rows:
        raise NotFound("This young person's plan has no version with this number.")
    agreed = _version(dict(rows[0]))
    if today is not None:
        now = await current_plan(db, young_person_id=young_person_id, today=today)
        agreed.not_in_plan_today = not_in_plan_today(agreed.plan, now)
    return agreed


async def _not_before_the_latest(db: Db, young_person_id: str, agreed_on: date) -> None:
    earlier = await _versions(db, young_person_id, None, False)
    if earlier and agreed_on.isoformat() < max(str(r["agreed_on"]) for r in earlier):
        raise InvalidInput(
            "'agreed_on' is before the day the latest version was agreed.",
            details=[{"loc": ["body", "agreed_on"], "msg": "before the latest version"}],
        )


async def agree(
    db: Db, *, actor: Principal, young_person_id: str, body: PlanAgreed, today: date
) -> PlanVersion:
    """Record the plan as it reads today as the next version, agreed on `agreed_on`."""
    if body.agreed_on > today:
        raise InvalidInput("A plan cannot be agreed in the future.")
    if body.review_on is not None and body.review_on <= body.agreed_on:
        raise InvalidInput("'review_on' must be after 'agreed_on'.")
    # Versions are agreed one after another, each the plan as it reads today: one agreed before
    # the latest would become the latest with an older date (and its review, long past, the
    # next review).
    await _not_before_the_latest(db, young_person_id, body.agreed_on)
    plan = await current_plan(db, young_person_id=young_person_id, today=today)
    try:
        made = await audited_write(db, actor=actor, query="create_plan_version",
            params={"young_person_id": young_person_id, "agreed_on": body.agreed_on.isoformat(),
                    "review_on": body.review_on.isoformat() if body.review_on else None,
                    "note": body.note, "content": plan.model_dump_json(),
                    "user_id": actor.user_id},
            change=lambda r: Change("plan.version", f"plan:{young_person_id}:{r['number']}",
                                    young_person_id),
        )  # fmt: skip
    except ConstraintError as exc:
        raise Conflict("Another version of this plan was recorded at the same time; "
                       "read the plan again and record it once more.") from exc  # fmt: skip
    if made is None:
        # Checked again under the young person's lock: a version agreed later may have been
        # recorded meanwhile.
        await _not_before_the_latest(db, young_person_id, body.agreed_on)
        raise NotFound("No young person with this id is within your allocations.")
    return await version(db, young_person_id=young_person_id, number=int(made["number"]))
