"""GEDCOM 5.5.1 out: a family tree (`service.gedcom_model`) written as a file other programs
read, each child's tie to each parent as `_FREL`/`_MREL` (Natural, Adopted, Foster, Step), a
date as the file it came from wrote it where that is kept, in the standard's words
(`gedcom_dates.standard`). Pure: no I/O. Messages name xrefs
and fields, never a name or a date."""

from __future__ import annotations

import re
from datetime import date

from service.gedcom_dates import WrittenDate, standard
from service.gedcom_model import (
    KINDS_OF_OUR_OWN,
    NO_PARTNERSHIP,
    OWN_ID_TYPE,
    PARTNERSHIP_ENDED,
    PARTNERSHIP_KIND,
    GedcomError,
    GedcomTree,
    Pedigree,
    Sex,
)

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# An xref as GEDCOM writes it (`service.gedcom_checks` quotes no link that is not one).
XREF = re.compile(r"@[A-Za-z0-9_][^@\s]*@")


def _escape(value: str) -> str:
    """One line of text: whitespace collapsed, a leading '@' doubled as the standard asks."""
    text = " ".join(value.split())
    return "@" + text if text.startswith("@") else text


def _gedcom_date(iso: str, whose: str) -> str:
    found = _ISO.fullmatch(iso)
    try:
        if found is None:
            raise ValueError(iso)
        year, month, day = found.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise GedcomError(
            f"{whose}: a date is not of the form YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    parts = [str(int(day)) if day else "", _MONTHS[int(month) - 1] if month else "", str(int(year))]
    return " ".join(p for p in parts if p)


def _date_words(written: WrittenDate | None, iso: str | None, whose: str) -> str:
    """A date as the file it came from wrote it, in the standard's words, or else from the
    service's partial ISO."""
    if written is not None:
        return standard(written.written)
    assert iso is not None
    return _gedcom_date(iso, whose)


def write_gedcom(tree: GedcomTree, *, source: str = "Lifelong Links") -> str:
    """The tree as GEDCOM 5.5.1 (UTF-8, LF line ends); encode the text as UTF-8 to save it."""
    sexes = {p.xref: p.sex for p in tree.people}
    seen: set[str] = set()
    for xref in [*(p.xref for p in tree.people), *(f.xref for f in tree.families)]:
        if not XREF.fullmatch(xref) or xref in seen:
            raise GedcomError(f"xref {xref!r} is repeated or not of the form @ID@")
        seen.add(xref)
    famc: dict[str, list[tuple[str, Pedigree]]] = {}
    fams: dict[str, list[str]] = {}
    for fam in tree.families:
        for xref in [*fam.partners, *(c.xref for c in fam.children)]:
            if xref not in sexes:
                raise GedcomError(f"family {fam.xref} links to missing {xref}")
        if len(fam.partners) > 2:
            raise GedcomError(f"family {fam.xref} has more than two partners")
        for partner in fam.partners:
            fams.setdefault(partner, []).append(fam.xref)
        for child in fam.children:
            famc.setdefault(child.xref, []).append((fam.xref, child.pedigree))
    system = re.sub(r"[^A-Za-z0-9_-]", "", source)[:20] or "UNKNOWN"
    submitter = next(f"@SUBM{n}@" for n in range(1, len(seen) + 2) if f"@SUBM{n}@" not in seen)
    out = ["0 HEAD", f"1 SOUR {system}", f"2 NAME {_escape(source)}", f"1 SUBM {submitter}"]
    out += ["1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]
    out += [f"0 {submitter} SUBM", f"1 NAME {_escape(source) or 'Unknown'}"]
    for p in tree.people:
        out.append(f"0 {p.xref} INDI")
        given = _escape(p.given_name.replace("/", " "))
        family = " ".join(p.family_name.replace("/", " ").split())
        # A married name or an alias is a name of its own, of its TYPE (a second reader: a
        # married name written as a nickname); the name comes first, read as the birth name.
        other = p.known_as if p.known_as_kind in _OTHER_NAMES and (given or family) else None
        if given or family or p.known_as:
            # A nickname is a part of a name: someone known only by one has an empty name.
            out.append(f"1 NAME {given} /{family}/" if given else f"1 NAME /{family}/")
            if p.known_as and other is None:
                out.append(f"2 NICK {_escape(p.known_as)}")
        if other is not None:
            their_given, surname = _split_name(_escape(other.replace("/", " ")), given)
            out += [f"1 NAME {their_given} /{surname}/", f"2 TYPE {p.known_as_kind}"]
        out.append(f"1 SEX {p.sex[0].upper() if p.sex in ('male', 'female') else 'U'}")
        if p.own_id is not None:
            # The person's id here, in a reference number the programs keep: the file
            # imported back into the case matches them by it.
            out += [f"1 REFN {_escape(p.own_id)}", f"2 TYPE {OWN_ID_TYPE}"]
        if p.birth_written is not None or p.birth_date is not None:
            out += ["1 BIRT", f"2 DATE {_date_words(p.birth_written, p.birth_date, p.xref)}"]
        if p.death_written is not None or p.death_date is not None:
            out += ["1 DEAT", f"2 DATE {_date_words(p.death_written, p.death_date, p.xref)}"]
        elif p.deceased:
            out.append("1 DEAT Y")
        for fam_xref, pedigree in famc.get(p.xref, []):
            out.append(f"1 FAMC {fam_xref}")
            if pedigree in ("adopted", "foster"):  # step is said per parent, under CHIL
                out.append(f"2 PEDI {pedigree}")
        out += [f"1 FAMS {fam_xref}" for fam_xref in fams.get(p.xref, [])]
    for fam in tree.families:
        out.append(f"0 {fam.xref} FAM")
        out += _partner_lines(fam.partners, sexes)
        dated = fam.marriage_written is not None or fam.marriage_date is not None
        words = _date_words(fam.marriage_written, fam.marriage_date, fam.xref) if dated else ""
        if fam.married and dated:
            out += ["1 MARR", f"2 DATE {words}"]
        elif fam.married:
            out.append("1 MARR Y")
        if fam.kind in KINDS_OF_OUR_OWN:
            # Other programs read a couple; this service reads the kind back, and the date the
            # partnership began when no marriage gives it.
            out.append(f"1 {PARTNERSHIP_KIND} {fam.kind}")
            if dated and not fam.married:
                out.append(f"2 DATE {words}")
        if fam.until is not None:
            # A divorce's date, or when another partnership ended, in a tag of this service's own
            # that other programs leave alone (`PARTNERSHIP_ENDED`).
            ended = "DIV" if fam.divorced else PARTNERSHIP_ENDED
            out += [f"1 {ended}", f"2 DATE {_gedcom_date(fam.until, fam.xref)}"]
        elif fam.divorced:
            out.append("1 DIV Y")
        if not fam.partnership and len(fam.partners) == 2:
            out.append(f"1 {NO_PARTNERSHIP} Y")
        slots = dict(zip(fam.partners, _partner_lines(fam.partners, sexes), strict=True))
        for child in fam.children:
            out.append(f"1 CHIL {child.xref}")
            said = {parent: _RELATION_WORDS[kind] for parent, kind in child.by_parent}
            if child.pedigree == "step":  # 5.5.1's PEDI has no step: said of each parent
                said |= {parent: "Step" for parent in fam.partners if parent not in said}
            said.update(dict.fromkeys(child.unlinked, "Unknown"))  # read back as no kind
            for parent, word in sorted(said.items()):
                tag = "_FREL" if slots.get(parent, "").endswith(f"HUSB {parent}") else "_MREL"
                out.append(f"2 {tag} {word}")
    out.append("0 TRLR")
    return "\n".join(out) + "\n"


# The kinds of name known by written as a NAME of that TYPE rather than a nickname.
_OTHER_NAMES = ("married", "aka")


def _split_name(whole: str, given: str) -> tuple[str, str]:
    """A name stored whole (`Mary Brown`) as given names and surname: the words after the
    person's own given names when it begins with them, else its last word."""
    if given and whole.startswith(f"{given} "):
        return given, whole[len(given) + 1 :]
    words = whole.split()
    return " ".join(words[:-1]), words[-1] if words else ""


# How `_FREL`/`_MREL` say each tie (Family Tree Maker's words).
_RELATION_WORDS = {"birth": "Natural", "adopted": "Adopted", "foster": "Foster", "step": "Step"}


def _partner_lines(partners: tuple[str, ...], sexes: dict[str, Sex]) -> list[str]:
    """HUSB for a man, WIFE for a woman, anyone else in the free slot; order kept."""
    slots: dict[str, str] = {}
    for xref in partners:  # men and women first, so unknown sex cannot take their slot
        wanted = {"male": "HUSB", "female": "WIFE"}.get(sexes[xref])
        if wanted and wanted not in slots.values():
            slots[xref] = wanted
    for xref in partners:
        if xref not in slots:
            slots[xref] = "WIFE" if "HUSB" in slots.values() else "HUSB"
    return [f"1 {slots[xref]} {xref}" for xref in partners]
