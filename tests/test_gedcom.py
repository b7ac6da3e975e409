"""GEDCOM 5.5.1 import and export (`service.gedcom`): pure, no database."""

from __future__ import annotations

import gzip
import io
import random
import re
import time
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from service.gedcom import (
    MAX_LINES,
    GedcomChild,
    GedcomError,
    GedcomFamily,
    GedcomPerson,
    GedcomTree,
    Sex,
    parse_gedcom,
    write_gedcom,
)
from service.gedcom_again import likeness
from service.gedcom_checks import ancestor_loop
from service.gedcom_dates import WrittenDate, from_words
from service.gedcom_model import association_role

DATA = Path(__file__).resolve().parent / "data" / "gedcom"
TODAY = date(2025, 6, 1)
HEAD = "0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"


def ged(body: str, *, head: str = HEAD) -> bytes:
    """A whole file around the records given, one per line."""
    return (head + body.strip("\n") + "\n0 TRLR\n").encode()


def parse(data: bytes, **limits: int) -> GedcomTree:
    return parse_gedcom(data, today=TODAY, **limits)


def one_person(lines: str) -> GedcomPerson:
    """The single person of a file holding `0 @I1@ INDI` followed by `lines`."""
    (person,) = parse(ged("0 @I1@ INDI\n" + lines)).people
    return person


def person(
    xref: str,
    given: str,
    family: str,
    sex: Sex = "unknown",
    born: str | None = None,
    died: str | None = None,
    *,
    deceased: bool = False,
    born_as: WrittenDate | None = None,
    died_as: WrittenDate | None = None,
) -> GedcomPerson:
    return GedcomPerson(xref, given, family, sex, born, died, deceased, born_as, died_as)


def plain_families(families: tuple[GedcomFamily, ...]) -> tuple[GedcomFamily, ...]:
    """The families without their marriage dates as written (tested on their own)."""
    return tuple(replace(f, marriage_written=None) for f in families)


def plain(people: tuple[GedcomPerson, ...]) -> tuple[GedcomPerson, ...]:
    """The people without their dates as written and without why a death was worked out
    (tested on their own; an export records the death, so read back it is recorded)."""
    return tuple(
        replace(p, birth_written=None, death_written=None, living_inferred=None) for p in people
    )


def test_a_realistic_family_file_reads_as_plain_data() -> None:
    tree = parse((DATA / "family.ged").read_bytes())
    assert [f.marriage_written for f in tree.families][:1] == [
        WrittenDate("20 AUG 1966", None, "1966-08-20", "1966-08-20")
    ]
    assert plain(tree.people) == (
        person("@I1@", "Arthur", "Okafor", "male", "1941-07-04", "2003-11-19", deceased=True),
        # Her married name (a second NAME of TYPE married) is the name she is known by.
        replace(
            person("@I2@", "Margaret Rose", "Hughes", "female", "1945", deceased=True),
            known_as="Maggie Okafor",
            known_as_kind="married",
        ),
        person("@I3@", "Grace", "Okafor", "female", "1970-03"),
        person("@I4@", "Daniel", "Price", "male"),
        person("@I5@", "Leah", "Price", "female", "2009-02-02"),
        person("@I6@", "Samuel", "Price", "male", "2012"),
        person("@I7@", "Kayla", "Price", "female", "2015"),
        person("@I8@", "Joy Adaeze", "Okafor", "unknown", "1975-03-12"),
    )
    assert plain_families(tree.families) == (
        GedcomFamily(
            "@F1@",
            ("@I1@", "@I2@"),
            married=True,
            divorced=False,
            marriage_date="1966-08-20",
            children=(GedcomChild("@I3@", "birth"), GedcomChild("@I8@", "birth")),
        ),
        GedcomFamily(
            "@F2@",
            ("@I4@", "@I3@"),
            married=True,
            divorced=True,
            marriage_date=None,
            children=(
                GedcomChild("@I5@", "birth"),
                GedcomChild("@I6@", "adopted"),
                GedcomChild("@I7@", "foster"),
            ),
            until="2016",  # the file's DIV DATE (it was dropped)
        ),
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12 MAR 1950", "1950-03-12"),
        ("MAR 1950", "1950-03"),
        ("1950", "1950"),
        ("2 jan 1950", "1950-01-02"),
        ("29 FEB 2000", "2000-02-29"),
        ("5 MAY 800", "0800-05-05"),
        ("@#DGREGORIAN@ 5 JAN 1900", "1900-01-05"),
        ("ABT 1950", "1950"),
        ("CAL MAR 1950", "1950-03"),
        ("EST 12 MAR 1950", "1950-03-12"),
        ("INT 1950 (the year of the flood)", "1950"),
        ("BEF 1950", None),
        ("AFT 12 MAR 1950", None),
        ("BET 1950 AND 1955", None),
        ("FROM 1950 TO 1955", None),
        ("FROM 1950", None),
        ("TO 1950", None),
        ("1650/51", None),
        # Dual years are read with the later year; other calendars converted to Gregorian days.
        ("12 MAR 1650/51", "1651-03-12"),
        ("@#DJULIAN@ 12 MAR 1950", "1950-03-25"),
        ("@#DJULIAN@ 1650/51", None),
        ("@#DHEBREW@ 5710", None),
        ("@#DHEBREW@ 1 TSH 5710", "1949-09-24"),
        ("@#DFRENCH R@ 1 VEND 5", "1796-09-22"),
        ("@#DUNKNOWN@ 1950", None),
        ("@#DROMAN@ 1950", None),
        ("BET @#DJULIAN@ 1650 AND @#DGREGORIAN@ 1660", None),
        ("1950 B.C.", None),
        ("(in the spring)", None),
        ("spring 1950", None),
        ("12 SPR 1950", None),
        ("", None),
    ],
)
def test_dates_read_as_partial_iso_or_none(written: str, expected: str | None) -> None:
    assert one_person(f"1 BIRT\n2 DATE {written}").birth_date == expected


@pytest.mark.parametrize(
    "written", ["31 FEB 1950", "29 FEB 1900", "0 MAR 1950", "32 JAN 1950", "19928"]
)
def test_an_impossible_date_is_kept_as_written_not_read_and_named(written: str) -> None:
    """A typing slip in one date (FTM's `2 DATE 19928`) refused a whole tree; it is kept as
    written, nothing is worked out from it, and the note names the person by xref and line."""
    tree = parse(ged(f"0 @I1@ INDI\n0 @I7@ INDI\n1 DEAT\n2 DATE {written}"))
    found = tree.people[1]
    assert (found.death_date, found.deceased) == (None, True)
    assert found.death_written is not None
    assert found.death_written.written == written
    assert (found.death_written.earliest, found.death_written.latest) == (None, None)
    assert (
        "@I7@ (line 8): death date is not a valid calendar date: kept as written, not read as "
        "a date" in tree.notes
    )
    assert not any(written in note for note in tree.notes)


def test_an_impossible_marriage_date_is_kept_as_written_and_named() -> None:
    tree = parse(ged("0 @F3@ FAM\n1 MARR\n2 DATE 30 FEB 1970"))
    (family,) = tree.families
    assert family.marriage_date is None
    assert family.marriage_written is not None
    assert family.marriage_written.written == "30 FEB 1970"
    assert family.marriage_written.earliest is None
    assert (
        "family @F3@ (line 7): marriage date is not a valid calendar date: kept as written, not "
        "read as a date" in tree.notes
    )


@pytest.mark.parametrize(
    ("lines", "given", "family"),
    [
        (
            "1 NAME George (10th/11th Earl of) /DUNBAR/\n2 GIVN George (10th/11th Earl of)\n"
            "2 SURN DUNBAR",
            "George (10th/11th Earl of)",
            "DUNBAR",
        ),
        (
            "1 NAME George (10th/11th Earl of) /DUNBAR/ Jr",
            "George (10th/11th Earl of) Jr",
            "DUNBAR",
        ),
        ("1 NAME John /Smith/\n2 GIVN Johnny", "John", "Smith"),
        # Two surnames, each in slashes (a second reader: "Mary/Smith/" was the given name).
        ("1 NAME Mary /Smith/ /Jones/", "Mary", "Smith Jones"),
        ("1 NAME José /García/ /López/ Jr", "José Jr", "García López"),
        # A GIVN alone says the given names; the surname is still the slashes' (a second
        # reader: it was lost).
        ("1 NAME Mary /Smith/ /Jones/\n2 GIVN Mary", "Mary", "Smith Jones"),
        # A surname's prefix given as a part only (a second reader: "van den Berg" was "Berg").
        ("1 NAME Jan /Berg/\n2 SPFX van den\n2 SURN Berg", "Jan", "van den Berg"),
        ("1 NAME\n2 GIVN Anna\n2 SPFX van der\n2 SURN Berg", "Anna", "van der Berg"),
        ("1 NAME Jan /van den Berg/\n2 SPFX van den\n2 SURN Berg", "Jan", "van den Berg"),
        # The prefix among the given names moves; no space after an apostrophe; only where
        # the surname is the SURN alone (a third reader: "Jan van den van den Berg",
        # "d' Artagnan", "Decker" for de Decker, "van den Vandenberg").
        (
            "1 NAME Jan van den /Berg/\n2 GIVN Jan\n2 SPFX van den\n2 SURN Berg",
            "Jan",
            "van den Berg",
        ),
        ("1 NAME Charles /Artagnan/\n2 SPFX d'\n2 SURN Artagnan", "Charles", "d'Artagnan"),
        ("1 NAME Jan /Decker/\n2 SPFX de\n2 SURN Decker", "Jan", "de Decker"),
        ("1 NAME Jan /Vandenberg/\n2 SPFX van den\n2 SURN Berg", "Jan", "Vandenberg"),
        # A fourth reader: the prefix already in SURN doubled; with no SURN it was lost; a
        # given name that is the prefix alone was emptied.
        ("1 NAME Jan /van den Berg/\n2 SPFX van den\n2 SURN van den Berg", "Jan", "van den Berg"),
        ("1 NAME Jan /Berg/\n2 SPFX van den", "Jan", "van den Berg"),
        ("1 NAME Van /Berg/\n2 SPFX van\n2 SURN Berg", "Van", "van Berg"),
    ],
)
def test_a_slash_in_a_name_does_not_move_the_surname(lines: str, given: str, family: str) -> None:
    """PAF's royal92.ged names 157 people like "George (10th/11th Earl of) /DUNBAR/": ged4py
    took the first slash for the surname's start ("George (10th", "11th Earl of)"). The file's
    GIVN and SURN say where it is, or else the last pair of slashes does. GEDCOM 7 reads them
    the same (a second reader: "George (10th DUNBAR/" and "11th Earl of)")."""
    found = one_person(lines)
    assert (found.given_name, found.family_name) == (given, family)
    seven = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n" + lines + "\n0 TRLR\n"
    (found,) = parse_gedcom(seven.encode(), today=TODAY).people
    assert (found.given_name, found.family_name) == (given, family)


def test_a_date_in_another_language_with_accents_is_read_in_5_5_1_as_in_7() -> None:
    """A third reader: `12 févr. 1890` and `17 März 1890` were read in GEDCOM 7 and kept as
    phrases in 5.5.1, whose words beyond ASCII were not read again; a phrase in brackets is
    still a phrase, as written."""
    for written, born in (("12 févr. 1890", "1890-02-12"), ("17 März 1890", "1890-03-17"),
                          ("(à Paris)", None)):  # fmt: skip
        found = one_person(f"1 NAME A /B/\n1 BIRT\n2 DATE {written}")
        assert found.birth_date == born, written
        assert found.birth_written is not None
        assert found.birth_written.written == written
    # In ANSEL, whose accents ged4py gives as combining marks (a fourth reader).
    ansel = HEAD.replace("1 CHAR UTF-8", "1 CHAR ANSEL").encode() + (
        b"0 @I1@ INDI\n1 BIRT\n2 DATE 12 f\xe2evr. 1890\n0 TRLR\n")  # fmt: skip
    (found,) = parse(ansel).people
    assert found.birth_date == "1890-02-12"


def test_names_sex_and_death() -> None:
    assert one_person("1 NAME John Paul /Smith/ Jr.\n1 SEX M") == person(
        "@I1@", "John Paul Jr.", "Smith", "male"
    )
    assert one_person("1 NAME Jane\n2 SURN Doe\n1 SEX f\n1 DEAT Y") == person(
        "@I1@", "Jane", "Doe", "female", deceased=True
    )
    assert one_person("1 NAME /Lee/\n2 GIVN Ann\n1 SEX X\n1 DEAT\n2 DATE 2001") == person(
        "@I1@",
        "Ann",
        "Lee",
        died="2001",
        deceased=True,
        died_as=WrittenDate("2001", None, "2001-01-01", "2001-12-31"),
    )
    assert one_person("1 NAME Jo\n2 CONC hn  /Smi\n2 CONC th/") == person("@I1@", "John", "Smith")
    assert one_person("1 NAME @@home /Base/") == person("@I1@", "@home", "Base")
    assert one_person("1 SEX M") == person("@I1@", "", "", "male")


def test_pedigree_comes_from_the_childs_famc() -> None:
    tree = parse(
        ged(
            "0 @I1@ INDI\n1 FAMC @F1@\n2 PEDI ADOPTED\n"
            "0 @I2@ INDI\n1 FAMC @F1@\n2 PEDI foster\n"
            "0 @I3@ INDI\n1 FAMC @F1@\n2 PEDI sealing\n"
            "0 @I4@ INDI\n1 FAMC @F1@\n2 PEDI birth\n"
            "0 @I5@ INDI\n"
            "0 @F1@ FAM\n1 CHIL @I1@\n1 CHIL @I2@\n1 CHIL @I3@\n1 CHIL @I4@\n1 CHIL @I5@"
        )
    )
    # A sealing is not a tie read here (tests/test_gedcom_ties.py): @I3@ is nobody's child.
    assert [(c.xref, c.pedigree) for c in tree.families[0].children] == [
        ("@I1@", "adopted"),
        ("@I2@", "foster"),
        ("@I4@", "birth"),
        ("@I5@", "birth"),
    ]


def test_links_given_on_one_side_only_count() -> None:
    tree = parse(
        ged(
            "0 @I1@ INDI\n1 SEX M\n1 FAMS @F1@\n"
            "0 @I2@ INDI\n1 FAMC @F1@\n2 PEDI adopted\n"
            "0 @I3@ INDI\n"
            "0 @F1@ FAM\n1 WIFE @I3@\n1 MARR Y"
        )
    )
    assert tree.families == (
        GedcomFamily(
            "@F1@", ("@I3@", "@I1@"), True, False, None, (GedcomChild("@I2@", "adopted"),)
        ),
    )


def test_unknown_tags_notes_sources_and_media_are_ignored() -> None:
    tree = parse(
        ged(
            "0 @N1@ NOTE a note\n1 CONT more\n0 @S1@ SOUR\n1 TITL Parish register\n"
            "0 @O1@ OBJE\n1 FILE a.jpg\n0 @R1@ REPO\n1 NAME Archive\n0 _CUSTOM thing\n"
            "0 @I1@ INDI\n1 _UID 123\n1 NAME A /B/\n2 _PRIM Y\n1 RESI\n2 DATE 1990\n"
            "1 BIRT\n2 SOUR @S1@\n3 PAGE 4\n2 DATE 1960"
        )
    )
    born_as = WrittenDate("1960", None, "1960-01-01", "1960-12-31")
    assert tree.people == (person("@I1@", "A", "B", born="1960", born_as=born_as),)
    assert tree.families == ()
    # Not imported, and said, by kind and line (never what the records hold).
    assert tree.notes == (
        "not imported: 1 NOTE record (line 7)",
        "not imported: 1 SOUR record (line 9)",
        "not imported: 1 OBJE record (line 11)",
        "not imported: 1 REPO record (line 13)",
        "not imported: 1 _CUSTOM record (line 15)",
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\r\n  \n",
        b"hello world\n",
        b"<html><body>not a family tree</body></html>",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"0 @I1@ INDI\n0 TRLR\n",
        b"1 HEAD\n0 TRLR\n",
    ],
)
def test_what_is_not_a_gedcom_file_is_refused(data: bytes) -> None:
    with pytest.raises(GedcomError, match="not a GEDCOM"):
        parse(data)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_refused(seed: int) -> None:
    junk = random.Random(seed).randbytes(50_000)
    with pytest.raises(GedcomError):
        parse(junk)
    with pytest.raises(GedcomError, match="not a GEDCOM"):
        parse(junk.replace(b"\0", b""))


def test_a_truncated_file_is_refused() -> None:
    whole = (DATA / "family.ged").read_bytes()
    with pytest.raises(GedcomError, match=r"does not end with '0 TRLR'.*cut short"):
        parse(whole[: len(whole) // 2])


@pytest.mark.parametrize("end", [b"\n", b"\x1a\n", b"\r\n\x1a\n", b"\n\n\x1a\n \n"])
def test_a_trailer_before_the_end_is_skipped_and_said_the_records_after_it_read(end: bytes) -> None:
    """One program writes `0 TRLR` (a Windows one a Ctrl-Z after it) and appends records after
    it: the file is read to its last `0 TRLR`, and the notes name the line of the one before."""
    first = ged("0 @I1@ INDI\n1 NAME Ann /Lee/\n1 FAMS @F1@").removesuffix(b"0 TRLR\n")
    data = first + b"0 TRLR" + end + b"0 @I2@ INDI\n1 NAME Bob /Lee/\n1 FAMS @F1@\n"
    data += b"0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n0 TRLR\n"
    tree = parse(data)
    assert [p.given_name for p in tree.people] == ["Ann", "Bob"]
    assert tree.families[0].partners == ("@I2@", "@I1@")
    assert tree.notes == ("'0 TRLR' before the end of the file (line 10): skipped, and the "
                          "records after it read",)  # fmt: skip
    with pytest.raises(GedcomError, match=r"does not end with '0 TRLR'.*cut short"):
        parse(data.removesuffix(b"0 TRLR\n"))  # the last one is still the file's end


@pytest.mark.parametrize("trailer", [b"0 trlr", b"00 TRLR", b"0 Trlr \x1a"])
def test_a_trailer_before_the_end_in_any_case_is_said_too(trailer: bytes) -> None:
    first = ged("0 @I1@ INDI\n1 NAME Ann /Lee/").removesuffix(b"0 TRLR\n")
    tree = parse(first + trailer + b"\n0 @I2@ INDI\n1 NAME Bob /Lee/\n0 TRLR\n")
    assert [p.given_name for p in tree.people] == ["Ann", "Bob"]
    assert tree.notes[0].startswith("'0 TRLR' before the end of the file (line 9)")


@pytest.mark.parametrize("head", [b"0 HEAD", b"\xef\xbb\xbf0 HEAD", b"0 head"])
@pytest.mark.parametrize("trailer", [True, False])
def test_two_files_one_after_the_other_are_refused(head: bytes, trailer: bool) -> None:
    """Two exports written one after the other are two trees, each with its own character set
    and xrefs: nothing says they belong together, with a trailer between them or not."""
    one = ged("0 @I1@ INDI\n1 NAME Ann /Lee/")
    if not trailer:
        one = one.removesuffix(b"0 TRLR\n")
    two = ged("0 @I2@ INDI\n1 NAME Bob /Lee/").removeprefix(b"0 HEAD")
    line = 10 if trailer else 9
    with pytest.raises(GedcomError, match=rf"line {line}: a second '0 HEAD': the file holds two "
                                          r"GEDCOM files one after the other; import each on its "
                                          r"own"):  # fmt: skip
        parse(one + head + two)


@pytest.mark.parametrize("last", [b"0 trlr", b"00 TRLR", b"0 TRLR \x1a"])
def test_the_last_trailer_in_any_case_ends_the_file(last: bytes) -> None:
    tree = parse(ged("0 @I1@ INDI\n1 NAME Ann /Lee/").removesuffix(b"0 TRLR\n") + last + b"\n")
    assert [p.given_name for p in tree.people] == ["Ann"]


def test_gedcom_7_says_and_refuses_as_5_5_1_does_after_a_trailer_before_the_end() -> None:
    head = b"0 HEAD\n1 GEDC\n2 VERS 7.0\n"
    first = head + b"0 @I1@ INDI\n1 NAME Ann /Lee/\n0 TRLR\n"
    tree = parse(first + b"0 @I2@ INDI\n1 NAME Bob /Lee/\n0 TRLR\n")
    assert [p.given_name for p in tree.people] == ["Ann", "Bob"]
    assert tree.notes[0] == ("'0 TRLR' before the end of the file (line 6): skipped, and the "
                             "records after it read")  # fmt: skip
    for second in (head, b"\xef\xbb\xbf" + head):  # the second file's mark: not a syntax error
        with pytest.raises(GedcomError, match=r"line 7: a second '0 HEAD': the file holds two "
                                              r"GEDCOM files"):  # fmt: skip
            parse(first + second + b"0 @I2@ INDI\n1 NAME Bob /Lee/\n0 TRLR\n")


def test_a_file_that_is_not_in_the_character_set_it_names_is_read_in_the_one_it_is_in() -> None:
    """Windows programs write ANSI (Windows-1252) whatever the header says, or no CHAR at all;
    the file is read in what its bytes are, and the answer says so. Bytes no character set
    reads are still refused, with the line."""
    data = ged("0 @I1@ INDI\n1 SEX M\n0 @I2@ INDI\n1 NAME ReneX /Dubois/")
    latin = data.replace(b"ReneX", b"Ren\xe9e")  # Windows-1252 in a file that says UTF-8
    tree = parse(latin)
    assert tree.people[1].given_name == "Renée"
    assert tree.notes == ("the header says UTF-8, the bytes are not: read as Windows-1252 (ANSI)",)
    no_char = latin.replace(b"1 CHAR UTF-8\n", b"")
    assert parse(no_char).people[1].given_name == "Renée"
    assert parse(no_char).notes == (
        "no character set (CHAR) in the header: read as Windows-1252 (ANSI)",
    )
    utf8 = data.replace(b"ReneX", "Renée".encode()).replace(b"1 CHAR UTF-8", b"1 CHAR ANSEL")
    assert parse(utf8).people[1].given_name == "Renée"  # ANSEL's accents are never UTF-8
    assert parse(utf8).notes == ("the header says ANSEL, the bytes are UTF-8: read as UTF-8",)
    assert parse(data.replace(b"ReneX", "Renée".encode())).notes == ()
    with pytest.raises(
        GedcomError,
        match=r"unreadable GEDCOM file \(record at line 9\): bytes that are not valid "
        r"Windows-1252 \(ANSI\)",
    ):
        parse(data.replace(b"ReneX", b"Ren\x81e"))  # a byte Windows-1252 does not have


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("0 @I1@ INDI\n1 NAME A\nnonsense here", "line 9 has no level number"),
        ("0 @I1@ INDI\n\n1 NAME A\n1 SEX M\n@@ nonsense", "line 11 has no level number"),
        (
            "0 @I1@ INDI\n1 BIRT\n3 DATE 1950",
            "structure error at line 9: a line more than one "
            "level deeper than the line before it; correct it in the file, or export the tree "
            "again from the program it came from",
        ),
        ("0 @I1@ INDI\n1\tNAME A", "syntax error at line 8: a line that is not a level number"),
        ("0 INDI\n1 NAME A", "line 7: INDI record without an xref"),
    ],
)
def test_malformed_lines_are_named_by_line(body: str, message: str) -> None:
    """By line, and with what is wrong and what to do (a second reader was told only
    "structure error at line 9")."""
    with pytest.raises(GedcomError, match=re.escape(message)):
        parse(ged(body))


def test_a_file_cut_short_says_what_to_do() -> None:
    with pytest.raises(GedcomError, match=re.escape(
            "file does not end with '0 TRLR' (line 8): it may have been cut short when it was "
            "saved or sent; export it again from the program it came from")):  # fmt: skip
        parse(HEAD.encode() + b"0 @I1@ INDI\n1 NAME Ann /Lee/\n")


def test_notes_on_people_and_families_are_said_not_dropped() -> None:
    """A second reader: "Violent to Anne; do not contact", written on a person (Ancestry,
    Family Tree Maker and RootsMagic write notes so), went without a word. Not imported (a
    family member's words), but who carries one is said, to read in the file."""
    body = ("0 @I1@ INDI\n1 NAME Ann /Lee/\n1 FAMS @F1@\n"
            "0 @I2@ INDI\n1 NAME Bob /Lee/\n1 NOTE Violent to Anne;\n2 CONT do not contact\n"
            "1 FAMS @F1@\n0 @I3@ INDI\n1 NAME Cy /Lee/\n1 BIRT\n2 NOTE Born at home\n"
            "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n1 NOTE Separated in 2019\n")  # fmt: skip
    seven = ged(body.replace("1 NOTE", "1 SNOTE"), head="0 HEAD\n1 GEDC\n2 VERS 7.0\n")
    for tree in (parse(ged(body)), parse(seven)):
        said = [n for n in tree.notes if "(NOTE)" in n]
        assert said == ["2 people or families carry notes in the file (NOTE): @I2@, @F1@; not "
                        "imported: read them in the file, as one may say something a worker "
                        "should know, and record what matters by hand"]  # fmt: skip
        assert "Violent" not in " ".join(tree.notes)
    assert not [n for n in parse(ged("0 @I1@ INDI\n1 NAME Ann /Lee/\n")).notes if "NOTE" in n]


def test_private_records_and_a_second_untyped_name_are_said() -> None:
    """A second reader: RESN confidential (on a person or an event), Legacy's `_PRIV` and a
    second NAME with no TYPE (PAF, Legacy) went without a word. Imported, and said by xref."""
    body = ("0 @I1@ INDI\n1 NAME Ann /Lee/\n1 RESN confidential\n"
            "0 @I2@ INDI\n1 NAME Bob /Lee/\n1 BIRT\n2 DATE 1980\n2 RESN privacy\n"
            "0 @I3@ INDI\n1 NAME Cy /Lee/\n1 _PRIV Y\n"
            "0 @I4@ INDI\n1 NAME Anne /Jones/\n1 NAME Anne /Smith/\n"
            "0 @I5@ INDI\n1 NAME Dee /Ray/\n1 NAME Dee /Ray/\n"
            "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n1 RESN locked\n")  # fmt: skip
    seven = body.replace("1 _PRIV Y\n", "").replace("confidential", "CONFIDENTIAL")
    # The note names the tags the file used (a second reader: Legacy's `_PRIV` alone was
    # said to be RESN).
    for tree, marked, tags in ((parse(ged(body)), "@I1@, @I2@, @I3@, @F1@", "RESN, _PRIV"),
                               (parse(ged(seven, head="0 HEAD\n1 GEDC\n2 VERS 7.0\n")),
                                "@I1@, @I2@, @F1@", "RESN"),
                               (parse(ged("0 @I3@ INDI\n1 NAME Cy /Lee/\n1 _PRIV Y\n")), "@I3@",
                                "_PRIV")):  # fmt: skip
        said = [n for n in tree.notes if "marked private" in n]
        count = marked.count("@") // 2
        assert said == [f"{count} people or families marked private or confidential in the file "
                        f"({tags}): {marked}; imported: check with the family before sharing or "
                        "contacting"]  # fmt: skip
    tree = parse(ged(body))
    assert [n for n in tree.notes if "another name" in n] == [
        "@I4@ (line 18): the file gives them another name, with no word for what it is (a "
        "second NAME): not imported; record it by hand if they are known by it"
    ]
    assert [p.known_as for p in tree.people] == [None] * 5


def test_an_alias_is_the_name_known_by_unless_there_is_another() -> None:
    """A second reader: a NAME of TYPE aka (Gramps), an ALIA written as a name (Family Tree
    Maker) and a `_MARNM` on the record itself (TNG) were dropped without a word."""
    body = ("0 @I1@ INDI\n1 NAME Ann /Lee/\n1 NAME Annie /Smith/\n2 TYPE aka\n"
            "0 @I2@ INDI\n1 NAME Bea /Cole/\n1 ALIA Bea /Ward/\n"
            "0 @I3@ INDI\n1 NAME Cat /Hill/\n1 _MARNM Moss\n"
            "0 @I4@ INDI\n1 NAME Dee /Ray/\n1 ALIA @I1@\n"
            "0 @I5@ INDI\n1 NAME Eve /Fox/\n2 NICK Evie\n"
            "1 NAME Eva /Fox/\n2 TYPE aka\n")  # fmt: skip
    tree = parse(ged(body))
    assert [p.known_as for p in tree.people] == ["Annie Smith", "Bea Ward", "Cat Moss", None,
                                                 "Evie"]  # fmt: skip
    assert [n for n in tree.notes if "alias" in n] == [
        "@I5@ (line 20): the file gives a nickname and an alias: the nickname is the name they "
        "are known by; record the alias by hand if it is the name to find them by"
    ]
    body = body.replace("TYPE aka", "TYPE AKA").replace("1 ALIA Bea /Ward/\n", "")
    seven = parse(ged(body.replace("1 ALIA @I1@\n", ""), head="0 HEAD\n1 GEDC\n2 VERS 7.0\n"))
    assert seven.people[0].known_as == "Annie Smith"


def test_an_unknown_character_set_is_refused() -> None:
    head = HEAD.replace("UTF-8", "KLINGON")
    with pytest.raises(GedcomError, match="character set: Unknown codec name 'KLINGON'"):
        parse(ged("0 @I1@ INDI", head=head))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_with_its_byte_order_mark_reads(encoding: str) -> None:
    # GEDCOM 5.5.1's `CHAR UNICODE` is UTF-16, written with a byte-order mark.
    text = ged("0 @I1@ INDI\n1 NAME Zoë /Ó Briain/", head=HEAD.replace("UTF-8", "UNICODE"))
    data = text.decode().encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff".encode(encoding)) + data
    (found,) = parse(data).people
    assert (found.given_name, found.family_name) == ("Zoë", "Ó Briain")


def test_real_world_shapes_read_gramps_xrefs_blank_lines_and_ctrl_z() -> None:
    """What Gramps and older Windows programs write: `_` xrefs (a letter in GEDCOM 5.5.1) on
    people, families and user-defined records; blank lines between records; a Ctrl-Z at the
    end. Line numbers in messages stay those of the file."""
    body = (
        "0 @_I1@ INDI\n1 NAME Ann /Smith/\n1 SEX F\n1 FAMC @_F1@\n\n"
        "0 @I2@ INDI\n1 NAME Bob /Smith/\n1 SEX M\n1 FAMS @_F1@\n\n"
        "0 @_F1@ FAM\n1 HUSB @I2@\n1 CHIL @_I1@\n"
        "0 @_custom1@ NOTE made by Gramps\n1 CONT for every export"
    )
    tree = parse(ged(body) + b"\x1a")
    assert [p.xref for p in tree.people] == ["@_I1@", "@I2@"]
    (family,) = tree.families
    assert (family.xref, family.partners, [c.xref for c in family.children]) == (
        "@_F1@", ("@I2@",), ["@_I1@"])  # fmt: skip
    assert tree.notes == ("not imported: 1 NOTE record (line 20)",)
    # Written out and read back, the xrefs are as they came (the note is not written out).
    assert parse(write_gedcom(tree).encode()) == replace(tree, notes=())
    missing = parse(ged(body.replace("1 HUSB @I2@", "1 HUSB @I9@")) + b"\x1a")
    assert missing.notes[-1].endswith(": family @_F1@ (line 17) to @I9@")


@pytest.mark.parametrize("ends", ["\n", "\r\r\n"])
def test_blank_lines_inside_a_record_are_passed_over(ends: str) -> None:
    """A blank line inside a record (or after every line: CRLF converted to CRCRLF by a mail
    program) is passed over: the lines after it stay under their event and link (a second
    reader: each read as a line of its own, an adoption and a birth date were lost, and a
    level-4 line after one refused the file). Line numbers in messages stay the file's."""
    body = (
        "0 @I1@ INDI\n1 NAME Ann /Smith/\n\n1 BIRT\n\n2 DATE 3 MAR 2011\n1 FAMC @F1@\n\n"
        "2 PEDI adopted\n0 @I2@ INDI\n1 NAME Bob /Smith/\n1 SEX M\n1 FAMS @F1@\n"
        "1 DEAT\n2 DATE 1990\n\n3 _QUAL x\n\n4 _X y\n"
        "0 @F1@ FAM\n1 HUSB @I2@\n1 CHIL @I1@\n1 CHIL @I9@"
    )
    data = ged(body).replace(b"\n", ends.encode())
    tree = parse(data)
    ann = next(p for p in tree.people if p.xref == "@I1@")
    assert ann.birth_date == "2011-03-03"
    (family,) = tree.families
    assert [(c.xref, c.pedigree) for c in family.children] == [("@I1@", "adopted")]
    # The messages name the file's own lines (with CRCRLF an editor shows a blank line after
    # each).
    line = 26 if ends == "\n" else 2 * 26 - 1
    assert tree.notes[-1].endswith(f"family @F1@ (line {line}) to @I9@"), tree.notes


COUPLE = "0 @I1@ INDI\n1 SEX M\n0 @I2@ INDI\n1 SEX F\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n"


@pytest.mark.parametrize(
    ("lines", "kind", "divorced", "until"),
    [
        # Family Tree Maker's and Brother's Keeper's separation, and Gramps' and webtrees'.
        ("1 MARR\n2 DATE 2010\n1 _SEPR\n2 DATE 2015", "separated", False, "2015"),
        ("1 MARR\n1 EVEN\n2 TYPE Separation\n2 DATE 12 MAR 2015", "separated", False, "2015-03-12"),
        ("1 MARR\n1 DIVF\n2 DATE 2016", "separated", False, "2016"),
        # Statuses with no date: Family Historian's, Legacy's and Family Tree Maker's.
        ("1 MARR\n2 DATE 2010\n1 _STAT Separated", "separated", False, None),
        ("1 MARR\n1 _STAT Divorced", "divorced", True, None),
        ("1 MARR\n1 _MEND Divorce", "divorced", True, None),
        ("1 MARR\n1 ANUL\n2 DATE 2012", "divorced", True, "2012"),
        ("1 MARR\n1 EVEN\n2 TYPE Divorce\n2 DATE 2014", "divorced", True, "2014"),
        # An event of no TYPE, said by its own words (a second reader).
        ("1 MARR\n1 EVEN Divorce\n2 DATE 2014", "divorced", True, "2014"),
        ("1 MARR\n1 EVEN Separation\n2 DATE 2015", "separated", False, "2015"),
        # A divorce said after a separation: the divorce, with its own date.
        ("1 MARR\n1 _SEPR\n2 DATE 2015\n1 DIV\n2 DATE 2017", "divorced", True, "2017"),
        ("1 MARR\n1 _SEPR\n2 DATE 2015\n1 _STAT Divorced", "divorced", True, None),
        # A civil partnership written as a marriage of that type; and one that ended.
        ("1 MARR\n2 TYPE Civil Partnership\n2 DATE 2010", "civil_partnership", False, None),
        ("1 MARR\n2 TYPE civil union\n1 _SEPR\n2 DATE 2015", "separated", False, "2015"),
        # A couple the marriage's TYPE says did not marry (a second reader: married), living
        # together or, once "divorced" or separated, apart.
        ("1 MARR\n2 TYPE Unmarried\n2 DATE 2010", "cohabiting", False, None),
        ("1 MARR Unmarried", "cohabiting", False, None),
        ("1 MARR\n2 TYPE Common Law", "cohabiting", False, None),
        ("1 MARR\n2 TYPE Unmarried\n1 DIV\n2 DATE 2016", "separated", False, "2016"),
        ("1 MARR\n2 TYPE Unmarried\n1 _SEPR\n2 DATE 2015", "separated", False, "2015"),
        ("1 MARR\n2 TYPE Unmarried\n1 _STAT Divorced", "separated", False, None),
        # Living together, then married: married (a third reader).
        ("1 MARR\n2 TYPE Unmarried\n2 DATE 2005\n1 MARR\n2 DATE 2010", "married", False, None),
        # Another event, and a marriage of another type, say nothing of an end.
        (
            "1 MARR\n2 TYPE Religious\n1 EVEN\n2 TYPE Engagement\n2 DATE 2009",
            "married",
            False,
            None,
        ),
    ],
)
def test_a_partnership_ended_in_another_programs_words(
    lines: str, kind: str, divorced: bool, until: str | None
) -> None:
    """Separations and divorces as other programs write them (a second reader: each came back
    as a current marriage, which safeguarding reads differently from a former partner)."""
    (family,) = parse(ged(COUPLE + lines)).families
    read = family.kind or ("divorced" if family.divorced else "married")
    assert (read, family.divorced, family.until) == (kind, divorced, until)


def test_size_and_people_limits() -> None:
    data = ged("0 @I1@ INDI\n0 @I2@ INDI\n0 @I3@ INDI")
    assert len(parse(data, max_people=3).people) == 3
    with pytest.raises(GedcomError, match="more than 2 individuals"):
        parse(data, max_people=2)
    with pytest.raises(GedcomError, match=f"{len(data)} bytes, more than the limit of 100"):
        parse(data, max_bytes=100)


def test_a_duplicate_xref_is_refused() -> None:
    with pytest.raises(GedcomError, match="duplicate xref @I1@ at lines 7 and 9"):
        parse(ged("0 @I1@ INDI\n1 SEX M\n0 @I1@ INDI"))
    with pytest.raises(GedcomError, match="duplicate xref @X1@"):
        parse(ged("0 @X1@ INDI\n0 @X1@ FAM"))


@pytest.mark.parametrize(
    ("body", "said", "families"),
    [
        ("0 @I1@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@", "family @F1@ (line 8) to @I2@",
         [("@F1@", ("@I1@",), ())]),
        ("0 @I1@ INDI\n0 @F1@ FAM\n1 CHIL @I9@", "family @F1@ (line 8) to @I9@",
         [("@F1@", (), ())]),
        ("0 @I1@ INDI\n1 FAMC @F2@", "@I1@ (line 7) to @F2@", []),
        ("0 @I1@ INDI\n1 FAMS @F2@", "@I1@ (line 7) to @F2@", []),
        ("0 @I1@ INDI\n0 @I2@ INDI\n1 FAMS @I1@", "@I2@ (line 8) to @I1@", []),
    ],
)  # fmt: skip
def test_links_to_missing_records_are_left_out_and_said(
    body: str, said: str, families: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    """Programs export part of a tree with its links whole (MyHeritage's Family Tree Builder:
    a hundred people pointing at families not in the file): each such link is left out, the
    rest imported, and one note at the head of the answer says how many and where."""
    tree = parse(ged(body))
    assert [(f.xref, f.partners, tuple(c.xref for c in f.children)) for f in tree.families] == (
        families
    )
    assert tree.notes[0] == f"1 links to people or families the file does not hold left out: {said}"


def test_a_link_written_as_words_is_never_quoted() -> None:
    """A FAMC or HUSB holding free text (a name) where an xref belongs: left out like any link
    to a missing record, and the note does not repeat the words."""
    tree = parse(ged("0 @I1@ INDI\n1 FAMC Mary Smith\n0 @F1@ FAM\n1 HUSB Peter Jones\n"))
    assert tree.notes[0] == (
        "2 links to people or families the file does not hold left out: @I1@ (line 7) to a link "
        "that is not an xref; family @F1@ (line 9) to a link that is not an xref"
    )


def test_many_links_to_missing_records_are_counted_in_one_note_that_is_never_cut() -> None:
    body = "".join(f"0 @I{i}@ INDI\n1 FAMS @F{i}@\n1 BIRT\n2 DATE ABT 1900\n" for i in range(120))
    tree = parse(ged(body))
    assert len(tree.people) == 120
    assert tree.notes[0].startswith(
        "120 links to people or families the file does not hold left out: @I0@ (line 7) to "
        "@F0@; @I1@ (line 11) to @F1@;"
    )
    assert tree.notes[0].endswith("; and 115 more")


def test_a_family_record_naming_more_than_two_partners_is_refused() -> None:
    body = (
        "0 @I1@ INDI\n0 @I2@ INDI\n0 @I3@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 WIFE @I3@"
    )
    with pytest.raises(GedcomError, match=r"family @F1@ .*more than two partners"):
        parse(ged(body))


def test_a_third_partner_named_only_by_their_own_fams_is_left_out_and_said() -> None:
    """A stray FAMS on someone a family's record does not name, when it names its two
    partners, is that person's slip: the link is left out and said (a second reader: the
    whole tree was refused). The family's record decides who its couple are."""
    body = (
        "0 @I1@ INDI\n0 @I2@ INDI\n0 @I3@ INDI\n1 FAMS @F1@\n0 @I4@ INDI\n1 FAMC @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I4@"
    )
    tree = parse(ged(body))
    (family,) = tree.families
    assert family.partners == ("@I1@", "@I2@")
    assert [c.xref for c in family.children] == ["@I4@"]
    assert tree.notes == (
        "family @F1@ (line 13) names its two partners; @I3@ (line 9) names it as their "
        "family too (FAMS): that link is left out; record the tie by hand if it is right",
    )
    # With one partner named by the record, the FAMS makes the other, as before.
    one = parse(ged(body.replace("1 WIFE @I2@\n", ""))).families[0]
    assert one.partners == ("@I1@", "@I3@")


def test_one_person_named_as_both_partners_is_said() -> None:
    """A slip in a file (HUSB and WIFE the same person) made no partnership, and said nothing."""
    body = "0 @I1@ INDI\n1 NAME Al /Lee/\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I1@"
    tree = parse(ged(body))
    assert [f.partners for f in tree.families] == [("@I1@",)]
    assert any(
        n.startswith("family @F1@ (line")
        and n.endswith("@I1@ is named as both partners; read as one partner alone")
        for n in tree.notes
    ), tree.notes
    seven = (
        "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I1@\n0 TRLR\n"
    )
    assert any("@I1@ is named as both partners" in n for n in parse(seven.encode()).notes)
    # Someone else says they are the family's partner (FAMS): read as the other, and said so.
    tree = parse(ged(body + "\n1 MARR\n0 @I2@ INDI\n1 FAMS @F1@"))
    assert [f.partners for f in tree.families] == [("@I1@", "@I2@")]
    said = [n for n in tree.notes if "named as both partners" in n]
    assert [n.rsplit("; ", 1)[-1] for n in said] == ["read with @I2@ as the other"], tree.notes


PEOPLE = "".join(f"0 @I{n}@ INDI\n" for n in range(1, 6))


def _children(tree: GedcomTree) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each family's parent-child ties as (parent, child) pairs."""
    return [(f.xref, [(parent, kid.xref) for parent, kid, _ in f.ties()]) for f in tree.families]


@pytest.mark.parametrize("famc", ["", "1 FAMC @F1@\n1 FAMC @F2@\n", "1 FAMC @F2@\n1 FAMC @F1@\n"])
def test_a_child_of_two_families_with_no_word_for_how_gets_no_birth_parent_it_may_not_have(
    famc: str,
) -> None:
    """A child raised by grandparents, in both families with no PEDI (RootsMagic wrote Nelly
    Custis so): more than two birth parents refused the whole file. Which family the child was
    born into cannot be told (programs give the order of a child's families no meaning), so
    none of the parents is made a parent, whatever the order, and the note asks for them to be
    added by hand with the right kind."""
    body = PEOPLE.replace("0 @I5@ INDI\n", "0 @I5@ INDI\n" + famc) + (
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I5@\n0 @F2@ FAM\n1 HUSB @I3@\n1 CHIL @I5@\n"
    )
    tree = parse(ged(body))
    assert _children(tree) == [("@F1@", []), ("@F2@", [])]
    assert tree.notes == (
        "@I5@ (line 11) is a child of @F1@ and @F2@ with no word for how, which would give them "
        "more than two birth parents: @I1@ and @I2@ and @I3@ not imported as parents; add them "
        "by hand (birth, adoptive, step or foster)",
    )


def test_a_child_said_to_be_born_into_two_families_is_told_so() -> None:
    """`PEDI birth` under both FAMC: the same parents left out, and the note says the file
    said birth of each (a second reader: it said the file gave no word)."""
    child = "0 @I5@ INDI\n1 FAMC @F1@\n2 PEDI birth\n1 FAMC @F2@\n2 PEDI birth\n"
    body = PEOPLE.replace("0 @I5@ INDI\n", child) + (
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I5@\n0 @F2@ FAM\n1 HUSB @I3@\n1 CHIL @I5@\n"
    )
    tree = parse(ged(body))
    assert _children(tree) == [("@F1@", []), ("@F2@", [])]
    (note,) = tree.notes
    assert "is a child of @F1@ and @F2@ said to be born to each, which would give" in note


@pytest.mark.parametrize("seven", [False, True])
def test_the_family_a_birth_event_names_keeps_its_birth_parents(seven: bool) -> None:
    """5.5.1's own way to say which family a child was born into (`1 BIRT` / `2 FAMC`): its
    parents stay the birth parents, the other family's are left for a worker to add with the
    right kind (a second reader: all three were dropped, as where nothing says)."""
    body = PEOPLE.replace("0 @I5@ INDI\n", "0 @I5@ INDI\n1 BIRT\n2 FAMC @F2@\n") + (
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I5@\n0 @F2@ FAM\n1 HUSB @I3@\n1 CHIL @I5@\n"
    )
    tree = parse(ged(body, head="0 HEAD\n1 GEDC\n2 VERS 7.0\n") if seven else ged(body))
    assert _children(tree) == [("@F1@", []), ("@F2@", [("@I3@", "@I5@")])]
    (note,) = tree.notes
    assert note.startswith("@I5@ (line ")
    assert "is a child of @F1@ and @F2@ (its birth names @F2@) " in note
    assert "@I1@ and @I2@ not imported as parents; @I3@ kept as a birth parent" in note


def test_a_mother_with_the_father_then_a_step_father_stays_the_birth_mother() -> None:
    """The same parent in both families (a mother with the father, then with a step-father; or
    FTM's willis.ged, a father with two wives): that parent stays a birth parent in both; the
    two who cannot both be are left for the coordinator, whatever order the file gives."""
    body = PEOPLE + (
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I5@\n"
        "0 @F2@ FAM\n1 HUSB @I3@\n1 WIFE @I2@\n1 CHIL @I5@\n"
    )
    tree = parse(ged(body))
    assert _children(tree) == [("@F1@", [("@I2@", "@I5@")]), ("@F2@", [("@I2@", "@I5@")])]
    assert tree.notes == (
        "@I5@ (line 11) is a child of @F1@ and @F2@ with no word for how, which would give them "
        "more than two birth parents: @I1@ and @I3@ not imported as parents; @I2@ kept as a "
        "birth parent; add them by hand (birth, adoptive, step or foster)",
    )


def test_adoptive_and_foster_parents_do_not_count_as_birth_parents() -> None:
    child = "0 @I5@ INDI\n1 FAMC @F1@\n1 FAMC @F2@\n2 PEDI adopted\n1 FAMC @F3@\n2 PEDI foster\n"
    body = PEOPLE.replace("0 @I5@ INDI\n", child) + (
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 CHIL @I5@\n"
        "0 @F2@ FAM\n1 HUSB @I3@\n1 WIFE @I4@\n1 CHIL @I5@\n"
        "0 @F3@ FAM\n1 WIFE @I4@\n1 CHIL @I5@\n"
    )
    tree = parse(ged(body))
    assert [c.pedigree for f in tree.families for c in f.children] == ["birth", "adopted", "foster"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I1@", "@I1@ is their own ancestor: @I1@ -> @I1@"),
        (
            "0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n0 @F2@ FAM\n1 WIFE @I2@\n1 CHIL @I3@\n"
            "0 @F3@ FAM\n1 WIFE @I3@\n1 CHIL @I1@",
            "is their own ancestor: (@I\\d@ -> ){3}@I\\d@",
        ),
    ],
)
def test_a_person_who_is_their_own_ancestor_is_refused(body: str, message: str) -> None:
    with pytest.raises(GedcomError, match=message):
        parse(ged(PEOPLE + body))


def test_adoption_and_fostering_count_for_ancestry() -> None:
    body = (
        "0 @I1@ INDI\n1 FAMC @F2@\n2 PEDI adopted\n0 @I2@ INDI\n1 FAMC @F1@\n2 PEDI foster\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n0 @F2@ FAM\n1 WIFE @I2@\n1 CHIL @I1@"
    )
    with pytest.raises(GedcomError, match="@I1@ is their own ancestor: @I1@ -> @I2@ -> @I1@"):
        parse(ged(body))


def test_an_ancestor_loop_through_ties_already_recorded_is_found() -> None:
    """After an import links its people, the case's parent links are looked through again:
    a file correct alone can close a loop with a tie recorded before (`ancestor_loop`)."""
    links = [("rose", "anne"), ("anne", "kit"), ("bob", "kit")]
    assert ancestor_loop(links, links) is None
    assert ancestor_loop([], []) is None
    swapped = [*links, ("anne", "rose")]
    assert ancestor_loop(swapped, [("anne", "rose")]) == ["anne", "rose", "anne"]
    long = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "b"), ("x", "a")]
    assert ancestor_loop(long, [("d", "b")]) == ["d", "b", "c", "d"]
    # A loop the case held before, which the ties just made do not take, is not theirs.
    assert ancestor_loop(long, [("x", "a"), ("a", "b")]) is None
    assert ancestor_loop([*long, ("d", "x")], [("x", "a")]) == ["x", "a", "b", "c", "d", "x"]


@pytest.mark.parametrize(
    ("born", "died"),
    [
        ("1950", "1949"),
        ("MAR 1950", "FEB 1950"),
        ("12 MAR 1950", "11 MAR 1950"),
        ("ABT 1950", "EST 1949"),
    ],
)
def test_death_before_birth_keeps_both_as_written_and_reads_neither(born: str, died: str) -> None:
    """royal92.ged (PAF) was refused for one of its 3,010 people, born 1941 and died 1906:
    which date is wrong cannot be told, so both are kept as written and neither is read."""
    tree = parse(ged(f"0 @I4@ INDI\n1 BIRT\n2 DATE {born}\n1 DEAT\n2 DATE {died}"))
    (found,) = tree.people
    assert (found.birth_date, found.death_date, found.deceased) == (None, None, True)
    assert found.birth_written is not None
    assert found.death_written is not None
    assert (found.birth_written.written, found.death_written.written) == (born, died)
    assert {found.birth_written.earliest, found.death_written.latest} == {None}
    assert tree.notes == (
        "@I4@ (line 7): the death date is before the birth date: both kept as written, neither "
        "read as a date",
    )


@pytest.mark.parametrize(
    ("parent", "child", "said"),
    [
        ("3 MAR 1990", "1985", True),
        ("1990", "MAR 1990", True),  # the same year: no one is their parent's age
        ("1970", "1990", False),
        ("1980", "1983", True),  # a birth parent three years older: a slip of the year
        ("1980", "1990", False),
        ("ABT 1990", "1985", False),  # a date about, before or between is not compared
        ("1990", "BEF 1985", False),
        ("", "1985", False),
    ],
)
def test_a_birth_child_born_before_their_parent_is_imported_as_written_and_named(
    parent: str, child: str, said: bool
) -> None:
    """The API refuses a birth parent not born at least 10 years before their child
    (`dates.born_out_of_order`);
    a tree holding one came in with no word. It is imported as written (which date is wrong
    cannot be told), and a note asks for both dates to be checked."""
    people = f"0 @I1@ INDI\n1 BIRT\n2 DATE {parent}\n0 @I2@ INDI\n1 BIRT\n2 DATE {child}\n"
    tree = parse(ged(people + "0 @I3@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I3@\n1 CHIL @I2@"))
    (fam,) = tree.families
    assert [(p, c.xref, k) for p, c, k in fam.ties()] == [("@I1@", "@I2@", "birth"),
                                                          ("@I3@", "@I2@", "birth")]  # fmt: skip
    note = (
        "@I2@ (line 10) is recorded as born no later than, or less than 10 years after, their "
        "birth parent @I1@ (line 7) in family @F1@: imported as written; check both birth dates"
    )
    assert (note in tree.notes) is said
    assert not any("@I3@" in n and "no later" in n for n in tree.notes)


@pytest.mark.parametrize(
    ("born", "died"),
    [("12 MAR 1950", "MAR 1950"), ("12 MAR 1950", "1950"), ("1950", "1 JAN 1950"), ("1950", "")],
)
def test_dates_are_compared_at_the_precision_they_share(born: str, died: str) -> None:
    found = one_person(f"1 BIRT\n2 DATE {born}\n1 DEAT\n2 DATE {died}")
    assert found.deceased


@pytest.mark.parametrize(
    ("event", "written", "refused"),
    [
        ("BIRT", "2 JUN 2025", True),
        ("BIRT", "JUL 2025", True),
        ("BIRT", "2026", True),
        ("DEAT", "2 JUN 2025", True),
        ("BIRT", "1 JUN 2025", False),
        ("BIRT", "JUN 2025", False),
        ("DEAT", "2025", False),
        ("BIRT", "AFT 2030", True),  # no day it allows has come yet
        ("BIRT", "BET 2020 AND 2030", False),
    ],
)
def test_dates_after_today_are_kept_as_written_and_not_read(
    event: str, written: str, refused: bool
) -> None:
    tree = parse(ged(f"0 @I2@ INDI\n1 {event}\n2 DATE {written}"))
    (found,) = tree.people
    what = "birth" if event == "BIRT" else "death"
    kept = found.birth_written if event == "BIRT" else found.death_written
    assert kept is not None
    assert kept.written == written
    said = f"@I2@ (line 7): {what} date is after today: kept as written, not read as a date"
    assert (said in tree.notes) is refused
    if refused:
        assert (found.birth_date, found.death_date, kept.earliest, kept.latest) == (None,) * 4


def test_today_defaults_to_the_real_date() -> None:
    next_year = date.today().year + 1
    tree = parse_gedcom(ged(f"0 @I1@ INDI\n1 BIRT\n2 DATE {next_year}"))
    assert tree.people[0].birth_date is None
    assert any("birth date is after today" in note for note in tree.notes)


@pytest.mark.timeout(20)
def test_hostile_inputs_fail_fast_and_cleanly() -> None:
    hostile = {
        "a 5 MB line": (HEAD + "1 NOTE " + "x" * 5_000_000 + "\n0 TRLR\n").encode(),
        "levels 0..99999": (HEAD + "".join(f"{n} X\n" for n in range(100_000))).encode()
        + b"0 TRLR\n",
        "a NUL byte": ged("0 @I1@ INDI\n1 NAME A\0B"),
        "half a million people": HEAD.encode() + b"0 @I1@ INDI\n" * 500_000 + b"0 TRLR\n",
        "millions of lines": HEAD.encode() + b"1 X\n" * (MAX_LINES + 1) + b"0 TRLR\n",
        "a huge number": ged("0 @I1@ INDI\n1 BIRT\n2 DATE " + "9" * 5000),
        "21 MB": b"0 HEAD\n" + b" " * 21_000_000,
    }
    messages = {
        "a 5 MB line": "line 7 is longer than",
        "levels 0..99999": "line 107: level number above 99",
        "a NUL byte": "NUL byte at line 8",
        "half a million people": "more than 100000 individuals",
        "millions of lines": f"more than {MAX_LINES} lines",
        "a huge number": r"unreadable GEDCOM file \(record at line 7\): ValueError",
        "21 MB": "more than the limit of 20000000",
    }
    for name, data in hostile.items():
        started = time.perf_counter()
        with pytest.raises(GedcomError, match=messages[name]):
            parse(data)
        assert time.perf_counter() - started < 5, name


def test_nesting_to_the_standards_limit_is_fine() -> None:
    deep = "".join(f"{n} _X\n" for n in range(1, 100))
    assert one_person(deep + "1 SEX F").sex == "female"


def test_bom_crlf_and_cr_files_read_the_same() -> None:
    plain = (DATA / "family.ged").read_bytes()
    expected = parse(plain)
    assert parse(b"\xef\xbb\xbf" + plain) == expected
    assert parse(plain.replace(b"\n", b"\r\n")) == expected
    assert parse(plain.replace(b"\n", b"\r")) == expected
    assert parse(plain + b"\n\n  \n") == expected


def test_an_ansel_file_reads_as_unicode() -> None:
    head = HEAD.replace("UTF-8", "ANSEL").encode()
    body = b"0 @I1@ INDI\n1 NAME Zo\xe8e /M\xe8uller/\n0 TRLR\n"
    (found,) = parse(head + body).people
    assert (found.given_name, found.family_name) == ("Zo\u00eb", "M\u00fcller")


def test_a_character_split_across_conc_lines_is_rejoined() -> None:
    data = HEAD.encode() + b"0 @I1@ INDI\n1 NAME Zo\xc3\n2 CONC \xab /Smith/\n0 TRLR\n"
    assert parse(data).people[0].given_name == "Zo\u00eb"


FULL = GedcomTree(
    people=(
        person("@I1@", "Arthur", "Okafor", "male", "1941-07-04", "2003-11-19", deceased=True),
        person("@I2@", "Margaret Rose", "Hughes", "female", "1945", deceased=True),
        person("@I3@", "Grace", "Okafor-Price", "female", "1970-03"),
        person("@I4@", "Daniel", "Price", "male"),
        person("@I5@", "Leah", "Price", "female", "2009-02-02"),
        person("@I6@", "Sam", "", "unknown", "2012"),
        person("@I7@", "@home", "Zoë", "female", "0800-01-01"),
        person("@I8@", "", "", "unknown"),
        person("@P9@", "Robin", "Price", "male"),
    ),
    families=(
        GedcomFamily(
            "@F1@",
            ("@I2@", "@I1@"),
            married=True,
            divorced=False,
            marriage_date="1966-08-20",
            children=(GedcomChild("@I3@", "birth"),),
        ),
        GedcomFamily(
            "@F2@",
            ("@I3@", "@I4@"),
            married=True,
            divorced=True,
            marriage_date="1990",
            children=(
                GedcomChild("@I5@", "birth"),
                GedcomChild("@I6@", "adopted"),
                GedcomChild("@I7@", "foster"),
            ),
        ),
        GedcomFamily("@F3@", ("@I8@", "@I5@"), False, False, None, ()),
        GedcomFamily("@F4@", ("@I4@", "@P9@"), True, False, "2020-05", ()),
        GedcomFamily("@F5@", (), False, False, None, (GedcomChild("@I8@", "foster"),)),
        GedcomFamily("@F6@", ("@I6@",), False, False, None, (GedcomChild("@I6@", "birth"),)),
    ),
)


def test_a_written_tree_reads_back_the_same() -> None:
    tree = GedcomTree(FULL.people, FULL.families[:-1])
    back = parse(write_gedcom(tree).encode())
    # Zoë's birth in the year 800 (there to test the writer) makes her, and her father (with
    # no year of his own), too old to be living: they come back as deceased, and the answer
    # says why. Her mother Grace's own birth (1970) wins over what Zoë's date would make of it.
    assert plain(back.people) == tuple(
        replace(p, deceased=True) if p.xref in ("@I4@", "@I7@") else p for p in tree.people
    )
    assert plain_families(back.families) == tree.families
    assert back.notes == (
        "2 people with no death recorded counted as not living: born, by their own dates or "
        "their family's, too long ago to be alive (nobody is taken to live past 110); each says "
        "why in living_inferred",
    )


def test_the_writer_writes_gedcom_551() -> None:
    text = write_gedcom(GedcomTree(FULL.people, FULL.families[:-1]), source="Lifelong Links")
    lines = text.splitlines()
    assert lines[0] == "0 HEAD"
    assert lines[-1] == "0 TRLR"
    assert text.endswith("\n")
    for expected in [
        "1 SOUR LifelongLinks",
        "2 NAME Lifelong Links",
        "1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8",
        "0 @I1@ INDI\n1 NAME Arthur /Okafor/\n1 SEX M\n1 BIRT\n2 DATE 4 JUL 1941\n"
        "1 DEAT\n2 DATE 19 NOV 2003\n1 FAMS @F1@",
        "0 @I2@ INDI\n1 NAME Margaret Rose /Hughes/\n1 SEX F\n1 BIRT\n2 DATE 1945\n1 DEAT Y\n",
        "0 @I6@ INDI\n1 NAME Sam //\n1 SEX U\n1 BIRT\n2 DATE 2012\n1 FAMC @F2@\n2 PEDI adopted\n",
        "1 NAME @@home /Zoë/\n1 SEX F\n1 BIRT\n2 DATE 1 JAN 800\n1 FAMC @F2@\n2 PEDI foster\n",
        "0 @I8@ INDI\n1 SEX U\n1 FAMC @F5@\n2 PEDI foster\n1 FAMS @F3@\n",
        "0 @F1@ FAM\n1 WIFE @I2@\n1 HUSB @I1@\n1 MARR\n2 DATE 20 AUG 1966\n1 CHIL @I3@\n",
        "0 @F2@ FAM\n1 WIFE @I3@\n1 HUSB @I4@\n1 MARR\n2 DATE 1990\n1 DIV Y\n1 CHIL @I5@\n",
        "0 @F3@ FAM\n1 HUSB @I8@\n1 WIFE @I5@\n0 @F4@",
        "0 @F4@ FAM\n1 HUSB @I4@\n1 WIFE @P9@\n1 MARR\n2 DATE MAY 2020\n",
    ]:
        assert expected in text


def test_the_writer_strips_newlines_and_slashes_from_names() -> None:
    tree = GedcomTree((person("@I1@", "Ann\nMarie", "Lee/Smith\r\n"),), ())
    assert "1 NAME Ann Marie /Lee Smith/\n" in write_gedcom(tree)
    assert parse(write_gedcom(tree).encode()).people[0].given_name == "Ann Marie"


def test_the_writer_refuses_what_it_cannot_write() -> None:
    good = person("@I1@", "A", "B")
    with pytest.raises(GedcomError, match="@I1@: a date is not of the form"):
        write_gedcom(GedcomTree((person("@I1@", "A", "B", born="12/03/1950"),), ()))
    with pytest.raises(GedcomError, match="@I1@: a date is not of the form"):
        write_gedcom(GedcomTree((person("@I1@", "A", "B", died="1950-02-30"),), ()))
    with pytest.raises(GedcomError, match="family @F1@ links to missing @I2@"):
        write_gedcom(
            GedcomTree((good,), (GedcomFamily("@F1@", ("@I2@",), False, False, None, ()),))
        )
    with pytest.raises(GedcomError, match="'I1' is repeated or not of the form"):
        write_gedcom(GedcomTree((person("I1", "A", "B"),), ()))
    with pytest.raises(GedcomError, match="'@I1@' is repeated"):
        write_gedcom(GedcomTree((good, good), ()))


def test_a_self_parent_written_out_is_refused_when_read_back() -> None:
    text = write_gedcom(GedcomTree(FULL.people, FULL.families))
    with pytest.raises(GedcomError, match="@I6@ is their own ancestor"):
        parse(text.encode())


def test_three_thousand_people_parse_quickly() -> None:
    lines = [HEAD.rstrip("\n")]
    for n in range(3000):
        fam = n // 3
        link = f"1 FAMC @F{fam}@" if n % 3 == 2 else f"1 FAMS @F{fam}@"
        sex = "M" if n % 3 == 0 else "F"
        lines += [f"0 @I{n}@ INDI", f"1 NAME Person{n} /Family{fam}/", f"1 SEX {sex}"]
        lines += ["1 BIRT", f"2 DATE {n % 28 + 1} MAR {1900 + n % 100}", link]
    for fam in range(1000):
        lines += [f"0 @F{fam}@ FAM", f"1 HUSB @I{3 * fam}@", f"1 WIFE @I{3 * fam + 1}@"]
        lines += [f"1 CHIL @I{3 * fam + 2}@", "1 MARR", "2 DATE 1970"]
    data = ("\n".join(lines) + "\n0 TRLR\n").encode()
    started = time.perf_counter()
    tree = parse(data)
    elapsed = time.perf_counter() - started
    assert (len(tree.people), len(tree.families)) == (3000, 1000)
    assert elapsed < 10  # a safety net only; timing belongs in the benchmarks


def test_conc_lines_are_joined_to_what_they_continue() -> None:
    (found,) = parse(ged(
        "0 @I1@ INDI\n1 NAME Anna/Smi\n2 CONC th/\n1 NOTE\n2 CONC first\n2 CONT second\n"
        "2 CONC  half\n2 CONC\n1 SEX F"
    )).people  # fmt: skip
    assert (found.given_name, found.family_name, found.sex) == ("Anna", "Smith", "female")
    # A CONC that continues nothing is still refused, at the file's own line, after joins.
    with pytest.raises(GedcomError, match="line 12"):
        parse(ged("0 @I1@ INDI\n1 NOTE a\n2 CONC b\n2 CONC c\n1 SEX F\n0 CONC stray"))


@pytest.mark.parametrize(
    ("body", "not_living"),
    [
        # Born over 110 years ago, no death recorded.
        ("0 @I1@ INDI\n1 BIRT\n2 DATE 1832", {"@I1@"}),
        ("0 @I1@ INDI\n1 BIRT\n2 DATE 1930", set()),
        # No dates of their own, but a child born in 1880: at least 13 when the child was born.
        (
            "0 @I1@ INDI\n0 @I2@ INDI\n1 BIRT\n2 DATE 1880\n0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@",
            {"@I1@", "@I2@"},
        ),
        # A grandchild born in 1930 bounds the grandparent (1930 - 26 = 1904, 121 years ago)
        # but not the parent (1917: 108 years).
        (
            "0 @I1@ INDI\n0 @I2@ INDI\n0 @I3@ INDI\n1 BIRT\n2 DATE 1930\n"
            "0 @F1@ FAM\n1 WIFE @I1@\n1 CHIL @I2@\n0 @F2@ FAM\n1 WIFE @I2@\n1 CHIL @I3@",
            {"@I1@"},
        ),
        # Married in 1890, no births recorded.
        (
            "0 @I1@ INDI\n0 @I2@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 MARR\n2 DATE 1890",
            {"@I1@", "@I2@"},
        ),
        # A father born in 1850: his child was born by 1910 (60 years on), 116 years ago.
        (
            "0 @I1@ INDI\n1 BIRT\n2 DATE 1850\n0 @I2@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@",
            {"@I1@", "@I2@"},
        ),
        # ... but not a child he adopted: the gap holds between birth relatives only.
        (
            "0 @I1@ INDI\n1 BIRT\n2 DATE 1850\n0 @I2@ INDI\n1 FAMC @F1@\n2 PEDI adopted\n"
            "0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@",
            {"@I1@"},
        ),
        # A sister born in 1890: her brother was born by 1910 (20 years on). Parents unknown.
        (
            "0 @I1@ INDI\n1 BIRT\n2 DATE 1890\n0 @I2@ INDI\n0 @F1@ FAM\n1 CHIL @I1@\n1 CHIL @I2@",
            {"@I1@", "@I2@"},
        ),
        # A husband born in 1860: his wife was born by 1890 (30 years on).
        (
            "0 @I1@ INDI\n1 BIRT\n2 DATE 1860\n0 @I2@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@",
            {"@I1@", "@I2@"},
        ),
        # A sister born in 1920 says nothing: her brother may be 106.
        (
            "0 @I1@ INDI\n1 BIRT\n2 DATE 1920\n0 @I2@ INDI\n0 @F1@ FAM\n1 CHIL @I1@\n1 CHIL @I2@",
            set(),
        ),
    ],
)
def test_the_long_dead_are_not_counted_as_living(body: str, not_living: set[str]) -> None:
    tree = parse(ged(body))
    assert {p.xref for p in tree.people if p.deceased} == not_living
    assert all(p.death_date is None for p in tree.people)
    assert bool(tree.notes) == bool(not_living)
    # Each says why: the latest year they can have been born in, and the rule.
    for p in tree.people:
        if p.xref in not_living:
            assert p.living_inferred is not None
            assert p.living_inferred.startswith("no death recorded; born in ")
            assert p.living_inferred.endswith("nobody is taken to live past 110")
        else:
            assert p.living_inferred is None


def test_dates_not_kept_exactly_are_reported_and_still_bound_the_living() -> None:
    """A report, never silence: every date the import could not keep exactly is named in the
    notes by its kind (never its words: a phrase can name people), by xref and line; and the
    years they still give count for the living rule."""
    tree = parse(ged(
        "0 @I1@ INDI\n1 BIRT\n2 DATE ABT 1945\n1 DEAT\n2 DATE BEF 2000\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE 11 FEB 1731/32\n"
        "0 @I3@ INDI\n1 BIRT\n2 DATE @#DJULIAN@ 1700\n"
        "0 @I4@ INDI\n1 BIRT\n2 DATE BET 1900 AND 1990\n"
        "0 @I5@ INDI\n1 BIRT\n2 DATE (after Jim Smith's wedding)\n"
        "0 @I6@ INDI\n1 BIRT\n2 DATE BEF 1850\n"
        "0 @I7@ INDI\n1 BIRT\n2 DATE 3 MAR 1990"
    ))  # fmt: skip
    assert tree.notes[1:] == (
        "@I1@ (line 7): birth date is approximate ('about'): kept as written and as 1945",
        "@I1@ (line 7): death date is a 'before' date: kept as written",
        "@I2@ (line 12): birth date has a dual year: kept as written and as 1732-02-11",
        "@I3@ (line 15): birth date is in another calendar: kept as written",
        "@I4@ (line 18): birth date is a range ('between ... and'): kept as written",
        "@I5@ (line 21): birth date is a phrase: kept as written",
        "@I6@ (line 24): birth date is a 'before' date: kept as written",
    )
    assert not any("Jim" in note for note in tree.notes)
    # Born before 1850, in 1731/32 and (Julian) in 1700: not living. Between 1900 and 1990: may
    # be. @I1@ has a death recorded, dated or not.
    assert {p.xref for p in tree.people if p.deceased} == {"@I1@", "@I2@", "@I3@", "@I6@"}
    # What the whole file got comes first.
    assert tree.notes[0].startswith("3 people with no death recorded counted as not living")


def test_dates_go_out_as_they_came_in() -> None:
    """Export writes every date back in the file's own words where the standard reads them, and
    a program's own (`Abt. 1965`) in the standard's; read again, nothing else changes."""
    tree = parse(ged(
        "0 @I1@ INDI\n1 BIRT\n2 DATE abt 1945\n1 DEAT\n2 DATE BEF 2000\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE 11 FEB 1731/32\n"
        "0 @I3@ INDI\n1 BIRT\n2 DATE @#DJULIAN@ 1700\n"
        "0 @I4@ INDI\n1 BIRT\n2 DATE FROM 1900 TO 1990\n"
        "0 @I5@ INDI\n1 BIRT\n2 DATE (after Jim Smith's wedding)\n"
        "0 @I6@ INDI\n1 BIRT\n2 DATE @#DROMAN@ 1950\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 MARR\n2 DATE Abt. 1965\n"
    ))  # fmt: skip
    text = write_gedcom(tree)
    for words in ("abt 1945", "BEF 2000", "11 FEB 1731/32", "@#DJULIAN@ 1700", "@#DROMAN@ 1950",
                  "ABT 1965",
                  "FROM 1900 TO 1990", "(after Jim Smith's wedding)"):  # fmt: skip
        assert f"2 DATE {words}" in text.splitlines(), words
    assert plain(parse(text.encode()).people) == plain(tree.people)
    assert [p.birth_written for p in parse(text.encode()).people] == [
        p.birth_written for p in tree.people
    ]
    (again,), came = parse(text.encode()).families, tree.families[0].marriage_written
    assert again.marriage_date == tree.families[0].marriage_date == "1965"
    assert came is not None
    assert again.marriage_written == replace(came, written="ABT 1965")


def test_a_gedcom_7_file_reads_as_the_same_plain_data() -> None:
    """GEDCOM 7 (read with the gedcom7 library): the calendar as a word, a date phrase as a
    PHRASE, @VOID@ pointers, extension tags with a schema; dates kept in 5.5.1's words."""
    tree = parse((DATA / "gedcom7.ged").read_bytes())
    assert plain(tree.people) == (
        person("@I1@", "Kit", "Marlow", "male"),
        person("@I2@", "Anne", "Marlow", "female", "1980"),
        person("@I3@", "Bob", "Marlow", "male", "1970-03-18", deceased=True),
        person("@I4@", "Sam", "Marlow"),
    )
    bob = tree.people[2]
    assert bob.birth_written == WrittenDate("@#DJULIAN@ 5 MAR 1970", None, "1970-03-18",
                                            "1970-03-18")  # fmt: skip
    assert bob.death_written == WrittenDate("(in the war)", "phrase", None, None)
    assert plain_families(tree.families) == (
        GedcomFamily("@F1@", ("@I3@", "@I2@"), True, False, "2001-05-12",
                     (GedcomChild("@I1@", "birth"), GedcomChild("@I4@", "adopted"))),
    )  # fmt: skip
    assert "@I3@ (line 18): death date is a phrase: kept as written" in tree.notes
    text = write_gedcom(tree)  # out as GEDCOM 5.5.1, the dates in its words
    assert "2 DATE @#DJULIAN@ 5 MAR 1970" in text.splitlines()
    assert plain(parse(text.encode()).people) == plain(tree.people)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((b"1 NAME Anne /Marlow/\n", b"3 NAME Secret /Person/\n"), "syntax error at line 11"),
        ((b"1 NAME Anne /Marlow/", "1 NAME Ann\xe9e".encode("latin-1")), "line 11 is not"),
        ((b"0 TRLR\n", b""), "syntax error"),
    ],
)
def test_a_broken_gedcom_7_file_is_refused_by_line_never_by_its_words(
    change: tuple[bytes, bytes], message: str
) -> None:
    data = (DATA / "gedcom7.ged").read_bytes().replace(*change)
    with pytest.raises(GedcomError, match=message) as refused:
        parse(data)
    assert "Secret" not in str(refused.value)


def test_a_long_report_keeps_what_the_whole_file_got_and_cuts_the_rest() -> None:
    """150 people born about 1800: the living rule's note, which says what happened to all of
    them, comes first and stays; the 150 date notes are cut to 100 and a count."""
    body = "".join(f"0 @I{i}@ INDI\n1 BIRT\n2 DATE ABT 1800\n" for i in range(150))
    notes = parse(ged(body)).notes
    assert notes[0].startswith("150 people with no death recorded counted as not living")
    assert len(notes) == 1 + 100 + 1
    assert all("approximate ('about')" in note for note in notes[1:101])
    assert notes[-1] == "and 50 more notes"


def test_what_asks_the_coordinator_to_act_comes_before_the_notes_that_are_cut() -> None:
    """FTM's willis.ged gave 100 date notes, then "and 174 more", hiding all 76 of its parents
    to add by hand. Those notes, and dates not read, now come first, whatever their place in
    the file: ties before dates (a second reader: a tie left out was cut after 121 dates)."""
    body = "".join(f"0 @I{i}@ INDI\n1 BIRT\n2 DATE ABT 1800\n" for i in range(150)) + (
        "0 @I200@ INDI\n1 FAMC @F1@\n2 _FREL Unknown\n0 @I201@ INDI\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I201@\n1 CHIL @I200@\n"
        "0 @I202@ INDI\n1 BIRT\n2 DATE 31 FEB 1950\n"
    )
    notes = parse(ged(body)).notes
    assert notes[0].startswith("150 people with no death recorded counted as not living")
    assert notes[1].startswith("@I200@ (line 457): the tie to @I201@ in @F1@ is written")
    assert notes[2].startswith("@I202@ (line 465): birth date is not a valid calendar date")
    assert all("approximate ('about')" in note for note in notes[3:101])
    assert notes[-1] == "and 52 more notes"


def test_dates_no_reader_can_place_are_kept_as_written_and_read_again_without_failing() -> None:
    """Calendars ged4py does not know, and dual years in the Julian calendar (which ged4py does
    not read, and this service reads), in 5.5.1 and in GEDCOM 7: kept as written, written out,
    and read again (the export reads stored words again), never an error."""
    tree = parse(ged(
        "0 @I1@ INDI\n1 BIRT\n2 DATE @#DROMAN@ 1950\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE @#DJULIAN@ 11 FEB 1731/32\n"
    ))  # fmt: skip
    assert [p.birth_written.written for p in tree.people if p.birth_written] == [
        "@#DROMAN@ 1950", "@#DJULIAN@ 11 FEB 1731/32",
    ]  # fmt: skip
    for words, qualifier in (("@#DROMAN@ 1950", "phrase"), ("@#DJULIAN@ 11 FEB 1731/32", None),
                             ("@#DJULIAN@ 1700/01", None)):  # fmt: skip
        again = from_words(words)
        assert again is not None
        assert (again.written, again.qualifier) == (words, qualifier)
    assert tree.people[1].birth_date == "1732-02-22"  # the Julian day in the modern reckoning
    seven = (
        (DATA / "gedcom7.ged").read_bytes().replace(b"2 DATE ABT 1980", b"2 DATE JULIAN 1700/01")
    )
    anne = parse(seven).people[1]
    assert anne.birth_written is not None
    assert (anne.birth_written.written, anne.birth_written.qualifier) == (
        "@#DJULIAN@ 1700/01", None,
    )  # fmt: skip


def test_a_record_whose_tag_is_not_a_tag_is_not_named() -> None:
    """A broken level-0 line can hold a name where the tag should be: it is counted, never
    repeated."""
    tree = parse(ged("0 Jane Smith\n0 @I1@ INDI\n1 NAME A /B/"))
    assert "not imported: 1 unrecognised record (line 7)" in tree.notes
    assert not any("Jane" in note for note in tree.notes)


def test_the_birth_name_wins_over_a_later_name_of_no_type() -> None:
    """`1 NAME Mary /Smith/` (`2 TYPE birth`) then `1 NAME Polly //` with no type (a nickname
    written plainly): Mary Smith, in 5.5.1 and in 7. A married name first still gives way."""
    tree = parse(ged("0 @I1@ INDI\n1 NAME Mary /Smith/\n2 TYPE birth\n1 NAME Polly //\n"
                     "0 @I2@ INDI\n1 NAME Jo /Wed/\n2 TYPE married\n1 NAME Jo /Born/"))  # fmt: skip
    assert [(p.given_name, p.family_name) for p in tree.people] == [
        ("Mary", "Smith"), ("Jo", "Born")
    ]  # fmt: skip
    seven = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Mary /Smith/\n2 TYPE BIRTH\n"
             "1 NAME Polly //\n0 @I2@ INDI\n1 NAME Jo /Wed/\n2 TYPE MARRIED\n1 NAME Jo /Born/\n"
             "0 TRLR\n")  # fmt: skip
    tree = parse_gedcom(seven.encode())
    assert [(p.given_name, p.family_name) for p in tree.people] == [
        ("Mary", "Smith"), ("Jo", "Born")
    ]  # fmt: skip


def test_the_name_someone_is_known_by_is_read_and_written_back() -> None:
    """NICK under a name (the birth name's first, then an alias's), Family Historian's used
    name (`_USED`), GEDCOM 7's NICK; a leading '@' written twice read once; a name known by
    held to the limits names are; written out as NICK and read back the same."""
    text = (
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        "0 @I1@ INDI\n1 NAME Margaret /Brennan/\n2 NICK  Maggie \n"
        "0 @I2@ INDI\n1 NAME John William /Smith/\n2 _USED William\n"
        "0 @I3@ INDI\n1 NAME Ann /Lee/\n1 NAME Nan /Lee/\n2 TYPE aka\n2 NICK Nana\n"
        "0 @I4@ INDI\n1 NAME Bob /Hill/\n2 NICK @@bobby\n"
        f"0 @I5@ INDI\n1 NAME Long /Name/\n2 NICK {'x' * 150}\n"
        "0 @I6@ INDI\n1 NAME Plain /Name/\n0 TRLR\n"
    )
    tree = parse_gedcom(text.encode(), today=TODAY)
    known = [p.known_as for p in tree.people]
    assert known == ["Maggie", "William", "Nana", "@bobby", "x" * 100, None]
    assert "@I5@ (line 19): name known by cut to 100 characters" in tree.notes
    again = parse_gedcom(write_gedcom(tree).encode(), today=TODAY)
    assert [p.known_as for p in again.people] == known
    seven = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n2 NICK Nan\n0 TRLR\n"
    assert parse_gedcom(seven.encode(), today=TODAY).people[0].known_as == "Nan"


@pytest.mark.parametrize("version", ["5.5.1", "7.0"])
def test_sex_written_as_a_word_is_read(version: str) -> None:
    """`SEX Male`, `SEX female` (a second reader: read as unknown, with no note)."""
    text = (f"0 HEAD\n1 GEDC\n2 VERS {version}\n"
            "0 @I1@ INDI\n1 SEX Male\n0 @I2@ INDI\n1 SEX female\n0 @I3@ INDI\n1 SEX U\n"
            "0 TRLR\n")  # fmt: skip
    tree = parse_gedcom(text.encode(), today=TODAY)
    assert [p.sex for p in tree.people] == ["male", "female", "unknown"]


@pytest.mark.parametrize("version", ["5.5.1", "7.0"])
def test_a_sex_not_read_or_said_twice_is_told(version: str) -> None:
    """GEDCOM 7's `SEX X` (neither male nor female), a word not read and two SEX lines that
    disagree (a second reader: each came in as not known, or the first, without a word)."""
    text = (f"0 HEAD\n1 GEDC\n2 VERS {version}\n"
            "0 @I1@ INDI\n1 SEX X\n0 @I2@ INDI\n1 SEX Mannlich\n"
            "0 @I3@ INDI\n1 SEX M\n1 SEX F\n0 @I4@ INDI\n1 SEX U\n"
            "0 @I5@ INDI\n1 SEX F\n1 SEX female\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom(text.encode(), today=TODAY)
    assert [p.sex for p in tree.people] == ["unknown", "unknown", "male", "unknown", "female"]
    said = [n for n in tree.notes if "SEX" in n]
    assert [n.split(" ")[0] for n in said] == ["@I1@", "@I2@", "@I3@"]
    assert "neither male nor female" in said[0]
    assert "the first kept" in said[2]


def test_a_godparent_or_other_associate_is_told_not_imported_as_a_tie() -> None:
    """`ASSO` with `RELA` (5.5.1, Gramps), under an event too (webtrees' `_ASSO`), and GEDCOM
    7's `ROLE` (a second reader: godparents came in as two unlinked people, without a word; for
    Lifelong Links a godparent is someone to think of)."""
    five = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
            "0 @I1@ INDI\n1 NAME Ann /Lee/\n1 ASSO @I2@\n2 RELA Godfather\n"
            "1 BAPM\n2 _ASSO @I3@\n3 RELA Witness\n"
            # Free text in place of a pointer, in the pointer, or in the role is not copied
            # into the notes (later readers).
            "1 ASSO Auntie Pat of 4 Elm Road\n2 RELA Godmother\n"
            "1 ASSO @Jane Doe of 3 High St@\n2 RELA Godmother\n"
            "1 ASSO @I2@\n2 RELA Godmother - lives at 12 Acacia Ave\n"
            "0 @I2@ INDI\n1 NAME Tom /Hill/\n0 @I3@ INDI\n0 TRLR\n")  # fmt: skip
    seven = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n"
             "0 @I1@ INDI\n1 NAME Ann /Lee/\n1 ASSO @I2@\n2 ROLE GODP\n"
             "3 PHRASE Godmother at christening\n"
             "1 ASSO @I3@\n2 ROLE OTHER\n3 PHRASE Mentor\n1 ASSO @VOID@\n2 ROLE FRIEND\n"
             "0 @I2@ INDI\n0 @I3@ INDI\n0 TRLR\n")  # fmt: skip
    for text, said in ((five, ["@I2@ as their godfather", "@I2@ as their godmother",
                               "@I3@ as their witness"]),
                       (seven, ["@I2@ as their godmother", "@I3@ as their mentor"])):  # fmt: skip
        tree = parse_gedcom(text.encode(), today=TODAY)
        told = [n for n in tree.notes if "(ASSO)" in n]
        assert [n.split("names ", 1)[1].split(" (ASSO)")[0] for n in told] == said
        assert all(n.startswith("@I1@ (line ") for n in told)
        assert not [n for n in tree.notes if any(w in n for w in ("Acacia", "Elm", "Jane"))]
        assert tree.families == ()


@pytest.mark.parametrize(("words", "role"), [
    ("Godmother", "godmother"), ("GODFATHER", "godfather"), ("Godparents", "godparent"),
    ("God-parent", "godparent"), ("godmother.", "godmother"), ("Godfather (Catholic)", "godfather"),
    ("Witness at baptism", "witness"), ("Parrain", "godfather"), ("Marraine", "godmother"),
    ("Pate", "godparent"), ("Madrina", "godmother"), ("Témoin", "witness"),
    ("lives at 12 Acacia Ave", "associate"),
])  # fmt: skip
def test_an_associations_role_is_said_in_a_word_programs_write(words: str, role: str) -> None:
    """Other languages' words, plurals and punctuation read as the role (a reader: each was
    "associate"); anything else is "associate", never the file's own words."""
    assert association_role(words) == role


def test_a_nickname_written_in_quotes_in_the_name_is_the_name_known_by() -> None:
    """Family Tree Maker and Ancestry write a nickname in quotes among the given names (a second
    reader: `John "Jack"` was kept as the given name, and the name known by was empty). A NICK
    says it first."""
    people = (
        '0 @I1@ INDI\n1 NAME John "Jack" /Smith/\n'
        "0 @I2@ INDI\n1 NAME Mary \u201cPolly\u201d Ann /Hill/\n"
        '0 @I3@ INDI\n1 NAME Robert "Bob" /Lee/\n2 NICK Bobby\n'
        '0 @I4@ INDI\n1 NAME "Kit" /Ward/\n'
        '0 @I5@ INDI\n1 NAME Ann /O"Neill/\n'
        "0 @I6@ INDI\n1 NAME Mary Jane /Hill/\n2 _USED Jane\n0 TRLR\n"
    )
    # GEDCOM 7 the same (a second reader: `John "Jack"` stayed the given name, `_USED` unread).
    for head in ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n", "0 HEAD\n1 GEDC\n2 VERS 7.0\n"):
        tree = parse_gedcom((head + people).encode(), today=TODAY)
        assert [(p.given_name, p.family_name, p.known_as) for p in tree.people] == [
            ("John", "Smith", "Jack"), ("Mary Ann", "Hill", "Polly"), ("Robert", "Lee", "Bobby"),
            ("", "Ward", "Kit"), ("Ann", 'O"Neill', None), ("Mary Jane", "Hill", "Jane"),
        ]  # fmt: skip


def test_a_married_name_is_the_name_known_by_unless_there_is_one() -> None:
    """MyHeritage's `_MARNM` under the birth name and a second NAME of TYPE married (Gramps,
    GEDCOM 7's `MARRIED`): a second reader found both dropped without a word, so a woman
    known today by her married name was not found by it. Someone with a nickname keeps it, and
    the notes say the married name was not kept."""
    people = (
        "0 @I1@ INDI\n1 NAME Mary /Jones/\n2 _MARNM Brown\n"
        "0 @I2@ INDI\n1 NAME Ann /Lee/\n2 TYPE birth\n1 NAME Ann Marie /Hill/\n2 TYPE {married}\n"
        "0 @I3@ INDI\n1 NAME Jo /Ward/\n2 NICK Jojo\n1 NAME Jo /Kent/\n2 TYPE {married}\n"
        "0 @I4@ INDI\n1 NAME Eve /Ash/\n1 NAME Eve /Ash/\n2 TYPE {married}\n"
        # Slashes in `_MARNM`, a married surname alone, the later of two marriages' names (a
        # third reader).
        "0 @I5@ INDI\n1 NAME Jane /Cole/\n2 _MARNM /Jones/\n"
        "0 @I6@ INDI\n1 NAME Kay /Dunn/\n1 NAME /Moss/\n2 TYPE {married}\n"
        "0 @I7@ INDI\n1 NAME Liz /Gray/\n1 NAME Liz /Fry/\n2 TYPE {married}\n"
        "1 NAME Liz /Holt/\n2 TYPE {married}\n0 TRLR\n"
    )
    for head, married in (("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n", "married"),
                          ("0 HEAD\n1 GEDC\n2 VERS 7.0\n", "MARRIED")):  # fmt: skip
        tree = parse_gedcom((head + people.format(married=married)).encode(), today=TODAY)
        assert [(p.given_name, p.family_name, p.known_as) for p in tree.people] == [
            ("Mary", "Jones", "Mary Brown"), ("Ann", "Lee", "Ann Marie Hill"),
            ("Jo", "Ward", "Jojo"), ("Eve", "Ash", None), ("Jane", "Cole", "Jane Jones"),
            ("Kay", "Dunn", "Kay Moss"), ("Liz", "Gray", "Liz Holt"),
        ]  # fmt: skip
        kept = [n for n in tree.notes if "married name" in n]
        assert len(kept) == 1
        assert kept[0].startswith("@I3@ (line ")


def test_a_married_name_or_alias_is_written_as_a_name_of_its_type_and_read_back() -> None:
    """A second reader: a married name (`TYPE married`, MyHeritage's `_MARNM`) was exported
    as a nickname (`2 NICK Mary Brown`), which other programs show as one. It is written as a
    second NAME of `TYPE married`, an alias of `TYPE aka`; a nickname stays a NICK. Read back,
    each is the same name known by, of the same kind."""
    body = ("0 @I1@ INDI\n1 NAME Mary /Jones/\n2 _MARNM Brown\n"
            "0 @I2@ INDI\n1 NAME Ann /Lee/\n1 NAME Annie /Smith/\n2 TYPE aka\n"
            "0 @I3@ INDI\n1 NAME Jo /Ward/\n2 NICK Jojo\n"
            "0 @I4@ INDI\n1 NAME Liz /Gray/\n1 NAME Liz /Fry/\n2 TYPE married\n")  # fmt: skip
    tree = parse(ged(body))
    assert [(p.known_as, p.known_as_kind) for p in tree.people] == [
        ("Mary Brown", "married"),
        ("Annie Smith", "aka"),
        ("Jojo", None),
        ("Liz Fry", "married"),
    ]
    text = write_gedcom(tree)
    assert "1 NAME Mary /Jones/\n1 NAME Mary /Brown/\n2 TYPE married\n" in text
    assert "1 NAME Ann /Lee/\n1 NAME Annie /Smith/\n2 TYPE aka\n" in text
    assert "1 NAME Jo /Ward/\n2 NICK Jojo\n" in text
    assert "NICK Mary" not in text
    assert "NICK Liz" not in text
    again = parse_gedcom(text.encode(), today=TODAY)
    assert [(p.known_as, p.known_as_kind) for p in again.people] == [
        (p.known_as, p.known_as_kind) for p in tree.people]  # fmt: skip


def test_someone_known_only_by_a_nickname_keeps_it_written_out_and_read_back() -> None:
    """A nickname is part of a name (NICK under NAME): someone with no other name is written
    with an empty one to carry it."""
    text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME\n2 NICK Maggie\n0 TRLR\n"
    tree = parse_gedcom(text.encode(), today=TODAY)
    assert tree.people[0].known_as == "Maggie"
    written = write_gedcom(tree)
    assert "1 NAME //\n2 NICK Maggie\n" in written
    again = parse_gedcom(written.encode(), today=TODAY).people[0]
    assert (again.given_name, again.family_name, again.known_as) == ("", "", "Maggie")


def test_conc_lines_in_a_gedcom_7_file_are_joined_and_said() -> None:
    """A second reader: GEDCOM 7 has no CONC, but a program moving to it may still split long
    lines with it; the library dropped the text after it, and a name lost its family name
    without a word. Joined as 5.5.1 joins them, and said; a syntax error after them is placed
    at the file's own line."""
    seven = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann\n2 CONC e /Smi\n2 CONC th/\n"
             "0 TRLR\n")  # fmt: skip
    tree = parse_gedcom(seven.encode(), today=TODAY)
    assert (tree.people[0].given_name, tree.people[0].family_name) == ("Anne", "Smith")
    assert tree.notes[0] == (
        "2 CONC lines (not GEDCOM 7) joined to the lines they continue, the first at line 6"
    )
    broken = seven.replace("0 TRLR\n", "0 @I2@ INDI\nbroken line\n0 TRLR\n")
    with pytest.raises(GedcomError, match="GEDCOM 7 syntax error at line 9"):
        parse_gedcom(broken.encode(), today=TODAY)


def test_blank_and_indented_lines_in_a_gedcom_7_file_are_read() -> None:
    """A GEDCOM 7 file with a blank line after every line (CRLF made CRCRLF by a mail program),
    or its lines indented by level (as 5.5.1 allows), was refused as a syntax error: blank lines
    are passed over, as in 5.5.1, and indented lines read without the indentation, and said.
    Line numbers stay the file's."""
    seven = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Anne /Smith/\n1 BIRT\n"
             "2 DATE 3 MAR 1990\n0 TRLR\n")  # fmt: skip
    plain = parse_gedcom(seven.encode(), today=TODAY)
    doubled = parse_gedcom(seven.replace("\n", "\r\r\n").encode(), today=TODAY)
    assert doubled.people == plain.people
    assert doubled.notes == plain.notes
    indented = "".join(" " * int(line[0]) + line + "\n" for line in seven.splitlines())
    tree = parse_gedcom(indented.encode(), today=TODAY)
    assert tree.people == plain.people
    assert tree.people[0].birth_date == "1990-03-03"
    assert tree.notes[-1] == (
        "5 lines indented (not GEDCOM 7), the first at line 2: read without the indentation"
    )
    broken = indented.replace("0 TRLR\n", "\n0 @I2@ INDI\nbroken line\n0 TRLR\n")
    with pytest.raises(GedcomError, match="GEDCOM 7 syntax error at line 10"):
        parse_gedcom(broken.encode(), today=TODAY)


@pytest.mark.parametrize(
    ("event", "version"),
    [("CHR", "5.5.1"), ("BAPM", "5.5.1"), ("CHRA", "5.5.1"), ("CHR", "7.0"), ("BAPM", "7.0")],
)
def test_a_baptism_bounds_the_year_of_birth(event: str, version: str) -> None:
    """A second reader: an ancestor with only a baptism in 1780 (as parish registers give
    them) was imported as living, to be offered as a relative to contact. A baptism, with no
    birth dated, says the person was born by then; and bounds their parents' births too."""
    head = f"0 HEAD\n1 GEDC\n2 VERS {version}\n" + ("1 CHAR UTF-8\n" if version == "5.5.1" else "")
    body = (f"0 @I1@ INDI\n1 NAME John /Smith/\n1 {event}\n2 DATE 12 MAR 1780\n1 FAMC @F1@\n"
            "0 @I2@ INDI\n1 NAME Mary /Smith/\n1 FAMS @F1@\n"
            f"0 @I3@ INDI\n1 NAME Ann /Smith/\n1 {event}\n2 DATE 12 MAR 1990\n"
            "0 @F1@ FAM\n1 WIFE @I2@\n1 CHIL @I1@\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom((head + body).encode(), today=TODAY)
    assert [(p.given_name, p.deceased) for p in tree.people] == [
        ("John", True), ("Mary", True), ("Ann", False)]  # fmt: skip
    assert tree.people[0].birth_date is None  # a baptism is not a birth


@pytest.mark.parametrize("version", ["5.5.1", "7.0"])
def test_the_maiden_name_is_the_name_from_birth(version: str) -> None:
    """A second reader: `NAME Mary /Jones/` of `TYPE married` written before `NAME Mary
    /Smith/` of `TYPE maiden` gave Mary Jones, and the birth surname, by which her birth family
    is found, was lost. A birth name comes first, then a maiden name, then one of no TYPE."""
    head = f"0 HEAD\n1 GEDC\n2 VERS {version}\n" + ("1 CHAR UTF-8\n" if version == "5.5.1" else "")
    married, maiden = ("married", "maiden") if version == "5.5.1" else ("MARRIED", "MAIDEN")
    names = f"1 NAME Mary /Jones/\n2 TYPE {married}\n1 NAME Mary /Smith/\n2 TYPE {maiden}\n"
    tree = parse_gedcom((head + "0 @I1@ INDI\n" + names + "0 TRLR\n").encode(), today=TODAY)
    assert (tree.people[0].given_name, tree.people[0].family_name) == ("Mary", "Smith")
    # A name of no TYPE first and a maiden name after: the maiden name.
    untyped = names.replace(f"2 TYPE {married}\n", "")
    tree = parse_gedcom((head + "0 @I1@ INDI\n" + untyped + "0 TRLR\n").encode(), today=TODAY)
    assert tree.people[0].family_name == "Smith"
    # "Birth Name", as a program writes its TYPE, is the birth name.
    worded = names.replace(f"2 TYPE {maiden}\n", "2 TYPE Birth Name\n")
    tree = parse_gedcom((head + "0 @I1@ INDI\n" + worded + "0 TRLR\n").encode(), today=TODAY)
    assert tree.people[0].family_name == "Smith"
    # Only a married name: it is the name there is.
    only = f"1 NAME Mary /Jones/\n2 TYPE {married}\n"
    tree = parse_gedcom((head + "0 @I1@ INDI\n" + only + "0 TRLR\n").encode(), today=TODAY)
    assert tree.people[0].family_name == "Jones"


def test_a_note_written_with_line_breaks_is_read_and_a_broken_record_line_named() -> None:
    """A second reader: a note written with raw line breaks (its second line with no level
    number) refused the whole tree, as "GEDCOM syntax error at line 8". Such lines after a
    note's text continue it, and the notes say so; anywhere else, the line is named for what
    it is."""
    head = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
    data = head + "0 @I1@ INDI\n1 NAME Ann /A/\n1 NOTE a\nb\n  c\n1 SEX F\n0 TRLR\n"
    tree = parse_gedcom(data.encode(), today=TODAY)
    assert [(p.given_name, p.sex) for p in tree.people] == [("Ann", "female")]
    assert tree.notes == (
        "2 lines with no level number (or a number no level can be) after a note's text read "
        "as continuing it (a note written with line breaks), the first at line 8",
        "1 person or family carries a note in the file (NOTE): @I1@; not imported: read it in "
        "the file, as it may say something a worker should know, and record what matters by "
        "hand",
    )
    # A line of the note that starts with a number more than one level below it is its text
    # (a second reader: refused as "level number above 99", or a structure error).
    for text in ("1990 with his wife", "12 children were born there"):
        numbered = data.replace("\nb\n  c\n", f"\n{text}\n")
        read = parse_gedcom(numbered.encode(), today=TODAY)
        assert [(p.given_name, p.sex) for p in read.people] == [("Ann", "female")], text
        assert read.notes[0].startswith("1 line with no level number"), text
    broken = head + "0 @I1@ INDI\n1 NAME Ann /A/\n@I2@ INDI\n1 NAME Bo /A/\n0 TRLR\n"
    with pytest.raises(GedcomError, match=r"^line 7 has no level number"):
        parse_gedcom(broken.encode(), today=TODAY)


def test_names_a_program_hid_are_said() -> None:
    """A second reader: an export that hides living people's names (Ancestry's and
    FamilySearch's "Living /Smith/", MyHeritage's "<Private>") was imported with "Living" as
    the given name, and nothing said it is not a name."""
    head = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
    body = ("0 @I1@ INDI\n1 NAME Living /Smith/\n0 @I2@ INDI\n1 NAME <Private> /Smith/\n"
            "0 @I3@ INDI\n1 NAME Olivia /Smith/\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom((head + body).encode(), today=TODAY)
    assert [n for n in tree.notes if "living or private" in n] == [
        "2 people named only as living or private (the first @I1@), as a program writes them "
        "when it hides living people's names: imported so; export the tree again with names, "
        "or record them by hand"]  # fmt: skip
    assert [p.family_name for p in tree.people] == ["Smith"] * 3


@pytest.mark.parametrize("lines", [
    "1 MARR\n2 DATE 2010\n1 EVEN\n2 TYPE Separation\n2 DATE 2015\n",
    "1 MARR\n1 ANUL\n2 DATE 2012\n",
    "1 MARR\n1 DIVF\n2 DATE 2016\n",
    "1 MARR\n2 TYPE Civil Partnership\n2 DATE 2010\n",
    "1 _STAT Never Married\n1 CHIL @I3@\n",
    "1 MARR\n1 _STAT Divorced\n",
])  # fmt: skip
def test_a_gedcom_7_family_says_how_it_ended_as_5_5_1_does(lines: str) -> None:
    """The GEDCOM 7 reader read MARR and DIV only: a separation, an annulment, a civil
    partnership or a status read in a 5.5.1 file came back from the same family in GEDCOM 7
    as a current marriage (a second reader). Both versions read a family alike."""
    people = ("0 @I1@ INDI\n1 NAME A /B/\n0 @I2@ INDI\n1 NAME C /D/\n"
              "0 @I3@ INDI\n1 NAME E /B/\n")  # fmt: skip
    body = people + "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n" + lines + "0 TRLR\n"
    five = parse_gedcom((HEAD + body).encode(), today=TODAY).families
    seven = parse_gedcom(("0 HEAD\n1 GEDC\n2 VERS 7.0\n" + body).encode(), today=TODAY).families
    assert seven == five


def test_how_alike_the_person_under_an_xref_is_to_the_one_recorded() -> None:
    """Refused only on strong signs (another sex, given names with nothing in common); names
    with nothing in common are said; a married name, a corrected spelling, an initial, accents,
    hyphens, a sex recorded since and a name a program hid are the same person (later
    readers: corrected files a council would send were refused)."""
    same = [(("Anne", "Smith", "female"), ("Anne", "Jones", "female")),
            (("Rob", "Smith", "male"), ("Bob", "Smith", "male")),
            (("Mary Ann", "Smith", "female"), ("Mary-Ann", "Smith-Jones", "female")),
            (("E.", "Smith", "female"), ("Elizabeth", "Brown", "female")),
            (("Zoe", "Lee", "female"), ("Zoë", "Brown", "female")),
            (("Living", "Smith", "unknown"), ("Jane", "Brown", "female")),
            (("", "", "unknown"), ("Zoe", "Brown", "female"))]  # fmt: skip
    doubt = [(("Jayne", "Smith", "female"), ("Jane", "Brown", "female")),
             (("Robert", "Smyth", "male"), ("Bob", "Smith", "male")),
             (("Anne", "Jones", "female"), ("Anne", "Jones", "male"))]  # fmt: skip
    other = [(("Mary", "Jones", "female"), ("Bob", "Smith", "male"))]
    assert [likeness(a, b) for a, b in same] == ["same"] * 7
    assert [likeness(a, b) for a, b in doubt] == ["doubt"] * 3
    assert [likeness(a, b) for a, b in other] == ["other"]


def _zipped(data: bytes, method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr("tree.ged", data)
    return out.getvalue()


_SEVEN = b"0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n0 TRLR\n"
_ZIPPED = (
    "the file is a zip archive, not a GEDCOM text file: unzip it and import the .ged file "
    "inside, or export the tree from the family tree program as GEDCOM (.ged)"
)
_GZIPPED = (
    "the file is compressed (gzip, as a Gramps .gramps file or a .ged.gz is), not a GEDCOM "
    "text file: export the tree from the family tree program (in Gramps, Family Trees > "
    "Export) as GEDCOM (.ged), or uncompress it and import the .ged file"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_zipped(ged("0 @I1@ INDI"), 8), _ZIPPED),  # deflated
        (_zipped(_SEVEN, 0), _ZIPPED),  # stored: the GEDCOM 7 header readable inside
        (gzip.compress(ged("0 @I1@ INDI")), _GZIPPED),
    ],
    ids=["zip", "zip-stored-gedcom-7", "gzip-or-gramps"],
)
def test_an_archive_says_to_unzip_it_or_export_gedcom(data: bytes, message: str) -> None:
    """A second reader: a zip, a gzip or a Gramps .gramps file was refused as "NUL byte at line
    1: not a GEDCOM text file", which says nothing of what to do."""
    with pytest.raises(GedcomError) as refused:
        parse(data)
    assert str(refused.value) == message
