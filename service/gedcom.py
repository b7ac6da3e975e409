"""GEDCOM 5.5.1 in and out as plain data: no database, no web framework.

Reading is done by the ged4py library (encodings, CONC/CONT, record structure, the date
grammar); `service.gedcom_bytes` makes the bytes ready for it (limits, character set, CONC
lines) and this module adds the checks a family tree must pass; the writer is
`service.gedcom_write` (given here too, as `write_gedcom`). Error messages name line numbers,
xrefs and fields, never a name or a date, so they can be shown and logged without personal
data.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ged4py.model import Dialect, Name, NameRec, Record
from ged4py.parser import CodecError, GedcomReader, IntegrityError, ParserError

from service import gedcom_couples, gedcom_dates, gedcom_kinds, gedcom_names, gedcom_v7, lifespan
from service.dates import london_today
from service.gedcom_bytes import (
    MAX_LINES,
    check_lines,
    check_size,
    not_archived,
    phrased,
    prepare,
    read_as,
    too_many,
    trailers_read_through,
)
from service.gedcom_checks import birth_order, check_shape, person_dates, twice_married
from service.gedcom_checks import families as read_families
from service.gedcom_kinds import RELATION_TAGS, ChildTie, partner_slots
from service.gedcom_loose import month_words
from service.gedcom_model import (
    BAPTISMS,
    DEATH_EVENTS,
    KINDS_OF_OUR_OWN,
    MAX_XREF,
    NO_PARTNERSHIP,
    PARTNERSHIP_ENDED,
    PARTNERSHIP_KIND,
    PRIVATE_TAGS,
    GedcomChild,
    GedcomError,
    GedcomFamily,
    GedcomPerson,
    GedcomTree,
    Pedigree,
    RawFamily,
    RawPerson,
    Sex,
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
)
from service.gedcom_write import write_gedcom
from service.models import CONTROL, SEPARATORS, nothing_seen

# ged4py logs lines of the file it reads (a header's `CHAR ANSI` line at ERROR): file text,
# which is never logged. What a file says wrongly is told in the answer's notes instead.
logging.getLogger("ged4py").setLevel(logging.CRITICAL)

# What other modules use; the data it reads into is in `service.gedcom_model`.
__all__ = [
    "MAX_LINES", "MAX_NAME", "GedcomChild", "GedcomError", "GedcomFamily", "GedcomPerson",
    "GedcomTree", "Pedigree", "Sex", "parse_gedcom", "write_gedcom",
]  # fmt: skip

_LINE_NO = re.compile(r"line (\d+)")
# The API's own limits (PersonCreate, ExternalId): an import holds names to them with a note,
# since one long or garbled name should not turn away a whole family tree (an xref beyond
# MAX_XREF refuses it).
MAX_NAME = 100
MAX_NOTES = 100


# Records that hold nothing a family tree needs here; every other kind is named as not imported.
_PLAIN_RECORDS = {"HEAD", "TRLR", "SUBM", "SUBN"}


# The kinds of record not imported that are each given a note; the rest are counted in one (a
# second reader: a file of 200,000 kinds of its own made an answer of 9 MB).
NOT_IMPORTED_KINDS = 20


def _not_imported(others: dict[str, list[int]]) -> list[str]:
    """The records that are not imported, one note a kind (the first `NOT_IMPORTED_KINDS`
    kinds met, then one for the rest): how many, and where the first is. Tags only (a
    program's own tag cut to 31 of its letters), never what the records hold."""
    notes = []
    kinds = [(tag, lines) for tag, lines in others.items() if tag not in _PLAIN_RECORDS]
    rest = kinds[NOT_IMPORTED_KINDS:]
    for tag, lines in kinds[:NOT_IMPORTED_KINDS]:
        # A tag as the standard and the programs write them (capitals, digits, `_`); anything
        # else may be the words of a broken line (a name), so it is not repeated.
        name = tag if re.fullmatch(r"_?[A-Z][A-Z0-9_]{0,30}", tag) else "unrecognised"
        where = f"line {lines[0]}" if len(lines) == 1 else f"the first at line {lines[0]}"
        kind = "record" if len(lines) == 1 else "records"
        notes.append(f"not imported: {len(lines)} {name} {kind} ({where})")
    if rest:
        count = sum(len(lines) for _, lines in rest)
        first = min(lines[0] for _, lines in rest)
        notes.append(f"not imported: {count} records of {len(rest)} other kinds (the first at "
                     f"line {first})")  # fmt: skip
    return notes


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


def _original(xref: str) -> str:
    return xref.replace("@-_", "@_")


def _date_value(record: Record, event: str, buf: bytes = b"") -> tuple[object, str | None]:
    """The event's date as ged4py reads it, and the words of its DATE line in the file (None
    when they are not plain ASCII: then the words are ged4py's)."""
    found = record.sub_tag(event, follow=False)
    return (None, None) if found is None else _date_of(found, buf)


def _date_of(event: Record, buf: bytes = b"") -> tuple[object, str | None]:
    """`_date_value` of one event record."""
    found = event.sub_tag("DATE", follow=False)
    if found is None or not buf:
        return (None if found is None else found.value), None
    start = found.offset or 0
    line = buf[start : buf.find(b"\n", start)]
    parts = line.split(None, 2)
    if len(parts) < 2 or parts[1] != b"DATE":
        return found.value, None
    raw = parts[2] if len(parts) == 3 else b""
    if raw.startswith(b"(") and raw.endswith(b")") and phrased(raw[1:-1]):
        raw = raw[1:-1]  # a calendar ged4py cannot read, made a phrase in prepare
    if raw.isascii():
        return found.value, raw.decode("ascii")
    # Words beyond ASCII (`12 févr. 1890`, `3 März 1990`): as ged4py decoded them, when it read
    # them as a phrase (a third reader: French and German months with accents stayed phrases
    # in 5.5.1, read in 7).
    phrase = getattr(found.value, "phrase", None)
    if not isinstance(phrase, str) or raw.startswith(b"("):
        return found.value, None
    phrase = unicodedata.normalize("NFC", phrase)  # ANSEL decodes to combining accents
    return found.value, phrase if month_words(phrase) else None


def _as_meant(value: str) -> str:
    """A name as the file means it: a leading '@' written twice once, accents composed."""
    return unicodedata.normalize("NFC", value[1:] if value.startswith("@@") else value)


# Given names a program writes in place of a living person's own when it hides them.
_HIDDEN_NAMES = frozenset({"living", "private", "private person", "hidden", "confidential"})


def _indi(rec: Record, line: int, xref: str, buf: bytes) -> RawPerson:
    names = [n for n in rec.sub_tags("NAME", follow=False) if isinstance(n, NameRec)]
    # The birth name, else the maiden name (a second reader: `TYPE married` written first and
    # `TYPE maiden` after gave the married name, and the birth surname was lost), else the
    # first of no TYPE: not a nickname, an alias or a married name written before it.
    primary = min(names, key=lambda n: name_order(n.type), default=None)
    if primary is not None and name_order(primary.type) == 3:
        primary = names[0]
    name = Name([primary] if primary else [], Dialect.DEFAULT)
    given, family = " ".join(name.given.split()), " ".join(name.surname.split())
    if primary is not None:
        parts = _text(_first(primary, "GIVN")), _text(_first(primary, "SURN"))
        start = primary.offset or 0
        if buf[start : buf.find(b"\n", start)].count(b"/") > 2:
            # A slash in the name itself ("George (10th/11th Earl of) /Dunbar/"), which ged4py
            # reads as the surname's start: each part the file gives says where it is, or else
            # its last pair of slashes does (a second reader: a GIVN alone lost the surname).
            last = _last_surname(primary.value)
            given, family = parts[0] or last[0], parts[1] or last[1]
            given, family = " ".join(given.split()), " ".join(family.split())
        given = given or parts[0]
        family = family or parts[1]
    given = _as_meant(given)
    given, quoted = quoted_nickname(given)
    if primary is not None:
        given, family = gedcom_names.with_prefix(
            given, family, _text(_first(primary, "SPFX")), _text(_first(primary, "SURN"))
        )
    family = unicodedata.normalize("NFC", family)  # ANSEL decodes to combining accents
    sex, sex_note = sex_of([_text(line) for line in rec.sub_tags("SEX", follow=False)])
    famc = _child_ties(rec)
    died = any(_first(rec, event) is not None for event in DEATH_EVENTS)
    buried = died and _first(rec, "DEAT") is None
    # The primary name's first, then the others' (an alias's nickname).
    known_as = next((text for n in sorted(names, key=lambda n: n is not primary)
                     for tag in KNOWN_AS if (text := _text(_first(n, tag)))), None)  # fmt: skip
    known_as = known_as or quoted
    refns = [(_text(r), _text(_first(r, "TYPE"))) for r in rec.sub_tags("REFN", follow=False)]
    person = GedcomPerson(xref, given, family, sex, None, None, died,
                          living_inferred=lifespan.BURIED if buried else None,
                          known_as=_as_meant(known_as) if known_as else None,
                          own_id=own_id(refns))  # fmt: skip
    (birth, birth_words), (death, death_words) = (_date_value(rec, event, buf)
                                                  for event in ("BIRT", "DEAT"))  # fmt: skip
    baptism = next(
        (found for event in BAPTISMS if (found := _date_value(rec, event, buf))[0] is not None),
        (None, None),
    )
    unsaid = any(not any(_text(link) for link in event.sub_tags("FAMC", follow=False))
                 for event in rec.sub_tags("ADOP", follow=False)) or any(
        gedcom_kinds.adoption_in_other_words(line.tag or "", _text(line),
                                             _text(_first(line, "TYPE")))
        for line in rec.sub_records
    )  # fmt: skip
    born_in = next((_original(_text(link)) for event in rec.sub_tags("BIRT", follow=False)
                    for link in event.sub_tags("FAMC", follow=False) if _text(link)),
                   None)  # fmt: skip
    # MyHeritage's `_MARNM` under the birth name, or on the record itself (TNG).
    marnm = _text(_first(primary, "_MARNM")) if primary is not None else ""
    married = other_name(
        person.given_name,
        marnm or _text(_first(rec, "_MARNM")),
        [(n.type, " ".join(_text_of_name(n).split())) for n in names if n is not primary],
        [_text(alia) for alia in rec.sub_tags("ALIA", follow=False)],
    )
    associates = tuple(
        (_original(_text(asso)), _text(_first(asso, "RELA")))
        for holder in (rec, *rec.sub_records)
        for tag in ("ASSO", "_ASSO") for asso in holder.sub_tags(tag, follow=False)
        if _text(asso).startswith("@") and _text(asso).endswith("@")  # free text: not read
    )  # fmt: skip
    # Another NAME of no TYPE, not the birth name and not a married or other name read above.
    others = [n for n in names if n is not primary and not n.type
              and " ".join(_text_of_name(n).replace("/", " ").split()).lower()
              != " ".join(f"{given} {family}".split()).lower()]  # fmt: skip
    return RawPerson(xref, line, person, birth, death, birth_words, death_words, famc,
                     _pointers(rec, "FAMS"), baptism, unsaid, born_in, married,
                     sex_note, associates, _noted(rec), _marked_private(rec),
                     bool(others) and married is None)  # fmt: skip


def _noted(rec: Record) -> bool:
    return any(True for tag in ("NOTE", "SNOTE") for _ in rec.sub_tags(tag, follow=False))


def _marked_private(rec: Record) -> tuple[str, ...]:
    """The tags the record, or an event of it, is marked private by (`private_tags`): RESN
    confidential, locked or privacy, or Legacy's `_PRIV`."""
    lines = (line for holder in (rec, *rec.sub_records) for line in holder.sub_records)
    return private_tags((line.tag or "", _text(line)) for line in lines)


def _text_of_name(name: NameRec) -> str:
    """A NAME's words as written, slashes and all, which ged4py splits at its first slash."""
    value = name.value
    return "/".join(value) if isinstance(value, tuple) else str(value or "")


def _last_surname(value: object) -> tuple[str, str]:
    """`last_surname` of a NAME ged4py split at its first slash, put back together."""
    given, surname, suffix = (value if isinstance(value, tuple) and len(value) == 3
                              else ("", "", ""))  # fmt: skip
    return last_surname(f"{given}/{surname}/{suffix}")


def _relation_words(record: Record) -> dict[str, str]:
    """`_FREL` (said of every HUSB) and `_MREL` (every WIFE) under a CHIL or FAMC, by slot."""
    said = {slot: _text(_first(record, tag)) for slot, tag in RELATION_TAGS.items()}
    return {slot: word for slot, word in said.items() if word}


def _child_ties(rec: Record) -> dict[str, ChildTie]:
    """What a person's record says of each family they are a child of: PEDI, Gramps's
    `_FREL`/`_MREL` and Family Historian's `_PEDI` under FAMC, and who adopted them (`1 ADOP` /
    `2 FAMC` / `3 ADOP`)."""
    famc: dict[str, ChildTie] = {}
    for link in rec.sub_tags("FAMC", follow=False):
        fam = _original(_text(link))
        if fam and fam not in famc:
            pedigree, words = _text(_first(link, "PEDI")), _relation_words(link)
            for said in link.sub_tags("_PEDI", follow=False):  # Family Historian's
                word, slot = gedcom_kinds.for_parent(_text(said))
                if slot is not None:
                    words.setdefault(slot, word)
                else:
                    pedigree = pedigree or word
            famc[fam] = ChildTie(
                pedigree, words, status=" ".join(_text(_first(link, "STAT")).lower().split())
            )
    for event in rec.sub_tags("ADOP", follow=False):
        for link in event.sub_tags("FAMC", follow=False):
            if _text(link):
                gedcom_kinds.adoption(famc, _original(_text(link)), _text(_first(link, "ADOP")))
    return famc


def _fam(rec: Record, line: int, xref: str, buf: bytes) -> RawFamily:
    slots, twice = partner_slots((_original(_text(sub)), sub.tag) for sub in rec.sub_records
                                 if sub.tag in RELATION_TAGS and _text(sub))  # fmt: skip
    children = list(dict.fromkeys(_pointers(rec, "CHIL")))
    married, divorced = _first(rec, "MARR") is not None, _first(rec, "DIV") is not None
    marriage, marriage_words = _date_value(rec, "MARR", buf)
    # Written by this service's export: a partnership GEDCOM has no word for, and when it began.
    own = _text(_first(rec, PARTNERSHIP_KIND))
    kind = own if own in KINDS_OF_OUR_OWN else None
    if kind is not None and not married:
        marriage, marriage_words = _date_value(rec, PARTNERSHIP_KIND, buf)
    # Family Tree Maker, Ancestry, RootsMagic and Gramps say how a child is tied to each
    # parent under CHIL: `_FREL` for every HUSB, `_MREL` for every WIFE.
    words: dict[str, dict[str, str]] = {}
    pedigrees: dict[str, str] = {}
    for chil in rec.sub_tags("CHIL", follow=False):
        said = _relation_words(chil)
        if said and _text(chil):
            words.setdefault(_original(_text(chil)), said)
        # PEDI under CHIL (the standard puts it under the child's FAMC; some programs write it
        # here): read where the child's own FAMC says nothing (a second reader: an adoption
        # written so came in as birth, without a word).
        if (pedigree := _text(_first(chil, "PEDI"))) and _text(chil):
            pedigrees.setdefault(_original(_text(chil)), pedigree)
    partnered = _first(rec, NO_PARTNERSHIP) is None  # written by this service's export
    ended, ended_words = _date_value(rec, "DIV", buf)
    # Other programs' words for the kind of partnership and its end (`gedcom_couples`).
    lines = [gedcom_couples.Line(sub.tag or "", _text(sub), _text(_first(sub, "TYPE")))
             for sub in rec.sub_records]  # fmt: skip
    stands = gedcom_couples.couple(lines, married=married, divorced=divorced, kind=kind)
    if stands.event is not None:
        ended, ended_words = _date_of(rec.sub_records[stands.event], buf)
    if ended is None:  # a partnership other than a divorce, ended (this service's export)
        ended, ended_words = _date_value(rec, PARTNERSHIP_ENDED, buf)
    return RawFamily(xref, line, list(slots), children, married, stands.divorced, marriage,
                     marriage_words, slots, words, partnered and not stands.never_married, twice,
                     stands.kind, ended, ended_words, stands.never_married,
                     pedigrees, _noted(rec), _marked_private(rec))  # fmt: skip


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
        # What is wrong and what to do, never the line itself (it may hold a name): a second
        # reader was told only "GEDCOM structure error at line 17".
        if isinstance(exc, IntegrityError):
            what = ("a CONC or CONT line not one level below the line it continues"
                    if "CONC/CONT" in str(exc)
                    else "a line more than one level deeper than the line before it")  # fmt: skip
        else:
            what = ("a line that is not a level number, an optional @xref@, a tag and its "
                    "value, separated by spaces (a tab instead of a space, or a line broken "
                    "in two, reads so)")  # fmt: skip
        kind = "structure" if isinstance(exc, IntegrityError) else "syntax"
        raise GedcomError(
            f"GEDCOM {kind} error{where}: {what}; correct it in the file, or export the tree "
            "again from the program it came from"
        ) from exc
    except Exception as exc:  # undecodable bytes, numbers too long for int(), anything else
        what = f"{type(exc).__name__}"
        if isinstance(exc, UnicodeDecodeError):
            codec = "Windows-1252 (ANSI)" if exc.encoding == "charmap" else exc.encoding
            what = f"bytes that are not valid {codec}"
        where = f" (record at line {line})" if line else ""
        raise GedcomError(f"unreadable GEDCOM file{where}: {what}") from exc
    return people, families, others


def parse_gedcom(
    data: bytes,
    *,
    max_bytes: int = 20_000_000,
    max_people: int = 100_000,
    today: date | None = None,
) -> GedcomTree:
    """Read a GEDCOM 5.5.1 file into plain data, or raise GedcomError saying what is wrong."""
    data = bytes(data)
    not_archived(data)  # a zipped file may hold a GEDCOM 7 header readable inside
    if gedcom_v7.is_gedcom7(data):
        check_size(data, max_bytes)
        check_lines(data.splitlines())
        joined: list[str] = []
        raw_people, raw_families, others = gedcom_v7.read(data, joined)
        said = None
        prepared = [*joined, *trailers_read_through(others.get("TRLR", []))]
    else:
        buf, origin, utf16, prepared = prepare(data, max_bytes, max_people)
        buf, encoding, said = read_as(buf)
        said = said or utf16
        raw_people, raw_families, others = _read(buf, origin, encoding)
    if len(raw_people) > max_people:
        raise GedcomError(too_many(max_people))
    limit = (today or london_today()).isoformat()
    people: list[GedcomPerson] = []
    # What the whole file got (character set, records not imported, links to records it does
    # not hold, the living rule) comes first and is never cut; then what asks the coordinator to
    # do something (a parent to add by hand, a date not read); then each person's other notes;
    # at most MAX_NOTES of those two.
    summary: list[str] = ([said] if said else []) + prepared + _not_imported(others)
    actions: list[str] = []
    dated: list[str] = []  # the dates to check by hand: after what asks more of the worker
    notes: list[str] = []
    held = {p.xref for p in raw_people}  # an association names one of them, or is not said
    for p in raw_people:
        if len(p.xref) > MAX_XREF:
            raise GedcomError(f"line {p.line}: xref longer than {MAX_XREF} characters")
        if CONTROL.search(p.xref):
            raise GedcomError(f"line {p.line}: xref with a control character")
        whose = f"{p.xref} (line {p.line})"
        born, died, birth, death = person_dates(p, whose, limit, notes, dated)
        if p.sex_note:
            notes.append(f"{whose}: {p.sex_note}")
        notes += [f"{whose}: the file names {other} as their {association_role(role)} "
                  "(ASSO): not imported as a tie; add them as a trusted adult by hand if they "
                  "matter" for other, role in p.associates if other in held]  # fmt: skip
        person = _held_to_limits(_married(p, whose, notes), whose, notes)
        people.append(replace(person, birth_date=born, death_date=died, birth_written=birth,
                              death_written=death))  # fmt: skip
    hidden = [p.xref for p in people if p.given_name.strip("<>[]() ").lower() in _HIDDEN_NAMES]
    if hidden:
        # A program hiding living people's names on export (Ancestry, FamilySearch, Gramps:
        # "Living Smith"): the name is not theirs (a second reader).
        actions.append(f"{len(hidden)} people named only as living or private (the first "
                       f"{hidden[0]}), as a program writes them when it hides living people's "
                       "names: imported so; export the tree again with names, or record them "
                       "by hand")  # fmt: skip
    # First what may matter to someone's safety or standing: their notes, their privacy, then
    # their ties (a second reader: 121 dates to check pushed a note on a person and a parent
    # left out past the cap).
    actions[:0] = _notes_in_file(raw_people, raw_families) + _private(raw_people, raw_families)
    actions += [f"{p.xref} (line {p.line}): the file gives them another name, with no word for "
                "what it is (a second NAME): not imported; record it by hand if they are known "
                "by it" for p in raw_people if p.other_names]  # fmt: skip
    families = read_families({p.xref: p for p in raw_people}, raw_families, notes, actions,
                             summary, today=limit)  # fmt: skip
    check_shape(families)
    twice_married(families, actions)
    birth_order(families, {p.xref: p for p in people}, {p.xref: p.line for p in raw_people},
                actions)  # fmt: skip
    # The latest year of birth a birth date allows, or else a baptism's (a second reader: an
    # ancestor baptised in 1780, with no birth, was imported as living).
    latest = {p.xref: gedcom_dates.latest_birth_year(p.birth, w.birth_written) or (
        gedcom_dates.latest_birth_year(p.baptism[0], gedcom_dates.read(*p.baptism))
        if w.birth_written is None and p.baptism[0] is not None else None)
        for p, w in zip(raw_people, people, strict=True)}  # fmt: skip
    people = _not_living(people, families, int(limit[:4]), summary, latest)
    notes = actions + dated + notes
    if len(notes) > MAX_NOTES:
        # Not "of the same kinds": what is cut is whatever comes last (a second reader).
        notes[MAX_NOTES:] = [f"and {len(notes) - MAX_NOTES} more notes"]
    return GedcomTree(
        tuple(people), tuple(families), tuple(summary + notes), _disproven(raw_people, raw_families)
    )


def _notes_in_file(people: Sequence[RawPerson], families: Sequence[RawFamily]) -> list[str]:
    """A note on the people and families whose records carry notes of their own, which are not
    imported (a second reader: "Violent to Anne; do not contact", on a person, went without a
    word; a NOTE record was counted, but not whose it was)."""
    noted = [p.xref for p in people if p.noted] + [f.xref for f in families if f.noted]
    if not noted:
        return []
    listed = ", ".join(noted[:10]) + (f" and {len(noted) - 10} more" if len(noted) > 10 else "")
    if len(noted) == 1:
        return [f"1 person or family carries a note in the file (NOTE): {listed}; not "
                "imported: read it in the file, as it may say something a worker should know, "
                "and record what matters by hand"]  # fmt: skip
    return [f"{len(noted)} people or families carry notes in the file (NOTE): {listed}; "
            "not imported: read them in the file, as one may say something a worker should "
            "know, and record what matters by hand"]  # fmt: skip


def _private(people: Sequence[RawPerson], families: Sequence[RawFamily]) -> list[str]:
    """A note on the records the file marks private or confidential (RESN, Legacy's `_PRIV`):
    imported as any other, but the family who made the tree may not want them shared (a second
    reader: the mark was dropped without a word)."""
    marked = [p.xref for p in people if p.private] + [f.xref for f in families if f.private]
    if not marked:
        return []
    listed = ", ".join(marked[:10]) + (f" and {len(marked) - 10} more" if len(marked) > 10 else "")
    # The tags the file used (a second reader: Legacy's `_PRIV` alone was said to be RESN).
    used = {tag for p in people for tag in p.private} | {
        tag for f in families for tag in f.private}  # fmt: skip
    tags = ", ".join(tag for tag in PRIVATE_TAGS if tag in used)
    return [f"{len(marked)} people or families marked private or confidential in the file "
            f"({tags}): {listed}; imported: check with the family before sharing or "
            "contacting"]  # fmt: skip


def _disproven(
    people: Sequence[RawPerson], families: Sequence[RawFamily]
) -> tuple[tuple[str, str], ...]:
    """(parent, child) for each parentage the file says is ruled out: a child's FAMC with STAT
    disproven, to each partner of that family."""
    partners = {f.xref: f.partners for f in families}
    held = {p.xref for p in people}
    return tuple(sorted({(parent, p.xref) for p in people for family, tie in p.famc.items()
                         if tie.status == "disproven"
                         for parent in partners.get(family, ()) if parent in held}))  # fmt: skip


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
        # A sibling bounds a year of birth by their own, the eldest most (`lifespan._one_step`
        # takes the smallest), and a dated child is bound by their own year alone: each child
        # is given the eldest dated one, not every other (a second reader: one family of 20,000
        # children took 3 GB and 48 s).
        eldest = min(((year, x) for x in born if (year := known.get(x)) is not None),
                     default=None)  # fmt: skip
        for kid in born:
            siblings.setdefault(kid, []).extend(
                [eldest[1]] if eldest is not None and eldest[1] != kid else []
            )
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


def _married(raw: RawPerson, whose: str, notes: list[str]) -> GedcomPerson:
    """The person with the name they took in marriage as the name they are known by, when
    they have no other; a note when they do. A married name that is their name from birth adds
    nothing."""
    person, married = raw.person, raw.married
    whole = " ".join(f"{person.given_name} {person.family_name}".split())
    if married is None:
        return person
    name, word = married
    if name.lower() == whole.lower():
        return person
    if person.known_as:
        notes.append(
            f"{whose}: the file gives a nickname and {'an' if word == 'alias' else 'a'} {word}: "
            f"the nickname is the name they are known by; record the {word} by hand if it is "
            "the name to find them by"
        )
        return person
    return replace(
        person, known_as=name, known_as_kind="married" if word == "married name" else "aka"
    )


def _held_to_limits(person: GedcomPerson, whose: str, notes: list[str]) -> GedcomPerson:
    """The person's names as the API would take them: no control character, at most
    MAX_NAME characters; each change noted."""

    def held(value: str, what: str) -> str:
        # The characters the API refuses in a name (`service.models`), taken out; a line or
        # paragraph separator is a space between words.
        kept = " ".join(CONTROL.sub("", SEPARATORS.sub(" ", value)).split())
        if kept != value:
            notes.append(f"{whose}: control characters taken out of the {what}")
        if kept and nothing_seen(kept):
            kept = ""
            notes.append(f"{whose}: the {what} holds nothing that can be seen: left out")
        if len(kept) > MAX_NAME:
            kept = kept[:MAX_NAME].rstrip()
            notes.append(f"{whose}: {what} cut to {MAX_NAME} characters")
        return kept

    given, family = held(person.given_name, "given name"), held(person.family_name, "family name")
    known_as = held(person.known_as, "name known by") if person.known_as else None
    return replace(person, given_name=given, family_name=family, known_as=known_as or None)
