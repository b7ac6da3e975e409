"""What a new tie between two people may not contradict in what is already recorded: the rules
`service.data.relationships` applies before writing one. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence


def sibling_tie_conflict(
    half: bool,
    ancestor: bool,
    parents: tuple[Sequence[tuple[str, str | None]], Sequence[tuple[str, str | None]]],
) -> str | None:
    """Why a sibling tie between two people cannot be recorded as it is, or None: one is the
    other's ancestor, or their recorded birth parents ((id, sex) each) say otherwise than the
    tie (a second reader recorded a young person as her own mother's sister, and two children
    of different mothers as full siblings, and both were taken). `ancestor`: by birth links
    alone (an older sister who is a foster carer or special guardian is a sister too: a later
    reader could not record her so)."""
    if ancestor:
        return "One of them is recorded as the other's ancestor: they cannot also be siblings."
    mine, theirs = ({pid for pid, _ in p} for p in parents)
    shared = len(mine & theirs)
    if len(mine) == 2 and len(theirs) == 2:
        if shared == 0:
            return ("They share no recorded birth parent: correct their parents, or record how "
                    "they are tied another way.")  # fmt: skip
        if shared == 1 and not half:
            return "They share one recorded birth parent: record a half-sibling tie."
        if shared == 2 and half:
            return "They share both recorded birth parents: record a full sibling tie."
    if not half:
        # A mother each, or a father each, and not the same one.
        for sex in ("female", "male"):
            one = {pid for pid, s in parents[0] if s == sex}
            other = {pid for pid, s in parents[1] if s == sex}
            if one and other and not one & other:
                word = "mothers" if sex == "female" else "fathers"
                return (f"Their recorded birth {word} differ: they cannot be full siblings; "
                        "record a half-sibling tie, or correct their parents.")  # fmt: skip
    return None
