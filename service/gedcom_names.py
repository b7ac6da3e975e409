"""How a person's names are read from a GEDCOM file, whichever version it is in: the same rules
for 5.5.1 (`service.gedcom`) and 7 (`service.gedcom_v7`), so that one person reads the same in
both (a second reader: GEDCOM 7 kept a quoted nickname among the given names and mangled a
name with a slash of its own). Pure: no I/O."""

from __future__ import annotations

import re

# The name someone is known by, under a NAME: the standard's nickname, and Family Historian's
# "used name" (the one of several given names a person goes by).
KNOWN_AS = ("NICK", "_USED")
# A nickname in quotes among the given names, as a word of its own: `John "Jack"`.
_QUOTED = re.compile('(?:^|(?<=\\s))["\u201c]([^"\u201c\u201d]+)["\u201d](?=\\s|$)')
# Which of a person's names is theirs from birth, first to last (min keeps the first of each).
_NAME_ORDER = {"birth": 0, "maiden": 1, "": 2}
_PAIR_AT_END = re.compile(r"/([^/]+)/\s*$")


def name_order(kind: str | None) -> int:
    """A NAME's TYPE in birth-name order: birth, maiden, none, any other; "Birth Name" and
    "maiden name" as programs write them."""
    said = "".join((kind or "").lower().split())
    return _NAME_ORDER.get(said.removesuffix("name") if said != "name" else said, 3)


def married_name(given: str, marnm: str, names: list[tuple[str | None, str]]) -> str | None:
    """The name someone took in marriage, whole: the surname under their birth name in
    MyHeritage's `_MARNM` with their given names, else the last of their other names (TYPE,
    words) whose TYPE says married (Gramps, GEDCOM 7's `MARRIED`), its slashes taken out. A
    second reader: both were dropped without a word, and a woman known by her married name was
    not found by it."""
    if marnm.replace("/", " ").strip():
        return " ".join(f"{given} {marnm.replace('/', ' ')}".split())
    # The last married name: programs list a person's names as they were added, so a second
    # marriage's name comes after the first's.
    for kind, words in reversed(names):
        if "".join((kind or "").lower().split()).removesuffix("name") == "married":
            # A married name of a surname alone (`/Jones/`) is the person's given names with it.
            own = words.split("/", 1)[0].strip() if "/" in words else words.strip()
            whole = " ".join(words.replace("/", " ").split())
            if whole:
                return whole if own else " ".join(f"{given} {whole}".split())
    return None


# A NAME's TYPE for another name the person goes by: the standard's `aka` (GEDCOM 7's `AKA`),
# as programs spell it.
_ALSO = ("aka", "alsoknownas", "alias", "othername")


def other_name(
    given: str, marnm: str, names: list[tuple[str | None, str]], aliases: list[str]
) -> tuple[str, str] | None:
    """The name someone goes by other than their birth name, and what it is: their married
    name (`married_name`), else the last of their names whose TYPE says "also known as"
    (Gramps, GEDCOM 7's `AKA`), else the last `ALIA` written as a name rather than a pointer
    (Family Tree Maker). A second reader: the last two were dropped without a word."""
    married = married_name(given, marnm, names)
    if married is not None:
        return married, "married name"
    also = [words for kind, words in names if "".join((kind or "").lower().split()) in _ALSO]
    also += [a for a in aliases if not (a.startswith("@") and a.endswith("@"))]
    for words in reversed(also):
        own = words.split("/", 1)[0].strip() if "/" in words else words.strip()
        whole = " ".join(words.replace("/", " ").split())
        if whole:
            return (whole if own else " ".join(f"{given} {whole}".split())), "alias"
    return None


def quoted_nickname(given: str) -> tuple[str, str | None]:
    """The given names without a nickname written in quotes among them (Family Tree Maker and
    Ancestry write `John "Jack"`), and that nickname."""
    quoted = _QUOTED.search(given)
    if quoted is None:
        return given, None
    rest = " ".join(f"{given[: quoted.start()]} {given[quoted.end() :]}".split())
    return rest, " ".join(quoted[1].split())


def last_surname(whole: str) -> tuple[str, str]:
    """Given names (with any suffix) and surname of a NAME with more than one pair of slashes:
    the surname is the last pair's, and another surname in slashes of its own just before it
    (`Mary /Smith/ /Jones/`, Spanish names) is part of it, in order; a slash inside a word
    (`George (10th/11th Earl of) /Dunbar/`) stays in the name."""
    head, _, tail = whole.rpartition("/")
    before, _, family = head.rpartition("/")
    while (pair := _PAIR_AT_END.search(before)) is not None:
        family, before = f"{pair[1].strip()} {family}", before[: pair.start()]
    return " ".join(f"{before} {tail}".split()), " ".join(family.split())


def with_prefix(given: str, family: str, prefix: str, surname: str) -> tuple[str, str]:
    """Given names and surname with the surname's prefix (`SPFX van den` with `SURN Berg`),
    where the surname the name gives is the file's SURN alone: a second reader found "van den
    Berg" as "Berg". A prefix the name wrote among the given names ("Jan van den /Berg/") moves
    to the surname (a third reader: "Jan van den van den Berg"); one ending in an apostrophe
    (`d'`, `O'`) is joined without a space."""
    prefix = " ".join(prefix.split())
    surname = " ".join(surname.split())
    joined = "" if prefix.endswith(("'", "\u2019")) else " "
    if (not prefix or not family or (surname and family.lower() != surname.lower())
            or family.lower().startswith((prefix + joined).lower())):  # fmt: skip
        return given, family
    words, said = given.split(), prefix.split()
    if len(words) > len(said) and [w.lower() for w in words[-len(said) :]] == [
        w.lower() for w in said
    ]:
        given = " ".join(words[: -len(said)])
    return given, f"{prefix}{joined}{family}"
