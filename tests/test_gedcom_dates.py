"""GEDCOM dates as written (`service.gedcom_dates`): words, qualifier and the range of days,
in every calendar GEDCOM 5.5.1 names. Pure, no database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from ged4py import date as gd

from service.gedcom import GedcomTree, parse_gedcom, write_gedcom
from service.gedcom_dates import (
    Qualifier,
    WrittenDate,
    from_words,
    impossible,
    kept,
    latest_birth_year,
    parse,
    read,
    standard,
)

HEAD = "0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"


def tree(*dates: str, marriage: str | None = None) -> GedcomTree:
    """One person a date born (@I1@ at line 7, @I2@ at line 10, ...), and a family (its
    marriage date) after them."""
    body = "".join(f"0 @I{i}@ INDI\n1 BIRT\n2 DATE {words}\n" for i, words in enumerate(dates, 1))
    if marriage is not None:
        body += f"0 @F1@ FAM\n1 MARR\n2 DATE {marriage}\n"
    return parse_gedcom((HEAD + body + "0 TRLR\n").encode(), today=date(2025, 6, 1))


@pytest.mark.parametrize(
    ("words", "qualifier", "earliest", "latest", "as_iso"),
    [
        ("1850", None, "1850-01-01", "1850-12-31", "1850"),
        ("FEB 1852", None, "1852-02-01", "1852-02-29", "1852-02"),
        ("3 MAR 1990", None, "1990-03-03", "1990-03-03", "1990-03-03"),
        ("ABT 1850", "about", "1850-01-01", "1850-12-31", "1850"),
        ("EST MAR 1850", "estimated", "1850-03-01", "1850-03-31", "1850-03"),
        ("CAL 2 JAN 1850", "calculated", "1850-01-02", "1850-01-02", "1850-01-02"),
        ("INT 1900 (about then)", "interpreted", "1900-01-01", "1900-12-31", "1900"),
        ("BEF 3 JAN 1850", "before", None, "1850-01-02", None),
        ("AFT 1850", "after", "1851-01-01", None, None),
        ("BET 1850 AND 1855", "between", "1850-01-01", "1855-12-31", None),
        ("FROM 1900 TO MAR 1910", "from_to", "1900-01-01", "1910-03-31", None),
        ("FROM 1900", "from", "1900-01-01", None, None),
        ("TO 1910", "to", None, "1910-12-31", None),
        ("(in the war)", "phrase", None, None, None),
        # Dual years: the later (new style) year for a day or month; both years for a year.
        ("11 FEB 1731/32", None, "1732-02-11", "1732-02-11", "1732-02-11"),
        ("1731/32", None, "1731-01-01", "1732-12-31", None),
        # Inside a qualifier, a year's too (a second reader: `BEF 1700/01` ended in 1699).
        ("ABT 1700/01", "about", "1701-01-01", "1701-12-31", "1701"),
        ("BEF 1700/01", "before", None, "1700-12-31", None),
        ("AFT 1700/01", "after", "1702-01-01", None, None),
        ("BET 1700/01 AND 1705", "between", "1701-01-01", "1705-12-31", None),
        ("FROM 1700/01 TO 1710/11", "from_to", "1701-01-01", "1711-12-31", None),
        # Julian: ten days behind in 1650, eleven from March 1700, thirteen in the 1900s.
        ("@#DJULIAN@ 5 MAR 1650", None, "1650-03-15", "1650-03-15", "1650-03-15"),
        ("@#DJULIAN@ 29 FEB 1700", None, "1700-03-11", "1700-03-11", "1700-03-11"),
        ("@#DJULIAN@ 1700", None, "1700-01-11", "1701-01-11", None),
        ("ABT @#DJULIAN@ 5 MAR 1950", "about", "1950-03-18", "1950-03-18", "1950-03-18"),
        # A Julian dual year: its later year, then converted (eleven days behind in 1732).
        ("@#DJULIAN@ 11 FEB 1731/32", None, "1732-02-22", "1732-02-22", "1732-02-22"),
        ("@#DJULIAN@ 1731/32", None, "1731-01-12", "1733-01-11", None),
        ("ABT @#DJULIAN@ FEB 1699/00", "about", "1700-02-11", "1700-03-11", None),
        ("BET 1700 AND @#DJULIAN@ 11 FEB 1731/32", "between", "1700-01-01", "1732-02-22", None),
        # Hebrew: the year begins in Tishri; Adar Sheni only in a leap year.
        ("@#DHEBREW@ 1 TSH 5710", None, "1949-09-24", "1949-09-24", "1949-09-24"),
        ("@#DHEBREW@ 5600", None, "1839-09-09", "1840-09-27", None),
        ("@#DHEBREW@ ADS 5600", None, "1840-03-06", "1840-04-03", None),  # Passover 18 April
        ("@#DHEBREW@ ADS 5601", None, None, None, None),
        # French republican: 1 Vendémiaire of year 3 was 22 September 1794.
        ("@#DFRENCH R@ 1 VEND 3", None, "1794-09-22", "1794-09-22", "1794-09-22"),
        ("@#DFRENCH R@ COMP 3", None, "1795-09-17", "1795-09-22", None),
        # Days that do not exist, and words that are not a date: kept as written, no range.
        ("31 FEB 1850", None, None, None, None),
        ("BET 1900 AND 1850", "between", None, None, None),
        ("1850 B.C.", None, None, None, None),
        # 29 February of a leap year in the Julian calendar alone (England's until 1752), written
        # with no calendar, as parish-register transcriptions are: the days from the file's own
        # 28 February (its other dates, Julian too, are read as Gregorian) to the Julian day.
        ("29 FEB 1700", None, "1700-02-28", "1700-03-11", None),
        ("ABT 29 FEB 1500", "about", "1500-02-28", "1500-03-10", None),
        ("BET 29 FEB 1700 AND 1710", "between", "1700-02-28", "1710-12-31", None),
        ("29 FEB 1699/00", None, "1700-02-28", "1700-03-11", None),  # old style
        ("29 FEB 100", None, "0100-02-27", "0100-02-28", None),  # the Julian day first
        ("29 FEB 200", None, "0200-02-28", "0200-02-28", "0200-02-28"),  # the calendars met
        ("29 FEB 1600", None, "1600-02-29", "1600-02-29", "1600-02-29"),  # Gregorian leap too
        ("@#DGREGORIAN@ 29 FEB 1700", None, None, None, None),  # said to be Gregorian
        ("29 FEB 1701", None, None, None, None),  # a leap year in neither
        ("29 FEB 1800", None, None, None, None),  # after 1752: Gregorian
        # Years of three digits are kept as they are; years below 100 are not read at all.
        ("950", None, "0950-01-01", "0950-12-31", "0950"),
        ("19 AUG 14", None, None, None, None),
        ("Sep 0099", None, None, None, None),
        # Numbers with dots, as MacFamilyTree writes every date: day.month.year, month.year.
        ("27.11.1957", None, "1957-11-27", "1957-11-27", "1957-11-27"),
        ("1.2.1957", None, "1957-02-01", "1957-02-01", "1957-02-01"),
        ("11.1957", None, "1957-11-01", "1957-11-30", "1957-11"),
        ("ABT 03.04.1850", "about", "1850-04-03", "1850-04-03", "1850-04-03"),
        ("BET 1.2.1900 AND 3.4.1901", "between", "1900-02-01", "1901-04-03", None),
        ("31.02.1957", None, None, None, None),  # no such day: impossible, as in words
        ("27.13.1957", "phrase", None, None, None),  # no such month: not a date
        ("(27.11.1957)", "phrase", None, None, None),  # written as a phrase: one
        # British quarter dates (the GRO's indexes give a quarter): the quarter's months.
        ("Q1 1891", "between", "1891-01-01", "1891-03-31", None),
        ("1Q 1891", "between", "1891-01-01", "1891-03-31", None),
        ("3rd Qtr. 1875", "between", "1875-07-01", "1875-09-30", None),
        ("2nd quarter 1891", "between", "1891-04-01", "1891-06-30", None),
        ("Mar Q 1891", "between", "1891-01-01", "1891-03-31", None),  # the quarter ending then
        ("Sept quarter 1875", "between", "1875-07-01", "1875-09-30", None),
        ("DEC QTR 1900", "between", "1900-10-01", "1900-12-31", None),
        ("Jan-Mar 1891", "between", "1891-01-01", "1891-03-31", None),
        ("Oct/Nov/Dec 1900", "between", "1900-10-01", "1900-12-31", None),
        ("January-March 1891", "between", "1891-01-01", "1891-03-31", None),
        ("Jul.-Aug.-Sept. 1891", "between", "1891-07-01", "1891-09-30", None),
        # Only month names are months, and a quarter's middle month is its own.
        ("Jan-Dec-Mar 1891", "phrase", None, None, None),
        ("Janus-Marvellous 1891", "phrase", None, None, None),
        ("Octopus/Decimal 1891", "phrase", None, None, None),
        ("Sepember quarter 1891", "phrase", None, None, None),
        ("Jan-Jun 1891", "phrase", None, None, None),  # two quarters: no quarter
        ("Feb Q 1891", "phrase", None, None, None),  # no quarter ends in February
        ("Q5 1891", "phrase", None, None, None),
        ("Q1 1891 or so", "phrase", None, None, None),
        ("(Q1 1891)", "phrase", None, None, None),  # written as a phrase: one
        # Month names in full or with a dot, ISO dates, "ca" and "c" with no dot, a dash for
        # "and" (a second reader: each was kept as a phrase, "Sept" said to be no month).
        ("12 February 1990", None, "1990-02-12", "1990-02-12", "1990-02-12"),
        ("12 Feb. 1990", None, "1990-02-12", "1990-02-12", "1990-02-12"),
        ("Jan. 1990", None, "1990-01-01", "1990-01-31", "1990-01"),
        ("Sept 1990", None, "1990-09-01", "1990-09-30", "1990-09"),
        ("12 SEPT 1990", None, "1990-09-12", "1990-09-12", "1990-09-12"),
        ("ABT 3 September 1850", "about", "1850-09-03", "1850-09-03", "1850-09-03"),
        ("1990-02-12", None, "1990-02-12", "1990-02-12", "1990-02-12"),
        ("1990-02", None, "1990-02-01", "1990-02-28", "1990-02"),
        ("1990-13-01", "phrase", None, None, None),  # no such month: not a date
        ("ca 1850", "about", "1850-01-01", "1850-12-31", "1850"),
        ("c 1850", "about", "1850-01-01", "1850-12-31", "1850"),
        ("Bet. 1850\u20131860", "between", "1850-01-01", "1860-12-31", None),
        ("Bet. 1850 \u2013 1860", "between", "1850-01-01", "1860-12-31", None),
        ("in the Spring 1990", "phrase", None, None, None),  # not a month
        # French, German and Dutch months, "c" and "ca" with no space, a decade (a second
        # reader: each was no date, "said to name no month", and 1850 births left living).
        ("12 JANV 1890", None, "1890-01-12", "1890-01-12", "1890-01-12"),
        ("3 août 1920", None, "1920-08-03", "1920-08-03", "1920-08-03"),
        ("3 März 1990", None, "1990-03-03", "1990-03-03", "1990-03-03"),
        ("Dez 1990", None, "1990-12-01", "1990-12-31", "1990-12"),
        ("12 mei 1990", None, "1990-05-12", "1990-05-12", "1990-05-12"),
        ("1 okt. 1901", None, "1901-10-01", "1901-10-01", "1901-10-01"),
        ("c1850", "about", "1850-01-01", "1850-12-31", "1850"),
        ("ca1850", "about", "1850-01-01", "1850-12-31", "1850"),
        ("1850s", "between", "1850-01-01", "1859-12-31", None),
        ("1850S", "between", "1850-01-01", "1859-12-31", None),
        # The month first, as American programs and Ancestry's free text write it, and a day
        # with its ordinal (a second reader: phrases, with no date read).
        ("March 3, 1850", None, "1850-03-03", "1850-03-03", "1850-03-03"),
        ("Mar 3 1850", None, "1850-03-03", "1850-03-03", "1850-03-03"),
        ("Dec. 25th, 1850", None, "1850-12-25", "1850-12-25", "1850-12-25"),
        ("3rd March 1850", None, "1850-03-03", "1850-03-03", "1850-03-03"),
        ("3rd of March 1850", None, "1850-03-03", "1850-03-03", "1850-03-03"),
        ("Abt. March 3, 1850", "about", "1850-03-03", "1850-03-03", "1850-03-03"),
        ("Main 3 1850", "phrase", None, None, None),  # not a month
    ],
)
def test_words_qualifier_and_range(
    words: str, qualifier: str | None, earliest: str | None, latest: str | None,
    as_iso: str | None,
) -> None:  # fmt: skip
    date = from_words(words)
    assert date == WrittenDate(words, qualifier, earliest, latest)  # type: ignore[arg-type]
    assert kept(date) == as_iso


def test_a_quarter_followed_by_spaces_is_the_quarter() -> None:
    """A file's date line ending in spaces or a tab means what it means without them (the
    words are kept without them, so the export's range would otherwise come back different)."""
    for line in ("Q1 1891 ", "1st Qtr 1891\t", "Jan-Mar 1891  "):
        found = read(parse(line), line)
        assert found is not None, line
        range_ = (found.qualifier, found.earliest, found.latest)
        assert range_ == ("between", "1891-01-01", "1891-03-31"), line


def test_the_files_own_words_are_kept_whatever_ged4py_makes_of_them() -> None:
    value = gd.DateValue.parse("abt 1850")

    def words(written: str | None = None) -> str | None:
        found = read(value, written)
        return None if found is None else found.written

    assert words("abt  1850") == "abt 1850"  # spaces collapsed, case kept
    assert words() == "ABT 1850"  # the standard's words when the file's are not to hand
    assert words("x" * 101) is None  # no date is that long
    assert words("ABT\x011850") == "ABT 1850"  # no control character is kept
    assert read(None) is None


@pytest.mark.parametrize(
    ("words", "year"),
    [("BEF 1850", 1849), ("BET 1850 AND 1855", 1855), ("ABT 1900", 1900), ("AFT 1850", None),
     ("FROM 1900", None), ("(born about 1847, buried 1901)", 1901), ("(in the war)", None)],
)  # fmt: skip
def test_the_latest_year_of_birth_for_the_living_rule(words: str, year: int | None) -> None:
    value = gd.DateValue.parse(words)
    assert latest_birth_year(value, read(value, words)) == year


def test_29_february_of_a_julian_leap_year_before_1752_is_kept_and_its_neighbours_too() -> None:
    """England kept the Julian calendar until 1752, and parish registers' transcriptions write
    `29 FEB 1700` with no calendar: that day existed (11 March 1700 in the Gregorian calendar).
    The file's other dates of the time are Julian too, read as Gregorian: a burial on `3 MAR
    1700` follows the birth. The day is kept as written, its range from the file's 28 February
    to the Julian day, so no order check refuses the file; and it is said, by kind and place,
    for a marriage too."""
    read_in = tree("29 FEB 1700", "ABT 29 FEB 1500", marriage="29 FEB 1700")
    assert [p.birth_date for p in read_in.people] == [None, None]
    assert read_in.people[0].birth_written == WrittenDate("29 FEB 1700", None, "1700-02-28",
                                                          "1700-03-11")  # fmt: skip
    assert read_in.families[0].marriage_date is None
    julian = "is 29 February of a year before 1752 that is a leap year in the Julian calendar alone"
    assert [n for n in read_in.notes if "29 February" in n] == [
        f"@I1@ (line 7): birth date {julian}: kept as written",
        f"@I2@ (line 10): birth date is approximate ('about') and {julian}: kept as written",
        f"family @F1@ (line 13): marriage date {julian}: kept as written",
    ]
    body = (
        "0 @I1@ INDI\n1 BIRT\n2 DATE 29 FEB 1700\n1 DEAT\n2 DATE 3 MAR 1700\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE 20 FEB 1700\n1 DEAT\n2 DATE BEF 5 MAR 1700\n"
    )
    infants = parse_gedcom((HEAD + body + "0 TRLR\n").encode(), today=date(2025, 6, 1))
    assert [p.death_date for p in infants.people] == ["1700-03-03", None]
    # Before or after it: before its last possible day, after its first.
    body = (
        "0 @I1@ INDI\n1 BIRT\n2 DATE 28 FEB 1700\n1 DEAT\n2 DATE BEF 29 FEB 1700\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE AFT 29 FEB 1700\n1 DEAT\n2 DATE 1 MAR 1700\n"
    )
    around = parse_gedcom((HEAD + body + "0 TRLR\n").encode(), today=date(2025, 6, 1))
    assert [p.death_written.latest for p in around.people if p.death_written] == [
        "1700-03-10", "1700-03-01"]  # fmt: skip
    assert around.people[1].birth_written == WrittenDate("AFT 29 FEB 1700", "after",
                                                         "1700-03-01", None)  # fmt: skip


@pytest.mark.parametrize(
    "words", ["29 FEB 1701", "29 FEB 1800", "29 FEB 1900", "@#DGREGORIAN@ 29 FEB 1700"]
)
def test_29_february_of_a_year_that_is_no_leap_year_where_it_was_written_is_not_read(
    words: str,
) -> None:
    """No such day: kept as written, not read, and said (it once refused the file)."""
    found = tree(words)
    assert found.people[0].birth_date is None
    assert found.people[0].birth_written is not None
    assert found.people[0].birth_written.written == words
    assert found.people[0].birth_written.earliest is None
    assert (
        "@I1@ (line 7): birth date is not a valid calendar date: kept as written, not read as a "
        "date" in found.notes
    )


def test_an_impossible_day_in_a_qualified_date_is_kept_as_written_and_said_never_made_a_day(
) -> None:  # fmt: skip
    """`BET 31 SEP 1900 AND 1910` was taken and `ABT 31 SEP 1900` refused the file: each is kept
    as written with no day taken from the impossible date, and the notes say so. A plain
    `31 SEP 1900` still refuses the file (`tests/test_gedcom.py`)."""
    kinds: list[tuple[str, Qualifier]] = [("ABT", "about"), ("CAL", "calculated"),
                                          ("EST", "estimated"), ("BEF", "before"),
                                          ("AFT", "after")]  # fmt: skip
    read_in = tree(*(f"{kind} 31 SEP 1900" for kind, _ in kinds), "INT 31 SEP 1900 (as told)",
                   "BET 31 SEP 1900 AND 1910", marriage="ABT 31 SEP 1900")  # fmt: skip
    assert [p.birth_date for p in read_in.people] == [None] * 7
    assert [p.birth_written for p in read_in.people] == [
        *(WrittenDate(f"{kind} 31 SEP 1900", qualifier, None, None) for kind, qualifier in kinds),
        WrittenDate("INT 31 SEP 1900 (as told)", "interpreted", None, None),
        WrittenDate("BET 31 SEP 1900 AND 1910", "between", None, "1910-12-31"),
    ]
    assert read_in.families[0].marriage_date is None
    no_day = "names a day or month that does not exist: kept as written"
    assert [n for n in read_in.notes if "does not exist" in n] == [
        f"@I1@ (line 7): birth date is approximate ('about') and {no_day}",
        f"@I2@ (line 10): birth date is calculated and {no_day}",
        f"@I3@ (line 13): birth date is estimated and {no_day}",
        f"@I4@ (line 16): birth date is a 'before' date and {no_day}",
        f"@I5@ (line 19): birth date is an 'after' date and {no_day}",
        f"@I6@ (line 22): birth date is interpreted from words ('INT') and {no_day}",
        f"@I7@ (line 25): birth date is a range ('between ... and') and {no_day}",
        f"family @F1@ (line 28): marriage date is approximate ('about') and {no_day}",
    ]
    assert not any("as told" in n for n in read_in.notes)


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [("1 JAN 50", None), ("ABT 50", "about"), ("BET 50 AND 1960", "between"),
     ("FROM 1950 TO 60", "from_to"), ("JAN 5", None), ("12 MAR 50/51", None), ("Abt. 50", "about"),
     ("INT 3 MAY 48 (as told)", "interpreted"), ("@#DJULIAN@ 5 MAR 50", None),
     ("19 AUG 14", None), ("Sep 0099", None), ("0099", None), ("3 MAY 0050", None)],
)  # fmt: skip
def test_a_year_below_100_is_kept_as_written_and_not_read(
    words: str, qualifier: Qualifier | None
) -> None:
    """`19 AUG 14` or `Sep 0099` is no date in the first century but a typing slip, and its
    century is not for the import to guess: the words are kept as written, nothing is read
    from them, and it is said. (They were once left out, their words lost.)"""
    read_in = tree(words, marriage=words)
    unread = WrittenDate(words, qualifier, None, None)
    assert read_in.people[0].birth_date is None
    assert read_in.people[0].birth_written == unread
    assert read_in.families[0].marriage_date is None
    assert read_in.families[0].marriage_written == unread
    assert read_in.notes == (
        "@I1@ (line 7): birth date has a year below 100: kept as written, not read",
        "family @F1@ (line 10): marriage date has a year below 100: kept as written, not read",
    )
    assert from_words(words) == unread  # and read again from stored words the same


def test_a_mistyped_marriage_year_does_not_make_the_couple_too_old_to_be_living() -> None:
    """A family's marriage written `Sep 0099` (PAF, a slip for 1999) bounded the partners'
    years of birth to 86: born in 1984 and 1990 by their own dates, they were counted as not
    living. The year is not read, and they are living."""
    body = (
        "0 @I1@ INDI\n1 BIRT\n2 DATE 4 MAY 1984\n1 FAMS @F1@\n"
        "0 @I2@ INDI\n1 BIRT\n2 DATE 1990\n1 FAMS @F1@\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 MARR\n2 DATE Sep 0099\n"
    )
    read_in = parse_gedcom((HEAD + body + "0 TRLR\n").encode(), today=date(2025, 6, 1))
    assert [(p.deceased, p.living_inferred) for p in read_in.people] == [(False, None)] * 2
    assert read_in.families[0].marriage_written == WrittenDate("Sep 0099", None, None, None)
    assert read_in.notes == (
        "family @F1@ (line 15): marriage date has a year below 100: kept as written, not read",
    )


def test_dates_written_with_dots_are_read_day_month_year_and_kept_as_written() -> None:
    """MacFamilyTree writes every date as `27.11.1957`: read as 27 November 1957, the words
    kept as written, with no note (they were each kept as a phrase, and said)."""
    read_in = tree("27.11.1957", "1.2.1957", "11.1957", marriage="ABT 3.4.1980")
    assert [p.birth_date for p in read_in.people] == ["1957-11-27", "1957-02-01", "1957-11"]
    assert [p.birth_written.written for p in read_in.people if p.birth_written] == [
        "27.11.1957", "1.2.1957", "11.1957"]  # fmt: skip
    assert read_in.families[0].marriage_date == "1980-04-03"
    assert read_in.notes == (
        "family @F1@ (line 16): marriage date is approximate ('about'): kept as written and as "
        "1980-04-03",
    )


def test_quarter_dates_order_a_sibship_and_bound_a_lifespan_and_export_as_ranges() -> None:
    """A tree built from the General Register Office's indexes gives births by quarter: each
    is read as the range of its months (they were phrases, with no first day to put brothers
    and sisters in birth order by); the words are kept, the export writes the standard's."""
    read_in = tree("Jun Qtr 1923", "Q1 1921", "Mar Q 1925")
    assert [(p.birth_written.earliest, p.birth_written.latest) for p in read_in.people
            if p.birth_written] == [("1923-04-01", "1923-06-30"), ("1921-01-01", "1921-03-31"),
                                    ("1925-01-01", "1925-03-31")]  # fmt: skip
    assert [p.birth_written.written for p in read_in.people if p.birth_written] == [
        "Jun Qtr 1923", "Q1 1921", "Mar Q 1925"]  # fmt: skip
    assert read_in.notes == tuple(
        f"@I{i}@ (line {line}): birth date is a range ('between ... and'): kept as written"
        for i, line in ((1, 7), (2, 10), (3, 13))
    )
    # Born in the 1920s with no death recorded: living, as far as the file says (the living
    # rule takes nobody to live past 110); born in the last quarter of 1880: not living.
    assert [p.deceased for p in read_in.people] == [False, False, False]
    assert tree("Q4 1880").people[0].deceased is True
    out = write_gedcom(read_in)
    assert [line for line in out.splitlines() if line.startswith("2 DATE ")] == [
        "2 DATE BET APR 1923 AND JUN 1923", "2 DATE BET JAN 1921 AND MAR 1921",
        "2 DATE BET JAN 1925 AND MAR 1925"]  # fmt: skip


@pytest.mark.parametrize(("dotted", "words"), [("31.02.1957", "31 FEB 1957"),
                                               ("0.3.1950", "0 MAR 1950"),
                                               ("29.2.1900", "29 FEB 1900")])  # fmt: skip
def test_a_date_with_dots_naming_no_real_day_is_impossible_as_in_words(
    dotted: str, words: str
) -> None:
    assert impossible(gd.DateValue.parse(dotted)) is impossible(gd.DateValue.parse(words)) is True
    assert impossible(gd.DateValue.parse("28.02.1957")) is False


def test_a_julian_date_with_a_dual_year_is_read_and_converted() -> None:
    """`@#DJULIAN@ 11 FEB 1731/32` (GEDCOM 5.5.1 allows a dual year in the Julian calendar) was
    kept as a phrase "in a calendar that is not read": read with its later year, as `11 FEB
    1731/32` is, and converted from the Julian calendar, as `@#DJULIAN@ 5 MAR 1700` is."""
    read_in = tree("@#DJULIAN@ 11 FEB 1731/32", "11 FEB 1731/32")
    assert [p.birth_date for p in read_in.people] == ["1732-02-22", "1732-02-11"]
    assert read_in.people[0].birth_written == WrittenDate(
        "@#DJULIAN@ 11 FEB 1731/32", None, "1732-02-22", "1732-02-22"
    )
    assert read_in.notes[1:] == (  # after the living rule's note: born too long ago
        "@I1@ (line 7): birth date is in another calendar: kept as written and as 1732-02-22",
        "@I2@ (line 10): birth date has a dual year: kept as written and as 1732-02-11",
    )
    assert parse("@#DJULIAN@ 11 FEB 1731/32").date.dual_year == 1732  # type: ignore[attr-defined]


def test_a_julian_dual_year_in_a_qualified_date_is_read_from_a_file_as_on_its_own() -> None:
    """In a file, `ABT @#DJULIAN@ 11 FEB 1731/32` and `BET ... AND ...` were kept as phrases,
    though the same words read on their own were read (the file hands them to the parser as a
    phrase, and only a date that began with the calendar was taken back out of it)."""
    read_in = tree("ABT @#DJULIAN@ 11 FEB 1731/32",
                   "BET @#DJULIAN@ 1 JAN 1700/01 AND @#DJULIAN@ 5 MAR 1710/11",
                   "(ABT @#DJULIAN@ 11 FEB 1731/32)")  # fmt: skip
    about, between, phrase = (p.birth_written for p in read_in.people)
    assert about == WrittenDate("ABT @#DJULIAN@ 11 FEB 1731/32", "about", "1732-02-22",
                                "1732-02-22")  # fmt: skip
    assert about == read(parse(about.written), about.written)
    assert between == WrittenDate("BET @#DJULIAN@ 1 JAN 1700/01 AND @#DJULIAN@ 5 MAR 1710/11",
                                  "between", "1701-01-12", "1711-03-16")  # fmt: skip
    # A phrase the file wrote itself stays a phrase, with its brackets.
    assert phrase == WrittenDate("(ABT @#DJULIAN@ 11 FEB 1731/32)", "phrase", None, None)
    assert read_in.people[0].birth_date == "1732-02-22"


def test_a_calendar_escape_in_lower_case_is_read_as_upper_case_and_said() -> None:
    """`@#djulian@ 5 MAR 1700` refused the whole file ("unreadable GEDCOM file ...:
    ValueError"), as ged4py knows the escapes in upper case only."""
    read_in = tree("@#djulian@ 5 MAR 1700", "@#dHebrew@ 1 TSH 5710", "@#dunknown@ 1950",
                   "BET @#djulian@ 1650 AND @#dgregorian@ 1660", "@#dJULIAN@ 1 JAN 1700/01",
                   "@#dUNKNOWN@ 1900")  # fmt: skip
    julian, hebrew, unknown, between, first_only, unknown_too = read_in.people
    assert first_only.birth_date == "1701-01-12"
    assert unknown_too.birth_written is not None
    assert unknown_too.birth_written.qualifier == "phrase"
    assert (julian.birth_date, hebrew.birth_date) == ("1700-03-16", "1949-09-24")
    assert julian.birth_written is not None
    assert julian.birth_written.written == "@#DJULIAN@ 5 MAR 1700"
    assert unknown.birth_date is None
    assert unknown.birth_written is not None
    assert unknown.birth_written.qualifier == "phrase"
    assert between.birth_written is not None
    assert between.birth_written.qualifier == "between"
    assert read_in.notes.count("calendar escapes written in lower case: read as upper case") == 1
    # Upper case escapes, and words elsewhere that look like one, are left alone and not said.
    plain = tree("@#DJULIAN@ 5 MAR 1700")
    assert not any("lower case" in note for note in plain.notes)


@pytest.mark.parametrize(("words", "iso"), [("950", "0950"), ("3 MAY 0950", "0950-05-03"),
                                            ("1 JAN 1950", "1950-01-01")])  # fmt: skip
def test_a_year_of_100_or_more_is_read_as_written(words: str, iso: str) -> None:
    read_in = tree(words)
    assert read_in.people[0].birth_date == iso
    assert not any("below 100" in n for n in read_in.notes)


@pytest.mark.parametrize(
    ("words", "deceased"),
    [
        ("01.01.0001", False),
        ("@#DJULIAN@ 11 FEB 0099/00", False),
        ("31.02.1850", False),
        ("31 FEB 1850", False),
        ("(1850)", True),  # a phrase naming a year still bounds the lifespan
    ],
)
def test_a_date_not_read_on_purpose_bounds_no_ones_lifespan(words: str, deceased: bool) -> None:
    """A date kept as written and not read (a year below 100, a day that does not exist) was
    still searched for a year as a phrase is, and its number counted the person as dead ("born
    in 1 at the latest")."""
    assert tree(words).people[0].deceased is deceased


def test_an_export_writes_a_programs_own_date_words_in_the_standards() -> None:
    """A quarter of real files write some dates outside the standard (Ancestry's `Abt.`,
    MacFamilyTree's `27.11.1957`, a phrase without its brackets): the export wrote them as they
    came, for the next program to misread. It now writes the standard's words for them, read
    back to the same days; words the standard reads are written as they came."""
    came = ["Abt. 1957", "27.11.1957", "Bet. 1950 and 1955", "circa 1850", "in the war",
            "(the spring after the flood)", "ABT 1960", "@#DJULIAN@ 5 MAR 1650", "Sep 0099",
            "11 FEB 1731/32", "INT 1900 (about then)"]  # fmt: skip
    first = tree(*came)
    out = write_gedcom(first)
    written = [line[len("2 DATE ") :] for line in out.splitlines() if line.startswith("2 DATE ")]
    assert written == ["ABT 1957", "27 NOV 1957", "BET 1950 AND 1955", "ABT 1850", "(in the war)",
                       "(the spring after the flood)", "ABT 1960", "@#DJULIAN@ 5 MAR 1650",
                       "Sep 0099", "11 FEB 1731/32", "INT 1900 (about then)"]  # fmt: skip
    again = parse_gedcom(out.encode(), today=date(2025, 6, 1))

    def days(t: GedcomTree) -> list[tuple[Any, ...]]:
        return [(p.birth_date, w.qualifier, w.earliest, w.latest)
                for p in t.people if (w := p.birth_written) is not None]  # fmt: skip

    assert days(again) == days(first)
    assert len(days(first)) == len(came)
    assert standard("Abt. 31.02.1957") == "ABT 31 FEB 1957"  # impossible still, as it was


def test_an_interpreted_date_is_said() -> None:
    """A second reader: `INT 1990 (about then)` was read as 1990 without a word, where every
    other date that is not plain is named."""
    from service.gedcom import parse_gedcom

    text = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Ann /Lee/\n"
            "1 BIRT\n2 DATE INT 1990 (about then)\n0 TRLR\n")  # fmt: skip
    tree = parse_gedcom(text.encode(), today=date(2026, 12, 7))
    assert tree.people[0].birth_date == "1990"
    assert [n for n in tree.notes if "interpreted" in n] == [
        "@I1@ (line 5): birth date is interpreted from words ('INT'): kept as written and as 1990"
    ]


def test_a_range_written_backwards_is_said() -> None:
    """A second reader: `BET 1905 AND 1900` was kept with no range and no word, as if it were
    any range. No day is both after 1905 and before 1900: the note says so."""
    read_in = tree("BET 1905 AND 1900", "FROM 1910 TO 1900", "BET 1900 AND 1905")
    assert [p.birth_written.earliest for p in read_in.people if p.birth_written] == [
        None, None, "1900-01-01"]  # fmt: skip
    assert (
        "@I1@ (line 7): birth date is a range ('between ... and') whose second date is before "
        "its first: kept as written, not read as dates" in read_in.notes
    ), read_in.notes
    assert (
        "@I2@ (line 10): birth date is a period ('from ... to') whose second date is before its "
        "first: kept as written, not read as dates" in read_in.notes
    ), read_in.notes
    assert not any(note.startswith("@I3@") and "before its first" in note
                   for note in read_in.notes)  # fmt: skip
