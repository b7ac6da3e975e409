"""What an import says of what the case has already recorded: the notes of a file imported
into a network that holds some of its people and ties (a corrected tree sent again, a second
branch of the family). The recorded data is kept: a worker may have recorded or checked it,
and the file is one family member's account. Each note names people by xref, never by name,
and says what to do. Pure: no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

_PARENT = {"birth": "birth parent", "adoptive": "adoptive parent", "step": "step-parent",
           "foster": "foster carer"}  # fmt: skip
_COUPLE = {"married": "married", "civil_partnership": "civil partners",
           "cohabiting": "living together", "separated": "separated",
           "divorced": "divorced", "unknown": "a couple, status not recorded"}  # fmt: skip


# What the answer says of a file imported with no young_person_xref that neither holds the
# young person (by an xref an earlier import gave them) nor ties anyone to them.
UNLINKED = (
    "No one in the file is the young person or tied to them: the file's people were added to "
    "the network unlinked. Import it again with young_person_xref (the young person's own xref "
    "in the file, such as @I1@), or link someone to the young person by hand."
)


def too_many_parents(xrefs: Sequence[str], other_source: bool) -> str:
    """The refusal of a file that would give the people of `xrefs` more than two birth
    parents, saying what to do: `other_source`, whether an earlier import under another
    source name gave any of the parents already recorded (a second reader: a case that had
    never imported a file was told to import it under the source name used before)."""
    head = (f"With this file, {', '.join(xrefs)} would have more than two birth parents; "
            "nothing was imported. The case already records ")  # fmt: skip
    if other_source:
        return head + (
            "birth parents for them: perhaps an earlier import of this file, or of another "
            "export of the same tree, under another source name (the people of each source "
            "name are imported as people of their own). Import it under the source name used "
            "before, or correct the file or the recorded parents."
        )
    return head + (
        "other birth parents for them than the file gives, not from an earlier import of a "
        "file: the file's people are matched to those recorded only when they come from an "
        "earlier import under the same source name, or carry their ids as this service's "
        "export (GET /people/{id}/gedcom) writes them. Check which parents are right, and "
        "correct the file or the recorded parents; or import it without young_person_xref "
        "and link its people by hand."
    )


def xref_held(xref: str, system: str) -> str:
    """The refusal of a young person's xref that someone else in the network holds (an earlier
    import of the file without young_person_xref made them), saying what to do."""
    return (f"Another person in this network already holds {xref} in {system} (an earlier "
            "import of the file without young_person_xref may have made them): nothing was "
            f"imported. Find them with GET /people?external_id={xref}&system={system}, take "
            "them out of the network and import again, or import "
            "again without young_person_xref.")  # fmt: skip


def kept_out(xrefs: list[str]) -> list[str]:
    """What the answer says of deaths the file records for people recorded as living."""
    if not xrefs:
        return []
    return [f"{', '.join(xrefs)}: the file records a death for someone recorded here as living; "
            "not imported: a worker who knows can record it."]  # fmt: skip


def names_kept(xrefs: list[str]) -> list[str]:
    """A note on the people who keep the name they are known by as recorded, where the file
    gives another (a nickname added to it since an import filled in their married name: a
    second reader found it dropped without a word)."""
    if not xrefs:
        return []
    who = "1 person keeps" if len(xrefs) == 1 else f"{len(xrefs)} people keep"
    return [f"{who} the name they are known by as recorded, where the file gives another (the "
            f"first {xrefs[0]}): change it by hand if the file's is the one they use"]  # fmt: skip


def taken_out(xrefs: list[str]) -> list[str]:
    """What the answer says of people in the file whom the case took out of its network."""
    if not xrefs:
        return []
    return [f"{', '.join(xrefs)}: taken out of this network by a worker; not imported again, "
            "nor their ties in the file (the case's manager can restore them)."]  # fmt: skip


def likeness(file: Sequence[str | None], recorded: Sequence[str | None]) -> str:
    """How the person a file gives an xref to stands to the person recorded under it (given
    name, family name, sex each): "other" when their sexes differ and their given names share
    nothing, "doubt" when their names share nothing at all (or only their sexes differ), else
    "same". A program may number its people afresh at each export (a second reader: the
    father's ex-partner, imported as @I4@, became the maternal grandmother when a later file
    gave @I4@ to her); a worker may have corrected a name or a sex by hand since, and a woman's
    maiden name become her married name with its spelling corrected (a later reader: such files
    were refused). Names are compared word by word, without accents, hyphens or case, an
    initial matching any word it begins; a name a program hid ("Living") matches anything."""
    (given, family, sex), (was_given, was_family, was_sex) = file, recorded
    differ_sex = {sex, was_sex} <= {"male", "female"} and sex != was_sex
    same_given = _share(given, was_given)
    if differ_sex and not same_given:
        return "other"
    if differ_sex or not (same_given or _share(family, was_family)):
        return "doubt"
    return "same"


def _words(name: str | None) -> set[str]:
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return {w for w in re.split(r"[\s\-.,]+", plain.lower()) if w}


def _share(a: str | None, b: str | None) -> bool:
    """Whether two names share a word (or one is not known, or hidden by a program)."""
    one, other = _words(a), _words(b)
    if not one or not other or one & _HIDDEN or other & _HIDDEN:
        return True
    return any(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
               for x in one for y in other)  # fmt: skip


_HIDDEN = {"living", "private", "unknown"}


def doubted(xrefs: list[str]) -> list[str]:
    """The note on xrefs whose person's names share nothing with those recorded under it."""
    if not xrefs:
        return []
    listed = ", ".join(xrefs[:10]) + (f" and {len(xrefs) - 10} more" if len(xrefs) > 10 else "")
    return [f"{listed}: the file gives a name with nothing in common with the person recorded "
            "under it (or another sex): imported as the same person; if the program numbered "
            "its people afresh, they are not, and the ties it gave them are wrong: check "
            "them"]  # fmt: skip


def ties_gone(
    links: Sequence[Mapping[str, Any]],
    recorded: Sequence[Sequence[Any]],
    made_here: set[str],
    xref_of: Mapping[str, str],
) -> list[str]:
    """A note for each tie an earlier import of the same file's source made (`made_here`: the
    ids such an import gives) that the file no longer gives (a second reader: a father the
    corrected file no longer links stayed the father, without a word). `recorded`: the ties
    between the people the file matched, [id, from id, to id, parent, kind, until]."""
    given = set()
    for link in links:
        given.add((link["from_id"], link["to_id"]))
        if link["type"] == "partner":  # a couple, either way round
            given.add((link["to_id"], link["from_id"]))
    notes = []
    for tie, a, b, parent, kind, _ in recorded:
        if tie not in made_here or (a, b) in given:
            continue
        x, y = xref_of.get(a, a), xref_of.get(b, b)
        said = (f"{x} as {y}'s {_PARENT.get(kind or 'birth', kind)}" if parent
                else f"{x} and {y} as {_COUPLE.get(kind, kind)}")  # fmt: skip
        notes.append(f"{x} and {y}: the file no longer gives the tie recorded here ({said}) "
                     "from an earlier import of it: kept; take it out by hand if the file is "
                     "right")  # fmt: skip
    return sorted(notes)


def ties_recorded(
    links: Sequence[Mapping[str, Any]], kept: Sequence[Sequence[Any]], xref_of: Mapping[str, str]
) -> list[str]:
    """A note for each tie the file gives otherwise than it is recorded (a second reader: a
    corrected tree sent again, with the father now a step-father, ruled out by DNA, or
    divorced, answered as if nothing differed, and the father stayed a birth father).
    `links`: the file's ties as the import sends them (`type` parent, partner or disproven,
    `from_id`, `to_id`, `props`, and `said`: whether the file says the couple's kind rather
    than it being taken as not known, `unknown`); `kept`: the ties recorded between the people the
    file matched, [id, from id, to id, parent, kind, until]; `xref_of`: person id -> the file's
    xref."""
    recorded = {(a, b, parent): (kind, until) for _, a, b, parent, kind, until in kept}
    notes = []
    for link in links:
        a, b = link["from_id"], link["to_id"]
        x, y = xref_of.get(a, a), xref_of.get(b, b)
        keep = "kept as recorded; change it by hand if the file is right"
        if link["type"] == "disproven":
            if (a, b, True) in recorded:
                kind = recorded[(a, b, True)][0] or "birth"
                notes.append(f"{x} and {y}: the file says {x} is not {y}'s parent (disproven), "
                             f"recorded here as {y}'s {_PARENT.get(kind, kind)}: kept as "
                             "recorded; take the tie out by hand if the file is right")  # fmt: skip
            continue
        if link["type"] == "parent":
            found = recorded.get((a, b, True))
            if found is None:
                continue
            was, now = found[0] or "birth", link["props"]["kind"]
            if was != now:
                notes.append(f"{x} and {y}: the file says {x} is {y}'s "
                             f"{_PARENT.get(now, now)}, recorded here as "
                             f"{_PARENT.get(was, was)}: {keep}")  # fmt: skip
            continue
        found = recorded.get((a, b, False)) or recorded.get((b, a, False))
        if found is None:
            continue
        was_kind, was_until = found[0], None if found[1] is None else str(found[1])
        now_kind, now_until = link["props"]["kind"], link["props"].get("until")
        kind_differs = link.get("said", True) and was_kind != now_kind
        # An end the file gives to a partnership recorded as going on, or another end date.
        ended_differs = now_until is not None and now_until != was_until
        if kind_differs or ended_differs:
            said = _COUPLE.get(now_kind, now_kind) + (f" (ended {now_until})" if now_until else "")
            had = _COUPLE.get(was_kind, was_kind) + (f" (ended {was_until})" if was_until else "")
            notes.append(f"{x} and {y}: the file says they are {said}, recorded here as {had}: "
                         f"{keep}")  # fmt: skip
    return notes


def _date_differs(was: Mapping[str, Any], now: Mapping[str, Any], event: str) -> bool:
    """Whether the file gives a date for the event other than the one recorded (both given):
    by the words as written where both have them, else by the day, month or year named."""
    date, words = f"{event}_date", f"{event}_written"
    if (was.get(date) is None and was.get(words) is None) or (
        now.get(date) is None and now.get(words) is None
    ):
        return False
    if was.get(words) is not None and now.get(words) is not None:
        return " ".join(str(was[words]).upper().split()) != " ".join(
            str(now[words]).upper().split()
        )
    return bool(was.get(date) != now.get(date))


def differences(was: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """What the file gives otherwise than recorded for one person it matched: a birth date, a
    death date, a sex (each where both give one). `was`: as recorded; `now`: the file's row."""
    said = []
    for event in ("birth", "death"):
        if _date_differs(was, now, event):
            # The day, month or year each names, never the file's words (a phrase can name
            # people).
            date = f"{event}_date"
            if was.get(date) is not None and now.get(date) is not None:
                said.append(f"the {event} date {now[date]}, recorded here as {was[date]}")
            else:
                said.append(f"another {event} date than the one recorded here")
    sexes = {was.get("sex"), now.get("sex")}
    if sexes <= {"male", "female"} and len(sexes) == 2:
        said.append(f"the sex {now['sex']}, recorded here as {was['sex']}")
    return said


def kept_as_recorded(found: Sequence[tuple[str, list[str]]]) -> list[str]:
    """A note for each person a file imported again gives another birth or death date or sex
    than recorded (a second reader: a corrected birth date was kept without a word): the file
    only fills empty fields, as a worker may have checked the recorded one."""
    return [f"{xref}: the file gives {'; '.join(said)}: kept as recorded (the file only fills "
            "empty fields, and a worker may have checked the recorded one); change it by hand "
            "if the file is right" for xref, said in found]  # fmt: skip


def status_not_recorded(
    links: Sequence[Mapping[str, Any]], kept: Sequence[Sequence[Any]], xref_of: Mapping[str, str]
) -> list[str]:
    """A note of the couples the file gives with no marriage, divorce or end, new to the case:
    recorded as partners whose status is not recorded (`unknown`), which the safety rules count
    as together (a second reader: they were recorded as living together, a fact no file gave).
    `links`, `kept`, `xref_of`: as `ties_recorded` reads them."""
    recorded = {frozenset((a, b)) for _, a, b, parent, *_ in kept if not parent}
    pairs = [f"{xref_of.get(link['from_id'], link['from_id'])} and "
             f"{xref_of.get(link['to_id'], link['to_id'])}" for link in links
             if link["type"] == "partner" and not link.get("said", True)
             and frozenset((link["from_id"], link["to_id"])) not in recorded]  # fmt: skip
    if not pairs:
        return []
    shown = ", ".join(pairs[:10]) + (f" and {len(pairs) - 10} more" if len(pairs) > 10 else "")
    return [
        f"{len(pairs)} couple{'s' if len(pairs) != 1 else ''} with no marriage, divorce or end "
        f"in the file ({shown}): recorded as partners whose status is not recorded, counted as "
        "together by the safety rules (a flag on one holds the other back) until their kind is "
        "recorded (married, living together, separated...: PATCH /relationships/{id})"
    ]
