"""Who is probably no longer living (`service.lifespan`), and the import that applies it. Pure,
no database."""

from __future__ import annotations

from datetime import date

from service.gedcom import parse_gedcom
from service.lifespan import probably_dead

HEAD = "0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"


def test_a_persons_own_year_of_birth_wins_over_a_mistyped_marriage() -> None:
    """A couple born in 1984 and 1990, their marriage's year mistyped as 99: the marriage alone
    would say they were born by 86. Their own years are what they were born in."""
    births = {"@I1@": 1984, "@I2@": 1990}
    married = {"@I1@": [99], "@I2@": [99]}
    assert probably_dead(births, {"@I1@": [], "@I2@": []}, married, 2025) == {}


def test_a_persons_own_year_of_birth_wins_over_a_childs() -> None:
    """A father born in 1950 with a child recorded as born in 1900 (one of the two years is
    wrong): the father's own year stands, and the child is counted by theirs."""
    births = {"@I1@": 1950, "@I2@": 1900}
    assert probably_dead(births, {"@I1@": ["@I2@"]}, {}, 2025) == {"@I2@": 1900}


def test_someone_with_no_year_of_their_own_is_still_bounded_by_their_family() -> None:
    """With no year of their own, a child's birth, a marriage or a parent's birth bounds
    theirs, as before: a parent born in 1900 says their child was born by 1960, who may be
    living."""
    births: dict[str, int | None] = {"@I1@": None, "@I2@": 1900, "@I3@": None, "@I4@": None}
    found = probably_dead(births, {"@I1@": ["@I2@"], "@I3@": []}, {"@I3@": [1880]}, 2025,
                          parents={"@I4@": ["@I2@"]})  # fmt: skip
    assert found == {"@I1@": 1887, "@I2@": 1900, "@I3@": 1867}


def test_an_import_keeps_living_those_whose_own_birth_says_so() -> None:
    """A file whose one marriage is dated a century too early (`1899` for `1999`): the
    partners, born in 1984 and 1990 by their own dates, are not counted as not living."""
    body = (
        "0 @I1@ INDI\n1 BIRT\n2 DATE 3 MAR 1984\n1 FAMS @F1@\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE 1990\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 MARR\n2 DATE Sep 1899\n"
    )
    tree = parse_gedcom((HEAD + body + "0 TRLR\n").encode(), today=date(2025, 6, 1))
    assert [(p.xref, p.deceased, p.living_inferred) for p in tree.people] == [
        ("@I1@", False, None), ("@I2@", False, None),
    ]  # fmt: skip
    assert not any("counted as not living" in note for note in tree.notes)
