"""Character sets a file's header gets wrong, beside those `tests/test_gedcom.py` covers: a UTF-8
byte-order mark under a CHAR naming another character set, and GEDCOM 5.5.1's `CHAR UNICODE`
written as UTF-8 or as UTF-16 with no byte-order mark. Pure, no database."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from service.gedcom import GedcomError, GedcomTree, parse_gedcom

TODAY = date(2026, 1, 15)
BOM = b"\xef\xbb\xbf"


def ged(char: str, name: str = "Renée") -> str:
    head = f"0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR {char}\n"
    return head + f"0 @I1@ INDI\n1 NAME {name} /Müller/\n0 TRLR\n"


def read(data: bytes) -> GedcomTree:
    return parse_gedcom(data, today=TODAY)


def names(tree: GedcomTree) -> list[tuple[str, str]]:
    return [(p.given_name, p.family_name) for p in tree.people]


@pytest.mark.parametrize("char", ["ANSI", "Windows-1252", "IBMPC", "MACINTOSH", "UNICODE"])
def test_a_utf8_byte_order_mark_wins_over_the_char_line(char: str) -> None:
    tree = read(BOM + ged(char).encode())
    assert names(tree) == [("Renée", "Müller")]
    assert tree.notes == (
        f"the header says {char.upper()}, the file starts with a UTF-8 byte-order mark: read "
        "as UTF-8",
    )


def test_a_utf8_byte_order_mark_on_bytes_that_are_not_utf8_is_dropped() -> None:
    """Windows-1252 bytes behind a UTF-8 mark: the mark is as wrong as the header."""
    tree = read(BOM + ged("UTF-8").encode("cp1252"))
    assert names(tree) == [("Renée", "Müller")]
    assert tree.notes == ("the header says UTF-8, the bytes are not: read as Windows-1252 (ANSI)",)
    ansi = read(BOM + ged("ANSI").encode("cp1252"))
    assert names(ansi) == [("Renée", "Müller")]
    assert ansi.notes == (
        "the file starts with a UTF-8 byte-order mark, the bytes are not UTF-8: read as the "
        "header says (ANSI)",
    )


def test_char_ansi_whose_bytes_are_utf8_is_read_as_utf8() -> None:
    """Programs write `CHAR ANSI` over UTF-8 bytes: read as Windows-1252 it gave "RenÃ©e".
    Windows-1252 letters almost never form UTF-8 (as ANSEL's accents never do): read as UTF-8,
    and said. Windows-1252 bytes under `CHAR ANSI` read as they always did, with no note."""
    tree = read(ged("ANSI").encode())
    assert names(tree) == [("Renée", "Müller")]
    assert tree.notes == ("the header says ANSI, the bytes are UTF-8: read as UTF-8",)
    ansi = read(ged("ANSI").encode("cp1252"))
    assert names(ansi) == [("Renée", "Müller")]
    assert ansi.notes == ()


def test_the_files_lines_are_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    """ged4py logged a header's `1 CHAR ANSI` line at ERROR: the file's own text, which the
    service never logs (a second reader). The answer's notes say what the header got wrong."""
    with caplog.at_level(logging.DEBUG):
        tree = read(ged("ANSI").encode("cp1252"))
    assert names(tree) == [("Renée", "Müller")]
    assert [r for r in caplog.records if r.name.startswith("ged4py")] == []
    assert "CHAR" not in caplog.text


def test_char_unicode_in_utf8_is_read_as_utf8() -> None:
    tree = read(ged("UNICODE").encode())
    assert names(tree) == [("Renée", "Müller")]
    assert tree.notes == ("the header says UNICODE (UTF-16), the bytes are UTF-8: read as UTF-8",)
    # Every byte ASCII: the same (it was refused as an unknown codec).
    plain = read(ged("UNICODE", "Renee").replace("Müller", "Muller").encode())
    assert names(plain) == [("Renee", "Muller")]
    assert plain.notes == tree.notes


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_no_byte_order_mark_is_read_as_utf16(codec: str) -> None:
    tree = read(ged("UNICODE").encode(codec))
    assert names(tree) == [("Renée", "Müller")]
    assert tree.notes == ("no byte-order mark, the bytes are UTF-16: read as UTF-16",)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize(
    ("codec", "notes"),
    [("utf-16", ()),  # with a byte-order mark
     ("utf-16-le", ("no byte-order mark, the bytes are UTF-16: read as UTF-16",)),
     ("utf-16-be", ("no byte-order mark, the bytes are UTF-16: read as UTF-16",))],
)  # fmt: skip
def test_utf16_reads_the_same_whatever_ends_its_lines(
    codec: str, notes: tuple[str, ...], ending: str
) -> None:
    """Lines ended by CR alone (no LF) gave a UTF-16 file the note for UTF-8 bytes under
    `CHAR UNICODE`: its CHAR line was not found to be rewritten. LF, CRLF and CR alike."""
    tree = read(ged("UNICODE").replace("\n", ending).encode(codec))
    assert names(tree) == [("Renée", "Müller")]
    assert tree.notes == notes


def test_nul_bytes_that_are_not_utf16_are_still_refused() -> None:
    with pytest.raises(GedcomError, match="NUL byte at line 8"):
        read(ged("UTF-8", "Re\0e").encode())


def test_tags_in_lower_case_are_read_as_upper_case() -> None:
    """A program (or a hand edit) writing `0 @I1@ indi` lost the person: read as the standard's
    tag, and said. A broken line's word is never made a tag ("0 Jane Smith")."""
    body = ("0 @I1@ indi\n1 name Ann /Lee/\n1 Sex F\n1 famc @F1@\n2 pedi adopted\n"
            "0 @I2@ INDI\n1 NAME Bob /Lee/\n1 SEX M\n1 FAMS @F1@\n"
            "0 @F1@ fam\n1 husb @I2@\n1 chil @I1@\n0 Jane Smith\n")  # fmt: skip
    head = "0 HEAD\n1 SOUR TEST\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n"
    tree = read((head + body + "0 TRLR\n").encode())
    assert names(tree) == [("Ann", "Lee"), ("Bob", "Lee")]
    assert tree.people[0].sex == "female"
    (family,) = tree.families
    assert family.ties() == [("@I2@", family.children[0], "adopted")]
    assert tree.notes[0] == "tags written in lower case: read as upper case"
    assert not any("Jane" in note or "JANE" in note for note in tree.notes)


@pytest.mark.parametrize("tail", [b"\n\n", b"\r\n\x1a", b"\n  \n\x1a"])
def test_gedcom_7_takes_blank_lines_and_ctrl_z_after_the_trailer(tail: bytes) -> None:
    seven = b"0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n0 TRLR" + tail
    assert names(read(seven)) == [("Ann", "Lee")]


@pytest.mark.parametrize(
    ("char", "codec", "name"),
    [
        ("ANSI\n2 VERS 1250", "cp1250", ("Zdzisław Źródło", "Świątek")),
        ("ANSI\n2 VERS 1251", "cp1251", ("Іван", "Петренко")),
        ("WINDOWS-1250", "cp1250", ("Zdzisław Źródło", "Świątek")),
        ("CP1250", "cp1250", ("Zdzisław Źródło", "Świątek")),
    ],
)
def test_a_windows_code_page_the_header_names_is_read_in_it(
    char: str, codec: str, name: tuple[str, str]
) -> None:
    """`CHAR ANSI` with `2 VERS 1250` (the code page, as FamilyTreeFactory and Polish and Czech
    programs write it), or the code page as the CHAR: read in that code page (a second reader:
    a Polish name came out as Windows-1252, and a file with Ź was refused)."""
    given, family = name
    data = ged(char, given).replace("Müller", family).encode(codec)
    tree = read(data)
    assert names(tree) == [name]
    assert tree.notes == ()


@pytest.mark.parametrize("char", ["MACINTOSH", "IBMPC", "ISO-8859-1", "LATIN1"])
def test_another_8_bit_set_over_utf8_bytes_is_read_as_utf8(char: str) -> None:
    """A second reader: `CHAR MACINTOSH` over UTF-8 bytes misread "Zoë Renée Müller", each
    accented letter as two Mac Roman ones, with no note. An 8-bit set's letters next to never
    form UTF-8, as ANSEL's accents never do: read as UTF-8, and said."""
    tree = read(ged(char, "Zoë Renée").encode())
    assert names(tree) == [("Zoë Renée", "Müller")]
    assert tree.notes == (f"the header says {char}, the bytes are UTF-8: read as UTF-8",)


def test_genuine_mac_roman_that_happens_to_form_utf8_is_read_as_mac_roman() -> None:
    """A second reader of the rule above: Mac Roman's "d'Éon" with a curly apostrophe (D5 83)
    is valid UTF-8 by chance, an Armenian letter, and was read so. Bytes are read as UTF-8
    over another 8-bit set's header only when they give Latin letters and punctuation."""
    data = ged("MACINTOSH", "Charles d\u2019Éon").replace("Müller", "Beaumont").encode("mac_roman")
    data.decode("utf-8")  # valid UTF-8 by chance
    tree = read(data)
    assert names(tree) == [("Charles d\u2019Éon", "Beaumont")]
    assert tree.notes == ()


def test_char_ansel_over_windows_1252_bytes_is_read_as_windows_1252() -> None:
    """A second reader: `CHAR ANSEL` over Windows-1252 bytes read "Renée Müller" as "Reně
    Ml̸ler", without a note. ANSEL's accents come before a letter and compose with it; read
    so, most of these did not."""
    data = ged("ANSEL", name="Renée Björn François").encode("cp1252")
    tree = read(data)
    assert names(tree) == [("Renée Björn François", "Müller")]
    assert tree.notes == (
        "the header says ANSEL, the bytes are not ANSEL's (its accents would fall on letters "
        "they do not go with): read as Windows-1252 (ANSI)",
    )


def test_genuine_ansel_is_still_read_as_ansel() -> None:
    """ANSEL's é (0xE2 then e), ü (0xE8 then u), Ł (0xA1) and ø (0xB2): read as ANSEL, no note."""
    head = "0 HEAD\n1 SOUR PAF\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR ANSEL\n"
    body = b"0 @I1@ INDI\n1 NAME Ren\xe2ee \xa1ucja Bj\xb2rn /M\xe8uller/\n0 TRLR\n"
    tree = read(head.encode() + body)
    assert names(tree) == [("Renée Łucja Bjørn", "Müller")]
    assert tree.notes == ()
