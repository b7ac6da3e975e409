"""People and young people: models and the queries that read and change them.

Every change runs in one transaction with its audit event, so a failed change leaves
nothing behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date
from typing import Annotated, Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import AfterValidator, BaseModel, Field, computed_field

from service import gedcom_dates, lifespan
from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal, Role
from service.data.audit import record_in, record_shared
from service.data.flags import FlagPublic, as_seen
from service.data.relationships import BORN_BEFORE
from service.dates import (
    PartialDate,
    before,
    born_out_of_order,
    is_future,
    london_today,
    raised_out_of_order,
)
from service.db import Db, in_write
from service.errors import Conflict, InvalidInput, NotFound
from service.gedcom_dates import Qualifier
from service.kinship import display_name
from service.models import InputModel, Note, Omittable, Text
from service.queries import Queries

Sex = Literal["female", "male", "unknown"]
CareStatus = Literal["in_care", "care_leaver"]
Id = Annotated[Text, Field(min_length=1, max_length=100)]
Name = Annotated[Text, Field(max_length=100)]


class ExternalId(InputModel):
    system: str = Field(
        min_length=1,
        max_length=60,
        pattern=r"^[A-Za-z0-9._:/-]+$",
        description="Where the id comes from: a council system's name, or gedcom:<source>.",
        examples=["mosaic", "gedcom:smith-family-tree"],
    )
    value: Text = Field(min_length=1, max_length=200, examples=["@I12@", "MOS-1234567"])


def _distinct(ids: list[ExternalId] | None) -> list[ExternalId] | None:
    if ids is not None and len({(e.system, e.value) for e in ids}) < len(ids):
        raise ValueError("the same external id is given twice")
    return ids


class ExternalIdPublic(BaseModel):
    system: str
    value: str


class _PersonFields(InputModel):
    given_name: Text = Field(default="", max_length=100)
    family_name: Text = Field(default="", max_length=100)
    known_as: Text | None = Field(default=None, max_length=100)
    sex: Sex = "unknown"
    birth_date: PartialDate | None = None
    death_date: PartialDate | None = None
    living: bool | None = Field(
        default=None,
        description="Left out: living unless a death date is given or they were born more "
        "than 110 years ago (`living_inferred` then says so).",
    )
    notes: Note | None = Field(default=None, max_length=10_000)
    external_ids: Annotated[list[ExternalId], AfterValidator(_distinct)] = Field(
        default_factory=list, max_length=20
    )


class PersonCreate(_PersonFields):
    young_person_id: Id = Field(description="The young person whose network this person joins.")


class YoungPersonCreate(_PersonFields):
    status: CareStatus


class PersonUpdate(InputModel):
    given_name: Omittable[Name] = None
    family_name: Omittable[Name] = None
    known_as: Text | None = Field(default=None, max_length=100)
    sex: Omittable[Sex] = None
    birth_date: PartialDate | None = None
    death_date: PartialDate | None = None
    living: Omittable[bool] = None
    notes: Note | None = Field(default=None, max_length=10_000)
    external_ids: Annotated[list[ExternalId] | None, AfterValidator(_distinct)] = Field(
        default=None, max_length=20
    )


class YoungPersonUpdate(InputModel):
    status: CareStatus | None = None
    team: Text | None = Field(default=None, min_length=1, max_length=100)


class YoungPersonInfo(BaseModel):
    status: CareStatus
    team: str | None


class Address(BaseModel):
    line1: str
    line2: str | None
    town: str
    postcode: str
    since: str


class DateAsWritten(BaseModel):
    """A date as the family tree file it came from wrote it (GEDCOM), with what kind of date
    it is and the range of days it allows; the range is what sorting and checks use."""

    written: str = Field(examples=["ABT 1850", "BET 1850 AND 1855", "@#DJULIAN@ 5 MAR 1700"])
    qualifier: Qualifier | None = Field(description="None: a plain day, month or year.")
    earliest: str | None = Field(description="The first day it allows (Gregorian); None: open.")
    latest: str | None = Field(description="The last day it allows (Gregorian); None: open.")


class PersonPublic(Shaped):
    id: str
    given_name: str
    family_name: str
    known_as: str | None
    sex: Sex
    birth_date: str | None
    death_date: str | None
    # A date's words can be free text (a phrase: "after Jim Smith's wedding"): need-to-know
    # as for notes.
    birth_date_written: Annotated[DateAsWritten | None, Sensitive.notes] = Field(
        default=None, description="The birth date as an imported family tree wrote it."
    )
    death_date_written: Annotated[DateAsWritten | None, Sensitive.notes] = Field(
        default=None, description="The death date as an imported family tree wrote it."
    )
    living: bool
    living_inferred: str | None = Field(
        default=None,
        description="Why `living` was worked out from an imported tree's dates rather than "
        "recorded; None when it was recorded (a worker's record always wins).",
    )
    notes: Annotated[str | None, Sensitive.notes] = None
    external_ids: list[ExternalIdPublic]
    young_person: YoungPersonInfo | None
    address: Annotated[Address | None, Sensitive.address] = None
    flags: list[FlagPublic] = Field(
        default_factory=list, description="Active safety flags: that they exist, whom to ask."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def name(self) -> str:
        return display_name(self.given_name, self.family_name, self.known_as)


def check_life(
    birth: str | None, death: str | None, living: bool | None, *, today: date | None = None
) -> None:
    """Reject dates and life status that cannot all be true."""
    today = today or london_today()
    problems = []
    for field, value in (("birth_date", birth), ("death_date", death)):
        if value is not None and is_future(value, today):
            problems.append({"loc": ["body", field], "msg": "the date is in the future"})
    if birth and death and before(death, birth):
        problems.append({"loc": ["body", "death_date"], "msg": "death is before birth"})
    if death and living:
        problems.append(
            {"loc": ["body", "living"], "msg": "a person with a death date is not living"}
        )
    if problems:
        raise InvalidInput("The dates or life status cannot all be true.", details=problems)


def _living_for_new_birth(now: Any, birth_date: str | None) -> dict[str, Any]:
    """What a changed birth date changes of whether someone is living, when no worker has said
    (`living_recorded`) and no death or burial is recorded: born more than `lifespan.MAX_AGE`
    years ago, not living (a date added to someone first entered without one; a second
    reader); counted not living by that rule for the date now corrected, living; counted not
    living from an imported tree's dates, to be checked (`lifespan.RECHECK`: the file's dates
    spoke of the family too)."""
    inferred = now["living_inferred"]
    if now["recorded"] or now["death_date"] is not None or inferred == lifespan.BURIED:
        return {}
    year = london_today().year
    too_old = lifespan.too_old_to_be_living(birth_date, year)
    if too_old is not None:
        # Kept as recorded when not living already with no reason given (before
        # `living_recorded` was kept, a worker's word).
        kept = now["living"] is False and inferred is None
        return {} if kept else {"living": False, "living_inferred": too_old}
    if inferred is None:
        return {}
    if inferred == lifespan.too_old_to_be_living(now["birth_date"], year):
        return {"living": True, "living_inferred": None}
    return {"living_inferred": lifespan.RECHECK}


def _stored_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A new person's fields as stored: not said to be living or not, they are living unless a
    death date is given or they were born more than `lifespan.MAX_AGE` years ago (then saying
    why, in `living_inferred`, as for an imported tree). Said, that is the worker's record
    (`living_recorded`), which a changed birth date does not undo."""
    if fields.get("living") is not None:
        fields["living_recorded"] = True
    if "living" in fields and fields["living"] is None:
        too_old = lifespan.too_old_to_be_living(fields.get("birth_date"), london_today().year)
        fields["living"] = fields.get("death_date") is None and too_old is None
        if fields.get("death_date") is None and too_old is not None:
            fields["living_inferred"] = too_old
    return fields


async def _check_external_ids(
    tx: AsyncManagedTransaction,
    queries: Queries,
    external_ids: list[dict[str, Any]] | None,
    *,
    young_person_id: str | None = None,
    team: str | None = None,
    exclude: str | None = None,
) -> None:
    """Refuse external ids that someone in the same case (or, for a young person, the same
    team) already holds. Holders elsewhere are not looked at, so the answer never tells one
    case about another; such duplicates are found by `GET /duplicates`. The caller holds the
    case's lock, so that two writes at once are checked one after the other."""
    if not external_ids:
        return
    record = await (
        await tx.run(queries["count_external_id_holders"], external_ids=external_ids,
                     young_person_id=young_person_id, team=team, exclude=exclude)
    ).single(strict=True)  # fmt: skip
    if record["held"]:
        raise Conflict(
            "Another person in this case already has one of these external ids"
            + (", or another young person of the team." if team else ".")
        )


async def still_in_case(
    tx: AsyncManagedTransaction, queries: Queries, person_id: str, young_person_id: str
) -> None:
    """For a write that found nothing to change: NotFound for a person deleted or taken out of
    the case since the request's check (a delete or a connection that waited for a delete or
    a taking out that won), as after it. A young person, or someone still in the case, passes:
    the write's own answer says why nothing changed."""
    found = await (
        await tx.run(queries["get_membership"], id=person_id, young_person_id=young_person_id)
    ).single()  # fmt: skip
    if found is None or not (found["member"] or found["young_person"]):
        raise NotFound("No person with this id is within your allocations.")


async def _check_birth_order(
    tx: AsyncManagedTransaction, queries: Queries, person_id: str, young_person_id: str, born: str
) -> None:
    """A new birth date keeps the person born after their birth parents and before their birth
    children, as a new parent link must (`dates.born_out_of_order`), and after their adoptive
    parents and foster carers and before the children they adopted or foster
    (`dates.raised_out_of_order`), within the case.
    The caller holds the person's lock (a new link locks both its people)."""
    found = await (
        await tx.run(queries["get_birth_family_dates"], id=person_id,
                     young_person_id=young_person_id)
    ).single()  # fmt: skip
    if found is None:
        return
    if any(born_out_of_order(parent, born) for parent in found["parents"]) or any(
        born_out_of_order(born, child) for child in found["children"]
    ):
        raise InvalidInput(
            f"{BORN_BEFORE} This birth date is not after a birth parent's or not before a "
            "birth child's.",
            details=[{"loc": ["body", "birth_date"], "msg": BORN_BEFORE}],
        )
    # An adoptive parent or foster carer born before the child, as a new link must be (a
    # second reader gave an adopter recorded with no birth date one after the child's).
    if any(raised_out_of_order(parent, born) for parent in found["raising"]) or any(
        raised_out_of_order(born, child) for child in found["raised"]
    ):
        said = "An adoptive parent or foster carer must be born before the child: check the years."
        raise InvalidInput(
            f"{said} This birth date is not after an adoptive parent's or foster carer's, or "
            "not before a child's they adopted or foster.",
            details=[{"loc": ["body", "birth_date"], "msg": said}],
        )


async def create_person(
    db: Db,
    *,
    actor: Principal,
    person: PersonCreate | YoungPersonCreate,
    team: str | None = None,
) -> PersonPublic:
    check_life(person.birth_date, person.death_date, person.living)
    fields = _stored_fields(
        person.model_dump(mode="json", exclude={"external_ids", "young_person_id", "status"})
    )
    external_ids = [e.model_dump() for e in person.external_ids]
    new_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Any:
        case = None if isinstance(person, YoungPersonCreate) else person.young_person_id
        if external_ids and case is not None:
            # The case locked first: two people given the same id at once are checked one after
            # the other (four at once were all written). A change locks it too (update_person).
            await (await tx.run(db.queries["lock_people"], ids=[case])).consume()
        elif external_ids:
            # A new young person's ids are checked against the team's young people, who have
            # no one node in common: the data's revision, which every change takes at its end,
            # is taken first instead (two made at once with one case id were both written).
            await (await tx.run(db.queries["bump_revision"])).consume()
        await _check_external_ids(tx, db.queries, external_ids, young_person_id=case,
                                  team=team if case is None else None)  # fmt: skip
        if isinstance(person, YoungPersonCreate):
            result = await tx.run(
                db.queries["create_young_person"], id=new_id, fields=fields,
                status=person.status, team=team, external_ids=external_ids,
            )  # fmt: skip
            young_person_id = new_id
        else:
            # The case's notes on its membership of the network, not on the person.
            notes = fields.pop("notes", None)
            result = await tx.run(db.queries["create_person"], id=new_id, fields=fields,
                                  young_person_id=person.young_person_id, notes=notes,
                                  external_ids=external_ids)  # fmt: skip
            young_person_id = person.young_person_id
        if await result.single() is None:
            return None
        await record_in(tx, db.queries, principal=actor, action="person.create",
                        resource=f"person:{new_id}", outcome="allowed",
                        young_person_id=young_person_id)  # fmt: skip
        return await _read_in(tx, db.queries, new_id, young_person_id)

    created = await in_write(db, work)
    if created is None:
        raise NotFound("No young person with this id is within your allocations.")
    return _public(created, ())  # a new person has no flags


async def _read_in(tx: AsyncManagedTransaction, queries: Queries, person_id: str, via: str) -> Any:
    record = await (await tx.run(queries["get_people"], ids=[person_id], via=[via])).single()
    return None if record is None else record["person"]


def _public(row: dict[str, Any], opened: Collection[str]) -> PersonPublic:
    """A person as read, their flags as a caller reading through the cases `opened` sees them
    (`flags.as_seen`)."""
    return PersonPublic.model_validate(
        {**row, "flags": [as_seen(f, opened) for f in row.get("flags") or ()]}
    )


async def get_person(db: Db, *, person_id: str, via: str, opened: Collection[str]) -> PersonPublic:
    """The person as seen through the case of the young person `via` (its notes on them), by
    a caller reading through the cases `opened` (their flags' own words: `flags.as_seen`)."""
    found = await get_people(db, person_ids=[person_id], via=[via], opened=opened)
    if not found:
        raise NotFound("No person with this id is within your allocations.")
    return found[0]


async def get_people(
    db: Db, *, person_ids: list[str], via: list[str], opened: Collection[str]
) -> list[PersonPublic]:
    """The people, each seen through the case of the young person at the same place in `via`
    (the notes shown are that case's), by a caller reading through the cases `opened`, all
    theirs."""
    records = await db.read("get_people", ids=person_ids, via=via)
    return [_public(r["person"], opened) for r in records]


async def update_person(
    db: Db,
    *,
    actor: Principal,
    person_id: str,
    young_person_id: str,
    opened: Collection[str],
    changes: PersonUpdate,
) -> PersonPublic:
    """Change a person through the case of `young_person_id`, for a caller who reads through
    the cases `opened` (the answer's flags: `flags.as_seen`)."""
    values = changes.model_dump(mode="json", exclude_unset=True)
    external_ids = values.pop("external_ids", None)
    for key in ("given_name", "family_name", "sex"):
        if key in values and values[key] is None:
            raise InvalidInput(f"'{key}' cannot be emptied; send a value.")

    async def work(tx: AsyncManagedTransaction) -> Any:
        if external_ids is not None or values.get("birth_date"):
            # The checks below see other writes: the person and the case locked first, both at
            # once in id order (as a new tie locks its two people), before anything is read.
            await (
                await tx.run(db.queries["lock_people"], ids=[person_id, young_person_id])
            ).consume()
        now = await (await tx.run(db.queries["get_person_dates"], id=person_id)).single()
        if now is None:
            return None
        merged = {k: now[k] for k in ("birth_date", "death_date", "living")} | {
            k: v for k, v in values.items() if k in ("birth_date", "death_date", "living")
        }
        if "death_date" in values and values["death_date"] and "living" not in values:
            merged["living"] = values["living"] = False
        check_life(merged["birth_date"], merged["death_date"], merged["living"])
        # The same date sent again is not checked: a tree imported with a parent born after
        # their child must not stop a change to anything else.
        if values.get("birth_date") and values["birth_date"] != now["birth_date"]:
            await _check_birth_order(tx, db.queries, person_id, young_person_id,
                                     values["birth_date"])  # fmt: skip
        # A young person's own ids are theirs within their team too, as when a manager made
        # them (and checked one change after another, as there: `create_person`): checked so
        # by their team's manager, who sees the team's young people; a worker is refused only
        # for what they can see, their case's people (the team's would answer whether another
        # child they may not see holds an id).
        team = now["team"] if actor.role is Role.manager and actor.team == now["team"] else None
        if external_ids and team is not None:
            await (await tx.run(db.queries["bump_revision"])).consume()
        await _check_external_ids(tx, db.queries, external_ids, young_person_id=young_person_id,
                                  team=team, exclude=person_id)  # fmt: skip
        stored = dict(values)
        if "living" in values:  # a death date given sets it too, above
            stored["living_inferred"] = None  # the worker's record replaces the rule's
            stored["living_recorded"] = True
        elif "death_date" in values:
            # A death date taken away (a slip put right), and not said whether living: living
            # again as a new person is, by their birth date (a second reader: they stayed not
            # living, as if a worker had said so).
            too_old = lifespan.too_old_to_be_living(merged["birth_date"], london_today().year)
            stored |= {"living": too_old is None, "living_inferred": too_old,
                       "living_recorded": False}  # fmt: skip
        elif "birth_date" in values:
            stored |= _living_for_new_birth(now, values["birth_date"])
        for event in ("birth", "death"):
            if f"{event}_date" in values:  # the worker's date replaces the file's words
                stored |= gedcom_dates.written_fields(event, None)
        # Notes are the case's own (`set_person_notes`); the rest is the person's, shared.
        notes = "notes" in stored
        note = stored.pop("notes", None)
        await (
            await tx.run(db.queries["update_person"], id=person_id, fields=stored,
                         external_ids=external_ids, via=young_person_id)
        ).consume()  # fmt: skip
        if notes:
            await (
                await tx.run(db.queries["set_person_notes"], id=person_id, via=young_person_id,
                             notes=note)
            ).consume()  # fmt: skip
        changed = sorted([*values, *(["external_ids"] if external_ids is not None else [])])
        shared = [field for field in changed if field != "notes"]
        # A person shared with other cases: a change to them is theirs too (not this case's
        # notes, which they do not see; nor a young person's own record, which is their case's,
        # as their flags and addresses are: a second reader).
        await record_shared(tx, db.queries, principal=actor, action="person.update",
                            resource=f"person:{person_id}", young_person_id=young_person_id,
                            people=[person_id] if shared and person_id != young_person_id else [],
                            reason="changed: " + ", ".join(changed),
                            others="changed: " + ", ".join(shared))  # fmt: skip
        return await _read_in(tx, db.queries, person_id, young_person_id)

    updated = await in_write(db, work)
    if updated is None:
        raise NotFound("No person with this id is within your allocations.")
    return _public(updated, opened)


async def update_young_person(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    changes: YoungPersonUpdate,
) -> PersonPublic:
    async def work(tx: AsyncManagedTransaction) -> Any:
        if changes.team is not None:
            managed = await (
                await tx.run(db.queries["count_team_managers"], team=changes.team)
            ).single(strict=True)  # fmt: skip
            if managed["managers"] == 0:
                # A second reader: a team's name mistyped took the case from every manager.
                raise InvalidInput(
                    f"No enabled manager is in team {changes.team!r}: moved there, the case "
                    "would be open to no manager. Check the team's name.",
                    details=[{"loc": ["body", "team"], "msg": "no manager in this team"}],
                )
        record = await (
            await tx.run(db.queries["update_young_person"], id=young_person_id,
                         status=changes.status, team=changes.team)
        ).single()  # fmt: skip
        if record is None:
            return None
        changed = ", ".join(sorted(changes.model_fields_set))
        await record_in(tx, db.queries, principal=actor, action="young_person.update",
                        resource=f"young_person:{young_person_id}", outcome="allowed",
                        young_person_id=young_person_id, reason=f"changed: {changed}")  # fmt: skip
        return await _read_in(tx, db.queries, young_person_id, young_person_id)

    updated = await in_write(db, work)
    if updated is None:
        raise NotFound("No young person with this id is within your allocations.")
    return _public(updated, (young_person_id,))
