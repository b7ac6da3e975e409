"""Where each person on a young person's map stands to them (service.data.network): the
group they are coloured by, the words for their relation, their generation and how far out they
sit; and how strong the young person's tie with a connection or trusted adult is drawn. Worked
out from what `network.load` read, with no I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from service.data.network_graph import Group
from service.data.relationships import Strength
from service.kinship import ROLE_WORDS, Kind

# Connections at these stages are in touch; their tie is strong unless contact has lapsed.
_IN_TOUCH: frozenset[str] = frozenset({"willing", "invited", "attended", "in_plan"})


def group_of(side: str | None) -> Group:
    """A relative's group on the map, by their side."""
    if side in ("maternal", "paternal"):
        return "maternal" if side == "maternal" else "paternal"
    return "both"


def ended(until: str | None, today: str) -> bool:
    return until is not None and until < today


def tie_strength(trusted: dict[str, Any] | None, stage: str | None, lapsed: bool) -> Strength:
    if trusted is not None and trusted.get("strength"):
        declared: Strength = trusted["strength"]
        return "tenuous" if lapsed else declared
    if lapsed:
        return "tenuous"
    return "strong" if stage in _IN_TOUCH else "moderate"


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a person stands to the young person: how they are coloured, named and placed."""

    group: Group
    relation: str
    generation: int
    ring: int
    side: str  # where the layout puts them: maternal, paternal, both, none, other, centre
    kind: Kind | None = None


_PARTNER_WORDS = {
    "married": "spouse",
    "civil_partnership": "civil partner",
    "cohabiting": "partner",
    "separated": "separated partner",
    "divorced": "former spouse",
    "unknown": "partner",  # status not recorded: counted as current
}


def relative_standing(relative: dict[str, Any]) -> Standing:
    """A relative's, from their row (`relatives.named_rows`)."""
    return _standing_of(
        relative["side"], relative["generations_up"], relative["generations_down"],
        relative["term"], relative["kind"],
    )  # fmt: skip


# Standings repeat (every maternal first cousin stands alike) and never change: each is made
# once (a frozen dataclass is slow to make, and a map makes one for each of hundreds).
@lru_cache(maxsize=1024)
def _standing_of(side: str | None, up: int, down: int, term: str, kind: Kind | None) -> Standing:
    group = group_of(side)
    return Standing(
        group=group,
        relation=term,
        generation=down - up,
        ring=max(up + down, 1),
        side="none" if side is None else group,
        kind=kind,
    )


_PARENT_WORDS = {"adoptive": "adoptive {}", "step": "step-{}", "foster": "foster carer",
                 "birth": "{}"}  # fmt: skip


def kin_standing(kin: dict[str, Any], anchor: Standing, sex: str) -> Standing:
    """A relative's other parent or partner who is not a relative: their place follows the
    relative's ("former spouse of the maternal grandmother")."""
    if kin["type"] == "child":  # of a partner of the young person
        word = {"female": "daughter", "male": "son"}.get(sex, "child")
        word = f"adopted {word}" if kin.get("kind") == "adoptive" else word
        return Standing(
            group="other",
            relation=f"{word} of the {anchor.relation}",
            generation=anchor.generation + 1,
            ring=anchor.ring + 1,
            side="other",
        )
    if kin["type"] == "parent":
        word = {"female": "mother", "male": "father"}.get(sex, "parent")
        # A parent by another link is said as that link is (a second reader: a cousin's foster
        # carer was "mother of the maternal first cousin", a step-mother "mother of the
        # half-brother", while her path said step-mother).
        word = _PARENT_WORDS.get(kin.get("kind") or "birth", "{}").format(word)
        generation = anchor.generation - 1
    else:
        word = _PARTNER_WORDS.get(kin["kind"] or "", "partner")
        generation = anchor.generation
    mine = anchor.group == "young_person"
    return Standing(
        group=anchor.group if not mine else "other",
        relation=word if mine else f"{word} of the {anchor.relation}",
        generation=generation,
        ring=anchor.ring + 1,
        side=anchor.side if anchor.side != "centre" else "none",
    )


def adult_standing(trusted: dict[str, Any] | None) -> Standing:
    if trusted is None:
        return _adult_as("connection")
    role = ROLE_WORDS.get(trusted.get("role") or "other", "trusted adult")
    return _adult_as(role if trusted.get("until") is None else f"former {role}")


@lru_cache(maxsize=256)
def _adult_as(relation: str) -> Standing:
    return Standing(group="other", relation=relation, generation=0, ring=1, side="other")


CENTRE = Standing(group="young_person", relation="young person", generation=0, ring=0,
                    side="centre")  # fmt: skip
