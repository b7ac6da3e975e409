"""The rules for moving a connection (a person approached for a young person) through the stages.

A connection goes from being identified and located, through the safety check, to the approach:
the young person agrees, the person is contacted, says whether they are willing, is invited to the
Family Group Conference, attends and joins the Lifelong Links plan. `check_move` says whether one
move is allowed and, when it is not, lists every rule it breaks so that a coordinator can fix them
all at once rather than one by one. `check_invitation` does the same for an invitation to the
event, and `held_back_by_a_flag` says whose approval a new flag holds back.

Forward moves may skip stages, except that nobody is contacted (or invited, ...) before the
young person has agreed to the approach since the person's latest approval: the coordinator
always asks the young person's permission before speaking to anyone; and nobody is invited,
attends or joins the plan before saying they are willing since that approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, get_args

from service.workflow.terms import (
    APPROACH_STAGES,
    BLOCKING_FLAG_LEVEL,
    DECISIONS,
    STAGES,
    Role,
    Rule,
    Stage,
    Wish,
)
from service.workflow.wishes import KEEP_AWAY

_POSITION = {stage: i for i, stage in enumerate(STAGES)}
_STARTS: frozenset[Stage] = frozenset({"identified", "located"})
# A refusal follows a safety check, or withdraws an approval when a social worker learns more:
# at any point of the approach, before or after contact (a flag raised on someone already
# contacted is exactly such news), but not after the person has declined.
_REFUSABLE_FROM: frozenset[Stage] = frozenset(
    {"awaiting_safety_check", "approved", *(APPROACH_STAGES - {"declined"})}
)
# The moves that bring the person nearer the young person: contact, the event, the plan. A flag
# or an order in their household since their approval stops these (`kept_away_now`) until a new
# safety check; recording what has happened (the young person's agreement, the person's answer)
# and withdrawing the approval stay open.
_NEARER: frozenset[Stage] = frozenset({"contacted", "invited", "attended", "in_plan"})
_DECIDERS: frozenset[Role] = frozenset({"social_worker", "manager"})
# The event and the plan: only for someone who said they are willing since their approval.
_AFTER_WILLING: frozenset[Stage] = frozenset({"invited", "attended", "in_plan"})
# The moves the young person's wishes stop: every step of the approach but the person's own "no"
# (declined), which brings no one nearer and is recorded whatever the young person wishes (a
# decline refused under a "never" left the record saying "contacted", and the person overdue
# for contact).
_WISHED_AWAY: frozenset[Stage] = APPROACH_STAGES - {"declined"}
# A person says no at any point after being asked: having said they were willing, invited, after
# the event, or in the plan (people change their minds; a record still saying "in plan" kept
# them in the plan and had /lapsed ask for contact they had refused). Nothing follows a decline.
_DECLINABLE_LATE: frozenset[Stage] = frozenset({"willing", "invited", "attended", "in_plan"})


@dataclass(frozen=True)
class Refusal:
    rule: Rule
    message: str
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Move:
    target: Stage
    role: Role
    reason: str | None = None
    override_reason: str | None = None


@dataclass(frozen=True)
class Facts:
    history: tuple[Stage, ...]
    flagged: tuple[str, ...] = ()
    restricted_by_order: tuple[str, ...] = ()
    wish: Wish | None = None
    # Each flag and order behind `flagged` and `restricted_by_order`: (who, "flag:<id>" or
    # "order:<id>").
    risks: tuple[tuple[str, str], ...] = ()
    # What the person's latest approval overrode (a manager's written reason), as `overrides`
    # says it: only those flags and orders are waived afterwards, never one that came since.
    overridden: tuple[str, ...] = ()


def current_stage(history: tuple[Stage, ...]) -> Stage | None:
    """Return the stage the connection is at now, None for a connection not yet recorded."""
    return history[-1] if history else None


def _words(stage: Stage) -> str:
    return f'"{stage.replace("_", " ")}"'


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _people(ids: tuple[str, ...]) -> str:
    return "1 person" if len(ids) == 1 else f"{len(ids)} people"


def _have(ids: tuple[str, ...]) -> str:
    return "has" if len(ids) == 1 else "have"


_AFTER_DECLINE = (
    "This person has declined; nothing follows a decline but a new safety check, if they ask "
    "to be involved."
)


def _order(history: tuple[Stage, ...], target: Stage) -> Refusal | None:
    current = current_stage(history)
    if current is None:
        if target in _STARTS:
            return None
        return Refusal(
            "order",
            f"A new connection starts at {_words('identified')} or "
            f"{_words('located')}, not at {_words(target)}.",
        )
    if target == current:
        return Refusal("order", f"This connection is already at {_words(target)}.")
    if _POSITION[target] < _POSITION[current]:
        # The ways back: after a refusal, new information may justify a new safety check; and
        # a social worker who learns more withdraws an approval, whatever the approach reached.
        # After a refusal, or a decline when the person later asks to be involved: a new
        # safety check, and the approach from its start (the young person asked again).
        if current in ("not_approved", "declined") and target == "awaiting_safety_check":
            return None
        if target == "not_approved" and current in _REFUSABLE_FROM:
            return None
        if target == "declined" and current in _DECLINABLE_LATE:
            return None
        if current == "declined":
            return Refusal("no_going_back", _AFTER_DECLINE)
        return Refusal(
            "no_going_back",
            f"A connection cannot go back from {_words(current)} to {_words(target)}; "
            f"only a refused person can go back to {_words('awaiting_safety_check')}, and "
            f"only an approval can be withdrawn ({_words('not_approved')}).",
        )
    if current == "declined":
        return Refusal("order", _AFTER_DECLINE)
    if target == "not_approved" and current not in _REFUSABLE_FROM:
        return Refusal(
            "order",
            f"A person can be refused only after {_words('awaiting_safety_check')} or an "
            f"approval, not straight from {_words(current)}.",
        )
    return None


def _currently_approved(history: tuple[Stage, ...]) -> bool:
    """The latest approval stands: not withdrawn since, and the person has not declined since
    (one who declined and asks to be involved again is checked and approved again; a second
    reader: the approval from before a decline let them be contacted while awaiting the new
    check)."""
    if "approved" not in history:
        return False
    last = len(history) - 1 - history[::-1].index("approved")
    return "not_approved" not in history[last:] and "declined" not in history[last:]


def _agreed(history: tuple[Stage, ...]) -> bool:
    """The young person agreed to the approach after the person's latest approval, and the
    person has not declined since (asked again, the young person is asked again too)."""
    if "approved" not in history:
        return False
    last = len(history) - 1 - history[::-1].index("approved")
    return "young_person_agreed" in history[last:] and "declined" not in history[last:]


def _household_risks(facts: Facts, before: str, after: str, *, detailed: bool) -> list[Refusal]:
    """The refusals for a blocking flag and a court order in the person's household, each
    message between `before` and `after`. The flag's level is said only when `detailed` (to
    those who decide on contact); others are told that a flag keeps the person away."""
    found = []
    if facts.flagged:
        ids = facts.flagged
        what = (f"an active level-{BLOCKING_FLAG_LEVEL} safety flag" if detailed
                else "a safety flag that keeps this person away")  # fmt: skip
        said = f"{_people(ids)} in this person's household {_have(ids)} {what}"
        found.append(Refusal("flagged", f"{before}{said}; {after}", ids))
    if facts.restricted_by_order:
        ids = facts.restricted_by_order
        said = (f"a court order keeps {_people(ids)} in this person's household from "
                "contacting the young person")  # fmt: skip
        message = f"{before}{said}; {after}"
        found.append(Refusal("court_order", message[0].upper() + message[1:], ids))
    return found


# How the household queries count people they do not name (`fragments/household_risks`).
UNNAMED = frozenset({"a child known to the council", "someone the case does not hold"})


def household(
    rows: Iterable[Sequence[Any]],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(flagged, restricted_by_order, risks) for `Facts`, from a household's rows as the
    queries give them: [who, ["flag:<id>", ...], ["order:<id>", ...]]."""
    # People counted, not named ("a child known to the council", "someone the case does not
    # hold") are told apart by a number, so that what an approval overrode on one is not
    # taken for another's (a second reader: two such people, one flag overridden and a new one
    # on the other, were counted as two blocking).
    rows = list(rows)
    many = {who for who in UNNAMED if sum(1 for r in rows if r[0] == who) > 1}
    seen: dict[str, int] = {}
    numbered = []
    for who, flags, orders in rows:
        if who in many:
            seen[who] = seen.get(who, 0) + 1
            who = f"{who} ({seen[who]})"
        numbered.append((who, flags, orders))
    rows = numbered
    flagged = tuple(who for who, flags, _ in rows if flags)
    restricted = tuple(who for who, _, orders in rows if orders)
    risks = tuple((who, token) for who, flags, orders in rows for token in [*flags, *orders])
    return flagged, restricted, risks


def overrides(facts: Facts) -> tuple[str, ...]:
    """What an approval over the household's flags and orders overrides: each of them, by id
    ("flag:<id>", "order:<id>"), so that a flag or an order made later, even on the same
    person, is not waived with them."""
    return tuple(token for _, token in facts.risks)


def _waived(facts: Facts, who: str, kind: str) -> bool:
    """Every flag (or order) of `who` now was overridden by the latest approval."""
    mine = [t for p, t in facts.risks if p == who and t.startswith(kind)]
    return bool(mine) and all(t in facts.overridden for t in mine)


def kept_away_now(facts: Facts, *, detailed: bool = False) -> list[Refusal]:
    """A flag at the blocking level or a court order in the person's household now, other than
    those their latest approval overrode: it keeps an approved person from the event, from
    attending, and from the plan, until a new safety check. The flag's level is said only when
    `detailed` (to those who decide on contact): the plan, read by every case role and kept as
    versions, never says it."""
    now = Facts(
        facts.history,
        flagged=tuple(p for p in facts.flagged if not _waived(facts, p, "flag:")),
        restricted_by_order=tuple(p for p in facts.restricted_by_order
                                  if not _waived(facts, p, "order:")),
    )  # fmt: skip
    return _household_risks(now, "", "ask the social worker for a new safety check.",
                            detailed=detailed)  # fmt: skip


def held_back_by_a_flag(
    history: tuple[Stage, ...], level: int, flag: str, overridden: tuple[str, ...] = ()
) -> bool:
    """Whether an active flag (`flag`: "flag:<id>") at `level` on a connection's person, or on
    someone living with them, holds the connection back: at the blocking level, on someone whose
    approval stands and who has not declined, unless that approval was a manager's override of
    this very flag (`overridden`: what the latest approval overrode; nothing overrides a flag not
    yet raised). Nothing then brings them nearer the young person until a new safety check
    (`kept_away_now`): the social worker who raises or reactivates the flag is told which
    connections, to withdraw or confirm their approvals."""
    return (
        level >= BLOCKING_FLAG_LEVEL
        and _currently_approved(history)
        and current_stage(history) != "declined"
        and flag not in overridden
    )


def household_now(rows: Iterable[Sequence[Any]], overridden: Iterable[str] = ()) -> list[Refusal]:
    """`kept_away_now` for a household as the queries give it (`household`), with what the
    person's latest approval `overridden` (nothing for someone never approved)."""
    flagged, restricted, risks = household(rows)
    return kept_away_now(Facts((), flagged=flagged, restricted_by_order=restricted, risks=risks,
                               overridden=tuple(overridden)))  # fmt: skip


def held_from_contact(
    wish: Wish | None, rows: Iterable[Sequence[Any]], overridden: Iterable[str] = ()
) -> bool:
    """Whether nobody is to get in touch with a person now: the young person's wish keeps
    them away (never, not now), or a flag at the blocking level or a court order in their
    household (`rows`, as `household` takes them) that their latest approval did not override.
    Such a person is not overdue for contact (/lapsed), as the plan holds them back."""
    return (wish is not None and wish in KEEP_AWAY) or bool(household_now(rows, overridden))


_RULE_ORDER = {rule: i for i, rule in enumerate(get_args(Rule))}


def _in_rule_order(refusals: list[Refusal]) -> list[Refusal]:
    return sorted(refusals, key=lambda r: _RULE_ORDER[r.rule])


def _kept_away_as_told(facts: Facts, role: Role, refusals: list[Refusal]) -> list[Refusal]:
    """`kept_away_now` as told to `role`, on top of the `refusals` already found: to those who
    decide on contact, every flag and order with its level and people; to a coordinator, only
    when it is all that keeps an approved person away, without its level or whose it is, so
    that asking about anyone else is not a way to learn which households hold a flag at the
    blocking level."""
    if role in _DECIDERS:
        return kept_away_now(facts, detailed=True)
    if refusals:
        return []
    return [replace(r, people=()) for r in kept_away_now(facts)]


def check_move(facts: Facts, move: Move) -> list[Refusal]:
    """Return every rule the move breaks, in a stable order (the order of `Rule`); [] allows it.
    A move that brings the person nearer the young person (contact, the event, the plan) is
    stopped by a flag or an order in their household since their approval (`kept_away_now`),
    as an invitation is: the approval was given without it."""
    refusals = _approach_rules(facts, move)
    if move.target in _AFTER_WILLING and not _willing(facts.history):
        # As an invitation: the event and the plan are for people who said they are willing
        # since their approval (a move straight from `contacted` to `in_plan` put someone who
        # never said so in the plan; a workflow reader).
        refusals.append(
            Refusal(
                "needs_willing",
                f"Only people who said they are willing, after their approval, move to "
                f"{_words(move.target)}; record their answer first.",
            )
        )
    if move.target in _NEARER:
        refusals += _kept_away_as_told(facts, move.role, refusals)
    return _in_rule_order(refusals)


def _approach_rules(facts: Facts, move: Move) -> list[Refusal]:
    """Every rule of the stages, the decisions and the young person's wishes that the move
    breaks, as `check_move` and `check_invitation` share them."""
    target, role = move.target, move.role
    refusals: list[Refusal] = []
    order = _order(facts.history, target)
    if order is not None:
        refusals.append(order)
    if target in DECISIONS and role not in _DECIDERS:
        refusals.append(
            Refusal(
                "decision_role",
                f"Only a social worker or a manager can move a person to {_words(target)}.",
            )
        )
    if target in ("not_approved", "declined") and _blank(move.reason):
        refusals.append(
            Refusal("reason_required", f"Write down why before recording {_words(target)}.")
        )
    if _starts_again_after_decline(facts.history, target) and _blank(move.reason):
        refusals.append(
            Refusal(
                "reason_required",
                "This person declined; write down why they are being checked again (they "
                "asked to be involved, say) before starting again.",
            )
        )
    # Someone at `declined` is told that nothing follows a decline (`_order`), not that their
    # approval and the young person's agreement no longer stand, which follows from it.
    declined = current_stage(facts.history) == "declined"
    if target in APPROACH_STAGES and not declined and not _currently_approved(facts.history):
        refusals.append(
            Refusal(
                "needs_approval",
                f"This person is not currently approved after a safety check, so they cannot "
                f"move to {_words(target)}; ask the social worker for a safety check.",
            )
        )
    if (target in APPROACH_STAGES - {"young_person_agreed"} and not declined
            and not _agreed(facts.history)):  # fmt: skip
        refusals.append(
            Refusal(
                "needs_agreement",
                f"The young person has not agreed to this person being approached, so they "
                f"cannot move to {_words(target)}; ask the young person first.",
            )
        )
    overridden = role == "manager" and not _blank(move.override_reason)
    # What in the household would block an approval is told to those who decide one: a role
    # that may not approve is refused for that alone, and cannot use the attempt to learn which
    # households hold a flag at the blocking level. (Inviting, which they do, tells them that a
    # flag keeps a person away, never its level.)
    if target == "approved" and not overridden and role in _DECIDERS:
        refusals += _household_risks(
            facts, "Approval refused: ", "a manager may override with a written reason.",
            detailed=True,
        )  # fmt: skip
    # Refused whatever the move, so that no one believes a non-manager's override took effect.
    if role != "manager" and not _blank(move.override_reason):
        refusals.append(
            Refusal("override_role", "Only a manager can override a safety flag or a court order.")
        )
    # The young person's wishes come before everything: no role and no reason overrides them.
    if target in _WISHED_AWAY and facts.wish == "never":
        refusals.append(
            Refusal(
                "wish_never",
                "The young person has said they never want this person approached; "
                "no one can override their wish.",
            )
        )
    if target in _WISHED_AWAY and facts.wish == "not_now":
        refusals.append(
            Refusal(
                "wish_not_now",
                "The young person does not want this person approached for now; ask them "
                "again later and record their new wish before going on.",
            )
        )
    return refusals


# Stages from which a person can be invited to a celebration event: willing, or already invited,
# come to an earlier event, or in the plan (a review conference invites them again).
INVITABLE_STAGES: frozenset[Stage] = frozenset({"willing", "invited", "attended", "in_plan"})


def _willing(history: tuple[Stage, ...]) -> bool:
    """The person said they are willing after their latest approval, and has not declined
    since (one who declined and was checked, approved and asked again says so again)."""
    if "approved" not in history:
        return False
    last = len(history) - 1 - history[::-1].index("approved")
    return "willing" in history[last:] and "declined" not in history[last:]


def _starts_again_after_decline(history: tuple[Stage, ...], target: Stage) -> bool:
    return target == "awaiting_safety_check" and current_stage(history) == "declined"


def check_invitation(facts: Facts, role: Role) -> list[Refusal]:
    """Every rule that keeps a person from being invited to the young person's celebration event
    (the Family Group Conference); [] allows it. Only people approved and willing are invited:
    the approach rules hold (currently approved, the young person agreed, their wishes), and the
    person must have said they are willing since their approval. A flag at the blocking level or
    a court order in the person's household now keeps them away even after an approval (it may
    have come after it), unless that approval was a manager's override of that very flag or
    order (`kept_away_now`): the social worker is asked for a new safety check.

    A coordinator is told of the household's flag or order only when it is all that keeps an
    approved and willing person away, without its level or whose it is (`_kept_away_as_told`)."""
    refusals = [r for r in _approach_rules(facts, Move(target="invited", role=role))
                if r.rule not in ("order", "no_going_back")]  # fmt: skip
    current = current_stage(facts.history)
    if current not in INVITABLE_STAGES or not _willing(facts.history):
        refusals.append(
            Refusal(
                "needs_willing",
                "Only people who said they are willing, after their approval, are invited; "
                f"this person is at {_words(current) if current else 'no stage'}.",
            )
        )
    refusals += _kept_away_as_told(facts, role, refusals)
    return _in_rule_order(refusals)


def check_commitment(facts: Facts, role: Role) -> list[Refusal]:
    """Every rule that keeps a commitment to keep in touch (the plan's "a call every other
    Sunday") from being recorded with a person; [] allows it. It is agreed with someone the
    young person may be in touch with now, as contact is (`check_move` to `contacted`): currently
    approved after a safety check, the young person agreed, their wishes, and nothing in the
    household since the approval (one recorded for an uncle never checked made /lapsed ask for
    him to be got back in touch with). Told as an invitation's rules are."""
    refusals = [r for r in _approach_rules(facts, Move(target="contacted", role=role))
                if r.rule not in ("order", "no_going_back")]  # fmt: skip
    if current_stage(facts.history) == "declined":
        # A second reader: a plan's promise was taken from someone who had said no.
        refusals.append(Refusal("no_going_back", _AFTER_DECLINE))
    refusals += _kept_away_as_told(facts, role, refusals)
    return _in_rule_order(refusals)


def check_apart(guests_apart: Sequence[str], role: Role) -> list[Refusal]:
    """A current court order between the person and someone already invited to the same event
    keeps them from it: the event would bring them together against the order (a second
    reader: a non-molestation order kept the father from the mother, and both were invited to
    one Family Group Conference). `guests_apart`: the ids of those invited people. Those who
    decide on contact are told who; a coordinator, that an order stands between this person
    and a guest, as they are told of a household's order."""
    if not guests_apart:
        return []
    people = tuple(sorted(set(guests_apart)))
    if role in _DECIDERS:
        return [Refusal("apart_by_order",
                        f"A current court order stands between this person and {_people(people)} "
                        "already invited to this event; they may not be at one event together.",
                        people)]  # fmt: skip
    return [Refusal("apart_by_order",
                    "A current court order stands between this person and someone already "
                    "invited to this event; ask the social worker.")]  # fmt: skip
