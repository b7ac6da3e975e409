"""How a child is tied to each parent of a family, as the programs write it: PEDI, `_FREL`/`_MREL`
under the family's CHIL or the child's own FAMC (Gramps), the standard's ADOP event with its
FAMC and ADOP (PAF, Ancestral Quest, GEDCOM 7), GEDCOM 7's `PEDI OTHER` with a PHRASE, and two
HUSB or two WIFE lines. A word not read as birth, adoption, foster care or a step-parent links
nobody, with a note. Pure, no database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from service.data.gedcom_io import _links, export_family
from service.family import Family, ParentLink, Partnership, Person
from service.gedcom import GedcomFamily, GedcomTree, parse_gedcom, write_gedcom
from service.gedcom_kinds import kind, named_parent

TIES = Path(__file__).resolve().parent / "data" / "gedcom" / "ties"
TODAY = date(2026, 1, 15)
HEAD = "0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"
# Bob (@I2@) and Anne (@I3@) in @F1@ and Grandad (@I4@) and Gran (@I5@) in @F2@.
PARENTS = "0 @I2@ INDI\n1 SEX M\n1 FAMS @F1@\n0 @I3@ INDI\n1 SEX F\n1 FAMS @F1@\n"
GRANDPARENTS = "0 @I4@ INDI\n1 SEX M\n1 FAMS @F2@\n0 @I5@ INDI\n1 SEX F\n1 FAMS @F2@\n"
ADULTS = PARENTS + GRANDPARENTS
NOT_READ = (
    "which is not read as birth, adoption, foster care or a step-parent; not imported as a "
    "parent: add it by hand if it is one"
)


def parse(body: str) -> GedcomTree:
    return parse_gedcom((HEAD + body.strip("\n") + "\n0 TRLR\n").encode(), today=TODAY)


def family(tree: GedcomTree, xref: str) -> GedcomFamily:
    return next(f for f in tree.families if f.xref == xref)


def ties(tree: GedcomTree, fam: str) -> set[tuple[str, str, str]]:
    """(parent, child, kind) of every link the family makes."""
    return {(parent, child.xref, what) for parent, child, what in family(tree, fam).ties()}


def two_families(frel: str, mrel: str) -> str:
    """Kit (@I1@) born to Bob and Anne, and in @F2@ with words under CHIL."""
    return ADULTS + (
        "0 @I1@ INDI\n1 FAMC @F1@\n1 FAMC @F2@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
        f"0 @F2@ FAM\n1 HUSB @I4@\n1 WIFE @I5@\n1 CHIL @I1@\n2 _FREL {frel}\n2 _MREL {mrel}\n"
    )


# 1. Gramps: `_FREL`/`_MREL` under the child's own FAMC.


def test_frel_and_mrel_under_the_childs_famc_are_read_per_parent() -> None:
    tree = parse(
        PARENTS + "0 @I1@ INDI\n1 FAMC @F1@\n2 _FREL Step\n2 _MREL birth\n"
        "0 @I6@ INDI\n1 FAMC @F1@\n2 _FREL Foster\n2 _MREL Adopted\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n1 CHIL @I6@\n"
    )
    assert ties(tree, "@F1@") == {
        ("@I2@", "@I1@", "step"),
        ("@I3@", "@I1@", "birth"),
        ("@I2@", "@I6@", "foster"),
        ("@I3@", "@I6@", "adopted"),
    }


def test_family_historians_pedi_for_each_parent_is_read_per_parent() -> None:
    """Family Historian writes one `_PEDI` line a parent under FAMC, "Adopted (father)", "Step
    (mother)"; they were not read, and the child was imported as both parents' birth child. A
    `_PEDI` naming no parent is said of the family, as PEDI is."""
    tree = parse(
        PARENTS + "0 @I1@ INDI\n1 FAMC @F1@\n2 _PEDI Adopted (father)\n2 _PEDI Step (mother)\n"
        "0 @I6@ INDI\n1 FAMC @F1@\n2 _PEDI Foster\n"
        "0 @I7@ INDI\n1 FAMC @F1@\n2 _PEDI adopted ( Mother )\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n1 CHIL @I6@\n1 CHIL @I7@\n"
    )
    assert ties(tree, "@F1@") == {
        ("@I2@", "@I1@", "adopted"),
        ("@I3@", "@I1@", "step"),
        ("@I2@", "@I6@", "foster"),
        ("@I3@", "@I6@", "foster"),
        ("@I2@", "@I7@", "birth"),
        ("@I3@", "@I7@", "adopted"),
    }
    assert tree.notes == ()


def test_a_gramps_step_family_is_not_a_third_birth_parent() -> None:
    """Kit's birth parents are Dave and Anne; Anne's second husband Bob is a step-father."""
    tree = parse(
        "0 @I1@ INDI\n1 FAMC @F1@\n1 FAMC @F2@\n2 _FREL Step\n2 _MREL birth\n"
        "0 @I3@ INDI\n1 SEX F\n1 FAMS @F1@\n1 FAMS @F2@\n0 @I2@ INDI\n1 SEX M\n1 FAMS @F1@\n"
        "0 @I4@ INDI\n1 SEX M\n1 FAMS @F2@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n1 DIV Y\n"
        "0 @F2@ FAM\n1 HUSB @I4@\n1 WIFE @I3@\n1 CHIL @I1@\n1 MARR Y\n"
    )
    assert ties(tree, "@F2@") == {("@I4@", "@I1@", "step"), ("@I3@", "@I1@", "birth")}


def test_a_per_parent_word_wins_over_pedi_and_chil_over_famc() -> None:
    """PEDI says how the child is tied to the family, `_FREL`/`_MREL` to one parent: the one
    parent's word wins. Where the family's CHIL and the child's FAMC both say it, the family's
    record wins (it is where the standard keeps a family's children)."""
    tree = parse(
        PARENTS + "0 @I1@ INDI\n1 FAMC @F1@\n2 PEDI adopted\n2 _FREL Step\n2 _MREL Foster\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n2 _MREL Natural\n"
    )
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "step"), ("@I3@", "@I1@", "birth")}
    (child,) = family(tree, "@F1@").children
    assert child.pedigree == "adopted"


# 2. The standard's adoption event: ADOP / FAMC / ADOP BOTH|HUSB|WIFE.


def test_an_adoption_by_both_is_no_third_birth_parent() -> None:
    """PAF and Ancestral Quest: the birth family, and the family that adopted (`ADOP BOTH`)."""
    tree = parse(
        ADULTS + "0 @I1@ INDI\n1 BIRT\n2 DATE 3 MAR 2012\n1 ADOP\n2 DATE 2015\n2 FAMC @F2@\n"
        "3 ADOP BOTH\n1 FAMC @F1@\n1 FAMC @F2@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
        "0 @F2@ FAM\n1 HUSB @I4@\n1 WIFE @I5@\n1 CHIL @I1@\n"
    )
    assert ties(tree, "@F2@") == {("@I4@", "@I1@", "adopted"), ("@I5@", "@I1@", "adopted")}
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "birth")}
    assert tree.notes == ()


@pytest.mark.parametrize(
    ("adop", "expected"),
    [
        ("3 ADOP BOTH\n", {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "adopted")}),
        ("", {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "adopted")}),
        ("3 ADOP HUSB\n", {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "birth")}),
        ("3 ADOP wife\n", {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "adopted")}),
    ],
)
def test_the_adoption_event_says_who_adopted(adop: str, expected: set[tuple[str, ...]]) -> None:
    """Legacy: a step-parent's adoption (`ADOP HUSB`), the other parent's tie still birth."""
    tree = parse(
        PARENTS + f"0 @I1@ INDI\n1 ADOP\n2 FAMC @F1@\n{adop}1 FAMC @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
    )
    assert ties(tree, "@F1@") == expected


def test_an_adoption_event_for_a_family_not_in_the_file_is_ignored() -> None:
    tree = parse(
        PARENTS + "0 @I1@ INDI\n1 ADOP\n2 FAMC @F9@\n1 FAMC @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
    )
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "birth")}


# 2 and 3. GEDCOM 7: the ADOP event, and PEDI OTHER with a PHRASE.


def test_gedcom_7_reads_the_adoption_event_and_a_step_tie_in_a_phrase() -> None:
    tree = parse_gedcom((TIES / "gedcom7_ties.ged").read_bytes(), today=TODAY)
    assert ties(tree, "@F1@") == {
        ("@I3@", "@I1@", "step"),  # PEDI OTHER, PHRASE Step-father: the husband
        ("@I2@", "@I1@", "birth"),  # and the wife, of whom it says nothing, a birth mother
        ("@I3@", "@I4@", "adopted"),  # PEDI FOSTER, but an adoption by both
        ("@I2@", "@I4@", "adopted"),
        ("@I3@", "@I5@", "birth"),  # adopted by the wife only
        ("@I2@", "@I5@", "adopted"),
        ("@I3@", "@I8@", "adopted"),  # PEDI ADOPTED: the value, not its phrase
        ("@I2@", "@I8@", "adopted"),
    }
    # A phrase not read as a kind is free text: the note quotes the value, never the phrase.
    assert tree.notes == (
        f"@I6@ (line 31): the tie to @I3@ in @F1@ is written 'OTHER', {NOT_READ}",
        f"@I6@ (line 31): the tie to @I2@ in @F1@ is written 'OTHER', {NOT_READ}",
        f"@I7@ (line 36): the tie to @I3@ in @F1@ is written 'SEALING', {NOT_READ}",
        f"@I7@ (line 36): the tie to @I2@ in @F1@ is written 'SEALING', {NOT_READ}",
    )
    assert not any("Ted" in note for note in tree.notes)


H7 = "0 HEAD\n1 GEDC\n2 VERS 7.0\n"
STEP_FAMILY = (
    "0 @I1@ INDI\n1 FAMC @F1@\n0 @I2@ INDI\n1 SEX M\n1 FAMS @F1@\n0 @I3@ INDI\n1 SEX F\n"
    "1 FAMS @F1@\n0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
)


def test_gedcom_7_reads_a_programs_own_tags_that_its_header_lists() -> None:
    """GEDCOM 7 asks a program to list its own tags in the header (`1 SCHMA` / `2 TAG _FREL
    <address>`), and the library then gives each such line its address for a tag (a second
    reader: the step-father came back a birth father, and a separation a current marriage)."""
    schema = "1 SCHMA\n" + "".join(
        f"2 TAG {tag} https://example.org/{tag}\n" for tag in ("_FREL", "_MREL", "_SEPR")
    )
    body = (STEP_FAMILY + "2 _FREL Step\n2 _MREL Birth\n1 MARR\n2 DATE 2000\n1 _SEPR\n"
            "2 DATE 2010\n0 TRLR\n")  # fmt: skip
    for head in (H7, H7 + schema):
        tree = parse_gedcom((head + body).encode(), today=TODAY)
        assert ties(tree, "@F1@") == {("@I2@", "@I1@", "step"), ("@I3@", "@I1@", "birth")}
        (couple,) = tree.families
        assert (couple.kind, couple.until) == ("separated", "2010")
    # Two tags of one address cannot be told apart, and an address with no scheme may be a
    # standard tag (`_X NAME` renamed every name): neither is read back (the third reader).
    one = "1 SCHMA\n2 TAG _FREL https://x.org/r\n2 TAG _MREL https://x.org/r\n"
    tree = parse_gedcom((H7 + one + body).encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "birth")}
    named = "1 SCHMA\n2 TAG _X NAME\n0 @I9@ INDI\n1 NAME Bob /Smith/\n"
    (bob,) = [p for p in parse_gedcom((H7 + named + body).encode(), today=TODAY).people
              if p.xref == "@I9@"]  # fmt: skip
    assert (bob.given_name, bob.family_name) == ("Bob", "Smith")


def test_gedcom_7_reads_family_historians_pedi_for_each_parent() -> None:
    """As 5.5.1 does (a second reader: `_PEDI Step (father)` made a birth father in 7)."""
    body = STEP_FAMILY.replace("1 FAMC @F1@\n", "1 FAMC @F1@\n2 _PEDI Step (father)\n")
    tree = parse_gedcom((H7 + body + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "step"), ("@I3@", "@I1@", "birth")}


@pytest.mark.parametrize("head", [HEAD, H7])
def test_an_adoption_event_that_names_no_family_is_said(head: str) -> None:
    """The standard lets an adoption event leave out the family that adopted (programs often
    write one with a date alone): which of the parents the file links adopted the child cannot
    be told (the family may be the one they were born into), so the ties are imported as the
    file links them and the note asks a worker to say (a second reader: two birth parents,
    without a word)."""
    body = STEP_FAMILY.replace("1 FAMC @F1@\n", "1 ADOP\n2 DATE 2015\n1 FAMC @F1@\n")
    tree = parse_gedcom((head + body + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "birth")}
    assert any(note.startswith("@I1@ (line ") and "without saying which family adopted them"
               in note for note in tree.notes)  # fmt: skip
    # Said where a family the file links them to has them adopted: no note.
    named = body.replace("1 FAMC @F1@\n", "1 FAMC @F1@\n2 PEDI adopted\n", 1)
    tree = parse_gedcom((head + named + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "adopted")}
    assert not any("without saying which family" in note for note in tree.notes)
    # An adoption said in other words: a general event of TYPE Adoption, or Heredis's and
    # Geneanet's filiation (a third reader: both came in as birth, without a word).
    for said in (
        "1 EVEN\n2 TYPE Adoption\n",
        "1 _FIL ADOPTED_CHILD\n",
        "1 EVEN\n2 TYPE Adopted by grandparents\n",
        "1 EVEN\n2 TYPE Legal adoption\n",
    ):
        other = STEP_FAMILY.replace("1 FAMC @F1@\n", f"{said}1 FAMC @F1@\n")
        tree = parse_gedcom((head + other + "0 TRLR\n").encode(), today=TODAY)
        assert any("without saying which family adopted them" in note for note in tree.notes)
    # Said of a parent who adopted someone: no note about them (a fourth reader).
    parent = STEP_FAMILY.replace("1 SEX M\n", "1 SEX M\n1 EVEN\n2 TYPE Adoption of child\n")
    tree = parse_gedcom((head + parent + "0 TRLR\n").encode(), today=TODAY)
    assert not any("without saying which family" in note for note in tree.notes)


@pytest.mark.parametrize("head", [HEAD, H7])
def test_pedi_under_the_familys_chil_is_read_for_each_parent(head: str) -> None:
    """The standard puts PEDI under the child's FAMC; some programs write it under the
    family's CHIL (a second reader: an adoption written so came in as birth, without a word).
    It is said of each parent no word of their own is."""
    body = STEP_FAMILY + "2 PEDI adopted\n"
    tree = parse_gedcom((head + body + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "adopted")}
    mixed = STEP_FAMILY + "2 PEDI adopted\n2 _MREL Natural\n"
    tree = parse_gedcom((head + mixed + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "birth")}
    # The child's own FAMC, the standard's place, says first (a third reader: the family's
    # CHIL PEDI overrode it).
    own = STEP_FAMILY.replace("1 FAMC @F1@\n", "1 FAMC @F1@\n2 PEDI adopted\n") + "2 PEDI birth\n"
    tree = parse_gedcom((head + own + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "adopted")}
    word = STEP_FAMILY.replace("1 FAMC @F1@\n", "1 FAMC @F1@\n2 _MREL Natural\n") + (
        "2 PEDI foster\n")  # fmt: skip
    tree = parse_gedcom((head + word + "0 TRLR\n").encode(), today=TODAY)
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "foster"), ("@I3@", "@I1@", "birth")}


# 4. The words programs write.


@pytest.mark.parametrize(
    "word",
    ["", "  ", "birth", "BIRTH", "Natural", "Biological", "Legitimate", "Illegitimate",
     "natural child", "Birth Father", "biological mother", "Natural son", "birth daughter"],
)  # fmt: skip
def test_no_word_or_a_word_for_birth_is_birth(word: str) -> None:
    assert kind(word) == "birth"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Step", "step"), ("stepfather", "step"), ("Step-father", "step"),
        ("step father", "step"), ("STEPMOTHER", "step"), ("step-mother", "step"),
        ("Step Parent", "step"), ("step-parent", "step"), ("Stepson", "step"),
        ("stepdaughter", "step"), ("step child", "step"), ("Step_Child", "step"),
        ("Adopted", "adopted"), ("Adopted Child", "adopted"), ("adoptive parent", "adopted"),
        ("Adoptive Father", "adopted"), ("adoptive-mother", "adopted"), ("ADOPTED", "adopted"),
        ("Foster", "foster"), ("Foster Child", "foster"), ("foster parent", "foster"),
        ("Guardianship", "foster"), ("Guardian", "foster"), ("Sponsored", "foster"),
    ],
)  # fmt: skip
def test_the_words_programs_write_for_each_kind(word: str, expected: str) -> None:
    assert kind(word) == expected


@pytest.mark.parametrize(
    ("word", "expected", "parent"),
    [
        ("Leiblich", "birth", None), ("leibliches Kind", "birth", None), ("naturel", "birth", None),
        ("Biologique", "birth", None), ("natuurlijk", "birth", None), ("Biológico", "birth", None),
        ("Adoptiert", "adopted", None), ("Adopté", "adopted", None), ("adoptée", "adopted", None),
        ("Geadopteerd", "adopted", None), ("Adoptivvater", "adopted", "HUSB"),
        ("Stiefvater", "step", "HUSB"), ("Stiefmutter", "step", "WIFE"),
        ("Beau-père", "step", "HUSB"), ("belle-mère", "step", "WIFE"),
        ("stiefvader", "step", "HUSB"), ("Padrastro", "step", "HUSB"),
        ("Madrastra", "step", "WIFE"), ("styvmor", "step", "WIFE"), ("Stefar", "step", "HUSB"),
        ("Pflegekind", "foster", None), ("Pflegemutter", "foster", "WIFE"),
        ("pleegkind", "foster", None), ("Famille d'accueil", "foster", None),
    ],
)  # fmt: skip
def test_the_same_words_in_the_languages_programs_are_sold_in(
    word: str, expected: str, parent: str | None
) -> None:
    """Localised editions export the words their users see: German, Dutch, French, Spanish,
    Swedish and Norwegian words read as the English ones (before, each left the parent out)."""
    assert kind(word) == expected
    assert named_parent(word) == parent


def test_a_german_export_links_its_children_as_an_english_one_does() -> None:
    tree = parse(
        PARENTS + "0 @I4@ INDI\n1 SEX M\n1 FAMS @F2@\n"
        "0 @I1@ INDI\n1 FAMC @F1@\n2 _FREL Leiblich\n2 _MREL Leiblich\n"
        "1 FAMC @F2@\n2 PEDI Stiefvater\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
        "0 @F2@ FAM\n1 HUSB @I4@\n1 WIFE @I3@\n1 CHIL @I1@\n"
    )
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "birth")}
    assert ties(tree, "@F2@") == {("@I4@", "@I1@", "step"), ("@I3@", "@I1@", "birth")}
    assert tree.notes == ()


@pytest.mark.parametrize(
    "word",
    ["Related", "Sealed", "sealing", "Godparent", "Unknown", "Private", "Disproved", "OTHER",
     "Challenged", "Surrogate", "Kinship", "Legal"],
)  # fmt: skip
def test_any_other_word_is_no_kind(word: str) -> None:
    assert kind(word) is None


@pytest.mark.parametrize("word", ["Related", "Unknown", "Sealed", "Private", "Disproved"])
def test_a_child_tied_by_another_word_is_not_imported_as_a_birth_child(word: str) -> None:
    tree = parse(two_families(word, word))
    assert family(tree, "@F2@").children == ()
    assert ties(tree, "@F1@") == {("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "birth")}
    assert tree.notes == (
        f"@I1@ (line 26): the tie to @I4@ in @F2@ is written '{word}', {NOT_READ}",
        f"@I1@ (line 26): the tie to @I5@ in @F2@ is written '{word}', {NOT_READ}",
    )


def test_a_word_for_one_parent_leaves_out_that_parent_only() -> None:
    """Family Tree Maker: a grandfather who is a guardian, a grandmother who is 'Related'."""
    tree = parse(two_families("Guardian", "Related"))
    assert ties(tree, "@F2@") == {("@I4@", "@I1@", "foster")}
    (kit,) = family(tree, "@F2@").children
    assert kit.unlinked == ("@I5@",)
    with pytest.raises(LookupError):
        kit.of("@I5@")
    assert tree.notes == (
        f"@I1@ (line 26): the tie to @I5@ in @F2@ is written 'Related', {NOT_READ}",
    )


def test_pedi_in_another_word_links_nobody_but_a_parents_own_word_still_does() -> None:
    tree = parse(
        PARENTS + "0 @I1@ INDI\n1 FAMC @F1@\n2 PEDI Unknown\n"
        "0 @I6@ INDI\n1 FAMC @F1@\n2 PEDI sealing\n2 _MREL Natural\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n1 CHIL @I6@\n"
    )
    assert ties(tree, "@F1@") == {("@I3@", "@I6@", "birth")}
    assert [c.xref for c in family(tree, "@F1@").children] == ["@I6@"]
    assert tree.notes == (
        f"@I1@ (line 13): the tie to @I2@ in @F1@ is written 'Unknown', {NOT_READ}",
        f"@I1@ (line 13): the tie to @I3@ in @F1@ is written 'Unknown', {NOT_READ}",
        f"@I6@ (line 16): the tie to @I2@ in @F1@ is written 'sealing', {NOT_READ}",
    )


def test_a_word_of_the_users_own_is_not_quoted() -> None:
    """Gramps lets a user type any word for a tie, which may name someone: only the words
    programs write are quoted, as no note quotes a name."""
    tree = parse(two_families("Related\x07 to Sue Marlow by her sister", "Step"))
    assert tree.notes == (
        f"@I1@ (line 26): the tie to @I4@ in @F2@ is written in words of the file's own, "
        f"{NOT_READ}",
    )
    tree = parse(two_families("  RELATED\x07 ", "Step"))
    assert tree.notes == (
        f"@I1@ (line 26): the tie to @I4@ in @F2@ is written 'RELATED', {NOT_READ}",
    )


def test_a_step_father_named_for_the_family_leaves_the_mother_a_birth_mother() -> None:
    """`PEDI Stepfather` for Kit's tie to his mother and step-father's family: the word names
    the father; the mother, also in the family with Kit's birth father, stays his birth mother
    (before, she became a step-mother there, and a step link could be the one imported)."""
    tree = parse(
        "0 @I1@ INDI\n1 FAMC @F2@\n2 PEDI Stepfather\n1 FAMC @F1@\n"
        "0 @I3@ INDI\n1 SEX F\n1 FAMS @F1@\n1 FAMS @F2@\n0 @I2@ INDI\n1 SEX M\n1 FAMS @F1@\n"
        "0 @I4@ INDI\n1 SEX M\n1 FAMS @F2@\n"
        "0 @F2@ FAM\n1 HUSB @I4@\n1 WIFE @I3@\n1 CHIL @I1@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n"
    )
    assert ties(tree, "@F2@") == {("@I4@", "@I1@", "step"), ("@I3@", "@I1@", "birth")}
    made = {(link["from_id"], link["to_id"]): link["props"]["kind"]
            for link in _links(tree, {p.xref: p.xref for p in tree.people}, "gedcom:test")
            if link["type"] == "parent"}  # fmt: skip
    assert made == {("@I4@", "@I1@"): "step", ("@I3@", "@I1@"): "birth",
                    ("@I2@", "@I1@"): "birth"}  # fmt: skip
    # Written out (5.5.1 has no step PEDI: said of each parent) and read back: the same ties.
    again = parse_gedcom(write_gedcom(tree).encode(), today=TODAY)
    for fam in ("@F1@", "@F2@"):
        assert ties(again, fam) == ties(tree, fam)


def test_one_parent_and_child_in_two_families_is_one_link_birth_first() -> None:
    """A mother recorded as step in one family and birth in another: one link, birth."""
    tree = parse(
        "0 @I1@ INDI\n1 FAMC @F2@\n2 _MREL Step\n1 FAMC @F1@\n"
        "0 @I3@ INDI\n1 SEX F\n1 FAMS @F1@\n1 FAMS @F2@\n0 @I4@ INDI\n1 SEX M\n1 FAMS @F2@\n"
        "0 @F1@ FAM\n1 WIFE @I3@\n1 CHIL @I1@\n"
        "0 @F2@ FAM\n1 HUSB @I4@\n1 WIFE @I3@\n1 CHIL @I1@\n"
    )
    parents = [link for link in _links(tree, {p.xref: p.xref for p in tree.people}, "gedcom:t")
               if link["type"] == "parent" and link["from_id"] == "@I3@"]  # fmt: skip
    assert [link["props"]["kind"] for link in parents] == ["birth"]


def test_a_tree_with_a_parent_left_out_is_written_and_read_back_the_same() -> None:
    tree = parse(two_families("Guardian", "Related"))
    again = parse_gedcom(write_gedcom(tree).encode(), today=TODAY)
    assert again.families == tree.families


# 5. Same-sex couples written as two HUSB or two WIFE lines.


def test_two_wives_each_take_mrel_and_two_husbands_each_take_frel() -> None:
    wives = parse(
        "0 @I1@ INDI\n1 FAMC @F1@\n0 @I2@ INDI\n1 SEX F\n1 FAMS @F1@\n"
        "0 @I3@ INDI\n1 SEX F\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 WIFE @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n2 _MREL Adopted\n2 _FREL Natural\n"
    )
    assert ties(wives, "@F1@") == {("@I2@", "@I1@", "adopted"), ("@I3@", "@I1@", "adopted")}
    husbands = parse(
        "0 @I1@ INDI\n1 FAMC @F1@\n2 _FREL Step\n0 @I2@ INDI\n1 SEX M\n1 FAMS @F1@\n"
        "0 @I3@ INDI\n1 SEX M\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 HUSB @I3@\n1 CHIL @I1@\n"
    )
    assert ties(husbands, "@F1@") == {("@I2@", "@I1@", "step"), ("@I3@", "@I1@", "step")}
    assert family(husbands, "@F1@").partners == ("@I2@", "@I3@")


# The import of the links (service.data.gedcom_io) must leave out a parent a child is not tied to.


def test_the_import_makes_no_link_to_a_parent_left_out() -> None:
    tree = parse(two_families("Guardian", "Related"))
    ids = {p.xref: p.xref for p in tree.people}
    made = {(link["from_id"], link["to_id"]) for link in _links(tree, ids, "gedcom:test")
             if link["type"] == "parent"}  # fmt: skip
    assert ("@I5@", "@I1@") not in made
    assert ("@I4@", "@I1@") in made


@pytest.mark.parametrize("end", [b"\r\n", b"\r"])
def test_a_gedcom_7_file_with_other_line_ends_is_read_as_gedcom_7(end: bytes) -> None:
    data = (TIES / "gedcom7_ties.ged").read_bytes()
    tree = parse_gedcom(b"\xef\xbb\xbf" + data.replace(b"\n", end), today=TODAY)
    assert ("@I3@", "@I1@", "step") in ties(tree, "@F1@")
    assert len(tree.notes) == 4


# 6. The API's export, read back: no partnership made up, no parent left out.


def _exported_links(
    people: dict[str, str],
    parents: list[tuple[str, str, str]],
    partners: list[tuple[str, str, str]] = [],  # noqa: B006
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """A family held as the service holds it, exported (`export_family`) and read back as an
    import links it: (parent, child, kind) and (partner, partner, kind), by the names given."""
    held = Family(
        person_id="me",
        people={p: Person(p, given_name=p, family_name="Test", sex=sex)
                for p, sex in people.items()},
        parent_links=[ParentLink(a, b, kind) for a, b, kind in parents],
        partnerships=[Partnership(a, b, kind) for a, b, kind in partners],
        sibling_ties=[],
    )  # fmt: skip
    tree = parse_gedcom(export_family(held, list(people)).encode(), today=TODAY)
    name = {p.xref: p.given_name for p in tree.people}
    found = _links(tree, {p.xref: p.xref for p in tree.people}, "gedcom:test")
    made = {(name[x["from_id"]], name[x["to_id"]], x["props"]["kind"]) for x in found
            if x["type"] == "parent"}  # fmt: skip
    couples = {(*sorted((name[x["from_id"]], name[x["to_id"]])), x["props"]["kind"])
               for x in found if x["type"] == "partner"}  # fmt: skip
    return made, couples


def test_a_couple_tied_to_a_child_each_their_own_way_is_one_family() -> None:
    """A step-parent adoption (the mother's husband adopted her son) was exported as three
    families: the son in two one-parent families and the couple in one with no child, which
    other programs show as such (a second reader). One family, each parent's tie said alone."""
    people = {"me": "male", "mum": "female", "dad": "male"}
    parents = [("mum", "me", "birth"), ("dad", "me", "adoptive")]
    held = Family(
        person_id="me",
        people={p: Person(p, given_name=p, sex=sex) for p, sex in people.items()},
        parent_links=[ParentLink(a, b, kind) for a, b, kind in parents],
        partnerships=[Partnership("mum", "dad", "married")], sibling_ties=[],
    )  # fmt: skip
    tree = parse_gedcom(export_family(held, list(people)).encode(), today=TODAY)
    (family_,) = tree.families
    assert {(p, c.xref, k) for p, c, k in family_.ties()} == {
        ("@I2@", "@I1@", "birth"), ("@I3@", "@I1@", "adopted")}  # fmt: skip
    assert family_.married
    links, couples = _exported_links(people, parents, [("mum", "dad", "married")])
    assert links == {("mum", "me", "birth"), ("dad", "me", "adoptive")}
    assert couples == {("dad", "mum", "married")}


def test_two_parents_never_recorded_as_partners_are_not_made_a_couple() -> None:
    """Exported as one family (GEDCOM's one way to give a child two parents), they came back
    as a cohabiting couple, a partnership nobody recorded (a round-trip survey of 451 files)."""
    links, couples = _exported_links(
        {"me": "female", "mum": "female", "dad": "male"},
        [("mum", "me", "birth"), ("dad", "me", "birth")],
    )
    assert links == {("mum", "me", "birth"), ("dad", "me", "birth")}
    assert couples == set()
    # Recorded partners stay partners.
    _, couples = _exported_links(
        {"me": "female", "mum": "female", "dad": "male"},
        [("mum", "me", "birth"), ("dad", "me", "birth")],
        [("mum", "dad", "married")],
    )
    assert couples == {("dad", "mum", "married")}


def test_more_than_two_carers_are_each_kept_and_none_paired_at_random() -> None:
    """Three foster carers (a couple and one more) lost one carer and paired two strangers."""
    links, couples = _exported_links(
        {"me": "female", "ann": "female", "bob": "male", "cat": "female"},
        [("ann", "me", "foster"), ("bob", "me", "foster"), ("cat", "me", "foster")],
        [("ann", "bob", "married")],
    )
    assert links == {("ann", "me", "foster"), ("bob", "me", "foster"), ("cat", "me", "foster")}
    assert couples == {("ann", "bob", "married")}


def test_every_kind_of_partnership_comes_back_with_the_date_it_began() -> None:
    """A second reader: a civil partnership came back as a marriage, and a couple separated as
    living together (a current partnership, so together again), without the date they began.
    GEDCOM has no word for either: the export writes its own tag, which other programs read as
    a couple and this service as the kind, with the date."""
    found = {}
    kinds = ("married", "civil_partnership", "cohabiting", "separated", "divorced", "unknown")
    for recorded in kinds:
        held = Family(
            person_id="a",
            people={"a": Person("a", given_name="A", family_name="T", sex="male"),
                    "b": Person("b", given_name="B", family_name="T", sex="female")},
            parent_links=[], partnerships=[Partnership("a", "b", recorded, "2001-05-03")],
            sibling_ties=[],
        )  # fmt: skip
        written = export_family(held, ["a", "b"])
        tree = parse_gedcom(written.encode(), today=TODAY)
        (link,) = [x for x in _links(tree, {p.xref: p.xref for p in tree.people}, "gedcom:t")
                   if x["type"] == "partner"]  # fmt: skip
        found[recorded] = (link["props"]["kind"], link["props"]["since"])
        assert tree.notes == ()
    assert found == {recorded: (recorded, "2001-05-03") for recorded in found}
    assert set(found) == set(kinds)
    # Another program's file with the tag saying something else is read as a family with no
    # marriage is: a couple whose status is not recorded (a second reader: such a family was
    # recorded as living together, a household for the safety rules, which no file said).
    other = ("0 @I1@ INDI\n0 @I2@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n"
             "1 _LL_PARTNERSHIP engaged\n2 DATE 1999\n")  # fmt: skip
    tree = parse_gedcom(f"0 HEAD\n1 CHAR UTF-8\n{other}0 TRLR\n".encode(), today=TODAY)
    (link,) = [x for x in _links(tree, {p.xref: p.xref for p in tree.people}, "gedcom:t")
               if x["type"] == "partner"]  # fmt: skip
    assert (link["props"]["kind"], link["props"]["since"]) == ("unknown", None)


def test_a_couple_the_file_gives_no_status_is_recorded_with_status_not_known() -> None:
    """A second reader: a family of two partners with no marriage, divorce or end (most files,
    for married couples too) was recorded as living together, a fact the file never gave, and
    exported as `_LL_PARTNERSHIP cohabiting`. It is `unknown`, said (not `said`: an earlier
    record of the couple is not contradicted), written back so, and read back so; one the file
    says lived together stays so."""
    tree = parse(PARENTS + "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n")
    (link,) = _links(tree, {"@I2@": "bob", "@I3@": "anne"}, "gedcom:t")
    assert (link["props"]["kind"], link["said"]) == ("unknown", False)
    held = Family(
        person_id="a",
        people={"a": Person("a", given_name="A", family_name="T", sex="male"),
                "b": Person("b", given_name="B", family_name="T", sex="female")},
        parent_links=[], partnerships=[Partnership("a", "b", "unknown")], sibling_ties=[],
    )  # fmt: skip
    assert held.partnerships[0].current  # for the household rule, until a worker says
    written = export_family(held, ["a", "b"])
    assert "cohabiting" not in written
    back = parse_gedcom(written.encode(), today=TODAY)
    (link,) = _links(back, {p.xref: p.xref for p in back.people}, "gedcom:t")
    assert link["props"]["kind"] == "unknown"
    for said in ("1 _LL_PARTNERSHIP cohabiting", "1 MARR\n2 TYPE Unmarried"):
        tree = parse(PARENTS + f"0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n{said}\n")
        (link,) = _links(tree, {"@I2@": "bob", "@I3@": "anne"}, "gedcom:t")
        assert (link["props"]["kind"], link["said"]) == ("cohabiting", True)


def test_a_divorce_date_is_read_as_when_the_partnership_ended_and_written_back() -> None:
    """A divorce's date was neither read nor written: a couple divorced in 1998 came back from
    a family tree program as divorced at no known time, and the service's own `until` was lost
    on export. DIV's DATE is the partnership's `until`, both ways. One certainly before the
    marriage is a slip the import says it left out; one in the marriage's year, to a marriage
    dated to the day, is not (a second reader: it was dropped as before it)."""
    tree = parse(PARENTS + "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 MARR\n2 DATE 1990\n"
                 "1 DIV\n2 DATE 12 MAR 1998\n")  # fmt: skip
    assert family(tree, "@F1@").until == "1998-03-12"
    (couple,) = [x["props"] for x in _links(tree, {"@I2@": "bob", "@I3@": "anne"}, "gedcom:t")]
    assert (couple["kind"], couple["since"], couple["until"]) == ("divorced", "1990", "1998-03-12")
    slip = parse(PARENTS + "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 MARR\n2 DATE 1990\n"
                 "1 DIV\n2 DATE 1985\n")  # fmt: skip
    assert family(slip, "@F1@").until is None
    assert slip.notes == ("family @F1@ (line 13): divorce date is before the date the "
                          "partnership began: not read as a date",)  # fmt: skip
    same_year = parse(PARENTS + "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 MARR\n"
                      "2 DATE 12 MAR 1990\n1 DIV\n2 DATE 1990\n")  # fmt: skip
    assert (family(same_year, "@F1@").until, same_year.notes) == ("1990", ())
    # One still to come would make a couple together today not current: a slip, not read.
    later = parse(PARENTS + "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 DIV\n2 DATE 2031\n")
    assert family(later, "@F1@").until is None
    assert later.notes == ("family @F1@ (line 13): divorce date is after today: not read as a "
                           "date",)  # fmt: skip
    v7 = parse_gedcom(
        b"0 HEAD\n1 GEDC\n2 VERS 7.0\n"
        + PARENTS.encode()
        + b"0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 DIV\n2 DATE 2001\n0 TRLR\n",
        today=TODAY,
    )
    assert family(v7, "@F1@").until == "2001"


@pytest.mark.parametrize(
    "kind", ["married", "civil_partnership", "cohabiting", "separated", "divorced", "unknown"]
)
def test_every_kind_of_partnership_that_ended_comes_back_ended(kind: str) -> None:
    """A second reader: the export kept `until` for a divorce only, and a marriage or a couple
    living together that had ended came back as current. A divorce's end is DIV's date; any
    other's is written in a tag of this service's own (`_LL_ENDED`, with its DATE), which other
    programs leave alone and this import reads back."""
    held = Family(
        person_id="me",
        people={p: Person(p, given_name=p, family_name="Test", sex=sex)
                for p, sex in {"me": "female", "mum": "female", "dad": "male"}.items()},
        parent_links=[ParentLink("mum", "me", "birth"), ParentLink("dad", "me", "birth")],
        partnerships=[Partnership("mum", "dad", kind, since="1990-06", until="1998-03-12")],
        sibling_ties=[],
    )  # fmt: skip
    assert not held.partnerships[0].current
    text = export_family(held, ["me", "mum", "dad"])
    tag = "DIV" if kind == "divorced" else "_LL_ENDED"
    assert f"1 {tag}\n2 DATE 12 MAR 1998\n" in text
    back = parse_gedcom(text.encode(), today=TODAY)
    (fam,) = [f for f in back.families if len(f.partners) == 2]
    assert (fam.until, back.notes) == ("1998-03-12", ())
    name = {p.xref: p.given_name for p in back.people}
    (couple,) = [x["props"] for x in _links(back, {p.xref: p.xref for p in back.people}, "g:t")
                 if x["type"] == "partner"]  # fmt: skip
    assert (couple["kind"], couple["since"], couple["until"]) == (kind, "1990-06", "1998-03-12")
    again = Partnership("mum", "dad", couple["kind"], since=couple["since"],
                        until=couple["until"])  # fmt: skip
    assert not again.current
    assert sorted(name.values()) == ["dad", "me", "mum"]


@pytest.mark.parametrize(
    ("version", "stat"),
    [("5.5.1", "disproven"), ("7.0", "DISPROVEN"), ("5.5.1", "challenged"), ("5.5.1", "proven")],
)
def test_a_tie_the_file_says_is_disproven_is_not_imported(version: str, stat: str) -> None:
    """A second reader: `2 STAT disproven` under FAMC (a father ruled out by DNA) was imported
    as a birth tie, without a word, and the man became the young person's father. A disproven
    tie is not imported; a challenged one is, and said; a proven one is as any other."""
    head = HEAD if version == "5.5.1" else "0 HEAD\n1 GEDC\n2 VERS 7.0\n"
    body = (f"0 @I1@ INDI\n1 NAME Kid /A/\n1 FAMC @F1@\n2 STAT {stat}\n1 FAMC @F2@\n"
            "0 @I2@ INDI\n1 NAME Dad /A/\n1 SEX M\n0 @I3@ INDI\n1 NAME Mum /A/\n1 SEX F\n"
            "0 @F1@ FAM\n1 HUSB @I2@\n1 CHIL @I1@\n0 @F2@ FAM\n1 WIFE @I3@\n1 CHIL @I1@\n"
            "0 TRLR\n")  # fmt: skip
    tree = parse_gedcom((head + body).encode(), today=TODAY)
    children = {f.xref: [c.xref for c in f.children] for f in tree.families}
    disproven = stat.lower() == "disproven"
    assert children == {"@F1@": [] if disproven else ["@I1@"], "@F2@": ["@I1@"]}
    said = [n for n in tree.notes if "(STAT)" in n]
    if stat == "proven":
        assert said == []
    else:
        assert said == [
            f"@I1@ (line {4 if version == '7.0' else 7}): the file says the tie to "
            f"@F1@ (@I2@) is {stat.lower()} (STAT), to both its partners as the standard "
            "has it: "
            + (
                "not imported"
                if disproven
                else "imported as written: check it before relying on it"
            )
        ]


@pytest.mark.parametrize(
    ("status", "partners"), [("Never Married", False), ("Unmarried couple", True)]
)
def test_a_couple_who_never_married_is_not_made_partners(status: str, partners: bool) -> None:
    """A second reader: Family Historian's and Legacy's `_STAT Never Married` was read as a
    couple living together, though it says nothing of their ever being a couple (birth parents
    who never were are common among children in care). They are the parents of their children,
    not partners, and the coordinator is told; "Unmarried couple" is a couple."""
    body = ("0 @I1@ INDI\n1 NAME Kid /A/\n1 FAMC @F1@\n0 @I2@ INDI\n1 NAME Dad /A/\n1 SEX M\n"
            "0 @I3@ INDI\n1 NAME Mum /A/\n1 SEX F\n0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n"
            f"1 _STAT {status}\n1 CHIL @I1@\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom((HEAD + body).encode(), today=TODAY)
    [family] = tree.families
    assert (family.partnership, [c.xref for c in family.children]) == (partners, ["@I1@"])
    said = [n for n in tree.notes if "never married" in n]
    assert said == ([] if partners else [
        "family @F1@ (line 16): its status says the couple never married (_STAT): imported as "
        "parents of their children, not as partners; record a partnership by hand if they "
        "were a couple"])  # fmt: skip
    # Written out and read back, the same.
    again = parse_gedcom(write_gedcom(tree).encode(), today=TODAY).families[0]
    assert again.partnership is partners


def test_a_couple_who_divorced_and_married_again_are_married() -> None:
    """A second reader: a couple married in 1990, divorced in 1995 and married again in 2000,
    written as two families (as programs write each marriage), were imported as divorced, the
    file's first family winning; safeguarding then read a current husband as a former partner.
    The couple is one tie, as the family not ended says; and the notes say which was read."""
    body = ("0 @I1@ INDI\n1 NAME Ann /A/\n1 SEX F\n0 @I2@ INDI\n1 NAME Bob /B/\n1 SEX M\n"
            "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n1 MARR\n2 DATE 1990\n1 DIV\n2 DATE 1995\n"
            "0 @F2@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n1 MARR\n2 DATE 2000\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom((HEAD + body).encode(), today=TODAY)
    [couple] = [link for link in _links(tree, {"@I1@": "a", "@I2@": "b"}, "gedcom:t")
                if link["type"] == "partner"]  # fmt: skip
    assert (couple["props"]["kind"], couple["props"]["since"]) == ("married", "2000")
    assert "until" not in couple["props"]
    assert [n for n in tree.notes if "same couple" in n] == [
        "families @F2@, @F1@ name the same couple: their partnership is read from @F2@ (the one "
        "not ended, or the latest); check the others' dates by hand"]  # fmt: skip
    # Both ended: the latest.
    ended = body.replace("1 MARR\n2 DATE 2000\n", "1 MARR\n2 DATE 2000\n1 DIV\n2 DATE 2004\n")
    tree = parse_gedcom((HEAD + ended).encode(), today=TODAY)
    [couple] = [link for link in _links(tree, {"@I1@": "a", "@I2@": "b"}, "gedcom:t")
                if link["type"] == "partner"]  # fmt: skip
    assert (couple["props"]["kind"], couple["props"]["until"]) == ("divorced", "2004")


def test_a_family_that_held_only_a_disproven_father_is_no_couple() -> None:
    """A second reader: a family of the mother and a man the file says is not the child's
    father (FAMC STAT disproven), with no marriage, was imported as a couple, and he became
    the child's step-father. A family holding nothing but a disproven parentage, and saying
    nothing of a partnership, is no couple; one that records a marriage still is."""
    body = ("0 @I1@ INDI\n1 NAME Kid /A/\n1 FAMC @F1@\n2 STAT disproven\n1 FAMC @F2@\n"
            "0 @I2@ INDI\n1 NAME Wrong /Man/\n1 SEX M\n0 @I3@ INDI\n1 NAME Mum /A/\n1 SEX F\n"
            "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I3@\n1 CHIL @I1@\n0 @F2@ FAM\n1 WIFE @I3@\n"
            "1 CHIL @I1@\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom((HEAD + body).encode(), today=TODAY)
    couples = [link for link in _links(tree, {x: x for x in ("@I1@", "@I2@", "@I3@")}, "g:t")
               if link["type"] == "partner"]  # fmt: skip
    assert couples == []
    assert any("holds only a disproven parentage" in n for n in tree.notes)
    married = body.replace("1 CHIL @I1@\n0 @F2@", "1 MARR\n1 CHIL @I1@\n0 @F2@")
    tree = parse_gedcom((HEAD + married).encode(), today=TODAY)
    assert [link["props"]["kind"] for link in _links(tree, {x: x for x in (
        "@I1@", "@I2@", "@I3@")}, "g:t") if link["type"] == "partner"] == ["married"]  # fmt: skip
