"""Load the demo case (`seed/demo_case.py`) and a demo team to work on it.

One transaction of MERGEs on fixed ids, so loading twice changes nothing. The demo team is a
manager of Kai's team and a coordinator allocated to him; they sign in with tokens issued by
`python -m service.users_cli issue-token demo.coordinator`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import FastAPI
from neo4j import AsyncManagedTransaction

from seed.demo_case import (
    PARENTAGE,
    PARTNERSHIPS,
    PEOPLE,
    SIBLING_TIES,
    TIES,
    YOUNG_PERSON,
    YOUNG_PERSON_ID,
)
from service.data.plan import current_plan
from service.data.relationships import stored_props
from service.db import Db, in_write
from service.routes.maps import mint_link
from service.settings import Settings

DEMO_USERS: list[dict[str, Any]] = [
    {"id": "demo-user-coordinator", "username": "demo.coordinator",
     "display_name": "Sam Okafor (demo)", "role": "coordinator",
     "job_title": "Lifelong Links coordinator", "team": "north", "allocated_from": "2025-02-01"},
    {"id": "demo-user-social-worker", "username": "demo.social.worker",
     "display_name": "Fiona Grant (demo)", "role": "social_worker", "job_title": "Social worker",
     "team": "north", "allocated_from": "2024-10-04"},
    {"id": "demo-user-manager", "username": "demo.manager", "display_name": "Ruth Adeyemi (demo)",
     "role": "manager", "job_title": "Team manager", "team": "north", "allocated_from": None},
]  # fmt: skip


SOCIAL_WORKER = "demo-user-social-worker"
COORDINATOR = "demo-user-coordinator"

# The Lifelong Links work on Kai so far. Mark, his paternal aunt Nicola's husband, is known to
# MARAC; his paternal uncle Sean is under a restraining order; Kai never wants his step-father
# Gary approached; his grandmother Margaret agreed to a fortnightly call, which has lapsed.
FLAGS: list[dict[str, Any]] = [
    {"id": "demo-flag-mark", "person_id": "demo-mark",
     "props": {"kind": "domestic_abuse_perpetrator", "level": 3, "source": "MARAC, 2025-11-12",
               "details": "Heard at MARAC after an incident at the family home.",
               "raised_on": "2025-11-14", "review_on": "2026-05-14", "expires_on": None,
               "author_id": SOCIAL_WORKER}},
]  # fmt: skip
ORDERS: list[dict[str, Any]] = [
    {"id": "demo-order-sean", "restricted_id": "demo-sean", "protected_id": YOUNG_PERSON_ID,
     "props": {"kind": "restraining_order", "made_on": "2025-04-03", "until": "2027-04-03",
               "terms": "No contact with Kai, direct or indirect, including social media.",
               "author_id": SOCIAL_WORKER, "made_in": YOUNG_PERSON_ID}},
]  # fmt: skip


def _stages(*steps: tuple[str, str, str, str | None]) -> list[dict[str, Any]]:
    return [{"stage": s, "at": at, "user_id": who, "reason": why} for s, at, who, why in steps]


CONNECTIONS: list[dict[str, Any]] = [
    {"id": "demo-connection-margaret", "person_id": "demo-margaret", "stage": "in_plan",
     "history": _stages(
         ("identified", "2025-02-10T10:00:00Z", COORDINATOR, "Kai phones her now and then"),
         ("awaiting_safety_check", "2025-02-12T10:00:00Z", COORDINATOR, None),
         ("approved", "2025-02-20T15:00:00Z", SOCIAL_WORKER, "No concerns known"),
         ("young_person_agreed", "2025-02-24T16:00:00Z", COORDINATOR, "Kai asked for it"),
         ("contacted", "2025-02-26T11:00:00Z", COORDINATOR, "Home visit"),
         ("willing", "2025-02-26T12:00:00Z", COORDINATOR, None),
         ("invited", "2025-03-10T09:00:00Z", COORDINATOR, None),
         ("attended", "2025-04-05T18:00:00Z", COORDINATOR, "Family Group Conference"),
         ("in_plan", "2025-04-06T10:00:00Z", COORDINATOR, "Lifelong Links plan agreed")),
     "contacts": [
         {"id": "demo-contact-margaret-1", "on": "2026-05-03", "mode": "call",
          "direction": "both_ways", "note": "Talked about his football."},
         {"id": "demo-contact-margaret-2", "on": "2026-07-19", "mode": "call",
          "direction": "from_young_person", "note": "Kai rang on her birthday."}],
     "commitments": [
         {"id": "demo-commitment-margaret", "what": "A phone call every other Sunday",
          "every_days": 14, "since": "2025-04-06", "review_on": "2026-04-06"}]},
    {"id": "demo-connection-darren", "person_id": "demo-darren", "stage": "awaiting_safety_check",
     "history": _stages(
         ("identified", "2025-06-02T10:00:00Z", COORDINATOR, "Got in touch asking to see Kai"),
         ("located", "2025-06-03T10:00:00Z", COORDINATOR, None),
         ("awaiting_safety_check", "2025-06-05T10:00:00Z", COORDINATOR, None)),
     "contacts": [], "commitments": []},
    # His Year 5 and 6 teacher: glad to hear from him, but cannot commit to more than a message.
    {"id": "demo-connection-priya", "person_id": "demo-priya", "stage": "willing",
     "history": _stages(
         ("identified", "2026-05-02T10:00:00Z", COORDINATOR, "Kai asked to find her"),
         ("located", "2026-05-06T10:00:00Z", COORDINATOR, "Still teaching at Oakfield"),
         ("awaiting_safety_check", "2026-05-06T11:00:00Z", COORDINATOR, None),
         ("approved", "2026-05-14T15:00:00Z", SOCIAL_WORKER, "No concerns; DBS checked"),
         ("young_person_agreed", "2026-05-18T16:00:00Z", COORDINATOR, None),
         ("contacted", "2026-05-20T12:00:00Z", COORDINATOR, "Phoned the school"),
         ("willing", "2026-05-20T12:30:00Z", COORDINATOR, "Will write; cannot commit to visits")),
     "contacts": [], "commitments": []},
    {"id": "demo-connection-angela", "person_id": "demo-angela", "stage": "identified",
     "history": _stages(
         ("identified", "2025-03-01T10:00:00Z", COORDINATOR, "Kai talks about her Sunday dinners")),
     "contacts": [], "commitments": []},
]  # fmt: skip
# Kai's short-break foster carer before he came into care, not seen for more than two years.
EXTRA_PEOPLE: list[dict[str, Any]] = [
    {"id": "demo-joan", "given_name": "Joan", "family_name": "Pike", "known_as": None,
     "sex": "female", "birth_date": "1961", "death_date": None, "living": True,
     "notes": "Short-break foster carer one weekend a month, 2022 to mid-2024."},
]  # fmt: skip
EXTRA_TIES: list[dict[str, Any]] = [
    {"adult": "demo-joan", "person": YOUNG_PERSON_ID, "role": "foster_carer", "from": "2022-03",
     "until": "2024-06", "strength": "strong", "stressful": False,
     "notes": "Kai remembers her dog, Biscuit."},
]  # fmt: skip

WISHES: list[dict[str, Any]] = [
    {"person_id": "demo-gary", "wish": "never", "note": "Kai does not want contact with Gary.",
     "user_id": COORDINATOR, "recorded_at": "2025-02-24T16:00:00Z"},
]  # fmt: skip


# Kai's timeline, for his journey book: where he lived, his schools and placements.
TIMELINE: list[dict[str, Any]] = [
    {"id": "demo-timeline-home", "kind": "lived", "title": "At home with Mum",
     "place": "Leeds", "since": "2012-05", "until": "2024-10", "note": None,
     "people": ["demo-donna"]},
    {"id": "demo-timeline-oakfield", "kind": "school", "title": "Oakfield Primary School",
     "place": "Leeds", "since": "2016-09", "until": "2023-07",
     "note": "Mrs Shah taught Year 5 and 6.", "people": ["demo-priya"]},
    {"id": "demo-timeline-joan", "kind": "placement", "title": "Short breaks with Joan",
     "place": None, "since": "2022-03", "until": "2024-06",
     "note": "One weekend a month, with Biscuit the dog.", "people": ["demo-joan"]},
    {"id": "demo-timeline-brookside", "kind": "school", "title": "Brookside Academy",
     "place": "Leeds", "since": "2023-09", "until": None, "note": None, "people": []},
    {"id": "demo-timeline-angela", "kind": "placement", "title": "Foster home with Angela",
     "place": None, "since": "2024-10", "until": "2025-01",
     "note": "The first foster home, and Angela's Sunday dinners.", "people": ["demo-angela"]},
    {"id": "demo-timeline-paul", "kind": "placement", "title": "Foster home with Paul",
     "place": None, "since": "2025-01", "until": "2025-09", "note": None, "people": ["demo-paul"]},
    {"id": "demo-timeline-conference", "kind": "event", "title": "Celebration event",
     "place": "Northgate Family Centre", "since": "2025-04-05", "until": None,
     "note": "The Lifelong Links plan was agreed.", "people": ["demo-margaret"]},
    {"id": "demo-timeline-turners", "kind": "placement", "title": "Foster home with Helen and Rob",
     "place": None, "since": "2025-09", "until": None,
     "note": "A 14th birthday party at home.", "people": ["demo-helen", "demo-rob"]},
]  # fmt: skip
for _entry in TIMELINE:
    _entry["user_id"] = COORDINATOR
EVENTS: list[dict[str, Any]] = [
    {"id": "demo-event-conference", "on": "2025-04-05", "place": "Northgate Family Centre",
     "title": "Kai's celebration event", "user_id": COORDINATOR,
     "notes": "Family Group Conference. Kai chose the food and the music.",
     "guests": [{"connection_id": "demo-connection-margaret", "invited_on": "2025-03-10",
                 "attended": True,
                 "offered": "A phone call every other Sunday, and his football matches when "
                            "she can get there."}]},
]  # fmt: skip
MESSAGES: list[dict[str, Any]] = [
    {"id": "demo-message-priya", "connection_id": "demo-connection-priya",
     "written_on": "2026-06-12", "user_id": COORDINATOR,
     "text": "Dear Kai,\nI was so pleased to hear from you. I still have the rocket you made in "
             "Year 6! Keep working hard at Brookside, and keep asking questions.\nMrs Shah"},
]  # fmt: skip
# What Kai agreed to put in his journey book.
BOOK: dict[str, Any] = {
    "own_words": "Nan is the best. I want to see her more and for her to come to my football. "
                 "I want Mrs Shah to know I'm doing OK at Brookside. Helen and Rob are kind.",
    "family_picture": True, "people": True, "timeline": True, "messages": True,
    "leave_out": [], "agreed_on": "2026-10-20", "user_id": COORDINATOR,
}  # fmt: skip
# The plan's versions: agreed at the event, and again at the review a year on.
PLAN_VERSIONS: list[dict[str, Any]] = [
    {"number": 1, "agreed_on": "2025-04-06", "review_on": "2026-04-06", "user_id": COORDINATOR,
     "note": "Agreed at Kai's celebration event on 5 April 2025."},
    {"number": 2, "agreed_on": "2026-04-09", "review_on": "2027-04-09", "user_id": COORDINATOR,
     "note": "Reviewed at Kai's care plan review; nothing changed."},
]  # fmt: skip


def _link(type_: str, from_id: object, to_id: object, **props: object) -> dict[str, Any]:
    key = f"{type_}_demo_{from_id}_{to_id}"
    if type_ == "trusted_adult":
        key += f"_{props['role']}"
    return {"type": type_, "from_id": from_id, "to_id": to_id, "props": {"id": key, **props}}


def relationships() -> list[dict[str, Any]]:
    """The demo case's relationships in the shape the API takes them."""
    links = [_link("parent", p["parent"], p["child"], kind=p["kind"]) for p in PARENTAGE]
    links += [
        _link("partner", p["a"], p["b"], kind=p["kind"], since=p["from"], until=p["until"])
        for p in PARTNERSHIPS
    ]
    links += [_link("sibling", s["a"], s["b"], half=s["half"]) for s in SIBLING_TIES]
    links += [
        _link(
            "trusted_adult",
            t["adult"],
            t["person"],
            role=t["role"],
            since=t["from"],
            until=t["until"],
            strength=t["strength"],
            stressful=t["stressful"],
            notes=t["notes"],
        )
        for t in [*TIES, *EXTRA_TIES]
    ]
    return links


async def load_demo(db: Db) -> None:
    young = [p for p in PEOPLE if p["id"] == YOUNG_PERSON_ID]

    async def write(tx: AsyncManagedTransaction) -> None:
        async def run(name: str, **params: Any) -> None:
            await (await tx.run(db.queries[name], **params)).consume()

        # The young person first, so that everyone else can join their network.
        await run("merge_demo_people", people=young, young_person_id=YOUNG_PERSON_ID)
        await run("merge_demo_young_person", **YOUNG_PERSON)
        await run("merge_demo_people", people=PEOPLE + EXTRA_PEOPLE,
                  young_person_id=YOUNG_PERSON_ID)  # fmt: skip
        links = [{**link, "props": stored_props(link["props"], YOUNG_PERSON_ID)}
                 for link in relationships()]  # fmt: skip
        await run("merge_demo_relationships", links=links)
        await run("merge_demo_users", users=DEMO_USERS, young_person_id=YOUNG_PERSON_ID)
        await run("merge_demo_work", young_person_id=YOUNG_PERSON_ID, flags=FLAGS,
                  orders=ORDERS, connections=CONNECTIONS, wishes=WISHES)  # fmt: skip
        await run("merge_demo_plan", young_person_id=YOUNG_PERSON_ID, timeline=TIMELINE,
                  events=EVENTS, messages=MESSAGES, books=[BOOK], versions=[])  # fmt: skip

    await in_write(db, write)
    # The plan's versions hold the plan as it reads from the work just loaded, as it was on
    # the day it was agreed.
    plan = await current_plan(db, young_person_id=YOUNG_PERSON_ID, today=date(2025, 4, 6))
    versions = [{**v, "content": plan.model_dump_json()} for v in PLAN_VERSIONS]

    async def agree(tx: AsyncManagedTransaction) -> None:
        await (await tx.run(db.queries["merge_demo_plan"], young_person_id=YOUNG_PERSON_ID,
                            timeline=[], events=[], messages=[], books=[],
                            versions=versions)).consume()  # fmt: skip

    await in_write(db, agree)


async def on_start(app: FastAPI, db: Db, settings: Settings) -> None:
    """The service's `demo` start-up step (LL_DEMO_DATA): the demo case, and a first look at
    it, the demo case's map as the coordinator allocated to Kai."""
    await load_demo(db)
    app.state.first_look = mint_link(
        settings, app.state.embed_key, user_id=COORDINATOR, young_person_id=YOUNG_PERSON_ID,
        view="ecomap", origin=None, minutes=settings.embed_minutes,
    )  # fmt: skip
