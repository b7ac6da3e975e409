"""GEDCOM 5.5.1 in and out as plain data: no database, no web framework.

Reading is done by the ged4py library (encodings, CONC/CONT, record structure, the date
grammar); this module adds resource limits checked before ged4py sees the bytes, the
checks a family tree must pass; the writer is `service.gedcom_write` (given here too, as
`write_gedcom`). Error messages name line numbers, xrefs and fields, never a name or a date, so
they can be shown and logged without personal data.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from datetime import date

from ged4py import date as gd
from ged4py.calendar import GregorianDate
from ged4py.model import Dialect, Name, NameRec, Record
from ged4py.parser import CodecError, GedcomReader, IntegrityError, ParserError

from service import gedcom_dates, gedcom_kinds, gedcom_v7, lifespan
from service.dates import london_today
from service.gedcom_kinds import RELATION_TAGS, ChildTie
from service.gedcom_model import (
    DEATH_EVENTS,
    GedcomChild,
    GedcomError,
    GedcomFamily,
    GedcomPerson,
    GedcomTree,
    Pedigree,
    RawFamily,
    RawPerson,
    Sex,
)
from service.gedcom_write import write_gedcom

# What other modules use; the data it reads into is in `service.gedcom_model`.
__all__ = [
    "MAX_LINES", "MAX_NAME", "GedcomChild", "GedcomError", "GedcomFamily", "GedcomPerson",
    "GedcomTree", "Pedigree", "Sex", "parse_gedcom", "write_gedcom",
]  # fmt: skip

MAX_LINE_BYTES = 32_768  # the standard says 255; real exports run longer, nothing runs this long
MAX_LINES = 1_000_000  # ged4py reads about 50,000 lines a second: this bounds a parse's time
MAX_LEVEL = 99  # the standard's own limit
# the approximate forms keep their date; INT <date> (<phrase>) keeps its interpreted date
_APPROXIMATE = (gd.DateValueAbout, gd.DateValueCalculated, gd.DateValueEstimated)
_KEPT_DATES = (gd.DateValueSimple, *_APPROXIMATE, gd.DateValueInterpreted)
_DEEP_LEVEL = re.compile(rb"(?m)^[ \t\v\f]*\d{3}")  # ged4py strips leading whitespace
_INDI_LINE = re.compile(rb"(?m)^[ \t\v\f]*0+ *(?:@[^@\n]*@ *)?INDI(?: |$)")
# ged4py raises on calendar escapes it does not know (@#DUNKNOWN@, @#DROMAN@) and on dual years
# outside the Gregorian calendar; such values are handed over as date phrases "(...)", which
# ged4py keeps as text (and `service.gedcom_dates` keeps as written). The Julian, Hebrew and
# French republican calendars are read and converted.
_OTHER_CALENDAR = re.compile(
    rb"(?m)^( *\d{1,2} +DATE +)([^\n]*(?:@#D(?!GREGORIAN@|JULIAN@|HEBREW@|FRENCH R@)"
    rb"|@#D(?:JULIAN|HEBREW|FRENCH R)@[^\n]*/)[^\n]*)$"
)
_SEXES: dict[str, Sex] = {"M": "male", "F": "female"}
_LINE_NO = re.compile(r"line (\d+)")
# The API's own limits (PersonCreate, ExternalId): an import holds names to them with a note,
# since one long or garbled name should not turn away a whole family tree; an xref is an
# identity, so one beyond them refuses the file.
MAX_NAME = 100
MAX_XREF = 200
MAX_NOTES = 100
# Control characters, and the marks that set a direction (as `service.models` refuses them).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Records that hold nothing a family tree needs here; every other kind is named as not imported.
_PLAIN_RECORDS = {"HEAD", "TRLR", "SUBM", "SUBN"}


def _not_imported(others: dict[str, list[int]]) -> list[str]:
    """The records that are not imported, one note a kind: how many, and where the first is.
    Tags only (a program's own tag cut to 31 of its letters), never what the records hold."""
    notes = []
    for tag, lines in others.items():
        if tag in _PLAIN_RECORDS:
            continue
        # A tag as the standard and the programs write them (capitals, digits, `_`); anything
        # else may be the words of a broken line (a name), so it is not repeated.
        name = tag if re.fullmatch(r"_?[A-Z][A-Z0-9_]{0,30}", tag) else "unrecognised"
        where = f"line {lines[0]}" if len(lines) == 1 else f"the first at line {lines[0]}"
        kind = "record" if len(lines) == 1 else "records"
        notes.append(f"not imported: {len(lines)} {name} {kind} ({where})")
    return notes


def _too_many(max_people: int) -> str:
    return (
        f"file holds more than {max_people} individuals, the most one import takes "
        "(LL_GEDCOM_MAX_PEOPLE): export the branch of the tree around the young person"
    )


def _limits(data: bytes, max_bytes: int) -> None:
    """The limit every file is held to before anything reads it: its size."""
    if len(data) > max_bytes:
        raise GedcomError(f"file is {len(data)} bytes, more than the limit of {max_bytes}")


def _line_limits(lines: list[bytes]) -> None:
    """How many lines, and how long, a file of either version may have."""
    if len(lines) > MAX_LINES:
        raise GedcomError(f"file has more than {MAX_LINES} lines")
    if lines and max(map(len, lines)) > MAX_LINE_BYTES:
        line = next(i for i, text in enumerate(lines, 1) if len(text) > MAX_LINE_BYTES)
        raise GedcomError(f"line {line} is longer than {MAX_LINE_BYTES} bytes")


def _prepare(
    data: bytes, max_bytes: int, max_people: int
) -> tuple[bytes, list[int], str, list[str]]:
    """Limits and shape, checked at C speed before the line-by-line parser sees the file; the
    buffer to parse, the file's own number of each of its lines (CONC lines are joined
    here, so that ged4py does not join them by copying the value once per line), a note on
    UTF-16 with no byte-order mark ("" if none), and the other notes on what was read as it
    was not written (tags in lower case)."""
    _limits(data, max_bytes)
    bare = _UTF16_BARE.get(data[:2]) if b"\0" in data[:2] else None
    if bare and data[:12].decode(bare, "replace").startswith("0 HEAD"):
        data = "\ufeff".encode(bare) + data  # `CHAR UNICODE` written with no byte-order mark
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = _from_utf16(data)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data[:nul].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise GedcomError(f"NUL byte at line {line}: not a GEDCOM text file")
    lines = data.splitlines()  # LF, CRLF and CR alike
    # Older Windows programs end a file with Ctrl-Z; some programs leave blank lines between
    # records. A blank line becomes a user-defined tag that nothing reads, so every line keeps
    # its number for the messages.
    while lines and not lines[-1].strip(b" \t\x1a"):
        lines.pop()
    if lines:
        lines[-1] = lines[-1].rstrip(b"\x1a")
    lines = [line if line.strip() else b"1 _BLANK" for line in lines]
    if not lines:
        raise GedcomError("empty file: not a GEDCOM file")
    _line_limits(lines)
    if lines[0].removeprefix(b"\xef\xbb\xbf").split() != [b"0", b"HEAD"]:
        raise GedcomError("not a GEDCOM file: line 1 must be '0 HEAD'")
    if lines[-1].split() != [b"0", b"TRLR"]:
        raise GedcomError(f"file does not end with '0 TRLR' (line {len(lines)}): truncated?")
    deep = _DEEP_LEVEL.search(b"\n".join(lines))
    if deep:
        line = b"\n".join(lines).count(b"\n", 0, deep.start()) + 1
        raise GedcomError(f"line {line}: level number above {MAX_LEVEL}")
    lines, origin = _join_conc(lines)
    buf = b"\n".join(lines) + b"\n"
    notes = []
    # GEDCOM's tags are upper case; ged4py reads "indi" as a record of no known kind, and its
    # person would be lost. Read as upper case, and said.
    if _LOWER_TAG.search(buf):
        upper = _TAG.sub(_upper_tag, buf)
        if upper != buf:
            buf = upper
            notes.append("tags written in lower case: read as upper case")
    for count, _ in enumerate(_INDI_LINE.finditer(buf), 1):
        if count > max_people:
            raise GedcomError(_too_many(max_people))
    if b"@#D" in buf:
        buf = _OTHER_CALENDAR.sub(rb"\1(\2)", buf)
    if b"@_" in buf:
        buf = buf.replace(b"@_", _MARKED)
    return buf, origin, _UTF16_NOTE if bare else "", notes


_TAG_AT = rb"(?m)^([ \t]*\d+[ \t]+(?:@[^@\n]*@[ \t]+)?)"
_LOWER_TAG = re.compile(_TAG_AT + rb"[A-Z0-9_]*[a-z]")
# The standard's tags this import reads or names, in lower or mixed case: only these are read as
# upper case, so that a broken line's word ("0 Jane Smith") is never made a tag to be named.
_STANDARD_TAGS = frozenset(
    b"HEAD GEDC VERS FORM CHAR SOUR SUBM SUBN TRLR INDI FAM NAME GIVN SURN NICK TYPE SEX BIRT "
    b"DEAT BURI CREM DATE PLAC FAMC FAMS HUSB WIFE CHIL PEDI ADOP MARR DIV NOTE CONC CONT OBJE "
    b"REPO ASSO ALIA RESI EVEN".split()
)
_TAG = re.compile(_TAG_AT + rb"([A-Za-z][A-Za-z]+)(?=[ \t]|$)")


def _upper_tag(found: re.Match[bytes]) -> bytes:
    tag = found.group(2).upper()
    return found.group(1) + (tag if tag in _STANDARD_TAGS else found.group(2))


_UTF16_BARE = {b"0\0": "utf-16-le", b"\x000": "utf-16-be"}  # a file's first "0"
_UTF16_NOTE = "no byte-order mark, the bytes are UTF-16: read as UTF-16"
_CONC = re.compile(rb"[ \t]*(\d+)[ \t]+CONC(?: (.*))?")
_LEVEL = re.compile(rb"[ \t]*(\d+)[ \t]+(?:@[^@]*@[ \t]+)?\S+( )?")


def _join_conc(lines: list[bytes]) -> tuple[list[bytes], list[int]]:
    """Each run of CONC lines appended to the line it continues (the owner, one level up, or the
    CONT or CONC line before it at the same level), in one join: a file of 300,000 CONC lines
    reads in linear time. A CONC line that continues nothing is left for the parser to refuse.
    Also the file's number of each line kept."""
    kept: list[bytes] = []
    origin: list[int] = []
    pieces: list[bytes] = []
    wanted = -1  # the level a CONC line continuing the last line kept has
    for number, line in enumerate(lines, 1):
        conc = _CONC.fullmatch(line) if b"CONC" in line else None
        if conc is not None and kept and int(conc.group(1)) == wanted:
            if not pieces and not _has_value(kept[-1]):  # "1 NOTE" + "2 CONC a": "1 NOTE a"
                pieces.append(b" ")
            pieces.append(conc.group(2) or b"")
            continue
        if pieces:
            kept[-1] = kept[-1] + b"".join(pieces)
            pieces = []
        level = _LEVEL.match(line)
        # A CONC continues a line one level up, or a CONT line at its own level.
        cont = level is not None and line[level.end(1) :].split(None, 1)[:1] == [b"CONT"]
        wanted = -1 if level is None else int(level.group(1)) + (0 if cont else 1)
        kept.append(line)
        origin.append(number)
    if pieces:
        kept[-1] = kept[-1] + b"".join(pieces)
    return kept, origin


def _has_value(line: bytes) -> bool:
    found = _LEVEL.match(line)
    return found is not None and found.group(2) is not None


def _from_utf16(data: bytes) -> bytes:
    """A UTF-16 file (with its byte-order mark, as GEDCOM 5.5.1's `CHAR UNICODE` is written) as
    UTF-8, its CHAR line saying so."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise GedcomError("bytes that are not valid UTF-16 after a UTF-16 byte-order mark") from exc
    text = re.sub(r"(?m)^(\s*1\s+CHAR\s+)\S+", r"\1UTF-8", text, count=1)
    return text.encode("utf-8")


def _first(record: Record, tag: str) -> Record | None:
    return record.sub_tag(tag, follow=False)


def _text(record: Record | None) -> str:
    value = None if record is None else record.value
    return " ".join(value.split()) if isinstance(value, str) else ""


def _pointers(record: Record, tag: str) -> list[str]:
    values = (_original(_text(sub)) for sub in record.sub_tags(tag, follow=False))
    return [value for value in values if value]


# GEDCOM 5.5.1 counts `_` as a letter, so `@_I3@` is a valid xref (Gramps writes `@_custom1@`
# records in every export); ged4py's line pattern does not take `_` first. It reads the file
# with such xrefs marked (`@-_I3@`: an xref cannot start with `-`), and they are read back as
# written.
_MARKED = b"@-_"


def _original(xref: str) -> str:
    return xref.replace("@-_", "@_")


def _date_value(record: Record, event: str, buf: bytes = b"") -> tuple[object, str | None]:
    """The event's date as ged4py reads it, and the words of its DATE line in the file (None
    when they are not plain ASCII: then the words are ged4py's)."""
    found = record.sub_tag(f"{event}/DATE", follow=False)
    if found is None or not buf:
        return (None if found is None else found.value), None
    start = found.offset or 0
    line = buf[start : buf.find(b"\n", start)]
    parts = line.split(None, 2)
    if len(parts) < 2 or parts[1] != b"DATE":
        return found.value, None
    raw = parts[2] if len(parts) == 3 else b""
    if raw.startswith(b"(@#D") and raw.endswith(b")"):
        raw = raw[1:-1]  # a calendar ged4py cannot read, made a phrase in _prepare
    return found.value, raw.decode("ascii") if raw.isascii() else None


def _indi(rec: Record, line: int, xref: str, buf: bytes) -> RawPerson:
    names = [n for n in rec.sub_tags("NAME", follow=False) if isinstance(n, NameRec)]
    # The first name of no TYPE or the birth name: not a nickname, an alias or a married name
    # written before it.
    primary = next((n for n in names if (n.type or "birth").lower() == "birth"),
                   names[0] if names else None)  # fmt: skip
    name = Name([primary] if primary else [], Dialect.DEFAULT)
    given, family = " ".join(name.given.split()), " ".join(name.surname.split())
    if primary is not None:
        given = given or _text(_first(primary, "GIVN"))
        family = family or _text(_first(primary, "SURN"))
    given = unicodedata.normalize("NFC", given[1:] if given.startswith("@@") else given)
    family = unicodedata.normalize("NFC", family)  # ANSEL decodes to combining accents
    sex = _SEXES.get(_text(_first(rec, "SEX")).upper(), "unknown")
    famc = _child_ties(rec)
    died = any(_first(rec, event) is not None for event in DEATH_EVENTS)
    buried = died and _first(rec, "DEAT") is None
    person = GedcomPerson(xref, given, family, sex, None, None, died,
                          living_inferred=lifespan.BURIED if buried else None)  # fmt: skip
    (birth, birth_words), (death, death_words) = (_date_value(rec, event, buf)
                                                  for event in ("BIRT", "DEAT"))  # fmt: skip
    return RawPerson(xref, line, person, birth, death, birth_words, death_words, famc,
                 _pointers(rec, "FAMS"))  # fmt: skip


def _relation_words(record: Record) -> dict[str, str]:
    """`_FREL` (said of every HUSB) and `_MREL` (every WIFE) under a CHIL or FAMC, by slot."""
    said = {slot: _text(_first(record, tag)) for slot, tag in RELATION_TAGS.items()}
    return {slot: word for slot, word in said.items() if word}


def _child_ties(rec: Record) -> dict[str, ChildTie]:
    """What a person's record says of each family they are a child of: PEDI and Gramps's
    `_FREL`/`_MREL` under FAMC, and who adopted them (`1 ADOP` / `2 FAMC` / `3 ADOP`)."""
    famc: dict[str, ChildTie] = {}
    for link in rec.sub_tags("FAMC", follow=False):
        fam = _original(_text(link))
        if fam and fam not in famc:
            famc[fam] = ChildTie(_text(_first(link, "PEDI")), _relation_words(link))
    for event in rec.sub_tags("ADOP", follow=False):
        for link in event.sub_tags("FAMC", follow=False):
            if _text(link):
                gedcom_kinds.adoption(famc, _original(_text(link)), _text(_first(link, "ADOP")))
    return famc


def _fam(rec: Record, line: int, xref: str, buf: bytes) -> RawFamily:
    slots: dict[str, str] = {}
    for sub in rec.sub_records:
        if sub.tag in RELATION_TAGS and _text(sub):
            slots.setdefault(_original(_text(sub)), sub.tag)
    children = list(dict.fromkeys(_pointers(rec, "CHIL")))
    married, divorced = _first(rec, "MARR") is not None, _first(rec, "DIV") is not None
    marriage, marriage_words = _date_value(rec, "MARR", buf)
    # Family Tree Maker, Ancestry, RootsMagic and Gramps say how a child is tied to each
    # parent under CHIL: `_FREL` for every HUSB, `_MREL` for every WIFE.
    words: dict[str, dict[str, str]] = {}
    for chil in rec.sub_tags("CHIL", follow=False):
        said = _relation_words(chil)
        if said and _text(chil):
            words.setdefault(_original(_text(chil)), said)
    return RawFamily(xref, line, list(slots), children, married, divorced, marriage,
                     marriage_words, slots, words)  # fmt: skip


_CHAR = re.compile(rb"(?m)^[ \t]*1[ \t]+CHAR[ \t]*([^\n]*)$")
_HEADER_END = re.compile(rb"(?m)^[ \t]*0[ \t]")


def _encoding(buf: bytes) -> tuple[bytes, str | None, str | None]:
    """The character set to read a file in when its `CHAR` is missing or does not fit its
    bytes (None: as `CHAR` says), and a note saying so. Programs write UTF-8 or Windows-1252
    (ANSI) far more often than ANSEL, GEDCOM 5.5.1's default: a file with no `CHAR` is read as
    UTF-8 when its bytes are UTF-8 and as Windows-1252 otherwise; one that says UTF-8 or ASCII
    and is not, as Windows-1252; one that says ANSEL and is UTF-8 (ANSEL's accents never form
    UTF-8), as UTF-8; a UTF-8 byte-order mark wins over `CHAR` when the bytes are UTF-8 and
    is dropped when they are not. A `CHAR` line is rewritten to say so (ged4py holds a
    byte-order mark to its `CHAR`); a missing one is given to ged4py as the codec. Returns the
    buffer, the codec for ged4py and the note."""
    second = _HEADER_END.search(buf, 1)
    found = _CHAR.search(buf, 0, second.start() if second else len(buf))
    said = found.group(1).strip().upper() if found else b""
    if buf.isascii() and said != b"UNICODE":  # ASCII reads the same in every set but UTF-16
        return buf, None, None
    utf8 = _is_utf8(buf)
    codec, note = _codec(said, buf, utf8)
    if codec is not None and found is not None:
        name = b"UTF-8" if codec == "utf-8" else b"ANSI"
        buf, codec = buf[: found.start(1)] + name + buf[found.end(1) :], None
    if buf.startswith(_BOM) and not utf8:  # the mark is as wrong as the header
        buf = buf[len(_BOM) :]
    return buf, codec, note


def _is_utf8(buf: bytes) -> bool:
    try:
        buf.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(char: bytes, buf: bytes, utf8: bool) -> tuple[str | None, str | None]:
    """The codec a file is read in, from its `CHAR` (`char`) and its bytes (see `_encoding`).
    A UTF-8 byte-order mark wins over the `CHAR` line when the bytes are UTF-8; when they are
    not, the mark is wrong too and is dropped. UTF-16 (`CHAR UNICODE`) is made
    UTF-8 before: a `CHAR UNICODE` here is UTF-8, or else Windows-1252."""
    said = char.decode("ascii", "replace")
    if not said:
        codec = "utf-8" if utf8 else "cp1252"
        name = "UTF-8" if utf8 else "Windows-1252 (ANSI)"
        return codec, f"no character set (CHAR) in the header: read as {name}"
    if said in ("UTF-8", "UTF8", "ASCII", "UNICODE") and not utf8:
        return "cp1252", f"the header says {said}, the bytes are not: read as Windows-1252 (ANSI)"
    if said in ("ASCII", "ANSEL") and utf8:
        return "utf-8", f"the header says {said}, the bytes are UTF-8: read as UTF-8"
    if said == "UNICODE" and not buf.startswith(_BOM):
        return "utf-8", "the header says UNICODE (UTF-16), the bytes are UTF-8: read as UTF-8"
    if buf.startswith(_BOM) and utf8 and said not in ("UTF-8", "UTF8"):
        return "utf-8", (f"the header says {said}, the file starts with a UTF-8 byte-order "
                         "mark: read as UTF-8")  # fmt: skip
    if buf.startswith(_BOM) and not utf8:
        return None, (f"the file starts with a UTF-8 byte-order mark, the bytes are not UTF-8: "
                      f"read as the header says ({said})")  # fmt: skip
    return None, None


_BOM = b"\xef\xbb\xbf"


def _read(
    buf: bytes, origin: list[int], encoding: str | None = None
) -> tuple[list[RawPerson], list[RawFamily], dict[str, list[int]]]:
    """Everything ged4py does happens here; none of its exceptions leave this function. Also
    the other records of the file, by tag: the lines they start at."""
    people: list[RawPerson] = []
    families: list[RawFamily] = []
    others: dict[str, list[int]] = {}
    seen: dict[str, int] = {}
    offset = line = last = 0
    row = 1
    try:
        with GedcomReader(io.BytesIO(buf), encoding=encoding) as reader:
            reader.dialect = Dialect.DEFAULT  # NAME read as the standard says, whatever SOUR
            for offset, tag in reader.index0:
                row += buf.count(b"\n", last, offset)
                line = origin[row - 1]  # the file's own line number
                last = offset
                if tag not in ("INDI", "FAM"):
                    others.setdefault(str(tag), []).append(line)
                    continue
                rec = reader.read_record(offset)
                if rec is None or not rec.xref_id:
                    raise GedcomError(f"line {line}: {tag} record without an xref")
                xref = _original(rec.xref_id)
                if xref in seen:
                    raise GedcomError(f"duplicate xref {xref} at lines {seen[xref]} and {line}")
                seen[xref] = line
                if tag == "INDI":
                    people.append(_indi(rec, line, xref, buf))
                else:
                    families.append(_fam(rec, line, xref, buf))
    except GedcomError:
        raise
    except CodecError as exc:  # its message names the CHAR or BOM at fault, nothing personal
        raise GedcomError(f"character set: {exc}") from exc
    except (ParserError, IntegrityError) as exc:
        found = _LINE_NO.search(str(exc))
        at = int(found.group(1)) if found else 0
        where = f" at line {origin[at - 1] if 0 < at <= len(origin) else at}" if found else ""
        kind = "structure" if isinstance(exc, IntegrityError) else "syntax"
        raise GedcomError(f"GEDCOM {kind} error{where}") from exc
    except Exception as exc:  # undecodable bytes, numbers too long for int(), anything else
        what = f"{type(exc).__name__}"
        if isinstance(exc, UnicodeDecodeError):
            codec = "Windows-1252 (ANSI)" if exc.encoding == "charmap" else exc.encoding
            what = f"bytes that are not valid {codec}"
        where = f" (record at line {line})" if line else ""
        raise GedcomError(f"unreadable GEDCOM file{where}: {what}") from exc
    return people, families, others


def _iso(value: object, whose: str, what: str) -> str | None:
    """A kept date as partial ISO; ranges, periods, other calendars and text read as None."""
    if not isinstance(value, _KEPT_DATES):
        return None
    when = value.date
    if not isinstance(when, GregorianDate) or when.bc or when.dual_year is not None:
        return None
    if when.month is not None and when.month_num is None:
        return None  # not a month name: text
    try:
        date(when.year, when.month_num or 1, 1 if when.day is None else when.day)
    except ValueError:
        raise GedcomError(f"{whose}: {what} is not a valid calendar date") from None
    parts = [f"{when.year:04d}", f"{when.month_num:02d}" if when.month_num else ""]
    parts.append(f"{when.day:02d}" if when.day is not None else "")
    return "-".join(p for p in parts if p)


def _is_before(earlier: str, later: str) -> bool:
    """True only when `earlier` is before `later` at the precision both share."""
    size = min(len(earlier), len(later))
    return earlier[:size] < later[:size]


def _cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """A parent->child cycle as a path, found without recursion; None when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for root in edges:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(edges[root])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(edges.get(nxt, ())))
    return None


def _families(
    people: dict[str, RawPerson], families: list[RawFamily], notes: list[str]
) -> list[GedcomFamily]:
    """Families with links given on one side only (CHIL or FAMC, HUSB/WIFE or FAMS) too; a
    note for each parent a child's tie leaves out (`service.gedcom_kinds`)."""
    fam_ids = {f.xref for f in families}
    spouse_of: dict[str, list[str]] = {}
    child_of: dict[str, list[str]] = {}
    for p in people.values():
        famc = [fam_xref for fam_xref, tie in p.famc.items() if tie.linked]
        for fam_xref in [*famc, *p.fams]:
            if fam_xref not in fam_ids:
                raise GedcomError(f"{p.xref} (line {p.line}) links to missing family {fam_xref}")
            links = child_of if fam_xref in famc else spouse_of
            links.setdefault(fam_xref, []).append(p.xref)
    out: list[GedcomFamily] = []
    for f in families:
        for xref in f.partners + f.children:
            if xref not in people:
                raise GedcomError(f"family {f.xref} (line {f.line}) links to missing {xref}")
        partners = list(dict.fromkeys(f.partners + spouse_of.get(f.xref, [])))
        if len(partners) > 2:
            raise GedcomError(f"family {f.xref} (line {f.line}) has more than two partners")
        children = dict.fromkeys(f.children + child_of.get(f.xref, []))
        found = (_child(f, tuple(partners), people[c], notes) for c in children)
        kids = tuple(kid for kid in found if kid is not None)
        whose = f"family {f.xref} (line {f.line})"
        written = gedcom_dates.read(f.marriage, f.marriage_words)
        when = _iso(f.marriage, whose, "marriage date") or gedcom_dates.kept(written)
        out.append(GedcomFamily(f.xref, tuple(partners), f.married, f.divorced, when, kids,
                                written))  # fmt: skip
    return out


def _child(
    family: RawFamily, partners: tuple[str, ...], child: RawPerson, notes: list[str]
) -> GedcomChild | None:
    """How a child is tied to each partner; None when to none of them (no partner, and PEDI
    read as no kind, counts as none)."""
    said = gedcom_kinds.ties(partners, family.slots, child.famc.get(family.xref),
                             family.words.get(child.xref, {}))  # fmt: skip
    for left_out in said.unlinked:
        line = family.line if left_out.in_family else child.line
        notes.append(gedcom_kinds.note(child.xref, line, family.xref, left_out))
    if len(said.unlinked) == len(partners) and (partners or said.pedigree is None):
        return None
    return GedcomChild(child.xref, said.pedigree or "birth", said.by_parent,
                       tuple(u.parent for u in said.unlinked))  # fmt: skip


def _check_shape(families: list[GedcomFamily]) -> None:
    """At most two birth parents each, and nobody their own ancestor."""
    birth_parents: dict[str, set[str]] = {}
    edges: dict[str, list[str]] = {}
    for fam in families:
        for parent, child, kind in fam.ties():
            if kind == "birth":
                birth_parents.setdefault(child.xref, set()).add(parent)
            edges.setdefault(parent, []).append(child.xref)
    for child_xref, parents in birth_parents.items():
        if len(parents) > 2:
            listed = ", ".join(sorted(parents))
            raise GedcomError(f"{child_xref} has more than two birth parents: {listed}")
    cycle = _cycle(edges)
    if cycle:
        raise GedcomError(f"{cycle[0]} is their own ancestor: {' -> '.join(cycle)}")


def parse_gedcom(
    data: bytes,
    *,
    max_bytes: int = 20_000_000,
    max_people: int = 100_000,
    today: date | None = None,
) -> GedcomTree:
    """Read a GEDCOM 5.5.1 file into plain data, or raise GedcomError saying what is wrong."""
    data = bytes(data)
    if gedcom_v7.is_gedcom7(data):
        _limits(data, max_bytes)
        _line_limits(data.splitlines())
        raw_people, raw_families, others = gedcom_v7.read(data)
        said, prepared = None, list[str]()
    else:
        buf, origin, utf16, prepared = _prepare(data, max_bytes, max_people)
        buf, encoding, said = _encoding(buf)
        said = said or utf16
        raw_people, raw_families, others = _read(buf, origin, encoding)
    if len(raw_people) > max_people:
        raise GedcomError(_too_many(max_people))
    limit = (today or london_today()).isoformat()
    people: list[GedcomPerson] = []
    # What the whole file got (character set, records not imported, the living rule) comes
    # first and is never cut; then each person's notes, at most MAX_NOTES of them.
    summary: list[str] = ([said] if said else []) + prepared + _not_imported(others)
    notes: list[str] = []
    for p in raw_people:
        if len(p.xref) > MAX_XREF:
            raise GedcomError(f"line {p.line}: xref longer than {MAX_XREF} characters")
        if _CONTROL.search(p.xref):
            raise GedcomError(f"line {p.line}: xref with a control character")
        whose = f"{p.xref} (line {p.line})"
        birth = gedcom_dates.read(p.birth, p.birth_words)
        death = gedcom_dates.read(p.death, p.death_words)
        born = _iso(p.birth, whose, "birth date") or gedcom_dates.kept(birth)
        died = _iso(p.death, whose, "death date") or gedcom_dates.kept(death)
        for what, value, written, kept in (("birth date", p.birth, birth, born),
                                           ("death date", p.death, death, died)):  # fmt: skip
            said = gedcom_dates.note(value, written, kept)
            if said:
                notes.append(f"{whose}: {what} {said}")
        for what, when, written in (("birth date", born, birth), ("death date", died, death)):
            if when is not None and _is_before(limit, when):
                raise GedcomError(f"{whose}: {what} is after today")
            if written is not None and written.earliest and written.earliest > limit:
                raise GedcomError(f"{whose}: {what} is after today")
        if born is not None and died is not None and _is_before(died, born):
            raise GedcomError(f"{whose}: death date is before birth date")
        if birth and death and birth.earliest and death.latest and death.latest < birth.earliest:
            raise GedcomError(f"{whose}: death date is before birth date")
        person = _held_to_limits(p.person, whose, notes)
        people.append(replace(person, birth_date=born, death_date=died, birth_written=birth,
                              death_written=death))  # fmt: skip
    families = _families({p.xref: p for p in raw_people}, raw_families, notes)
    _check_shape(families)
    latest = {p.xref: gedcom_dates.latest_birth_year(p.birth, w.birth_written)
              for p, w in zip(raw_people, people, strict=True)}  # fmt: skip
    people = _not_living(people, families, int(limit[:4]), summary, latest)
    if len(notes) > MAX_NOTES:
        notes[MAX_NOTES:] = [f"and {len(notes) - MAX_NOTES} more notes of the same kinds"]
    return GedcomTree(tuple(people), tuple(families), tuple(summary + notes))


def _not_living(
    people: list[GedcomPerson],
    families: list[GedcomFamily],
    this_year: int,
    notes: list[str],
    latest: dict[str, int | None],
) -> list[GedcomPerson]:
    """People with no death recorded who cannot still be living (`service.lifespan`) are
    counted as deceased, and the answer says how many and why. `latest`: the latest year of
    birth a date not kept exactly still gives (`BEF 1850`, a range, another calendar)."""
    known = {p.xref: lifespan.year(p.birth_date) or latest.get(p.xref) for p in people}
    births = {p.xref: known[p.xref] for p in people if not p.deceased}
    children: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    siblings: dict[str, list[str]] = {}
    partners: dict[str, list[str]] = {}
    married: dict[str, list[int]] = {}
    for fam in families:
        when = lifespan.year(fam.marriage_date)
        for partner in fam.partners:
            children.setdefault(partner, [])
            partners.setdefault(partner, []).extend(x for x in fam.partners if x != partner)
            if when is not None:
                married.setdefault(partner, []).append(when)
        # The age gaps hold between birth relatives only: not for an adopted or fostered child.
        born = [c.xref for c in fam.children if c.pedigree == "birth" and not c.unlinked
                and all(c.of(x) == "birth" for x in fam.partners)]  # fmt: skip
        for parent, child, kind in fam.ties():
            children[parent].append(child.xref)
            parents.setdefault(child.xref, []).extend([parent] if kind == "birth" else [])
        for kid in born:
            siblings.setdefault(kid, []).extend(x for x in born if x != kid)  # fmt: skip
    dead = lifespan.probably_dead(births, children, married, this_year, known=known,
                                  parents=parents, siblings=siblings,
                                  partners=partners)  # fmt: skip
    if not dead:
        return people
    notes.append(
        f"{len(dead)} people with no death recorded counted as not living: born, by their own "
        f"dates or their family's, too long ago to be alive (nobody is taken to live past "
        f"{lifespan.MAX_AGE}); each says why in living_inferred"
    )
    return [replace(p, deceased=True, living_inferred=lifespan.why_not_living(dead[p.xref]))
            if p.xref in dead else p for p in people]  # fmt: skip


def _held_to_limits(person: GedcomPerson, whose: str, notes: list[str]) -> GedcomPerson:
    """The person's names as the API would take them: no control character, at most
    MAX_NAME characters; each change noted."""

    def held(value: str, what: str) -> str:
        kept = " ".join(_CONTROL.sub("", value).split())
        if kept != value:
            notes.append(f"{whose}: control characters taken out of the {what}")
        if len(kept) > MAX_NAME:
            kept = kept[:MAX_NAME].rstrip()
            notes.append(f"{whose}: {what} cut to {MAX_NAME} characters")
        return kept

    given, family = held(person.given_name, "given name"), held(person.family_name, "family name")
    return replace(person, given_name=given, family_name=family)
