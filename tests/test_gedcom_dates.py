"""GEDCOM dates as written (`service.gedcom_dates`): words, qualifier and the range of days,
in every calendar GEDCOM 5.5.1 names. Pure, no database."""

from __future__ import annotations

import pytest
from ged4py import date as gd

from service.gedcom_dates import WrittenDate, from_words, kept, latest_birth_year, read


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
        # Julian: ten days behind in 1650, eleven from March 1700, thirteen in the 1900s.
        ("@#DJULIAN@ 5 MAR 1650", None, "1650-03-15", "1650-03-15", "1650-03-15"),
        ("@#DJULIAN@ 29 FEB 1700", None, "1700-03-11", "1700-03-11", "1700-03-11"),
        ("@#DJULIAN@ 1700", None, "1700-01-11", "1701-01-11", None),
        ("ABT @#DJULIAN@ 5 MAR 1950", "about", "1950-03-18", "1950-03-18", "1950-03-18"),
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
    ],
)
def test_words_qualifier_and_range(
    words: str, qualifier: str | None, earliest: str | None, latest: str | None,
    as_iso: str | None,
) -> None:  # fmt: skip
    date = from_words(words)
    assert date == WrittenDate(words, qualifier, earliest, latest)  # type: ignore[arg-type]
    assert kept(date) == as_iso


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
