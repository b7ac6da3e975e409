"""What a family tree file can cost the service: memory for one very large family, the size of
the answer's notes. Pure (`service.gedcom`), no database."""

from __future__ import annotations

import tracemalloc
from datetime import date

from service.gedcom import NOT_IMPORTED_KINDS, parse_gedcom

TODAY = date(2026, 1, 1)
HEAD = "0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"


def _file(body: str) -> bytes:
    return (HEAD + body + "0 TRLR\n").encode()


def _one_family(children: int, born: str = "1990") -> bytes:
    body = "".join(f"0 @I{i}@ INDI\n1 BIRT\n2 DATE {born}\n" for i in range(children))
    body += "0 @P1@ INDI\n0 @P2@ INDI\n0 @F1@ FAM\n1 HUSB @P1@\n1 WIFE @P2@\n"
    return _file(body + "".join(f"1 CHIL @I{i}@\n" for i in range(children)))


def test_one_family_of_thousands_of_children_takes_memory_in_proportion() -> None:
    """A second reader: each child was given a list of all their brothers and sisters, so one
    family of 20,000 children (a 1 MB file, within the people allowed) took 3.2 GB and 48 s,
    and 5,000 took 257 MB. Each child now takes the eldest dated one, who bounds them."""
    data = _one_family(5_000)
    tracemalloc.start()
    try:
        tree = parse_gedcom(data, today=TODAY, max_people=20_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(tree.people) == 5_002
    assert peak < 64_000_000, f"{peak / 1e6:.0f} MB"


def test_a_sibling_dated_long_ago_still_bounds_an_undated_one() -> None:
    """The eldest dated sibling bounds the others' years of birth (20 years after theirs): an
    undated brother of sisters born in 1880 and 1900 was born by 1900, so is not living."""
    body = ("0 @I1@ INDI\n1 BIRT\n2 DATE 1900\n0 @I2@ INDI\n0 @I3@ INDI\n1 BIRT\n2 DATE 1880\n"
            "0 @F1@ FAM\n1 CHIL @I1@\n1 CHIL @I2@\n1 CHIL @I3@\n")  # fmt: skip
    people = {p.xref: p for p in parse_gedcom(_file(body), today=TODAY).people}
    assert people["@I2@"].deceased is True
    assert people["@I2@"].living_inferred is not None
    assert "born in 1900 at the latest" in people["@I2@"].living_inferred


def test_the_records_not_imported_are_noted_by_kind_up_to_a_limit() -> None:
    """A second reader: one note for each kind of record not imported, never cut, made a file
    of 200,000 kinds of its own into an answer of 9 MB."""
    kinds = NOT_IMPORTED_KINDS + 30
    body = "".join(f"0 _T{i}\n" for i in range(kinds)) + "0 _T0\n"
    notes = parse_gedcom(_file(body), today=TODAY).notes
    assert len(notes) == NOT_IMPORTED_KINDS + 1
    assert notes[0] == "not imported: 2 _T0 records (the first at line 7)"
    assert notes[-1] == "not imported: 30 records of 30 other kinds (the first at line 27)"
