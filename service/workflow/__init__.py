"""The rules of the work, and the rules other parts of the service share: each lives once, here.

- `terms`: the stages, wishes, roles and rules, the kinds of safety flag and the level that
  blocks an approval (`BLOCKING_FLAG_LEVEL`);
- `stages`: moving a connection through the stages (`check_move`), inviting them to the event
  (`check_invitation`), agreeing to keep in touch (`check_commitment`), and what a flag in the
  household holds back;
- `wishes`: which of the young person's wishes holds for a person (`effective_wish`);
- `lapse`: when contact has lapsed (`LAPSED_AFTER_MONTHS`, `connection_lapse`,
  `former_role_lapse`);
- `reviews`: when a safety flag is due for a worker's review (`flag_due`).

Every module is pure: no I/O and nothing from the rest of the project. The caller gathers the
facts (the history, active flags at the blocking level, court orders, the young person's
wishes) and records the move; these modules only decide.
"""

from service.workflow.lapse import (
    LAPSED_AFTER_MONTHS,
    NOT_IN_CONTACT,
    Lapse,
    connection_lapse,
    former_role_lapse,
    lapse_days,
)
from service.workflow.reviews import Due, flag_due
from service.workflow.stages import (
    INVITABLE_STAGES,
    Facts,
    Move,
    Refusal,
    check_apart,
    check_commitment,
    check_invitation,
    check_move,
    current_stage,
    held_back_by_a_flag,
    held_from_contact,
    household,
    household_now,
    kept_away_now,
    overrides,
)
from service.workflow.terms import (
    APPROACH_STAGES,
    BLOCKING_FLAG_LEVEL,
    DECISIONS,
    FLAG_WORDS,
    STAGES,
    FlagKind,
    Role,
    Rule,
    Stage,
    Wish,
)
from service.workflow.wishes import CAUTIOUS_FIRST, KEEP_AWAY, WISH_WORDS, effective_wish

__all__ = [
    "APPROACH_STAGES",
    "BLOCKING_FLAG_LEVEL",
    "CAUTIOUS_FIRST",
    "DECISIONS",
    "FLAG_WORDS",
    "INVITABLE_STAGES",
    "KEEP_AWAY",
    "LAPSED_AFTER_MONTHS",
    "NOT_IN_CONTACT",
    "STAGES",
    "WISH_WORDS",
    "Due",
    "Facts",
    "FlagKind",
    "Lapse",
    "Move",
    "Refusal",
    "Role",
    "Rule",
    "Stage",
    "Wish",
    "check_apart",
    "check_commitment",
    "check_invitation",
    "check_move",
    "connection_lapse",
    "current_stage",
    "effective_wish",
    "flag_due",
    "former_role_lapse",
    "held_back_by_a_flag",
    "held_from_contact",
    "household",
    "household_now",
    "kept_away_now",
    "lapse_days",
    "overrides",
]
