"""When a safety flag is due for a worker's review. Flags have a review date (six months on,
unless another is given) and may have an expiry date; the calendar never retires one: a flag
past its expiry stays active, and keeps holding people back, until a social worker or manager
closes it or sets a new date (letting a safety flag lapse unreviewed is the less careful way).
What the calendar does is put it on the case's list of flags due (`flag_due`). Pure: no I/O."""

from __future__ import annotations

from datetime import date
from typing import Literal

Due = Literal["expired", "review"]


def flag_due(status: str, review_on: str | None, expires_on: str | None, today: date) -> Due | None:
    """`expired` for an active flag whose expiry date has passed (the day after it), `review`
    for one whose review date has come; None otherwise, and for a flag no longer active."""
    if status != "active":
        return None
    day = today.isoformat()
    if expires_on is not None and expires_on < day:
        return "expired"
    if review_on is not None and review_on <= day:
        return "review"
    return None
