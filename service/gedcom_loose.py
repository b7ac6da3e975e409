"""Dates as genealogy programs write them outside GEDCOM's grammar, in the standard's words:
Ancestry's `Abt.`, `Bef.`, `Bet. ... and` (or a dash); `circa`, `ca`, `c.`; month names in
full or with a dot (`12 February 1990`, `Sept. 1990`); ISO dates (`1990-02-12`);
MacFamilyTree's `27.11.1957`; British quarter dates; the month first (`March 3, 1850`) and a
day with its ordinal (`3rd March 1850`). `service.gedcom_dates` reads a date that
ged4py took for a phrase (or for a month it does not know) again in these words, and the export
writes them. Pure: nothing here does I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ged4py.calendar import GregorianDate


def _numeric(found: re.Match[str]) -> str:
    """A date written in numbers (its `day`, `month` and `year`), in the standard's words: with
    dots, as MacFamilyTree writes every date, read day.month.year (`27.11.1957` as `27 NOV
    1957`, `11.1957` as `NOV 1957`); in ISO's order, as web tools and hand-edited files write
    them (`1990-02-12` as `12 FEB 1990`). A month that is none is left as written, so the date
    stays a phrase; a day that is none is kept, so that the date is found impossible
    (`31.02.1957`) as the same date in words would be."""
    day, month, year = found["day"], int(found["month"]), found["year"]
    if not 1 <= month <= 12:
        return found[0]
    return " ".join([*([str(int(day))] if day else []), GregorianDate.months()[month - 1], year])


# A quarter of a year by its number, its first and last months: the General Register Office's
# indexes of births, marriages and deaths in England and Wales (FreeBMD, FreeBMD's copies in
# every genealogy site) give a quarter, not a day, so British trees write "Q1 1891", "1st Qtr
# 1891", "Mar Q 1891" (the quarter ending in March), "Jan-Mar 1891" for the months January to
# March; read as the range of those months, as Family Historian keeps a quarter date.
_QUARTER_MONTHS = {1: ("JAN", "MAR"), 2: ("APR", "JUN"), 3: ("JUL", "SEP"), 4: ("OCT", "DEC")}
_QUARTER_MIDDLE = {1: "FEB", 2: "MAY", 3: "AUG", 4: "NOV"}
_QUARTER_ENDING = {"MAR": 1, "JUN": 2, "SEP": 3, "DEC": 4}
_QUARTER_WORD = r"(?:Q|QR|QTR|QUARTER)\.?"
# Month names as written, in full or cut short: only these (no other word is read as a month).
_FIRST = r"JAN(?:UARY)?|APR(?:IL)?|JULY?|OCT(?:OBER)?"
_MIDDLE = r"FEB(?:RUARY)?|MAY|AUG(?:UST)?|NOV(?:EMBER)?"
_LAST = r"MAR(?:CH)?|JUNE?|SEP(?:T(?:EMBER)?)?|DEC(?:EMBER)?"
_QUARTER = re.compile(
    r"(?i)^(?:Q(?P<number>[1-4])"
    rf"|(?P<ordinal>[1-4])(?:Q|(?:ST|ND|RD|TH)?\s*{_QUARTER_WORD})"
    rf"|(?P<ending>{_LAST})\.?\s*{_QUARTER_WORD}"
    rf"|(?P<first>{_FIRST})\.?\s*[-/]\s*(?:(?P<middle>{_MIDDLE})\.?\s*[-/]\s*)?"
    rf"(?P<last>{_LAST})\.?)"
    r"\s+(?P<year>\d{3,4})$"
)


# Month names as programs in English, French, German and Dutch write them, in full or cut
# short, by the standard's three letters (accents aside; a second reader: `12 JANV 1890`,
# `Dez 1990` and `12 mei 1990` were said to name no month, and someone born in 1850 so was
# imported as living).
_MONTHS = {
    "JAN": ("JANUARY", "JANV", "JANVIER", "JANUAR", "JAN", "JANNER", "JANUARI"),
    "FEB": ("FEBRUARY", "FEV", "FEVR", "FEVRIER", "FEBRUAR", "FEBRUARI"),
    "MAR": ("MARCH", "MARS", "MARZ", "MAERZ", "MRZ", "MAART", "MRT", "MAA"),
    "APR": ("APRIL", "AVR", "AVRIL"),
    "MAY": ("MAI", "MEI"),
    "JUN": ("JUNE", "JUIN", "JUNI"),
    "JUL": ("JULY", "JUIL", "JUILLET", "JULI"),
    "AUG": ("AUGUST", "AOUT", "AUGUSTUS"),
    "SEP": ("SEPT", "SEPTEMBER", "SEPTEMBRE"),
    "OCT": ("OCTOBER", "OCTOBRE", "OKT", "OKTOBER"),
    "NOV": ("NOVEMBER", "NOVEMBRE"),
    "DEC": ("DECEMBER", "DECEMBRE", "DEZ", "DEZEMBER"),
}
_MONTH_OF = {word: month for month, words in _MONTHS.items() for word in (month, *words)}


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word.upper())
                   if not unicodedata.combining(ch))  # fmt: skip


# A month's name in full, cut short or with a dot, before a day or year.
_MONTH_NAME = re.compile(r"(?i)\b([^\W\d_]{3,9})\.?(?=\s+\d)")


def _month(found: re.Match[str]) -> str:
    """A month's name (`_MONTH_NAME`) in the standard's three letters; another word as it is."""
    return _MONTH_OF.get(_plain(found[1]), found[0])


def month_words(written: str) -> bool:
    """Whether `written` names a month in other words than the standard's three capitals (ged4py
    reads `SEPT 1990` as a month it does not know, not as a phrase)."""
    return any(_month(found) != found[0] for found in _MONTH_NAME.finditer(written))


# A month's name before its day, as American programs and Ancestry's free text write a date
# (`March 3, 1850`, `Mar 3 1850`); a day with its ordinal (`3rd March 1850`, `3rd of March
# 1850`): a second reader found both kept as phrases, with no date read.
_MONTH_FIRST = re.compile(
    r"(?i)\b([^\W\d_]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(\d{3,4})\b"
)
_ORDINAL_DAY = re.compile(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)(?:\s+of)?\s+(?=[^\W\d_]{3,9}\.?\s+\d)")


def _month_first(found: re.Match[str]) -> str:
    """A date with its month's name first (`_MONTH_FIRST`) with its day first; other words as
    they are."""
    if _plain(found[1]) not in _MONTH_OF:
        return found[0]
    return f"{int(found[2])} {found[1]} {found[3]}"


def _quarter(found: re.Match[str]) -> str:
    """A quarter date (`_QUARTER`) as the range of its months, `BET JAN 1891 AND MAR 1891`; a
    span of months that is no quarter (`Jan-Jun 1891`) left as written, a phrase."""
    number = found["number"] or found["ordinal"]
    if number is not None:
        quarter = int(number)
    elif found["ending"] is not None:
        quarter = _QUARTER_ENDING[found["ending"][:3].upper()]
    else:
        quarter = _QUARTER_ENDING[found["last"][:3].upper()]
        middle = found["middle"]
        if _QUARTER_MONTHS[quarter][0] != found["first"][:3].upper() or (
            middle is not None and middle[:3].upper() != _QUARTER_MIDDLE[quarter]
        ):
            return found[0]
    first, last = _QUARTER_MONTHS[quarter]
    return f"BET {first} {found['year']} AND {last} {found['year']}"


# The qualifiers and dates as programs write them outside the standard (Ancestry's "Abt.",
# "Bef.", "Bet. ... and"; "circa", "c."; MacFamilyTree's "27.11.1957"; British quarter dates),
# in the standard's words.
LOOSE: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (_QUARTER, _quarter),
    (re.compile(r"(?<![\d.-])(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?(?![\d.-])"),
     _numeric),
    (_MONTH_FIRST, _month_first),
    (_ORDINAL_DAY, r"\1 "),
    (_MONTH_NAME, _month),
    (re.compile(r"(?i)^(?:about|abt\.?|circa|ca\.?|c\.?)(?:\s+|(?=\d))"), "ABT "),
    # A decade (`1850s`): its ten years.
    (re.compile(r"(?i)^(\d{3})0s$"), r"BET \g<1>0 AND \g<1>9"),
    (re.compile(r"(?i)^(?:before|bef\.?)\s+"), "BEF "),
    (re.compile(r"(?i)^(?:after|aft\.?)\s+"), "AFT "),
    (re.compile(r"(?i)^(?:estimated|est\.?)\s+"), "EST "),
    (re.compile(r"(?i)^(?:calculated|cal\.?)\s+"), "CAL "),
    (re.compile(r"(?i)^(?:between|bet\.?)\s+(.+?)(?:\s+(?:and|&)\s+|\s*[-\u2013]\s*)"),
     r"BET \1 AND "),
    (re.compile(r"(?<![\d.])(?:(?P<day>\d{1,2})\.)?(?P<month>\d{1,2})\.(?P<year>\d{3,4})(?![\d.])"),
     _numeric),
]  # fmt: skip


def in_standard_words(written: str) -> str:
    """`written` with each of a program's own ways with a date (`LOOSE`) in the standard's
    words; other words as they are."""
    words = written.strip()  # a quarter is read to the end of the words, spaces aside
    for pattern, standard in LOOSE:
        words = pattern.sub(standard, words)
    return words
