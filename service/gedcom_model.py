"""What a GEDCOM file is read into, whichever version it is in (`service.gedcom` for 5.5.1,
`service.gedcom_v7` for 7): plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from service.gedcom_dates import WrittenDate

Sex = Literal["female", "male", "unknown"]
Pedigree = Literal["birth", "adopted", "foster", "step"]

# How a child is tied to a family's parents, as the programs write it: GEDCOM's PEDI (birth,
# adopted, foster, sealing) in any case, and the words of `_FREL`/`_MREL` (Family Tree Maker,
# Ancestry, RootsMagic, Gramps: Natural, Adopted, Step, Foster, Guardian, ...). A guardian is a
# carer, not a parent, so counts as foster; words not known here count as birth, as GEDCOM's
# default does.
_PEDIGREE_WORDS: dict[str, Pedigree] = {
    "adopted": "adopted", "adoptive": "adopted", "adoption": "adopted", "foster": "foster",
    "guardian": "foster", "step": "step", "stepchild": "step", "step-child": "step",
    "stepparent": "step",
}  # fmt: skip
# Events that mean a person has died, whether or not a death is recorded.
DEATH_EVENTS = ("DEAT", "BURI", "CREM")


def pedigree(word: str) -> Pedigree:
    return _PEDIGREE_WORDS.get(word.strip().lower(), "birth")


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


@dataclass(frozen=True)
class GedcomChild:
    xref: str
    pedigree: Pedigree
    # Where one parent's tie differs from `pedigree` (a step-father, a birth mother):
    # (parent xref, pedigree) pairs, from `_FREL`/`_MREL`.
    by_parent: tuple[tuple[str, Pedigree], ...] = ()

    def of(self, parent: str) -> Pedigree:
        """How the child is tied to this parent of the family."""
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


@dataclass(frozen=True)
class GedcomTree:
    people: tuple[GedcomPerson, ...]
    families: tuple[GedcomFamily, ...]
    # What the import changed to hold the file to the API's own limits, person by person
    # (xref and line, never a name): control characters taken out, long names cut.
    notes: tuple[str, ...] = ()


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
    famc: dict[str, Pedigree]
    fams: list[str]


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
    # child xref -> {parent xref: pedigree}, from `_FREL` (the HUSB) and `_MREL` (the WIFE)
    by_parent: dict[str, dict[str, Pedigree]] = field(default_factory=dict)
