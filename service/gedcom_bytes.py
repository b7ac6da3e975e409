"""A GEDCOM file's bytes made ready for the parser: limits checked at C speed before any line
is read (size, lines, levels, how many people), CONC lines joined, tags written in lower case
read as upper case, other calendars handed over as phrases, and the character set decided
from the header and the bytes together (`read_as`). Plain bytes in and out, no database; the
messages name lines and tags, never what a record holds.
"""

from __future__ import annotations

import re
import unicodedata

import ged4py  # noqa: F401  (registers the ANSEL codec, "gedcom")

from service.gedcom_model import GedcomError

MAX_LINE_BYTES = 32_768  # the standard says 255; real exports run longer, nothing runs this long
MAX_LINES = 1_000_000  # ged4py reads about 50,000 lines a second: this bounds a parse's time
MAX_LEVEL = 99  # the standard's own limit
_DEEP_LEVEL = re.compile(rb"(?m)^[ \t\v\f]*\d{3}")  # ged4py strips leading whitespace
_INDI_LINE = re.compile(rb"(?m)^[ \t\v\f]*0+ *(?:@[^@\n]*@ *)?INDI(?: |$)")
# ged4py raises on calendar escapes it does not know (@#DUNKNOWN@, @#DROMAN@) and on dual years
# outside the Gregorian calendar; such values are handed over as date phrases "(...)", which
# ged4py keeps as text. `service.gedcom_dates` reads a Julian dual year from them itself and
# keeps the rest as written. The Julian, Hebrew and French republican calendars are read and
# converted.
# A date's words that are handed over so (`phrased`): in the file, or inside the "(...)".
_PHRASED = (rb"[^\n]*(?:@#D(?!GREGORIAN@|JULIAN@|HEBREW@|FRENCH R@)"
            rb"|@#D(?:JULIAN|HEBREW|FRENCH R)@[^\n]*/)[^\n]*")  # fmt: skip
_OTHER_CALENDAR = re.compile(rb"(?m)^( *\d{1,2} +DATE +)(" + _PHRASED + rb")$")
_PHRASED_WORDS = re.compile(_PHRASED)
# A calendar escape written in lower or mixed case (`@#djulian@`), which ged4py cannot read.
_LOWER_CALENDAR = re.compile(rb"@#(?:d[A-Za-z ]*|D[A-Za-z ]*[a-z][A-Za-z ]*)@")
_DATE_LINE = re.compile(rb"(?m)^( *\d{1,2} +DATE +)([^\n]*)$")


def too_many(max_people: int) -> str:
    return (
        f"file holds more than {max_people} individuals, the most one import takes "
        "(LL_GEDCOM_MAX_PEOPLE): export the branch of the tree around the young person"
    )


def check_size(data: bytes, max_bytes: int) -> None:
    """The limit every file is held to before anything reads it: its size."""
    if len(data) > max_bytes:
        raise GedcomError(f"file is {len(data)} bytes, more than the limit of {max_bytes}")


# What an archive starts with: a family tree sent zipped, or a program's own compressed file
# (Gramps's .gramps is gzip), not GEDCOM text (a second reader: "NUL byte at line 1").
_ARCHIVES = {
    b"PK\x03\x04": "zip", b"PK\x05\x06": "zip", b"PK\x07\x08": "zip", b"\x1f\x8b": "gzip",
    b"7z\xbc\xaf\x27\x1c": "7z", b"Rar!\x1a\x07": "rar",
}  # fmt: skip


def not_archived(data: bytes) -> None:
    """Refuse an archive, saying to unzip it or export the tree as GEDCOM."""
    kind = next((k for start, k in _ARCHIVES.items() if data.startswith(start)), None)
    if kind == "gzip":
        raise GedcomError(
            "the file is compressed (gzip, as a Gramps .gramps file or a .ged.gz is), not a "
            "GEDCOM text file: export the tree from the family tree program (in Gramps, Family "
            "Trees > Export) as GEDCOM (.ged), or uncompress it and import the .ged file"
        )
    if kind is not None:
        raise GedcomError(
            f"the file is a {kind} archive, not a GEDCOM text file: unzip it and import the .ged "
            "file inside, or export the tree from the family tree program as GEDCOM (.ged)"
        )


def check_lines(lines: list[bytes]) -> None:
    """How many lines, and how long, a file of either version may have."""
    if len(lines) > MAX_LINES:
        raise GedcomError(f"file has more than {MAX_LINES} lines")
    if lines and max(map(len, lines)) > MAX_LINE_BYTES:
        line = next(i for i, text in enumerate(lines, 1) if len(text) > MAX_LINE_BYTES)
        raise GedcomError(f"line {line} is longer than {MAX_LINE_BYTES} bytes")


def prepare(
    data: bytes, max_bytes: int, max_people: int
) -> tuple[bytes, list[int], str, list[str]]:
    """Limits and shape, checked at C speed before the line-by-line parser sees the file; the
    buffer to parse, the file's own number of each of its lines (CONC lines are joined
    here, so that ged4py does not join them by copying the value once per line), a note on
    UTF-16 with no byte-order mark ("" if none), and the other notes on what was read as it
    was not written (tags in lower case)."""
    check_size(data, max_bytes)
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
    # records or inside them (a mail program turning CRLF into CRCRLF leaves one after every
    # line). A blank line is passed over where it stands (`join_conc`), and every line keeps
    # its number for the messages.
    while lines and not lines[-1].strip(b" \t\x1a"):
        lines.pop()
    if not lines:
        raise GedcomError("empty file: not a GEDCOM file")
    lines[-1] = lines[-1].rstrip(b"\x1a")
    # One copy of the file for both searches: a second header after line 1, a trailer before
    # the last line.
    whole = b"\n".join(lines)
    _one_header(whole, len(lines[0]) + 1)
    early = _ANY_TRAILER.search(whole, 0, len(whole) - len(lines[-1]))
    trailers = _trailers(lines) if early else []
    check_lines(lines)
    if lines[0].removeprefix(b"\xef\xbb\xbf").split() != [b"0", b"HEAD"]:
        raise GedcomError("not a GEDCOM file: line 1 must be '0 HEAD'")
    if not _TRAILER.fullmatch(lines[-1]):
        raise GedcomError(f"file does not end with '0 TRLR' (line {len(lines)}): it may have "
                          "been cut short when it was saved or sent; export it again from the "
                          "program it came from, or send the whole file")  # fmt: skip
    broken = continued(lines)
    deep = _DEEP_LEVEL.search(b"\n".join(lines))
    if deep:
        line = b"\n".join(lines).count(b"\n", 0, deep.start()) + 1
        raise GedcomError(f"line {line}: level number above {MAX_LEVEL}")
    lines, origin = join_conc(lines)
    buf = b"\n".join(lines) + b"\n"
    notes = [_trailers_note(trailers)] if trailers else []
    if broken:
        notes.append(continued_note(broken))
    # GEDCOM's tags are upper case; ged4py reads "indi" as a record of no known kind, and its
    # person would be lost. Read as upper case, and said.
    if _LOWER_TAG.search(buf):
        upper = _TAG.sub(_upper_tag, buf)
        if upper != buf:
            buf = upper
            notes.append("tags written in lower case: read as upper case")
    for count, _ in enumerate(_INDI_LINE.finditer(buf), 1):
        if count > max_people:
            raise GedcomError(too_many(max_people))
    if b"@#" in buf:
        buf = _calendars_in_upper_case(buf, notes)
        buf = _OTHER_CALENDAR.sub(rb"\1(\2)", buf)
    if b"@_" in buf:
        buf = buf.replace(b"@_", MARKED)
    return buf, origin, _UTF16_NOTE if bare else "", notes


def _calendars_in_upper_case(buf: bytes, notes: list[str]) -> bytes:
    """Calendar escapes written in lower case read as upper case, and said, as tags are."""
    if not _LOWER_CALENDAR.search(buf):
        return buf
    upper = _DATE_LINE.sub(
        lambda line: line[1] + _LOWER_CALENDAR.sub(lambda m: m[0].upper(), line[2]), buf
    )
    if upper != buf:
        notes.append("calendar escapes written in lower case: read as upper case")
    return upper


def phrased(words: bytes) -> bool:
    """Whether a date's words are handed over to the parser as a phrase, "(...)" (`prepare`);
    the file's own words are then what is inside."""
    return _PHRASED_WORDS.fullmatch(words) is not None


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


_TRAILER = re.compile(rb"[ \t]*0+[ \t]+TRLR[ \t\x1a]*", re.IGNORECASE)
_ANY_TRAILER = re.compile(rb"(?im)^[ \t]*0+[ \t]+TRLR")


def _trailers(lines: list[bytes]) -> list[int]:
    """One program writes `0 TRLR` and then appends records after it: the file is read to its
    last `0 TRLR` (its end, which `prepare` checks), and a trailer before it is a record the
    parser skips. A Ctrl-Z that ended the file there, on the trailer's line or on lines of
    their own after it, is taken out as at the end. The trailers' line numbers."""
    found = []
    after = False  # on the lines after a trailer, until one that holds more than a Ctrl-Z
    for number, line in enumerate(lines[:-1], 1):
        if after and not line.strip(b" \t\x1a"):
            lines[number - 1] = b""
        elif _TRAILER.fullmatch(line):
            lines[number - 1] = b"0 TRLR"
            found.append(number)
            after = True
        else:
            after = False
    return found


_ANY_HEADER = re.compile(rb"(?im)^(?:\xef\xbb\xbf)?[ \t]*0+[ \t]+HEAD[ \t]*$")


def _one_header(whole: bytes, start: int) -> None:
    """A file has one `0 HEAD`: a second, from `start` on, is a second file (`two_files`)."""
    found = _ANY_HEADER.search(whole, start)
    if found is not None:
        raise GedcomError(two_files(whole.count(b"\n", 0, found.start()) + 1))


def two_files(line: int) -> str:
    """Two exports one after the other: two trees, each with its own character set and its own
    xrefs, that nothing says belong together."""
    return (
        f"line {line}: a second '0 HEAD': the file holds two GEDCOM files one after the other; "
        "import each on its own"
    )


def trailers_read_through(trailers: list[int]) -> list[str]:
    """For a file whose records were found whole (GEDCOM 7: `trailers`, the lines of its
    `0 TRLR` records), what `prepare` says of a 5.5.1 file: a trailer before the last one is
    skipped, and said."""
    early = trailers[:-1]
    return [_trailers_note(early)] if early else []


def _trailers_note(lines: list[int]) -> str:
    where = f"line {lines[0]}" if len(lines) == 1 else f"{len(lines)}, the first at line {lines[0]}"
    return f"'0 TRLR' before the end of the file ({where}): skipped, and the records after it read"


_UTF16_BARE = {b"0\0": "utf-16-le", b"\x000": "utf-16-be"}  # a file's first "0"
_UTF16_NOTE = "no byte-order mark, the bytes are UTF-16: read as UTF-16"
_CONC = re.compile(rb"[ \t]*(\d+)[ \t]+CONC(?: (.*))?")
_LEVEL = re.compile(rb"[ \t]*(\d+)[ \t]+(?:@[^@]*@[ \t]+)?\S+( )?")


def join_conc(lines: list[bytes]) -> tuple[list[bytes], list[int]]:
    """Each run of CONC lines appended to the line it continues (the owner, one level up, or the
    CONT or CONC line before it at the same level), in one join: a file of 300,000 CONC lines
    reads in linear time. A CONC line that continues nothing is left for the parser to refuse.
    Blank lines are left out: the line after one continues the record as if it were not there
    (a second reader: read as a line of their own, they cut an event from its date). Also the
    file's number of each line kept."""
    kept: list[bytes] = []
    origin: list[int] = []
    pieces: list[bytes] = []
    wanted = -1  # the level a CONC line continuing the last line kept has
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
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


_LEVEL_START = re.compile(rb"[ \t]*\d+[ \t]")
# Lines whose text a raw line break may continue: a note's, and its continuations'.
_TEXT_LINE = re.compile(rb"[ \t]*(\d+)[ \t]+(?:@[^@]*@[ \t]+)?(NOTE|TEXT|CONT|CONC)(?:[ \t]|$)")


def continued(lines: list[bytes]) -> list[int]:
    """Lines with no level number after a note's text (a note written with raw line breaks,
    as some programs do) made CONT lines continuing it, in place; their numbers. Anywhere else
    such a line is refused, with its line (`no_level`): it may be a record's first line."""
    found: list[int] = []
    last: re.Match[bytes] | None = None  # the last line with a level, if it holds text
    for number, line in enumerate(lines[1:], 2):  # line 1 is the header's (`prepare`)
        start = _LEVEL_START.match(line)
        # A number more than one level below a note's text ("1990 with his wife", "12 children
        # were born there") is the text's own: a level goes down one at a time (a second
        # reader: such lines were refused as a level above 99, or a structure error).
        if (
            start is not None
            and last is not None
            and (int(start.group(0)) > int(last.group(1)) + 1)
        ):
            start = None
        if not line.strip() or start is not None:
            last = _TEXT_LINE.match(line) if line.strip() else last
            continue
        if last is None:
            raise GedcomError(no_level(number))
        level = int(last.group(1)) + (0 if last.group(2) in (b"CONT", b"CONC") else 1)
        lines[number - 1] = b"%d CONT %s" % (level, line.strip(b" \t"))
        found.append(number)
    return found


def no_level(line: int) -> str:
    return (
        f"line {line} has no level number: GEDCOM starts every line with one (a record's "
        "line broken in two?)"
    )


def continued_note(lines: list[int]) -> str:
    many = f"{len(lines)} lines" if len(lines) > 1 else "1 line"
    return (
        f"{many} with no level number (or a number no level can be) after a note's text read "
        f"as continuing it (a note written with line breaks), the first at line {lines[0]}"
    )


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
    text = _UTF16_CHAR.sub(r"\1UTF-8", text, count=1)
    return text.encode("utf-8")


# The CHAR line of a UTF-16 file. A line starts after LF or after CR alone: some programs end
# lines with CR only, and `(?m)^` starts lines after LF alone.
_UTF16_CHAR = re.compile(r"(?:^|(?<=[\r\n]))([ \t]*1[ \t]+CHAR[ \t]+)\S+")


MARKED = b"@-_"


_CHAR = re.compile(rb"(?m)^[ \t]*1[ \t]+CHAR[ \t]*([^\n]*)$")
_HEADER_END = re.compile(rb"(?m)^[ \t]*0[ \t]")


def read_as(buf: bytes) -> tuple[bytes, str | None, str | None]:
    """The character set to read a file in when its `CHAR` is missing or does not fit its
    bytes (None: as `CHAR` says), and a note saying so. Programs write UTF-8 or Windows-1252
    (ANSI) far more often than ANSEL, GEDCOM 5.5.1's default: a file with no `CHAR` is read as
    UTF-8 when its bytes are UTF-8 and as Windows-1252 otherwise; one that says UTF-8 or ASCII
    and is not, as Windows-1252; one that says ANSEL or ANSI and is UTF-8 (ANSEL's accents
    never form UTF-8, and Windows-1252's letters next to never do), as UTF-8; a UTF-8
    byte-order mark wins over `CHAR` when the bytes are UTF-8 and is dropped when they are
    not. A `CHAR` line is rewritten to say so (ged4py holds a
    byte-order mark to its `CHAR`); a missing one is given to ged4py as the codec. Returns the
    buffer, the codec for ged4py and the note."""
    second = _HEADER_END.search(buf, 1)
    found = _CHAR.search(buf, 0, second.start() if second else len(buf))
    said = found.group(1).strip().upper() if found else b""
    if buf.isascii() and said != b"UNICODE":  # ASCII reads the same in every set but UTF-16
        return buf, None, None
    utf8 = _is_utf8(buf)
    page = None if utf8 or found is None else _code_page(said, buf[found.end() :])
    if page is not None and found is not None:
        try:
            text = buf.decode(page)
        except UnicodeDecodeError:
            pass  # not that code page after all: read as below
        else:
            # Made UTF-8 here, its CHAR line saying so: ged4py knows no other Windows page.
            at = len(buf[: found.start(1)].decode(page).encode("utf-8"))
            utf = text.encode("utf-8")
            return utf[:at] + b"UTF-8" + utf[at + len(found.group(1)) :], None, None
    codec, note = _codec(said, buf, utf8)
    if codec is not None and found is not None:
        name = b"UTF-8" if codec == "utf-8" else b"ANSI"
        buf, codec = buf[: found.start(1)] + name + buf[found.end(1) :], None
    if buf.startswith(_BOM) and not utf8:  # the mark is as wrong as the header
        buf = buf[len(_BOM) :]
    return buf, codec, note


_VERS = re.compile(rb"[ \t]*\r?\n[ \t]*2[ \t]+VERS[ \t]+(\d{3,4})[ \t]*\r?$", re.MULTILINE)
_PAGE = re.compile(rb"(?:WINDOWS|CP|MS)?[- ]?(125[0-8])")


def _code_page(said: bytes, after: bytes) -> str | None:
    """The Windows code page other than 1252 a header names: `CHAR ANSI` with `2 VERS 1250`
    under it (the code page: FamilyTreeFactory's manual, Polish and Czech programs), or the
    page as the CHAR (`WINDOWS-1250`, `CP1250`); None for any other (a second reader: Polish
    names were read as Windows-1252, and a file with Ź refused)."""
    if said == b"ANSI":
        vers = _VERS.match(after)
        number = vers.group(1) if vers else b""
    else:
        page = _PAGE.fullmatch(said)
        number = page.group(1) if page else b""
    if not number.startswith(b"125") or number == b"1252" or len(number) != 4:
        return None
    return f"cp{number.decode()}"


def _is_utf8(buf: bytes) -> bool:
    try:
        buf.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(char: bytes, buf: bytes, utf8: bool) -> tuple[str | None, str | None]:
    """The codec a file is read in, from its `CHAR` (`char`) and its bytes (see `read_as`).
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
    if (utf8 and said not in ("UTF-8", "UTF8", "UNICODE", "ANSI") and not buf.startswith(_BOM)
            and (said in ("ASCII", "ANSEL") or _latin(buf))):  # fmt: skip
        # ANSEL's accents never form UTF-8, nor do next to any other 8-bit set's letters
        # (a second reader: `CHAR MACINTOSH` over UTF-8 misread every accented letter, without
        # a note).
        return "utf-8", f"the header says {said}, the bytes are UTF-8: read as UTF-8"
    if said == "UNICODE" and not buf.startswith(_BOM):
        return "utf-8", "the header says UNICODE (UTF-16), the bytes are UTF-8: read as UTF-8"
    if buf.startswith(_BOM) and utf8 and said not in ("UTF-8", "UTF8"):
        return "utf-8", (f"the header says {said}, the file starts with a UTF-8 byte-order "
                         "mark: read as UTF-8")  # fmt: skip
    if buf.startswith(_BOM) and not utf8:
        return None, (f"the file starts with a UTF-8 byte-order mark, the bytes are not UTF-8: "
                      f"read as the header says ({said})")  # fmt: skip
    if said == "ANSI" and utf8:  # Windows-1252's letters next to never form UTF-8
        return "utf-8", "the header says ANSI, the bytes are UTF-8: read as UTF-8"
    if said == "ANSEL" and not utf8 and _not_ansel(buf):
        return "cp1252", (
            "the header says ANSEL, the bytes are not ANSEL's (its accents would fall on "
            "letters they do not go with): read as Windows-1252 (ANSI)"
        )
    return None, None


# The lines holding a byte that is one of ANSEL's accents (combining marks, written before the
# letter they go on), and those marks as the ANSEL codec gives them (after the letter).
_ANSEL_MARK_LINE = re.compile(rb"[^\n]*[\xe0-\xfe][^\n]*")
_MARK = re.compile(r"[\u0300-\u036f\ufe20-\ufe2f]")


def _not_ansel(buf: bytes) -> bool:
    """Whether bytes a header says are ANSEL read better as Windows-1252 (a second reader:
    "Renée Müller" became "Reně Ml̸ler"): they decode as Windows-1252, and more than a quarter
    of their ANSEL accents fall on a letter they do not compose with (NFC) into one letter, as
    a real ANSEL accent almost always does (é, ü, ç); Windows-1252's é, ü, ö read as ANSEL are
    a caron, a slash through and a line under the letter after them."""
    try:
        buf.decode("cp1252")
    except UnicodeDecodeError:
        return False
    text = b"\n".join(_ANSEL_MARK_LINE.findall(buf)).decode("gedcom", "replace")
    marks = len(_MARK.findall(text))
    loose = len(_MARK.findall(unicodedata.normalize("NFC", text)))
    return loose * 4 > marks > 0


_BOM = b"\xef\xbb\xbf"
# What a name in a UK council's family tree is written in: Latin letters with their accents,
# and typographic punctuation. Another 8-bit set's bytes can form UTF-8 by chance (Mac Roman's
# curly apostrophe and É are U+0543, an Armenian letter: a second reader), but next to never
# only these.
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20ac]")


def _latin(buf: bytes) -> bool:
    """Whether UTF-8 bytes read as Latin letters and punctuation only."""
    return _NOT_LATIN.search(buf.decode("utf-8")) is None
