"""Relationships between people: parentage, partnerships, sibling ties, trusted adults.

Each relationship goes from `from_id` to `to_id`: parent to child, adult to the person they
are a trusted adult of; partnerships and sibling ties read the same both ways. Impossible data
(a person as their own ancestor, a third birth parent, a parent born after their child or less
than 10 years before them) is
refused with a 422 before anything is written, inside the writing transaction.

Notes on a tie are each case's own, as notes on a person are: what one case writes about a
relative's tie to a carer it shares with another case is not shown to that case (`notes_for`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, get_args

from neo4j import AsyncManagedTransaction
from pydantic import Field

from service import gedcom_dates
from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal
from service.data.audit import record_shared
from service.dates import (
    MIN_PARENT_GAP_YEARS,
    PartialDate,
    before,
    born_out_of_order,
    is_future,
    london_today,
    raised_out_of_order,
)
from service.db import Db, in_write
from service.errors import Conflict, InvalidInput, NotFound
from service.models import InputModel, Note, Omittable, Text
from service.queries import Queries
from service.ties import sibling_tie_conflict

RelationshipType = Literal["parent", "partner", "sibling", "trusted_adult"]
ParentKind = Literal["birth", "adoptive", "step", "foster"]
# `unknown`: a couple whose status is not recorded (a family tree file's family with no marriage,
# divorce or end): counted as together, for safety, until a worker records what they are.
PartnershipKind = Literal[
    "married", "civil_partnership", "cohabiting", "separated", "divorced", "unknown"
]
AdultRole = Literal[
    "foster_carer", "teacher", "social_worker", "youth_worker", "family_friend", "mentor", "other"
]
Strength = Literal["strong", "moderate", "tenuous"]
Id = Annotated[Text, Field(min_length=1, max_length=100)]


class _Create(InputModel):
    from_id: Id
    to_id: Id
    young_person_id: Id | None = Field(
        default=None,
        description="The case to record the tie under, when several of yours hold the people "
        "(a trusted adult's notes are that case's own).",
    )


class ParentLinkCreate(_Create):
    """`from_id` is the parent, `to_id` the child."""

    type: Literal["parent"]
    kind: ParentKind = "birth"


class PartnershipCreate(_Create):
    type: Literal["partner"]
    kind: PartnershipKind
    since: PartialDate | None = None
    until: PartialDate | None = None


class SiblingTieCreate(_Create):
    """For siblings whose parents are not recorded; `half` when they share one parent."""

    type: Literal["sibling"]
    half: bool = False


class TrustedAdultCreate(_Create):
    """`from_id` is the adult, `to_id` the person they matter to."""

    type: Literal["trusted_adult"]
    role: AdultRole
    since: PartialDate | None = None
    until: PartialDate | None = None
    strength: Strength = "moderate"
    stressful: bool = False
    notes: Note | None = Field(default=None, max_length=10_000)


RelationshipCreate = Annotated[
    ParentLinkCreate | PartnershipCreate | SiblingTieCreate | TrustedAdultCreate,
    Field(discriminator="type"),
]

_UPDATABLE: dict[str, set[str]] = {
    "parent": {"kind"},
    "partner": {"kind", "since", "until"},
    "sibling": {"half"},
    "trusted_adult": {"role", "since", "until", "strength", "stressful", "notes"},
}


class RelationshipUpdate(InputModel):
    """The fields that apply to the relationship's type; its ends never change."""

    kind: Omittable[ParentKind | PartnershipKind] = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    half: Omittable[bool] = None
    role: Omittable[AdultRole] = None
    strength: Omittable[Strength] = None
    stressful: Omittable[bool] = None
    notes: Note | None = Field(default=None, max_length=10_000)


class RelationshipPublic(Shaped):
    id: str
    type: RelationshipType
    from_id: str
    to_id: str
    kind: str | None = None
    since: str | None = None
    since_written: Annotated[str | None, Sensitive.notes] = Field(
        default=None, description="A marriage date as an imported family tree wrote it."
    )
    until: str | None = None
    half: bool | None = None
    role: AdultRole | None = None
    strength: Strength | None = None
    stressful: bool | None = None
    notes: Annotated[str | None, Sensitive.notes] = None


def _invalid(message: str, field: str = "body") -> InvalidInput:
    return InvalidInput(message, details=[{"loc": ["body", field], "msg": message}])


def check_period(since: str | None, until: str | None, *, today: date | None = None) -> None:
    today = today or london_today()
    if since and is_future(since, today):
        raise _invalid("'since' is in the future.", "since")
    if since and until and before(until, since):
        raise _invalid("'until' is before 'since'.", "until")


BORN_BEFORE = (
    f"A birth parent must be born at least {MIN_PARENT_GAP_YEARS} years before their child: "
    "check the years."
)


def _check_parent(found: Any, kind: str) -> None:
    if found["to_is_ancestor_of_from"]:
        raise _invalid("This would make a person their own ancestor.", "from_id")
    if kind == "birth" and found["to_other_birth_parents"] >= 2:
        raise _invalid("The child already has two birth parents.", "to_id")
    if kind == "birth" and born_out_of_order(found["from_birth"], found["to_birth"]):
        raise _invalid(BORN_BEFORE, "from_id")
    # Partners made parent and child (a second reader recorded a marriage, then the husband as
    # the wife's birth father).
    if kind in ("birth", "adoptive") and found["partners"]:
        raise _invalid(OWN_LINE, "to_id")
    # An adoptive parent or foster carer born after the child is a slip of the year or of the
    # person chosen (a second reader recorded an adopter born in 2015 for a child of 2010).
    if kind in ("adoptive", "foster") and raised_out_of_order(found["from_birth"],
                                                             found["to_birth"]):  # fmt: skip
        raise _invalid(
            f"An {'adoptive parent' if kind == 'adoptive' else 'foster carer'} must be born "
            "before the child: check the years, and the people chosen.",
            "from_id",
        )


OWN_LINE = (
    "A partnership between a person and their own parent, grandparent or child (by birth or "
    "adoption) is not recorded: check the people chosen."
)


def _check_partnership(found: Any) -> None:
    if found["birth_line"] or found["to_is_ancestor_of_from"]:
        raise _invalid(OWN_LINE, "to_id")


async def create_relationship(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    relationship: ParentLinkCreate | PartnershipCreate | SiblingTieCreate | TrustedAdultCreate,
) -> RelationshipPublic:
    if relationship.from_id == relationship.to_id:
        raise _invalid("A relationship needs two different people.", "to_id")
    if isinstance(relationship, PartnershipCreate | TrustedAdultCreate):
        check_period(relationship.since, relationship.until)
    props = stored_props(
        relationship.model_dump(
            mode="json", exclude={"type", "from_id", "to_id", "young_person_id"}
        ),
        young_person_id,
    )
    props["id"] = f"{relationship.type}_{uuid.uuid4().hex}"

    async def work(tx: AsyncManagedTransaction) -> Any:
        # Both people locked first: two parents added to one child at once are checked one
        # after the other, so a third birth parent cannot slip in between the check and write.
        ends = [relationship.from_id, relationship.to_id]
        await (await tx.run(db.queries["lock_people"], ids=ends)).consume()
        found = await (
            await tx.run(db.queries["check_new_relationship"], from_id=relationship.from_id,
                         to_id=relationship.to_id, type=relationship.type,
                         role=props.get("role"), young_person_id=young_person_id)
        ).single()  # fmt: skip
        if found is None:
            raise _invalid("Both people must exist and be within your allocations.")
        if found["taken_out"]:
            # A second reader: a worker allocated to two cases holding a person brought them
            # back into the case that had taken them out by recording a tie under it.
            raise Conflict(
                "This person was taken out of the young person's network: their "
                "manager can restore them (removed-people) before a tie is recorded."
            )
        if found["already"]:
            raise Conflict("These two people already have this relationship.")
        if isinstance(relationship, ParentLinkCreate):
            _check_parent(found, relationship.kind)
        if isinstance(relationship, PartnershipCreate):
            _check_partnership(found)
        if isinstance(relationship, SiblingTieCreate):
            why = sibling_tie_conflict(
                relationship.half,
                found["birth_line"],
                (found["from_birth_parents"], found["to_birth_parents"]),
            )
            if why is not None:
                raise Conflict(why)
        await (
            await tx.run(db.queries["create_relationship"], from_id=relationship.from_id,
                         to_id=relationship.to_id, type=relationship.type, props=props,
                         young_person_id=young_person_id)
        ).consume()  # fmt: skip
        # A tie between people other cases hold too is theirs as well.
        await record_shared(tx, db.queries, principal=actor, action="relationship.create",
                            resource=f"relationship:{props['id']}",
                            young_person_id=young_person_id,
                            people=[relationship.from_id, relationship.to_id])  # fmt: skip
        return await _read_in(tx, db.queries, props["id"], young_person_id)

    written: RelationshipPublic = await in_write(db, work)
    return written


def stored_props(props: dict[str, Any], young_person_id: str) -> dict[str, Any]:
    """A new tie's properties as they are stored: its notes are the case's it is recorded
    under (`young_person_id`), beside which other cases keep theirs (`update_relationship`)."""
    stored = {key: value for key, value in props.items() if key != "notes"}
    if props.get("notes") is not None:
        stored |= {"notes_cases": [young_person_id], "notes_texts": [props["notes"]]}
    return stored


def notes_for(facts: Any, via: str) -> str | None:
    """The notes on a tie that the case `via` (a young person's id) wrote (notes written before
    each case kept its own were moved to their case's: `cypher/migrations/`)."""
    if via in facts["cases"]:
        return str(facts["texts"][facts["cases"].index(via)])
    return None


@dataclass(frozen=True)
class Tie:
    """A relationship as stored: what every case that holds both ends sees, and each case's
    notes (`get_relationship.cypher`)."""

    shown: RelationshipPublic
    notes: Any

    @classmethod
    def of(cls, record: Any) -> Tie:
        return cls(RelationshipPublic.model_validate(record["relationship"]), record["notes"])

    def seen_by(self, via: str) -> RelationshipPublic:
        """The tie as the case `via` sees it: with its own notes."""
        return self.shown.model_copy(update={"notes": notes_for(self.notes, via)})


async def _read_in(
    tx: AsyncManagedTransaction, queries: Queries, relationship_id: str, via: str
) -> RelationshipPublic:
    record = await (await tx.run(queries["get_relationship"], id=relationship_id)).single()
    if record is None:
        raise NotFound("No relationship with this id is within your allocations.")
    return Tie.of(record).seen_by(via)


async def get_relationship(db: Db, *, relationship_id: str) -> Tie | None:
    records = await db.read("get_relationship", id=relationship_id)
    return Tie.of(records[0]) if records else None


async def list_relationships(
    db: Db, *, person_id: str, within: list[str]
) -> list[RelationshipPublic]:
    """The person's ties to people of the cases `within` (young people's ids), each with the
    notes of the first of those cases that holds both its ends."""
    records = await db.read("list_relationships", id=person_id, within=within)
    ties = [Tie.of(record) for record in records]
    return [t.seen_by(next((c for c in within if c in t.notes["held_by"]), within[0]))
            for t in ties]  # fmt: skip


async def update_relationship(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    tie: Tie,
    changes: RelationshipUpdate,
) -> RelationshipPublic:
    current = tie.shown
    values = changes.model_dump(mode="json", exclude_unset=True)
    wrong = sorted(set(values) - _UPDATABLE[current.type])
    if wrong:
        raise _invalid(f"A {current.type} relationship has no {', '.join(wrong)} to change.",
                       wrong[0])  # fmt: skip
    if current.type == "parent" and values.get("kind") not in (None, *get_args(ParentKind)):
        raise _invalid("A parent link's kind is birth, adoptive, step or foster.", "kind")
    if current.type == "partner" and values.get("kind") not in (None, *get_args(PartnershipKind)):
        raise _invalid("A partnership's kind is married, civil_partnership, cohabiting, "
                       "separated, divorced or unknown.", "kind")  # fmt: skip
    if current.type in ("partner", "trusted_adult"):
        check_period(values.get("since", current.since), values.get("until", current.until))
    for key in ("kind", "role", "half", "strength", "stressful"):
        if key in values and values[key] is None:
            raise _invalid(f"'{key}' cannot be emptied; send a value.", key)

    async def work(tx: AsyncManagedTransaction) -> Any:
        kind = values.get("kind")
        if current.type == "parent" and kind is not None and kind != current.kind:
            # Checked as a new link of that kind is (a second reader changed a younger
            # step-parent's link to adoptive, and a husband's step link to birth).
            found = await (
                await tx.run(db.queries["check_new_relationship"], from_id=current.from_id,
                             to_id=current.to_id, type="none", role=None,
                             young_person_id=young_person_id)
            ).single(strict=True)  # fmt: skip
            _check_parent({**dict(found), "to_is_ancestor_of_from": False}, kind)
        if current.type == "sibling" and values.get("half") is not None:
            found = await (
                await tx.run(db.queries["check_new_relationship"], from_id=current.from_id,
                             to_id=current.to_id, type="sibling", role=None,
                             young_person_id=young_person_id)
            ).single(strict=True)  # fmt: skip
            parents = (found["from_birth_parents"], found["to_birth_parents"])
            why = sibling_tie_conflict(values["half"], False, parents)
            if why is not None:
                raise Conflict(why)
        # Notes are the case's own (`notes_for`); the rest is the tie's, shared.
        props = {key: value for key, value in values.items() if key != "notes"}
        if "since" in values:  # the worker's date replaces a family tree file's words
            props |= gedcom_dates.written_fields("since", None)
        await (
            await tx.run(db.queries["update_relationship"], id=current.id, props=props,
                         set_notes="notes" in values, notes=values.get("notes"),
                         notes_case=young_person_id)
        ).consume()  # fmt: skip
        # A tie between people other cases hold too is theirs as well (not this case's notes,
        # which they do not see).
        shared = sorted(key for key in values if key != "notes")
        await record_shared(tx, db.queries, principal=actor, action="relationship.update",
                            resource=f"relationship:{current.id}",
                            young_person_id=young_person_id,
                            people=[current.from_id, current.to_id] if shared else [],
                            reason="changed: " + ", ".join(sorted(values)),
                            others="changed: " + ", ".join(shared))  # fmt: skip
        return await _read_in(tx, db.queries, current.id, young_person_id)

    written: RelationshipPublic = await in_write(db, work)
    return written


async def delete_relationship(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    tie: Tie,
) -> None:
    """Delete the tie, with every case's notes on it: the other cases that hold both people are
    told, and those that had written notes on it, that their notes went with it."""
    current = tie.shown
    told = {case: "deleted, with this case's notes on it (through another case)"
            for case in tie.notes["cases"] if case != young_person_id}  # fmt: skip

    async def work(tx: AsyncManagedTransaction) -> int:
        record = await (await tx.run(db.queries["delete_relationship"], id=current.id)).single(
            strict=True
        )
        if record["deleted"]:
            # A tie between people other cases hold too is theirs as well.
            await record_shared(tx, db.queries, principal=actor, action="relationship.delete",
                                resource=f"relationship:{current.id}",
                                young_person_id=young_person_id,
                                people=[current.from_id, current.to_id],
                                told=told)  # fmt: skip
        return int(record["deleted"])

    if not await in_write(db, work):
        raise NotFound("No relationship with this id is within your allocations.")
