"""`visualise.ecomap`: who is in the young person's circle, where everyone goes, and that
nothing crosses or overlaps; no database."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from visualise.ecomap import CIRCLE_MAX, OPEN_STEP, _person_extent, arrange
from visualise.map_items import relation_label


@dataclass(frozen=True)
class Seat:
    id: str
    name: str
    group: str
    relation: str | None = None
    stage: str | None = None
    lapsed: bool = False
    generation: int = 0
    restricted: bool = False
    flags: tuple[str, ...] = ()
    kind: str | None = "birth"  # a relative's; None for a partner or other parent drawn
    living: bool = True
    wish: str | None = None


@dataclass(frozen=True)
class Tie:
    id: str
    source: str
    target: str
    type: str
    strength: str | None = None
    current: bool = True


def network(
    cousins: int = 30, adults: int = 6
) -> tuple[list[Seat], list[Tie], dict[str, tuple[str, int]]]:
    seats = [Seat("yp", "Kai", "young_person", "young person")]
    hints: dict[str, tuple[str, int]] = {"yp": ("centre", 0)}
    ties: list[Tie] = []

    def add(seat: Seat, side: str, ring: int) -> None:
        seats.append(seat)
        hints[seat.id] = (side, ring)

    add(Seat("mum", "Donna", "maternal", "mother", generation=-1), "maternal", 1)
    add(Seat("dad", "Craig", "paternal", "father", generation=-1), "paternal", 1)
    add(Seat("sis", "Lily", "maternal", "maternal half-sister"), "maternal", 2)
    add(Seat("bro", "Sam", "both", "brother"), "none", 2)
    ties += [Tie("p1", "mum", "yp", "parent"), Tie("p2", "dad", "yp", "parent")]
    add(Seat("nan", "Maggie", "maternal", "maternal grandmother", "in_plan", generation=-2),
        "maternal", 2)  # fmt: skip
    ties.append(Tie("tie:nan", "yp", "nan", "tie", "strong"))
    for n in range(cousins):
        side = "maternal" if n % 2 else "paternal"
        add(Seat(f"c{n:02d}", f"Cousin {n:02d}", side, f"{side} first cousin", generation=0),
            side, 4 + n % 3)  # fmt: skip
    add(Seat("uncle", "Darren", "paternal", "paternal uncle", "identified", generation=-1),
        "paternal", 3)  # fmt: skip
    ties.append(Tie("tie:uncle", "yp", "uncle", "tie", "moderate"))
    for n in range(adults):
        add(Seat(f"a{n}", f"Adult {n}", "other", "foster carer" if n == 0 else "teacher"),
            "other", 1)  # fmt: skip
        ties.append(Tie(f"tie:a{n}", "yp", f"a{n}", "tie", "strong" if n == 0 else "tenuous"))
    return seats, ties, hints


def test_the_circle_is_the_young_persons_own() -> None:
    seats, ties, hints = network()
    e = arrange(seats, ties, "yp", hints)
    assert set(e.circle) == {"mum", "dad", "sis", "bro", "nan", "uncle", "a0", "a1", "a2", "a3",
                             "a4", "a5"}  # fmt: skip
    # Closest first: parents, then brothers and sisters, then those in touch or strongly tied.
    assert e.circle[:2] == ["dad", "mum"]
    assert set(e.circle[2:4]) == {"sis", "bro"}
    # Lines only from the young person: ties kept, a family line made for the brother and
    # sister, who have no tie of their own.
    assert e.keep_edges == {"p1", "p2", "tie:nan", "tie:uncle"} | {f"tie:a{n}" for n in range(6)}
    assert sorted(e.new_lines) == [("bro", "sibling"), ("sis", "sibling")]


def test_a_brother_in_law_is_neither_drawn_nor_seated_as_a_brother() -> None:
    """A second reader: a sister's husband (a relative by marriage, two steps away in the young
    person's generation) had the siblings' line, which the legend says is brothers and
    sisters, and a sibling's seat in the circle."""
    seats, ties, hints = network(cousins=0, adults=0)
    seats.append(Seat("bil", "Ben", "both", "brother-in-law", kind="by_marriage"))
    seats.append(Seat("sil", "Sue", "both", "sister-in-law", "in_plan", kind="by_marriage"))
    hints["bil"] = hints["sil"] = ("none", 2)
    e = arrange(seats, ties, "yp", hints)
    # Folded, as any relative of two steps out of touch is; one in touch in the circle, after
    # the brothers and sisters, with a family line.
    assert "bil" not in e.circle
    assert dict(e.new_lines)["sil"] == "family"
    assert dict(e.new_lines)["bro"] == "sibling"
    assert e.circle.index("sil") > max(e.circle.index("bro"), e.circle.index("sis"))


def test_the_rest_are_folded_by_side_closest_first() -> None:
    seats, ties, hints = network()
    e = arrange(seats, ties, "yp", hints)
    summaries = {s.side: s for s in e.summaries}
    assert set(summaries) == {"maternal", "paternal"}
    maternal = summaries["maternal"]
    assert maternal.members == tuple(
        sorted((f"c{n:02d}" for n in range(1, 30, 2)), key=lambda c: (hints[c][1], c))
    )
    # 15 cousins, mother, half-sister, nan, and the full brother (no side: counted with Mum's).
    # The 4 in the circle are said, so that what is shown adds up (a second reader: "125
    # found ... all 113 shown").
    assert (
        maternal.label == "Mum's side\n19 relatives found, 1 in contact\n4 in the circle, 15 here"
    )
    assert all(e.folded[m] == maternal.id for m in maternal.members)
    assert maternal.x < 0 < summaries["paternal"].x
    # A cousin's father is drawn with them, and said apart from the relatives, whom /relatives
    # counts (a second reader: "84 relatives found" where /relatives has 81).
    dad = Seat("cdad", "Carl", "maternal", "father of the maternal first cousin", kind=None)
    more = arrange([*seats, dad], ties, "yp", {**hints, "cdad": ("maternal", 4)})
    (label,) = [s.label for s in more.summaries if s.side == "maternal"]
    assert label == ("Mum's side\n19 relatives found, 1 in contact\nand 1 of their partners or "
                     "other parents\n4 in the circle, 16 here")  # fmt: skip
    # Opened, they fill columns outward from the summary, each in a place of its own.
    places = [e.positions[m] for m in maternal.members]
    assert len(set(places)) == len(places)
    assert all(x < maternal.x for x, _ in places)
    assert len({x for x, _ in places[:OPEN_STEP]}) == 1


def test_nothing_crosses_and_no_labels_overlap() -> None:
    seats, ties, hints = network()
    e = arrange(seats, ties, "yp", hints)
    # Every line runs from the centre at an angle of its own, so none can cross another.
    angles = [math.atan2(e.positions[p][1], e.positions[p][0]) for p in e.circle]
    assert len({round(a, 6) for a in angles}) == len(angles)
    by_id = {s.id: s for s in seats}
    boxes = []
    for pid in [*e.circle]:
        (x, y), (left, top, right, bottom) = e.positions[pid], _person_extent(by_id[pid])
        boxes.append((x + left, y + top, x + right, y + bottom))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    # Maternal on the left, paternal on the right, other adults below.
    assert e.positions["mum"][0] < 0 < e.positions["dad"][0]
    assert all(e.positions[f"a{n}"][1] > 0 for n in range(6))


def test_a_crowded_network_keeps_two_dozen_and_folds_the_other_adults() -> None:
    seats, ties, hints = network(cousins=10, adults=30)
    e = arrange(seats, ties, "yp", hints)
    assert len(e.circle) == CIRCLE_MAX
    other = next(s for s in e.summaries if s.side == "other")
    assert other.label.startswith("Other adults\n30 people found")
    # Parents, brother and sister, Nan (in the plan) and the strongly tied carer come first; the
    # other 18 places go to the closest of the rest (the adults, one step away, before the
    # uncle, three), and the uncle and 11 adults are folded.
    adults = [p for p in e.circle if p.startswith("a")]
    assert len(adults) == 19
    assert len(other.members) == 11
    assert set(adults) | set(other.members) == {f"a{n}" for n in range(30)}
    assert e.folded["uncle"] == "side:paternal"


def test_the_same_network_in_any_order_draws_the_same() -> None:
    seats, ties, hints = network()
    first = arrange(seats, ties, "yp", hints)
    rng = random.Random(5)
    for _ in range(3):
        rng.shuffle(seats)
        rng.shuffle(ties)
        again = arrange(seats, ties, "yp", hints)
        assert again.positions == first.positions
        assert again.circle == first.circle


def test_only_the_young_persons_own_lines_count() -> None:
    """The family's other ties change nothing drawn: `service.data.network.assemble` relies on
    this to make none of them for an ecomap."""
    seats, ties, hints = network()
    others = [Tie("p3", "nan", "mum", "parent"), Tie("s1", "mum", "dad", "partner"),
              Tie("p4", "uncle", "c01", "parent"), Tie("s2", "sis", "bro", "sibling")]  # fmt: skip
    alone = arrange(seats, ties, "yp", hints)
    among = arrange(seats, [*ties, *others], "yp", hints)
    assert among == alone


def test_a_person_kept_away_by_an_order_or_living_with_a_flag_is_in_the_circle() -> None:
    """A second reader: in a family of 420, the 8 people with a safety flag were folded into
    their side's summary, the last of them shown at the fiftieth click. The living with a flag
    are in sight as those under an order are; the summary counts the deceased it holds."""
    seats, ties, hints = network()
    seats = [
        Seat("sean", "Sean", "paternal", "paternal uncle", generation=-1, restricted=True)
        if s.id == "uncle" else
        Seat(s.id, s.name, s.group, s.relation, generation=s.generation, flags=("flag",))
        if s.id in ("c00", "c02", "c04") else
        Seat(s.id, s.name, s.group, s.relation, generation=s.generation, flags=("flag",),
             living=False)
        if s.id in ("c06", "c08") else s
        for s in seats
    ]  # fmt: skip
    hints["sean"] = ("paternal", 3)
    ties = [t for t in ties if t.id != "tie:uncle"]
    e = arrange(seats, ties, "yp", hints)
    assert "sean" in e.circle
    assert ("sean", "family") in e.new_lines
    assert {"c00", "c02", "c04"} <= set(e.circle)
    assert {"c06", "c08"} <= set(e.folded)
    paternal = next(s for s in e.summaries if s.side == "paternal")
    assert paternal.label.endswith("\n2 deceased with a safety flag")
    # However crowded the circle: thirty cousins in touch, and a great-uncle under an order
    # farther out (a second reader: he was folded out of sight).
    crowded = [Seat(s.id, s.name, s.group, s.relation, "willing", generation=s.generation)
               if s.id.startswith("c") else s for s in seats]  # fmt: skip
    crowded.append(Seat("zed", "Zed", "paternal", "paternal great-uncle", generation=-2,
                        restricted=True))  # fmt: skip
    hints["zed"] = ("paternal", 5)
    e = arrange(crowded, ties, "yp", hints)
    assert "zed" in e.circle
    assert "zed" not in e.folded
    crowded.append(Seat("flo", "Flo", "paternal", "paternal great-aunt", generation=-2,
                        flags=("flag",)))  # fmt: skip
    hints["flo"] = ("paternal", 5)
    e = arrange(crowded, ties, "yp", hints)
    assert "flo" in e.circle


def test_a_summary_says_the_young_persons_wish_about_its_side() -> None:
    """A second reader: the map of a side the young person never wants approached did not say
    so, nor did anyone's label: a wish showed only in the side panel."""
    seats, ties, hints = network()
    never = "no contact, ever"
    paternal = {pid for pid, (side, _) in hints.items() if side == "paternal"}
    everyone = [Seat(s.id, s.name, s.group, s.relation, generation=s.generation, wish=never)
                if s.id in paternal else s for s in seats]  # fmt: skip
    e = arrange(everyone, ties, "yp", hints)
    summary = next(s for s in e.summaries if s.side == "paternal")
    assert summary.label.endswith("\nthe young person's wish: no contact, ever")
    assert "wish" not in next(s for s in e.summaries if s.side == "maternal").label
    some = [Seat(s.id, s.name, s.group, s.relation, generation=s.generation, wish="not now")
            if s.id in ("c00", "c02") else s for s in seats]  # fmt: skip
    e = arrange(some, ties, "yp", hints)
    summary = next(s for s in e.summaries if s.side == "paternal")
    assert summary.label.endswith("\nno contact wished with 2")


def test_a_label_is_measured_by_its_longest_line_the_stage_and_warnings_too() -> None:
    """A second reader: the third line ("[awaiting safety check, lapsed] ⚠ FLAG ⚠ ORDER") was
    not measured, and labels with a short name printed over each other on a real family's
    map. The box is as wide as the line the page writes (`map_items.status_line`)."""
    from visualise.ecomap import _FONT_W, _label_box
    from visualise.map_items import status_line

    seat = Seat("jo", "Jo", "maternal", "aunt", "awaiting_safety_check", lapsed=True,
                restricted=True, flags=("f",))  # fmt: skip
    line = status_line(seat.stage, seat.lapsed, flagged=True, restricted=True)
    assert line == "[awaiting safety check, lapsed] ⚠ FLAG ⚠ ORDER"
    left, _, right, _ = _person_extent(seat)
    assert right - left == _label_box(seat)[0] >= len(line) * _FONT_W
    assert status_line(None, False, flagged=False, restricted=False) is None
    # A wish against contact is marked under the name, and measured.
    wished = Seat("jo", "Jo", "maternal", "aunt", "awaiting_safety_check", lapsed=True,
                  flags=("f",), wish="no contact, ever")  # fmt: skip
    line = status_line(wished.stage, wished.lapsed, flagged=True, restricted=False,
                       wish=wished.wish)  # fmt: skip
    assert line == "[awaiting safety check, lapsed] ⚠ FLAG ⊘ NO CONTACT"
    assert _label_box(wished)[0] >= len(line) * _FONT_W
    assert status_line(None, False, flagged=False, restricted=False, wish="not now") == (
        "⊘ NOT NOW"
    )
    assert status_line(None, False, flagged=False, restricted=False, wish="wants contact") is None


def test_opened_summaries_meet_no_label_however_long_their_labels() -> None:
    """A second reader: opened, a side's people stood on a fixed grid (columns 210 apart, rows
    84), so labels with a stage and warnings (about 360 wide) printed over each other, over the
    summary and over the circle. Every summary opened, no two boxes meet."""
    seats, ties, hints = network(cousins=60, adults=30)
    busy = [Seat(s.id, s.name, s.group, s.relation, "awaiting_safety_check", True, s.generation,
                 True, ("f",)) if s.id.startswith(("c", "a")) else s for s in seats]  # fmt: skip
    e = arrange(busy, ties, "yp", hints)
    assert all(s.members for s in e.summaries)
    by_id = {s.id: s for s in busy}
    boxes = []
    for pid, (x, y) in e.positions.items():
        if pid == "yp":
            continue
        left, top, right, bottom = _person_extent(by_id[pid])
        boxes.append((pid, x + left, y + top, x + right, y + bottom))
    for s in e.summaries:
        rows = s.label.split("\n")
        w, h = max(len(r) for r in rows) * 7.6 + 24, (len(rows) + 1) * 18.0 + 16
        boxes.append((s.id, s.x - w / 2, s.y - h / 2, s.x + w / 2, s.y + h / 2))
    met = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
           if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]  # fmt: skip
    assert met == []


def test_a_long_relation_keeps_the_words_that_say_who_they_are() -> None:
    """A second reader: map labels were cut at the word that says who someone is ("separated
    partner o…"). Without its sides (the colour says the side), then the short way round,
    then cut."""
    said = {
        "separated partner of the father": "father's ex-partner",
        "former spouse of the step-father": "step-father's ex-spouse",
        "mother of the maternal half-brother": "half-brother's mother",
        "paternal great-great-grandmother": "great-great-grandmother",
        "maternal first cousin once removed": "first cousin once remov…",
        "maternal half-sister": "maternal half-sister",
        # None fits: the shortest form cut, not the long one (a third reader).
        "separated partner of the maternal half-brother": "half-brother's ex-partn…",
        # Cut within the relative, never the word that says who they are (a later reader:
        # "first cousin once remov…" named a partner as the cousin).
        "partner of the maternal first cousin once removed": "first cousin…'s partner",
        # Never a relative by marriage cut to read as one by birth: who they are alone.
        "separated partner of the maternal great-uncle by marriage": "ex-partner",
        # Two links: not turned round, which named someone else (a fourth reader).
        "step-daughter of the former spouse of the paternal grandfather": (
            "step-daughter of the fo…"
        ),
    }
    assert {r: relation_label(r) for r in said} == said
    assert all(len(relation_label(r, 22)) <= 22 for r in said)


def test_people_kept_in_sight_take_no_place_of_the_circle() -> None:
    """A later reader: with 24 flagged cousins, a great-aunt in the plan was folded out of the
    circle the flagged took. The flagged are added past its places."""
    seats, ties, hints = network()
    seats = [Seat(s.id, s.name, s.group, s.relation, generation=s.generation, flags=("f",))
             if s.id.startswith("c") and int(s.id[1:]) < 24 else s for s in seats]  # fmt: skip
    seats.append(Seat("ga", "Great-aunt", "paternal", "paternal great-aunt", "in_plan",
                      generation=-2))  # fmt: skip
    hints["ga"] = ("paternal", 6)
    e = arrange(seats, ties, "yp", hints)
    assert "ga" in e.circle
    assert {f"c{n:02d}" for n in range(24)} <= set(e.circle)
    assert not {f"c{n:02d}" for n in range(24)} & set(e.folded)


def test_a_tree_card_marks_a_wish_against_contact() -> None:
    """A later reader: the ecomap's label marked a wish against contact, the tree's card did
    not. The card puts the mark before the relation, as it does a flag's."""
    from visualise.map_items import Looks, node_item

    def card(wish: str | None, flags: list[object]) -> list[str]:
        node = {"id": "p", "group": "paternal", "living": True, "flags": flags,
                "restricted": False, "birth_date": None, "death_date": None, "stage": None,
                "name": "Craig Walsh", "relation": "paternal uncle", "sex": "male", "x": 0,
                "y": 0, "lapsed": False, "last_contact": None, "wish": wish}  # fmt: skip
        label: str = node_item(node, "tree", Looks(), {})["label"]
        return label.replace("\xa0", " ").split("\n")

    assert card("no contact, ever", []) == ["Craig Walsh", "⊘ uncle"]
    assert card("not now", [{"ask": "the manager"}]) == ["Craig Walsh", "⚠ ⊘ uncle"]
    assert card("wants contact", []) == ["Craig Walsh", "uncle"]
