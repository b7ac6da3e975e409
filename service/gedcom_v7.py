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
import unicodedata

import gedcom7
from gedcom7.types import GedcomStructure

from service import gedcom_couples, gedcom_dates, lifespan
from service.gedcom_bytes import join_conc, two_files
from service.gedcom_kinds import (
    RELATION_TAGS,
    ChildTie,
    adoption,
    adoption_in_other_words,
    for_parent,
    kind,
    partner_slots,
)
from service.gedcom_model import (
    BAPTISMS,
    DEATH_EVENTS,
    GedcomError,
    GedcomPerson,
    RawFamily,
    RawPerson,
    association_role,
    own_id,
    private_tags,
    sex_of,
)
from service.gedcom_names import (
    KNOWN_AS,
    last_surname,
    name_order,
    other_name,
    quoted_nickname,
    with_prefix,
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
    _own_tags(records)
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


def _own_tags(records: list[GedcomStructure]) -> None:
    """A program's own tags as it wrote them: GEDCOM 7 asks a program to list them in the
    header (`1 SCHMA` / `2 TAG _FREL <its web address>`), and the library then gives each such
    line its address as its tag. Read back to the tag, they are read as where no header lists
    them (a second reader: `_FREL Step` under such a header made a step-father a birth father,
    and `_SEPR` a separated couple a current one)."""
    head = next((r for r in records if r.tag == "HEAD"), None)
    schema = _first(head, "SCHMA") if head is not None else None
    if schema is None:
        return
    said_of: dict[str, set[str]] = {}
    for line in schema.children:
        said = line.text.split() if line.tag == "TAG" else []
        # An address with a scheme (a standard tag has none: `_X NAME` would rename every
        # name), given to one tag alone (two tags of one address cannot be told apart: a
        # second reader's `_FREL` and `_MREL` of one address swapped the parents' ties).
        if len(said) == 2 and said[0].startswith("_") and ":" in said[1]:
            said_of.setdefault(said[1], set()).add(said[0])
    tags = {uri: next(iter(named)) for uri, named in said_of.items() if len(named) == 1}
    stack = list(records)
    while stack:
        structure = stack.pop()
        structure.tag = tags.get(structure.tag, structure.tag)
        stack.extend(structure.children)


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


def _name_kind(name: GedcomStructure) -> str | None:
    kind = _first(name, "TYPE")
    return kind.text if kind is not None else None


def _primary(names: list[GedcomStructure]) -> GedcomStructure | None:
    """The birth name, else the maiden name, else the first of no TYPE, else the first."""
    primary = min(names, key=lambda n: name_order(_name_kind(n)), default=None)
    if primary is not None and name_order(_name_kind(primary)) == 3:
        primary = names[0]
    return primary


def _name(primary: GedcomStructure | None) -> tuple[str, str, str | None]:
    """Given names, surname and a nickname in quotes among the given names, of the person's
    name from birth (`_primary`), read as in 5.5.1 (`gedcom_names`)."""
    if primary is None:
        return "", "", None
    text = primary.text
    parts = tuple(" ".join(p.text.split()) if (p := _first(primary, tag)) else ""
                  for tag in ("GIVN", "SURN"))  # fmt: skip
    family = ""
    if text.count("/") > 2:
        # A slash in the name itself, or two surnames each in slashes (not GEDCOM 7, but
        # written by programs moving to it): each part the file gives, else the last pair's.
        found = last_surname(text)
        given, family = parts[0] or found[0], parts[1] or found[1]
    elif text.count("/") == 2:
        before, family, after = text.split("/", 2)
        given = f"{before} {after}"
    else:
        given = text.replace("/", " ")
    given, family = " ".join(given.split()) or parts[0], " ".join(family.split()) or parts[1]
    given, quoted = quoted_nickname(unicodedata.normalize("NFC", given))
    prefix, surname = _first(primary, "SPFX"), _first(primary, "SURN")
    given, family = with_prefix(given, family, prefix.text if prefix is not None else "",
                                surname.text if surname is not None else "")  # fmt: skip
    return given, unicodedata.normalize("NFC", family), quoted


def _known_as(
    names: list[GedcomStructure], primary: GedcomStructure | None, quoted: str | None
) -> str | None:
    """The nickname (NICK, or Family Historian's `_USED`) of the person's first name that has
    one, the name from birth first; else one in quotes among the given names."""
    for name in sorted(names, key=lambda n: n is not primary):
        for tag in KNOWN_AS:
            nick = _first(name, tag)
            if nick is not None and nick.text.strip():
                return unicodedata.normalize("NFC", " ".join(nick.text.split()))
    return quoted


def _person(record: GedcomStructure, line: int) -> RawPerson:
    names = [c for c in record.children if c.tag == "NAME"]
    primary = _primary(names)
    given, family, quoted = _name(primary)
    sex, sex_note = sex_of([c.text for c in record.children if c.tag == "SEX"])
    famc = _child_ties(record)
    birth, birth_words = _event_date(record, "BIRT")
    death, death_words = _event_date(record, "DEAT")
    died = any(_first(record, e) for e in DEATH_EVENTS)
    buried = died and _first(record, "DEAT") is None
    refns = [(c.text, t.text if (t := _first(c, "TYPE")) else "")
             for c in record.children if c.tag == "REFN"]  # fmt: skip
    person = GedcomPerson(record.xref or "", given, family, sex, None, None, died,
                          living_inferred=lifespan.BURIED if buried else None,
                          known_as=_known_as(names, primary, quoted),
                          own_id=own_id(refns))  # fmt: skip
    baptism = next(
        (found for event in BAPTISMS if (found := _event_date(record, event))[0] is not None),
        (None, None),
    )
    unsaid = any(
        not any(c.tag == "FAMC" and c.pointer and c.pointer != _VOID for c in event.children)
        for event in record.children if event.tag == "ADOP"
    ) or any(
        adoption_in_other_words(c.tag, c.text, t.text if (t := _first(c, "TYPE")) else "")
        for c in record.children
    )  # fmt: skip
    born_in = next((link.pointer for event in record.children if event.tag == "BIRT"
                    for link in event.children
                    if link.tag == "FAMC" and link.pointer and link.pointer != _VOID),
                   None)  # fmt: skip
    marnm = _first(primary, "_MARNM") if primary is not None else None
    married = other_name(
        person.given_name,
        marnm.text if marnm is not None else "",
        [(_name_kind(n), n.text) for n in names if n is not primary],
        [],  # GEDCOM 7's ALIA is a pointer to another record, never a name
    )
    associates = tuple(
        (asso.pointer, _role(asso))
        for holder in (record, *record.children) for asso in holder.children
        if asso.tag in ("ASSO", "_ASSO") and asso.pointer and asso.pointer != _VOID
    )  # fmt: skip
    return RawPerson(record.xref or "", line, person, birth, death, birth_words, death_words,
                     famc, _pointers(record, "FAMS"), baptism, unsaid, born_in,
                     married, sex_note, associates, _noted(record),
                     _marked_private(record))  # fmt: skip


def _role(asso: GedcomStructure) -> str:
    """An association's ROLE in words: its PHRASE, else the word (GODP as godparent)."""
    role = _first(asso, "ROLE")
    if role is None:
        return ""
    word = role.text.strip().upper()
    phrase = _first(role, "PHRASE")
    # The phrase where it says a role (`OTHER` / `PHRASE Mentor`), else the role's word (a
    # reader: `GODP` / `PHRASE Godmother at christening` was said as an associate).
    if phrase is not None and association_role(phrase.text) != "associate":
        return phrase.text
    return _ROLES.get(word, word.lower())


# GEDCOM 7's enumerated roles, as the notes say them.
_ROLES = {"GODP": "godparent", "FRIEND": "friend", "NGHBR": "neighbour", "WITN": "witness",
          "CLERGY": "clergy", "OFFICIATOR": "officiator", "PARENT": "parent",
          "FATH": "father", "MOTH": "mother", "CHIL": "child", "HUSB": "husband",
          "WIFE": "wife", "SPOU": "spouse", "MULTIPLE": "associate",
          "OTHER": "associate"}  # fmt: skip


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
            pedigree, words = _pedigree(_first(link, "PEDI")), _relation_words(link)
            for said in link.children:
                if said.tag == "_PEDI":  # Family Historian's, one a parent, as in 5.5.1
                    word, slot = for_parent(said.text)
                    if slot is not None:
                        words.setdefault(slot, word)
                    else:
                        pedigree = pedigree or word
            tie = ChildTie(
                pedigree, words, status=" ".join(stat.text.lower().split()) if stat else ""
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
    pedigrees: dict[str, str] = {}
    for to, c in linked:
        if c.tag == "CHIL" and (tied := _relation_words(c)):
            words.setdefault(to, tied)
        # PEDI under CHIL, where some programs write it, as 5.5.1 reads it.
        if c.tag == "CHIL" and (pedigree := _pedigree(_first(c, "PEDI"))).strip():
            pedigrees.setdefault(to, pedigree)
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
                     ended_words=ended_said, never_married=stands.never_married,
                     pedigrees=pedigrees, noted=_noted(record),
                     private=_marked_private(record))  # fmt: skip


def _marked_private(record: GedcomStructure) -> tuple[str, ...]:
    """The tags the record or an event of it is marked private by (`private_tags`: RESN
    CONFIDENTIAL, LOCKED or PRIVACY, or `_PRIV`)."""
    lines = (c for holder in (record, *record.children) for c in holder.children)
    return private_tags((c.tag, c.text) for c in lines)


def _noted(record: GedcomStructure) -> bool:
    """Whether a record carries a note of its own: `NOTE`, or a shared one (`SNOTE`)."""
    return any(c.tag in ("NOTE", "SNOTE") for c in record.children)
