"""GEDCOM 7 (FamilySearch's current standard) read into the same plain data as GEDCOM 5.5.1,
with the gedcom7 library (MIT, typed, built from the specification's grammar; it refuses what
the standard does not allow). The family checks, the living rule and the dates as written are
then those of `service.gedcom`.

What differs from 5.5.1 and is handled here: always UTF-8 (a byte-order mark allowed), no CONC,
`@VOID@` for a pointer to nobody, the calendar as a word (`JULIAN 5 MAR 1700`) and `BCE`, a
date phrase as a PHRASE substructure. Dates are kept in 5.5.1's words (`@#DJULIAN@ 5 MAR
1700`, a phrase in brackets), so that the export, which is 5.5.1, writes them as they mean.
Messages name line numbers and xrefs, never the content of a line. Pure: no I/O.
"""

from __future__ import annotations

import re

import gedcom7
from gedcom7.types import GedcomStructure

from service import gedcom_couples, gedcom_dates, lifespan
from service.gedcom_bytes import join_conc, two_files
from service.gedcom_kinds import RELATION_TAGS, ChildTie, adoption, kind, partner_slots
from service.gedcom_model import (
    BAPTISMS,
    DEATH_EVENTS,
    SEXES,
    GedcomError,
    GedcomPerson,
    RawFamily,
    RawPerson,
)

# Lines end in LF, CRLF or CR alone (as older Macintosh programs write).
_VERSION = re.compile(rb"(?:^|[\r\n])[ \t]*1[ \t]+GEDC[ \t]*(?:\r\n?|\n)[ \t]*2[ \t]+VERS[ \t]+7\.")
_EOL = re.compile(r"\r\n|\r|\n")
_RECORD = re.compile(r"\ufeff?0 (?:(@[^@ ]+@) )?(\S+)")
_CONC = re.compile(r"[ \t]*\d+[ \t]+CONC(?:[ \t]|$)")
_CALENDARS = {"GREGORIAN": "@#DGREGORIAN@", "JULIAN": "@#DJULIAN@", "HEBREW": "@#DHEBREW@",
              "FRENCH_R": "@#DFRENCH R@"}  # fmt: skip
_CALENDAR = re.compile(r"\b(GREGORIAN|JULIAN|HEBREW|FRENCH_R)\b")
_VOID = "@VOID@"


def is_gedcom7(data: bytes) -> bool:
    """Whether the header says GEDCOM 7 (`1 GEDC` / `2 VERS 7.x`)."""
    head = data[:65_536]
    second = re.search(rb"[\r\n][ \t]*0[ \t]", head)
    return _VERSION.search(head, 0, second.end() if second else len(head)) is not None


def read(
    data: bytes, notes: list[str]
) -> tuple[list[RawPerson], list[RawFamily], dict[str, list[int]]]:
    """The people and families of a GEDCOM 7 file, and the lines of its other records by tag;
    or GedcomError saying where it is wrong. What was done to read it is added to `notes`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GedcomError(f"GEDCOM 7 is UTF-8, and line {line} is not") from None
    # Blank lines and an old Windows program's Ctrl-Z after the trailer, as 5.5.1 takes them.
    text = text.rstrip(" \t\r\n\x1a") + "\n"
    lines: dict[str, int] = {}
    others: dict[str, list[int]] = {}
    rows = _EOL.split(text.removeprefix("\ufeff"))
    conc = [number for number, row in enumerate(rows, 1) if _CONC.match(row)]
    for number, row in enumerate(rows, 1):
        found = _RECORD.match(row)
        if found and found.group(2) in ("INDI", "FAM") and found.group(1):
            lines.setdefault(found.group(1), number)
        elif found:
            others.setdefault(found.group(2), []).append(number)
    if len(others.get("HEAD", [])) > 1:  # before the library, which would name a syntax error
        raise GedcomError(two_files(others["HEAD"][1]))
    # GEDCOM 7 has no CONC, but a program moving to it may still split long lines with it:
    # joined as in 5.5.1, and said (a second reader: the library dropped the text after it, and
    # `NAME a` + `2 CONC b /c/` lost the family name without a word).
    origin: list[int] | None = None
    # Blank lines inside the file (a mail program makes CRLF into CRCRLF) are passed over, and
    # lines indented by their level (as 5.5.1 allows and some programs write), read without it:
    # the library refused both as a syntax error (a second reader).
    blank = any(not row.strip() for row in rows[:-1])
    indented = [number for number, row in enumerate(rows, 1) if row[:1] in (" ", "\t")]
    if conc or blank or indented:
        joined, origin = join_conc([row.lstrip(" \t").encode() for row in rows])
        text = b"\n".join(joined).decode() + "\n"
    if conc:
        notes.append(f"{len(conc)} CONC line{'s' if len(conc) > 1 else ''} (not GEDCOM 7) "
                     f"joined to the lines they continue, the first at line {conc[0]}")  # fmt: skip
    if indented:
        notes.append(f"{len(indented)} line{'s' if len(indented) > 1 else ''} indented (not "
                     f"GEDCOM 7), the first at line {indented[0]}: read without the "
                     "indentation")  # fmt: skip
    try:
        records = gedcom7.loads(text)
    except gedcom7.GedcomParseError as exc:  # its message quotes the line: only its number
        at = exc.line_number
        if at and origin is not None and at <= len(origin):
            at = origin[at - 1]
        where = f" at line {at}" if at else ""
        raise GedcomError(f"GEDCOM 7 syntax error{where}") from None
    for record in records:
        if record.tag in ("INDI", "FAM") and not record.xref:
            raise GedcomError(f"an {record.tag} record without an xref (GEDCOM 7 allows it; a "
                              "family tree cannot link to it)")  # fmt: skip
    people, families = [], []
    for record in records:
        line = lines.get(record.xref or "", 0)
        try:
            if record.tag == "INDI":
                people.append(_person(record, line))
            elif record.tag == "FAM":
                families.append(_family(record, line))
        except Exception as exc:  # anything the library let through: the kind, never the words
            raise GedcomError(
                f"unreadable GEDCOM 7 record at line {line}: {type(exc).__name__}"
            ) from None
    return people, families, others


def _first(record: GedcomStructure, tag: str) -> GedcomStructure | None:
    return next((c for c in record.children if c.tag == tag), None)


def _pointers(record: GedcomStructure, tag: str) -> list[str]:
    found = (c.pointer for c in record.children if c.tag == tag)
    return list(dict.fromkeys(p for p in found if p and p != _VOID))


def _words(date: GedcomStructure | None) -> str | None:
    """A GEDCOM 7 date in GEDCOM 5.5.1's words."""
    if date is None:
        return None
    text = " ".join(date.text.split())
    if not text:
        phrase = _first(date, "PHRASE")
        words = " ".join(phrase.text.split()) if phrase else ""
        return f"({words})" if words else None
    text = _CALENDAR.sub(lambda m: _CALENDARS[m.group(1)], text)
    return re.sub(r"\bBCE\b", "B.C.", text)


def _event_date(record: GedcomStructure, event: str) -> tuple[object, str | None]:
    found = _first(record, event)
    words = _words(None if found is None else _first(found, "DATE"))
    return (None, None) if words is None else (gedcom_dates.parse(words), words)


def _name_type(name: GedcomStructure) -> str:
    kind = _first(name, "TYPE")
    return kind.text.strip().upper() if kind is not None and kind.text.strip() else "BIRTH"


def _name_order(name: GedcomStructure) -> int:
    """Which of a person's names is theirs from birth, as 5.5.1's reader takes it: a name of
    TYPE BIRTH, then MAIDEN, then one of no TYPE, then any other."""
    kind = _first(name, "TYPE")
    said = "".join(kind.text.upper().split()) if kind is not None else ""
    return {"BIRTH": 0, "MAIDEN": 1, "": 2}.get(said.removesuffix("NAME") or said, 3)


def _name(record: GedcomStructure) -> tuple[str, str]:
    names = [c for c in record.children if c.tag == "NAME"]
    # The birth name, else the maiden name, else the first of no TYPE, as in 5.5.1.
    primary = min(names, key=_name_order, default=None)
    if primary is not None and _name_order(primary) == 3:
        primary = names[0]
    if primary is None:
        return "", ""
    text = primary.text
    family = ""
    if text.count("/") >= 2:
        before, family, after = text.split("/", 2)
        given = f"{before} {after}"
    else:
        given = text.replace("/", " ")
    given, family = " ".join(given.split()), " ".join(family.split())
    if not given:
        part = _first(primary, "GIVN")
        given = " ".join(part.text.split()) if part else ""
    if not family:
        part = _first(primary, "SURN")
        family = " ".join(part.text.split()) if part else ""
    return given, family


def _known_as(record: GedcomStructure) -> str | None:
    """The nickname (NICK) of the person's first name that has one, the birth name first."""
    names = sorted((c for c in record.children if c.tag == "NAME"),
                   key=lambda n: _name_type(n) != "BIRTH")  # fmt: skip
    for name in names:
        nick = _first(name, "NICK")
        if nick is not None and nick.text.strip():
            return " ".join(nick.text.split())
    return None


def _person(record: GedcomStructure, line: int) -> RawPerson:
    given, family = _name(record)
    sex_record = _first(record, "SEX")
    sex = SEXES.get(sex_record.text.strip().upper() if sex_record else "", "unknown")
    famc = _child_ties(record)
    birth, birth_words = _event_date(record, "BIRT")
    death, death_words = _event_date(record, "DEAT")
    died = any(_first(record, e) for e in DEATH_EVENTS)
    buried = died and _first(record, "DEAT") is None
    person = GedcomPerson(record.xref or "", given, family, sex, None, None, died,
                          living_inferred=lifespan.BURIED if buried else None,
                          known_as=_known_as(record))  # fmt: skip
    baptism = next(
        (found for event in BAPTISMS if (found := _event_date(record, event))[0] is not None),
        (None, None),
    )
    return RawPerson(record.xref or "", line, person, birth, death, birth_words, death_words,
                     famc, _pointers(record, "FAMS"), baptism)  # fmt: skip


def _pedigree(pedi: GedcomStructure | None) -> str:
    """PEDI's value, or its PHRASE where the value is read as no kind and the phrase is
    (GEDCOM 7 has no STEP: `PEDI OTHER` / `PHRASE Step-father`). A phrase read as no kind is
    free text, and is never what a note quotes."""
    if pedi is None:
        return ""
    phrase = _first(pedi, "PHRASE")
    if kind(pedi.text) is None and phrase and phrase.text.strip() and kind(phrase.text):
        return phrase.text
    return pedi.text


def _relation_words(record: GedcomStructure) -> dict[str, str]:
    """`_FREL` (every HUSB) and `_MREL` (every WIFE) under a CHIL or FAMC, by slot."""
    said = {slot: _first(record, tag) for slot, tag in RELATION_TAGS.items()}
    return {slot: word.text for slot, word in said.items() if word and word.text.strip()}


def _child_ties(record: GedcomStructure) -> dict[str, ChildTie]:
    """PEDI (or its PHRASE) under each FAMC, and who adopted the person (`1 ADOP` / `2 FAMC` /
    `3 ADOP BOTH|HUSB|WIFE`)."""
    famc: dict[str, ChildTie] = {}
    for link in record.children:
        if link.tag == "FAMC" and link.pointer and link.pointer != _VOID:
            stat = _first(link, "STAT")
            tie = ChildTie(
                _pedigree(_first(link, "PEDI")),
                _relation_words(link),
                status=" ".join(stat.text.lower().split()) if stat else "",
            )
            famc.setdefault(link.pointer, tie)
    for event in record.children:
        for link in event.children if event.tag == "ADOP" else ():
            if link.tag == "FAMC" and link.pointer and link.pointer != _VOID:
                adop = _first(link, "ADOP")
                adoption(famc, link.pointer, adop.text if adop else "")
    return famc


def _family(record: GedcomStructure, line: int) -> RawFamily:
    words: dict[str, dict[str, str]] = {}
    linked = [(c.pointer, c) for c in record.children if c.pointer and c.pointer != _VOID]
    slots, twice = partner_slots((to, c.tag) for to, c in linked if c.tag in RELATION_TAGS)
    for to, c in linked:
        if c.tag == "CHIL" and (tied := _relation_words(c)):
            words.setdefault(to, tied)
    marriage, said = _event_date(record, "MARR")
    ended, ended_said = _event_date(record, "DIV")
    married, divorced = _first(record, "MARR") is not None, _first(record, "DIV") is not None
    # The other ways a partnership is said to have ended, and its kind, read as in 5.5.1
    # (`gedcom_couples`: ANUL, DIVF, EVEN of TYPE Separation, `_STAT`; a civil partnership),
    # so that one family reads the same in both versions.
    lines = [gedcom_couples.Line(c.tag, " ".join(c.text.split()),
                                 " ".join(t.text.split()) if (t := _first(c, "TYPE")) else "")
             for c in record.children]  # fmt: skip
    stands = gedcom_couples.couple(lines, married=married, divorced=divorced, kind=None)
    if stands.event is not None:
        told = _words(_first(record.children[stands.event], "DATE"))
        ended, ended_said = (None, None) if told is None else (
            gedcom_dates.parse(told), told)  # fmt: skip
    return RawFamily(record.xref or "", line, list(slots), _pointers(record, "CHIL"),
                     married, stands.divorced, marriage, said, slots, words,
                     not stands.never_married, twice=twice, kind=stands.kind, ended=ended,
                     ended_words=ended_said, never_married=stands.never_married)  # fmt: skip
