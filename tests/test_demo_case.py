"""The demo case's own integrity, with no database.

`seed.demo_case.EXPECTED` names every relative from how each branch was built; here the same
names are checked against a breadth-first search of the finished data (birth parentage plus
sibling ties), which knows nothing of the builder: generations, side, half-ness, sex words,
and that nobody in range is missing. The checkers are also run on tampered copies, to show
that they can fail.
"""

from __future__ import annotations

import calendar
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pytest

from seed.demo_case import (
    EXPECTED,
    GAPS,
    PARENTAGE,
    PARTNERSHIPS,
    PEOPLE,
    PLANTED,
    SIBLING_TIES,
    TIES,
    TODAY,
    YOUNG_PERSON,
    YOUNG_PERSON_ID,
)

PERSON_KEYS = {"id", "given_name", "family_name", "known_as", "sex", "birth_date",
               "death_date", "living", "notes"}  # fmt: skip
SEXES = {"female", "male", "unknown"}
PARENT_KINDS = {"birth", "adoptive", "step"}
PARTNERSHIP_KINDS = {"married", "civil_partnership", "cohabiting", "separated", "divorced"}
CURRENT_KINDS = {"married", "civil_partnership", "cohabiting"}
ROLES = {"foster_carer", "teacher", "social_worker", "youth_worker", "family_friend", "mentor",
         "other"}  # fmt: skip
STRENGTHS = {"strong", "moderate", "tenuous"}
SIDES = {"maternal", "paternal", "both"}
MAX_GENERATIONS = 4
FEMALE_WORDS = ("mother", "daughter", "sister", "niece", "aunt")
MALE_WORDS = ("father", "son", "brother", "nephew", "uncle")
NOT_BY_BIRTH = re.compile(r"step-|adoptive|by marriage")
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def text(row: Mapping[str, object], key: str) -> str:
    value = row[key]
    assert isinstance(value, str), f"{key} of {row} is not a string"
    return value


def optional_text(row: Mapping[str, object], key: str) -> str | None:
    value = row[key]
    assert value is None or isinstance(value, str), f"{key} of {row} is not a string or None"
    return value


PEOPLE_BY_ID = {text(p, "id"): p for p in PEOPLE}


def sex_of(pid: str) -> str:
    return text(PEOPLE_BY_ID[pid], "sex")


def bounds(value: str) -> tuple[date, date]:
    """The earliest and latest day a partial ISO date ("YYYY", "YYYY-MM", "YYYY-MM-DD") means."""
    match = PARTIAL_DATE.fullmatch(value)
    assert match, f"{value!r} is not a partial ISO date"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


def year(value: str) -> int:
    return bounds(value)[0].year


# --- The graph, as the search sees it ---------------------------------------------------------


def birth_parents(parentage: Iterable[Mapping[str, object]]) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {}
    for link in parentage:
        if link["kind"] == "birth":
            parents.setdefault(text(link, "child"), set()).add(text(link, "parent"))
    return parents


@dataclass
class Graph:
    """Birth parents, plus one invented parent per sibling tie (shared by the two siblings)."""

    parents: dict[str, set[str]]
    tie_half: dict[str, bool]

    @classmethod
    def of(
        cls, parentage: Iterable[Mapping[str, object]], ties: Iterable[Mapping[str, object]]
    ) -> Graph:
        parents = birth_parents(parentage)
        tie_half: dict[str, bool] = {}
        for tie in ties:
            a, b = sorted((text(tie, "a"), text(tie, "b")))
            node = f"tie:{a}+{b}"
            tie_half[node] = bool(tie["half"])
            for sibling in (a, b):
                parents.setdefault(sibling, set()).add(node)
        return cls(parents, tie_half)

    def ancestors(self, pid: str) -> dict[str, int]:
        """Every ancestor of `pid` (and `pid` itself at 0) with the fewest generations up."""
        found = {pid: 0}
        queue = deque([pid])
        while queue:
            node = queue.popleft()
            for parent in self.parents.get(node, ()):
                if parent not in found:
                    found[parent] = found[node] + 1
                    queue.append(parent)
        return found

    def real_parents(self, pid: str) -> set[str]:
        return {p for p in self.parents.get(pid, ()) if not p.startswith("tie:")}


@dataclass(frozen=True)
class Kinship:
    ga: int
    gb: int
    sides: frozenset[str]
    half: bool | None


def kinships(graph: Graph, young: str) -> dict[str, Kinship]:
    """Every birth relative of `young` within range, by breadth-first search."""
    first_steps = graph.real_parents(young)
    mother = [p for p in first_steps if sex_of(p) == "female"]
    father = [p for p in first_steps if sex_of(p) == "male"]
    by_side: dict[str, dict[str, int]] = {}
    for side, parents in (("maternal", mother), ("paternal", father)):
        by_side[side] = {}
        for parent in parents:
            for node, steps in graph.ancestors(parent).items():
                by_side[side][node] = min(steps + 1, by_side[side].get(node, steps + 1))
    young_up = graph.ancestors(young)
    found: dict[str, Kinship] = {}
    for pid in PEOPLE_BY_ID:
        if pid == young:
            continue
        their_up = graph.ancestors(pid)
        candidates: dict[tuple[int, int], dict[str, str]] = {}
        for side, up in by_side.items():
            for node, ga in up.items():
                if node in their_up:
                    candidates.setdefault((ga, their_up[node]), {})[side] = node
        if young in their_up:  # a descendant of the young person
            candidates.setdefault((0, their_up[young]), {})["none"] = young
        if not candidates:
            continue
        ga, gb = min(candidates, key=lambda g: (g[0] + g[1], g[0]))
        if ga > MAX_GENERATIONS or gb > MAX_GENERATIONS:
            continue
        halves = {half_line(graph, young_up, their_up, ancestor, ga, gb)
                  for ancestor in candidates[ga, gb].values()}  # fmt: skip
        half = halves.pop() if len(halves) == 1 else None  # None: half one way, full the other
        found[pid] = Kinship(ga, gb, frozenset(candidates[ga, gb]), half)
    return found


def half_line(
    graph: Graph,
    young_up: dict[str, int],
    their_up: dict[str, int],
    ancestor: str,
    ga: int,
    gb: int,
) -> bool:
    """Whether the two lines below `ancestor` share one known parent, one having another."""
    if ga == 0 or gb == 0:
        return False
    if ancestor.startswith("tie:"):
        return graph.tie_half[ancestor]

    def child_on_line(up: dict[str, int], depth: int) -> str:
        return next(n for n, d in up.items() if d == depth and ancestor in graph.parents.get(n, ()))

    x = graph.real_parents(child_on_line(young_up, ga - 1))
    y = graph.real_parents(child_on_line(their_up, gb - 1))
    return len(x & y) == 1 and (len(x) == 2 or len(y) == 2)


def term_generations(term: str) -> tuple[int, int]:
    """(Ga, Gb) a birth term stands for; cousins come back as (smaller, larger)."""
    t = term.removeprefix("maternal ").removeprefix("paternal ")
    t = t.removeprefix("half-").removeprefix("half ")
    cousin = re.fullmatch(r"(first|second|third) cousin(?: (once|twice|three times) removed)?", t)
    if cousin:
        degree = ("first", "second", "third").index(cousin[1]) + 1
        removed = ("once", "twice", "three times").index(cousin[2]) + 1 if cousin[2] else 0
        return degree + 1, degree + 1 + removed
    first = t.split(" or ")[0]
    greats = first.count("great-")
    core = first.replace("great-", "")
    table = {
        ("mother", "father", "parent"): (1, 0),
        ("grandmother", "grandfather", "grandparent"): (2 + greats, 0),
        ("sister", "brother", "sibling"): (1, 1),
        ("niece", "nephew"): (1, 2 + greats),
        ("aunt", "uncle"): (2 + greats, 1),
    }
    for words, generations in table.items():
        if core in words:
            return generations
    raise AssertionError(f"not a birth kinship term: {term!r}")


def kinship_problems(
    expected: Mapping[str, tuple[str, str]],
    parentage: Iterable[Mapping[str, object]] = PARENTAGE,
    ties: Iterable[Mapping[str, object]] = SIBLING_TIES,
) -> list[str]:
    """Where the names disagree with the search: missing, extra or misnamed birth relatives."""
    found = kinships(Graph.of(parentage, ties), YOUNG_PERSON_ID)
    by_birth = {pid for pid, (term, _) in expected.items() if not NOT_BY_BIRTH.search(term)}
    problems = [f"{pid} is a relative the names miss" for pid in sorted(found.keys() - by_birth)]
    problems += [f"{pid} is named but not found" for pid in sorted(by_birth - found.keys())]
    for pid in sorted(by_birth & found.keys()):
        term, side = expected[pid]
        k = found[pid]
        ga_gb = term_generations(term)
        is_cousin = "cousin" in term
        if ga_gb != ((min(k.ga, k.gb), max(k.ga, k.gb)) if is_cousin else (k.ga, k.gb)):
            problems.append(f"{pid}: {term!r} but the search finds Ga={k.ga}, Gb={k.gb}")
        want_side = "both" if len(k.sides) > 1 else next(iter(k.sides))
        if side != want_side:
            problems.append(f"{pid}: side {side!r} but the search finds {want_side!r}")
        if k.half is None:
            problems.append(f"{pid}: half through one parent, full through the other")
        elif ("half" in term) != k.half:
            problems.append(f"{pid}: {term!r} but the search finds half={k.half}")
        no_prefix = side == "both" or (k.ga, k.gb) == (1, 0) or (k.ga == k.gb == 1 and not k.half)
        if term.startswith(("maternal ", "paternal ")) == no_prefix:
            problems.append(f"{pid}: {term!r} breaks the side prefix rule")
        if not no_prefix and not term.startswith(f"{side} "):
            problems.append(f"{pid}: {term!r} does not start with its side {side!r}")
    return problems


FOUND = kinships(Graph.of(PARENTAGE, SIBLING_TIES), YOUNG_PERSON_ID)


def is_current(partnership: Mapping[str, object]) -> bool:
    return partnership["kind"] in CURRENT_KINDS and partnership["until"] is None


def partners_of(pid: str, *, current: bool) -> set[str]:
    out = set()
    for p in PARTNERSHIPS:
        if is_current(p) == current and pid in (p["a"], p["b"]):
            out.add(text(p, "b") if p["a"] == pid else text(p, "a"))
    return out


# --- Shape and references ---------------------------------------------------------------------


def test_ids_are_unique_and_prefixed() -> None:
    ids = [text(p, "id") for p in PEOPLE]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("demo-") for i in ids)
    assert YOUNG_PERSON_ID.startswith("demo-")


def test_people_have_exactly_the_agreed_fields() -> None:
    for p in PEOPLE:
        assert set(p) == PERSON_KEYS, p["id"]
        text(p, "given_name")
        text(p, "family_name")
        optional_text(p, "known_as")
        optional_text(p, "notes")
        assert p["sex"] in SEXES
        assert isinstance(p["living"], bool)
        assert p["living"] == (p["death_date"] is None), p["id"]
    assert YOUNG_PERSON == {"id": YOUNG_PERSON_ID, "status": "in_care", "team": "north"}


def test_every_reference_exists() -> None:
    refs = [YOUNG_PERSON_ID, *EXPECTED, *PLANTED.values(), *(child for child, _ in GAPS)]
    refs += [text(link, key) for link in PARENTAGE for key in ("parent", "child")]
    refs += [text(p, key) for p in PARTNERSHIPS for key in ("a", "b")]
    refs += [text(t, key) for t in SIBLING_TIES for key in ("a", "b")]
    refs += [text(t, key) for t in TIES for key in ("adult", "person")]
    assert sorted(set(refs) - PEOPLE_BY_ID.keys()) == []


def test_relationship_rows_use_the_agreed_vocabulary() -> None:
    for link in PARENTAGE:
        assert set(link) == {"parent", "child", "kind"}
        assert link["kind"] in PARENT_KINDS
        assert link["parent"] != link["child"]
    for p in PARTNERSHIPS:
        assert set(p) == {"a", "b", "kind", "from", "until"}
        assert p["kind"] in PARTNERSHIP_KINDS
        assert p["a"] != p["b"]
        if p["kind"] in {"separated", "divorced"}:
            assert p["until"] is not None, p
    for tie in SIBLING_TIES:
        assert set(tie) == {"a", "b", "half"}
        assert isinstance(tie["half"], bool)
        # Only for siblings whose parents are not recorded.
        assert not birth_parents(PARENTAGE).get(text(tie, "a"))
        assert not birth_parents(PARENTAGE).get(text(tie, "b"))
    for tie in TIES:
        assert set(tie) == {"adult", "person", "role", "from", "until", "strength",
                            "stressful", "notes"}  # fmt: skip
        assert tie["person"] == YOUNG_PERSON_ID
        assert tie["role"] in ROLES
        assert tie["strength"] in STRENGTHS
        assert isinstance(tie["stressful"], bool)


def test_at_most_two_birth_parents_one_of_each_sex() -> None:
    for child, parents in birth_parents(PARENTAGE).items():
        assert len(parents) <= 2, child
        sexes = [sex_of(p) for p in parents]
        assert sexes.count("female") <= 1, child
        assert sexes.count("male") <= 1, child


def has_cycle(parentage: Iterable[Mapping[str, object]]) -> bool:
    children: dict[str, list[str]] = {}
    for link in parentage:
        children.setdefault(text(link, "parent"), []).append(text(link, "child"))
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str) -> bool:
        state[node] = 1
        for child in children.get(node, []):
            if state.get(child) == 1 or (child not in state and visit(child)):
                return True
        state[node] = 2
        return False

    return any(node not in state and visit(node) for node in list(children))


def test_no_cycles_in_parentage() -> None:
    assert not has_cycle(PARENTAGE)
    loop = [{"parent": YOUNG_PERSON_ID, "child": "demo-margaret", "kind": "birth"}]
    assert has_cycle([*PARENTAGE, *loop])


# --- Dates ------------------------------------------------------------------------------------


def all_dates() -> list[tuple[str, str]]:
    out = [(text(p, "id"), v) for p in PEOPLE for k in ("birth_date", "death_date")
           if (v := optional_text(p, k)) is not None]  # fmt: skip
    for row in [*PARTNERSHIPS, *TIES]:
        out += [(str(row), v) for k in ("from", "until") if (v := optional_text(row, k))]
    return out


def test_dates_are_partial_iso_and_none_after_today() -> None:
    today = date.fromisoformat(TODAY)
    assert today == date(2026, 11, 22)
    dates = all_dates()
    assert any(len(v) == 4 for _, v in dates), "some dates should be a year only"
    assert any(len(v) == 10 for _, v in dates)
    for where, value in dates:
        assert bounds(value)[0] <= today, (where, value)


def test_no_one_dies_before_birth() -> None:
    for p in PEOPLE:
        born, died = optional_text(p, "birth_date"), optional_text(p, "death_date")
        if born and died:
            assert bounds(died)[1] >= bounds(born)[0], p["id"]


def test_parents_are_old_enough_and_alive_near_the_birth() -> None:
    for link in PARENTAGE:
        parent, child = PEOPLE_BY_ID[text(link, "parent")], PEOPLE_BY_ID[text(link, "child")]
        p_born, c_born = optional_text(parent, "birth_date"), optional_text(child, "birth_date")
        if p_born and c_born:
            assert year(c_born) - year(p_born) >= 16, link
        p_died = optional_text(parent, "death_date")
        if link["kind"] == "birth" and p_died and c_born:
            assert year(c_born) <= year(p_died) + 1, link


def test_ranges_run_forwards() -> None:
    for row in [*PARTNERSHIPS, *TIES]:
        start, until = optional_text(row, "from"), optional_text(row, "until")
        if start and until:
            assert bounds(start)[0] <= bounds(until)[1], row


def test_the_story_dates() -> None:
    kai = PEOPLE_BY_ID[YOUNG_PERSON_ID]
    age = date.fromisoformat(TODAY).year - year(text(kai, "birth_date"))
    assert 13 <= age <= 15
    father = PEOPLE_BY_ID[PLANTED["father"]]
    assert year(text(father, "death_date")) - year(text(kai, "birth_date")) == 6
    in_care_from = min(
        bounds(text(t, "from"))[0] for t in TIES if t["role"] in {"foster_carer", "social_worker"}
    )
    assert 1 <= (date.fromisoformat(TODAY) - in_care_from).days / 365.25 <= 3
    mother_died = bounds(text(PEOPLE_BY_ID[PLANTED["mother"]], "death_date"))[0]
    assert 0 < (mother_died - in_care_from).days < 365


# --- Kinship: the names against the search ----------------------------------------------------


def test_expected_sides_are_known_words() -> None:
    assert {side for _, side in EXPECTED.values()} <= SIDES
    assert YOUNG_PERSON_ID not in EXPECTED


def test_every_birth_relative_is_named_as_the_search_finds() -> None:
    assert kinship_problems(EXPECTED) == []


def test_first_cousins_are_two_generations_each_way() -> None:
    firsts = [pid for pid, (term, _) in EXPECTED.items() if term.endswith(" first cousin")]
    birth_firsts = [pid for pid in firsts if not NOT_BY_BIRTH.search(EXPECTED[pid][0])]
    assert len(birth_firsts) >= 6
    for pid in birth_firsts:
        assert (FOUND[pid].ga, FOUND[pid].gb) == (2, 2), pid


@pytest.mark.parametrize(
    ("pid", "tampered"),
    [
        ("demo-kevin", ("first cousin once removed", "maternal")),  # side lost
        ("demo-lily", ("sister", "maternal")),  # half lost
        ("demo-harvey", ("maternal first cousin", "maternal")),  # half lost
        ("demo-chelsea", ("maternal second cousin", "maternal")),  # wrong generations
        ("demo-bridget", ("paternal aunt", "paternal")),  # tie treated as a parent
        ("demo-isabella", ("paternal second cousin once removed", "paternal")),  # not closest
        ("demo-darren", ("uncle", "maternal")),  # prefix missing
        ("demo-donna", ("maternal mother", "maternal")),  # prefix where none belongs
    ],
)
def test_the_kinship_check_catches_a_wrong_name(pid: str, tampered: tuple[str, str]) -> None:
    assert kinship_problems({**EXPECTED, pid: tampered}) != []


def test_the_kinship_check_catches_a_missing_relative_and_a_changed_graph() -> None:
    assert kinship_problems({k: v for k, v in EXPECTED.items() if k != "demo-lola"}) != []
    without_tie = [t for t in SIBLING_TIES if "demo-harold" not in (t["a"], t["b"])]
    assert kinship_problems(EXPECTED, ties=without_tie) != []
    gordon = [link for link in PARENTAGE if link["parent"] != "demo-gordon"]
    assert kinship_problems(EXPECTED, parentage=gordon) != []  # Kirsty would be a full aunt


def test_sex_words_match_the_person() -> None:
    for pid, (term, _) in EXPECTED.items():
        words = re.split(r"[ -]", term)
        female = any(w.endswith(FEMALE_WORDS) for w in words)
        male = any(w.endswith(MALE_WORDS) for w in words)
        sex = sex_of(pid)
        if sex == "female":
            assert not male, (pid, term)
            assert female or "cousin" in term, (pid, term)
        elif sex == "male":
            assert not female, (pid, term)
            assert male or "cousin" in term, (pid, term)
        else:
            assert female == male, (pid, term)  # "aunt or uncle", or a neutral word


# --- Kinship: the story's requirements --------------------------------------------------------


def living(pid: str) -> bool:
    return PEOPLE_BY_ID[pid]["living"] is True


def test_more_than_80_living_relatives() -> None:
    assert sum(living(pid) for pid in EXPECTED) > 80
    assert sum(living(pid) for pid in FOUND) > 80  # by birth alone, too
    assert any(not living(pid) for pid in EXPECTED)


def test_relatives_on_both_sides_and_over_four_generations() -> None:
    sides = {side for _, side in EXPECTED.values()}
    assert sides == SIDES
    assert max(k.ga for k in FOUND.values()) == MAX_GENERATIONS
    assert max(k.gb for k in FOUND.values()) == MAX_GENERATIONS


def test_someone_is_related_through_both_parents_at_the_same_distance() -> None:
    both = [pid for pid, (_, side) in EXPECTED.items() if side == "both"]
    assert both
    for pid in both:
        assert FOUND[pid].sides == {"maternal", "paternal"}
    assert EXPECTED[PLANTED["both_sides_relative"]][1] == "both"


def test_a_relative_through_both_parents_at_different_distances_takes_the_closer() -> None:
    graph = Graph.of(PARENTAGE, SIBLING_TIES)
    up = graph.ancestors("demo-isabella")
    assert "demo-margaret" in up
    assert any(node.startswith("tie:") and "demo-eileen" in node for node in up)
    assert (FOUND["demo-isabella"].ga, FOUND["demo-isabella"].gb) == (2, 3)
    assert EXPECTED["demo-isabella"] == ("maternal first cousin once removed", "maternal")


def test_half_relatives_on_each_side() -> None:
    for side in ("maternal", "paternal"):
        assert any(t.startswith(f"{side} half") for t, s in EXPECTED.values() if s == side)


def test_relatives_known_only_through_sibling_ties() -> None:
    pid = PLANTED["unknown_parents_relative"]
    assert pid not in birth_parents(PARENTAGE)
    assert any(pid in (t["a"], t["b"]) for t in SIBLING_TIES)
    assert EXPECTED[pid] == ("paternal great-aunt", "paternal")
    assert (FOUND[pid].ga, FOUND[pid].gb) == (3, 1)
    for child in (c for c, ps in birth_parents(PARENTAGE).items() if pid in ps):
        assert (FOUND[child].ga, FOUND[child].gb) == (3, 2)
        assert EXPECTED[child] == ("paternal first cousin once removed", "paternal")
    unknown_sex = [pid for pid in EXPECTED if sex_of(pid) == "unknown"]
    assert unknown_sex
    assert EXPECTED[unknown_sex[0]][0].endswith("aunt or great-uncle")


def test_gaps_are_exactly_the_missing_ancestors_up_to_great_grandparents() -> None:
    parents = birth_parents(PARENTAGE)
    missing = set()
    line = {YOUNG_PERSON_ID}
    for _ in range(3):  # the young person, parents, grandparents: whose parents are missing?
        nxt = set()
        for pid in line:
            sexes = {sex_of(p) for p in parents.get(pid, ())}
            missing |= {(pid, role) for role, sex in (("mother", "female"), ("father", "male"))
                        if sex not in sexes}  # fmt: skip
            nxt |= parents.get(pid, set())
        line = nxt
    assert missing == set(GAPS)
    assert len(GAPS) >= 2
    assert ("demo-donna", "father") in GAPS  # the maternal grandfather


# --- Not by birth -----------------------------------------------------------------------------


def test_step_relatives_are_a_parents_partner_and_their_children() -> None:
    parents = birth_parents(PARENTAGE)
    want: dict[str, tuple[str, str]] = {}
    for parent in parents[YOUNG_PERSON_ID]:
        side = "maternal" if sex_of(parent) == "female" else "paternal"
        for partner in partners_of(parent, current=True) - parents[YOUNG_PERSON_ID]:
            word = {"female": "step-mother", "male": "step-father"}.get(sex_of(partner))
            want[partner] = (word or "step-parent", side)
            for child in (c for c, ps in parents.items() if partner in ps):
                if child not in FOUND and child != YOUNG_PERSON_ID:
                    word = {"female": "step-sister", "male": "step-brother"}.get(sex_of(child))
                    want[child] = (word or "step-sibling", side)
    steps = {pid: v for pid, v in EXPECTED.items() if v[0].startswith("step-")}
    assert steps == want
    assert EXPECTED[PLANTED["step_father"]] == ("step-father", "maternal")
    step_links = [link for link in PARENTAGE if link["kind"] == "step"]
    assert step_links == [{"parent": PLANTED["step_father"], "child": YOUNG_PERSON_ID,
                           "kind": "step"}]  # fmt: skip
    assert PLANTED["step_father"] not in parents[YOUNG_PERSON_ID]


def test_adoptive_relatives_come_through_a_birth_relative() -> None:
    adopted = {pid: v for pid, v in EXPECTED.items() if "adoptive" in v[0]}
    assert adopted
    for pid, (term, side) in adopted.items():
        assert pid not in FOUND
        assert pid not in birth_parents(PARENTAGE)
        adopters = [text(link, "parent") for link in PARENTAGE
                    if link["child"] == pid and link["kind"] == "adoptive"]  # fmt: skip
        by_birth = [a for a in adopters if a in FOUND]
        assert len(by_birth) == 1, pid
        adopter = FOUND[by_birth[0]]
        assert term == f"{side} adoptive " + term.removeprefix(f"{side} adoptive ")
        assert term_generations(term.replace("adoptive ", "")) == (adopter.ga, adopter.gb + 1)
        assert EXPECTED[by_birth[0]][1] == side
    assert EXPECTED[PLANTED["adoptive_cousin"]] == ("maternal adoptive first cousin", "maternal")


def test_relatives_by_marriage_are_current_partners_of_aunts_uncles_and_cousins() -> None:
    by_marriage = {pid: v for pid, v in EXPECTED.items() if v[0].endswith(" by marriage")}
    assert 3 <= len(by_marriage) <= 6
    want = set()
    for p in PARTNERSHIPS:
        if not is_current(p):
            continue
        a, b = text(p, "a"), text(p, "b")
        for relative, partner in ((a, b), (b, a)):
            if relative not in FOUND or partner in FOUND:
                continue
            k = FOUND[relative]
            if k.ga >= 2 and k.gb >= 1:  # aunts, uncles, great-aunts, cousins
                want.add(partner)
                term, side = EXPECTED[partner]
                assert side == EXPECTED[relative][1], partner
                assert term_generations(term.removesuffix(" by marriage")) == term_generations(
                    EXPECTED[relative][0]
                ), partner
    assert set(by_marriage) == want


def test_separated_and_divorced_partners_are_not_relatives() -> None:
    former = {text(p, k) for p in PARTNERSHIPS if not is_current(p) for k in ("a", "b")}
    current = {text(p, k) for p in PARTNERSHIPS if is_current(p) for k in ("a", "b")}
    outsiders = former - current - FOUND.keys() - {YOUNG_PERSON_ID}
    assert outsiders == {"demo-gordon", "demo-jade", "demo-tracey"}
    assert outsiders.isdisjoint(EXPECTED)


# --- Planted roles and other trusted adults ---------------------------------------------------


def test_planted_roles() -> None:
    roles = {"young_person", "mother", "father", "maternal_grandmother", "maternal_uncle",
             "step_father", "maternal_half_sibling", "paternal_half_sibling",
             "both_sides_relative", "adoptive_cousin", "foster_carer_former_1",
             "foster_carer_former_2", "teacher", "social_worker", "youth_worker",
             "unknown_parents_relative"}  # fmt: skip
    assert set(PLANTED) == roles
    assert set(PLANTED.values()) <= PEOPLE_BY_ID.keys()
    assert PLANTED["young_person"] == YOUNG_PERSON_ID
    assert EXPECTED[PLANTED["mother"]] == ("mother", "maternal")
    assert EXPECTED[PLANTED["father"]] == ("father", "paternal")
    assert not living(PLANTED["mother"])
    assert not living(PLANTED["father"])
    assert EXPECTED[PLANTED["maternal_grandmother"]] == ("maternal grandmother", "maternal")
    assert EXPECTED[PLANTED["maternal_uncle"]] == ("maternal uncle", "maternal")
    assert EXPECTED[PLANTED["maternal_half_sibling"]][0].startswith("maternal half-")
    assert EXPECTED[PLANTED["paternal_half_sibling"]][0].startswith("paternal half-")
    for role in ("maternal_half_sibling", "paternal_half_sibling"):
        k = FOUND[PLANTED[role]]
        assert (k.ga, k.gb, k.half) == (1, 1, True)


def test_other_trusted_adults() -> None:
    role_of = {"foster_carer_former_1": "foster_carer", "foster_carer_former_2": "foster_carer",
               "teacher": "teacher", "social_worker": "social_worker",
               "youth_worker": "youth_worker"}  # fmt: skip
    for planted, role in role_of.items():
        pid = PLANTED[planted]
        rows = [t for t in TIES if t["adult"] == pid]
        assert [t["role"] for t in rows] == [role], planted
        assert pid not in EXPECTED
        assert pid not in FOUND
        if planted.startswith("foster_carer_former"):
            assert rows[0]["until"] is not None
    adults = {text(t, "adult") for t in TIES}
    assert adults.isdisjoint(EXPECTED)
    assert adults.isdisjoint(a for p in PARENTAGE for a in (p["parent"], p["child"]))
