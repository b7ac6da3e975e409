"""Relatives and gaps of a person: the family loaded once (`load_family`), who is what worked
out in memory (`service.family`), names from `kinship`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field, TypeAdapter

from service.auth.need_to_know import Sensitive, Shaped
from service.data.people import Sex
from service.db import Db, run_once
from service.family import GAP_GENERATIONS, Family, gaps, relatives
from service.kinship import Kind, display_name, kinship_term
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
    also_on: Literal["maternal", "paternal"] | None = Field(
        default=None,
        description="The other side of the family the relative is related through too, further "
        "off than the way `term` and `side` name (a maternal first cousin who is also a "
        "paternal second cousin's daughter): a wish about either side holds for them.",
    )
    generations_up: int
    generations_down: int
    half: bool
    kind: Kind
    sex: Sex
    living: bool
    birth_date: str | None
    death_date: str | None
    birth_date_written: Annotated[str | None, Sensitive.notes] = Field(
        default=None, description="The birth date as an imported family tree wrote it."
    )
    death_date_written: Annotated[str | None, Sensitive.notes] = Field(
        default=None, description="The death date as an imported family tree wrote it."
    )
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
        parts.append(f"{by_side['none']} descendant{'s' if by_side['none'] != 1 else ''}")
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


def _relative_fields(row: dict[str, Any], name: str) -> dict[str, Any]:
    sex: Sex = "female" if row["sex"] == "female" else "male" if row["sex"] == "male" else "unknown"
    ga, gb = row["generations_up"], row["generations_down"]
    return {
        "person_id": row["person_id"],
        "external_id": row["external_id"],
        "name": name,
        "term": kinship_term(ga, gb, sex, half=row["half"], side=row["side"], kind=row["kind"]),
        "side": row["side"],
        "also_on": row["also_on"],
        "generations_up": ga,
        "generations_down": gb,
        "half": row["half"],
        "kind": row["kind"],
        "sex": sex,
        "living": row["living"],
        "birth_date": row["birth_date"],
        "death_date": row["death_date"],
        "birth_date_written": row.get("birth_written"),
        "death_date_written": row.get("death_written"),
        "other_case": bool(row.get("other_case")),
    }


# Validating the whole list at once runs in pydantic's core, not once per relative in Python.
_RELATIVES = TypeAdapter(list[Relative])


def _last(value: str | None) -> tuple[bool, str]:
    """Sort key putting a missing name last."""
    return (value is None, value or "")


def _closest_first(row: dict[str, Any]) -> tuple[Any, ...]:
    ga, gb = row["generations_up"], row["generations_down"]
    return (ga + gb, ga, _last(row["family_name"]), _last(row["given_name"]), row["person_id"])


def relative_rows(family: Family, within: list[str], max_generations: int) -> list[dict[str, Any]]:
    """The relatives as rows, closest first: the family holds the people of the cases `within`
    (young people's ids) only (`Family.from_record`). Another case's young person recorded in
    this network (a sibling or cousin in care) shows as a relative, never with their case."""
    rows = []
    cases = set(within)
    for k in relatives(family, max_generations):
        p = family.people[k.person_id]
        rows.append({
            "person_id": p.id, "given_name": p.given_name, "family_name": p.family_name,
            "known_as": p.known_as, "sex": p.sex,
            "living": True if p.living is None else p.living,
            "birth_date": p.birth_date, "death_date": p.death_date,
            "birth_written": p.birth_written, "death_written": p.death_written,
            "external_id": p.external_id, "kind": k.kind, "generations_up": k.ga,
            "generations_down": k.gb, "side": None if k.side == "none" else k.side,
            "also_on": k.also,
            "half": k.half, "other_case": p.young_person and p.id not in cases,
        })  # fmt: skip
    rows.sort(key=_closest_first)
    return rows


async def load_family(
    db: Db,
    *,
    person_id: str,
    within: list[str],
    max_generations: int,
    external_ids: bool = True,
) -> Family | None:
    """The person's family within `max_generations`, in one round trip; None for nobody.
    Without `external_ids` (a map, safeguarding), the people's external ids are not read:
    such a family gives no relatives list (`relatives_of`)."""
    records = await run_once(
        db, "load_family", person_id=person_id, within=within, max_generations=max_generations,
        external_ids=external_ids,
    )  # fmt: skip
    return _of_the_case(records[0] if records else None)


def _of_the_case(record: Any) -> Family | None:
    """The family as the cases read through hold it; None when the person is not one of their
    people (the guard lets no such read through: this holds it so). The record is kept beside
    it, for `wish_sides` to work out the family with the people the cases took out, if asked."""
    family = Family.from_record(record) if record else None
    if family is None or family.person_id not in family.people:
        return None
    if record.get("removed"):
        family.worked_out["record"] = record
    return family


def wish_sides(
    family: Family | None, kin: Iterable[Relative] | None = None
) -> dict[str, str | None]:
    """The side of the family each relative is on, for a young person's wish about a side
    ("nobody from my dad's side"): worked out with the people the case took out of its network
    too (its own records), so that taking the father out does not free his mother from the
    wish. Someone related through both parents is on both, however much further off the other
    way is (`Relative.also_on`; DOMAIN: "a relative reachable both ways is both"), and so is
    anyone whose side is not known (`side_for_wishes`): the more cautious of the two wishes holds
    for them (`workflow.effective_wish`). Used to decide, never shown. `kin`: the relatives
    the caller has already worked out from this family, whose sides are the answer when the
    case took no one out."""
    if family is None:
        return {}
    if family.worked_out.get("record") is None and kin is not None:
        return {r.person_id: side_for_wishes(r.side, r.also_on) for r in kin}
    return {k.person_id: side_for_wishes(k.side, k.also)
            for k in relatives(with_removed(family), SIDE_GENERATIONS)}  # fmt: skip


def side_for_wishes(side: str | None, also: str | None) -> str | None:
    """A relative's side as a wish about a side reads it: both for someone related through
    both parents, however far one way (`also`), and for anyone whose side is not known, who
    may be on the side the young person wants nobody from: the more cautious of the two side
    wishes holds for them (`workflow.effective_wish`) until their side is known. So for a
    half-brother known only by a tie (which parent he shares is not known: a second reader
    found "nobody from my dad's side" did not reach him), a step-father recorded by a step
    link alone, and the only recorded parent with no sex recorded, and that parent's family
    (a later reader: with "never" about both sides, the parent and their mother were
    suggested and approved; an earlier reader had found the mother so held back by "nobody
    from my dad's side", which recording her sex settles). No side for descendants."""
    if also or side == "unknown":
        return "both"
    return None if side == "none" else side


def with_removed(family: Family) -> Family:
    """The family with the people the cases read through took out of their networks (their
    own records, kept and hidden): for what is decided by how people are related whoever the
    case shows, never for what is shown."""
    record = family.worked_out.get("record")
    return family if record is None else Family.from_record(record, removed=True)


def family_names(family: Family) -> dict[str, str]:
    """Everyone's name as shown (`display_name`), by id: worked out once per loaded family (a
    map names each person three times: as a relative, as drawn, in others' paths)."""
    names: dict[str, str] | None = family.worked_out.get("names")
    if names is None:
        names = family.worked_out["names"] = {
            pid: display_name(p.given_name, p.family_name, p.known_as)
            for pid, p in family.people.items()
        }
    return names


def named_rows(family: Family, within: list[str], max_generations: int) -> list[dict[str, Any]]:
    """The relatives with their names and kinship terms, as the fields of `Relative`, closest
    first: for the network and its members, which need no model of each. Worked out once per
    loaded family and shared: never to be changed."""
    key = ("rows", tuple(within), max_generations)
    if key not in family.worked_out:
        rows = relative_rows(family, within, max_generations)
        names = family_names(family)
        family.worked_out[key] = [_relative_fields(r, names[r["person_id"]]) for r in rows]
    found: list[dict[str, Any]] = family.worked_out[key]
    return found


# How far the family is read to find which side someone is on when a side wish could decide:
# the stage rules, the plan and the journey book alike.
SIDE_GENERATIONS = 6


def relatives_of(
    family: Family | None,
    within: list[str],
    max_generations: int,
    *,
    side: Literal["maternal", "paternal"] | None = None,
    living: bool | None = None,
) -> Relatives:
    """The named relatives of a loaded family, optionally of one side or living or not."""
    if family is None:
        found: list[Relative] = []
    elif not family.external_ids:
        raise ValueError("a family read without its external ids gives no relatives list")
    else:
        # Worked out once per loaded family (a map and its chains both ask); never changed.
        key = ("relatives", tuple(within), max_generations)
        if key not in family.worked_out:
            rows = named_rows(family, within, max_generations)
            family.worked_out[key] = _RELATIVES.validate_python(rows)
        found = list(family.worked_out[key])
    if side is not None:
        # With those related that way too, further off (a second reader: a worker preparing
        # the father's side did not see a maternal cousin who is a paternal second cousin), and
        # those whose side is not known, who may be on it, as the map shows them (a second
        # reader: a half-brother known only by a tie was on neither side's list).
        found = [r for r in found if r.side in (side, "both", "unknown") or r.also_on == side]
    if living is not None:
        found = [r for r in found if r.living is living]
    return Relatives(data=found, count=len(found), summary=summarise(found))


async def find_relatives(
    db: Db,
    *,
    person_id: str,
    within: list[str],
    max_generations: int,
    side: Literal["maternal", "paternal"] | None,
    living: bool | None,
) -> Relatives:
    """The person's relatives that the cases `within` (young people's ids) hold, and the young
    people among them."""
    family = await load_family(db, person_id=person_id, within=within,
        max_generations=max_generations,
    )  # fmt: skip
    return relatives_of(family, within, max_generations, side=side, living=living)


async def wish_sides_of(db: Db, *, young_person_id: str) -> dict[str, str | None]:
    """`wish_sides` of the young person's family, read for it alone (to `SIDE_GENERATIONS`)."""
    family = await load_family(db, person_id=young_person_id, within=[young_person_id],
                               max_generations=SIDE_GENERATIONS, external_ids=False)  # fmt: skip
    return wish_sides(family)


async def wish_sides_in(
    tx: AsyncManagedTransaction, queries: Queries, *, young_person_id: str
) -> dict[str, str | None]:
    """`wish_sides` inside an open transaction (a decision that reads and writes at once)."""
    record = await (
        await tx.run(queries["load_family"], person_id=young_person_id, within=[young_person_id],
                     max_generations=SIDE_GENERATIONS, external_ids=False)
    ).single()  # fmt: skip
    return wish_sides(_of_the_case(record))


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


def gap_rows(family: Family | None) -> list[dict[str, Any]]:
    """The gaps of a loaded family as rows (the person or ancestor missing a parent)."""
    rows = []
    for gap in gaps(family) if family is not None else []:
        p = family.people[gap.child_id]  # type: ignore[union-attr]
        rows.append({
            "child_id": p.id, "given_name": p.given_name, "family_name": p.family_name,
            "known_as": p.known_as, "depth": gap.depth, "side": gap.side,
            "known_parent_sexes": list(gap.known_parent_sexes),
        })  # fmt: skip
    return rows


def gaps_of(family: Family | None) -> list[Gap]:
    """Gaps in a loaded family: a research task for each missing parent up to grandparents."""
    return [gap for row in gap_rows(family) for gap in _gap_tasks(row)]


async def find_gaps(db: Db, *, person_id: str, within: list[str]) -> list[Gap]:
    """Gaps in the person's family as recorded in the cases `within`."""
    family = await load_family(db, person_id=person_id, within=within,
        max_generations=GAP_GENERATIONS,
    )  # fmt: skip
    return gaps_of(family)
