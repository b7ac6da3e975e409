"""`service.kinship`: the words for every position in the tree, as one table; no database."""

from __future__ import annotations

from typing import cast

import pytest

from service.kinship import Kind, Sex, Side, kinship_term, ordinal, times_removed


def case(
    ga: int,
    gb: int,
    sex: Sex,
    expected: str,
    *,
    half: bool = False,
    side: Side | None = None,
    kind: Kind = "birth",
) -> pytest.ParameterSet:
    # The expected words make the most readable test id; pytest numbers any repeats.
    return pytest.param(ga, gb, sex, half, side, kind, expected, id=expected or "empty")


TERMS = [
    # Ancestors, each sex, up to counted greats.
    case(1, 0, "female", "mother"),
    case(1, 0, "male", "father"),
    case(1, 0, "unknown", "parent"),
    case(2, 0, "female", "maternal grandmother", side="maternal"),
    case(2, 0, "male", "paternal grandfather", side="paternal"),
    case(2, 0, "unknown", "grandparent"),
    case(3, 0, "female", "great-grandmother"),
    case(3, 0, "male", "maternal great-grandfather", side="maternal"),
    case(3, 0, "unknown", "great-grandparent"),
    case(4, 0, "female", "great-great-grandmother"),
    case(4, 0, "unknown", "great-great-grandparent"),
    case(5, 0, "female", "3x great-grandmother"),
    case(5, 0, "unknown", "3x great-grandparent"),
    case(6, 0, "male", "4x great-grandfather"),
    case(7, 0, "female", "5x great-grandmother"),
    case(12, 0, "male", "paternal 10x great-grandfather", side="paternal"),
    # Descendants.
    case(0, 1, "female", "daughter"),
    case(0, 1, "male", "son"),
    case(0, 1, "unknown", "child"),
    case(0, 2, "female", "granddaughter"),
    case(0, 2, "male", "grandson"),
    case(0, 2, "unknown", "grandchild"),
    case(0, 3, "male", "great-grandson"),
    case(0, 3, "unknown", "great-grandchild"),
    case(0, 4, "female", "great-great-granddaughter"),
    case(0, 5, "unknown", "3x great-grandchild"),
    case(0, 6, "male", "4x great-grandson"),
    # Siblings, full and half.
    case(1, 1, "female", "sister"),
    case(1, 1, "male", "brother"),
    case(1, 1, "unknown", "sibling"),
    case(1, 1, "female", "half-sister", half=True),
    case(1, 1, "male", "paternal half-brother", half=True, side="paternal"),
    case(1, 1, "unknown", "maternal half-sibling", half=True, side="maternal"),
    # Nieces and nephews: both words prefixed when sex is unknown.
    case(1, 2, "female", "niece"),
    case(1, 2, "male", "nephew"),
    case(1, 2, "unknown", "niece or nephew"),
    case(1, 3, "female", "great-niece"),
    case(1, 3, "unknown", "great-niece or great-nephew"),
    case(1, 4, "male", "great-great-nephew"),
    case(1, 5, "male", "3x great-nephew"),
    case(1, 6, "unknown", "4x great-niece or 4x great-nephew"),
    case(1, 2, "female", "half-niece", half=True),
    case(1, 3, "male", "half-great-nephew", half=True),
    case(1, 2, "unknown", "half-niece or half-nephew", half=True),
    case(1, 2, "male", "maternal nephew", side="maternal"),
    case(1, 3, "female", "paternal half-great-niece", half=True, side="paternal"),
    # Aunts and uncles.
    case(2, 1, "female", "aunt"),
    case(2, 1, "male", "uncle"),
    case(2, 1, "unknown", "aunt or uncle"),
    case(3, 1, "female", "great-aunt"),
    case(3, 1, "unknown", "great-aunt or great-uncle"),
    case(4, 1, "male", "great-great-uncle"),
    case(5, 1, "male", "3x great-uncle"),
    case(6, 1, "female", "4x great-aunt"),
    case(2, 1, "female", "half-aunt", half=True),
    case(3, 1, "female", "half-great-aunt", half=True),
    case(2, 1, "unknown", "half-aunt or half-uncle", half=True),
    case(3, 1, "female", "paternal great-aunt", side="paternal"),
    case(2, 1, "male", "maternal half-uncle", half=True, side="maternal"),
    # Cousins: sex-neutral, degree min(ga, gb) - 1, removed |ga - gb| times.
    case(2, 2, "female", "first cousin"),
    case(2, 2, "male", "first cousin"),
    case(2, 2, "unknown", "first cousin"),
    case(3, 3, "female", "second cousin"),
    case(4, 4, "male", "third cousin"),
    case(2, 3, "female", "first cousin once removed"),
    case(3, 2, "male", "first cousin once removed"),
    case(2, 4, "unknown", "first cousin twice removed"),
    case(5, 2, "female", "first cousin three times removed"),
    case(8, 3, "female", "second cousin five times removed"),
    case(3, 13, "male", "second cousin ten times removed"),
    case(2, 13, "unknown", "first cousin 11 times removed"),
    case(12, 12, "female", "11th cousin"),
    case(13, 14, "male", "12th cousin once removed"),
    case(2, 2, "male", "half first cousin", half=True),
    case(3, 4, "female", "half second cousin once removed", half=True),
    case(2, 3, "female", "maternal first cousin once removed", side="maternal"),
    case(3, 3, "unknown", "paternal half second cousin", half=True, side="paternal"),
    # Half is ignored for ancestors and descendants.
    case(1, 0, "female", "mother", half=True),
    case(2, 0, "male", "paternal grandfather", half=True, side="paternal"),
    case(0, 1, "male", "son", half=True),
    case(0, 3, "female", "great-granddaughter", half=True),
    # Every side value, and the positions that never take one.
    case(2, 1, "female", "aunt", side=None),
    case(2, 1, "female", "aunt", side="both"),
    case(2, 1, "female", "aunt", side="unknown"),
    case(2, 1, "female", "maternal aunt", side="maternal"),
    case(2, 1, "female", "paternal aunt", side="paternal"),
    case(1, 0, "female", "mother", side="maternal"),
    case(1, 0, "male", "father", side="paternal"),
    case(0, 1, "male", "son", side="paternal"),
    case(0, 2, "female", "granddaughter", side="maternal"),
    case(1, 1, "male", "brother", side="paternal"),
    case(2, 0, "female", "grandmother", side="both"),
    # Step relatives: never half; a step-sibling belongs to the side of the parent's partner.
    case(1, 0, "female", "step-mother", kind="step"),
    case(1, 0, "male", "step-father", kind="step", side="paternal"),
    case(1, 0, "unknown", "step-parent", kind="step"),
    case(1, 1, "female", "step-sister", kind="step", half=True),
    case(1, 1, "male", "step-brother", kind="step", side="paternal"),
    case(1, 1, "unknown", "step-sibling", kind="step"),
    case(2, 0, "female", "maternal step-grandmother", kind="step", side="maternal"),
    case(0, 1, "female", "step-daughter", kind="step"),
    case(0, 1, "male", "step-son", kind="step", side="maternal"),
    case(0, 1, "unknown", "step-child", kind="step"),
    case(0, 2, "unknown", "step-grandchild", kind="step"),
    case(1, 2, "male", "step-nephew", kind="step"),
    case(2, 1, "unknown", "maternal step-aunt or step-uncle", kind="step", side="maternal"),
    case(2, 2, "female", "step-cousin", kind="step"),
    # Adoptive relatives: never half.
    case(1, 0, "female", "adoptive mother", kind="adoptive", side="maternal"),
    case(1, 0, "unknown", "adoptive parent", kind="adoptive"),
    case(1, 1, "male", "adoptive brother", kind="adoptive"),
    case(1, 1, "female", "adoptive sister", kind="adoptive", half=True),
    case(2, 0, "female", "maternal adoptive grandmother", kind="adoptive", side="maternal"),
    # A descendant is adopted ("adoptive" is the parent's side), as the paths say it.
    case(0, 1, "male", "adopted son", kind="adoptive"),
    case(0, 2, "female", "adopted granddaughter", kind="adoptive"),
    case(2, 1, "unknown", "paternal adoptive aunt or uncle", kind="adoptive", side="paternal"),
    # By marriage: in-laws, step-parents and step-grandparents, otherwise "... by marriage".
    case(1, 1, "female", "sister-in-law", kind="by_marriage"),
    case(1, 1, "male", "brother-in-law", kind="by_marriage"),
    case(1, 1, "unknown", "sibling-in-law", kind="by_marriage"),
    case(0, 1, "female", "daughter-in-law", kind="by_marriage", side="maternal"),
    case(0, 1, "male", "son-in-law", kind="by_marriage"),
    case(0, 1, "unknown", "child-in-law", kind="by_marriage"),
    # A step-uncle's daughter is a step-cousin (a second reader: "step-first cousin").
    case(2, 2, "female", "paternal step-cousin", kind="step", side="paternal"),
    case(2, 3, "male", "step-cousin once removed", kind="step"),
    case(3, 3, "male", "step-second cousin", kind="step"),
    # A grandchild's partner too (a second reader: "grandson by marriage").
    case(0, 2, "male", "grandson-in-law", kind="by_marriage"),
    case(0, 3, "female", "great-granddaughter-in-law", kind="by_marriage"),
    case(1, 0, "female", "step-mother", kind="by_marriage", side="maternal"),
    case(2, 0, "male", "paternal step-grandfather", kind="by_marriage", side="paternal"),
    case(2, 1, "female", "maternal aunt by marriage", kind="by_marriage", side="maternal"),
    case(3, 1, "male", "paternal great-uncle by marriage", kind="by_marriage", side="paternal"),
    case(2, 2, "unknown", "maternal first cousin by marriage", kind="by_marriage", side="maternal"),
    case(1, 2, "female", "niece by marriage", kind="by_marriage"),
    case(1, 2, "male", "paternal nephew by marriage", kind="by_marriage", side="paternal"),
    case(2, 1, "unknown", "aunt or uncle by marriage", kind="by_marriage"),
    case(2, 1, "male", "uncle by marriage", kind="by_marriage", half=True),
]


@pytest.mark.parametrize(("ga", "gb", "sex", "half", "side", "kind", "expected"), TERMS)
def test_kinship_term(
    ga: int, gb: int, sex: Sex, half: bool, side: Side | None, kind: Kind, expected: str
) -> None:
    assert kinship_term(ga, gb, sex, half=half, side=side, kind=kind) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (4, "fourth"),
        (5, "fifth"),
        (6, "sixth"),
        (7, "seventh"),
        (8, "eighth"),
        (9, "ninth"),
        (10, "tenth"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinal(n: int, expected: str) -> None:
    assert ordinal(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, ""),
        (1, "once removed"),
        (2, "twice removed"),
        (3, "three times removed"),
        (4, "four times removed"),
        (10, "ten times removed"),
        (11, "11 times removed"),
        (21, "21 times removed"),
    ],
)
def test_times_removed(n: int, expected: str) -> None:
    assert times_removed(n) == expected


@pytest.mark.parametrize(
    ("ga", "gb", "sex", "side", "kind", "match"),
    [
        pytest.param(-1, 0, "female", None, "birth", "negative", id="negative ga"),
        pytest.param(0, -1, "male", None, "birth", "negative", id="negative gb"),
        pytest.param(-2, -3, "unknown", None, "birth", "negative", id="both negative"),
        pytest.param(0, 0, "female", None, "birth", "themself", id="the young person themself"),
        pytest.param(2, 1, "other", None, "birth", "sex must be", id="unknown sex word"),
        pytest.param(2, 1, "female", "both sides", "birth", "side must be", id="unknown side"),
        pytest.param(2, 1, "female", None, "foster", "kind must be", id="unknown kind word"),
    ],
)
def test_kinship_term_rejects(
    ga: int, gb: int, sex: str, side: str | None, kind: str, match: str
) -> None:
    # Values from outside the type checker's view, as they might arrive from the database.
    with pytest.raises(ValueError, match=match):
        kinship_term(ga, gb, cast(Sex, sex), side=cast("Side | None", side), kind=cast(Kind, kind))


@pytest.mark.parametrize("n", [0, -1])
def test_ordinal_rejects_below_one(n: int) -> None:
    with pytest.raises(ValueError, match="n >= 1"):
        ordinal(n)


def test_times_removed_rejects_negative() -> None:
    with pytest.raises(ValueError, match="n >= 0"):
        times_removed(-1)
