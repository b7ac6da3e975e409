"""A care leaver's own record: everything the service holds about a young person, for a subject
access request (UK GDPR Article 15), with other people's information withheld as the Data
Protection Act 2018 allows (Schedule 2, paragraph 16: information about other people), and each
withholding marked where it is.

Decided here:
- Theirs: their own record, their workers, their wishes and their own words, their own safety
  flags, the orders that protect them, their contacts and plan, messages written to them, their
  timeline, events, plan versions, journey book, and who has read or changed their case.
- Another person's, withheld and marked: the dates of birth of living people, what workers wrote
  about other people (notes on people and ties, the reasons given for a decision about someone,
  contact notes), and anything that would say which other child is in care: another young
  person of the council appears only as how they are related. Safety flags on other people are
  not in the record at all, and nothing marks who has one: every living person's details are
  withheld alike. The deceased are not data subjects: their dates are given.
The worker who sends it reads it first; the markers show what was held back and why.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from service.plan import how_often
from service.workflow import FLAG_WORDS, WISH_WORDS

OTHER_PERSON = "another person's information"
OTHER_CHILD = "another child's information"


def withheld(why: str) -> str:
    return f"[withheld: {why}]"


class Section(BaseModel):
    title: str
    note: str | None = None
    columns: list[str]
    rows: list[list[str]]


class Withholding(BaseModel):
    section: str
    what: str
    why: str


class OwnRecord(BaseModel):
    young_person_id: str
    name: str
    made_on: str
    sections: list[Section]
    withheld: list[Withholding]


class _Names:
    """Names as the record may give them: another child's withheld."""

    def __init__(self, people: list[dict[str, Any]], me: str) -> None:
        self.people = {p["person_id"]: p for p in people}
        self.me = me

    def child(self, pid: str) -> bool:
        p = self.people.get(pid)
        return p is not None and bool(p["young_person"]) and pid != self.me

    def living(self, pid: str) -> bool:
        p = self.people.get(pid)
        return p is None or bool(p["living"])

    def __call__(self, pid: str) -> str:
        if self.child(pid):
            return withheld(OTHER_CHILD)
        p = self.people.get(pid)
        if p is None:
            return withheld(OTHER_PERSON)
        name = " ".join(x for x in (p["given_name"], p["family_name"]) if x) or "(no name)"
        return f"{name} ({p['known_as']})" if p["known_as"] else name


def _text(value: object) -> str:
    return "" if value is None else str(value)


class _Builder:
    def __init__(self, names: _Names) -> None:
        self.names = names
        self.sections: list[Section] = []
        self.held: list[Withholding] = []

    def hold(self, section: str, what: str, why: str = OTHER_PERSON) -> str:
        self.held.append(Withholding(section=section, what=what, why=why))
        return withheld(why)

    def about(self, section: str, pid: str, value: object, what: str) -> str:
        """A note or reason about another person: withheld when there is one."""
        if value in (None, ""):
            return ""
        return self.hold(section, f"{what} ({self.names(pid)})")

    def add(self, title: str, columns: list[str], rows: list[list[str]],
            note: str | None = None) -> None:  # fmt: skip
        self.sections.append(Section(title=title, note=note, columns=columns, rows=rows))


def build_record(
    facts: Mapping[str, Any],
    *,
    relatives: Sequence[Mapping[str, Any]],
    timeline: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    made_on: str,
) -> OwnRecord:
    """The record from `get_record`'s facts, the young person's `relatives` (person_id, term,
    side, birth_date, death_date, living, other_case), their `timeline` and `events`."""
    me = facts["person"]["id"]
    names = _Names(facts["people"], me)
    b = _Builder(names)
    person = facts["person"]
    b.add("About you", ["", ""], [
        ["Name", " ".join(x for x in (person["given_name"], person["family_name"]) if x)],
        ["Known as", _text(person["known_as"])], ["Born", _text(person["birth_date"])],
        ["Sex", _text(person["sex"])], ["Status", _text(person["status"]).replace("_", " ")],
        ["Team", _text(person["team"])], ["Notes", _text(person["notes"])],
        *[[f"Reference ({e['system']})", e["value"]] for e in facts["external_ids"]],
        *[["Address", ", ".join(x for x in (a["line1"], a["line2"], a["town"], a["postcode"])
                                if x) + f" (from {_text(a['since'])})"]
          for a in facts["addresses"]],
    ])  # fmt: skip
    b.add("Your workers", ["Name", "Role", "Job title", "From", "Until"], [
        [_text(w["name"]), _text(w["role"]).replace("_", " "), _text(w["job_title"]),
         _text(w["from"]), _text(w["until"])] for w in facts["workers"]
    ])  # fmt: skip
    family = "Your family as recorded"
    rows = []
    for r in relatives:
        pid = r["person_id"]
        if r.get("other_case") or names.child(pid):
            name, born = b.hold(family, f"a {r['term']}", OTHER_CHILD), ""
        else:
            name = names(pid)
            born = (b.hold(family, f"date of birth ({name})") if r["living"] and r["birth_date"]
                    else _text(r["birth_date"]))  # fmt: skip
        rows.append([name, r["term"], _text(r["side"]), born, _text(r["death_date"])])
    b.add(family, ["Name", "How related", "Side", "Born", "Died"], rows,
          note="The dates of birth of living people are theirs, and withheld.")  # fmt: skip
    section = "Trusted adults"
    b.add(section, ["Name", "Role", "From", "Until", "Tie", "Notes"], [
        [names(a["person_id"]), _text(a["role"]).replace("_", " "), _text(a["since"]),
         _text(a["until"]), _text(a["strength"]),
         b.about(section, a["person_id"], a["notes"], "notes")]
        for a in facts["adults"]
    ])  # fmt: skip
    section = "People approached for you"
    b.add(section, ["Name", "Stage", "When", "By", "Why"], [
        [names(c["person_id"]), s["stage"].replace("_", " "), _text(s["at"])[:10], _text(s["by"]),
         b.about(section, c["person_id"], s["reason"] or s["override_reason"], "a reason")]
        for c in facts["connections"] for s in c["history"]
    ])  # fmt: skip
    section = "Contact"
    b.add(section, ["With", "On", "How", "Which way", "Note"], [
        [names(c["person_id"]), k["on"], k["mode"].replace("_", " "),
         _text(k["direction"]).replace("_", " "),
         b.about(section, c["person_id"], k["note"], "a contact note")]
        for c in facts["connections"] for k in c["contacts"]
    ])  # fmt: skip
    b.add("Your Lifelong Links plan", ["Who", "What", "How often", "Since", "Review"], [
        [names(c["person_id"]), m["what"], how_often(m["every_days"]), _text(m["since"]),
         _text(m["review_on"])]
        for c in facts["connections"] for m in c["commitments"]
    ])  # fmt: skip
    b.add("Plan versions", ["Version", "Agreed", "Review", "Note"], [
        [str(v["number"]), _text(v["agreed_on"]), _text(v["review_on"]), _text(v["note"])]
        for v in facts["versions"]
    ])  # fmt: skip
    b.add("Messages to you", ["From", "Written", "Message"], [
        [names(c["person_id"]), m["written_on"], m["text"]]
        for c in facts["connections"] for m in c["messages"]
    ])  # fmt: skip
    wishes = [[f"Your {side}'s side of the family", WISH_WORDS[w], ""]
              for side, w in (("mum", facts["wish_maternal"]), ("dad", facts["wish_paternal"]))
              if w]  # fmt: skip
    wishes += [[names(w["person_id"]), WISH_WORDS[w["wish"]], _text(w["note"])]
               for w in facts["wishes"]]  # fmt: skip
    b.add("Your wishes", ["About", "Wish", "What you said"], wishes)
    b.add("Safety flags on your own record", ["Kind", "Level", "Status", "Source", "Details",
                                              "Raised", "Review"], [
        [FLAG_WORDS.get(f["kind"], _text(f["kind"])), _text(f["level"]), _text(f["status"]),
         _text(f["source"]), _text(f["details"]), _text(f["raised_on"]), _text(f["review_on"])]
        for f in facts["flags"]
    ])  # fmt: skip
    b.add("Court orders protecting you", ["Who may not contact you", "Order", "Made", "Until",
                                          "Terms"], [
        [names(o["person_id"]), _text(o["kind"]).replace("_", " "), _text(o["made_on"]),
         _text(o["until"]), _text(o["terms"])]
        for o in facts["orders"]
    ])  # fmt: skip
    b.add("Your timeline", ["What", "From", "To", "Where", "Note", "With"], [
        [e["title"], e["since"], _text(e["until"]), _text(e["place"]), _text(e["note"]),
         ", ".join(names(p["person_id"]) for p in e["people"])]
        for e in timeline
    ])  # fmt: skip
    b.add("Celebration events", ["When", "What", "Where", "Who came", "Offered"], [
        [e["on"], e["title"], _text(e["place"]), names(g["person_id"]), _text(g["offered"])]
        for e in events for g in e["guests"] if g["attended"]
    ])  # fmt: skip
    book = facts["book"]
    b.add("Your journey book", ["Agreed", "In your own words"],
          [[_text(book["agreed_on"]), _text(book["own_words"])]] if book else [])  # fmt: skip
    b.add("Who has read or changed your record", ["When", "Who", "Role", "What", "Outcome"], [
        [a["at"][:19].replace("T", " "), a["who"], _text(a["role"]).replace("_", " "),
         a["action"].replace("_", " "), a["outcome"]]
        for a in facts["audit"]
    ])  # fmt: skip
    display = " ".join(x for x in (person["given_name"], person["family_name"]) if x)
    return OwnRecord(young_person_id=me, name=display, made_on=made_on, sections=b.sections,
                     withheld=b.held)  # fmt: skip
