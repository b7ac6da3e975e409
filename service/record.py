"""A care leaver's own record: everything the service holds about a young person, for a subject
access request (UK GDPR Article 15), with other people's information withheld as the Data
Protection Act 2018 allows (Schedule 2, paragraph 16: information about other people), and each
withholding marked where it is.

Decided here:
- Theirs: their own record, their workers, their wishes and their own words, their own safety
  flags, the court orders between them and someone (kind, who, which way, dates), their
  contacts and plan, messages written to them, their timeline (titles, dates, places), events,
  plan versions, journey book, and who has read or changed their case.
- Another person's, withheld and marked: the dates of birth of living people; what workers wrote
  (notes on people and ties, the reasons given for a decision about someone, contact notes,
  notes on the young person's wishes about someone, notes on timeline entries that involve
  people, notes on celebration events and on plan versions); the terms of a court order (they
  can say where a protected person lives); the words of messages from someone the case took out
  of the network, and of their commitments in the plan (as their name); and the names of living
  children, all of them alike, so that nothing says which other child is in care (another young
  person of the council is decided by age as anyone is; a living relative of the young person's
  generation or a younger one with no birth date, and anyone whose family tree gives a birth
  with a start and no end, is taken for a child; a family tree's range, or the years its words
  name, decide as a birth date does). A worker still reads the terms and notes in the service.
  Safety flags on other people are not in the record at all, nor what any change to the case was
  (who read or changed it is given by month, as counts): a flag raised on a relative is theirs.
  The deceased are not data subjects: their dates are given. Their own flags are given, with a
  reminder to check what they say of anyone else.
The worker who sends it reads it first; the markers show what was held back and why.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from service.dates import london_today
from service.kinship import display_name
from service.lifespan import BURIED, latest_year_named
from service.plan import how_often
from service.workflow import FLAG_WORDS, WISH_WORDS

OTHER_PERSON = "another person's information"
OTHER_CHILD = "another child's information"


def withheld(why: str) -> str:
    return f"[withheld: {why}]"


class _Held(str):
    """A cell the builder withheld: told apart by how it was made, never by what it says (a
    young person's own words may begin "[withheld:" too)."""

    __slots__ = ()


class Section(BaseModel):
    title: str
    note: str | None = None
    columns: list[str]
    rows: list[list[str]]
    held: list[list[int]] = Field(
        default_factory=list, description="The cells withheld, as [row, column]."
    )


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


def _minor(
    birth_date: str | None,
    today: str,
    *,
    earliest: str | None = None,
    latest: str | None = None,
    written: str | None = None,
) -> bool | None:
    """Under 18 on `today`: by the last day a (possibly partial) birth date allows; else by
    the range a family tree's date gives (`earliest`, `latest`: ISO days; `BET 2012 AND 2016`
    keeps no one day), its last day, or, with a start and no end (`AFT 1990`: anyone born
    since might be a child), a child; else by the latest year the file's words name (a
    phrase, `(born 2014)`; a date kept as written and not read, a year in the future); None
    when nothing says."""
    if birth_date and len(birth_date) >= 4 and birth_date[:4].isdigit():
        month = birth_date[5:7] if len(birth_date) >= 7 else "12"
        day = birth_date[8:10] if len(birth_date) >= 10 else "31"
        return _eighteen_after(f"{birth_date[:4]}-{month}-{day}") > today
    if latest and latest[:4].isdigit():
        return _eighteen_after(latest) > today
    if earliest:
        return True
    named = latest_year_named(written)
    return None if named is None else f"{named + 18:04d}-12-31" > today


def _eighteen_after(day: str) -> str:
    """The day 18 years after an ISO day, as a string that compares as days do."""
    return f"{int(day[:4]) + 18:04d}{day[4:]}"


def _possibly_living(person: Mapping[str, Any]) -> bool:
    """Living, or counted as not living only by the import's rule from a family tree's dates
    (no death or burial recorded): such a person may be alive (a worker who corrected the
    file's year of birth is asked to check), so what is withheld of the living is withheld."""
    inferred = person.get("living_inferred")
    return bool(person["living"]) or (inferred is not None and inferred != BURIED)


class _Names:
    """Names as the record may give them. Every living child's is withheld alike, so that the
    record does not say which of them is in care; another young person of the council's is
    decided by their age as anyone is (withheld as a child when it is unknown): an adult
    brother in care withheld as a child among named adult brothers would stand out. When no
    birth date says, a relative of the young person's own generation or a younger one (a
    brother, a cousin, a niece: `young_kin`) is taken for a child, unless they are the young
    person's trusted adult; anyone else of unknown age (a parent, an aunt, a carer, a friend, a
    parent's former partner) for an adult, as before."""

    def __init__(
        self, people: list[dict[str, Any]], me: str, today: str, young_kin: set[str]
    ) -> None:
        self.people = {p["person_id"]: p for p in people}
        self.me, self.today, self.young_kin = me, today, young_kin

    def living(self, pid: str, recorded: bool) -> bool:
        """Whether what is withheld of the living is withheld of them (`recorded`: as the
        family says, for someone the record's own read did not find)."""
        p = self.people.get(pid)
        return recorded if p is None else _possibly_living(p)

    def child(self, pid: str) -> bool:
        p = self.people.get(pid)
        if p is None or pid == self.me or not _possibly_living(p):
            return False
        minor = _minor(p.get("birth_date"), self.today, earliest=p.get("birth_earliest"),
                       latest=p.get("birth_latest"), written=p.get("birth_written"))  # fmt: skip
        if minor is not None:
            return minor
        if p["young_person"]:
            return True
        return pid in self.young_kin and not p.get("trusted_adult")

    def shown(self, pid: str) -> str | None:
        """The name, or None when it is withheld: a child's, and that of someone the case took
        out of the network (kept, hidden from the case: a man wrongly matched as an uncle is
        no one to name to the young person)."""
        p = self.people.get(pid)
        if p is None or p.get("taken_out") or self.child(pid):
            return None
        return display_name(p["given_name"], p["family_name"], p["known_as"])


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _london_day(at: str | None) -> str:
    """The day in England of a moment the database wrote (a second reader: a stage moved at
    00:30 in summer time was dated the day before, in UTC)."""
    if at is None:
        return ""
    moment = datetime.fromisoformat(at.split("[")[0])  # a zone's name after the offset: dropped
    return london_today(moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


class _Builder:
    def __init__(self, names: _Names, kept_away: set[str]) -> None:
        self.names = names
        self.kept_away = kept_away
        self.sections: list[Section] = []
        self.held: list[Withholding] = []

    def hold(self, section: str, what: str, why: str = OTHER_PERSON) -> str:
        self.held.append(Withholding(section=section, what=what, why=why))
        return _Held(withheld(why))

    def name(self, section: str, pid: str) -> str:
        shown = self.names.shown(pid)
        if shown is not None:
            return shown
        why = OTHER_CHILD if self.names.child(pid) else OTHER_PERSON
        return self.hold(section, "a name", why)

    def words(self, section: str, pid: str, text: str, what: str = "a message's words") -> str:
        """Someone's own words (a message, a commitment, an offer), withheld when they were taken
        out of the network: a man wrongly matched as an uncle, whose words can say who and
        where he is (second readers: his name was withheld, his "12 Mill Lane" given); and when
        the young person's wish, a risk in their household or a refusal keeps them away today,
        as the journey book leaves them out (a later reader: a refused, flagged uncle the young
        person wanted never to hear from reached them, phone number and address, through it)."""
        p = self.names.people.get(pid)
        if pid in self.kept_away or (p and p.get("taken_out")):
            return self.hold(section, what)
        return text

    def about(self, section: str, pid: str, value: object, what: str) -> str:
        """A note or reason about another person: withheld when there is one."""
        if value in (None, ""):
            return ""
        return self.hold(section, f"{what} ({self.names.shown(pid) or 'someone'})")

    def add(self, title: str, columns: list[str], rows: list[list[str]],
            note: str | None = None) -> None:  # fmt: skip
        held = [[i, j] for i, row in enumerate(rows) for j, cell in enumerate(row)
                if isinstance(cell, _Held)]  # fmt: skip
        self.sections.append(Section(title=title, note=note, columns=columns, rows=rows,
                                     held=held))  # fmt: skip


# Actions named with a dot are changes ("flag.raise", "person.update"), but for these, which
# change nothing of the case: reading its audit trail, a family tree file read without being
# imported, the duplicates list.
READS_NAMED_LIKE_CHANGES = frozenset({"audit.read", "gedcom.preview", "duplicates.read"})
_KIND_WORDS = {"read": "looked at it", "changed": "changed it", "refused": "was refused a look"}


def trail_kind(action: str, outcome: str) -> str:
    """What an audit event was, as the record counts it: "refused", "changed" or "read"."""
    if outcome != "allowed":
        return "refused"
    return "changed" if "." in action and action not in READS_NAMED_LIKE_CHANGES else "read"


def trail_rows(events: list[Mapping[str, Any]]) -> list[list[str]]:
    """The record's "who has read or changed it" rows from the trail counted by month, worker
    and action: [month, who, role, what, times], each worker's reads, changes and refusals of a
    month once each."""
    times: dict[tuple[str, str, str, str], int] = {}
    for e in events:
        key = (e["month"], e["who"], _text(e["role"]).replace("_", " "),
               trail_kind(e["action"], e["outcome"]))  # fmt: skip
        times[key] = times.get(key, 0) + int(e["times"])
    return [[month, who, role, _KIND_WORDS[kind], str(n)]
            for (month, who, role, kind), n in sorted(times.items())]  # fmt: skip


def build_record(
    facts: Mapping[str, Any],
    *,
    relatives: Sequence[Mapping[str, Any]],
    timeline: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    made_on: str,
    young_kin: set[str] | None = None,
    kept_away: set[str] | None = None,
) -> OwnRecord:
    """The record from `get_record`'s facts, the young person's `relatives` (person_id, term,
    side, birth_date, death_date, living, other_case, generations_up and _down), their
    `timeline` and `events`. `young_kin`: the relatives of the young person's generation or
    a younger one, the people the case took out counted (by default, of `relatives`).
    `kept_away`: whom the young person's journey book would leave out today (a wish, a risk in
    their household, a refusal: `journey.kept_out`), whose own words are withheld."""
    me = facts["person"]["id"]
    people = list(facts["people"])
    known = {p["person_id"] for p in people}
    # A relative the family load found and the record's own read did not: as the family says.
    people += [{"person_id": r["person_id"], "given_name": r.get("name"), "family_name": None,
                "known_as": None, "living": r["living"], "birth_date": r["birth_date"],
                "young_person": bool(r.get("other_case"))}
               for r in relatives if r["person_id"] not in known]  # fmt: skip
    if young_kin is None:
        young_kin = {r["person_id"] for r in relatives
                     if r["generations_up"] <= r["generations_down"]}  # fmt: skip
    names = _Names(people, me, made_on, young_kin)
    b = _Builder(names, kept_away or set())
    person = facts["person"]
    b.add("About you", ["", ""], [
        ["Name", " ".join(x for x in (person["given_name"], person["family_name"]) if x)],
        ["Known as", _text(person["known_as"])], ["Born", _text(person["birth_date"])],
        ["Sex", _text(person["sex"])], ["Status", _text(person["status"]).replace("_", " ")],
        ["Team", _text(person["team"])], ["Notes", _text(person["notes"])],
        *[[f"Reference ({e['system']})", e["value"]] for e in facts["external_ids"]],
        *[["Address", ", ".join(x for x in (a["line1"], a["line2"], a["town"], a["postcode"])
                                if x) + f" (from {_text(a['since'])}"
                      + (f" to {a['until']})" if a.get("until") else ")")]
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
        name = b.name(family, pid)
        born = _text(r["birth_date"])
        if names.living(pid, r["living"]) and r["birth_date"] and not names.child(pid):
            born = b.hold(family, f"a date of birth ({name})")
        elif names.child(pid):
            born = ""
        rows.append([name, r["term"], _text(r["side"]), born, _text(r["death_date"])])
    note = "Living people's dates of birth are theirs, and children's names too: withheld."
    b.add(family, ["Name", "How related", "Side", "Born", "Died"], rows, note=note)
    section = "Trusted adults"
    b.add(section, ["Name", "Role", "From", "Until", "Tie", "Notes"], [
        [b.name(section, a["person_id"]), _text(a["role"]).replace("_", " "),
         _text(a["since"]), _text(a["until"]), _text(a["strength"]),
         b.about(section, a["person_id"], a["notes"], "notes")]
        for a in facts["adults"]
    ])  # fmt: skip
    section = "People approached for you"
    b.add(section, ["Name", "Stage", "When", "By", "Why"], [
        [b.name(section, c["person_id"]), s["stage"].replace("_", " "), _london_day(s["at"]),
         _text(s["by"]),
         b.about(section, c["person_id"], s["reason"] or s["override_reason"], "a reason")]
        for c in facts["connections"] for s in c["history"]
    ])  # fmt: skip
    section = "Contact"
    b.add(section, ["With", "On", "How", "Which way", "Note"], [
        [b.name(section, c["person_id"]), k["on"], k["mode"].replace("_", " "),
         _text(k["direction"]).replace("_", " "),
         b.about(section, c["person_id"], k["note"], "a contact note")]
        for c in facts["connections"] for k in c["contacts"]
    ])  # fmt: skip
    section = "Your Lifelong Links plan"
    b.add(section, ["Who", "What", "How often", "Since", "Review", "Ended"], [
        [b.name(section, c["person_id"]), b.words(section, c["person_id"], m["what"],
                                                   "a commitment"), how_often(m["every_days"]),
         _text(m["since"]), _text(m["review_on"]), _text(m.get("until"))]
        for c in facts["connections"] for m in c["commitments"]
    ])  # fmt: skip
    section = "Plan versions"
    b.add(section, ["Version", "Agreed", "Review", "Note"], [
        [str(v["number"]), _text(v["agreed_on"]), _text(v["review_on"]),
         b.hold(section, f"a note (version {v['number']})") if v["note"] else ""]
        for v in facts["versions"]
    ])  # fmt: skip
    section = "Messages to you"
    b.add(section, ["From", "Written", "Message"], [
        [b.name(section, c["person_id"]), m["written_on"], b.words(section, c["person_id"],
                                                                    m["text"])]
        for c in facts["connections"] for m in c["messages"]
    ])  # fmt: skip
    section = "Your wishes"
    wishes = [[f"Your {side}'s side of the family", WISH_WORDS[w], ""]
              for side, w in (("mum", facts["wish_maternal"]), ("dad", facts["wish_paternal"]))
              if w]  # fmt: skip
    wishes += [[b.name(section, w["person_id"]), WISH_WORDS[w["wish"]],
                b.about(section, w["person_id"], w["note"], "a note")]
               for w in facts["wishes"]]  # fmt: skip
    b.add(section, ["About", "Wish", "Note"], wishes)
    b.add("Safety flags on your own record", ["Kind", "Level", "Status", "Source", "Details",
                                              "Raised", "Review", "Ends"], [
        [FLAG_WORDS.get(f["kind"], _text(f["kind"])), _text(f["level"]), _text(f["status"]),
         _text(f["source"]), _text(f["details"]), _text(f["raised_on"]), _text(f["review_on"]),
         _text(f["expires_on"])]
        for f in facts["flags"]
    ], note="Check what these say about anyone else before the record is sent.")  # fmt: skip
    section = "Court orders"
    b.add(section, ["Order", "Between you and", "Which way", "Made", "Until", "Terms"], [
        [_text(o["kind"]).replace("_", " "), b.name(section, o["person_id"]),
         "they may not contact you" if o["protects_them"] else "you may not contact them",
         _text(o["made_on"]), _text(o["until"]),
         b.about(section, o["person_id"], o["terms"], "the terms of an order")]
        for o in facts["orders"]
    ])  # fmt: skip
    section = "Your timeline"
    b.add(section, ["What", "From", "To", "Where", "Note", "With"], [
        [e["title"], e["since"], _text(e["until"]), _text(e["place"]),
         b.about(section, e["people"][0]["person_id"], e["note"], "a note about people in it")
         if e["people"] else _text(e["note"]),
         ", ".join(b.name(section, p["person_id"]) for p in e["people"])]
        for e in timeline
    ])  # fmt: skip
    section = "Celebration events"
    b.add(section, ["When", "What", "Where", "Notes", "Who came", "Offered"], [
        [e["on"], e["title"], _text(e["place"]),
         b.hold(section, f"notes (the event on {e['on']})") if e.get("notes") else "",
         ", ".join(b.name(section, g["person_id"]) for g in e["guests"] if g["attended"]),
         "; ".join(b.words(section, g["person_id"], g["offered"], "an offer")
                   for g in e["guests"] if g["attended"] and g["offered"])]
        for e in events
    ])  # fmt: skip
    book = facts["book"]
    b.add("Your journey book", ["Agreed", "In your own words"],
          [[_text(book["agreed_on"]), _text(book["own_words"])]] if book else [])  # fmt: skip
    b.add("Who has read or changed your record", ["Month", "Who", "Role", "What", "Times"],
          trail_rows(facts["audit"]))  # fmt: skip
    display = " ".join(x for x in (person["given_name"], person["family_name"]) if x)
    return OwnRecord(young_person_id=me, name=display, made_on=made_on, sections=b.sections,
                     withheld=b.held)  # fmt: skip
