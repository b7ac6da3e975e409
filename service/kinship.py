"""Name a relative the way a British social worker would, from their place in the family tree.

`display_name` is how a person's own name is shown, with the name they are known by.

`kinship_term(ga, gb, sex, ...)` turns two generation counts into words: Ga is how many
generations the young person goes up to the closest common ancestor, Gb how many the relative goes
up to the same ancestor. So (1, 0) is a parent, (1, 1) a sibling, (2, 1) an aunt or uncle, (3, 3) a
second cousin and (2, 3) a first cousin once removed. The side ("maternal", "paternal") comes
first, then the kind of relationship when it is not by birth: "maternal step-grandmother",
"adoptive brother", "paternal aunt by marriage". `ordinal` and `times_removed` are the cousin
words on their own.

The module is pure: no I/O and nothing from the rest of the project, so it can be used anywhere and
tested as a plain table.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, get_args

Sex = Literal["female", "male", "unknown"]
Side = Literal["maternal", "paternal", "both", "unknown"]
Kind = Literal["birth", "step", "adoptive", "by_marriage"]

__all__ = ["Kind", "Sex", "Side", "display_name", "kinship_term", "ordinal", "times_removed"]


def display_name(given: str | None, family: str | None, known_as: str | None) -> str:
    """A person's name as shown everywhere: given and family names, then the name they are
    known by in brackets unless it is their given name ("Margaret Marlow (Maggie)"); the name
    known by alone when there is no other."""
    name = " ".join(part for part in (given, family) if part)
    if known_as and known_as != given:
        name = f"{name} ({known_as})" if name else known_as
    return name or "(name not known)"


_ORDINAL_WORDS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
# "once" and "twice" are the only irregular counts; the rest read "<n> times".
_COUNT_WORDS = ("once", "twice", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def ordinal(n: int) -> str:
    """Return the ordinal of `n` >= 1: a word up to "tenth", then "11th", "21st", "112th"..."""
    if n < 1:
        raise ValueError(f"ordinal needs n >= 1, got {n}")
    if n <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n - 1]
    # 11, 12 and 13 (and 111, 212...) take "th" although they end in 1, 2 and 3.
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def times_removed(n: int) -> str:
    """Return how far a cousin is removed: "" for 0, "once removed", ..., "11 times removed"."""
    if n < 0:
        raise ValueError(f"times_removed needs n >= 0, got {n}")
    if n == 0:
        return ""
    if n <= 2:
        return f"{_COUNT_WORDS[n - 1]} removed"
    count = _COUNT_WORDS[n - 1] if n <= len(_COUNT_WORDS) else str(n)
    return f"{count} times removed"


def _greats(n: int) -> str:
    """Return the "great-" prefix for `n` greats; from three on it is counted ("3x great-")."""
    if n <= 2:
        return "great-" * n
    return f"{n}x great-"


def _by_sex(sex: Sex, female: str, male: str, neutral: str | None = None) -> list[str]:
    """The word for `sex`; with sex unknown, the neutral word or, lacking one, both words.

    A list rather than "niece or nephew" already joined, so that prefixes such as "great-" and
    "half-" can go on each word ("great-niece or great-nephew", not "great-niece or nephew").
    """
    if sex == "female":
        return [female]
    if sex == "male":
        return [male]
    return [neutral] if neutral is not None else [female, male]


def _birth_words(ga: int, gb: int, sex: Sex, half: bool) -> list[str]:
    """The birth relationship at (ga, gb), one word per alternative, "half" applied."""
    if gb == 0:
        # Ancestors: half does not apply (nobody has a half-mother).
        words = _by_sex(sex, "mother", "father", "parent")
        return words if ga == 1 else [_greats(ga - 2) + "grand" + w for w in words]
    if ga == 0:
        words = _by_sex(sex, "daughter", "son", "child")
        return words if gb == 1 else [_greats(gb - 2) + "grand" + w for w in words]
    if ga >= 2 and gb >= 2:
        # Cousins are sex-neutral, and "half" stays a separate word before the ordinal.
        cousin = f"{ordinal(min(ga, gb) - 1)} cousin"
        removed = times_removed(abs(ga - gb))
        word = f"{cousin} {removed}" if removed else cousin
        return [f"half {word}" if half else word]
    if ga == 1 and gb == 1:
        words = _by_sex(sex, "sister", "brother", "sibling")
    elif ga == 1:
        words = [_greats(gb - 2) + w for w in _by_sex(sex, "niece", "nephew")]
    else:
        words = [_greats(ga - 2) + w for w in _by_sex(sex, "aunt", "uncle")]
    return [f"half-{w}" for w in words] if half else words


def _takes_side(ga: int, gb: int, half: bool, kind: Kind) -> bool:
    """Whether a "maternal"/"paternal" prefix belongs on the relative at (ga, gb).

    A parent is the side itself, a young person's own children are on neither side, and a full
    birth sibling shares both parents, so the prefix would mislead. A half-sibling belongs to the
    side of the shared parent. Step, adoptive and in-law siblings are named as a household names
    them ("step-brother", "sister-in-law"); the `side` field still says which parent leads there.
    """
    if ga == 0 or (ga, gb) == (1, 0):
        return False
    if (ga, gb) == (1, 1):
        return kind == "birth" and half
    return True


def _check(name: str, value: str, allowed: object) -> None:
    # Values often come from the database as plain strings, which the type checker cannot vouch for.
    options = get_args(allowed)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}, got {value!r}")


# Names repeat endlessly (every first cousin is a first cousin): compute each once.
@lru_cache(maxsize=4096)
def kinship_term(
    ga: int,
    gb: int,
    sex: Sex,
    *,
    half: bool = False,
    side: Side | None = None,
    kind: Kind = "birth",
) -> str:
    """Name a relative from the generation counts Ga and Gb: (2, 1) with sex "female" is "aunt".

    `half` marks a relative through one shared parent only; it applies to siblings, nieces and
    nephews, aunts and uncles and cousins, and is ignored elsewhere and for relatives not by birth.
    `side` is prefixed when "maternal" or "paternal", except for parents, descendants and full
    siblings. `kind` labels relatives not by birth: "step", "adoptive" or "by_marriage" (a
    relative's partner). Raises ValueError for negative generations, for (0, 0) (the young person
    themself) and for a sex, side or kind outside its Literal.
    """
    if ga < 0 or gb < 0:
        raise ValueError(f"generations must not be negative, got ga={ga}, gb={gb}")
    if ga == gb == 0:
        raise ValueError("ga == gb == 0 is the young person themself, not a relative")
    _check("sex", sex, Sex)
    _check("kind", kind, Kind)
    if side is not None:
        _check("side", side, Side)

    # Half describes a blood tie; a step, adoptive or in-law relative has none to halve.
    birth = _birth_words(ga, gb, sex, half and kind == "birth")
    # By marriage, a parent's or grandparent's partner is a step-parent or step-grandparent.
    if kind == "step" or (kind == "by_marriage" and (ga, gb) in ((1, 0), (2, 0))):
        # A step-cousin, as people say it, not a "step-first cousin" (a second reader).
        term = " or ".join(f"step-{w.removeprefix('first ')}" for w in birth)
    elif kind == "adoptive":
        # "Adoptive" says the parent's side of an adoption; a descendant is adopted (a second
        # reader: the young person's adopted son was "adoptive son", while paths said adopted).
        term = ("adopted " if ga == 0 else "adoptive ") + " or ".join(birth)
    elif kind == "by_marriage" and ((ga, gb) == (1, 1) or ga == 0):
        # A sibling's or descendant's partner has its own word: sister-in-law, son-in-law,
        # granddaughter-in-law (a second reader: "grandson by marriage").
        term = " or ".join(f"{w}-in-law" for w in birth)
    elif kind == "by_marriage":
        term = " or ".join(birth) + " by marriage"
    else:
        term = " or ".join(birth)

    if side in ("maternal", "paternal") and _takes_side(ga, gb, half, kind):
        return f"{side} {term}"
    return term


# A trusted adult's role, as the maps and the plan say it.
ROLE_WORDS = {
    "foster_carer": "foster carer",
    "teacher": "teacher",
    "social_worker": "social worker",
    "youth_worker": "youth worker",
    "family_friend": "family friend",
    "mentor": "mentor",
    "other": "trusted adult",
}
