"""The timeline of a young person's life, and suggestions of whom to look for or approach next.

Ranking (highest first), each suggestion with its reason:
- living relatives not yet connections: 100 less 10 a generation (Ga + Gb), so a grandmother
  (2) comes before a first cousin (4);
- former carers, teachers and workers whose role ended: 85 for a strong tie, 75 moderate, 65
  tenuous, 30 less when the tie was stressful;
- people named in the timeline (carers of a placement, teachers of a school): 70;
- gaps in the tree: 60 for a parent, 50 a grandparent, 40 a great-grandparent.
Nobody the young person does not want approached (by person or by side) is suggested, nor
anyone a level-3 flag or a court order in their household keeps away.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from service.auth.principal import Principal
from service.data.audit import Change, audited_write
from service.data.contacts import held_from_contact_of
from service.data.relatives import (
    gaps_of,
    load_family,
    relatives_of,
    side_for_wishes,
    wish_sides,
)
from service.data.safeguarding import whom_to_ask, withheld
from service.dates import PartialDate, is_future, london_today
from service.db import Db, together
from service.errors import InvalidInput, NotFound
from service.kinship import display_name
from service.models import InputModel, Note, Text
from service.workflow import KEEP_AWAY, effective_wish

EntryKind = Literal["lived", "placement", "school", "event"]
_STRENGTH = {"strong": 85, "moderate": 75, "tenuous": 65}


class TimelineCreate(InputModel):
    kind: EntryKind
    title: Text = Field(min_length=1, max_length=200, examples=["Oakfield Primary School"])
    place: Text | None = Field(default=None, max_length=200)
    since: PartialDate
    until: PartialDate | None = None
    note: Note | None = Field(default=None, max_length=2_000)
    # Someone named twice is named once.
    people: Annotated[
        list[Annotated[Text, Field(min_length=1, max_length=100)]],
        AfterValidator(lambda ids: list(dict.fromkeys(ids))),
    ] = Field(default_factory=list, max_length=50)


class NamedPerson(BaseModel):
    person_id: str | None = Field(description="None for someone the case does not hold.")
    name: str


class TimelineEntry(BaseModel):
    id: str
    kind: EntryKind
    title: str
    place: str | None
    since: str
    until: str | None
    note: str | None
    people: list[NamedPerson]


class Suggestion(BaseModel):
    kind: Literal["relative", "former_trusted_adult", "timeline", "gap"]
    person_id: str | None = Field(description="Who to approach; for a gap, the person whose "
                                  "parent is unknown.")  # fmt: skip
    name: str
    reason: str
    score: int


async def add_entry(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    entry: TimelineCreate,
) -> TimelineEntry:
    if entry.until is not None and entry.until < entry.since[: len(entry.until)]:
        raise InvalidInput("'until' is before 'since'.")
    if is_future(entry.since, london_today()):  # what happened; an end may be planned
        raise InvalidInput(
            "'since' is in the future.", details=[{"loc": ["body", "since"], "msg": "future"}]
        )
    new_id = str(uuid.uuid4())

    added = await audited_write(db, actor=actor, query="add_timeline_entry",
        params={"id": new_id, "young_person_id": young_person_id, "user_id": actor.user_id,
                **entry.model_dump()},
        change=Change("timeline.add", f"timeline:{new_id}", young_person_id),
    )  # fmt: skip
    if added is None:
        raise NotFound("No young person with this id is within your allocations.")
    entries = await timeline(db, young_person_id=young_person_id)
    return next(e for e in entries if e.id == new_id)


async def timeline(db: Db, *, young_person_id: str) -> list[TimelineEntry]:
    """The timeline as the case shows it: someone it took out whom another case now holds is
    someone in another case, and whom to ask, never their id or name as that case records it
    (a reader: another case's new name for him, and the name he is known by, showed here)."""
    records = await db.read("list_timeline", young_person_id=young_person_id)
    entries = timeline_entries(records)
    for entry in entries:
        for person in entry["people"]:
            teams = withheld("involves", person["cases"], young_person_id)
            if teams is not None:
                person |= {
                    "person_id": None,
                    "name": f"someone in another case (ask {whom_to_ask(teams)})",
                }
    return [TimelineEntry.model_validate(e) for e in entries]


def timeline_entries(records: list[Any]) -> list[dict[str, Any]]:
    """`list_timeline`'s entries, each person named as everywhere else (`display_name`: a
    second reader found "Your story so far" leaving out the name someone is known by, which
    the book's people and picture show)."""
    entries = []
    for record in records:
        entry = dict(record["entry"])
        entry["people"] = [{**p, "name": display_name(*p["name"])} for p in entry["people"]]
        entries.append(entry)
    return entries


# Relatives through a partnership (a parent's partner and their children, a relative's
# partner) come after the birth and adoptive relatives as close: a step-father scored as the
# birth parents, above the grandmothers (a second reader). Adoptive family is family.
_BY_PARTNERSHIP = {"step": 5, "by_marriage": 5}


async def suggestions(db: Db, *, young_person_id: str) -> list[Suggestion]:
    # The facts and one load of the family (for the relatives and the gaps), side by side.
    records, family = await together(
        db.read("get_suggestion_facts", young_person_id=young_person_id,
                today=london_today().isoformat()),
        load_family(db, person_id=young_person_id, within=[young_person_id], max_generations=4),
    )  # fmt: skip
    facts = dict(records[0])  # a driver Record's lookups by key are slow: read it once
    kin = relatives_of(family, [young_person_id], 4, living=True)
    person_wishes = {w["person_id"]: w["wish"] for w in facts["wishes"]}
    # Sides for the wishes: with the people the case took out of its network too.
    sides = wish_sides(family, kin.data)

    def kept_away(person_id: str | None, side: str | None) -> bool:
        wish = effective_wish(person_wishes.get(person_id) if person_id else None, side,
                              facts["wish_maternal"], facts["wish_paternal"])  # fmt: skip
        return wish in KEEP_AWAY

    taken = set(facts["connected"]) | {young_person_id}
    # Nor anyone a level-3 flag or a court order in their household keeps away: an approval
    # would be refused (a workflow reader; the journey book already left them out).
    candidates = [r.person_id for r in kin.data] + [a["person_id"] for a in facts["former"]] + [
        n["person_id"] for n in facts["named"]]  # fmt: skip
    taken |= await held_from_contact_of(db, young_person_id,
                                        [c for c in dict.fromkeys(candidates) if c not in taken],
                                        london_today())  # fmt: skip
    found: list[Suggestion] = []
    for r in kin.data:
        if r.person_id in taken or kept_away(r.person_id, sides.get(r.person_id)):
            continue
        distance = r.generations_up + r.generations_down
        score = 100 - 10 * distance - _BY_PARTNERSHIP.get(r.kind, 0)
        found.append(Suggestion(kind="relative", person_id=r.person_id, name=r.name,
                                reason=f"{r.term}, living, not yet approached",
                                score=score))  # fmt: skip
        taken.add(r.person_id)
    for a in facts["former"]:
        if a["person_id"] in taken or kept_away(a["person_id"], sides.get(a["person_id"])):
            continue
        role = a["role"].replace("_", " ")
        found.append(Suggestion(
            kind="former_trusted_adult", person_id=a["person_id"], name=a["name"],
            reason=f"former {role} until {a['until']} ({a['strength']} tie), no connection since",
            score=_STRENGTH.get(a["strength"], 75) - (30 if a["stressful"] else 0),
        ))  # fmt: skip
        taken.add(a["person_id"])
    for n in facts["named"]:
        if n["person_id"] in taken or kept_away(n["person_id"], sides.get(n["person_id"])):
            continue
        period = f"{n['since']} to {n['until'] or 'now'}"
        found.append(Suggestion(kind="timeline", person_id=n["person_id"], name=n["name"],
                                reason=f"named in the timeline: {n['title']} ({period})",
                                score=70))  # fmt: skip
        taken.add(n["person_id"])
    for g in gaps_of(family):
        # Looking for a parent on a side the young person wants nobody from, or may (a gap
        # above a parent of no recorded sex: a second reader), is not suggested.
        if kept_away(None, side_for_wishes(g.side, None)):
            continue
        found.append(Suggestion(kind="gap", person_id=g.child_id, name=g.child_name,
                                reason=g.task, score=70 - 10 * g.generation))  # fmt: skip
    return sorted(found, key=lambda s: (-s.score, s.kind, s.name))
