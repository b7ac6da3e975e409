"""A corpus of small GEDCOM files in the shapes the genealogy programs relatives use write
(tests/data/gedcom/programs/): one invented family, written as Gramps, Ancestry, MyHeritage,
RootsMagic, Family Tree Maker, webtrees, Findmypast and FamilySearch (GEDCOM 7) exports look
in their published descriptions and common exports: their headers, their own tags and records,
their words for dates and for how a child is tied to each parent (`_FREL`/`_MREL`, PEDI in any
case), their character sets, burials and cremations in place of a death. Each must import to the
same family, with what differs said in the notes; written out and read again, nothing changes.
Pure, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from service.gedcom import GedcomTree, parse_gedcom, write_gedcom
from service.gedcom_dates import WrittenDate, standard

PROGRAMS = Path(__file__).resolve().parent / "data" / "gedcom" / "programs"
TODAY = date(2026, 12, 4)

# For each file: Anne's and Bob's birth dates as written, how Kit's tie to Bob reads (a step-
# father in RootsMagic's file), and notes it must give. Rose's death is recorded by a death, a
# burial (Gramps, RootsMagic), a cremation (MyHeritage) or a date phrase (FamilySearch).
CORPUS = {
    "gramps": ("ABT 1985", "BET 1978 AND 1981", "birth",
               ["not imported: 2 NOTE records (the first at line 66)",
                "@I0004@ (line 46): birth date is estimated: kept as written and as 1931"]),
    "ancestry": ("Abt. 1985", "bet 1978 and 1981", "birth",
                 ["not imported: 1 _MTTAG record (line 74)",
                  "@I2@ (line 25): birth date is approximate ('about'): kept as written and as "
                  "1985"]),
    "myheritage": ("ABT 1985", "BET 1978 AND 1981", "birth", []),
    "rootsmagic": ("ABT 1985", "BEF 1982", "step",
                   ["not imported: 1 _EVDEF record (line 63)",
                    "@I3@ (line 31): birth date is a 'before' date: kept as written"]),
    "familytreemaker": ("ABT 1985", "BET 1978 AND 1981", "birth",
                        ["not imported: 1 SOUR record (line 63)"]),
    "webtrees": ("ABT 1985", "FROM 1978 TO 1981", "birth",
                 ["not imported: 1 _TODO record (line 62)",
                  "@I5@ (line 45): birth date is in another calendar: kept as written"]),
    "findmypast": ("ABT 1985", "BET 1978 AND 1981", "birth",
                   ["no character set (CHAR) in the header: read as UTF-8"]),
    "familysearch": ("ABT 1985", "BET 1978 AND 1981", "birth",
                     ["@I5@ (line 33): death date is a phrase: kept as written"]),
}  # fmt: skip


def load(program: str) -> GedcomTree:
    return parse_gedcom((PROGRAMS / f"{program}.ged").read_bytes(), today=TODAY)


def by_name(tree: GedcomTree) -> dict[str, str]:
    return {p.given_name: p.xref for p in tree.people}


@pytest.mark.parametrize("program", sorted(CORPUS))
def test_each_programs_file_imports_to_the_same_family(program: str) -> None:
    anne_words, bob_words, bob_tie, notes = CORPUS[program]
    tree = load(program)
    xref = by_name(tree)
    mother = "Siân" if program == "findmypast" else "Anne"  # UTF-8 with no CHAR at all
    rose = "Rosé" if program == "familytreemaker" else "Rose"  # Windows-1252, CHAR ANSI
    assert sorted(xref) == sorted(["Kit", mother, "Bob", "Sam", rose])
    people = {p.given_name: p for p in tree.people}
    assert people["Kit"].birth_date == "2012-03-03"
    assert people[mother].birth_date == "1985"
    anne = people[mother].birth_written
    assert anne is not None
    assert anne.written == anne_words
    bob = people["Bob"].birth_written
    assert bob is not None
    assert bob.written == bob_words
    assert bob.latest is not None  # a range, a before date: bounded
    assert {name for name, p in people.items() if p.deceased} == {rose}
    buried = program in ("gramps", "myheritage", "rootsmagic")  # a burial or cremation only
    assert (people[rose].living_inferred is not None) is buried
    (couple,) = [f for f in tree.families if len(f.partners) == 2]
    assert set(couple.partners) == {xref["Bob"], xref[mother]}
    ties = {c.xref: (c.of(xref["Bob"]), c.of(xref[mother])) for c in couple.children}
    assert ties == {xref["Kit"]: (bob_tie, "birth"), xref["Sam"]: ("adopted", "adopted")}
    assert couple.marriage_date == "2010-06-12"
    for note in notes:
        assert note in tree.notes
    assert not any(name in note for note in tree.notes for name in ("Anne", "Marlow", "Leeds"))


@pytest.mark.parametrize("program", sorted(CORPUS))
def test_written_out_and_read_again_nothing_changes(program: str) -> None:
    tree = load(program)
    again = parse_gedcom(write_gedcom(tree).encode(), today=TODAY)
    # The changes: a death worked out from a burial is written as a death (`1 DEAT Y`), so
    # read back it is recorded, not worked out; a program's own date words (Ancestry's `Abt.`)
    # are written in the standard's, for the same days.
    assert again.people == tuple(
        replace(p, living_inferred=None, birth_written=_standard(p.birth_written),
                death_written=_standard(p.death_written))
        for p in tree.people
    )  # fmt: skip
    assert again.families == tuple(
        replace(f, marriage_written=_standard(f.marriage_written)) for f in tree.families
    )


def _standard(written: WrittenDate | None) -> WrittenDate | None:
    return None if written is None else replace(written, written=standard(written.written))
