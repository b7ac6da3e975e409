"""GEDCOM dates kept as written: the words of the file, what kind of date they are (a
qualifier), and the range of days they allow in the Gregorian calendar, from ged4py's reading.

- Every kind of date GEDCOM 5.5.1 has is kept in its own words: `ABT 1850`, `BET 1850 AND
  1855`, `BEF 3 JAN 1850`, `FROM 1900 TO 1910`, `INT 1900 (about then)`, `(in the war)`,
  `@#DJULIAN@ 5 MAR 1700`, `11 FEB 1731/32`. They are shown as written, and exported as
  written where the standard reads them (`standard`: a program's own `Abt. 1957` or
  `27.11.1957` is exported as `ABT 1957`, `27 NOV 1957`, for other programs to read).
- The range is the first and last day the words allow: a year is 1 January to 31 December, a
  month its first to last day; `BEF` ends the day before its date begins and `AFT` starts the
  day after it ends, with the other end open; `BET`/`FROM ... TO` run from the first date's
  start to the second's end. Approximate dates (`ABT`, `EST`, `CAL`) keep the range of the date
  they qualify: the qualifier says they are not exact. Phrases have no range.
- Dates in the Julian, Hebrew and French republican calendars are converted to Gregorian
  days. A dual year (`1731/32`, the old English year that began on 25 March) is read with its
  later year, as genealogy programs do, in the Julian calendar too (`@#DJULIAN@ 11 FEB
  1731/32`, which GEDCOM 5.5.1 allows and ged4py does not read), and inside a qualifier for a
  year alone (`BEF 1700/01` is before 1701); a year alone with no qualifier allows both years.
  A range written backwards (`BET 1905 AND 1900`) has no range, and its note says so. `29 FEB`
  written with no
  calendar in a year before 1752 that is a leap year in the Julian calendar alone (`29 FEB
  1700`: England kept that calendar until 1752) is kept as written, its range from the file's
  28 February to that Julian day.
- Dates written as numbers with dots (`27.11.1957`, `1.2.1957`, `11.1957`: MacFamilyTree writes
  every date so) are read as day.month.year, the convention wherever dates are written with
  dots; one naming no real day (`31.02.1957`) is an impossible date like `31 FEB 1957`.
- A day or month its calendar does not have (`ABT 31 SEP 1900`) gives no range: no day is made
  up for it. A year below 100, written in one or two digits (`19 AUG 14`) or with leading zeros
  (`Sep 0099`), is kept as written and not read as a date: nobody this service records was
  born in the year 99, the century is not for the import to guess, and a mistyped year must
  not bound anyone's lifespan.
- The partial ISO date the rest of the service sorts and checks by (`kept`) is the one day,
  month or year the range names, when it names one.

Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import convertdate.french_republican as french
import convertdate.gregorian
import convertdate.hebrew as hebrew
import convertdate.julian
from ged4py import date as gd
from ged4py.calendar import DATE_RE, CalendarDate, CalendarType, GregorianDate, JulianDate

from service import lifespan
from service.gedcom_loose import in_standard_words, month_words

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


def _dates(value: object) -> list[CalendarDate]:
    """The dates a value holds: one, or a range's or period's two."""
    found = (getattr(value, name, None) for name in ("date", "date1", "date2"))
    return [when for when in found if isinstance(when, CalendarDate)]


def _as_written(when: CalendarDate) -> re.Match[str] | None:
    """A date's own words as ged4py reads them: group 1 the calendar escape, group 4 the year."""
    return DATE_RE.match(when.original.strip()) if when.original else None


def _year_below_100(value: object) -> bool:
    """A date whose year is below 100, written in one or two digits (`1 JAN 50`, `BET 50 AND
    60`) or with leading zeros (`Sep 0099`): in a family tree a typing slip, never a birth in
    the year 50 (module docstring). Years before the common era are left as they are (they have
    no range), and so are the French republican calendar's, which run from 1 to 14."""
    for when in _dates(value):
        if when.bc or when.calendar not in (CalendarType.GREGORIAN, CalendarType.JULIAN):
            continue
        words = _as_written(when)
        if words is not None and int(words.group(4)) < 100:
            return True
    return False


def _julian_leap_day(when: CalendarDate | None) -> bool:
    """`29 FEB` written with no calendar in a year before 1752 that is a leap year in the Julian
    calendar and not in the Gregorian one (1700, 1500, ...; a dual year's later year): a day
    England's calendar had until 1752, as parish registers' transcriptions write it."""
    if not isinstance(when, GregorianDate) or when.day != 29 or when.month_num != 2 or when.bc:
        return False
    year = when.year if when.dual_year is None else when.dual_year
    words = _as_written(when)
    return (year < 1752 and convertdate.julian.leap(year) and not convertdate.gregorian.isleap(year)
            and words is not None and words.group(1) is None)  # fmt: skip


def _no_such_day(when: CalendarDate) -> bool:
    """A day or month its calendar does not have (`31 SEP 1900`, `ADS` in a Hebrew year of one
    Adar, a month's name that is none)."""
    return when.month is not None and not when.bc and _span(when) is None


def _span(when: CalendarDate | None, later: bool = False) -> tuple[float, float] | None:
    """The first and last day (Julian day numbers) a date allows, in any of its calendars;
    None for a day or month that does not exist, or a date before the common era. A dual year
    of a year alone (`1731/32`) allows both years, or, `later`, its later year alone (inside a
    qualifier: `ABT 1700/01` is about 1701, `BEF 1700/01` before 1701)."""
    if when is None or when.bc or when.calendar not in _MODULES:
        return None
    calendar = when.calendar
    year, dual = when.year, getattr(when, "dual_year", None)
    if _julian_leap_day(when):
        # The file's other dates of that time are Julian too, yet read as Gregorian: its 3
        # March sits a few days after its 29 February, not before the Julian day (11 March
        # 1700). So the day is read as the days from the file's own 28 February to its Julian
        # day: no single day is made of it, and no order check refuses its neighbours.
        year = dual if dual is not None else year
        feb = _month_days(CalendarType.GREGORIAN, year, 2)[0] + 27
        julian = _month_days(CalendarType.JULIAN, year, 2)[0] + 28
        return min(feb, julian), max(feb, julian)  # before 200 the Julian day comes first
    try:
        if when.month is None:
            first, last = _year_days(calendar, dual if later and dual is not None else year)
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
    # A dual year inside a qualifier is read with its later year, as a day's or month's is (a
    # second reader: `BET 1700/01 AND 1705` began in 1700, `BEF 1700/01` ended in 1699).
    later = not isinstance(value, gd.DateValueSimple)
    if isinstance(value, gd.DateValueRange | gd.DateValuePeriod):
        one, two = _span(value.date1, later), _span(value.date2, later)
        return (one[0] if one else None), (two[1] if two else None)
    when = getattr(value, "date", None)
    span = _span(when, later)
    if span is None:
        return None, None
    # A Julian-only 29 February's range is the days it may be, not days it covers: before it
    # is before its last possible day, after it after its first.
    may_be = _julian_leap_day(when)
    if isinstance(value, gd.DateValueBefore):
        return None, (span[1] if may_be else span[0]) - 1
    if isinstance(value, gd.DateValueAfter):
        return (span[0] if may_be else span[1]) + 1, None
    if isinstance(value, gd.DateValueFrom):
        return span[0], None
    if isinstance(value, gd.DateValueTo):
        return None, span[1]
    return span


class _DualJulianDate(JulianDate):
    """A Julian date with a dual year (`@#DJULIAN@ 11 FEB 1731/32`), which ged4py refuses to
    read: its `dual_year` is the later year, as ged4py's Gregorian dates have it."""

    def __init__(self, when: CalendarDate, dual_year: int) -> None:
        super().__init__(when.year, when.month, when.day, bc=when.bc, original=when.original)
        self.dual_year = dual_year

    @property
    def year_str(self) -> str:
        return f"{self.year}/{str(self.dual_year)[-2:]}" + (" B.C." if self.bc else "")


# Each Julian date of a value's words, group 1 its year and group 2 its dual year, if any.
_JULIAN = re.compile(r"(?i)(@#DJULIAN@\s+(?:\d+\s+)?(?:[A-Z]{3,4}\s+)?)(\d+)(?:/(\d+))?")


def _later_year(year: str, dual: str) -> int | None:
    """The later year of a dual year, as ged4py reads a Gregorian one (`1699/00` is 1700)."""
    when = CalendarDate.parse(f"{year}/{dual}")
    return when.dual_year if isinstance(when, GregorianDate) else None


def _with_julian_dual_years(words: str) -> object:
    """ged4py's reading of words with a Julian dual year, which it refuses: read with the first
    year, as ged4py keeps a Gregorian dual year, each such date then given its later year."""
    written = iter(_JULIAN.finditer(words))
    value = gd.DateValue.parse(_JULIAN.sub(r"\1\2", words))
    dates: list[CalendarDate] = []
    for when in _dates(value):
        found = next(written) if isinstance(when, JulianDate) else None
        later = _later_year(found[2], found[3]) if found and found[3] else None
        dates.append(when if later is None else _DualJulianDate(when, later))
    kind: Any = type(value)  # the same kind of value (about, between, ...), with these dates
    if isinstance(value, gd.DateValueInterpreted):
        return kind(*dates, value.phrase)
    return kind(*dates)


def parse(words: str) -> object:
    """ged4py's reading of a date's words, a Julian dual year's too; words it cannot read (a
    calendar it does not know) are a phrase, never an exception."""
    try:
        return gd.DateValue.parse(words)
    except Exception:  # ged4py raises ValueError and others on words it cannot place
        if not _JULIAN.search(words):
            return gd.DateValuePhrase(words)
    try:
        return _with_julian_dual_years(words)
    except Exception:
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


def _loosely(value: object, written: str | None) -> object:
    """A date ged4py read as a phrase only because of a program's way with a qualifier or a
    date, or with a month it does not know (`Sept`), read again in the standard's words; and a
    Julian dual year, handed over as a phrase (`service.gedcom_bytes`), read (`parse`). Any
    other value as it is."""
    if not written or written.startswith("("):
        return value
    if not isinstance(value, gd.DateValuePhrase) and not month_words(written):
        return value
    again = parse(in_standard_words(written))
    return value if isinstance(again, gd.DateValuePhrase) else again


def read(value: object, written: str | None = None) -> WrittenDate | None:
    """The date `value` (a ged4py DateValue) as written (`written`: the file's own words, when
    known), with its qualifier and range; None for no date or words too long to be one. A
    year below 100 (`_year_below_100`) gives the words alone, with no range."""
    if not isinstance(value, gd.DateValue):
        return None
    value = _loosely(value, written)
    text = " ".join(_CONTROL.sub(" ", written if written is not None else words(value)).split())
    if not text or len(text) > MAX_WRITTEN:
        return None
    if _year_below_100(value):
        return WrittenDate(text, _QUALIFIERS.get(type(value)), None, None)
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
    # A date the program read from words (`INT 1990 (about then)`): said (a second reader).
    "interpreted": "is interpreted from words ('INT')",
}


def impossible(value: object) -> bool:
    """A plain Gregorian date naming a day that does not exist (`31 FEB 1950`, `29 FEB 1900`,
    `0 MAR 1950`, `31.02.1950`): the one kind of date that refuses a file. Qualified dates,
    other calendars, dual years, years below 100 and words that are no month are kept as
    written, their note saying why. A phrase is read as `read` reads the same words."""
    value = _loosely(value, getattr(value, "phrase", None))
    when = getattr(value, "date", None)
    if not isinstance(value, gd.DateValueSimple) or not isinstance(when, GregorianDate):
        return False
    if when.bc or when.dual_year is not None or _year_below_100(value):
        return False
    if when.month is not None and when.month_num is None:  # a word that is no month: text
        return False
    span = _span(when)
    return span is None or _iso(span[0]) is None


_JULIAN_DAY = (
    "is 29 February of a year before 1752 that is a leap year in the Julian calendar alone"
)
_NO_SUCH_DAY = "names a day or month that does not exist"


def note(
    value: object, date: WrittenDate | None, iso: str | None, written: str | None = None
) -> str | None:
    """What the import did with a date that is not a plain Gregorian day, month or year, for
    the answer's notes: its kind and what was kept, never its words (a phrase can name
    people); None for a plain date kept as it is. `written`: the file's own words, as `read`
    was given them."""
    if value is None or value == "":
        return None
    value = _loosely(value, written)
    if _year_below_100(value) and date is not None:
        return "has a year below 100: kept as written, not read"
    kind = None if date is None or date.qualifier is None else _KINDS.get(date.qualifier)
    when = getattr(value, "date", None)
    if str(getattr(value, "phrase", "")).startswith("@#D"):
        # A calendar ged4py does not know, made a phrase on purpose (`service.gedcom_bytes`).
        kind = "is in a calendar that is not read"
    elif kind is None and when is not None and when.calendar is not CalendarType.GREGORIAN:
        kind = "is in another calendar"
    elif kind is None and getattr(when, "dual_year", None) is not None:
        kind = "has a dual year"
    if kind is not None and _backwards(value):
        # `BET 1905 AND 1900`: no day is both (a second reader: dropped without a word).
        return f"{kind} whose second date is before its first: kept as written, not read as dates"
    julian = any(_julian_leap_day(each) for each in _dates(value))
    missing = any(_no_such_day(each) for each in _dates(value))
    said = [kind, _JULIAN_DAY if julian else None, _NO_SUCH_DAY if missing else None]
    kind = " and ".join(part for part in said if part) or None
    if date is None:
        return f"{kind or 'could not be read'}: not kept"
    if kind is None and (iso is not None or date.earliest is None):
        return None if iso is not None else "could not be read: kept as written"
    if kind is None:
        return None
    return f"{kind}: kept as written" + (f" and as {iso}" if iso else "")


def _backwards(value: object) -> bool:
    """A range or period whose second date ends before its first begins."""
    if not isinstance(value, gd.DateValueRange | gd.DateValuePeriod):
        return False
    first, last = _bounds(value)
    return first is not None and last is not None and first > last


def latest_birth_year(value: object, date: WrittenDate | None) -> int | None:
    """The latest year of birth a date allows, for the living rule: the end of its range, or
    the largest year (100 or more) a phrase names; None when it is open-ended ('after 1850'),
    and for a date kept as written and not read (a day that does not exist, a year below 100,
    after today, a death before the birth), which bounds nobody's lifespan."""
    if date is not None and date.latest is not None:
        return int(date.latest[:4])
    if date is not None and (date.earliest is not None or date.qualifier != "phrase"):
        return None  # after, from: no end; or a date not read on purpose
    return lifespan.latest_year_named(str(getattr(value, "phrase", "")))


def standard(written: str) -> str:
    """A date's words as GEDCOM 5.5.1 writes them, for an export other programs read: the
    file's own words where the standard's grammar reads them (in any case of letters, a year
    below 100 with its zeros, a calendar it names); a program's own way with a qualifier or a
    date (`Abt. 1957`, `27.11.1957`, `circa 1850`) in the standard's words (`ABT 1957`, `27 NOV
    1957`, `ABT 1850`), as they were read; other words as a phrase, in brackets."""
    value = parse(written)
    if not isinstance(value, gd.DateValuePhrase) or written.startswith("@#D"):
        return written
    again = _loosely(value, written)
    if not isinstance(again, gd.DateValuePhrase):
        return words(again)
    return written if written.startswith("(") and written.endswith(")") else f"({written})"


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
