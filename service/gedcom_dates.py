"""GEDCOM dates kept as written: the words of the file, what kind of date they are (a
qualifier), and the range of days they allow in the Gregorian calendar, from ged4py's reading.

- Every kind of date GEDCOM 5.5.1 has is kept in its own words: `ABT 1850`, `BET 1850 AND
  1855`, `BEF 3 JAN 1850`, `FROM 1900 TO 1910`, `INT 1900 (about then)`, `(in the war)`,
  `@#DJULIAN@ 5 MAR 1700`, `11 FEB 1731/32`. They are shown and exported as written.
- The range is the first and last day the words allow: a year is 1 January to 31 December, a
  month its first to last day; `BEF` ends the day before its date begins and `AFT` starts the
  day after it ends, with the other end open; `BET`/`FROM ... TO` run from the first date's
  start to the second's end. Approximate dates (`ABT`, `EST`, `CAL`) keep the range of the date
  they qualify: the qualifier says they are not exact. Phrases have no range.
- Dates in the Julian, Hebrew and French republican calendars are converted to Gregorian
  days. A dual year (`1731/32`, the old English year that began on 25 March) is read with its
  later year, as genealogy programs do.
- The partial ISO date the rest of the service sorts and checks by (`kept`) is the one day,
  month or year the range names, when it names one.

Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import convertdate.french_republican as french
import convertdate.gregorian
import convertdate.hebrew as hebrew
import convertdate.julian
from ged4py import date as gd
from ged4py.calendar import CalendarDate, CalendarType

Qualifier = Literal[
    "about", "estimated", "calculated", "interpreted", "before", "after", "between", "from_to",
    "from", "to", "phrase",
]  # fmt: skip

# The standard allows 35 characters; longer words are not a date (they are kept nowhere).
MAX_WRITTEN = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MODULES = {
    CalendarType.GREGORIAN: convertdate.gregorian,
    CalendarType.JULIAN: convertdate.julian,
    CalendarType.HEBREW: hebrew,
    CalendarType.FRENCH_R: french,
}
# GEDCOM's Hebrew months, numbered as convertdate numbers them (from Nisan).
_HEBREW_MONTHS = {"NSN": 1, "IYR": 2, "SVN": 3, "TMZ": 4, "AAV": 5, "ELL": 6, "TSH": 7, "CSH": 8,
                  "KSL": 9, "TVT": 10, "SHV": 11, "ADR": 12, "ADS": 13}  # fmt: skip

_QUALIFIERS: dict[type, Qualifier] = {
    gd.DateValueAbout: "about",
    gd.DateValueEstimated: "estimated",
    gd.DateValueCalculated: "calculated",
    gd.DateValueInterpreted: "interpreted",
    gd.DateValueBefore: "before",
    gd.DateValueAfter: "after",
    gd.DateValueRange: "between",
    gd.DateValuePeriod: "from_to",
    gd.DateValueFrom: "from",
    gd.DateValueTo: "to",
    gd.DateValuePhrase: "phrase",
}
# ged4py's words back to the standard's (its str() spells the keywords out).
_KEYWORDS = {"ABOUT": "ABT", "ESTIMATED": "EST", "CALCULATED": "CAL", "INTERPRETED": "INT",
             "BEFORE": "BEF", "AFTER": "AFT", "BETWEEN": "BET"}  # fmt: skip


@dataclass(frozen=True)
class WrittenDate:
    written: str
    qualifier: Qualifier | None  # None: a plain date (a day, a month or a year)
    earliest: str | None  # ISO day, Gregorian; None: open or unknown
    latest: str | None


def _iso(jd: float) -> str | None:
    year, month, day = convertdate.gregorian.from_jd(jd)
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= year <= 9999 else None


def _year_days(calendar: CalendarType, year: int) -> tuple[float, float]:
    if calendar is CalendarType.HEBREW:  # the year begins on 1 Tishri (month 7)
        return hebrew.to_jd(year, 7, 1), hebrew.to_jd(year + 1, 7, 1) - 1
    module = _MODULES[calendar]
    return module.to_jd(year, 1, 1), module.to_jd(year + 1, 1, 1) - 1


def _month_days(calendar: CalendarType, year: int, month: int) -> tuple[float, float]:
    module = _MODULES[calendar]
    first = module.to_jd(year, month, 1)
    if calendar is CalendarType.HEBREW:
        return first, first + hebrew.month_length(year, month) - 1
    if calendar is CalendarType.FRENCH_R and month == 13:  # the complementary days
        return first, _year_days(calendar, year)[1]
    if calendar is CalendarType.FRENCH_R:
        return first, first + 29
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return first, module.to_jd(*following, 1) - 1


def _month(when: CalendarDate) -> int | None:
    """The month's number in its calendar's own module (Hebrew months count from Nisan; Adar
    Sheni exists only in a leap year)."""
    name = (when.month or "").upper()
    if when.calendar is CalendarType.HEBREW:
        number = _HEBREW_MONTHS.get(name)
        if number == 13 and not hebrew.leap(when.year):
            return None
        return number
    months = type(when).months()
    return months.index(name) + 1 if name in months else None


def _span(when: CalendarDate | None) -> tuple[float, float] | None:
    """The first and last day (Julian day numbers) a date allows, in any of its calendars;
    None for a day or month that does not exist, or a date before the common era."""
    if when is None or when.bc or when.calendar not in _MODULES:
        return None
    calendar = when.calendar
    year, dual = when.year, getattr(when, "dual_year", None)
    try:
        if when.month is None:
            first, last = _year_days(calendar, year)
            if dual is not None:  # 1731/32: from the first year into the second
                last = _year_days(calendar, dual)[1]
            return first, last
        if dual is not None:
            year = dual
        month = _month(when)
        if month is None:
            return None
        first, last = _month_days(calendar, year, month)
        if when.day is None:
            return first, last
        day = first + when.day - 1
        return (day, day) if when.day >= 1 and day <= last else None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None


def _bounds(value: object) -> tuple[float | None, float | None]:
    if isinstance(value, gd.DateValueRange | gd.DateValuePeriod):
        one, two = _span(value.date1), _span(value.date2)
        return (one[0] if one else None), (two[1] if two else None)
    span = _span(getattr(value, "date", None))
    if span is None:
        return None, None
    if isinstance(value, gd.DateValueBefore):
        return None, span[0] - 1
    if isinstance(value, gd.DateValueAfter):
        return span[1] + 1, None
    if isinstance(value, gd.DateValueFrom):
        return span[0], None
    if isinstance(value, gd.DateValueTo):
        return None, span[1]
    return span


def parse(words: str) -> object:
    """ged4py's reading of a date's words; words it cannot read (a calendar it does not know, a
    dual year outside the Gregorian calendar) are a phrase, never an exception."""
    try:
        return gd.DateValue.parse(words)
    except Exception:  # ged4py raises ValueError and others on words it cannot place
        return gd.DateValuePhrase(words)


def words(value: object) -> str:
    """The date in the standard's words, from ged4py's reading (when the file's own bytes are
    not to hand)."""
    if isinstance(value, gd.DateValuePhrase):
        return f"({value.phrase})" if value.phrase else ""
    text = str(value)
    for long, short in _KEYWORDS.items():
        text = text.replace(long, short)
    return text


# The qualifiers as programs write them outside the standard (Ancestry's "Abt.", "Bef.",
# "Bet. ... and"; "circa", "c."), in the standard's words.
_LOOSE = [
    (re.compile(r"(?i)^(?:about|abt\.?|circa|ca\.|c\.)\s+"), "ABT "),
    (re.compile(r"(?i)^(?:before|bef\.?)\s+"), "BEF "),
    (re.compile(r"(?i)^(?:after|aft\.?)\s+"), "AFT "),
    (re.compile(r"(?i)^(?:estimated|est\.?)\s+"), "EST "),
    (re.compile(r"(?i)^(?:calculated|cal\.?)\s+"), "CAL "),
    (re.compile(r"(?i)^(?:between|bet\.?)\s+(.+?)\s+(?:and|&|-)\s+"), r"BET \1 AND "),
]


def _loosely(value: object, written: str | None) -> object:
    """A date ged4py read as a phrase only because of a program's way with a qualifier, read
    again in the standard's words; any other value as it is."""
    if not isinstance(value, gd.DateValuePhrase) or not written or written.startswith("("):
        return value
    words = written
    for pattern, standard in _LOOSE:
        words = pattern.sub(standard, words, count=1)
    again = parse(words) if words != written else value
    return value if isinstance(again, gd.DateValuePhrase) else again


def read(value: object, written: str | None = None) -> WrittenDate | None:
    """The date `value` (a ged4py DateValue) as written (`written`: the file's own words, when
    known), with its qualifier and range; None for no date or words too long to be one."""
    if not isinstance(value, gd.DateValue):
        return None
    value = _loosely(value, written)
    text = " ".join(_CONTROL.sub(" ", written if written is not None else words(value)).split())
    if not text or len(text) > MAX_WRITTEN:
        return None
    first, last = _bounds(value)
    earliest = None if first is None else _iso(first)
    latest = None if last is None else _iso(last)
    if earliest and latest and earliest > latest:
        earliest = latest = None  # "BET 1900 AND 1850": no day is both
    return WrittenDate(text, _QUALIFIERS.get(type(value)), earliest, latest)


def kept(date: WrittenDate | None) -> str | None:
    """The one day, month or year a plain or approximate date names, as partial ISO; None for
    ranges, open dates and phrases."""
    if date is None or date.qualifier not in (None, "about", "estimated", "calculated",
                                              "interpreted"):  # fmt: skip
        return None
    first, last = date.earliest, date.latest
    if first is None or last is None:
        return None
    if first == last:
        return first
    if first[:7] == last[:7] and first[8:] == "01":
        return first[:7]
    if first[:4] == last[:4] and first[5:] == "01-01" and last[5:] == "12-31":
        return first[:4]
    return None


_KINDS: dict[Qualifier, str] = {
    "before": "is a 'before' date",
    "after": "is an 'after' date",
    "between": "is a range ('between ... and')",
    "from_to": "is a period ('from ... to')",
    "from": "is a period ('from')",
    "to": "is a period ('to')",
    "phrase": "is a phrase",
    "about": "is approximate ('about')",
    "calculated": "is calculated",
    "estimated": "is estimated",
}


def note(value: object, date: WrittenDate | None, iso: str | None) -> str | None:
    """What the import did with a date that is not a plain Gregorian day, month or year, for
    the answer's notes: its kind and what was kept, never its words (a phrase can name
    people); None for a plain date kept as it is."""
    if value is None or value == "":
        return None
    kind = None if date is None or date.qualifier is None else _KINDS.get(date.qualifier)
    when = getattr(value, "date", None)
    if str(getattr(value, "phrase", "")).startswith("@#D"):
        kind = "is in a calendar that is not read"  # made a phrase on purpose (gedcom.py)
    elif kind is None and when is not None and when.calendar is not CalendarType.GREGORIAN:
        kind = "is in another calendar"
    elif kind is None and getattr(when, "dual_year", None) is not None:
        kind = "has a dual year"
    if date is None:
        return f"{kind or 'could not be read'}: not kept"
    if kind is None and (iso is not None or date.earliest is None):
        return None if iso is not None else "could not be read: kept as written"
    if kind is None:
        return None
    return f"{kind}: kept as written" + (f" and as {iso}" if iso else "")


def latest_birth_year(value: object, date: WrittenDate | None) -> int | None:
    """The latest year of birth a date allows, for the living rule: the end of its range, or
    the largest year a phrase names; None when it is open-ended ('after 1850')."""
    if date is not None and date.latest is not None:
        return int(date.latest[:4])
    if date is not None and date.earliest is not None:
        return None  # after, from: no end
    years = [int(y) for y in re.findall(r"\b(\d{3,4})\b", str(getattr(value, "phrase", "")))]
    return max(years) if years else None


def from_words(words: str | None) -> WrittenDate | None:
    """A date stored as written, read again from its words (for export and display)."""
    return None if not words else read(parse(words), words)


def written_fields(event: str, date: WrittenDate | None) -> dict[str, str | None]:
    """A date as written, as the properties a person keeps it in (`birth_written`, ...)."""
    return {
        f"{event}_written": date.written if date else None,
        f"{event}_qualifier": date.qualifier if date else None,
        f"{event}_earliest": date.earliest if date else None,
        f"{event}_latest": date.latest if date else None,
    }
