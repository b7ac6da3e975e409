"""`service.workflow`: the rules for moving a connection through the stages, as one table."""

from __future__ import annotations

from datetime import date

import pytest

from service.workflow import (
    APPROACH_STAGES,
    BLOCKING_FLAG_LEVEL,
    KEEP_AWAY,
    LAPSED_AFTER_MONTHS,
    STAGES,
    Facts,
    Move,
    Role,
    Rule,
    Stage,
    Wish,
    check_commitment,
    check_invitation,
    check_move,
    connection_lapse,
    current_stage,
    effective_wish,
    flag_due,
    former_role_lapse,
    held_back_by_a_flag,
    held_from_contact,
    household_now,
    lapse_days,
)

NEW: tuple[Stage, ...] = ()
IDENTIFIED: tuple[Stage, ...] = ("identified",)
CHECKING: tuple[Stage, ...] = ("identified", "located", "awaiting_safety_check")
APPROVED = (*CHECKING, "approved")
REFUSED = (*CHECKING, "not_approved")
WITHDRAWN = (*APPROVED, "not_approved")
RECHECK = (*WITHDRAWN, "awaiting_safety_check")
AGREED = (*APPROVED, "young_person_agreed")
CONTACTED = (*AGREED, "contacted")
WILLING = (*CONTACTED, "willing")
DECLINED = (*CONTACTED, "declined")
ATTENDED = (*WILLING, "invited", "attended")

TWO = ("p-aunt", "p-partner")
ONE = ("p-father",)


def case(
    name: str,
    history: tuple[Stage, ...],
    target: Stage,
    role: Role,
    *expected: Rule,
    reason: str | None = None,
    override: str | None = None,
    flagged: tuple[str, ...] = (),
    restricted: tuple[str, ...] = (),
    wish: Wish | None = None,
) -> pytest.ParameterSet:
    facts = Facts(history, flagged=flagged, restricted_by_order=restricted, wish=wish)
    move = Move(target, role, reason=reason, override_reason=override)
    return pytest.param(facts, move, list(expected), id=name)


SW: Role = "social_worker"
CO: Role = "coordinator"
MG: Role = "manager"

CASES = [
    # order: where a connection starts, forward moves, the one way back, alternatives.
    case("new at identified", NEW, "identified", CO),
    case("new at located", NEW, "located", CO),
    case("new at safety check", NEW, "awaiting_safety_check", CO, "order"),
    case("new at contacted", NEW, "contacted", CO, "order", "needs_approval", "needs_agreement"),
    case("skip to safety check", IDENTIFIED, "awaiting_safety_check", CO),
    case("same stage again", IDENTIFIED, "identified", CO, "order"),
    case("approve twice", APPROVED, "approved", SW, "order"),
    case("back to located", CONTACTED, "located", CO, "no_going_back"),
    case("approved back to check", APPROVED, "awaiting_safety_check", SW, "no_going_back"),
    case("re-check after refusal", REFUSED, "awaiting_safety_check", SW),
    case("re-approve without re-check", REFUSED, "approved", SW, "no_going_back"),
    case("re-approve after re-check", RECHECK, "approved", SW),
    case("refuse again after re-check", RECHECK, "not_approved", SW, reason="new flag"),
    case("withdraw approval", APPROVED, "not_approved", SW, reason="new information"),
    case("refuse before check", IDENTIFIED, "not_approved", SW, "order", reason="risk"),
    # An approval is withdrawn whatever the approach reached, when a social worker learns more;
    # never by a coordinator, never without a reason, never after the person declined.
    case("withdraw after contact", CONTACTED, "not_approved", SW, reason="flag raised"),
    case("withdraw from the plan", (*ATTENDED, "in_plan"), "not_approved", MG, reason="order"),
    case("withdraw after agreement", AGREED, "not_approved", SW, reason="new information"),
    case("coordinator withdraws", WILLING, "not_approved", CO, "decision_role", reason="r"),
    case("withdraw without reason", WILLING, "not_approved", SW, "reason_required"),
    case("withdraw after decline", DECLINED, "not_approved", SW, "no_going_back", reason="r"),
    case("re-check after withdrawal", (*CONTACTED, "not_approved"), "awaiting_safety_check", SW),
    case("contact after withdrawal", (*CONTACTED, "not_approved"), "willing", CO, "needs_approval"),
    case("withdrawn then agreed", WITHDRAWN, "young_person_agreed", CO, "needs_approval"),
    case(
        "withdrawn then contacted", WITHDRAWN, "contacted", CO, "needs_approval", "needs_agreement"
    ),
    case("declined then invited", DECLINED, "invited", CO, "order", "needs_willing"),
    case("declined then willing", DECLINED, "willing", CO, "no_going_back"),
    # A person says no whenever they change their mind, with a reason written down: after
    # saying they were willing, invited, after the event, in the plan. Nothing follows.
    case("willing then declined", WILLING, "declined", CO, reason="changed mind"),
    case("invited then declined", (*WILLING, "invited"), "declined", CO, reason="moved away"),
    case("attended then declined", ATTENDED, "declined", CO, reason="too much for them"),
    case("in plan then declined", (*ATTENDED, "in_plan"), "declined", CO, reason="ill"),
    case(
        "in plan declined without reason", (*ATTENDED, "in_plan"), "declined", CO, "reason_required"
    ),
    case(
        "declined late then in plan",
        (*ATTENDED, "in_plan", "declined"),
        "in_plan",
        CO,
        "order",
        "needs_willing",
    ),
    case("declined late then willing", (*WILLING, "declined"), "willing", CO, "no_going_back"),
    case("agreed then declined", AGREED, "declined", CO, reason="said no when asked"),
    # Someone who declined and later asks to be involved starts again from a new safety check,
    # with a reason written down; the young person is asked again, and they say again that
    # they are willing. Nothing else follows a decline.
    case(
        "declined then new check",
        DECLINED,
        "awaiting_safety_check",
        CO,
        reason="Wrote in May asking to be involved",
    ),
    case(
        "declined then new check without reason",
        DECLINED,
        "awaiting_safety_check",
        CO,
        "reason_required",
    ),
    case("declined then approved", DECLINED, "approved", SW, "no_going_back"),
    # Waiting for the new check, the approval from before the decline does not count (a
    # second reader: they were contacted, given a commitment and shown as overdue).
    case(
        "declined, awaiting the check, contacted",
        (*WILLING, "declined", "awaiting_safety_check"),
        "contacted",
        CO,
        "needs_approval",
        "needs_agreement",
    ),
    case(
        "declined, awaiting the check, willing",
        (*WILLING, "declined", "awaiting_safety_check"),
        "willing",
        CO,
        "needs_approval",
        "needs_agreement",
    ),
    case("declined, checked again, approved", (*DECLINED, "awaiting_safety_check"), "approved", SW),
    case(
        "declined, approved again, agreed",
        (*DECLINED, "awaiting_safety_check", "approved"),
        "young_person_agreed",
        CO,
    ),
    case(
        "declined, approved again, contacted",
        (*DECLINED, "awaiting_safety_check", "approved"),
        "contacted",
        CO,
        "needs_agreement",
    ),
    case(
        "declined, approved and asked again, willing",
        (*DECLINED, "awaiting_safety_check", "approved", "young_person_agreed", "contacted"),
        "willing",
        CO,
    ),
    case("contacted then declined", CONTACTED, "declined", CO, reason="not ready"),
    case("willing then invited", WILLING, "invited", CO),
    case("attended then in plan", ATTENDED, "in_plan", CO),
    # The event and the plan only for someone who said they are willing since their approval
    # (straight from contacted to the plan: a workflow reader).
    case("contacted then in plan", CONTACTED, "in_plan", CO, "needs_willing"),
    case("contacted then invited", CONTACTED, "invited", CO, "needs_willing"),
    case("contacted then attended", CONTACTED, "attended", CO, "needs_willing"),
    case("willing then in plan", WILLING, "in_plan", CO),
    case(
        "willing before a re-approval",
        (*WILLING, "not_approved", "awaiting_safety_check", "approved", "young_person_agreed"),
        "in_plan",
        CO,
        "needs_willing",
    ),
    # Forward skips are allowed, but never past the young person's agreement.
    case("skip to contacted", APPROVED, "contacted", CO, "needs_agreement"),
    case("agreed then contacted", AGREED, "contacted", CO),
    case(
        "agreement before a re-approval",
        (*AGREED, "not_approved", "awaiting_safety_check", "approved"),
        "contacted",
        CO,
        "needs_agreement",
    ),
    case("agreed then willing", AGREED, "willing", CO),
    # decision_role: only a social worker or a manager decides on safety.
    case("coordinator approves", CHECKING, "approved", CO, "decision_role"),
    case("coordinator refuses", CHECKING, "not_approved", CO, "decision_role", reason="r"),
    case("manager approves", CHECKING, "approved", MG),
    case("social worker approves", CHECKING, "approved", SW),
    case("coordinator contacts", AGREED, "contacted", CO),
    # reason_required.
    case("refuse without reason", CHECKING, "not_approved", SW, "reason_required"),
    case("refuse blank reason", CHECKING, "not_approved", SW, "reason_required", reason=" \n"),
    case("decline without reason", CONTACTED, "declined", CO, "reason_required"),
    # needs_approval.
    case("agreed before approval", CHECKING, "young_person_agreed", CO, "needs_approval"),
    case("agreed after refusal", REFUSED, "young_person_agreed", CO, "needs_approval"),
    # flagged, court_order, override_role.
    case("approve flagged", CHECKING, "approved", SW, "flagged", flagged=TWO),
    case("approve restricted", CHECKING, "approved", SW, "court_order", restricted=ONE),
    case(
        "approve flagged and restricted",
        CHECKING,
        "approved",
        SW,
        "flagged",
        "court_order",
        flagged=TWO,
        restricted=ONE,
    ),
    case("manager without reason", CHECKING, "approved", MG, "flagged", flagged=ONE),
    case("manager blank reason", CHECKING, "approved", MG, "flagged", flagged=ONE, override=" "),
    case(
        "manager overrides",
        CHECKING,
        "approved",
        MG,
        flagged=TWO,
        restricted=ONE,
        override="risk managed by supervised contact",
    ),
    case(
        "social worker overrides",
        CHECKING,
        "approved",
        SW,
        "flagged",
        "override_role",
        flagged=TWO,
        override="I think it is fine",
    ),
    case("override on contact", AGREED, "contacted", SW, "override_role", override="x"),
    case("refuse flagged person", CHECKING, "not_approved", SW, flagged=TWO, reason="flag"),
    # A flag or an order in the household since the approval stops what brings the person
    # nearer (contact, the event, the plan) until a new safety check; recording what has
    # happened, and withdrawing the approval, stay open.
    case("flag since approval: contact", AGREED, "contacted", SW, "flagged", flagged=ONE),
    case("flag since approval: invited", WILLING, "invited", MG, "flagged", flagged=ONE),
    case("order since approval: plan", ATTENDED, "in_plan", CO, "court_order", restricted=TWO),
    case("flag since approval: willing", CONTACTED, "willing", CO, flagged=ONE),
    case("flag since approval: declined", CONTACTED, "declined", CO, reason="r", flagged=ONE),
    case("flag since approval: withdraw", CONTACTED, "not_approved", SW, reason="f", flagged=ONE),
    case("flag since approval: agreement", APPROVED, "young_person_agreed", CO, flagged=ONE),
    # wish_never, wish_not_now: the young person's wishes, which no one overrides.
    case("never: agree", APPROVED, "young_person_agreed", CO, "wish_never", wish="never"),
    case(
        "never: manager",
        APPROVED,
        "young_person_agreed",
        MG,
        "wish_never",
        wish="never",
        override="manager decision",
    ),
    case("not now: contact", AGREED, "contacted", CO, "wish_not_now", wish="not_now"),
    case("never: locate", IDENTIFIED, "located", CO, wish="never"),
    case("not now: approve", CHECKING, "approved", SW, wish="not_now"),
    case("want contact", AGREED, "contacted", CO, wish="want_contact"),
    # The person's own "no" is recorded whatever the young person wishes.
    case("never: declined", CONTACTED, "declined", CO, reason="Said no", wish="never"),
    case("not now: declined", CONTACTED, "declined", CO, reason="Said no", wish="not_now"),
    # Several rules at once, listed in the order of `Rule`.
    case(
        "all approval rules",
        NEW,
        "approved",
        SW,
        "order",
        "flagged",
        "court_order",
        "override_role",
        flagged=ONE,
        restricted=TWO,
        override="x",
        wish="never",
    ),
    # Who may not approve is refused for that, and told nothing of the household's risks.
    case(
        "approval rules for a coordinator",
        NEW,
        "approved",
        CO,
        "order",
        "decision_role",
        "override_role",
        flagged=ONE,
        restricted=TWO,
        override="x",
        wish="never",
    ),
    case(
        "all approach rules",
        NEW,
        "declined",
        CO,
        "order",
        "reason_required",
        "needs_approval",
        "needs_agreement",
        wish="not_now",
    ),
]


@pytest.mark.parametrize(("facts", "move", "expected"), CASES)
def test_check_move(facts: Facts, move: Move, expected: list[Rule]) -> None:
    assert [refusal.rule for refusal in check_move(facts, move)] == expected


@pytest.mark.parametrize(("facts", "move", "expected"), CASES)
def test_refusals_name_exactly_the_given_people(
    facts: Facts, move: Move, expected: list[Rule]
) -> None:
    given = {"flagged": facts.flagged, "court_order": facts.restricted_by_order}
    if move.role == "coordinator":
        given = {}  # told that a flag or an order keeps the person away, never whose it is
    for refusal in check_move(facts, move):
        assert refusal.people == given.get(refusal.rule, ())
        assert refusal.message.strip()


def test_messages_count_the_people() -> None:
    facts = Facts(CHECKING, flagged=TWO, restricted_by_order=ONE)
    flagged, court = check_move(facts, Move("approved", "social_worker"))
    assert flagged.message.startswith("Approval refused: 2 people in this person's household have")
    assert "a manager may override with a written reason" in flagged.message
    assert "keeps 1 person in this person's household from contacting" in court.message


def test_nothing_follows_a_decline_not_even_a_withdrawal_but_a_new_safety_check() -> None:
    for target in ("willing", "not_approved", "approved", "in_plan"):
        [refusal, *_] = check_move(Facts(DECLINED), Move(target, "social_worker", reason="r"))
        assert refusal.message == (
            "This person has declined; nothing follows a decline but a new safety check, if "
            "they ask to be involved."
        )
    assert check_move(Facts(DECLINED), Move("awaiting_safety_check", "coordinator",
                                            reason="Asked to be involved")) == []  # fmt: skip


def test_messages_name_the_stage() -> None:
    [refusal] = check_move(Facts(NEW), Move("awaiting_safety_check", "coordinator"))
    assert refusal.message == (
        'A new connection starts at "identified" or "located", not at "awaiting safety check".'
    )


@pytest.mark.parametrize(
    ("history", "expected"),
    [((), None), (IDENTIFIED, "identified"), (RECHECK, "awaiting_safety_check")],
)
def test_current_stage(history: tuple[Stage, ...], expected: Stage | None) -> None:
    assert current_stage(history) == expected


def test_stages() -> None:
    assert STAGES[:3] == ("identified", "located", "awaiting_safety_check")
    assert STAGES[-1] == "in_plan"
    assert len(STAGES) == 12
    assert frozenset(STAGES[5:]) == APPROACH_STAGES
    assert STAGES[5] == "young_person_agreed"


@pytest.mark.parametrize(
    ("person", "side", "maternal", "paternal", "holds"),
    [
        # The wish about the person holds over the wish about their side, either way round.
        ("want_contact", "paternal", None, "never", "want_contact"),
        ("never", "maternal", "want_contact", None, "never"),
        # Otherwise the side's wish; related on both sides, the more cautious of the two.
        (None, "paternal", None, "not_now", "not_now"),
        (None, "maternal", None, "not_now", None),
        (None, "both", "want_contact", "never", "never"),
        (None, "both", "not_now", "want_contact", "not_now"),
        # A person on no known side (a descendant, a family friend) has only their own wish
        # (anyone whose side is not known is on both for wishes: `wish_sides`).
        (None, "unknown", "never", "never", None),
        (None, None, "never", "never", None),
    ],
)
def test_effective_wish(
    person: Wish | None, side: str | None, maternal: Wish | None, paternal: Wish | None,
    holds: Wish | None,
) -> None:  # fmt: skip
    assert effective_wish(person, side, maternal, paternal) == holds


def test_shared_thresholds() -> None:
    assert {"never", "not_now"} == KEEP_AWAY
    assert LAPSED_AFTER_MONTHS == 6
    assert lapse_days() == 183
    assert lapse_days(12) == 365
    flagged = Facts(history=CHECKING, flagged=("uncle",))
    refusals = check_move(flagged, Move("approved", "social_worker"))
    assert [r.rule for r in refusals] == ["flagged"]
    assert f"level-{BLOCKING_FLAG_LEVEL} safety flag" in refusals[0].message


def test_a_flags_level_is_said_to_those_who_decide() -> None:
    flagged = Facts(history=WILLING, flagged=("uncle",))
    detailed = f"an active level-{BLOCKING_FLAG_LEVEL} safety flag"
    told: list[tuple[Role, str]] = [
        ("coordinator", "a safety flag that keeps this person away"),
        ("social_worker", detailed),
        ("manager", detailed),
    ]
    for role, said in told:
        [refusal] = check_invitation(flagged, role)
        whose = () if role == "coordinator" else ("uncle",)
        assert (refusal.rule, refusal.people) == ("flagged", whose)
        assert said in refusal.message
    # Asking to invite someone not yet approved and willing tells a coordinator nothing of the
    # household; a social worker is told everything that stands in the way.
    early = Facts(history=CHECKING, flagged=("uncle",))
    assert "flagged" not in {r.rule for r in check_invitation(early, "coordinator")}
    assert "flagged" in {r.rule for r in check_invitation(early, "social_worker")}
    # The plan (household_now), read by every role, never says the level.
    [held] = household_now([["uncle", ["flag:f1"], []]])
    assert "level" not in held.message
    assert "a safety flag that keeps this person away" in held.message


def test_who_may_not_approve_is_not_told_what_would_block_it() -> None:
    # A coordinator asking to approve is refused for the role alone: the household's flag (its
    # level, whose it is) and order are for the social worker and the manager who decide.
    risky = Facts(history=CHECKING, flagged=("uncle",), restricted_by_order=("aunt",))
    [refusal] = check_move(risky, Move("approved", "coordinator"))
    assert (refusal.rule, refusal.people) == ("decision_role", ())
    assert "flag" not in refusal.message
    assert "order" not in refusal.message
    for role in ("social_worker", "manager"):
        told = check_move(risky, Move("approved", role))
        assert [(r.rule, r.people) for r in told] == [
            ("flagged", ("uncle",)),
            ("court_order", ("aunt",)),
        ]


TODAY = date(2026, 12, 5)
WEEKLY_FROM_JUNE = ("2026-06-01", 7)


@pytest.mark.parametrize(
    ("stage", "last", "commitment", "lapse"),
    [
        # Without a commitment: the threshold (183 days) from the last contact, strictly over.
        ("in_plan", "2026-06-05", None, None),  # 183 days: not over
        ("in_plan", "2026-06-04", None, (184, 183)),
        ("willing", None, None, None),  # never in contact: nothing to lapse from
        # A commitment in force: its interval from the last contact...
        ("in_plan", "2026-11-25", WEEKLY_FROM_JUNE, (10, 7)),
        ("in_plan", "2026-11-30", WEEKLY_FROM_JUNE, None),  # 5 days of 7
        # ... or from its start, when nothing has happened since.
        ("in_plan", "2026-01-10", ("2026-11-20", 7), (15, 7)),
        ("in_plan", None, ("2026-12-01", 7), None),  # 4 days of 7
        # A commitment that says no interval has the threshold's.
        ("in_plan", "2026-06-04", ("2026-01-01", None), (184, 183)),
        # Refused and declined connections never lapse, nor one awaiting a safety check (again,
        # after a withdrawn approval: not to be contacted until it is made), nor one without a
        # stage.
        ("not_approved", "2020-01-01", None, None),
        ("awaiting_safety_check", "2020-01-01", WEEKLY_FROM_JUNE, None),
        ("approved", "2020-01-01", None, (2530, 183)),  # approved again: contact may resume
        ("declined", "2020-01-01", WEEKLY_FROM_JUNE, None),
        (None, "2020-01-01", None, None),
        # A commitment counts only once the young person agreed to the approach, as one is
        # agreed only then (`check_commitment`): before a safety check, or approved again
        # after a withdrawn approval and not yet agreed again, a contact had lapses by the
        # threshold alone (a second reader).
        ("identified", None, WEEKLY_FROM_JUNE, None),
        ("located", "2026-11-20", WEEKLY_FROM_JUNE, None),
        ("located", "2026-01-10", WEEKLY_FROM_JUNE, (329, 183)),
        ("approved", None, WEEKLY_FROM_JUNE, None),
        ("approved", "2026-11-20", WEEKLY_FROM_JUNE, None),
        ("young_person_agreed", None, WEEKLY_FROM_JUNE, (187, 7)),
    ],
)
def test_when_contact_with_a_connection_has_lapsed(
    stage: str | None, last: str | None, commitment: tuple[str, int | None] | None,
    lapse: tuple[int, int] | None,
) -> None:  # fmt: skip
    found = connection_lapse(stage, last, commitment, today=TODAY, threshold_days=183)
    if lapse is None:
        assert found is None
    else:
        assert found is not None
        assert (found.days_since, found.allowed_days) == lapse
        assert found.overdue_days == lapse[0] - lapse[1]


@pytest.mark.parametrize(
    ("until", "last", "days"),
    [
        ("2026-01-01", None, 338),  # ended, never heard from since
        ("2026", None, 338),  # a year alone counts from its first day
        ("2025-06", "2026-03-01", 279),  # the last contact after the end counts
        ("2026-03-01", "2025-01-01", 279),  # ... one before it does not
        ("2026-11-01", None, None),  # ended 34 days ago: within the threshold
        ("2026-12-05", None, None),  # ends today: not yet former
        ("2027-01-01", None, None),
        (None, None, None),  # a current role
    ],
)
def test_when_a_former_carer_teacher_or_worker_has_lapsed(
    until: str | None, last: str | None, days: int | None
) -> None:
    found = former_role_lapse(until, last, today=TODAY, threshold_days=183)
    if days is None:
        assert found is None
    else:
        assert found is not None
        assert (found.days_since, found.allowed_days) == (days, 183)


@pytest.mark.parametrize("stage", ["not_approved", "declined", "awaiting_safety_check"])
def test_a_former_carer_refused_declined_or_being_checked_is_not_overdue(stage: str) -> None:
    assert (
        former_role_lapse("2026-01-01", None, today=TODAY, threshold_days=183, stage=stage) is None
    )
    again = former_role_lapse("2026-01-01", None, today=TODAY, threshold_days=183, stage="approved")
    assert again is not None


IN_PLAN = (*ATTENDED, "in_plan")
FATHER_FLAG = (("p-father", "flag:f1"),)
ORDERS = (("p-aunt", "order:o1"), ("p-partner", "order:o2"))
# Approved again after a refusal was withdrawn, but not yet willing since that approval.
WILLING_THEN_RECHECKED = (*WILLING, "not_approved", "awaiting_safety_check", "approved",
                          "young_person_agreed")  # fmt: skip
# Declined, then checked, approved and asked again.
DECLINED_THEN_ASKED_AGAIN = (*WILLING, "declined", "awaiting_safety_check", "approved",
                             "young_person_agreed", "contacted")  # fmt: skip


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # Willing, invited to an earlier event, came, in the plan: all may be invited.
        (Facts(WILLING), []),
        # Declined, and asked again after a new check: invited once willing again, not before.
        (Facts((*DECLINED_THEN_ASKED_AGAIN, "willing")), []),
        (Facts(DECLINED_THEN_ASKED_AGAIN), ["needs_willing"]),
        (Facts((*WILLING, "declined")), ["needs_willing"]),
        (Facts((*WILLING, "invited")), []),
        (Facts(ATTENDED), []),
        (Facts(IN_PLAN), []),
        # Not yet asked, not yet willing, declined.
        (Facts(IDENTIFIED), ["needs_approval", "needs_agreement", "needs_willing"]),
        (Facts(CONTACTED), ["needs_willing"]),
        (Facts(DECLINED), ["needs_willing"]),
        # Willing before a refusal does not count after the new approval.
        (Facts(WILLING_THEN_RECHECKED), ["needs_willing"]),
        (Facts(WITHDRAWN), ["needs_approval", "needs_agreement", "needs_willing"]),
        # The young person's wishes, whatever stage the person reached.
        (Facts(IN_PLAN, wish="never"), ["wish_never"]),
        (Facts(WILLING, wish="not_now"), ["wish_not_now"]),
        (Facts(WILLING, wish="want_contact"), []),
        # A flag or an order in the household since the approval keeps them away...
        (Facts(WILLING, flagged=ONE), ["flagged"]),
        (Facts(ATTENDED, restricted_by_order=TWO), ["court_order"]),
        # ...unless the approval was a manager's override of those very flags and orders...
        (Facts(WILLING, flagged=ONE, risks=FATHER_FLAG, overridden=("flag:f1",)), []),
        (
            Facts(
                WILLING, restricted_by_order=TWO, risks=ORDERS, overridden=("order:o1", "order:o2")
            ),
            [],
        ),
        # ...but never of one that came since, even on the same person...
        (
            Facts(
                WILLING,
                flagged=ONE,
                restricted_by_order=ONE,
                risks=(*FATHER_FLAG, ("p-father", "order:o3")),
                overridden=("flag:f1",),
            ),
            ["court_order"],
        ),
        (
            Facts(
                WILLING,
                flagged=ONE,
                risks=(*FATHER_FLAG, ("p-father", "flag:f2")),
                overridden=("flag:f1",),
            ),
            ["flagged"],
        ),
        (
            Facts(WILLING, restricted_by_order=TWO, risks=ORDERS, overridden=("order:o1",)),
            ["court_order"],
        ),
        # ...and nothing is waived where nothing says which flag it was.
        (Facts(WILLING, flagged=ONE, overridden=("flag:f1",)), ["flagged"]),
        # An override never outweighs the young person's wish.
        (
            Facts(WILLING, flagged=ONE, risks=FATHER_FLAG, overridden=("flag:f1",), wish="never"),
            ["wish_never"],
        ),
    ],
)
def test_who_may_be_invited(facts: Facts, expected: list[Rule]) -> None:
    for role in ("coordinator", "social_worker", "manager"):
        assert [r.rule for r in check_invitation(facts, role)] == expected


def test_an_invitation_refusal_names_the_people_and_the_stage() -> None:
    (flagged,) = check_invitation(Facts(WILLING, flagged=TWO), "social_worker")
    assert flagged.people == TWO
    assert "2 people" in flagged.message
    assert "new safety check" in flagged.message
    # The coordinator is told how many, not who: whose flag it is goes with what it is.
    (told,) = check_invitation(Facts(WILLING, flagged=TWO), "coordinator")
    assert (told.rule, told.people) == ("flagged", ())
    assert "2 people" in told.message
    (willing,) = check_invitation(Facts(CONTACTED), "coordinator")
    assert '"contacted"' in willing.message


@pytest.mark.parametrize(
    ("facts", "role", "expected"),
    [
        # Never checked, or checked and not approved: nothing is agreed with them.
        (Facts(IDENTIFIED), CO, ["needs_approval", "needs_agreement"]),
        (Facts(CHECKING), SW, ["needs_approval", "needs_agreement"]),
        (Facts(WITHDRAWN), MG, ["needs_approval", "needs_agreement"]),
        (Facts(RECHECK), CO, ["needs_approval", "needs_agreement"]),
        # Approved, but the young person has not agreed to the approach.
        (Facts(APPROVED), SW, ["needs_agreement"]),
        (Facts(AGREED), CO, []),
        (Facts(CONTACTED), CO, []),
        (Facts(ATTENDED), SW, []),
        (Facts((*ATTENDED, "in_plan")), CO, []),
        # Nothing follows a decline (a second reader: a plan's promise was taken from him).
        (Facts(DECLINED), CO, ["no_going_back"]),
        # The young person's wish, whoever asks.
        (Facts((*ATTENDED, "in_plan"), wish="never"), MG, ["wish_never"]),
        (Facts(WILLING, wish="not_now"), CO, ["wish_not_now"]),
        # A flag in the household since the approval, told as an invitation tells it.
        (Facts(WILLING, flagged=ONE, risks=FATHER_FLAG), SW, ["flagged"]),
        (Facts(WILLING, flagged=ONE, risks=FATHER_FLAG), CO, ["flagged"]),
        (Facts(WILLING, flagged=ONE, risks=FATHER_FLAG, overridden=("flag:f1",)), CO, []),
        # To a coordinator, the flag only when nothing else stands in the way.
        (
            Facts(IDENTIFIED, flagged=ONE, risks=FATHER_FLAG),
            CO,
            ["needs_approval", "needs_agreement"],
        ),
        (
            Facts(IDENTIFIED, flagged=ONE, risks=FATHER_FLAG),
            SW,
            ["needs_approval", "needs_agreement", "flagged"],
        ),
    ],
)
def test_a_commitment_is_agreed_only_with_someone_the_young_person_may_be_in_touch_with(
    facts: Facts, role: Role, expected: list[Rule]
) -> None:
    assert [r.rule for r in check_commitment(facts, role)] == expected


@pytest.mark.parametrize(
    ("facts", "target", "role", "expected"),
    [
        # The approval overrode that very flag: the approach goes on.
        (Facts(AGREED, flagged=ONE, risks=FATHER_FLAG, overridden=("flag:f1",)),
         "contacted", CO, []),
        # A flag since, even on the same person, stops it until a new safety check.
        (Facts(AGREED, flagged=ONE, risks=(*FATHER_FLAG, ("p-father", "flag:f2")),
               overridden=("flag:f1",)), "contacted", CO, ["flagged"]),
        (Facts(ATTENDED, restricted_by_order=TWO, risks=ORDERS, overridden=("order:o1",)),
         "in_plan", MG, ["court_order"]),
        (Facts((*WILLING, "invited"), flagged=ONE), "attended", CO, ["flagged"]),
        # The approval can be withdrawn from every stage of the approach.
        *[(Facts(history, flagged=ONE), "not_approved", SW, []) for history in
          (AGREED, CONTACTED, WILLING, (*WILLING, "invited"), ATTENDED, IN_PLAN)],
        # A coordinator asking for a move the stages refuse anyway is not told of the flag; a
        # social worker, who decides on contact, is told everything.
        (Facts(APPROVED, flagged=ONE), "contacted", CO, ["needs_agreement"]),
        (Facts(APPROVED, flagged=ONE), "contacted", SW, ["needs_agreement", "flagged"]),
        # The young person's wish still comes first, in the order of the rules.
        (Facts(AGREED, flagged=ONE, wish="not_now"), "contacted", SW, ["flagged", "wish_not_now"]),
    ],
)  # fmt: skip
def test_a_flag_since_the_approval_stops_the_approach(
    facts: Facts, target: Stage, role: Role, expected: list[Rule]
) -> None:
    reason = "a flag since the approval" if target == "not_approved" else None
    assert [r.rule for r in check_move(facts, Move(target, role, reason=reason))] == expected


def test_a_flag_since_the_approval_is_worded_for_who_asks() -> None:
    facts = Facts(AGREED, flagged=TWO)
    (worker,) = check_move(facts, Move("contacted", "social_worker"))
    assert worker.people == TWO
    assert "level-3" in worker.message
    assert "new safety check" in worker.message
    (coordinator,) = check_move(facts, Move("contacted", "coordinator"))
    assert coordinator.people == ()
    assert "level" not in coordinator.message
    assert "2 people in this person's household have a safety flag that keeps this person away" in (
        coordinator.message
    )


@pytest.mark.parametrize(
    ("history", "level", "overridden", "held"),
    [
        (APPROVED, 3, (), True),
        (CONTACTED, 3, (), True),
        (IN_PLAN, 3, (), True),
        (CONTACTED, 2, (), False),  # below the blocking level
        (CHECKING, 3, (), False),  # no approval yet: the check will see the flag
        (REFUSED, 3, (), False),
        (WITHDRAWN, 3, (), False),
        (DECLINED, 3, (), False),  # nothing follows a decline
        # A flag set back to active: an approval that overrode this very flag stands...
        (CONTACTED, 3, ("flag:f1",), False),
        # ...one that overrode another does not.
        (CONTACTED, 3, ("flag:f2", "order:o1"), True),
    ],
)
def test_which_connections_a_flag_holds_back(
    history: tuple[Stage, ...], level: int, overridden: tuple[str, ...], held: bool
) -> None:
    assert held_back_by_a_flag(history, level, "flag:f1", overridden) is held


def test_held_from_contact() -> None:
    """Whom nobody is to get in touch with now: a wish that keeps them away, or a flag or an
    order in their household that their approval did not override (/lapsed leaves them out)."""
    flagged = [["lee", ["flag:1"], []]]
    assert held_from_contact("never", [])
    assert held_from_contact("not_now", [])
    assert not held_from_contact("want_contact", [])
    assert not held_from_contact(None, [["ann", [], []]])
    assert held_from_contact(None, flagged)
    assert not held_from_contact(None, flagged, ["flag:1"])
    assert held_from_contact(None, [*flagged, ["ann", [], ["order:2"]]], ["flag:1"])


def test_an_approval_from_before_a_decline_does_not_stand_while_the_new_check_is_awaited() -> None:
    """A second reader: declined and sent back for a new safety check, a person was contacted,
    given a commitment and shown as overdue on the old approval and the young person's old
    agreement, and a new flag listed them as someone whose approval stands."""
    waiting: tuple[Stage, ...] = (*WILLING, "declined", "awaiting_safety_check")
    assert {r.rule for r in check_commitment(Facts(waiting), "coordinator")} >= {
        "needs_approval", "needs_agreement"}  # fmt: skip
    assert not held_back_by_a_flag(waiting, BLOCKING_FLAG_LEVEL, "flag:f1")
    overridden = Facts(waiting, overridden=("flag:f1",))
    assert "needs_approval" in {
        r.rule for r in check_move(overridden, Move("contacted", "manager"))
    }
    # Approved and agreed again, they are: the new approval's.
    again: tuple[Stage, ...] = (*waiting, "approved", "young_person_agreed")
    assert check_commitment(Facts(again), "coordinator") == []
    assert held_back_by_a_flag(again, BLOCKING_FLAG_LEVEL, "flag:f1")


def test_a_flag_is_due_for_review_on_its_review_date_and_after_its_expiry() -> None:
    """Nothing listed flags due for review: a flag past its expiry date stayed active, holding
    people back, and nobody was told to look at it again. The calendar never retires a flag;
    it puts it on the list: `review` from its review date, `expired` from the day after its
    expiry date (which says more, so it wins), and nothing for a flag no longer active."""
    today = date(2026, 12, 7)
    assert flag_due("active", "2026-12-08", None, today) is None
    assert flag_due("active", "2026-12-07", None, today) == "review"
    assert flag_due("active", "2026-06-01", "2026-12-07", today) == "review"
    assert flag_due("active", "2027-06-01", "2026-12-06", today) == "expired"
    assert flag_due("active", "2026-06-01", "2026-12-06", today) == "expired"
    assert flag_due("active", None, None, today) is None
    for status in ("withdrawn", "expired"):
        assert flag_due(status, "2026-01-01", "2026-02-01", today) is None


def test_people_counted_not_named_are_told_apart() -> None:
    """A second reader: two people in a household whom the case does not hold, one flag
    overridden by the approval and a new one on the other, were taken for one person, and the
    refusal counted both. They are numbered, and only the new flag's holder counts."""
    rows = [["someone the case does not hold", ["flag:a"], []],
            ["someone the case does not hold", ["flag:b"], []], ["aunt", [], []]]  # fmt: skip
    [held] = household_now(rows, overridden=["flag:a"])
    assert held.people == ("someone the case does not hold (2)",)
    assert held.message.startswith("1 person in this person's household")
    assert household_now(rows, overridden=["flag:a", "flag:b"]) == []
    # One alone keeps its words.
    [alone] = household_now([["a child known to the council", ["flag:c"], []]])
    assert alone.people == ("a child known to the council",)
