"""How a child is tied to each parent of a GEDCOM family, from the words the programs write: PEDI
(GEDCOM 7: its PHRASE too), `_FREL`/`_MREL` under the family's CHIL (Family Tree Maker, Ancestry,
RootsMagic) or the child's own FAMC (Gramps), and the standard's adoption event (`1 ADOP` /
`2 FAMC` / `3 ADOP BOTH|HUSB|WIFE`: PAF, Ancestral Quest, GEDCOM 7). Pure: no I/O.

No word at all is birth, GEDCOM's default. A word read as none of the four kinds (Related,
Sealing, Unknown, Private, OTHER, ...) is not taken for birth: that parent is left out, and the
import says so (`Unlinked`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Pedigree = Literal["birth", "adopted", "foster", "step"]
# The family's two slots: `_FREL` is said of every HUSB, `_MREL` of every WIFE (two HUSB or two
# WIFE lines are how programs write a same-sex couple).
RELATION_TAGS = {"HUSB": "_FREL", "WIFE": "_MREL"}


def partner_slots(named: Iterable[tuple[str, str]]) -> tuple[dict[str, str], str | None]:
    """A family's partners from its (pointer, HUSB or WIFE) lines, in order: each with the
    first slot it is named in; and a person named in both slots (a slip in the file), if any."""
    slots: dict[str, str] = {}
    twice = None
    for pointer, tag in named:
        if slots.setdefault(pointer, tag) != tag:
            twice = pointer
    return slots, twice


_KINDS: dict[Pedigree, str] = {
    "birth": "birth natural biological legitimate illegitimate birthchild naturalchild "
             "biologicalchild legitimatechild birthson birthdaughter naturalson naturaldaughter "
             "biologicalson biologicaldaughter birthparent birthfather birthmother naturalparent "
             "naturalfather naturalmother biologicalparent biologicalfather biologicalmother",
    "adopted": "adopted adoptive adoption adoptedchild adoptedson adopteddaughter "
               "adoptiveparent adoptivefather adoptivemother",
    # A guardian or a sponsor is a carer, not a parent: counted as foster care.
    "foster": "foster fostered fosterchild fosterson fosterdaughter fosterparent fosterfather "
              "fostermother guardian guardianship legalguardian sponsored",
    "step": "step stepchild stepson stepdaughter stepparent stepfather stepmother",
}  # fmt: skip
# The same words as programs write them in other languages (their localised editions export
# the words their users see): German, Dutch, French, Spanish, Italian, the Scandinavian ones.
# Read without accents, as the English ones are read without case or spaces.
_KINDS_ELSEWHERE: dict[Pedigree, str] = {
    "birth": "leiblich leiblichesKind ehelich unehelich biologisch natuurlijk biologique naturel "
             "naturelle legitime biologico biologica natural naturale biologisk",
    "adopted": "adoptiert adoptiv adoptivkind adoptivvater adoptivmutter geadopteerd adoptief "
               "adopte adoptee adoptif adoptive adoptado adoptada adoptivo adoptiva adottato "
               "adottata adottivo adoptert adopterad",
    "foster": "pflege pflegekind pflegevater pflegemutter pleeg pleegkind pleegvader "
              "pleegmoeder accueil familledaccueil acogido acogida affidato affidata "
              "fosterbarn fosterforeldre",
    "step": "stief stiefkind stiefvater stiefmutter stiefsohn stieftochter stiefvader "
            "stiefmoeder beaupere bellemere beaufils bellefille padrastro madrastra "
            "hijastro hijastra patrigno matrigna figliastro figliastra stebarn styvbarn "
            "stefar stemor styvfar styvmor",
}  # fmt: skip
# Keyed by the word's letters and digits only, lower case, without accents: "Step-father",
# "step father", "STEPFATHER" and "Step_Father" are one word, and so are "Adopté" and "adopte".
_WORDS: dict[str, Pedigree] = {
    word.lower(): kind
    for table in (_KINDS, _KINDS_ELSEWHERE)
    for kind, words in table.items()
    for word in words.split()
}
# Words programs write for a tie that is none of the four kinds: quoted in the import's notes.
# Any other word may be a user's own text (Gramps lets one type anything), which may name
# someone: it is never quoted, as no note quotes a name.
_NO_KIND = frozenset({
    "related", "relative", "sealed", "sealing", "unknown", "private", "other", "godparent",
    "godchild", "disproved", "challenged", "kinship", "legal", "surrogate", "proven",
})  # fmt: skip
# The endings that name a father or a mother, in the languages above.
_FATHER = ("father", "vater", "vader", "pere", "padrastro", "patrigno", "far")
_MOTHER = ("mother", "mutter", "moeder", "mere", "madrastra", "matrigna", "mor")
_NOT_LETTERS = re.compile(r"[\W_]+")


def _key(word: str) -> str:
    """A word's letters and digits, lower case, without accents."""
    bare = unicodedata.normalize("NFKD", word.lower())
    return _NOT_LETTERS.sub("", "".join(c for c in bare if not unicodedata.combining(c)))


def named_parent(word: str) -> str | None:
    """The slot a word for a whole family's tie names, if it names one: HUSB for a father
    ("Stepfather", "Adoptive father"), WIFE for a mother; None otherwise ("Step", "Adopted")."""
    key = _key(word)
    return "HUSB" if key.endswith(_FATHER) else "WIFE" if key.endswith(_MOTHER) else None


def kind(word: str) -> Pedigree | None:
    """The kind of tie a word says; birth for no word; None for a word read as no kind."""
    key = _key(word)
    return _WORDS.get(key) if key else "birth"


def quoted(word: str) -> str:
    """A program's word as a note says it: quoted, its letters only, when it is one of the words
    programs write (`_NO_KIND`); otherwise not quoted."""
    if _key(word) not in _NO_KIND:
        return "in words of the file's own"
    return "'" + " ".join(w for w in _NOT_LETTERS.split(word) if w) + "'"


# Family Historian says under FAMC how the child is tied to each parent, one `_PEDI` line a
# parent: "Adopted (father)", "Step (mother)".
_FOR_PARENT = re.compile(r"^(.*?)\s*\(\s*(father|mother)\s*\)\s*$", re.IGNORECASE)


def for_parent(value: str) -> tuple[str, str | None]:
    """A `_PEDI` line's word and the slot of the parent it is said of (HUSB for "(father)",
    WIFE for "(mother)"); None for a word said of the family as a whole, as PEDI is."""
    found = _FOR_PARENT.match(value.strip())
    if found is None:
        return value.strip(), None
    return found.group(1), "HUSB" if found.group(2).lower() == "father" else "WIFE"


def adopters(value: str) -> tuple[str, ...]:
    """The slots an adoption event's `ADOP` names: HUSB, WIFE, or both (BOTH, or no value)."""
    said = value.strip().upper()
    return (said,) if said in RELATION_TAGS else tuple(RELATION_TAGS)


@dataclass
class ChildTie:
    """What a child's own record says of its tie to one family it is a child of."""

    pedigree: str = ""  # PEDI's word (GEDCOM 7: its PHRASE, when that is read as a kind)
    words: dict[str, str] = field(default_factory=dict)  # slot -> `_FREL`/`_MREL` under FAMC
    adopted_by: set[str] = field(default_factory=set)  # slots an ADOP event names
    linked: bool = True  # False: named by an adoption event only, not by FAMC
    # FAMC's STAT, in lower case: "disproven" (a father ruled out by DNA: the tie is not
    # imported), "challenged" (imported, and said), "proven" or "".
    status: str = ""


class Unlinked(NamedTuple):
    parent: str
    word: str  # as written
    in_family: bool  # said in the family's record (CHIL), not the child's (FAMC)


@dataclass(frozen=True)
class Ties:
    pedigree: Pedigree | None  # the family as a whole (PEDI); None: a word read as no kind
    by_parent: tuple[tuple[str, Pedigree], ...]  # each parent something is said of alone
    unlinked: tuple[Unlinked, ...]  # parents a word read as no kind leaves out


def ties(
    partners: Iterable[str],
    slots: Mapping[str, str],
    child: ChildTie | None,
    family_words: Mapping[str, str],
    family_pedigree: str = "",
) -> Ties:
    """How a child is tied to each partner of a family. What is said of one parent alone wins
    over PEDI, said of the family as a whole: first the family's own `_FREL`/`_MREL` under CHIL
    (where the standard keeps a family's children), then the child's under FAMC, then an
    adoption event. `slots`: each partner's HUSB or WIFE (none: a partner linked by FAMS only);
    `family_words`: slot -> `_FREL`/`_MREL` under the family's CHIL; `family_pedigree`: PEDI
    under the family's CHIL, read where the child's FAMC gives none."""
    child = child or ChildTie()
    pedigree = child.pedigree if child.pedigree.strip() else family_pedigree
    in_family = pedigree is family_pedigree and bool(family_pedigree.strip())
    whole = kind(pedigree)
    # A word for the family that names one parent ("Step-father") says nothing of the other,
    # who is then, as GEDCOM has it where nothing is said, a birth parent.
    named = named_parent(pedigree) if whole is not None else None
    by_parent: list[tuple[str, Pedigree]] = []
    unlinked: list[Unlinked] = []
    for parent in partners:
        slot = slots.get(parent, "")
        said = [(family_words.get(slot, ""), True), (child.words.get(slot, ""), False),
                ("adopted" if slot in child.adopted_by else "", False)]  # fmt: skip
        alone = next(((w, f) for w, f in said if w.strip()), None)
        if alone is None:  # nothing said of this parent alone: the family's PEDI
            if whole is None:
                unlinked.append(Unlinked(parent, pedigree, in_family))
            elif named is not None and slot in RELATION_TAGS and slot != named:
                by_parent.append((parent, "birth"))
            continue
        found = kind(alone[0])
        if found is None:
            unlinked.append(Unlinked(parent, *alone))
        else:
            by_parent.append((parent, found))
    return Ties(whole, tuple(sorted(by_parent)), tuple(unlinked))


def note(child: str, line: int, family: str, unlinked: Unlinked) -> str:
    """What the import says of a parent left out: xrefs, the line and the program's word."""
    return (
        f"{child} (line {line}): the tie to {unlinked.parent} in {family} is written "
        f"{quoted(unlinked.word)}, which is not read as birth, adoption, foster care or a "
        "step-parent; not imported as a parent: add it by hand if it is one"
    )


def adoption(famc: dict[str, ChildTie], family: str, value: str) -> None:
    """An adoption event's FAMC and its ADOP (`value`) on the tie to that family. The event
    says how a link is made, it makes none: a family the person is not otherwise a child of
    is kept aside (`linked` False)."""
    famc.setdefault(family, ChildTie(linked=False)).adopted_by.update(adopters(value))


def adoption_in_other_words(tag: str, value: str, kind: str) -> bool:
    """Whether a line of a person's record says they were adopted other than by the standard's
    ADOP event: a general event of TYPE Adoption, or Heredis's and Geneanet's filiation
    (`_FIL ADOPTED_CHILD`). Neither says which family adopted them (a second reader: both
    came in as birth, without a word)."""
    if tag == "EVEN":  # of this person: not "Adoption of child", said of a parent
        said = kind.lower()
        return "adopt" in said and re.search(r"\b(?:of|child|son|daughter)\b", said) is None
    return tag == "_FIL" and "adopt" in value.lower()
