"""A young person's own record for a subject access request: everything the service holds about
them, read in two round trips (`service.record` decides what is theirs and what is withheld)."""

from __future__ import annotations

from datetime import date

from service.data.discovery import timeline_entries
from service.data.events import list_events
from service.data.relationships import notes_for
from service.data.relatives import load_family, relatives_of, wish_sides_of, with_removed
from service.db import Db, together
from service.errors import NotFound
from service.family import relatives as kin_of
from service.journey import kept_out
from service.record import OwnRecord, build_record
from service.workflow import BLOCKING_FLAG_LEVEL

# The family in a record: as far as the family map reaches.
_GENERATIONS = 4


async def own_record(db: Db, *, young_person_id: str, today: date) -> OwnRecord:
    family, timeline, events = await together(
        load_family(db, person_id=young_person_id, within=[young_person_id],
                    max_generations=_GENERATIONS),
        db.read("list_timeline", young_person_id=young_person_id),
        list_events(db, young_person_id=young_person_id),
    )  # fmt: skip
    relatives = relatives_of(family, [young_person_id], _GENERATIONS).data
    # Who is of the young person's generation or a younger one (taken for a child when no birth
    # date says): with the people the case took out too, so that taking a mother out does not
    # make her son, of unknown age, an adult of no relation to them.
    young_kin = set() if family is None else {
        k.person_id for k in kin_of(with_removed(family), _GENERATIONS) if k.ga <= k.gb
    }  # fmt: skip
    entries = timeline_entries(timeline)
    ids = {r.person_id for r in relatives}
    ids |= {p["person_id"] for e in entries for p in e["people"]}
    ids |= {g.person_id for e in events for g in e.guests}
    records, held, sides = await together(
        db.read("get_record", young_person_id=young_person_id, ids=sorted(ids)),
        # Who the journey book would leave out today, as it decides it: their words are not
        # passed on either.
        db.read("get_book_facts", young_person_id=young_person_id, today=today.isoformat(),
                ids=sorted(ids), blocking_level=BLOCKING_FLAG_LEVEL),
        wish_sides_of(db, young_person_id=young_person_id),
    )  # fmt: skip
    if not records or not held:
        raise NotFound("No young person with this id is within your allocations.")
    book = dict(held[0])
    people = {p["person_id"]: p for p in book["people"]}
    kept_away = kept_out(book["connections"], people,
                         sides={pid: sides.get(pid) for pid in people},
                         wish_maternal=book["wish_maternal"],
                         wish_paternal=book["wish_paternal"], leave_out=[])  # fmt: skip
    kin = [{"person_id": r.person_id, "name": r.name, "term": r.term, "side": r.side,
            "living": r.living, "birth_date": r.birth_date, "death_date": r.death_date,
            "other_case": r.other_case, "generations_up": r.generations_up,
            "generations_down": r.generations_down} for r in relatives]  # fmt: skip
    drawn = [e.model_dump() for e in events]
    facts = dict(records[0])
    facts["adults"] = [{**a, "notes": notes_for(a["notes"], young_person_id)}
                       for a in facts["adults"]]  # fmt: skip
    return build_record(facts, relatives=kin, timeline=entries, events=drawn,
                        made_on=today.isoformat(), young_kin=young_kin,
                        kept_away=kept_away)  # fmt: skip
