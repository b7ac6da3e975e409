"""The Lifelong Links plan: what it says, worked out from what the case holds, and what changed
between two versions of it.

The plan is made at the celebration event (the Family Group Conference) and becomes part of the
young person's care or pathway plan, reviewed with it. It names each person in the plan
(a connection at `in_plan`), what they committed to and how often, when each commitment is
reviewed, and whom to contact about it (the workers allocated today). A person the plan held
whom the young person no longer wants approached, or whom a court order now keeps away, is not
left in it silently: they are listed as held back, with the reason, for the review to decide.

A version is the plan as agreed on a day (at the event, at a review), kept as it read: later
changes to commitments or people do not alter what was agreed then. `changes` says in words
what differs between two versions, or between the latest version and the plan today.

Pure: no I/O. The data layer reads the facts (`cypher/plan/get_plan.cypher`) and the names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from service.workflow import Wish, effective_wish, household_now

_EVERY = {1: "every day", 7: "every week", 14: "every two weeks", 28: "every four weeks",
          30: "every month", 31: "every month", 91: "every three months",
          182: "every six months", 365: "every year", 366: "every year"}  # fmt: skip
_HELD_BACK = {
    "never": "the young person has said they never want contact with this person",
    "not_now": "the young person does not want contact with this person for now",
}


def how_often(every_days: int) -> str:
    """A commitment's frequency in words: 7 is "every week", 10 "every 10 days"."""
    return _EVERY.get(every_days, f"every {every_days} days")


class PlanCommitment(BaseModel):
    id: str
    what: str
    every_days: int
    how_often: str
    since: str
    review_on: str | None


class PlanPerson(BaseModel):
    person_id: str
    connection_id: str
    name: str
    relation: str = Field(description="How they are related to the young person, or their role.")
    commitments: list[PlanCommitment]


class HeldBack(BaseModel):
    person_id: str
    connection_id: str
    name: str
    relation: str
    reason: str


class PlanWorker(BaseModel):
    name: str
    role: str
    job_title: str | None
    team: str | None


class PlanEvent(BaseModel):
    id: str
    on: str
    place: str | None
    title: str
    came: int = Field(description="How many guests came.")


class Plan(BaseModel):
    """A young person's Lifelong Links plan as it reads today (or as a version recorded it)."""

    young_person_id: str
    young_person_name: str
    people: list[PlanPerson]
    held_back: list[HeldBack]
    contacts: list[PlanWorker] = Field(description="Whom to contact: the workers allocated.")
    events: list[PlanEvent]
    next_commitment_review: str | None = Field(
        description="The earliest review date among the commitments."
    )


class PlanVersionSummary(BaseModel):
    number: int
    agreed_on: str
    review_on: str | None
    note: str | None
    recorded_by: str
    recorded_at: str


class PlanVersion(PlanVersionSummary):
    plan: Plan
    taken_out: int = Field(
        default=0,
        description="How many people of this version the case has since taken out of the "
        "network: not shown, nor their commitments (they were in it as agreed).",
    )
    # Of those, how many were in the plan rather than held back (for `changes`).
    taken_out_of_plan: int = Field(default=0, exclude=True)
    not_in_plan_today: list[str] = Field(
        default_factory=list,
        description="The people in this version's plan who are not in the plan today (held "
        "back by a safety flag, a court order or the young person's wish, an approval "
        "withdrawn, a decline, since): the version names them as agreed; the copy for the "
        "family (`/plan/document?version=N&for_family=true`) leaves them out.",
    )


def _reviews(people: list[PlanPerson]) -> str | None:
    """The first date a commitment of theirs is to be reviewed."""
    return min((m.review_on for x in people for m in x.commitments if m.review_on), default=None)


def not_in_plan_today(agreed: Plan, today: Plan) -> list[str]:
    """The people in an agreed version's plan who are not in today's, whatever the reason
    (second readers: a version printed again for the family named an uncle flagged since and
    a grandmother the young person has since said they never want approached, and said
    nothing; one moved to "not approved" after her flag was no longer said either)."""
    there = {p.person_id for p in today.people}
    return [p.person_id for p in agreed.people if p.person_id not in there]


def without(plan: Plan, taken_out: set[str]) -> tuple[Plan, int, int]:
    """A recorded plan without the people the case has since taken out of the network, and
    how many of them were in it and held back: a version is kept as it read, but prints and
    reads of it no longer name them (a second reader: a version printed again named an uncle
    taken out)."""
    people = [p for p in plan.people if p.person_id not in taken_out]
    held = [h for h in plan.held_back if h.person_id not in taken_out]
    # Nor the review date of a commitment no longer shown (a second reader).
    shown = plan.model_copy(update={"people": people, "held_back": held,
                                    "next_commitment_review": _reviews(people)})  # fmt: skip
    return shown, len(plan.people) - len(people), len(plan.held_back) - len(held)


class PlanNow(BaseModel):
    """The plan today, the versions recorded, and what changed since the latest of them."""

    plan: Plan
    versions: list[PlanVersionSummary]
    next_review: str | None = Field(description="The review date the latest version set.")
    changes_since_latest: list[str] = Field(
        description="What differs from the latest version, in words; [] when nothing does "
        "(or no version is recorded yet)."
    )


def _wish(person: dict[str, Any], side: str | None, facts: dict[str, Any]) -> Wish | None:
    return effective_wish(person["wish"], side, facts["wish_maternal"], facts["wish_paternal"])


def _event(e: dict[str, Any]) -> PlanEvent:
    return PlanEvent(id=e["id"], on=e["on"], place=e["place"], title=e["title"],
                     came=len(e["attended"]))  # fmt: skip


def build_plan(
    facts: dict[str, Any],
    *,
    names: dict[str, str],
    relations: dict[str, str],
    sides: Mapping[str, str | None],
) -> Plan:
    """The plan from `get_plan`'s record; `names`, `relations` and `sides` by person id (the
    display name, the kinship term or role, the side of the family)."""
    people: list[PlanPerson] = []
    held: list[HeldBack] = []
    for p in facts["people"]:
        if not p["living"]:
            continue  # someone who has died is no longer in the plan, nor are their promises
        pid = p["person_id"]
        who = {"person_id": pid, "connection_id": p["connection_id"], "name": names[pid],
               "relation": relations.get(pid, "connection")}  # fmt: skip
        wish = _wish(p, sides.get(pid), facts)
        risks = household_now(p["risks"], p["overridden"])
        if risks or (wish is not None and wish in _HELD_BACK):
            reason = risks[0].message.rstrip(".") if risks else _HELD_BACK[str(wish)]
            held.append(HeldBack(**who, reason=reason))
            continue
        commitments = [
            PlanCommitment(**m, how_often=how_often(m["every_days"])) for m in p["commitments"]
        ]
        people.append(PlanPerson(**who, commitments=commitments))
    people.sort(key=lambda x: (x.name, x.person_id))
    held.sort(key=lambda x: (x.name, x.person_id))
    reviews = _reviews(people)
    return Plan(
        young_person_id=facts["young_person_id"],
        young_person_name=facts["young_person_name"],
        people=people,
        held_back=held,
        contacts=[PlanWorker(**w) for w in facts["workers"]],
        events=[_event(e) for e in facts["events"]],
        next_commitment_review=reviews,
    )


def _said(person: PlanPerson, m: PlanCommitment) -> str:
    return f"{person.name} ({person.relation}): {m.what}, {m.how_often}"


def changes(old: Plan, new: Plan, taken_out: int = 0) -> list[str]:
    """What differs from `old` to `new`, in words, in a stable order: people who joined or left
    the plan, and commitments added, ended or changed. Why someone left is not said here: the
    list heads the plan's page, which a family may be given, and a person held back (a flag, an
    order, the young person's wish) is told only in the page's "Held back" part, for the
    workers and the review. Nor is anyone who left named here, whatever the reason (a second
    reader: the aunt the young person never wants approached was named at the head of the
    family's copy; a later one, an uncle whose approval was withdrawn after a police
    disclosure), nor the `taken_out` people of `old` since taken out of the network
    (`without`): counted."""
    said: list[str] = []
    before = {p.person_id: p for p in old.people}
    after = {p.person_id: p for p in new.people}
    for pid in sorted(after.keys() - before.keys(), key=lambda i: after[i].name):
        said.append(f"Joined the plan: {after[pid].name} ({after[pid].relation}).")
    unnamed = len(before.keys() - after.keys()) + taken_out
    if unnamed:
        who = "1 person" if unnamed == 1 else f"{unnamed} people"
        said.append(f"No longer in the plan: {who}, not named here.")
    for pid in sorted(before.keys() & after.keys(), key=lambda i: after[i].name):
        then = {m.id: m for m in before[pid].commitments}
        now = {m.id: m for m in after[pid].commitments}
        for mid in sorted(now.keys() - then.keys()):
            said.append(f"Commitment added: {_said(after[pid], now[mid])}.")
        for mid in sorted(then.keys() - now.keys()):
            said.append(f"Commitment ended: {_said(before[pid], then[mid])}.")
        for mid in sorted(now.keys() & then.keys()):
            if now[mid] != then[mid]:
                said.append(f"Commitment changed: {_said(after[pid], now[mid])}.")
    if [c.model_dump() for c in old.contacts] != [c.model_dump() for c in new.contacts]:
        said.append("The workers to contact have changed.")
    return said
