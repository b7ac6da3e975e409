"""`service.plan`: what the Lifelong Links plan says and what changed between two versions, and
`visualise.documents`: the plan as a page. Pure: no database."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from service.plan import Plan, build_plan, changes, how_often, without
from visualise.documents import headers, long_date, render_plan, to_pdf


def _person(pid: str, *commitments: dict[str, Any], wish: str | None = None,
            ordered: bool = False, flagged: tuple[str, ...] = (),
            overridden: tuple[str, ...] = (), living: bool = True) -> dict[str, Any]:  # fmt: skip
    """A person in the plan; `flagged`: who in their household has a flag (flag "f-<who>"),
    `ordered`: a court order on them (order "o-<pid>")."""
    risks = [[who, [f"flag:f-{who}"], []] for who in flagged]
    if ordered:
        risks.append([pid, [], [f"order:o-{pid}"]])
    return {"connection_id": f"c-{pid}", "person_id": pid, "wish": wish, "risks": risks,
            "overridden": list(overridden), "commitments": list(commitments),
            "living": living}  # fmt: skip


def _commitment(
    cid: str, what: str, every_days: int, review_on: str | None = None
) -> dict[str, Any]:
    return {"id": cid, "what": what, "every_days": every_days, "since": "2026-01-10",
            "review_on": review_on}  # fmt: skip


NAMES = {"gran": "Margaret Doyle", "aunt": "Lisa Doyle", "dad": "Craig Hill", "joan": "Joan Pike"}
RELATIONS = {"gran": "maternal grandmother", "aunt": "maternal aunt", "dad": "father",
             "joan": "foster carer"}  # fmt: skip
SIDES: dict[str, str | None] = {"gran": "maternal", "aunt": "maternal", "dad": "paternal",
                                "joan": None}  # fmt: skip


def _facts(*people: dict[str, Any], maternal: str | None = None,
           paternal: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {
        "young_person_id": "kai", "young_person_name": "Kai Thompson",
        "wish_maternal": maternal, "wish_paternal": paternal, "people": list(people),
        "workers": [{"name": "Sam Okafor", "role": "coordinator",
                     "job_title": "Lifelong Links coordinator", "team": "north"}],
        "events": [{"id": "e1", "on": "2026-02-01", "place": "Oak Hall",
                    "title": "Celebration event", "attended": ["Cards", None]}],
    }  # fmt: skip


def _plan(*people: dict[str, Any], **wishes: str | None) -> Plan:
    return build_plan(_facts(*people, **wishes), names=NAMES, relations=RELATIONS, sides=SIDES)


@pytest.mark.parametrize(
    ("days", "words"),
    [(1, "every day"), (7, "every week"), (14, "every two weeks"), (30, "every month"),
     (365, "every year"), (10, "every 10 days")],
)  # fmt: skip
def test_how_often(days: int, words: str) -> None:
    assert how_often(days) == words


def test_the_plan_names_each_person_their_commitments_and_whom_to_contact() -> None:
    plan = _plan(
        _person("gran", _commitment("m1", "A call on Sundays", 14, "2026-07-01")),
        _person("joan", _commitment("m2", "A birthday card", 365, "2026-05-01")),
    )
    assert [(p.name, p.relation) for p in plan.people] == [
        ("Joan Pike", "foster carer"), ("Margaret Doyle", "maternal grandmother")
    ]  # fmt: skip
    assert plan.people[1].commitments[0].how_often == "every two weeks"
    assert plan.next_commitment_review == "2026-05-01"
    assert [c.name for c in plan.contacts] == ["Sam Okafor"]
    assert plan.events[0].came == 2
    assert plan.held_back == []


def test_a_person_kept_away_now_is_held_back_with_the_reason() -> None:
    plan = _plan(
        _person("gran", wish="never"),
        _person("dad", _commitment("m3", "Texts", 7), ordered=True),
        _person("aunt"),  # the maternal side is "not now"
        _person("joan"),  # a trusted adult is on no side: the side wish does not reach her
        maternal="not_now",
    )
    assert [p.name for p in plan.people] == ["Joan Pike"]
    held = {h.name: h.reason for h in plan.held_back}
    assert held == {
        "Craig Hill": "A court order keeps 1 person in this person's household from contacting "
        "the young person; ask the social worker for a new safety check",
        "Lisa Doyle": "the young person does not want contact with this person for now",
        "Margaret Doyle": "the young person has said they never want contact with this person",
    }
    # Their own wish about a person holds over the side's.
    wanted = _plan(_person("aunt", wish="want_contact"), maternal="never")
    assert [p.name for p in wanted.people] == ["Lisa Doyle"]


def test_a_flag_in_the_household_since_the_approval_holds_a_person_back() -> None:
    plan = _plan(
        _person("gran", flagged=("lodger",)),
        _person("joan", flagged=("joan",), overridden=("flag:f-joan",)),  # approved over it
        _person("dad", ordered=True, overridden=("order:o-dad",)),  # approved over that order
    )
    assert [p.name for p in plan.people] == ["Craig Hill", "Joan Pike"]
    (held,) = plan.held_back
    assert held.name == "Margaret Doyle"
    # The plan is read by every case role and kept as versions: it says that a flag keeps the
    # person away, never the flag's level (a detail for those who decide on contact).
    assert held.reason == (
        "1 person in this person's household has a safety flag that keeps this person away; "
        "ask the social worker for a new safety check"
    )


def test_someone_who_has_died_is_no_longer_in_the_plan() -> None:
    """Their promises end with them: the plan does not list a call on Sundays from a grandmother
    who has died, nor hold her back; the changes say only that someone is no longer in it (whoever
    leaves is counted, not named: the list heads the page a family may be given)."""
    call = _commitment("m1", "A call on Sundays", 14)
    before = _plan(_person("gran", call), _person("aunt"))
    after = _plan(_person("gran", call, living=False), _person("aunt"))
    assert [p.name for p in after.people] == ["Lisa Doyle"]
    assert after.held_back == []
    assert after.next_commitment_review is None
    assert changes(before, after) == ["No longer in the plan: 1 person, not named here."]


def test_changes_between_two_versions_in_words() -> None:
    call = _commitment("m1", "A call on Sundays", 14)
    before = _plan(_person("gran", call), _person("dad", _commitment("m3", "Texts", 7)))
    after = _plan(
        _person("gran", {**call, "every_days": 7}, _commitment("m4", "Football matches", 30)),
        _person("aunt"),
        _person("dad", wish="never"),
    )
    assert changes(before, after) == [
        "Joined the plan: Lisa Doyle (maternal aunt).",
        "No longer in the plan: 1 person, not named here.",
        "Commitment added: Margaret Doyle (maternal grandmother): Football matches, every month.",
        "Commitment changed: Margaret Doyle (maternal grandmother): A call on Sundays, every week.",
    ]
    assert changes(after, after) == []
    # Held back, who and why, is said only in the page's part for the workers (the list of
    # changes heads the page a family may be given: a second reader found the father the young
    # person never wants approached named there).
    assert [h.name for h in after.held_back] == ["Craig Hill"]
    assert not any("never" in c or "Held back" in c or "Craig" in c
                   for c in changes(before, after))  # fmt: skip


def test_a_version_read_again_leaves_out_people_since_taken_out_of_the_network() -> None:
    """A second reader: a version printed again named the uncle the case had taken out of the
    network since, and so did the changes heading today's plan. Counted, not named."""
    call = _commitment("m1", "A call on Sundays", 14, "2026-09-01")
    cards = _commitment("m2", "Cards", 182, "2026-05-01")
    agreed = _plan(_person("gran", call), _person("aunt", cards), _person("dad", ordered=True))
    assert [h.name for h in agreed.held_back] == ["Craig Hill"]
    assert agreed.next_commitment_review == "2026-05-01"
    shown, in_plan, held_back = without(agreed, {"aunt", "dad"})
    assert shown.next_commitment_review == "2026-09-01"  # not the aunt's date
    assert [p.name for p in shown.people] == ["Margaret Doyle"]
    assert (shown.held_back, in_plan, held_back) == ([], 1, 1)
    assert without(agreed, set()) == (agreed, 0, 0)
    today = _plan(_person("gran", call))
    assert changes(shown, today, taken_out=in_plan) == [
        "No longer in the plan: 1 person, not named here."
    ]


HOSTILE = "<script>alert(1)</script>"


def test_the_plan_page_escapes_everything_and_loads_nothing() -> None:
    names = {**NAMES, "gran": HOSTILE}
    plan = build_plan(_facts(_person("gran", _commitment("m1", "<b>calls</b>", 14))),
                      names=names, relations=RELATIONS, sides=SIDES)  # fmt: skip
    latest = {"number": 1, "agreed_on": "2026-02-01", "review_on": None}
    page = render_plan(plan.model_dump(), version=None, changes=[f"Joined: {HOSTILE}"],
                       latest=latest)  # fmt: skip
    assert HOSTILE not in page.html
    assert "<b>calls</b>" not in page.html
    # In the heading, the table caption and the change.
    assert page.html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    assert "<script" not in page.html.lower()
    text = " ".join(page.html.split())
    assert "The last version agreed is version 1, on 1 February 2026. Since then:" in text
    assert f"style-src 'nonce-{page.nonce}'" in headers(page.nonce)["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers(page.nonce)["Content-Security-Policy"]


def test_long_date() -> None:
    assert long_date("2026-04-06") == "6 April 2026"
    assert long_date("2026-04") == "April 2026"
    assert long_date("2026") == "2026"
    assert long_date(None) == ""


def test_the_printed_plan_keeps_long_words_within_the_page_and_a_notes_lines() -> None:
    """A second reader: a commitment holding a link, or a long name, ran off the printed plan's
    page (the journey book and the record wrap such words), and a version's note written as a
    list came out as one run-on line."""
    word = "Q" * 600
    names = {**NAMES, "gran": "G" * 150}
    plan = build_plan(_facts(_person("gran", _commitment("m1", word, 14))),
                      names=names, relations=RELATIONS, sides=SIDES)  # fmt: skip
    version = {"number": 1, "agreed_on": "2026-05-01", "review_on": None,
               "recorded_by": "Sam Worker",
               "note": "Agreed at the FGC:\n1. Gran calls on Sundays\n2. Uncle visits"}  # fmt: skip
    html = render_plan(plan.model_dump(), version=version, changes=[], latest=None).html
    pdf = PdfReader(io.BytesIO(to_pdf(html)))
    lines = [line for page in pdf.pages for line in page.extract_text().splitlines()]
    assert "".join(lines).count("Q") == len(word)
    assert "".join(lines).count("G" * 150) >= 1  # the name whole, over lines that fit
    # Every line fits the page but the tables' captions, for screen readers, placed off it.
    shown = [line for line in lines if not line.endswith(" committed to")]
    assert max(len(line) for line in shown) < 100
    assert "1. Gran calls on Sundays" in lines
    assert "2. Uncle visits" in lines
