"""Relatives and gaps of a person: generations and sides from Cypher, names from `kinship`."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from neo4j import AsyncDriver, AsyncManagedTransaction
from pydantic import BaseModel, Field

from service.auth.need_to_know import Shaped
from service.data.people import Sex, display_name
from service.db import run_once
from service.kinship import Kind, kinship_term
from service.queries import Queries

RelativeSide = Literal["maternal", "paternal", "both", "unknown"]
SIDES: tuple[str, ...] = ("maternal", "paternal", "both", "unknown", "none")
KINDS: tuple[str, ...] = ("birth", "step", "adoptive", "by_marriage")


class Relative(Shaped):
    person_id: str
    external_id: str | None
    name: str
    term: str
    side: RelativeSide | None
    generations_up: int
    generations_down: int
    half: bool
    kind: Kind
    sex: Sex
    living: bool
    birth_date: str | None
    death_date: str | None
    # A young person of another case (a sibling or cousin in care): shown as a relative, but
    # never a member of this case's network (safeguarding walks through them as an outsider).
    # Never sent: the answer does not say who else is in care.
    other_case: bool = Field(default=False, exclude=True)


class RelativesSummary(BaseModel):
    relatives: int
    living: int
    deceased: int
    living_by_side: dict[str, int]
    living_by_kind: dict[str, int]
    text: str


class Relatives(BaseModel):
    data: list[Relative]
    count: int
    summary: RelativesSummary


class Gap(BaseModel):
    """A parent, grandparent or great-grandparent nobody has recorded: a research task."""

    child_id: str
    child_name: str
    missing: Literal["mother", "father", "parent"]
    generation: int
    relation: str
    side: RelativeSide | None
    task: str


def summarise(relatives: list[Relative]) -> RelativesSummary:
    living = [r for r in relatives if r.living]
    by_side: Counter[str] = Counter(r.side or "none" for r in living)
    by_kind: Counter[str] = Counter(r.kind for r in living)
    parts = [f"{by_side[s]} {s}" for s in ("maternal", "paternal") if by_side[s]]
    if by_side["both"]:
        parts.append(f"{by_side['both']} on both sides")
    if by_side["none"]:
        parts.append(f"{by_side['none']} descendants")
    if by_side["unknown"]:
        parts.append(f"{by_side['unknown']} on an unknown side")
    text = f"{len(living)} living relative{'s' if len(living) != 1 else ''}"
    return RelativesSummary(
        relatives=len(relatives),
        living=len(living),
        deceased=len(relatives) - len(living),
        living_by_side={s: by_side[s] for s in SIDES},
        living_by_kind={k: by_kind[k] for k in KINDS},
        text=f"{text}: {', '.join(parts)}" if parts else text,
    )


def _relative(row: dict[str, Any]) -> Relative:
    sex: Sex = "female" if row["sex"] == "female" else "male" if row["sex"] == "male" else "unknown"
    return Relative(
        person_id=row["person_id"],
        external_id=row["external_id"],
        name=display_name(row["given_name"], row["family_name"], row["known_as"]),
        term=kinship_term(
            row["generations_up"],
            row["generations_down"],
            sex,
            half=row["half"],
            side=row["side"],
            kind=row["kind"],
        ),
        side=row["side"],
        generations_up=row["generations_up"],
        generations_down=row["generations_down"],
        half=row["half"],
        kind=row["kind"],
        sex=sex,
        living=row["living"],
        birth_date=row["birth_date"],
        death_date=row["death_date"],
        other_case=bool(row.get("other_case")),
    )


async def find_relatives(
    driver: AsyncDriver,
    queries: Queries,
    *,
    database: str,
    person_id: str,
    within: list[str],
    max_generations: int,
    side: Literal["maternal", "paternal"] | None,
    living: bool | None,
) -> Relatives:
    """The person's relatives that the cases `within` (young people's ids) hold, and the young
    people among them."""
    records = await run_once(
        driver, queries["find_relatives"], database=database, person_id=person_id,
        within=within, max_generations=max_generations,
    )  # fmt: skip
    found = [_relative(row) for row in (records[0]["relatives"] if records else [])]
    if side is not None:
        found = [r for r in found if r.side in (side, "both")]
    if living is not None:
        found = [r for r in found if r.living is living]
    return Relatives(data=found, count=len(found), summary=summarise(found))


async def relatives_in(
    tx: AsyncManagedTransaction,
    queries: Queries,
    *,
    person_id: str,
    within: list[str],
    max_generations: int,
) -> list[Relative]:
    """`find_relatives` inside an open transaction (a decision that reads and writes at once)."""
    record = await (
        await tx.run(queries["find_relatives"], person_id=person_id, within=within,
                     max_generations=max_generations)
    ).single()  # fmt: skip
    return [_relative(row) for row in (record["relatives"] if record else [])]


def _gap_tasks(row: dict[str, Any]) -> list[Gap]:
    known = row["known_parent_sexes"]
    if len(known) == 1 and known[0] in ("female", "male"):
        missing: list[Literal["mother", "father", "parent"]] = [
            "father" if known[0] == "female" else "mother"
        ]
    elif len(known) == 1:
        missing = ["parent"]
    else:
        missing = ["mother", "father"]
    depth = row["depth"]
    child = display_name(row["given_name"], row["family_name"], row["known_as"])
    gaps = []
    for slot in missing:
        generation = depth + 1
        side: RelativeSide | None = (
            row["side"] if depth else {"mother": "maternal", "father": "paternal"}.get(slot)  # type: ignore[assignment]
        )
        sex: Sex = {"mother": "female", "father": "male"}.get(slot, "unknown")  # type: ignore[assignment]
        relation = kinship_term(generation, 0, sex, side=side)
        gaps.append(
            Gap(
                child_id=row["child_id"],
                child_name=child,
                missing=slot,
                generation=generation,
                relation=relation,
                side=side,
                task=f"Find the {relation}: the {slot} of {child}.",
            )
        )
    return gaps


async def find_gaps(
    driver: AsyncDriver, queries: Queries, *, database: str, person_id: str, within: list[str]
) -> list[Gap]:
    """Gaps in the person's family as recorded in the cases `within`."""
    records = await run_once(
        driver, queries["find_gaps"], database=database, person_id=person_id, within=within
    )
    return [gap for r in records for gap in _gap_tasks(dict(r))]
