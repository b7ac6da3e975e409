"""The journey book's facts and the young person's choices for it (`service.journey` decides
what the book holds), and the messages written for it."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, Field

from service.auth.principal import Principal
from service.data.audit import Change, audited_write
from service.data.discovery import timeline_entries
from service.data.relatives import SIDE_GENERATIONS, load_family, relatives_of, wish_sides
from service.dates import london_today
from service.db import Db, together
from service.errors import Conflict, InvalidInput, NotFound
from service.journey import Book, BookChoices, build_book, kept_out
from service.kinship import ROLE_WORDS, display_name
from service.models import InputModel, IsoDate, Note, Text
from service.workflow import BLOCKING_FLAG_LEVEL

Id = Annotated[Text, Field(min_length=1, max_length=100)]


class ChoicesSet(InputModel):
    """What the young person agreed to put in their book, as they said it."""

    own_words: Note | None = Field(
        default=None, max_length=10_000, description="Their own words: who matters, their wishes."
    )
    family_picture: bool = True
    people: bool = True
    timeline: bool = True
    messages: bool = True
    leave_out: list[Id] = Field(
        default_factory=list, max_length=200, description="People they do not want in it."
    )
    agreed_on: IsoDate = Field(default_factory=london_today)


class MessageCreate(InputModel):
    text: Note = Field(min_length=1, max_length=5_000)
    written_on: IsoDate = Field(default_factory=london_today)


class MessagePublic(BaseModel):
    id: str
    connection_id: str
    text: str
    written_on: str


async def set_choices(db: Db, *, actor: Principal, young_person_id: str, body: ChoicesSet) -> None:
    if body.agreed_on > london_today():
        raise InvalidInput("The young person cannot have agreed in the future.")
    if young_person_id in body.leave_out:
        # A second reader: it was taken, and would have taken the young person's own card out
        # of their picture.
        raise InvalidInput("The young person cannot leave themselves out of their own book.")
    params = body.model_dump()
    params["leave_out"] = list(dict.fromkeys(body.leave_out))  # each once
    params["agreed_on"] = body.agreed_on.isoformat()
    done = await audited_write(db, actor=actor, query="set_book_choices",
        params={**params, "young_person_id": young_person_id, "user_id": actor.user_id},
        change=Change("journey_book.choices", f"young_person:{young_person_id}",
                      young_person_id),
    )  # fmt: skip
    if done is None:
        raise NotFound("No young person with this id is within your allocations.")


async def add_message(
    db: Db, *, actor: Principal, young_person_id: str, cid: str, body: MessageCreate
) -> MessagePublic:
    if body.written_on > london_today():
        raise InvalidInput("A message cannot be written in the future.")
    new_id = str(uuid.uuid4())
    made = await audited_write(db, actor=actor, query="add_message",
        params={"connection_id": cid, "id": new_id, "text": body.text,
                "written_on": body.written_on.isoformat(), "user_id": actor.user_id},
        change=Change("message.create", f"message:{new_id}", young_person_id),
    )  # fmt: skip
    if made is None:
        raise NotFound("No connection with this id is within your allocations.")
    return MessagePublic.model_validate(made["message"])


async def list_messages(db: Db, *, cid: str) -> list[MessagePublic]:
    records = await db.read("list_messages", connection_id=cid)
    return [MessagePublic.model_validate(r["message"]) for r in records]


async def delete_message(
    db: Db, *, actor: Principal, young_person_id: str, cid: str, message_id: str
) -> None:
    """Take a message back (a second reader: one typed to the wrong connection, or naming an
    address, went into the book once the young person agreed, and could not be taken out but
    with everything its writer wrote)."""
    gone = await audited_write(db, actor=actor, query="delete_message",
        params={"connection_id": cid, "id": message_id},
        change=Change("message.delete", f"message:{message_id}", young_person_id),
    )  # fmt: skip
    if gone is None:
        raise NotFound("This connection has no message with this id.")


async def book(
    db: Db, *, young_person_id: str, today: str, picture: list[str]
) -> tuple[Book, set[str]]:
    """The book, and everyone it leaves out (the family picture drops them too). `picture`: the
    people of the close-family picture, to be checked like everyone else. A 409 until the young
    person's choices are recorded: nothing goes in a book they have not agreed to."""
    records, family, timeline = await together(
        db.read("get_book_facts", young_person_id=young_person_id, today=today, ids=picture,
                blocking_level=BLOCKING_FLAG_LEVEL),
        load_family(db, person_id=young_person_id, within=[young_person_id],
                    max_generations=SIDE_GENERATIONS),
        db.read("list_timeline", young_person_id=young_person_id),
    )  # fmt: skip
    if not records:
        raise NotFound("No young person with this id is within your allocations.")
    facts = dict(records[0])
    if facts["choices"] is None:
        raise Conflict("The young person has not yet said what goes in their journey book: "
                       "record their choices first (PUT .../journey-book).")  # fmt: skip
    choices = BookChoices.model_validate(facts["choices"])
    kin = {r.person_id: r for r in relatives_of(family, [young_person_id], SIDE_GENERATIONS).data}
    wished = wish_sides(family, kin.values())
    people = {p["person_id"]: p for p in facts["people"]}
    out = kept_out(
        facts["connections"], people,
        sides={pid: wished.get(pid) for pid in people},
        wish_maternal=facts["wish_maternal"], wish_paternal=facts["wish_paternal"],
        leave_out=choices.leave_out,
    )  # fmt: skip
    names = {pid: display_name(*p["name"]) for pid, p in people.items() if p["name"]}
    relations = {pid: ROLE_WORDS.get(p["role"], "trusted adult")
                 for pid, p in people.items() if p["role"]}  # fmt: skip
    relations |= {pid: r.term for pid, r in kin.items()}
    facts["timeline"] = timeline_entries(timeline)
    made = build_book(facts, choices=choices, out=out, names=names, relations=relations)
    return made, out
