"""The demo case as pure data: Kai, a boy in care, and the family his coordinator finds.

Invented people, modelled on the "Tom" of the published Lifelong Links story. Kai Brennan
(14) came into care in October 2024; his father Craig died in 2018, when Kai was six, and his
mother Donna a few months after he came into care. He phones his maternal grandmother Margaret
now and then, and his maternal uncle Darren got in touch asking to see him. Searching both sides
finds more than 80 living relatives over four generations.

How the family hangs together (the branches are built in `_build` below, in this order):

- Parents. Donna (maternal grandfather unknown: a gap) and Craig were together 2010-2016.
  Donna's later partner Gary is Kai's step-father; their daughter Lily is Kai's maternal
  half-sister; Gary's son Connor from his marriage to Tracey is Kai's step-brother. Craig's son
  Jordan, from before Donna, is Kai's paternal half-brother; Jordan's baby Alfie is a half-nephew.
- Maternal. Margaret's children: Darren and Sharon (father unknown, like Donna's, so full uncle
  and aunt) and Kirsty (father Gordon Reid: a half-aunt, her children half first cousins).
  Sharon and her civil partner Nadia adopted Tyler (an adoptive cousin). Margaret's parents Jean
  and Ronald, their other children Pauline, Alan and Susan (great-aunts and uncle) and their
  lines; Jean's parents Walter and Ada and Jean's sister Edna's line; Ronald's brother Harold,
  known only by a sibling tie, and his line (great-great-uncle, third cousins).
- Paternal. Patrick and Eileen's children Sean and Nicola and their lines. Patrick's father
  Thomas (Patrick's mother unknown: a gap) and his other children Kathleen, Brian and Maureen
  and their lines. Eileen's parents are not recorded (two gaps); her sister Bridget and her
  sibling Chris (sex not known) are known only by sibling ties.
- Both sides. Pauline (Margaret's sister) married Brian (Patrick's brother): that is how Donna
  and Craig met. Their children and grandchildren are Kai's first cousins once removed and second
  cousins through his mother AND his father, at the same distance: side "both".
- Both sides at different distances. Kai's maternal first cousin Chelsea lives with Callum, a
  paternal second cousin; their daughter Isabella is a maternal first cousin once removed
  (Ga=2, Gb=3) and a paternal second cousin once removed (Ga=3, Gb=4): the closer one names her.

Every relative's expected kinship term is recorded as the branch is built (`EXPECTED`), from
the generations the builder knows, never by searching the finished graph: it is an oracle for
the graph queries. Precedence when a person is related in several ways: birth first, then
adoptive, then step, then by marriage (Pauline is a maternal great-aunt by birth and would be a
paternal great-aunt by marriage; she is the first). A partner whose partnership has no `until`
stays "current" after the other's death (Gary and Donna), unless separated or divorced.

"Today" is 2026-11-22: no date in the case is later. Dates are partial ISO strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

TODAY: Final = "2026-11-22"
YOUNG_PERSON_ID: Final = "demo-kai"

FEMALE: Final = "female"
MALE: Final = "male"
UNKNOWN: Final = "unknown"

MATERNAL: Final = "maternal"
PATERNAL: Final = "paternal"
BOTH: Final = "both"

MAX_GENERATIONS: Final = 4

_ORDINALS: Final = {1: "first", 2: "second", 3: "third"}
_REMOVED: Final = {1: "once removed", 2: "twice removed", 3: "three times removed"}


def _word(sex: str, female: str, male: str, neutral: str) -> str:
    return {FEMALE: female, MALE: male}.get(sex, neutral)


def _birth_term(ga: int, gb: int, sex: str, *, half: bool, side: str) -> str:
    """The British name of a birth relative Ga/Gb generations from the closest common ancestor."""
    if not (0 <= ga <= MAX_GENERATIONS and 0 <= gb <= MAX_GENERATIONS) or ga == gb == 0:
        raise ValueError(f"no relative at Ga={ga}, Gb={gb}")
    cousin = False
    if gb == 0:
        greats = "great-" * (ga - 2)
        grand = "grand" if ga >= 2 else ""
        base = greats + grand + _word(sex, "mother", "father", "parent")
    elif ga == 0:
        greats = "great-" * (gb - 2)
        grand = "grand" if gb >= 2 else ""
        base = greats + grand + _word(sex, "daughter", "son", "child")
    elif ga == gb == 1:
        base = _word(sex, "sister", "brother", "sibling")
    elif ga == 1:
        g = "great-" * (gb - 2)
        base = _word(sex, f"{g}niece", f"{g}nephew", f"{g}niece or {g}nephew")
    elif gb == 1:
        g = "great-" * (ga - 2)
        base = _word(sex, f"{g}aunt", f"{g}uncle", f"{g}aunt or {g}uncle")
    else:
        cousin = True
        base = f"{_ORDINALS[min(ga, gb) - 1]} cousin"
        if ga != gb:
            base += f" {_REMOVED[abs(ga - gb)]}"
    if half:
        if gb == 0 or ga == 0:
            raise ValueError("ancestors and descendants are never half")
        base = ("half " if cousin else "half-") + base
    parent = ga == 1 and gb == 0
    full_sibling = ga == gb == 1 and not half
    if side == BOTH or parent or ga == 0 or full_sibling:
        return base
    return f"{side} {base}"


@dataclass(frozen=True)
class _Kid:
    """A birth child in a branch: who they are, and their own children."""

    id: str
    given: str
    family: str
    sex: str
    born: str | None
    kids: tuple[_Kid, ...] = ()
    died: str | None = None
    co_parent: str | None = None
    known_as: str | None = None
    notes: str | None = None


def kid(
    pid: str,
    given: str,
    family: str,
    sex: str,
    born: str | None,
    *kids: _Kid,
    died: str | None = None,
    co_parent: str | None = None,
    known_as: str | None = None,
    notes: str | None = None,
) -> _Kid:
    return _Kid(pid, given, family, sex, born, kids, died, co_parent, known_as, notes)


class _Builder:
    def __init__(self) -> None:
        self.people: list[dict[str, object]] = []
        self.parentage: list[dict[str, object]] = []
        self.partnerships: list[dict[str, object]] = []
        self.sibling_ties: list[dict[str, object]] = []
        self.ties: list[dict[str, object]] = []
        self.expected: dict[str, tuple[str, str]] = {}
        self.sex: dict[str, str] = {}

    def person(
        self,
        pid: str,
        given: str,
        family: str,
        sex: str,
        born: str | None,
        *,
        died: str | None = None,
        known_as: str | None = None,
        notes: str | None = None,
    ) -> str:
        self.people.append(
            {
                "id": pid,
                "given_name": given,
                "family_name": family,
                "known_as": known_as,
                "sex": sex,
                "birth_date": born,
                "death_date": died,
                "living": died is None,
                "notes": notes,
            }
        )
        self.sex[pid] = sex
        return pid

    def parent(self, parent: str, child: str, kind: str = "birth") -> None:
        self.parentage.append({"parent": parent, "child": child, "kind": kind})

    def partners(
        self, a: str, b: str, kind: str, start: str | None, until: str | None = None
    ) -> None:
        self.partnerships.append({"a": a, "b": b, "kind": kind, "from": start, "until": until})

    def sibling_tie(self, a: str, b: str, *, half: bool = False) -> None:
        self.sibling_ties.append({"a": a, "b": b, "half": half})

    def tie(
        self,
        adult: str,
        role: str,
        start: str | None,
        until: str | None,
        strength: str,
        *,
        stressful: bool = False,
        notes: str | None = None,
    ) -> None:
        self.ties.append(
            {
                "adult": adult,
                "person": YOUNG_PERSON_ID,
                "role": role,
                "from": start,
                "until": until,
                "strength": strength,
                "stressful": stressful,
                "notes": notes,
            }
        )

    def expect(self, pid: str, term: str, side: str) -> None:
        if pid in self.expected:
            raise ValueError(f"{pid} is already named {self.expected[pid]}")
        self.expected[pid] = (term, side)

    def birth_relative(self, pid: str, ga: int, gb: int, side: str, *, half: bool = False) -> None:
        self.expect(pid, _birth_term(ga, gb, self.sex[pid], half=half, side=side), side)

    def ancestor(self, k: _Kid, *, child: str, ga: int, side: str) -> str:
        """A birth ancestor of the young person, `ga` generations up, and their link down."""
        self.person(k.id, k.given, k.family, k.sex, k.born, died=k.died, known_as=k.known_as,
                    notes=k.notes)  # fmt: skip
        self.parent(k.id, child)
        self.birth_relative(k.id, ga, 0, side)
        return k.id

    def descend(
        self,
        parents: tuple[str, ...],
        kids: tuple[_Kid, ...],
        *,
        ga: int,
        gb: int,
        side: str,
        half: bool = False,
        tie_with: str | None = None,
    ) -> None:
        """Add `kids` below `parents` (who sit Gb=`gb` below the common ancestor, Ga=`ga` above
        the young person), naming each kid at Gb+1, then their own kids, all the way down.

        With `tie_with` the kids have no recorded parents: each is a sibling of `tie_with`
        (who is at Gb=1 below an unrecorded common parent), so they too sit at Gb=1.
        """
        for k in kids:
            self.person(k.id, k.given, k.family, k.sex, k.born, died=k.died,
                        known_as=k.known_as, notes=k.notes)  # fmt: skip
            if tie_with is not None:
                self.sibling_tie(tie_with, k.id, half=half)
            for p in parents + ((k.co_parent,) if k.co_parent else ()):
                self.parent(p, k.id)
            self.birth_relative(k.id, ga, gb + 1, side, half=half)
            self.descend((k.id,), k.kids, ga=ga, gb=gb + 1, side=side, half=half)


def _build() -> _Builder:
    b = _Builder()
    kai = b.person(YOUNG_PERSON_ID, "Kai", "Brennan", MALE, "2012-05-14",
                   notes="In care since October 2024 on a full care order.")  # fmt: skip

    # --- Parents, step-family and half-siblings -------------------------------------------
    donna = b.ancestor(
        kid("demo-donna", "Donna", "Brennan", FEMALE, "1988-02-03", died="2025-01-19",
            notes="Kai's mother. Died a few months after Kai came into care."),
        child=kai, ga=1, side=MATERNAL,
    )  # fmt: skip
    craig = b.ancestor(
        kid("demo-craig", "Craig", "Walsh", MALE, "1983", died="2018-09-30",
            notes="Kai's father. Died when Kai was six."),
        child=kai, ga=1, side=PATERNAL,
    )  # fmt: skip
    b.partners(donna, craig, "separated", "2010", "2016")

    gary = b.person("demo-gary", "Gary", "Fletcher", MALE, "1984-07",
                    notes="Donna's partner from 2019; Lily's father.")  # fmt: skip
    b.partners(donna, gary, "cohabiting", "2019-03")
    b.parent(gary, kai, "step")
    b.expect(gary, "step-father", MATERNAL)
    tracey = b.person("demo-tracey", "Tracey", "Fletcher", FEMALE, "1985")
    b.partners(gary, tracey, "divorced", "2006-08-12", "2015")
    connor = b.person("demo-connor", "Connor", "Fletcher", MALE, "2007-03")
    b.parent(gary, connor)
    b.parent(tracey, connor)
    b.expect(connor, "step-brother", MATERNAL)
    # Lily shares Donna only, and has a known father: maternal half-sister.
    b.descend((donna, gary), (
        kid("demo-lily", "Lily", "Fletcher", FEMALE, "2020-08-11",
            notes="Lives with her father Gary."),
    ), ga=1, gb=0, side=MATERNAL, half=True)  # fmt: skip

    jade = b.person("demo-jade", "Jade", "Marsh", FEMALE, "1984")
    b.partners(craig, jade, "separated", "2001", "2005")
    b.descend((craig, jade), (
        kid("demo-jordan", "Jordan", "Walsh", MALE, "2003-06-02",
            kid("demo-alfie", "Alfie", "Walsh", MALE, "2024-12")),
    ), ga=1, gb=0, side=PATERNAL, half=True)  # fmt: skip

    # --- Maternal grandmother and her children (maternal grandfather unknown) -------------
    margaret = b.ancestor(
        kid("demo-margaret", "Margaret", "Brennan", FEMALE, "1962-07-21", known_as="Maggie",
            notes="Kai phones her now and then."),
        child=donna, ga=2, side=MATERNAL,
    )  # fmt: skip
    lisa = b.person("demo-lisa", "Lisa", "Brennan", FEMALE, "1986")
    nadia = b.person("demo-nadia", "Nadia", "Hussain", FEMALE, "1988-10")
    b.descend((margaret,), (
        kid("demo-darren", "Darren", "Brennan", MALE, "1985-11-02",
            kid("demo-chelsea", "Chelsea", "Brennan", FEMALE, "2005-02-14", co_parent=lisa),
            kid("demo-mason", "Mason", "Brennan", MALE, "2009", co_parent=lisa),
            kid("demo-ruby", "Ruby", "Brennan", FEMALE, "2014-03", co_parent=lisa),
            notes="Contacted children's services in 2025 asking to see Kai."),
        kid("demo-sharon", "Sharon", "Brennan", FEMALE, "1990-09"),
    ), ga=2, gb=0, side=MATERNAL)  # fmt: skip
    b.partners("demo-darren", lisa, "married", "2007-06-16")
    b.expect(lisa, "maternal aunt by marriage", MATERNAL)
    b.partners("demo-sharon", nadia, "civil_partnership", "2017-05-20")
    b.expect(nadia, "maternal aunt by marriage", MATERNAL)
    tyler = b.person("demo-tyler", "Tyler", "Brennan-Hussain", MALE, "2016-01",
                     notes="Adopted by Sharon and Nadia in 2019.")  # fmt: skip
    b.parent("demo-sharon", tyler, "adoptive")
    b.parent(nadia, tyler, "adoptive")
    b.expect(tyler, "maternal adoptive first cousin", MATERNAL)

    gordon = b.person("demo-gordon", "Gordon", "Reid", MALE, "1960")
    b.partners(margaret, gordon, "divorced", "1991-04-06", "2003")
    # Kirsty shares Margaret only and has a known father: a half-aunt; her children are half
    # first cousins (the common ancestor is Margaret alone).
    b.descend((margaret, gordon), (
        kid("demo-kirsty", "Kirsty", "Reid", FEMALE, "1993-04",
            kid("demo-harvey", "Harvey", "Reid", MALE, "2013"),
            kid("demo-isla", "Isla", "Reid", FEMALE, "2016-09")),
    ), ga=2, gb=0, side=MATERNAL, half=True)  # fmt: skip

    # --- Maternal great-grandparents Jean and Ronald, and their other children -------------
    jean = b.ancestor(
        kid("demo-jean", "Jean", "Brennan", FEMALE, "1938-11-30", known_as="Nana Jean",
            notes="Born Jean Hartley."),
        child=margaret, ga=3, side=MATERNAL,
    )  # fmt: skip
    ronald = b.ancestor(
        kid("demo-ronald", "Ronald", "Brennan", MALE, "1935", died="2009-02"),
        child=margaret, ga=3, side=MATERNAL,
    )  # fmt: skip
    b.partners(ronald, jean, "married", "1958")
    hayley = b.person("demo-hayley", "Hayley", "Brennan", FEMALE, "1991")
    b.descend((ronald, jean), (
        kid("demo-pauline", "Pauline", "Walsh", FEMALE, "1960-03", notes="Born Pauline Brennan."),
        kid("demo-alan", "Alan", "Brennan", MALE, "1965",
            kid("demo-jamie", "Jamie", "Brennan", MALE, "1990-05-12",
                kid("demo-leo", "Leo", "Brennan", MALE, "2015-02", co_parent=hayley)),
            kid("demo-stacey", "Stacey", "Brennan", FEMALE, "1993",
                kid("demo-amber", "Amber", "Brennan", FEMALE, "2016"),
                kid("demo-archie", "Archie", "Brennan", MALE, "2019-10"))),
        kid("demo-susan", "Susan", "Brennan", FEMALE, "1968-08",
            kid("demo-rebecca", "Rebecca", "Brennan", FEMALE, "1992",
                kid("demo-poppy", "Poppy", "Brennan", FEMALE, "2018-06")),
            kid("demo-daniel", "Daniel", "Brennan", MALE, "1995")),
    ), ga=3, gb=0, side=MATERNAL)  # fmt: skip
    b.partners("demo-jamie", hayley, "married", "2014-08-09")
    b.expect(hayley, "maternal first cousin once removed by marriage", MATERNAL)

    # --- Maternal great-great-grandparents Walter and Ada (Jean's parents) -----------------
    walter = b.ancestor(
        kid("demo-walter", "Walter", "Hartley", MALE, "1909", died="1975"),
        child=jean, ga=4, side=MATERNAL,
    )  # fmt: skip
    ada = b.ancestor(
        kid("demo-ada", "Ada", "Hartley", FEMALE, "1912", died="1990-12"),
        child=jean, ga=4, side=MATERNAL,
    )  # fmt: skip
    b.partners(walter, ada, "married", "1936")
    b.descend((walter, ada), (
        kid("demo-edna", "Edna", "Pickering", FEMALE, "1941",
            kid("demo-carol", "Carol", "Pickering", FEMALE, "1963",
                kid("demo-gemma", "Gemma", "Pickering", FEMALE, "1988",
                    kid("demo-mia", "Mia", "Pickering", FEMALE, "2012"),
                    kid("demo-jack", "Jack", "Pickering", MALE, "2015"))),
            kid("demo-stephen", "Stephen", "Pickering", MALE, "1966",
                kid("demo-luke", "Luke", "Pickering", MALE, "1992",
                    kid("demo-evie", "Evie", "Pickering", FEMALE, "2020")),
                kid("demo-zoe", "Zoe", "Pickering", FEMALE, "1995"),
                died="2020-11"),
            died="2019-04", notes="Born Edna Hartley, Jean's sister."),
    ), ga=4, gb=0, side=MATERNAL)  # fmt: skip

    # --- Ronald's brother Harold: their parents are not recorded, a sibling tie links them ---
    b.descend((), (
        kid("demo-harold", "Harold", "Brennan", MALE, "1932",
            kid("demo-graham", "Graham", "Brennan", MALE, "1958",
                kid("demo-adam", "Adam", "Brennan", MALE, "1985",
                    kid("demo-oliver", "Oliver", "Brennan", MALE, "2014"),
                    kid("demo-george", "George", "Brennan", MALE, "2017")),
                kid("demo-laura", "Laura", "Brennan", FEMALE, "1988",
                    kid("demo-sophie", "Sophie", "Brennan", FEMALE, "2016"))),
            kid("demo-linda", "Linda", "Brennan", FEMALE, "1961",
                kid("demo-natalie", "Natalie", "Brennan", FEMALE, "1990",
                    kid("demo-lola", "Lola", "Brennan", FEMALE, "2021"))),
            died="2012", notes="Ronald's older brother; their parents are not yet known."),
    ), ga=4, gb=0, side=MATERNAL, tie_with=ronald)  # fmt: skip

    # --- Paternal grandparents Patrick and Eileen, and their other children ----------------
    patrick = b.ancestor(kid("demo-patrick", "Patrick", "Walsh", MALE, "1956"),
                         child=craig, ga=2, side=PATERNAL)  # fmt: skip
    eileen = b.ancestor(
        kid("demo-eileen", "Eileen", "Walsh", FEMALE, "1958-03-08", notes="Born Eileen Doyle."),
        child=craig, ga=2, side=PATERNAL,
    )  # fmt: skip
    b.partners(patrick, eileen, "married", "1979-06-02")
    mark = b.person("demo-mark", "Mark", "Dixon", MALE, "1985")
    b.descend((patrick, eileen), (
        kid("demo-sean", "Sean", "Walsh", MALE, "1980-10-12",
            kid("demo-liam", "Liam", "Walsh", MALE, "2005",
                kid("demo-noah", "Noah", "Walsh", MALE, "2025-06")),
            kid("demo-megan", "Megan", "Walsh", FEMALE, "2008"),
            kid("demo-ethan", "Ethan", "Walsh", MALE, "2013-01")),
        kid("demo-nicola", "Nicola", "Dixon", FEMALE, "1987-05",
            kid("demo-freya", "Freya", "Dixon", FEMALE, "2013", co_parent=mark),
            kid("demo-oscar", "Oscar", "Dixon", MALE, "2016-02", co_parent=mark),
            notes="Born Nicola Walsh."),
    ), ga=2, gb=0, side=PATERNAL)  # fmt: skip
    b.partners("demo-nicola", mark, "married", "2012-07-14")
    b.expect(mark, "paternal uncle by marriage", PATERNAL)

    # --- Paternal great-grandfather Thomas (Patrick's mother unknown) ----------------------
    thomas = b.ancestor(kid("demo-thomas", "Thomas", "Walsh", MALE, "1930", died="2001-01"),
                        child=patrick, ga=3, side=PATERNAL)  # fmt: skip
    b.descend((thomas,), (
        kid("demo-kathleen", "Kathleen", "Byrne", FEMALE, "1953",
            kid("demo-gavin", "Gavin", "Byrne", MALE, "1975",
                kid("demo-brooke", "Brooke", "Byrne", FEMALE, "2001",
                    kid("demo-maisie", "Maisie", "Byrne", FEMALE, "2022")),
                kid("demo-kieran", "Kieran", "Byrne", MALE, "2004")),
            kid("demo-shane", "Shane", "Byrne", MALE, "1979",
                kid("demo-ava", "Ava", "Byrne", FEMALE, "2013")),
            died="1999", known_as="Kath", notes="Born Kathleen Walsh."),
        kid("demo-brian", "Brian", "Walsh", MALE, "1958"),
        kid("demo-maureen", "Maureen", "Lowe", FEMALE, "1962",
            kid("demo-dean", "Dean", "Lowe", MALE, "1984",
                kid("demo-tia", "Tia", "Lowe", FEMALE, "2009"),
                kid("demo-riley", "Riley", "Lowe", MALE, "2012")),
            kid("demo-lee", "Lee", "Lowe", MALE, "1988",
                kid("demo-kayden", "Kayden", "Lowe", MALE, "2014")),
            kid("demo-kerry", "Kerry", "Lowe", FEMALE, "1992",
                kid("demo-lexi", "Lexi", "Lowe", FEMALE, "2017")),
            notes="Born Maureen Walsh."),
    ), ga=3, gb=0, side=PATERNAL)  # fmt: skip

    # --- Eileen's siblings: her parents are not recorded, sibling ties link them -----------
    frank = b.person("demo-frank", "Frank", "Kelly", MALE, "1953")
    b.descend((), (
        kid("demo-bridget", "Bridget", "Kelly", FEMALE, "1955",
            kid("demo-michael", "Michael", "Kelly", MALE, "1976",
                kid("demo-callum", "Callum", "Kelly", MALE, "2002-09"),
                kid("demo-aoife", "Aoife", "Kelly", FEMALE, "2005"),
                co_parent=frank),
            kid("demo-siobhan", "Siobhan", "O'Neill", FEMALE, "1979",
                kid("demo-niamh", "Niamh", "O'Neill", FEMALE, "1999",
                    kid("demo-rosie", "Rosie", "O'Neill", FEMALE, "2022")),
                kid("demo-ciaran", "Ciaran", "O'Neill", MALE, "2003"),
                co_parent=frank, notes="Born Siobhan Kelly."),
            kid("demo-declan", "Declan", "Kelly", MALE, "1983",
                kid("demo-fionn", "Fionn", "Kelly", MALE, "2010"),
                kid("demo-saoirse", "Saoirse", "Kelly", FEMALE, "2013"),
                co_parent=frank),
            notes="Born Bridget Doyle, Eileen's older sister."),
        kid("demo-chris", "Chris", "Doyle", UNKNOWN, None,
            notes="Eileen's youngest sibling, named as 'Chris' in old family letters; born "
                  "about 1961, went to Canada in 1982. No other details yet."),
    ), ga=3, gb=0, side=PATERNAL, tie_with=eileen)  # fmt: skip
    b.sibling_tie("demo-bridget", "demo-chris")
    b.partners("demo-bridget", frank, "married", "1975")
    b.expect(frank, "paternal great-uncle by marriage", PATERNAL)

    # --- Both sides: Pauline (Margaret's sister) married Brian (Patrick's brother) ---------
    b.partners("demo-pauline", "demo-brian", "married", "1982-09-04")
    # Their children are Ga=3, Gb=2 through Jean and Ronald AND through Thomas: side "both".
    b.descend(("demo-pauline", "demo-brian"), (
        kid("demo-kevin", "Kevin", "Walsh", MALE, "1983-01",
            kid("demo-jake", "Jake", "Walsh", MALE, "2008"),
            kid("demo-ellie", "Ellie", "Walsh", FEMALE, "2011-12")),
        kid("demo-joanne", "Joanne", "Walsh", FEMALE, "1986",
            kid("demo-lucy", "Lucy", "Walsh", FEMALE, "2012"),
            kid("demo-sam", "Sam", "Walsh", MALE, "2015"),
            known_as="Jo"),
        kid("demo-ryan", "Ryan", "Walsh", MALE, "1990-07",
            kid("demo-harper", "Harper", "Walsh", FEMALE, "2019")),
    ), ga=3, gb=1, side=BOTH)  # fmt: skip

    # --- Both sides at different distances: Chelsea (maternal first cousin) and Callum ------
    # (paternal second cousin). Isabella: maternal Ga=2, Gb=3 (sum 5) beats paternal Ga=3,
    # Gb=4 (sum 7), so she is a maternal first cousin once removed, side maternal only.
    b.partners("demo-chelsea", "demo-callum", "cohabiting", "2023")
    b.descend(("demo-chelsea", "demo-callum"), (
        kid("demo-isabella", "Isabella", "Kelly", FEMALE, "2024-03-05"),
    ), ga=2, gb=2, side=MATERNAL)  # fmt: skip

    # --- Other trusted adults --------------------------------------------------------------
    b.person("demo-angela", "Angela", "Price", FEMALE, "1970")
    b.tie("demo-angela", "foster_carer", "2024-10-04", "2025-01-17", "strong",
          notes="Emergency foster carer, first placement; Kai still talks about her Sunday "
                "dinners.")  # fmt: skip
    b.person("demo-paul", "Paul", "Okafor", MALE, "1966")
    b.tie("demo-paul", "foster_carer", "2025-01-17", "2025-09-01", "moderate",
          notes="Second placement, until he retired from fostering. No contact since.")  # fmt: skip
    b.person("demo-helen", "Helen", "Turner", FEMALE, "1975")
    b.person("demo-rob", "Rob", "Turner", MALE, "1973")
    for carer in ("demo-helen", "demo-rob"):
        b.tie(carer, "foster_carer", "2025-09-01", None, "strong",
              notes="Current foster carers; hosted his 14th birthday party.")  # fmt: skip
    b.person("demo-priya", "Priya", "Shah", FEMALE, "1979")
    b.tie("demo-priya", "teacher", "2021-09", "2023-07", "strong",
          notes="His Year 5 and 6 teacher; Kai asked to find her.")  # fmt: skip
    b.person("demo-fiona", "Fiona", "McLeod", FEMALE, "1985")
    b.tie("demo-fiona", "social_worker", "2024-10", None, "moderate")
    b.person("demo-marcus", "Marcus", "Bell", MALE, "1990")
    b.tie("demo-marcus", "youth_worker", "2025-03", None, "strong",
          notes="Runs the Tuesday boxing club.")  # fmt: skip
    b.person("demo-tasha", "Tasha", "Green", FEMALE, "1988")
    b.tie("demo-tasha", "family_friend", "2012", "2025-02", "tenuous", stressful=True,
          notes="Donna's best friend; contact stopped after the funeral.")  # fmt: skip
    return b


_CASE: Final = _build()

PEOPLE: Final[list[dict[str, object]]] = _CASE.people
YOUNG_PERSON: Final[dict[str, object]] = {
    "id": YOUNG_PERSON_ID,
    "status": "in_care",
    "team": "north",
}
PARENTAGE: Final[list[dict[str, object]]] = _CASE.parentage
PARTNERSHIPS: Final[list[dict[str, object]]] = _CASE.partnerships
SIBLING_TIES: Final[list[dict[str, object]]] = _CASE.sibling_ties
TIES: Final[list[dict[str, object]]] = _CASE.ties
EXPECTED: Final[dict[str, tuple[str, str]]] = _CASE.expected

# Ancestors up to great-grandparents who are not recorded: (child, missing parent).
GAPS: Final[list[tuple[str, str]]] = [
    ("demo-donna", "father"),  # Kai's maternal grandfather
    ("demo-patrick", "mother"),  # a paternal great-grandmother
    ("demo-eileen", "mother"),  # Eileen's parents: her siblings are known by ties only
    ("demo-eileen", "father"),
]

PLANTED: Final[dict[str, str]] = {
    "young_person": YOUNG_PERSON_ID,
    "mother": "demo-donna",
    "father": "demo-craig",
    "maternal_grandmother": "demo-margaret",
    "maternal_uncle": "demo-darren",
    "step_father": "demo-gary",
    "maternal_half_sibling": "demo-lily",
    "paternal_half_sibling": "demo-jordan",
    "both_sides_relative": "demo-kevin",
    "adoptive_cousin": "demo-tyler",
    "foster_carer_former_1": "demo-angela",
    "foster_carer_former_2": "demo-paul",
    "teacher": "demo-priya",
    "social_worker": "demo-fiona",
    "youth_worker": "demo-marcus",
    "unknown_parents_relative": "demo-bridget",
}
