"""What a GEDCOM file is read into, whichever version it is in (`service.gedcom` for 5.5.1,
`service.gedcom_v7` for 7): plain data, no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from service.gedcom_dates import WrittenDate
from service.gedcom_kinds import ChildTie, Pedigree

__all__ = [
    "DEATH_EVENTS",
    "MAX_XREF",
    "SEXES",
    "ChildTie",
    "GedcomChild",
    "GedcomError",
    "GedcomFamily",
    "GedcomPerson",
    "GedcomTree",
    "Pedigree",
    "RawFamily",
    "RawPerson",
    "Sex",
    "sex_of",
]  # fmt: skip

Sex = Literal["female", "male", "unknown"]
# SEX as the standard writes it, and in words as some programs do (a second reader: `SEX Male`
# was read as unknown); anything else (U, X, none) is unknown.
SEXES: dict[str, Sex] = {"M": "male", "F": "female", "MALE": "male", "FEMALE": "female"}
# Words for a sex not known, said so: nothing to tell the coordinator.
_NOT_KNOWN = frozenset({"", "U", "UNKNOWN"})


# An association's role as the notes may say it: a word programs write for one, never the
# file's own text (a second reader: "Godmother - lives at 12 Acacia Ave, tel ..." was repeated).
_ROLES = frozenset({
    "godparent", "godfather", "godmother", "godchild", "godson", "goddaughter", "sponsor",
    "witness", "friend", "neighbour", "neighbor", "mentor", "guardian", "carer", "teacher",
    "clergy", "officiator", "minister", "priest", "associate", "parent", "father", "mother",
    "child", "husband", "wife", "spouse",
})  # fmt: skip


# The same roles as other languages' programs write them.
_ROLE_WORDS = {"godparents": "godparent", "pate": "godparent", "patin": "godmother",
               "parrain": "godfather", "marraine": "godmother", "padrino": "godfather",
               "madrina": "godmother", "peter": "godfather", "meter": "godmother",
               "fadder": "godparent", "gudfar": "godfather", "gudmor": "godmother",
               "temoin": "witness", "zeuge": "witness", "getuige": "witness",
               "testigo": "witness"}  # fmt: skip


def association_role(words: str) -> str:
    """The role an association's RELA or ROLE gives, by the first of its words that is one
    programs write for a role ("Godmother at christening" is a godmother, "Parrain" a
    godfather); else "associate". Never the file's own words."""
    plain = unicodedata.normalize("NFD", words.lower().replace("-", ""))
    words_seen: list[str] = re.findall(
        r"[a-z]+", "".join(c for c in plain if not unicodedata.combining(c))
    )
    for word in words_seen:
        if word in _ROLES:
            return word
        if word in _ROLE_WORDS:
            return _ROLE_WORDS[word]
    return "associate"


def sex_of(values: list[str]) -> tuple[Sex, str | None]:
    """The sex a person's SEX lines say (the first), and what to tell the coordinator when
    they say something else: GEDCOM 7's `X` (neither male nor female), a word not read, or two
    lines that disagree (a second reader: each was read as not known, or the first, without a
    word)."""
    said = [" ".join(v.split()).upper() for v in values]
    sex = SEXES.get(said[0], "unknown") if said else "unknown"
    if said and said[0] == "X":
        return sex, ("the file says they are neither male nor female (SEX X): recorded as not "
                     "known; record what they say of themselves by hand")  # fmt: skip
    if said and said[0] not in SEXES and said[0] not in _NOT_KNOWN:
        return sex, "a SEX not read: recorded as not known"
    if len({SEXES.get(v, v) for v in said if v not in _NOT_KNOWN}) > 1:
        return sex, "two different SEX lines: the first kept"
    return sex, None


# Events that mean a person has died, whether or not a death is recorded.
DEATH_EVENTS = ("DEAT", "BURI", "CREM")
# The longest xref read (the API's own limit on an external id): an xref is an identity, so a
# person's beyond it refuses the file.
MAX_XREF = 200


# The tags a record or an event is marked private by: the standard's, and Legacy's own.
PRIVATE_TAGS = ("RESN", "_PRIV")


def private_tags(said: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The tags of `PRIVATE_TAGS` that mark a record private, from its lines and its events'
    (tag, value) each: any value but none or no (RESN confidential, locked or privacy; `_PRIV
    Y`)."""
    found = {tag for tag, value in said
             if tag in PRIVATE_TAGS and value.strip().lower() not in ("", "n", "no")}  # fmt: skip
    return tuple(tag for tag in PRIVATE_TAGS if tag in found)


# The TYPE of the `REFN` (a user reference number, which the programs keep) this service's
# export writes each person's own id in, so that the file imported back into the case matches
# them (a second reader: the export imported back made everyone again).
OWN_ID_TYPE = "lifelong-links"
_OWN_ID = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


def own_id(refns: Iterable[tuple[str, str]]) -> str | None:
    """The person's id in this service, from their `REFN` lines, (value, TYPE) each: the first
    of `OWN_ID_TYPE` that looks like an id."""
    return next(
        (value for value, kind in refns
         if kind.strip().lower() == OWN_ID_TYPE and _OWN_ID.fullmatch(value)),
        None,
    )  # fmt: skip


@dataclass(frozen=True)
class GedcomPerson:
    xref: str
    given_name: str
    family_name: str
    sex: Sex
    birth_date: str | None
    death_date: str | None
    deceased: bool
    # The dates as the file wrote them, with their kind and range (`service.gedcom_dates`).
    birth_written: WrittenDate | None = None
    death_written: WrittenDate | None = None
    # Why `deceased` was worked out rather than recorded (`service.lifespan`); None: recorded.
    living_inferred: str | None = None
    # The name they are known by: NICK, or Family Historian's used name (`_USED`).
    known_as: str | None = None
    # This service's own id of the person, as its export writes it (`REFN` of `TYPE
    # lifelong-links`, `own_id`): an import into the case matches them by it.
    own_id: str | None = None
    # What `known_as` is when it is not a nickname: `married` (a married name: `TYPE married`,
    # `_MARNM`) or `aka` (an alias); written back as a NAME of that TYPE, not as a NICK.
    known_as_kind: str | None = None


@dataclass(frozen=True)
class GedcomChild:
    xref: str
    pedigree: Pedigree
    # Where one parent's tie is said alone (a step-father, a birth mother): (parent xref,
    # pedigree) pairs, from `_FREL`/`_MREL` or an adoption event (`service.gedcom_kinds`).
    by_parent: tuple[tuple[str, Pedigree], ...] = ()
    # Partners of the family the child is not tied to: the file's word for the tie is read as
    # no kind (Related, Sealing, Unknown, ...), so no link is made, and the notes say so.
    unlinked: tuple[str, ...] = ()

    def of(self, parent: str) -> Pedigree:
        """How the child is tied to this parent of the family; LookupError for a partner it is
        not tied to (`unlinked`): `GedcomFamily.ties` leaves those out."""
        if parent in self.unlinked:
            raise LookupError(f"{self.xref} is not tied to {parent}")
        return dict(self.by_parent).get(parent, self.pedigree)


@dataclass(frozen=True)
class GedcomFamily:
    xref: str
    partners: tuple[str, ...]
    married: bool
    divorced: bool
    marriage_date: str | None
    children: tuple[GedcomChild, ...]
    marriage_written: WrittenDate | None = None
    # False for two parents of a child with no partnership recorded: written out with
    # NO_PARTNERSHIP, so that the file read back does not make them partners.
    partnership: bool = True
    # The partnership's kind as this service records it, where GEDCOM has no word for it (a
    # civil partnership, a couple separated or living together): written and read with
    # PARTNERSHIP_KIND, its date the partnership's start (`marriage_date`).
    kind: str | None = None
    # When the partnership ended (DIV's DATE, or PARTNERSHIP_ENDED's): the partnership's
    # `until`.
    until: str | None = None

    def ties(self) -> list[tuple[str, GedcomChild, Pedigree]]:
        """The parent-child links the family makes, (parent, child, kind): every partner with
        every child, but for a partner a child is not tied to (`GedcomChild.unlinked`)."""
        return [(parent, child, child.of(parent)) for child in self.children
                for parent in self.partners if parent not in child.unlinked]  # fmt: skip


@dataclass(frozen=True)
class GedcomTree:
    people: tuple[GedcomPerson, ...]
    families: tuple[GedcomFamily, ...]
    # What the import changed to hold the file to the API's own limits, person by person
    # (xref and line, never a name): control characters taken out, long names cut.
    notes: tuple[str, ...] = ()
    # (parent xref, child xref): parentages the file says are ruled out (FAMC's STAT disproven),
    # imported as no tie.
    disproven: tuple[tuple[str, str], ...] = ()


class GedcomError(ValueError):
    """The file cannot be taken in; the message says where (line number or xref) and why."""


@dataclass
class RawPerson:  # what a reader gave for one INDI record, before the checks
    xref: str
    line: int
    person: GedcomPerson  # dates still unset
    birth: object
    death: object
    birth_words: str | None  # the DATE line's own words (None: not plain ASCII)
    death_words: str | None
    famc: dict[str, ChildTie]  # family xref -> what the person's record says of the tie
    fams: list[str]
    # The first dated baptism or christening (BAPM, CHR, CHRA), as `birth` is given: a birth
    # comes before it, for the living rule when no birth is dated (parish registers give
    # baptisms far more often than births).
    baptism: tuple[object, str | None] = (None, None)
    # An adoption event (ADOP) that names no family (the standard allows it; programs often
    # write one with a date alone): which of the person's parents adopted them is not said.
    adoption_unsaid: bool = False
    # The family the birth event names (`1 BIRT` / `2 FAMC`): the one they were born into.
    born_in: str | None = None
    # The name they took in marriage, whole, or another name they go by, with which it is
    # (`gedcom_names.other_name`): the name they are known by unless they have one already.
    married: tuple[str, str] | None = None
    # What their SEX lines said that was not read as it stands (`sex_of`).
    sex_note: str | None = None
    # People the record associates with them (`ASSO`, on the record or an event): (xref, the
    # file's word for who they are, such as Godfather), imported as no tie.
    associates: tuple[tuple[str, str], ...] = ()
    # Whether the record carries a note of its own (`1 NOTE`, GEDCOM 7's `1 SNOTE`): not
    # imported, and said.
    noted: bool = False
    # The tags the record or an event of it is marked private by (RESN, `_PRIV`), in the
    # order `PRIVATE_TAGS` lists them; none: not marked. Said, naming them.
    private: tuple[str, ...] = ()
    # Whether the file gives them another name with no TYPE, not read as any: said.
    other_names: bool = False


# A baptism or christening: the person was born by then.
BAPTISMS = ("BAPM", "CHR", "CHRA")


# The tag this service writes on a family whose two partners are parents of a child but not
# recorded as partners (GEDCOM 5.5.1 links two parents to a child only through a family, and a
# family of two partners reads as a couple); other programs ignore a tag of their own kind.
NO_PARTNERSHIP = "_LL_NO_PARTNERSHIP"
# The tag this service writes for a partnership GEDCOM has no word for, with its kind and the
# date it began (a second reader: a civil partnership came back as a marriage, and a couple
# separated as living together, without the date they met).
PARTNERSHIP_KIND = "_LL_PARTNERSHIP"
# The kinds it is written for (a marriage and a divorce are said with MARR and DIV). `unknown`,
# a couple whose status is not recorded, is what a family of two partners with nothing said
# is read as anyway: written so that the date it began, if any, comes back.
KINDS_OF_OUR_OWN = ("civil_partnership", "cohabiting", "separated", "unknown")
# The tag this service writes, as an event with its DATE, for when a partnership that is not a
# divorce ended (a divorce's is DIV's DATE): without it, a marriage or a couple living together
# that had ended came back as current (a second reader).
PARTNERSHIP_ENDED = "_LL_ENDED"


@dataclass
class RawFamily:  # what a reader gave for one FAM record
    xref: str
    line: int
    partners: list[str]
    children: list[str]
    married: bool
    divorced: bool
    marriage: object
    marriage_words: str | None = None  # the DATE line's own words
    # partner xref -> HUSB or WIFE, the slot the family's record puts them in
    slots: dict[str, str] = field(default_factory=dict)
    # child xref -> {slot: word}, from `_FREL` (every HUSB) and `_MREL` (every WIFE) under CHIL
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    # False when the family says its two partners are not recorded as partners (NO_PARTNERSHIP):
    # parents of a child, written as a family because GEDCOM has no other way.
    partnered: bool = True
    # A person the record names in both slots (HUSB and WIFE): a slip, read as one partner.
    twice: str | None = None
    # PARTNERSHIP_KIND's value, when it is one of KINDS_OF_OUR_OWN.
    kind: str | None = None
    # When the partnership ended: DIV's date, or else PARTNERSHIP_ENDED's, as the reader read
    # it, and its DATE line's own words.
    ended: object = None
    ended_words: str | None = None
    # The family's status says its couple never married (Family Historian's and Legacy's
    # `_STAT Never Married`), and nothing says they were partners: parents of their children.
    never_married: bool = False
    # child xref -> PEDI under the family's CHIL (the standard puts it under the child's FAMC;
    # some programs write it here): read where the child's FAMC says nothing.
    pedigrees: dict[str, str] = field(default_factory=dict)
    # Whether the record carries a note of its own (`1 NOTE`, `1 SNOTE`).
    noted: bool = False
    # The tags the record or an event of it is marked private by (RESN, `_PRIV`).
    private: tuple[str, ...] = ()
