"""A care leaver's own record (a subject access request): everything the service holds about
them, with other people's information withheld and marked; pure (`service.record`) and through
the real API on a real Neo4j, as JSON and as a PDF whose text is read back."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from pypdf import PdfReader

from service import lifespan
from service.record import OTHER_CHILD, OTHER_PERSON, build_record, withheld
from tests.cases import (
    ADMIN_TOKEN,
    Case,
    add_user,
    allocate,
    built_once,
    in_network_of,
    ok,
    open_case,
    work_case,
)
from tests.conftest import Target, app_client, settings_for
from visualise.documents import render_record, to_pdf

WILLING = ("awaiting_safety_check", "approved", "young_person_agreed", "contacted", "willing")
HELD = withheld(OTHER_PERSON)


def _facts(**extra: Any) -> dict[str, Any]:
    person = {"id": "kai", "given_name": "Kai", "family_name": "Brennan", "known_as": None,
              "sex": "male", "birth_date": "2012-05-14", "status": "care_leaver", "team": "north",
              "notes": "His own note"}  # fmt: skip
    people = [
        {"person_id": "mum", "given_name": "Donna", "family_name": "B", "known_as": None,
         "living": False, "birth_date": "1988-02-03", "young_person": False},
        {"person_id": "gran", "given_name": "Margaret", "family_name": "B", "known_as": "Maggie",
         "living": True, "birth_date": "1962-07-21", "young_person": False},
        {"person_id": "sis", "given_name": "Secret", "family_name": "Child", "known_as": None,
         "living": True, "birth_date": "2015-01-01", "young_person": True},
        {"person_id": "cousin", "given_name": "Young", "family_name": "Cousin", "known_as": None,
         "living": True, "birth_date": "2009", "young_person": False},
    ]  # fmt: skip
    empty: dict[str, Any] = {
        "external_ids": [], "addresses": [], "workers": [], "adults": [], "connections": [],
        "wish_maternal": None, "wish_paternal": None, "wishes": [], "flags": [], "orders": [],
        "versions": [], "book": None, "audit": [],
    }  # fmt: skip
    return {"person": person, "people": people, **empty, **extra}


def test_the_record_withholds_other_peoples_information_and_marks_it() -> None:
    relatives = [
        {"person_id": "mum", "term": "mother", "side": "maternal", "living": False,
         "birth_date": "1988-02-03", "death_date": "2025-01-19", "other_case": False,
         "generations_up": 1, "generations_down": 0},
        {"person_id": "gran", "term": "maternal grandmother", "side": "maternal", "living": True,
         "birth_date": "1962-07-21", "death_date": None, "other_case": False,
         "generations_up": 2, "generations_down": 0},
        {"person_id": "sis", "term": "maternal half-sister", "side": "maternal", "living": True,
         "birth_date": "2015-01-01", "death_date": None, "other_case": True,
         "generations_up": 1, "generations_down": 1},
        # 17 on the day (born in 2009: the last day that allows, 31 December).
        {"person_id": "cousin", "term": "maternal first cousin", "side": "maternal",
         "living": True, "birth_date": "2009", "death_date": None, "other_case": False,
         "generations_up": 2, "generations_down": 2},
    ]  # fmt: skip
    connections = [{"person_id": "gran", "stage": "in_plan", "history": [
        {"stage": "approved", "at": "2025-02-20T15:00:00Z", "by": "Fiona",
         "reason": "No concerns about her", "override_reason": None}],
        "contacts": [{"on": "2026-05-03", "mode": "call", "direction": "both_ways",
                      "note": "Talked about her hip"}],
        "commitments": [{"what": "Calls", "every_days": 14, "since": "2025-04-06",
                         "review_on": None}],
        "messages": [{"text": "Love, Nan", "written_on": "2026-01-01"}]}]  # fmt: skip
    flags = [{"kind": "hazard_to_staff", "level": 1, "status": "active", "source": "Police",
              "details": "His own flag", "raised_on": "2026-01-01", "review_on": None,
              "expires_on": None}]  # fmt: skip
    record = build_record(
        _facts(connections=connections, flags=flags,
               wishes=[{"person_id": "gran", "wish": "want_contact", "note": "Gran drinks"}],
               audit=[
                   {"month": "2026-11", "who": "Fiona", "role": "social_worker",
                    "action": "flag.raise", "outcome": "allowed", "times": 2},
                   {"month": "2026-11", "who": "Fiona", "role": "social_worker",
                    "action": "person.update", "outcome": "allowed", "times": 1},
                   # Reads, though named as changes are: her manager reading the audit
                   # trail, a family tree file read and not imported.
                   {"month": "2026-11", "who": "Fiona", "role": "social_worker",
                    "action": "gedcom.preview", "outcome": "allowed", "times": 1},
                   {"month": "2026-11", "who": "Mo", "role": "manager",
                    "action": "audit.read", "outcome": "allowed", "times": 2},
                   {"month": "2026-11", "who": "Mo", "role": "manager",
                    "action": "read_person", "outcome": "allowed", "times": 1},
                   {"month": "2026-11", "who": "Mo", "role": "manager",
                    "action": "person.update", "outcome": "refused", "times": 1},
               ]),
        relatives=relatives, timeline=[], events=[], made_on="2026-12-05",
    )  # fmt: skip
    sections = {s.title: s.rows for s in record.sections}
    assert ["Notes", "His own note"] in sections["About you"]
    family = sections["Your family as recorded"]
    assert family[0] == ["Donna B", "mother", "maternal", "1988-02-03", "2025-01-19"]  # deceased
    assert family[1] == ["Margaret B (Maggie)", "maternal grandmother", "maternal", HELD, ""]
    # Every living child's name alike: the one in care is not told apart.
    assert family[2] == [withheld(OTHER_CHILD), "maternal half-sister", "maternal", "", ""]
    assert family[3] == [withheld(OTHER_CHILD), "maternal first cousin", "maternal", "", ""]
    assert sections["People approached for you"] == [
        ["Margaret B (Maggie)", "approved", "2025-02-20", "Fiona", HELD]
    ]
    assert sections["Contact"][0][-1] == HELD
    assert sections["Messages to you"] == [["Margaret B (Maggie)", "2026-01-01", "Love, Nan"]]
    assert sections["Your wishes"] == [["Margaret B (Maggie)", "wants contact", HELD]]
    assert sections["Who has read or changed your record"] == [
        ["2026-11", "Fiona", "social worker", "changed it", "3"],
        ["2026-11", "Fiona", "social worker", "looked at it", "1"],
        ["2026-11", "Mo", "manager", "looked at it", "3"],
        ["2026-11", "Mo", "manager", "was refused a look", "1"],
    ]
    assert sections["Safety flags on your own record"][0][4] == "His own flag"
    text = record.model_dump_json()
    for theirs in ("Secret", "Young Cousin", "1962-07-21", "2015-01-01", "No concerns",
                   "her hip", "drinks"):  # fmt: skip
        assert theirs not in text, theirs
    assert [(w.section, w.why) for w in record.withheld] == [
        ("Your family as recorded", OTHER_PERSON),
        ("Your family as recorded", OTHER_CHILD),
        ("Your family as recorded", OTHER_CHILD),
        ("People approached for you", OTHER_PERSON),
        ("Contact", OTHER_PERSON),
        ("Your wishes", OTHER_PERSON),
    ]


def test_the_own_words_of_someone_taken_out_are_withheld_with_their_name() -> None:
    """A man wrongly matched as a relative and taken out of the network: his name was withheld,
    but his message and his commitment in the plan ("Tea at 12 Mill Lane") were given as
    written (second readers). Both are withheld and listed."""
    connections = [
        {
            "person_id": "gran",
            "stage": "in_plan",
            "history": [],
            "contacts": [],
            "commitments": [
                {
                    "what": "Tea at 12 Mill Lane",
                    "every_days": 7,
                    "since": "2025-04-06",
                    "review_on": None,
                }
            ],
            "messages": [{"text": "Come to 12 Mill Lane", "written_on": "2026-01-01"}],
        }
    ]
    facts = _facts(connections=connections)
    facts["people"] = [{**p, "taken_out": p["person_id"] == "gran"} for p in facts["people"]]
    record = build_record(facts, relatives=[], timeline=[], events=[], made_on="2026-12-05")
    sections = {s.title: s.rows for s in record.sections}
    assert sections["Messages to you"] == [[HELD, "2026-01-01", HELD]]
    assert sections["Your Lifelong Links plan"][0][:3] == [HELD, HELD, "every week"]
    assert "Mill Lane" not in record.model_dump_json()
    assert {(w.section, w.what) for w in record.withheld} >= {
        ("Messages to you", "a message's words"),
        ("Your Lifelong Links plan", "a commitment"),
    }


def test_a_living_person_with_no_birth_date_is_taken_for_a_child() -> None:
    """When in doubt, a child: a brother of no recorded age is withheld like his sisters, one in
    care and one of 11, so nothing says which of them is in care. An uncle (an older generation)
    and a teacher (a trusted adult) of no recorded age are named, as is anyone of unknown age
    who is no relative of the young person's generation or a younger one (a family friend)."""
    people = [
        {"person_id": "sis", "given_name": "Incare", "family_name": "Sister", "known_as": None,
         "living": True, "birth_date": "2015-01-01", "young_person": True},
        {"person_id": "little", "given_name": "Eleven", "family_name": "Sister",
         "known_as": None, "living": True, "birth_date": "2015-03", "young_person": False},
        {"person_id": "bro", "given_name": "Noage", "family_name": "Brother", "known_as": None,
         "living": True, "birth_date": None, "young_person": False},
        {"person_id": "grandad", "given_name": "Late", "family_name": "Grandad",
         "known_as": None, "living": False, "birth_date": None, "young_person": False},
        {"person_id": "uncle", "given_name": "Noage", "family_name": "Uncle", "known_as": None,
         "living": True, "birth_date": None, "young_person": False},
        {"person_id": "teacher", "given_name": "Noage", "family_name": "Teacher",
         "known_as": None, "living": True, "birth_date": None, "young_person": False,
         "trusted_adult": True},
        {"person_id": "friend", "given_name": "Noage", "family_name": "Friend",
         "known_as": None, "living": True, "birth_date": None, "young_person": False},
    ]  # fmt: skip
    relatives = [
        {"person_id": pid, "term": term, "side": "paternal", "living": pid != "grandad",
         "birth_date": born, "death_date": None, "other_case": pid == "sis",
         "generations_up": up, "generations_down": down}
        for pid, term, born, up, down in (
            ("sis", "paternal half-sister", "2015-01-01", 1, 1),
            ("little", "paternal half-sister", "2015-03", 1, 1),
            ("bro", "paternal half-brother", None, 1, 1),
            ("grandad", "paternal grandfather", None, 2, 0),
            ("uncle", "paternal uncle", None, 2, 1))
    ]  # fmt: skip
    adults = [{"person_id": "teacher", "role": "teacher", "since": "2024", "until": None,
               "strength": "strong", "notes": None}]  # fmt: skip
    orders = [{"person_id": "friend", "kind": "non_molestation_order", "protects_them": False,
               "made_on": "2026-01-05", "until": None, "terms": None}]  # fmt: skip
    record = build_record({**_facts(adults=adults, orders=orders), "people": people},
                          relatives=relatives, timeline=[], events=[],
                          made_on="2026-12-05")  # fmt: skip
    sections = {s.title: s.rows for s in record.sections}
    assert sections["Trusted adults"][0][0] == "Noage Teacher"
    assert sections["Court orders"][0][1] == "Noage Friend"
    family = sections["Your family as recorded"]
    shown = {row[0] for row in family}
    assert shown == {withheld(OTHER_CHILD), "Late Grandad", "Noage Uncle"}
    assert [row[0] for row in family].count(withheld(OTHER_CHILD)) == 3
    assert "Noage Brother" not in record.model_dump_json()


def test_a_child_is_told_by_a_family_trees_range_a_possible_life_and_age_not_by_case() -> None:
    """Found by a second reader: aunts of 11 and 14 whose family tree gave `AFT 2014` and `BET
    2012 AND 2016` (no one day kept) were named as adults of unknown age; a half-sister the
    import counted as not living by the file's year of birth (1880, a typing slip the worker
    corrected to 2014) was named with her date of birth; a half-sister of 22 with a case of her
    own was withheld as a child among named adult sisters, which said she was in care; and a
    brother of unknown age was named once the case took his mother out of the network."""

    def person(pid: str, **fields: Any) -> dict[str, Any]:
        return {"person_id": pid, "given_name": pid.title(), "family_name": "Hill",
                "known_as": None, "living": True, "birth_date": None, "young_person": False,
                **fields}  # fmt: skip

    people = [
        person("aftaunt", birth_earliest="2015-01-01"),
        person("rangeaunt", birth_earliest="2012-01-01", birth_latest="2016-12-31"),
        person("befaunt", birth_latest="1989-12-31"),  # BEF 1990: an adult
        person("oldsis", living=False, birth_date="2014-06-01", living_inferred=lifespan.RECHECK),
        person("greatgran", living=False, birth_date="1880", living_inferred=lifespan.BURIED),
        person("carer", young_person=True, birth_date="2004-02-01"),  # 22, her own case
        person("unknown", young_person=True),  # in care, of no recorded age
        person("bro"),  # his mother taken out: of no relation in the family read
        # What a second reading of the fix found named: a phrase naming a recent year, a range
        # with no end, a year kept as written and not read (in the future); an old year read
        # from words that were no date decides an adult.
        person("phraseaunt", birth_written="(born 2014)"),
        person("afteraunt", birth_earliest="1991-01-01", birth_written="AFT 1990"),
        person("futureaunt", birth_written="2031"),
        person("typoaunt", birth_written="31 FEB 1950"),
    ]
    relatives = [
        {"person_id": pid, "term": term, "side": "maternal",
         "living": pid not in ("oldsis", "greatgran"), "birth_date": born, "death_date": None,
         "other_case": pid in ("carer", "unknown"), "generations_up": up,
         "generations_down": down}
        for pid, term, born, up, down in (
            ("aftaunt", "maternal aunt", None, 2, 1),
            ("rangeaunt", "maternal aunt", None, 2, 1),
            ("befaunt", "maternal aunt", None, 2, 1),
            ("oldsis", "maternal half-sister", "2014-06-01", 1, 1),
            ("greatgran", "maternal great-grandmother", "1880", 3, 0),
            ("carer", "maternal half-sister", "2004-02-01", 1, 1),
            ("unknown", "maternal half-sister", None, 1, 1),
            ("phraseaunt", "maternal aunt", None, 2, 1),
            ("afteraunt", "maternal aunt", None, 2, 1),
            ("futureaunt", "maternal aunt", None, 2, 1),
            ("typoaunt", "maternal aunt", None, 2, 1))
    ]  # fmt: skip
    connections = [{"person_id": "bro", "stage": "identified", "history": [
        {"stage": "identified", "at": "2026-11-01T10:00:00Z", "by": "coordinator1",
         "reason": None, "override_reason": None}], "contacts": [], "commitments": [],
        "messages": []}]  # fmt: skip
    record = build_record({**_facts(connections=connections), "people": people},
                          relatives=relatives, timeline=[], events=[], made_on="2026-12-05",
                          young_kin={"oldsis", "carer", "unknown", "bro"})  # fmt: skip
    sections = {s.title: s.rows for s in record.sections}
    family = {row[1] + ("" if row[0].startswith("[") else f" {row[0]}"): row
              for row in sections["Your family as recorded"]}  # fmt: skip
    child = withheld(OTHER_CHILD)
    names = [row[0] for row in sections["Your family as recorded"]]
    # The five young aunts, the half-sister of 12, the one in care.
    assert names.count(child) == 7
    assert "Befaunt Hill" in names
    assert "Typoaunt Hill" in names
    assert "Greatgran Hill" in names
    assert "Carer Hill" in names  # 22: named as an adult sister is
    assert family["maternal half-sister Carer Hill"][3] == HELD  # living: her date of birth
    assert family["maternal great-grandmother Greatgran Hill"][3] == "1880"  # buried
    assert "2014-06-01" not in record.model_dump_json()
    assert sections["People approached for you"][0][0] == child


def test_names_are_written_as_everywhere_else() -> None:
    """A name known by that is the given name is not said twice; someone known only by one is
    named by it (`kinship.display_name`, as the maps and lists name people)."""
    facts = _facts()
    facts["people"][0] |= {"known_as": "Donna"}  # the mother
    facts["people"][1] |= {"given_name": "", "family_name": "", "known_as": "Maggie"}
    relatives = [
        {"person_id": pid, "term": term, "side": "maternal", "living": True, "birth_date": None,
         "death_date": None, "other_case": False, "generations_up": up, "generations_down": 0}
        for pid, term, up in (("mum", "mother", 1), ("gran", "maternal grandmother", 2))
    ]  # fmt: skip
    record = build_record(facts, relatives=relatives, timeline=[], events=[],
                          made_on="2026-12-05")  # fmt: skip
    names = [row[0] for s in record.sections if s.title == "Your family as recorded"
             for row in s.rows]  # fmt: skip
    assert names[:2] == ["Donna B", "Maggie"], names


def test_order_terms_and_other_worker_notes_are_withheld() -> None:
    """The terms of a court order can say where a protected person lives; what workers wrote on
    an event or a plan version can be about anyone. The young person's own story stays."""
    orders = [{"person_id": "gran", "kind": "non_molestation_order", "protects_them": False,
               "made_on": "2026-01-05", "until": "2027-01-05",
               "terms": "Not to go within 100m of 9 Secret Close, Leeds"}]  # fmt: skip
    versions = [{"number": 1, "agreed_on": "2026-02-02", "review_on": "2026-08-02",
                 "note": "Mum not invited (s.47 ongoing)"}]  # fmt: skip
    events = [{"on": "2026-02-01", "title": "Kai's party", "place": "Oak Hall",
               "notes": "Uncle Dave arrived drunk", "guests": []}]  # fmt: skip
    timeline: list[dict[str, Any]] = [
        {"title": "Lived with Nan", "since": "2019", "until": None, "place": "4 Ash Grove, Hull",
         "note": None, "people": []}
    ]  # fmt: skip
    record = build_record(_facts(orders=orders, versions=versions), relatives=[],
                          timeline=timeline, events=events, made_on="2026-12-05")  # fmt: skip
    sections = {s.title: s.rows for s in record.sections}
    assert sections["Court orders"] == [["non molestation order", "Margaret B (Maggie)",
                                         "you may not contact them", "2026-01-05", "2027-01-05",
                                         HELD]]  # fmt: skip
    assert sections["Plan versions"] == [["1", "2026-02-02", "2026-08-02", HELD]]
    assert sections["Celebration events"] == [["2026-02-01", "Kai's party", "Oak Hall", HELD,
                                               "", ""]]  # fmt: skip
    assert sections["Your timeline"][0][:4] == ["Lived with Nan", "2019", "", "4 Ash Grove, Hull"]
    text = record.model_dump_json()
    for theirs in ("Secret Close", "s.47", "drunk"):
        assert theirs not in text, theirs
    assert [(w.section, w.what) for w in record.withheld] == [
        ("Plan versions", "a note (version 1)"),
        ("Court orders", "the terms of an order (Margaret B (Maggie))"),
        ("Celebration events", "notes (the event on 2026-02-01)"),
    ]


def test_withheld_is_styled_by_where_it_was_withheld_not_by_what_a_cell_says() -> None:
    """A young person's own words that begin like a marker are theirs, not a withholding."""
    person = {**_facts()["person"], "notes": "[withheld: nothing, my joke]"}
    wishes = [{"person_id": "gran", "wish": "want_contact", "note": "Gran drinks"}]
    record = build_record({**_facts(wishes=wishes), "person": person}, relatives=[],
                          timeline=[], events=[], made_on="2026-12-05")  # fmt: skip
    page = render_record(record.model_dump()).html
    assert '<td class="held">[withheld: another person' in page
    assert "<td>[withheld: nothing, my joke]</td>" in page
    assert page.count('<td class="held">') == 1


@pytest.mark.timeout(120)
def test_long_own_words_are_printed_whole_as_a_block_not_a_table_cell() -> None:
    """A young person's own words at the most the journey book takes (10,000 characters) sat
    in a table cell, which WeasyPrint laid out for minutes at full CPU (seven minutes for one
    record): such a section is printed a block a row, and every word is in the PDF."""
    words = ("Gran's garden in summer and the dog called Biscuit.\n" * 200)[:10_000]
    book = {"agreed_on": "2026-10-01", "own_words": words}
    record = build_record(_facts(book=book), relatives=[], timeline=[], events=[],
                          made_on="2026-12-05")  # fmt: skip
    page = render_record(record.model_dump()).html
    section = page[page.index("<h2>Your journey book</h2>") :]
    section = section[: section.index("</section>")]
    assert "<table>" not in section
    assert section.count('<dl class="row">') == 1
    assert "<dt>In your own words</dt>" in section
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(page))).pages)
    assert " ".join(text.split()).count("dog called Biscuit") == words.count("dog called Biscuit")


@pytest.fixture
def case(db: Driver, neo4j_target: Target) -> Iterator[Case]:
    with app_client(settings_for(neo4j_target, admin_token=ADMIN_TOKEN)) as client:
        yield built_once(work_case, client, db)


def test_the_record_through_the_api(case: Case, db: Driver) -> None:
    ids, client = case.family.ids, case.client
    # Another child in care, the young person's half-sister, of another case.
    other = open_case(
        client, case.manager, given_name="Secretsister", family_name="Other", sex="female"
    )
    link = {"type": "parent", "from_id": ids["mum"], "to_id": other, "kind": "birth"}
    ok(client.post("/relationships", headers=case.manager.headers, json=link), 201)
    # The tie is recorded under her case; the council's records hold her in this one too (a
    # child of another case is shown through a case only when recorded in its network).
    in_network_of(db, case.family.young_person_id, other)
    ok(client.patch(f"/people/{ids['mum']}", headers=case.coordinator.headers,
                    json={"notes": "Mum's private note", "birth_date": "1980-03-04"}))  # fmt: skip
    flag = {"kind": "person_posing_risk_to_children", "level": 3, "source": "Police",
            "details": "Uncle's flag details"}  # fmt: skip
    ok(client.post(f"/people/{ids['uncle']}/flags", headers=case.social_worker.headers,
                   json=flag), 201)  # fmt: skip
    aunt = case.connect("aunt")
    case.walk(aunt, "awaiting_safety_check", "approved", "young_person_agreed", "contacted")
    ok(case.move(aunt, case.coordinator, "declined", reason="Aunt's reason for declining"))
    order = {"kind": "restraining_order", "restricted_id": ids["dad"],
             "protected_id": case.family.young_person_id, "made_on": "2026-01-05",
             "terms": "Not to go within 100m of 9 Secret Close, Leeds"}  # fmt: skip
    ok(client.post("/orders", headers=case.social_worker.headers, json=order), 201)
    tie = {"type": "trusted_adult", "from_id": ids["aunt"], "to_id": case.family.young_person_id,
           "role": "family_friend", "notes": "Aunt's tie note"}  # fmt: skip
    ok(client.post("/relationships", headers=case.coordinator.headers, json=tie), 201)
    gran = case.connect("gran")
    case.walk(gran, *WILLING)
    ok(client.post(f"/connections/{gran}/messages", headers=case.coordinator.headers,
                   json={"text": "Happy birthday from Gran"}), 201)  # fmt: skip

    path = f"/young-people/{case.family.young_person_id}/record"
    # For the social worker or manager who answers the request.
    assert client.get(path, headers=case.coordinator.headers).status_code == 403
    outsider = add_user(client, "social.worker.south", "social_worker", team="south")
    assert client.get(path, headers=outsider.headers).status_code == 404
    record = ok(client.get(path, headers=case.social_worker.headers))
    sections = {s["title"]: s["rows"] for s in record["sections"]}
    family = {row[1]: row for row in sections["Your family as recorded"]}
    assert family["maternal half-sister"][0] == withheld(OTHER_CHILD)
    assert family["mother"][3] == HELD  # living: her date of birth is hers
    stages = [(r[0], r[1], r[4]) for r in sections["People approached for you"]]
    assert ("aunt Test", "declined", HELD) in stages
    assert sections["Court orders"][0] == [
        "restraining order", "dad Test", "they may not contact you", "2026-01-05", "", HELD
    ]  # fmt: skip
    # Of no known age, but of an older generation than the young person: no child, named.
    assert family["maternal uncle"][0] == "uncle Test"
    assert sections["Messages to you"][0][0] == "gran Test"
    # The case's own note on the tie: there is one, and it is the worker's, withheld.
    assert sections["Trusted adults"] == [["aunt Test", "family friend", "", "", "moderate", HELD]]
    # Who read or changed the case, by month and as counts: never what the change was (the
    # uncle's flag was raised under this case).
    trail = sections["Who has read or changed your record"]
    assert {row[3] for row in trail} <= {"looked at it", "changed it", "was refused a look"}
    assert any(row[3] == "changed it" for row in trail)

    pdf = client.get(f"{path}/document.pdf", headers=case.manager.headers)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    words = " ".join(text.split())
    assert "Your record" in words
    assert "Happy birthday from Gran" in words
    assert "[withheld: another child's information] maternal half-sister" in words
    for theirs in ("Secretsister", "Mum's private note", "1980-03-04", "Uncle's flag details",
                   "Aunt's reason", "Aunt's tie note", "person posing", "flag raise", "flag.raise",
                   "Secret Close"):  # fmt: skip
        assert theirs not in words, theirs
    page = client.get(f"{path}/document", headers=case.manager.headers)
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "Secretsister" not in page.text

    scope = {"young_person_id": case.family.young_person_id}
    audit = ok(client.get("/audit", headers=case.manager.headers, params=scope))["data"]
    looks = {(e["action"], e["outcome"]) for e in audit}
    assert {("read_own_record", "allowed"), ("own_record_pdf", "allowed"),
            ("read_own_record", "refused")} <= looks  # fmt: skip


def test_a_worker_of_another_case_is_not_named_in_the_record(case: Case, db: Driver) -> None:
    """A social worker of another team, working on another child's case that shares the
    mother, changed her name: the change is on this case's trail (its managers see who), but
    the record named the worker, telling the young person that another case holds their
    mother. Their own workers are named."""
    client, ids, me = case.client, case.family.ids, case.family.young_person_id
    south = add_user(client, "south.manager", "manager", team="south")
    sarah = add_user(client, "Sarah.Southworker", "social_worker", team="south")
    other = open_case(client, south, given_name="Beecase", family_name="Other", sex="female")
    allocate(client, south, other, sarah)
    in_network_of(db, other, ids["mum"])
    ok(client.patch(f"/people/{ids['mum']}", headers=sarah.headers,
                    json={"family_name": "Changed"}))  # fmt: skip
    # A worker whose allocation to this case ended, now on the other case, changes her too.
    wendy = add_user(client, "Wendy.Formerworker", "social_worker")
    allocate(client, case.manager, me, wendy, ended=True)
    allocate(client, south, other, wendy)
    ok(client.patch(f"/people/{ids['mum']}", headers=wendy.headers,
                    json={"given_name": "Changedagain"}))  # fmt: skip
    ok(client.patch(f"/people/{ids['dad']}", headers=case.coordinator.headers,
                    json={"notes": "A note"}))  # fmt: skip
    record = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))
    trail = next(s["rows"] for s in record["sections"]
                 if s["title"] == "Who has read or changed your record")  # fmt: skip
    who = {row[1] for row in trail}
    assert "Sarah.Southworker" not in json.dumps(record)
    assert "Wendy.Formerworker" not in who  # named only among the workers she was
    assert "a council worker" in who
    assert {row[2] for row in trail if row[1] == "a council worker"} == {""}  # nor their role
    assert "coordinator1" in who
    managers = ok(client.get("/audit", headers=case.manager.headers,
                             params={"young_person_id": me}))["data"]  # fmt: skip
    assert sarah.user_id in {e["user_id"] for e in managers}  # the managers still see who
    # Another team's manager asking the trail about this child reads nothing of it: their
    # question is in the child's record as a refusal, not as a change (a records reader).
    before = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))
    assert ok(client.get("/audit", headers=south.headers,
                         params={"young_person_id": me}))["count"] == 0  # fmt: skip
    after = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))

    def outsiders(record: dict[str, Any]) -> list[list[str]]:
        rows = next(s["rows"] for s in record["sections"]
                    if s["title"] == "Who has read or changed your record")  # fmt: skip
        return [row for row in rows if row[1] == "a council worker"]

    assert [row for row in outsiders(after) if row[3] != "was refused a look"] == [
        row for row in outsiders(before) if row[3] != "was refused a look"]  # fmt: skip
    refused = [int(row[4]) for row in outsiders(after) if row[3] == "was refused a look"]
    assert sum(refused) == 1 + sum(
        int(row[4]) for row in outsiders(before) if row[3] == "was refused a look")  # fmt: skip


def test_a_brother_is_withheld_after_the_case_took_his_mother_out(case: Case) -> None:
    """His mother taken out of the network (kept: she is a connection), a half-brother of no
    recorded age was no longer of the young person's generation, and was named."""
    client, ids, me = case.client, case.family.ids, case.family.young_person_id
    case.family.person("hb", "male", given_name="Halfbrother")
    case.family.child("mum", "hb")
    case.connect("hb")
    case.connect("mum")

    def approached() -> list[str]:
        record = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))
        return [row[0] for s in record["sections"] if s["title"] == "People approached for you"
                for row in s["rows"]]  # fmt: skip

    assert withheld(OTHER_CHILD) in approached()
    taken = client.delete(f"/people/{ids['mum']}", headers=case.coordinator.headers)
    assert taken.status_code == 204, taken.text
    names = approached()
    assert withheld(OTHER_CHILD) in names
    assert not any(name.startswith("Halfbrother") for name in names)


def test_someone_taken_out_of_the_network_is_not_named(case: Case) -> None:
    """A man entered as the mother's brother, approached and called, then found to be no
    relation and taken out (kept: he has a connection), was named in the record's contacts,
    approaches and timeline to a young person he is not related to (a records reader). He is
    withheld wherever he appears, as another person's information, and listed as withheld."""
    client, ids, me = case.client, case.family.ids, case.family.young_person_id
    coordinator = case.coordinator.headers
    case.family.person("wrong", "male", given_name="Wrongly", family_name="Matched")
    case.family.child("gran", "wrong")
    cid = case.connect("wrong")
    ok(client.post(f"/connections/{cid}/contacts", headers=coordinator,
                   json={"on": "2026-01-02", "mode": "call"}), 201)  # fmt: skip
    ok(client.post(f"/young-people/{me}/timeline", headers=coordinator,
                   json={"kind": "event", "title": "Met at the contact centre", "since": "2020",
                         "people": [ids["wrong"]]}), 201)  # fmt: skip
    case.wish(person_id=ids["wrong"], wish="never")
    words = {"text": "Love, your uncle Dave, 12 Mill Lane", "written_on": "2026-01-03"}
    ok(client.post(f"/connections/{cid}/messages", headers=coordinator, json=words), 201)

    def named() -> list[str]:
        record = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))
        return sorted({s["title"] for s in record["sections"] for row in s["rows"]
                       if any("Wrongly" in cell for cell in row)})  # fmt: skip

    assert named() == [
        "Contact",
        "Messages to you",
        "People approached for you",
        "Your family as recorded",
        "Your timeline",
        "Your wishes",
    ]
    assert client.delete(f"/people/{ids['wrong']}", headers=coordinator).status_code == 204
    assert named() == []
    record = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))
    approached = next(s for s in record["sections"] if s["title"] == "People approached for you")
    assert [row[0] for row in approached["rows"]] == [withheld(OTHER_PERSON)]
    assert {"section": "People approached for you", "what": "a name", "why": OTHER_PERSON} in (
        record["withheld"])  # fmt: skip
    # What he wrote says who and where he is: withheld with his name (a second reader: the
    # words went out whole). The journey book leaves his messages out.
    assert "Mill Lane" not in json.dumps(record)
    messages = next(s for s in record["sections"] if s["title"] == "Messages to you")
    assert messages["rows"] == [[withheld(OTHER_PERSON), "2026-01-03", withheld(OTHER_PERSON)]]
    assert {"section": "Messages to you", "what": "a message's words", "why": OTHER_PERSON} in (
        record["withheld"])  # fmt: skip


def test_the_words_of_someone_kept_away_today_are_withheld(case: Case) -> None:
    """A second reader: a message from an uncle since refused, flagged and wished "never" by
    the young person ("Ring me on 07700 900123, come to 9 Ash Close") was given word for word
    by the record, while the journey book left it out. Whom the book would leave out today (a
    wish, a risk in their household, a refusal), the record gives no words of either: not a
    message, a commitment or an offer."""
    client, ids, me = case.client, case.family.ids, case.family.young_person_id
    cid = case.connect("uncle")
    ok(client.post(f"/connections/{cid}/messages", headers=case.coordinator.headers,
                   json={"text": "Ring me on 07700 900123, come to 9 Ash Close",
                         "written_on": "2026-01-03"}), 201)  # fmt: skip

    def messages() -> list[list[str]]:
        record = ok(client.get(f"/young-people/{me}/record", headers=case.social_worker.headers))
        rows: list[list[str]] = next(
            s for s in record["sections"] if s["title"] == "Messages to you"
        )["rows"]
        return rows

    assert messages()[0][2] == "Ring me on 07700 900123, come to 9 Ash Close"
    case.wish(person_id=ids["uncle"], wish="never")
    assert "Ash Close" not in str(messages())
    assert messages()[0][2].startswith("[withheld")
    case.wish(person_id=ids["uncle"], wish="want_contact")
    assert "Ash Close" in str(messages())
    case.walk(cid, "located", "awaiting_safety_check", "not_approved")
    assert "Ash Close" not in str(messages())


def test_a_stage_moved_after_midnight_in_summer_time_is_dated_by_englands_day() -> None:
    """A second reader: "When" was the UTC date, so a stage moved at 00:30 in British Summer
    Time was dated the day before."""
    connections = [{"person_id": "gran", "stage": "located", "history": [
        {"stage": "located", "at": "2026-05-31T23:30:00Z", "by": "Fiona", "reason": None,
         "override_reason": None},
        {"stage": "identified", "at": "2026-01-31T23:30:00.123456789Z", "by": "Fiona",
         "reason": None, "override_reason": None}],
        "contacts": [], "commitments": [], "messages": []}]  # fmt: skip
    record = build_record(_facts(connections=connections), relatives=[], timeline=[], events=[],
                          made_on="2026-12-01")  # fmt: skip
    (section,) = [s for s in record.sections if s.title == "People approached for you"]
    assert [row[2] for row in section.rows] == ["2026-06-01", "2026-01-31"]
