"""The journey book: a young person's own book of their Lifelong Links, in plain words they can
read. What goes in it is decided here.

Only what the young person agreed to include: their own words, and each section they chose
(the picture of their close family, the people in their network and what each promised, their
timeline, messages). Nobody the practice keeps out appears anywhere in it, not in the picture,
not in the timeline, not as the author of a message:
- a person refused after a safety check, or who declined, or taken out of the network;
- a person whose household now has a flag at the blocking level or a court order between them
  and the young person (either way) that their approval did not override;
- a person the young person never wants approached, or not now (by name, or by their side of
  the family);
- a person the young person asked to leave out.
Anything added since the young person agreed what goes in it (a person joining the plan, a
message, a timeline entry) waits for them to agree again. A timeline entry that involves anyone
kept out is left out whole (its title, place or note could say who they are, or where). A
message reaches the book only from someone approved after a safety check whom the young person
agreed to approach.
A person in it is named as the young person would say it: "grandmother on your mum's side".
A timeline entry is its title, dates and place: never its note, which a worker wrote (the own
record withholds it as what a worker wrote about other people).

Pure: no I/O. The data layer reads the facts; `visualise.documents` renders the book.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from service.plan import how_often
from service.workflow import APPROACH_STAGES, KEEP_AWAY, Wish, effective_wish, household_now

# Stages at which a person has been kept out of the work, or kept themselves out.
_OUT_STAGES = frozenset({"not_approved", "declined"})
# A message reaches the book only from someone approved after a safety check whom the young
# person agreed to approach.
_MAY_WRITE = APPROACH_STAGES - _OUT_STAGES
_SECTIONS = ("family_picture", "people", "timeline", "messages")


class BookChoices(BaseModel):
    """What the young person agreed to put in their book."""

    own_words: str | None = None
    family_picture: bool = True
    people: bool = True
    timeline: bool = True
    messages: bool = True
    leave_out: list[str] = Field(default_factory=list)
    agreed_on: str


class BookPromise(BaseModel):
    what: str
    how_often: str


class BookPerson(BaseModel):
    person_id: str
    name: str
    relation: str
    promises: list[BookPromise]


class BookMessage(BaseModel):
    name: str
    relation: str
    text: str
    written_on: str


class BookEntry(BaseModel):
    kind: str
    title: str
    place: str | None
    since: str
    until: str | None
    people: list[str] = Field(description="The names of those it involves.")


class Book(BaseModel):
    young_person_id: str
    name: str = Field(description="The young person's name as they are called.")
    own_words: str | None
    sections: list[str] = Field(description="The sections chosen, in the book's order.")
    people: list[BookPerson]
    timeline: list[BookEntry]
    messages: list[BookMessage]
    left_out: int = Field(description="How many people the book leaves out, for the worker.")
    waiting: int = Field(
        description="People, messages and timeline entries added since the young person agreed "
        "what goes in the book, in the sections they chose: not in it until they agree again "
        "(PUT the choices once more)."
    )


def plain_relation(term: str) -> str:
    """A kinship term in the young person's words: "maternal grandmother" is "grandmother on
    your mum's side"; a term with no side is as it is."""
    for side, whose in (("maternal ", "mum's"), ("paternal ", "dad's")):
        if term.startswith(side):
            return f"{term[len(side) :]} on your {whose} side"
    return term


def without_side(term: str) -> str:
    """A kinship term without its side, for a picture where the side shows by where they are."""
    return term.removeprefix("maternal ").removeprefix("paternal ")


def kept_out(
    connections: list[dict[str, Any]],
    people: Mapping[str, dict[str, Any]],
    *,
    sides: Mapping[str, str | None],
    wish_maternal: Wish | None,
    wish_paternal: Wish | None,
    leave_out: list[str],
) -> set[str]:
    """Everyone the book must not name. `connections`: each with its stage, whether its person
    is still `in_network`, and what their latest approval `overridden`; `people` (by id):
    everyone the book could name (the connections' people too), each with whether they were
    `removed` from the network (a relative in another child's case was never in it), the
    `risks` of their household now (only what a connection's approval overrode is waived), and
    the young person's `wish` about them; `sides` of the family by person id."""
    connected = {c["person_id"]: c for c in connections}
    out = set(leave_out)
    out |= {pid for pid, c in connected.items()
            if c["stage"] in _OUT_STAGES or not c["in_network"]}  # fmt: skip
    for pid, person in people.items():
        approval = connected.get(pid, {}).get("overridden") or ()
        wish = effective_wish(person.get("wish"), sides.get(pid), wish_maternal, wish_paternal)
        if person["removed"] or household_now(person["risks"], approval) or wish in KEEP_AWAY:
            out.add(pid)
    return out


def build_book(
    facts: dict[str, Any],
    *,
    choices: BookChoices,
    out: set[str],
    names: Mapping[str, str],
    relations: Mapping[str, str],
) -> Book:
    """The book from the facts (`connections` with their stage; `plan_people`: people in the
    plan with their commitments; `messages`; `timeline`), leaving out `out`. Messages only from
    people approved after a safety check."""
    approved = {c["person_id"] for c in facts["connections"] if c["stage"] in _MAY_WRITE}
    agreed = choices.agreed_on
    added = {entry[0]: {"added": entry[1], "after": entry[2] if len(entry) > 2 else False}
             for entry in facts.get("entries_added") or []}  # fmt: skip

    def later(item: Mapping[str, Any] | None) -> bool:
        """Added after the young person agreed what goes in the book: after the day they
        agreed, or after their agreement was recorded (a second reader: a message added the
        afternoon after a morning's agreement went in unseen)."""
        if item is None:
            return False
        day = item.get("added")
        return (day is not None and day > agreed) or bool(item.get("after"))

    # Someone who has died is no longer among the people with promises (their messages stay).
    plan_people = [p for p in facts["plan_people"] if p["living"]]
    # What would go in once the young person agrees again: never what the book keeps out (a
    # second reader: a message from someone left out was counted as waiting).
    # Only in the sections chosen: agreeing again to the same sections would not put the rest
    # in (a second reader: with the family picture alone chosen, a message waited).
    chosen = [s for s in _SECTIONS if getattr(choices, s)]
    shown = [p for p in plan_people if p["person_id"] not in out]
    waiting = 0
    if "people" in chosen:
        waiting += sum(later(p) for p in shown)
        # A commitment agreed since, of someone already in the book (a second reader: it went
        # in at once).
        waiting += sum(later(m) for p in shown if not later(p) for m in p["commitments"])
    if "messages" in chosen:
        waiting += sum(later(m) for m in facts["messages"]
                       if m["person_id"] not in out and m["person_id"] in approved)  # fmt: skip
    if "timeline" in chosen:
        waiting += sum(later(added.get(e.get("id"))) for e in facts["timeline"]
                       if not any(p["person_id"] in out for p in e["people"]))  # fmt: skip
    # Of those the book could name (a second reader: ids of nobody, or of another case's
    # people, given to leave out were counted).
    could = (
        {p["person_id"] for p in facts["plan_people"]}
        | {m["person_id"] for m in facts["messages"]}
        | {c["person_id"] for c in facts["connections"]}
        | {p["person_id"] for e in facts["timeline"] for p in e["people"]}
        | {p["person_id"] for p in facts.get("people", ())}
    )  # the picture's too
    people = [
        BookPerson(
            person_id=p["person_id"],
            name=names[p["person_id"]],
            relation=plain_relation(relations.get(p["person_id"], "someone who cares about you")),
            promises=[
                BookPromise(what=m["what"], how_often=how_often(m["every_days"]))
                for m in p["commitments"]
                if not later(m)
            ],
        )
        for p in plan_people
        if p["person_id"] not in out and not later(p)
    ]
    messages = [
        BookMessage(
            name=names[m["person_id"]],
            relation=plain_relation(relations.get(m["person_id"], "a friend")),
            text=m["text"],
            written_on=m["written_on"],
        )
        for m in facts["messages"]
        if m["person_id"] not in out and m["person_id"] in approved and not later(m)
    ]
    timeline = [
        BookEntry(
            kind=e["kind"],
            title=e["title"],
            place=e["place"],
            since=e["since"],
            until=e["until"],
            people=[p["name"] for p in e["people"]],
        )
        for e in facts["timeline"]
        if not any(p["person_id"] in out for p in e["people"]) and not later(added.get(e.get("id")))
    ]
    return Book(
        young_person_id=facts["young_person_id"],
        name=facts["young_person_name"],
        own_words=choices.own_words,
        sections=chosen,
        people=sorted(people, key=lambda p: p.name) if "people" in chosen else [],
        timeline=timeline if "timeline" in chosen else [],
        messages=messages if "messages" in chosen else [],
        left_out=len(out & could),
        waiting=waiting,
    )
