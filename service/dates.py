"""Partial dates: a year alone, a year and month, or a full date, as families remember them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field

# ASCII digits only: `\d` takes any script's ("٢٠١٠"), which int() reads and dates sort apart.
_PARTIAL = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


COUNCIL_ZONE = ZoneInfo("Europe/London")


def london_today(now: datetime | None = None) -> date:
    """The date in England at `now` (default: the current instant): the one "today" of a
    request, for allocations, lapsed contacts, orders and checks alike. The database's own
    `date()` is UTC, a day behind between midnight and 01:00 in British Summer Time."""
    return (now or datetime.now(UTC)).astimezone(COUNCIL_ZONE).date()


def check_partial_date(value: str) -> str:
    # fullmatch: `$` alone would let a trailing newline through ("1950\n").
    match = _PARTIAL.fullmatch(value)
    if match is None:
        raise ValueError("use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value} is not a date on the calendar") from exc
    if int(year) < 1000:
        raise ValueError("the year must have four digits and be after 1000")
    return value


PartialDate = Annotated[
    str,
    Field(
        min_length=4,
        max_length=10,
        examples=["1950", "1950-03", "1950-03-12"],
        description="A date as far as it is known: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
    AfterValidator(check_partial_date),
]


def is_future(value: str, today: date) -> bool:
    """True when every day the partial date could mean is after today."""
    return value > today.isoformat()[: len(value)]


def before(a: str, b: str) -> bool:
    """True when partial date `a` is certainly before `b` (compared at their shared precision)."""
    width = min(len(a), len(b))
    return a[:width] < b[:width]


# A birth parent is born at least this many years (by the years of the two dates) before their
# child: a smaller gap is a slip of the year (a mother entered as born in 2009 for 1989, three
# years older than her child; a second reader). Below `lifespan.MIN_PARENT_AGE`, a bound for
# guessing who has died, so that no real parent, however young, is refused.
MIN_PARENT_GAP_YEARS = 10


def born_out_of_order(parent_birth: str | None, child_birth: str | None) -> bool:
    """Whether a birth parent's recorded birth date is not before their child's (partial dates
    compared at the precision they share), or less than `MIN_PARENT_GAP_YEARS` years before
    it; a date not recorded breaks nothing."""
    if not (parent_birth and child_birth):
        return False
    gap = int(child_birth[:4]) - int(parent_birth[:4])
    return not before(parent_birth, child_birth) or gap < MIN_PARENT_GAP_YEARS


def raised_out_of_order(parent_birth: str | None, child_birth: str | None) -> bool:
    """Whether an adoptive parent's or foster carer's recorded birth date is not before the
    child's (partial dates compared at the precision they share; a step-parent may be younger
    than a grown step-child); a date not recorded breaks nothing."""
    if not (parent_birth and child_birth):
        return False
    return not before(parent_birth, child_birth)


def before_birth(day: date, *births: str | None) -> bool:
    """Whether `day` is certainly before one of the (partial) birth dates recorded: a contact,
    an event or a home of someone not yet born is a slip of the year."""
    return any(birth and before(day.isoformat(), birth) for birth in births)
