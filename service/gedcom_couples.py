"""How a GEDCOM family says what kind of partnership its couple had and that it ended, beyond
GEDCOM's own MARR and DIV: the words and tags other programs write. Pure: no I/O.

A second reader imported couples whose separation or divorce was written in a program's own
way, and each came back as a current marriage, which safeguarding reads differently from a
former partner. Read here:

- an annulment (`ANUL`), GEDCOM's own, as a divorce;
- a divorce filed (`DIVF`), GEDCOM's own, as a separation (the divorce may not have followed);
- a separation event: `_SEPR` (Family Tree Maker, Brother's Keeper), `_SEP`, or `EVEN` with
  `2 TYPE Separation` (Gramps, webtrees), as a separation; `EVEN` with `2 TYPE Divorce` as a
  divorce; an `EVEN` with no TYPE by its own words (`1 EVEN Divorce`);
- how the marriage ended, without a date: Family Tree Maker's `_MEND Divorce` (or Annulment,
  Separation), Family Historian's and Legacy's `_STAT Divorced` (or Separated, Annulled);
- the kind of a marriage in its `2 TYPE`: a civil partnership (or civil union, registered
  partnership), which in English law is not a marriage; an unmarried or "common-law" couple,
  living together.

A date comes from the event's own `2 DATE`; a status has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

Ended = Literal["divorced", "separated"]

# Events whose date is when the partnership ended, and how.
_EVENTS: dict[str, Ended] = {"ANUL": "divorced", "DIVF": "separated", "_SEPR": "separated",
                             "_SEP": "separated"}  # fmt: skip
# Statuses (and `EVEN`'s TYPE) saying how it ended, in lower case without spaces.
_WORDS: dict[str, Ended] = {
    "divorce": "divorced", "divorced": "divorced", "annulment": "divorced",
    "annulled": "divorced", "separation": "separated", "separated": "separated",
    "legalseparation": "separated", "legallyseparated": "separated",
}  # fmt: skip
_STATUS_TAGS = ("_MEND", "_STAT")
_CIVIL = {"civilpartnership", "civilunion", "registeredpartnership", "civilpartner",
          "domesticpartnership"}  # fmt: skip


def _said(words: str) -> str:
    return "".join(words.lower().split()).replace("-", "")


class Line(NamedTuple):
    """One of a family's level-1 lines: its tag, its value, and its `2 TYPE`'s words."""

    tag: str
    value: str
    type: str


class End(NamedTuple):
    """How the partnership ended, and which of the family's lines (its index) is the event
    whose DATE says when; None for a status, which has no date."""

    how: Ended
    event: int | None


def ended(lines: Iterable[Line]) -> End | None:
    """How the family's lines say its partnership ended, other than by DIV (read by the
    readers themselves); a divorce (or annulment) before a separation when both are said, and
    an event, with its date, before a status."""
    found: list[tuple[int, int, End]] = []
    for index, line in enumerate(lines):
        how = _EVENTS.get(line.tag)
        if how is None and line.tag == "EVEN":
            # Its TYPE, or else its own words (`1 EVEN Divorce`, as some programs write it).
            how = _WORDS.get(_said(line.type or line.value))
        if how is not None:
            found.append((how != "divorced", 0, End(how, index)))
            continue
        if line.tag in _STATUS_TAGS:
            how = _WORDS.get(_said(line.value))
            if how is not None:
                found.append((how != "divorced", 1, End(how, None)))
    return min(found, key=lambda f: f[:2])[2] if found else None


def never_married(lines: Iterable[Line]) -> bool:
    """Whether the family's status says its couple never married (`_STAT Never Married`): which
    says nothing of whether they were ever a couple (a second reader: it was read as living
    together). Family Historian's "Unmarried couple" is a couple, and read as one."""
    return any(line.tag in _STATUS_TAGS and _said(line.value) in _NEVER for line in lines)


_NEVER = {"nevermarried", "notmarried"}


def civil_partnership(lines: Iterable[Line]) -> bool:
    """Whether the family's marriage (`MARR`) is said, by its TYPE, to be a civil
    partnership."""
    return any(line.tag == "MARR" and _said(line.type) in _CIVIL for line in lines)


# A `MARR` whose TYPE (or own words, for `Y`) says the couple lived together unmarried: a
# "common-law" couple is not married in English law either.
_UNMARRIED = {"unmarried", "unmarriedcouple", "commonlaw", "commonlawmarriage", "cohabiting",
              "cohabitation", "livingtogether", "partners", "notmarried"}  # fmt: skip


def unmarried(lines: Iterable[Line]) -> bool:
    """Whether the family's `MARR` says, by its TYPE or its words, that the couple did not
    marry (`1 MARR` / `2 TYPE Unmarried`, `2 TYPE Common Law`): a second reader found them
    imported as married."""
    marriages = [line for line in lines if line.tag == "MARR"]
    # Every one of them: a couple who lived together, then married, married (a third reader).
    return bool(marriages) and all(
        _said(line.type) in _UNMARRIED or _said(line.value) in _UNMARRIED for line in marriages
    )


class Couple(NamedTuple):
    """How a family's couple stands, from its lines, as both readers take it: the kind of
    partnership, whether divorced, the line (its index) whose DATE says when it ended (None:
    DIV's own, or none), and whether they never married and are not taken for a couple."""

    kind: str | None
    divorced: bool
    event: int | None
    never_married: bool


def couple(lines: Iterable[Line], *, married: bool, divorced: bool, kind: str | None) -> Couple:
    """How the couple of a family stands (`Couple`): a marriage of TYPE civil partnership is
    one; an end said otherwise than by DIV (`ended`) makes a couple not divorced separated;
    `_STAT Never Married` with nothing else said makes them no couple."""
    lines = list(lines)
    if kind is None and married and civil_partnership(lines):
        kind = "civil_partnership"
    living_together = kind is None and married and unmarried(lines)
    if living_together:
        kind = "cohabiting"
    end = None if divorced else ended(lines)
    event = None
    if end is not None:
        divorced = end.how == "divorced"
        if not divorced and kind in (None, "civil_partnership", "cohabiting"):
            kind = "separated"
        event = end.event
    if living_together and divorced:
        # A couple who never married who "divorced" (DIV, `_STAT Divorced`) had parted (a third
        # reader: read as living together still).
        kind, divorced = "separated", False
    never = not married and kind is None and never_married(lines)
    return Couple(kind, divorced, event, never)
