"""Models shared across routes: the base of every request body, the text and date types that
request bodies use, and shared response models."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import Response
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic.json_schema import SkipJsonSchema

T = TypeVar("T")

# Control characters (C0 with NUL, DEL, C1) and lone surrogates, which JSON can carry as
# "\ud800" but UTF-8, and so Neo4j, cannot; and the marks that set a direction for the text
# after them (embeddings, overrides, isolates), which would turn round what follows a name on a
# page or in a PDF ("From Bob" + U+202E + ", uncle"). The marks that only say which way one
# character goes (LRM, RLM, ALM), which right-to-left keyboards and pasted Arabic or Hebrew
# carry, turn nothing round: allowed.
_DIRECTION = "\u202a-\u202e\u2066-\u2069"
# Not characters at all (U+FDD0-U+FDEF, U+FFFE, U+FFFF) and the byte order mark, which a paste
# from a file can leave inside a name, where it hides: "\ufeffSmith" is not found as Smith.
_NOT_TEXT = "\ufdd0-\ufdef\ufeff\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
# The line and paragraph separators (U+2028, U+2029), which text pasted from a word processor
# or a PDF can carry: a name holding one broke over two lines in the journey book's heading
# and printed the fonts' empty box (a second reader); a note's lines are LF.
_SEPARATORS = "\u2028\u2029"
# Refused in all text: DEL and C1, lone surrogates, the direction marks, the separators and
# what is no text.
_NEVER = rf"\x7f-\x9f\ud800-\udfff{_DIRECTION}{_SEPARATORS}{_NOT_TEXT}"
CONTROL = re.compile(rf"[\x00-\x1f{_NEVER}]")
SEPARATORS = re.compile(f"[{_SEPARATORS}]")
_CONTROL_IN_NOTES = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_NEVER}]")  # tab, LF, CR kept
_DIRECTION_MARK = re.compile(f"[{_DIRECTION}]")
# ASCII digits only: `\d` takes any script's digits.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
# What can be seen: letters, numbers, punctuation and symbols (a name of zero-width spaces
# alone, of combining marks alone or of a tag character says nothing and cannot be told apart).
# Private use and what this Python's Unicode (14.0) does not know yet (newer emoji: U+1FA77)
# are taken as seen; the letters and symbols that are drawn blank are not.
_SEEN = ("L", "N", "P", "S", "Co", "Cn")
_BLANK = frozenset("\u115f\u1160\u2800\u3164\uffa0")


class InputModel(BaseModel):
    """The base of every request body: unknown fields are refused (a misspelt field is a 422,
    never silently dropped), and values are taken as the JSON types the schema names: no "3"
    for 3, no "yes" or 1 for true. Dates are `IsoDate` fields, strings of the form
    YYYY-MM-DD (JSON has no date type), and enums are taken from their string values."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _checked(value: str, control: re.Pattern[str]) -> str:
    found = control.search(value)
    if found is not None:
        kind = ("direction control" if _DIRECTION_MARK.match(found.group())
                else "line separator" if found.group() in _SEPARATORS else "control")  # fmt: skip
        raise ValueError(f"{kind} character U+{ord(found.group()):04X} is not allowed")
    if value != value.strip():
        raise ValueError("leading or trailing whitespace is not allowed")
    return value


def nothing_seen(value: str) -> bool:
    """Whether `value` holds no character that can be seen (`_SEEN`)."""
    return not any(c not in _BLANK and unicodedata.category(c).startswith(_SEEN) for c in value)


def check_text(value: str) -> str:
    """One line of text (a name, a title, an id): no control character (a mark that sets a
    direction included), tab or line break anywhere, no whitespace at either end, and, unless
    empty, something that can be seen."""
    if value and nothing_seen(value):
        raise ValueError("the text holds nothing that can be seen")
    return _checked(value, CONTROL)


def check_note(value: str) -> str:
    """Free text over several lines: tabs and line breaks (LF, CR) inside, no other control
    character (nor a mark that sets a direction, nor U+2028 or U+2029), no whitespace at
    either end."""
    return _checked(value, _CONTROL_IN_NOTES)


# The earliest year of a date of the work (a contact, an allocation, a flag, an order, a plan):
# `0001-01-01` or `0202-05-01` typed for 2025 is a slip, and a contact dated so would make the
# connection lapsed for ever. Dates of a family's history are partial dates (`service.dates`).
CASEWORK_SINCE = 1900
# And the first year after them: a commitment, an allocation or an event dated 9999-12-31 is a
# slip too (court orders and plans run for years, never to 2100).
CASEWORK_UNTIL = 2100


def parse_iso_date(value: object) -> object:
    """A date of the work in a JSON body: the string YYYY-MM-DD and nothing else (not 0, not a
    timestamp, not a date and time), from CASEWORK_SINCE and before CASEWORK_UNTIL. Other types
    go on to the strict date check, which refuses them."""
    if not isinstance(value, str):
        return value
    if not _ISO_DATE.fullmatch(value):
        raise ValueError("use YYYY-MM-DD")
    try:
        found = date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a date on the calendar") from None
    if found.year < CASEWORK_SINCE:
        raise ValueError(f"a date of the work before {CASEWORK_SINCE}: check the year")
    if found.year >= CASEWORK_UNTIL:
        raise ValueError(f"a date of the work after {CASEWORK_UNTIL - 1}: check the year")
    return found


def parse_iso_datetime(value: object) -> object:
    """A moment in a query string: ISO 8601 and nothing else (not 1.6, not 0, which pydantic
    would take for seconds since 1970)."""
    if isinstance(value, str) and not _ISO_DATETIME.fullmatch(value):
        raise ValueError("use ISO 8601, for example 2026-11-01T00:00:00Z")
    return value


def in_utc(value: datetime) -> datetime:
    """A moment with a time zone, as UTC (Neo4j takes offsets up to 18 hours only); a moment
    without one as it is, for the route to refuse or read."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("out of range") from None


def refuse_null(value: T) -> T:
    if value is None:
        raise ValueError("this field cannot be emptied: leave it out, or send a value")
    return value


Text = Annotated[str, AfterValidator(check_text)]
Note = Annotated[str, AfterValidator(check_note)]
IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(parse_iso_datetime), AfterValidator(in_utc)]
# A field of a change (PATCH) that may be left out but not emptied: `None` in Python when it
# was left out, refused when it is sent as null; the document does not offer null. Length
# limits go inside (`Omittable[Annotated[Text, Field(max_length=100)]]`): outside, they would
# be applied to None.
Omittable = Annotated[T | SkipJsonSchema[None], AfterValidator(refuse_null)]


class Neo4jInfo(BaseModel):
    name: str
    version: str
    edition: str


class Health(BaseModel):
    status: Literal["ok"]
    neo4j: Neo4jInfo


class ListOf(BaseModel, Generic[T]):
    """The list envelope every collection answers with."""

    data: list[T]
    count: int


def answer(model: BaseModel) -> Response:
    """A busy read's answer serialised once, straight to JSON. Returned as a model, FastAPI
    would dump it, validate the dump against the response model and serialise that: three
    passes over hundreds of relatives or map nodes. The route keeps its `response_model` for
    the documentation; the model was validated when it was built."""
    return Response(content=model.model_dump_json(by_alias=True), media_type="application/json")
