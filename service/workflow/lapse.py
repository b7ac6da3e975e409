"""When contact with someone has lapsed: the threshold the service counts by (`/lapsed`'s default,
and what the maps draw as lapsed), for connections and for former carers, teachers and workers.
Pure: no I/O. Whether the person is still living is for the caller: nobody lapses after death."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.workflow.terms import APPROACH_STAGES, Stage

# Where no commitment says how often, contact has lapsed after this many months: the default of
# `/lapsed`, and what the maps draw as lapsed.
LAPSED_AFTER_MONTHS = 6


def lapse_days(months: int = LAPSED_AFTER_MONTHS) -> int:
    """Months as days, the way the service counts a lapse (a month is 30.44 days)."""
    return round(months * 30.44)


@dataclass(frozen=True, slots=True)
class Lapse:
    """Contact overdue: days since the last contact (or since contact was due to start, or since
    a role ended) against the days allowed."""

    days_since: int
    allowed_days: int

    @property
    def overdue_days(self) -> int:
        return self.days_since - self.allowed_days


# A connection at these stages is not expected to be in contact: nothing lapses. Someone
# awaiting a safety check (again, after an approval was withdrawn) is not to be contacted until
# it is made: their old contacts and commitments do not make them overdue.
NOT_IN_CONTACT: frozenset[Stage] = frozenset({"awaiting_safety_check", "not_approved", "declined"})


def _first_day(value: str) -> date:
    """The first day a date as far as it is known (YYYY, YYYY-MM or YYYY-MM-DD) allows."""
    year, month, day = [*value.split("-"), "1", "1"][:3]
    return date(int(year), int(month), int(day))


def connection_lapse(
    stage: str | None,
    last_contact: str | None,
    commitment: tuple[str, int | None] | None,
    *,
    today: date,
    threshold_days: int,
) -> Lapse | None:
    """Whether contact with a connection has lapsed. `commitment`: the one in force with the
    shortest interval (its start, every how many days), if any. With one, contact is due within
    its interval of the last contact, or of its start when nothing has happened since; without
    one, within `threshold_days` of the last contact, and a connection never in contact has
    nothing to lapse from; a commitment that says no interval has the threshold's, and none
    counts before the young person agreed to the approach (`APPROACH_STAGES`). Refused and
    declined connections never lapse, nor one awaiting a safety check, nor one recorded
    without a stage. (Whether the person is still living is for the caller: nobody lapses
    after death.)"""
    if stage is None or stage in NOT_IN_CONTACT:
        return None
    # A commitment holds while the approach does (approved, and the young person agreed since:
    # the stages from their agreement on), as one is only agreed then (`check_commitment`): one
    # recorded before a safety check makes nobody overdue until the young person agrees (a
    # second reader). A decline or a withdrawn approval ends the commitments (`connections`):
    # the reads pass only those in force.
    if commitment is None or stage not in APPROACH_STAGES:
        since, allowed = last_contact, threshold_days
    else:
        start, every = commitment
        allowed = threshold_days if every is None else every
        since = start if last_contact is None or last_contact < start else last_contact
    if since is None:
        return None
    days = (today - _first_day(since)).days
    return Lapse(days, allowed) if days > allowed else None


def former_role_lapse(
    until: str | None,
    last_contact: str | None,
    *,
    today: date,
    threshold_days: int,
    stage: str | None = None,
) -> Lapse | None:
    """Whether a former foster carer, teacher or worker has not been heard from: longer than
    `threshold_days` since their role ended, or since the last contact after it. A role not yet
    ended lapses nothing; nor does one whose connection (`stage`, None for someone who is not
    one) is at a stage not expected to be in contact (refused, declined, awaiting a check)."""
    if until is None or until >= today.isoformat() or stage in NOT_IN_CONTACT:
        return None
    since = last_contact if last_contact is not None and last_contact > until else until
    days = (today - _first_day(since)).days
    return Lapse(days, threshold_days) if days > threshold_days else None
