"""The words of the work: the stages a connection moves through, the young person's wishes, the
roles that move them, the rules a move can break, and the kinds of safety flag with the level
that blocks an approval. Pure: no I/O."""

from __future__ import annotations

from typing import Literal, get_args

Stage = Literal[
    "identified",
    "located",
    "awaiting_safety_check",
    "approved",
    "not_approved",
    "young_person_agreed",
    "contacted",
    "willing",
    "declined",
    "invited",
    "attended",
    "in_plan",
]
Wish = Literal["want_contact", "not_now", "never"]
Role = Literal["coordinator", "social_worker", "manager"]
Rule = Literal[
    "order",
    "no_going_back",
    "decision_role",
    "reason_required",
    "needs_approval",
    "needs_agreement",
    "flagged",
    "court_order",
    "override_role",
    "wish_never",
    "wish_not_now",
    "needs_willing",
    "apart_by_order",
]

STAGES: tuple[Stage, ...] = get_args(Stage)


# The kinds of safety flag, and how each is said.
FlagKind = Literal[
    "person_posing_risk_to_children",  # formerly "Schedule 1 offender"
    "mappa_managed_offender",
    "finding_of_fact",
    "child_protection_enquiry",
    "domestic_abuse_perpetrator",
    "hazard_to_staff",
    "allegation",
    "other",
]
FLAG_WORDS = {
    "person_posing_risk_to_children": "person posing a risk to children",
    "mappa_managed_offender": "MAPPA-managed offender",
    "finding_of_fact": "finding of fact",
    "child_protection_enquiry": "substantiated child protection enquiry",
    "domestic_abuse_perpetrator": "domestic abuse perpetrator",
    "hazard_to_staff": "hazard to staff",
    "allegation": "allegation",
    "other": "other concern",
}

# An active safety flag at this level or above, on the person or anyone living with them,
# blocks their approval after a safety check (a manager may override in writing).
BLOCKING_FLAG_LEVEL = 3

APPROACH_STAGES: frozenset[Stage] = frozenset(STAGES[STAGES.index("young_person_agreed") :])
# The safety decisions, which only a social worker or a manager makes: their reasons say what a
# check found.
DECISIONS: frozenset[Stage] = frozenset({"approved", "not_approved"})
