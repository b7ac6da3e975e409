"""Network maps through the real API on a real Neo4j: the JSON graph, the HTML pages and their
headers, need-to-know in both, hostile names, and embed tokens. What the pages do in a browser
is in test_maps_browser.py."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from neo4j import Driver

from service.auth import embed
from tests.cases import (
    ADMIN_TOKEN,
    BOOT,
    HOSTILE_FAMILY,
    HOSTILE_GIVEN,
    MapCase,
    add_user,
    allocate,
    build_case,
    build_work,
    built_once,
    ok,
    page_data,
    token_for,
)
from tests.conftest import Target, app_client, settings_for

PARENT_ORIGIN = "https://case.example.gov.uk"
# What a browser sends when it loads a page into an iframe.
IN_A_FRAME = {"Sec-Fetch-Dest": "iframe"}
# What an API client asking for JSON sends.
JSON = ("Accept", "application/json")


@pytest.fixture
def case(db: Driver, neo4j_target: Target) -> Iterator[MapCase]:
    settings = settings_for(
        neo4j_target, admin_token=ADMIN_TOKEN, embed_origins=PARENT_ORIGIN, embed_minutes=10
    )
    with app_client(settings) as client:
        yield built_once(build_case, client, db)


def test_ecomap_graph_of_a_purpose_built_network(case: MapCase) -> None:
    build_work(case)
    graph = case.graph()
    nodes = {case.key_of(n["id"]): n for n in graph["nodes"]}
    assert set(nodes) == {"me", "mum", "dad", "gran", "aunt", "lee", "grandad", "sean", "joan",
                          "teacher"}  # fmt: skip
    assert graph["nodes"][0]["id"] == case.yp
    groups = {key: node["group"] for key, node in nodes.items()}
    assert groups == {
        "me": "young_person", "mum": "maternal", "gran": "maternal", "aunt": "maternal",
        "lee": "maternal", "dad": "paternal", "grandad": "paternal", "sean": "paternal",
        "joan": "other", "teacher": "other",
    }  # fmt: skip
    assert nodes["gran"]["relation"] == "maternal grandmother"
    assert nodes["gran"]["living"] is False
    assert nodes["lee"]["kind"] == "by_marriage"
    assert nodes["joan"]["relation"] == "former foster carer"
    assert nodes["teacher"]["relation"] == "teacher"
    assert nodes["teacher"]["name"] == f"{HOSTILE_GIVEN} {HOSTILE_FAMILY}"
    assert nodes["aunt"]["stage"] == "identified"
    assert (nodes["mum"]["lapsed"], nodes["aunt"]["lapsed"]) == (True, False)
    assert nodes["sean"]["restricted"] is True
    assert nodes["lee"]["restricted"] is False
    assert [len(nodes[k]["flags"]) for k in ("lee", "aunt")] == [1, 0]

    # Lines only from the young person, one to each person of their circle: their own ties,
    # drawn by strength, and a family line to the father (no tie of his own), to the uncle
    # a court order keeps away and to the aunt's partner with a safety flag (always shown).
    by_pair = {(case.key_of(e["source"]), case.key_of(e["target"])): e for e in graph["edges"]}
    assert set(by_pair) == {
        ("dad", "me"), ("me", "sean"), ("me", "mum"), ("me", "aunt"), ("me", "joan"),
        ("me", "teacher"), ("me", "lee"),
    }  # fmt: skip
    assert by_pair[("me", "sean")]["type"] == by_pair[("me", "lee")]["type"] == "family"
    assert graph["count"] == {"nodes": 10, "edges": 7}
    # The rest of the family is folded by side, closest first, and opens in place.
    summaries = {s["side"]: s for s in graph["summaries"]}
    assert [case.key_of(m) for m in summaries["maternal"]["members"]] == ["gran"]
    assert summaries["maternal"]["label"] == (
        "Mum's side\n4 relatives found, 0 in contact\n3 in the circle, 1 here"
    )
    assert [case.key_of(m) for m in summaries["paternal"]["members"]] == ["grandad"]
    assert {case.key_of(n["id"]) for n in graph["nodes"] if n["folded"]} == {"gran", "grandad"}
    # Who is this? The path from the young person, and their wish.
    assert [(s["word"], case.key_of(s["person_id"])) for s in nodes["lee"]["path"]] == [
        ("mother", "mum"), ("sister", "aunt"), ("partner", "lee")]  # fmt: skip
    assert nodes["me"]["path"] == []
    assert nodes["teacher"]["path"] is None
    assert (nodes["aunt"]["side"], nodes["teacher"]["side"]) == ("maternal", None)
    ties = {pair[1]: e for pair, e in by_pair.items() if e["type"] == "tie"}
    assert (ties["mum"]["strength"], ties["mum"]["lapsed"]) == ("tenuous", True)
    assert (ties["aunt"]["strength"], ties["aunt"]["lapsed"]) == ("moderate", False)
    assert ties["teacher"]["stressful"] is True
    assert (ties["joan"]["kind"], ties["joan"]["current"], ties["joan"]["lapsed"]) == (
        "foster_carer", False, True)  # fmt: skip

    # The ecomap's layout: the young person in the middle, mother's side left, father's right,
    # other adults below.
    assert (nodes["me"]["x"], nodes["me"]["y"]) == (0, 0)
    assert all(n["x"] < 0 for n in nodes.values() if n["group"] == "maternal")
    assert all(n["x"] > 0 for n in nodes.values() if n["group"] == "paternal")
    assert all(n["y"] > 0 for n in nodes.values() if n["group"] == "other")


def test_tree_graph_is_a_genogram(case: MapCase) -> None:
    whole = case.graph(view="tree", scope="whole")
    nodes = {case.key_of(n["id"]): n for n in whole["nodes"]}
    assert set(nodes) == {"me", "mum", "dad", "gran", "aunt", "lee", "grandad", "sean"}
    assert {e["type"] for e in whole["edges"]} == {"parent", "partner"}
    assert whole["count"] == {"nodes": 8, "edges": 7}
    rows = {key: node["y"] for key, node in nodes.items()}
    assert rows["mum"] == rows["dad"] == rows["aunt"] == rows["sean"] == rows["lee"] < rows["me"]
    assert rows["gran"] == rows["grandad"] < rows["mum"]
    # Couples side by side with their couple line; a drop and bar to the children.
    assert abs(nodes["aunt"]["x"] - nodes["lee"]["x"]) == 180
    kinds = [line["kind"] for line in whole["lines"]]
    assert kinds.count("couple") == 2
    assert kinds.count("child") == 5
    assert {line["style"] for line in whole["lines"] if line["kind"] == "couple"} == {
        "dashed",
        "dotted",
    }
    # Close family, the default: no aunt, uncle or aunt's partner.
    close = case.graph(view="tree")
    assert close["scope"] == "close"
    assert {case.key_of(n["id"]) for n in close["nodes"]} == {"me", "mum", "dad", "gran", "grandad"}


def test_the_maps_say_where_a_safety_concern_is_out_of_sight(case: MapCase) -> None:
    """Second readers: the close family's tree drew neither the uncle under a restraining
    order nor the aunt's flagged partner, and said nothing of them; and an ecomap's summary
    said how many of its folded people carry a flag, not how many a safeguarding link runs
    through (the grandfather living with a flagged lodger)."""
    build_work(case)
    ids = case.family.ids
    close = case.graph(view="tree")
    assert "sean" not in {case.key_of(n["id"]) for n in close["nodes"]}
    assert close["beyond_close"] == 2  # Sean (the order) and Lee (the flag)
    assert case.graph(view="tree", scope="whole")["beyond_close"] == 0
    # Of those the whole tree would show with the same filters (a second reader).
    assert case.graph(view="tree", side="maternal")["beyond_close"] == 1  # Lee, not Sean
    page = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers,
                           params={"view": "tree"})  # fmt: skip
    assert page.status_code == 200, page.text
    assert (
        '<p class="notice" role="note">2 people of the family with a safety flag or under '
        "a court order are not on this tree of the close family"
    ) in page.text
    ecomap = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers)
    assert 'class="notice"' not in ecomap.text
    lodger = case.family.person("lodger", "male")
    home = {"line1": "3 Canal Row", "town": "Leeds", "postcode": "LS2 7AB", "since": "2024-01-01"}
    for who in (ids["grandad"], lodger):
        assert case.client.post(f"/people/{who}/addresses", headers=case.coordinator.headers,
                                json=home).status_code == 204  # fmt: skip
    flag = {"kind": "person_posing_risk_to_children", "level": 3, "source": "Police"}
    ok(case.client.post(f"/people/{lodger}/flags", headers=case.social_worker.headers,
                        json=flag), 201)  # fmt: skip
    page = case.client.get(f"/young-people/{case.yp}/map", headers=case.social_worker.headers)
    summaries = {s["side"]: s for s in json.loads(page_data(page.text, "ll-page"))["summaries"]}
    assert [case.key_of(m) for m in summaries["paternal"]["members"]] == ["grandad"]
    assert summaries["paternal"]["label"].endswith("\n1 with a safeguarding link")
    assert "safeguarding link" not in summaries["maternal"]["label"]


def test_a_map_of_one_side_folds_its_family_on_that_side(case: MapCase) -> None:
    """A second reader: the ecomap of Dad's side had a "Mum's side" summary, of the relatives
    on both sides or none (a full sister's children), which fold with the mother's side on the
    map of both."""
    f = case.family
    f.person("sis", "female")
    f.child("mum", "sis")
    f.child("dad", "sis")
    f.person("niece", "female")
    f.child("sis", "niece")
    both = {s["side"]: s for s in case.graph()["summaries"]}
    assert "niece" in [case.key_of(m) for m in both["maternal"]["members"]]
    dads = case.graph(side="paternal")
    summaries = {s["side"]: s for s in dads["summaries"]}
    assert set(summaries) == {"paternal"}
    assert "niece" in [case.key_of(m) for m in summaries["paternal"]["members"]]
    assert summaries["paternal"]["label"].startswith("Dad's side\n")
    assert all(n["x"] >= 0 for n in dads["nodes"] if n["group"] != "other")


def test_the_tree_draws_a_step_fathers_former_wife_and_a_step_sisters_mother(
    case: MapCase,
) -> None:
    # Mum's husband was married before, to Ruth, with whom he has a daughter, Tia: Tia is a
    # step-sister; Ruth is nobody's relative but belongs in any family tree of the household.
    f = case.family
    f.people(stepdad="male", ruth="female", tia="female")
    f.partners("mum", "stepdad", "married", since="2015")
    f.partners("stepdad", "ruth", "divorced", since="2001", until="2010")
    f.child("stepdad", "tia")
    f.child("ruth", "tia")
    graph = case.graph(view="tree")
    nodes = {case.key_of(n["id"]): n for n in graph["nodes"]}
    assert {"stepdad", "tia"} <= set(nodes)
    assert "ruth" not in nodes  # close family
    assert [(s["word"], case.key_of(s["person_id"])) for s in nodes["tia"]["path"]] == [
        ("mother", "mum"), ("husband", "stepdad"), ("daughter", "tia")]  # fmt: skip
    graph = case.graph(view="tree", scope="whole")
    nodes = {case.key_of(n["id"]): n for n in graph["nodes"]}
    assert nodes["stepdad"]["relation"] == "step-father"
    assert nodes["tia"]["relation"] == "step-sister"
    assert nodes["ruth"]["relation"] == "former spouse of the step-father"
    edges = {(case.key_of(e["source"]), case.key_of(e["target"]), e["type"])
             for e in graph["edges"]}  # fmt: skip
    assert {("stepdad", "ruth", "partner"), ("ruth", "tia", "parent")} <= edges


def test_filters(case: MapCase) -> None:
    def keys(**params: Any) -> set[str]:
        return {case.key_of(n["id"]) for n in case.graph(**params)["nodes"]}

    assert keys(max_generations=1) == {"me", "mum", "dad", "joan", "teacher"}
    build_work(case)
    assert keys(side="maternal") == {"me", "mum", "gran", "aunt", "lee"}
    assert keys(side="paternal") == {"me", "dad", "grandad", "sean"}
    assert keys(living="false") == {"me", "gran"}
    assert keys(stage="identified") == {"me", "mum", "aunt"}
    assert keys(side="maternal", living="true", stage="identified") == {"me", "mum", "aunt"}
    bad = case.client.get(f"/young-people/{case.yp}/graph", headers=case.coordinator.headers,
                          params={"side": "both-ways"})  # fmt: skip
    assert bad.status_code == 422


def test_same_map_twice_is_the_same(case: MapCase) -> None:
    build_work(case)
    for view in ("ecomap", "tree"):
        assert case.graph(view=view) == case.graph(view=view)
        first, second = (
            case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers,
                            params={"view": view})
            for _ in range(2)
        )  # fmt: skip
        assert page_data(first.text, "ll-nodes") == page_data(second.text, "ll-nodes")
        assert first.headers["content-security-policy"] != second.headers["content-security-policy"]


def test_the_menus_show_the_filters_the_map_was_opened_with(case: MapCase) -> None:
    """A second reader: a map opened for the maternal side, living people only, said "both
    sides" and "living and deceased" in its menus while the rest was already left out."""
    build_work(case)
    opened = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers,
                             params={"side": "maternal", "living": "true",
                                     "stage": "willing"}).text  # fmt: skip
    assert '<option value="maternal" selected>' in opened
    assert '<option value="living" selected>' in opened
    assert '<option value="willing" selected>' in opened
    plain = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers).text
    assert " selected>" not in plain


def test_flag_details_follow_need_to_know(case: MapCase) -> None:
    build_work(case)
    lee = case.family.ids["lee"]
    for actor, sees in ((case.coordinator, False), (case.social_worker, True),
                        (case.manager, True)):  # fmt: skip
        node = next(n for n in case.graph(actor)["nodes"] if n["id"] == lee)
        flag = node["flags"][0]
        assert flag["ask"].startswith("social_worker1")
        assert ("content" in flag) is sees
        if sees:
            assert flag["content"] == {"kind": "person_posing_risk_to_children", "level": 3}
        page = case.client.get(f"/young-people/{case.yp}/map", headers=actor.headers).text
        assert ("person posing a risk to children" in page) is sees
        assert "Safety flag" in page
        # The terms of the order and the flag's details are never on a map.
        assert "No contact of any kind" not in page
        assert "Disclosed in 2024" not in page


def test_page_is_self_contained_safe_and_escaped(case: MapCase) -> None:
    response = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([A-Za-z0-9_-]+)'", csp)
    assert nonce is not None
    assert csp.startswith("default-src 'none'; script-src 'nonce-")
    assert "frame-ancestors 'none'" in csp
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    html = response.text
    # Every executable script carries the nonce; the rest are data blocks.
    scripts = re.findall(r"<script\s([^>]*)>", html)
    assert len(scripts) == 6
    for attributes in scripts:
        assert f'nonce="{nonce.group(1)}"' in attributes or 'type="application/json"' in attributes
    assert not re.search(r"(src|href)=\"?(https?:)?//", html)
    assert "cdn" not in html.lower().replace("cdnjs", "")
    # The hostile names are data, not markup.
    assert HOSTILE_GIVEN not in html
    assert HOSTILE_FAMILY not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "\\u003cscript\\u003ealert(2)\\u003c/script\\u003e" in html


def test_a_hostile_young_person_name_in_the_title_is_escaped(case: MapCase) -> None:
    ok(case.client.patch(f"/people/{case.yp}", headers=case.coordinator.headers,
                         json={"given_name": HOSTILE_FAMILY}), 200)  # fmt: skip
    html = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers).text
    assert HOSTILE_FAMILY not in html
    assert "<title>&lt;script&gt;alert(2)&lt;/script&gt; Marlow: network map</title>" in html


def test_embed_tokens(case: MapCase) -> None:
    refused = case.mint(origin="https://elsewhere.example.com")
    assert refused.status_code == 422
    assert "LL_EMBED_ORIGINS" in refused.json()["error"]["message"]
    assert case.mint(origin="not an origin").status_code == 422
    assert case.mint(minutes=61).status_code == 422

    link = ok(case.mint(view="tree", origin=PARENT_ORIGIN + "/", minutes=30), 201)
    assert link["origin"] == PARENT_ORIGIN
    assert link["url"].endswith(f"/embed?token={link['token']}")
    lasts = datetime.fromisoformat(link["expires_at"]) - datetime.now(UTC)
    assert timedelta(minutes=9) < lasts <= timedelta(minutes=10)  # capped by LL_EMBED_MINUTES

    page = case.client.get("/embed", params={"token": link["token"]}, headers=IN_A_FRAME)
    assert page.status_code == 200, page.text
    csp = page.headers["content-security-policy"]
    assert csp.endswith(f"frame-ancestors {PARENT_ORIGIN}")
    client = json.loads(page_data(page.text, "ll-page"))
    assert client["parentOrigin"] == "https://case.example.gov.uk"
    assert client["view"] == "tree"
    # Coordinators' embedded maps follow their need-to-know too.
    assert "Safety flag" not in page.text  # nobody is flagged yet

    # Without an origin the link opens the map on its own and cannot be framed.
    alone = ok(case.mint(), 201)
    page = case.client.get("/embed", params={"token": alone["token"]})
    assert page.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    assert json.loads(page_data(page.text, "ll-page"))["parentOrigin"] is None


def test_a_link_made_for_a_frame_opens_only_in_one(case: MapCase) -> None:
    """A link made for an origin, opened as a page of its own (pasted into an address bar,
    reopened from history or a log, fetched by a link preview), is refused and the refusal
    audited; the same link in a frame opens. A link made without an origin opens on its own,
    never framed (the browser would block the page after it was sent)."""
    link = ok(case.mint(view="ecomap", origin=PARENT_ORIGIN), 201)
    for headers in ({}, {"Sec-Fetch-Dest": "document"}, {"Sec-Fetch-Dest": "empty"},
                    {"Sec-Fetch-Dest": "iframe, document"}, {"Sec-Fetch-Dest": "object"},
                    [("Sec-Fetch-Dest", "iframe"), ("Sec-Fetch-Dest", "document")]):  # fmt: skip
        # As an API client asks (a browser is given a page: test_a_refused_embed_link_is_...).
        asked = [*(headers.items() if isinstance(headers, dict) else headers), JSON]
        refused = case.client.get("/embed", params={"token": link["token"]}, headers=asked)
        assert refused.status_code == 401, (headers, refused.text)
        message = refused.json()["error"]["message"]
        assert message.startswith(f"This embed link opens only inside a page of {PARENT_ORIGIN}.")
        assert "ll-map" not in refused.text
    for said in ("iframe", "IFRAME", " frame "):
        framed = case.client.get("/embed", params={"token": link["token"]},
                                 headers={"Sec-Fetch-Dest": said})  # fmt: skip
        assert framed.status_code == 200, (said, framed.text)
        csp = framed.headers["content-security-policy"]
        assert csp.endswith(f"frame-ancestors {PARENT_ORIGIN}")
    alone = ok(case.mint(), 201)["token"]
    own = case.client.get("/embed", params={"token": alone}, headers={"Sec-Fetch-Dest": "document"})
    assert own.status_code == 200, own.text
    in_a_frame = case.client.get(
        "/embed", params={"token": alone}, headers={**IN_A_FRAME, "Accept": "application/json"}
    )
    assert in_a_frame.status_code == 401
    assert in_a_frame.json()["error"]["message"].startswith(
        "This embed link opens the map on its own; to frame it, make a link for the framing"
    )
    assert "ll-map" not in in_a_frame.text

    params: dict[str, str | int] = {"young_person_id": case.yp, "limit": 500}
    events = ok(case.client.get("/audit", headers=case.manager.headers, params=params))["data"]
    views = [(e["outcome"], e["reason"], e["user_id"]) for e in events
             if e["action"] == "read_embedded_map"]  # fmt: skip
    me = case.coordinator.user_id
    assert views.count(("refused", "opened outside a frame", me)) == 6
    assert views.count(("refused", "opened in a frame, made without an origin", me)) == 1
    assert [v for v in views if v[0] == "allowed"] == [("allowed", None, me)] * 4


def test_a_misplaced_link_is_audited_for_its_more_serious_reason_first(case: MapCase) -> None:
    """A link made for a frame, opened outside one after its user's allocation ended, or after
    the API token it was made with was revoked (perhaps stolen), is refused for that, and the
    audit trail says so, rather than only that it was opened outside a frame."""
    link = ok(case.mint(origin=PARENT_ORIGIN), 201)["token"]
    case.end_allocation()
    refused = case.client.get("/embed", params={"token": link})
    assert refused.status_code == 401
    said = refused.json()["error"]["message"]
    assert said == "This embed link's user may no longer see this map."

    social_worker = case.social_worker
    made = ok(case.client.post(f"/young-people/{case.yp}/embed-tokens",
                               headers=social_worker.headers, json={"origin": PARENT_ORIGIN}),
              201)["token"]  # fmt: skip
    revoked = case.client.delete(f"/tokens/{social_worker.token_id}", headers=BOOT)
    assert revoked.status_code == 204, revoked.text
    refused = case.client.get("/embed", params={"token": made})
    assert refused.status_code == 401
    assert "revoked" in refused.json()["error"]["message"]

    params: dict[str, str | int] = {"young_person_id": case.yp, "limit": 500}
    events = ok(case.client.get("/audit", headers=case.manager.headers, params=params))["data"]
    refusals = sorted((e["user_id"], e["reason"]) for e in events
                      if e["action"] == "read_embedded_map")  # fmt: skip
    assert refusals == sorted([
        (case.coordinator.user_id, "not within the caller's cases"),
        (social_worker.user_id, "the API token it was made with is revoked or expired"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("url", "said"),
    [("https://maps.council.example.gov.uk", True), ("http://127.0.0.1:8000", True),
     ("http://localhost:8000", True), ("http://maps.localhost", True), ("http://[::1]:8000", True),
     ("http://maps.council.internal", False), ("http://10.0.0.5:8000", False)],
)  # fmt: skip
def test_browsers_say_where_a_page_goes_only_to_https_and_this_machine(
    neo4j_target: Target, url: str, said: bool
) -> None:
    settings = settings_for(neo4j_target, public_url=url)
    assert settings.browsers_say_where_pages_go is said


def test_embed_origins_on_a_plain_http_address_are_warned_of(
    db: Driver, neo4j_target: Target, caplog: pytest.LogCaptureFixture
) -> None:
    """Browsers send no Sec-Fetch-Dest to a plain http address: every link made for a frame
    would be refused, so the start-up says why."""
    caplog.set_level(logging.WARNING, logger="service")
    plain = settings_for(neo4j_target, admin_token=ADMIN_TOKEN, embed_origins=PARENT_ORIGIN,
                         public_url="http://maps.council.internal")  # fmt: skip
    with app_client(plain):
        pass
    warned = [r.getMessage() for r in caplog.records if "LL_EMBED_ORIGINS" in r.getMessage()]
    assert len(warned) == 1, caplog.text
    assert "is not https" in warned[0]
    caplog.clear()
    secure = settings_for(neo4j_target, admin_token=ADMIN_TOKEN, embed_origins=PARENT_ORIGIN,
                          public_url="https://maps.council.example.gov.uk")  # fmt: skip
    with app_client(secure):
        pass
    assert not [r for r in caplog.records if "LL_EMBED_ORIGINS" in r.getMessage()]


def test_embed_tokens_are_refused_when_altered_expired_or_no_longer_allowed(
    case: MapCase,
) -> None:
    token = ok(case.mint(), 201)["token"]
    head, payload, signature = token.split(".")
    tampered = f"{head}.{payload}.{signature[:-3]}{'AAA' if signature[-3:] != 'AAA' else 'BBB'}"
    other_yp = payload[:-2] + ("xx" if payload[-2:] != "xx" else "yy")
    for bad in (tampered, f"{head}.{other_yp}.{signature}", token[:-1], "x" * 40):
        refused = case.client.get("/embed", params={"token": bad})
        assert refused.status_code == 401, bad
        assert refused.json()["error"]["message"] == "This embed link is not valid."
    assert case.client.get("/embed").status_code == 422

    key: bytes = case.client.app.state.embed_key  # type: ignore[attr-defined]
    old, _ = embed.mint(key, user_id=case.coordinator.user_id, young_person_id=case.yp,
                        view="ecomap", origin=None, minutes=5,
                        now=datetime.now(UTC) - timedelta(minutes=6))  # fmt: skip
    expired = case.client.get("/embed", params={"token": old})
    assert expired.status_code == 401
    assert "expired" in expired.json()["error"]["message"]
    forged, _ = embed.mint(b"another key entirely, 32 bytes long",
                           user_id=case.coordinator.user_id, young_person_id=case.yp,
                           view="ecomap", origin=None, minutes=5)  # fmt: skip
    assert case.client.get("/embed", params={"token": forged}).status_code == 401

    # Ending the allocation ends the coordinator's embed links at once.
    assert case.client.get("/embed", params={"token": token}).status_code == 200
    case.end_allocation()
    refused = case.client.get("/embed", params={"token": token})
    assert refused.status_code == 401
    assert "no longer" in refused.json()["error"]["message"]

    params: dict[str, str | int] = {"young_person_id": case.yp, "limit": 500}
    events = ok(case.client.get("/audit", headers=case.manager.headers, params=params))["data"]
    embedded = [(e["action"], e["outcome"], e["user_id"]) for e in events
                if e["action"] in ("read_embedded_map", "create_embed_token")]  # fmt: skip
    me = case.coordinator.user_id
    assert embedded.count(("create_embed_token", "allowed", me)) == 1
    assert embedded.count(("read_embedded_map", "allowed", me)) == 1
    assert embedded.count(("read_embedded_map", "refused", me)) == 2  # expired, then unallocated
    reasons = {e["reason"] for e in events if e["action"] == "read_embedded_map"}
    assert "embed token expired" in reasons


# What Chromium sends when it loads a page into an iframe.
BROWSER_FRAME = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Sec-Fetch-Dest": "iframe"}


def test_a_refused_embed_link_is_a_page_for_a_browser_and_json_for_an_api(case: MapCase) -> None:
    """A second reader: an expired link inside a council system's frame showed the raw JSON
    error, and the framing page could not tell. A browser loading a page is given the refusal
    in words, under the map page's headers, with the reason for the framing page; an API
    client still gets JSON."""
    key: bytes = case.client.app.state.embed_key  # type: ignore[attr-defined]
    old, _ = embed.mint(key, user_id=case.coordinator.user_id, young_person_id=case.yp,
                        view="ecomap", origin=PARENT_ORIGIN, minutes=5,
                        now=datetime.now(UTC) - timedelta(minutes=6))  # fmt: skip
    for headers in (BROWSER_FRAME, {"Accept": "text/html"}, {"Sec-Fetch-Dest": "document"}):
        page = case.client.get("/embed", params={"token": old}, headers=headers)
        assert page.status_code == 401, headers
        assert page.headers["content-type"].startswith("text/html"), headers
        assert "<h1>This link has expired</h1>" in page.text
        assert "This embed link has expired; ask for a new one." in page.text
        assert "get a new link" in page.text
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["referrer-policy"] == "no-referrer"
        csp = page.headers["content-security-policy"]
        assert csp.startswith("default-src 'none'; script-src 'nonce-")
        assert csp.endswith(f"frame-ancestors {PARENT_ORIGIN}")
        # Told to the link's origin, and nothing about the case.
        said = json.loads(page_data(page.text, "ll-refused"))
        assert said == {"code": "expired", "target": PARENT_ORIGIN}
        for private in (case.yp, case.coordinator.user_id, "Marlow"):
            assert private not in page.text
    # An altered link names no origin that can be trusted: any allowed origin may frame the
    # page, which tells whoever frames it.
    token = ok(case.mint(origin=PARENT_ORIGIN), 201)["token"]
    page = case.client.get("/embed", params={"token": token[:-2] + "xx"}, headers=BROWSER_FRAME)
    assert page.status_code == 401
    assert "<h1>This map cannot be shown</h1>" in page.text
    assert "This embed link is not valid." in page.text
    assert json.loads(page_data(page.text, "ll-refused")) == {"code": "invalid", "target": "*"}
    assert page.headers["content-security-policy"].endswith(f"frame-ancestors {PARENT_ORIGIN}")
    # Opened outside a frame, the reason says so.
    in_a_tab = {"Accept": "text/html", "Sec-Fetch-Dest": "document"}
    page = case.client.get("/embed", params={"token": token}, headers=in_a_tab)
    assert page.status_code == 401
    assert f"This embed link opens only inside a page of {PARENT_ORIGIN}." in page.text
    assert json.loads(page_data(page.text, "ll-refused"))["code"] == "wrong_place"
    # API clients: JSON, whatever else they send.
    for headers in ({}, {"Accept": "application/json"},
                    {"Accept": "application/json", "Sec-Fetch-Dest": "iframe"}):  # fmt: skip
        refused = case.client.get("/embed", params={"token": old}, headers=headers)
        assert refused.status_code == 401
        assert refused.json()["error"] == {
            "code": "unauthorized", "message": "This embed link has expired; ask for a new one."
        }  # fmt: skip


def test_an_embed_link_stays_dead_when_access_to_the_case_comes_back(case: MapCase) -> None:
    """A second reader: a link whose user's allocation ended worked again when they were
    allocated anew, and a manager's when the case moved to another team and back. A link made
    before the user's access to the case last changed stays dead; a new one works."""
    links = {who.user_id: ok(case.mint(who), 201)["token"]
             for who in (case.coordinator, case.manager)}  # fmt: skip
    # A link's `iat` is in whole seconds: what changes a second and more after it is later.
    time.sleep(1.1)

    def view(who: Any) -> Any:
        return case.client.get("/embed", params={"token": links[who.user_id]})

    assert (view(case.coordinator).status_code, view(case.manager).status_code) == (200, 200)
    case.end_allocation()
    assert view(case.coordinator).status_code == 401
    allocate(case.client, case.manager, case.yp, case.coordinator)
    again = view(case.coordinator)
    assert again.status_code == 401, again.text
    assert "before your access to this case last changed" in again.json()["error"]["message"]
    assert case.client.get(f"/young-people/{case.yp}/graph",
                           headers=case.coordinator.headers).status_code == 200  # fmt: skip
    assert ok(case.mint(), 201)["token"] not in links.values()
    assert case.client.get("/embed", params={"token": ok(case.mint(), 201)["token"]}
                           ).status_code == 200  # fmt: skip
    south = add_user(case.client, "manager.south", "manager", team="south")
    for team, who in (("south", case.manager), ("north", south)):
        ok(case.client.patch(f"/young-people/{case.yp}", headers=who.headers,
                             json={"team": team}))  # fmt: skip
    assert view(case.manager).status_code == 401
    params: dict[str, str | int] = {"young_person_id": case.yp, "limit": 500}
    events = ok(case.client.get("/audit", headers=case.manager.headers, params=params))["data"]
    reasons = [e["reason"] for e in events if e["action"] == "read_embedded_map"
               and e["outcome"] == "refused"]  # fmt: skip
    assert reasons.count("made before the user's access to the case last changed") == 2


def test_an_embed_link_stays_dead_when_its_users_team_or_role_comes_back(case: MapCase) -> None:
    """A second reader: a north manager's link, dead once an admin moved them to south, opened
    the map again when they were moved back; so did one after a role changed and back."""
    links = [ok(case.mint(case.manager), 201)["token"]]
    time.sleep(1.1)  # a link's `iat` is in whole seconds

    def view(link: str) -> int:
        return case.client.get("/embed", params={"token": link}).status_code

    assert view(links[0]) == 200
    user = f"/users/{case.manager.user_id}"
    for away, back in (({"team": "south"}, {"team": "north"}),
                       ({"role": "coordinator"}, {"role": "manager"})):  # fmt: skip
        ok(case.client.patch(user, headers=BOOT, json=away))
        assert view(links[-1]) == 401
        ok(case.client.patch(user, headers=BOOT, json=back))
        assert case.client.get(f"/young-people/{case.yp}/graph",
                               headers=case.manager.headers).status_code == 200  # fmt: skip
        assert [view(link) for link in links] == [401] * len(links)
        links.append(ok(case.mint(case.manager), 201)["token"])
        assert view(links[-1]) == 200
        time.sleep(1.1)
    # A change of their display name or job title is no change of access.
    ok(case.client.patch(user, headers=BOOT, json={"job_title": "Team manager (north)"}))
    assert view(links[-1]) == 200


def test_an_embed_link_lasts_no_longer_than_the_token_it_was_made_with(case: MapCase) -> None:
    """A link made with an API token stops when that token is revoked (a stolen token's links
    with it); one made with the same user's other token keeps working."""
    first = ok(case.mint(), 201)["token"]
    other = token_for(case.client, case.coordinator.user_id)
    second = ok(case.client.post(f"/young-people/{case.yp}/embed-tokens", headers=other,
                                 json={}), 201)["token"]  # fmt: skip
    for link in (first, second):
        assert case.client.get("/embed", params={"token": link}).status_code == 200
    revoked = case.client.delete(f"/tokens/{case.coordinator.token_id}", headers=BOOT)
    assert revoked.status_code == 204, revoked.text
    refused = case.client.get("/embed", params={"token": first})
    assert refused.status_code == 401
    assert "revoked" in refused.json()["error"]["message"]
    assert case.client.get("/embed", params={"token": second}).status_code == 200
    # A link of the service's own (the demo's first look) names no token and is not affected.
    key: bytes = case.client.app.state.embed_key  # type: ignore[attr-defined]
    made, claims = embed.mint(key, user_id=case.coordinator.user_id, young_person_id=case.yp,
                              view="ecomap", origin=None, minutes=5)  # fmt: skip
    assert claims.api_token_id is None
    assert case.client.get("/embed", params={"token": made}).status_code == 200
    params: dict[str, str | int] = {"young_person_id": case.yp, "limit": 500}
    events = ok(case.client.get("/audit", headers=case.manager.headers, params=params))["data"]
    refusals = [e["reason"] for e in events
                if e["action"] == "read_embedded_map" and e["outcome"] == "refused"]  # fmt: skip
    assert refusals == ["the API token it was made with is revoked or expired"]


def test_disabling_a_user_ends_their_tokens_and_links_for_good(case: MapCase) -> None:
    """A user disabled (often because a token or a laptop went astray) and enabled again gets
    none of their old API tokens or embed links back, only new ones; the audit trail says how
    many tokens were revoked. Before, enabling them brought every old token and link back."""
    coordinator = case.coordinator.user_id
    other = token_for(case.client, coordinator)
    links = [ok(case.mint(), 201)["token"],
             ok(case.client.post(f"/young-people/{case.yp}/embed-tokens", headers=other,
                                 json={}), 201)["token"]]  # fmt: skip
    # A link of the service's own (the demo's first look) names no token: the disabling ends
    # it all the same.
    key: bytes = case.client.app.state.embed_key  # type: ignore[attr-defined]
    links.append(embed.mint(key, user_id=coordinator, young_person_id=case.yp, view="ecomap",
                            origin=None, minutes=5)[0])  # fmt: skip
    for link in links:
        assert case.client.get("/embed", params={"token": link}).status_code == 200
    # One token revoked by hand before: not counted again, and its revocation time is kept.
    spare_id = ok(case.client.post(f"/users/{coordinator}/tokens", headers=BOOT, json={}),
                  201)["id"]  # fmt: skip
    assert case.client.delete(f"/tokens/{spare_id}", headers=BOOT).status_code == 204
    tokens_before = ok(case.client.get(f"/users/{coordinator}/tokens", headers=BOOT))["data"]
    revoked_before = {t["id"]: t["revoked_at"] for t in tokens_before if t["revoked_at"]}
    assert list(revoked_before) == [spare_id]

    disabled = ok(case.client.patch(f"/users/{coordinator}", headers=BOOT,
                                    json={"disabled": True}))  # fmt: skip
    assert disabled["disabled"] is True
    assert disabled["last_disabled_at"] is not None
    enabled = ok(case.client.patch(f"/users/{coordinator}", headers=BOOT,
                                   json={"disabled": False}))  # fmt: skip
    assert enabled["disabled"] is False
    assert enabled["last_disabled_at"] == disabled["last_disabled_at"]

    for headers in (case.coordinator.headers, other):
        assert case.client.get("/me", headers=headers).status_code == 401
    for link in links:
        refused = case.client.get("/embed", params={"token": link})
        assert refused.status_code == 401, refused.text
        assert "before its user was disabled" in refused.json()["error"]["message"]
    tokens = ok(case.client.get(f"/users/{coordinator}/tokens", headers=BOOT))["data"]
    assert all(t["revoked_at"] for t in tokens), tokens
    assert {t["id"]: t["revoked_at"] for t in tokens}[spare_id] == revoked_before[spare_id]
    # What they are given now works.
    fresh = token_for(case.client, coordinator)
    assert ok(case.client.get("/me", headers=fresh))["user_id"] == coordinator
    link = ok(case.client.post(f"/young-people/{case.yp}/embed-tokens", headers=fresh,
                               json={}), 201)["token"]  # fmt: skip
    assert case.client.get("/embed", params={"token": link}).status_code == 200

    trail = ok(case.client.get("/audit", headers=BOOT, params={"limit": 500}))["data"]
    changes = [
        e["reason"]
        for e in trail
        if e["action"] == "user.update" and e["resource"] == f"user:{coordinator}"
    ]
    assert sorted(changes) == ["changed: disabled false -> true; 2 API tokens revoked on disabling",
                               "changed: disabled true -> false"]  # fmt: skip
    refusals = [
        e["reason"]
        for e in trail
        if e["action"] == "read_embedded_map" and e["outcome"] == "refused"
    ]
    assert refusals == ["made before the user was disabled"] * 3


def test_an_embed_link_made_with_a_token_expires_no_later_than_the_token(
    case: MapCase, db: Driver
) -> None:
    """The link's stated expiry (what an embedding system shows and plans by) is capped at its
    API token's: a token with four minutes left makes a four-minute link, not a ten-minute one."""
    # A stored expiry has a fraction of a second (Neo4j keeps nanoseconds): the link's, in whole
    # seconds, is at most the token's and within a second of it.
    token_expires = datetime.now(UTC) + timedelta(minutes=4, microseconds=654321)
    db.execute_query("MATCH (t:ApiToken {id: $id}) SET t.expires_at = $at",
                     id=case.coordinator.token_id, at=token_expires)  # fmt: skip
    link = ok(case.mint(), 201)
    key: bytes = case.client.app.state.embed_key  # type: ignore[attr-defined]
    for expires in (datetime.fromisoformat(link["expires_at"]),
                    embed.verify(key, link["token"]).expires_at):  # fmt: skip
        assert token_expires - timedelta(seconds=1) < expires <= token_expires
    # A token with longer to run gives the link its usual ten minutes.
    other = token_for(case.client, case.coordinator.user_id)
    before = datetime.now(UTC)
    made = ok(case.client.post(f"/young-people/{case.yp}/embed-tokens", headers=other,
                               json={}), 201)  # fmt: skip
    after = datetime.now(UTC)
    expires = datetime.fromisoformat(made["expires_at"])
    assert before + timedelta(minutes=10, seconds=-1) <= expires <= after + timedelta(minutes=10)
    # A token about to expire makes no link that is dead on arrival: a 401 that says why.
    db.execute_query("MATCH (t:ApiToken {id: $id}) SET t.expires_at = datetime() + duration("
                     "{milliseconds: 500})", id=case.coordinator.token_id)  # fmt: skip
    refused = case.mint()
    assert refused.status_code == 401, refused.text
    assert refused.json()["error"]["message"] == (
        "The token used expires within a second; sign in with another."
    )
    assert refused.headers["www-authenticate"].startswith("Bearer")
    params: dict[str, str | int] = {"young_person_id": case.yp, "limit": 500}
    events = ok(case.client.get("/audit", headers=case.manager.headers, params=params))["data"]
    assert [e["reason"] for e in events
            if e["action"] == "create_embed_token" and e["outcome"] == "refused"] == [
        "the token used expires within a second"]  # fmt: skip


@pytest.mark.parametrize(
    "stored",
    ["REMOVE t.expires_at", "SET t.expires_at = localdatetime() + duration({days: 9})",
     "SET t.expires_at = date() + duration({days: 9})", "SET t.expires_at = '2999-01-01'"],
)  # fmt: skip
def test_a_token_with_no_expiry_is_refused_not_an_error(
    case: MapCase, db: Driver, stored: str
) -> None:
    """Every token is made with an expiry, a date and time; one without, or with another kind
    of value (edited by hand, or migrated), signs in as no one, as an expired one does, rather
    than failing every request or never expiring; it is still listed and revoked."""
    db.execute_query(f"MATCH (t:ApiToken {{id: $id}}) {stored}", id=case.coordinator.token_id)
    answer = case.client.get("/me", headers=case.coordinator.headers)
    assert answer.status_code == 401, answer.text
    user = case.coordinator.user_id
    assert ok(case.client.get(f"/users/{user}/tokens", headers=BOOT))["count"] >= 1
    revoked = case.client.delete(f"/tokens/{case.coordinator.token_id}", headers=BOOT)
    assert revoked.status_code == 204, revoked.text


def test_without_graphviz_the_tree_says_so_and_the_ecomap_still_works(
    case: MapCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a machine where `dot` is not installed: nothing on the PATH finds it.
    monkeypatch.setenv("PATH", "/nonexistent")
    answer = case.client.get(f"/young-people/{case.yp}/graph", headers=case.coordinator.headers,
                             params={"view": "tree"})  # fmt: skip
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "layout_unavailable"
    assert "Graphviz" in answer.json()["error"]["message"]
    assert case.graph(view="ecomap")["count"]["nodes"] == 10


def _safeguarding_by_person(case: MapCase) -> dict[str, list[str]]:
    """/safeguarding's chains, by each person they pass through: what the map's panel shows."""
    found = ok(case.client.get(f"/young-people/{case.yp}/safeguarding",
                               headers=case.social_worker.headers))  # fmt: skip
    expected: dict[str, list[str]] = {}
    for chain in found["chains"]:
        people = {chain["start_id"]} | {s["person_id"] for s in chain["steps"] if s["person_id"]}
        for pid in sorted(people):
            expected.setdefault(pid, []).append(chain["summary"])
    return expected


@pytest.mark.parametrize(("generations", "graph_first"), [(4, False), (2, False), (4, True)])
def test_the_pages_chains_are_those_of_safeguarding(
    case: MapCase, generations: int, graph_first: bool
) -> None:
    """The panel's chains through each person are /safeguarding's, whether the page reuses the
    map's family (four generations, the default), the chains load it themselves, or the page
    starts from a graph kept from a read of /graph."""
    build_work(case)
    # The aunt's partner Lee has a former partner, Kim, outside Kit's network, with a flag: a
    # chain from Lee to Kim.
    case.family.people(kim="female")
    case.family.partners("lee", "kim", "separated")
    ok(case.client.post(f"/people/{case.family.ids['kim']}/flags",
                        headers=case.social_worker.headers,
                        json={"kind": "person_posing_risk_to_children", "level": 3,
                              "source": "Police disclosure"}), 201)  # fmt: skip
    # Pat, a family friend and no relative, is one of Kit's connections and Kim's former
    # partner: a chain that starts from a connection (the page takes them from the map's read).
    case.family.people(pat="male")
    case.family.partners("pat", "kim", "separated")
    ok(case.client.post(f"/young-people/{case.yp}/connections", headers=case.coordinator.headers,
                        json={"person_id": case.family.ids["pat"]}), 201)  # fmt: skip
    expected = _safeguarding_by_person(case)
    assert case.family.ids["kim"] in expected
    if graph_first:
        ok(case.client.get(f"/young-people/{case.yp}/graph", headers=case.social_worker.headers,
                           params={"max_generations": generations}))  # fmt: skip
    page = case.client.get(f"/young-people/{case.yp}/map", headers=case.social_worker.headers,
                           params={"max_generations": generations}).text  # fmt: skip
    nodes = json.loads(page_data(page, "ll-nodes"))
    drawn = {n["id"]: n["llChains"] for n in nodes if n.get("llChains")}
    on_map = {n["id"] for n in nodes}
    assert drawn == {pid: chains for pid, chains in expected.items() if pid in on_map}
    assert case.family.ids["lee"] in drawn
    assert any(c.startswith("connection pat Test -> ") for c in drawn[case.family.ids["pat"]])


def test_a_connection_taken_out_is_not_of_the_pages_network(case: MapCase) -> None:
    """A second reader: Pat, the mother's partner and a connection, was taken out of the
    network, and the map's panel still counted him as a member: the mother's chain through him
    to his flagged former partner Kim (Kit's former foster carer) was cut there, and Kim's
    named him as Kit's connection. The page's chains are /safeguarding's, and he is named
    nowhere."""
    f, ids = case.family, case.family.ids
    f.people(pat="male", kim="female")
    f.partners("mum", "pat", "cohabiting")
    f.partners("pat", "kim", "separated")
    f.link("trusted_adult", "kim", "me", role="foster_carer", since="2015", until="2018")
    ok(case.client.post(f"/people/{ids['kim']}/flags", headers=case.social_worker.headers,
                        json={"kind": "person_posing_risk_to_children", "level": 3,
                              "source": "Police disclosure"}), 201)  # fmt: skip
    ok(case.client.post(f"/young-people/{case.yp}/connections", headers=case.coordinator.headers,
                        json={"person_id": ids["pat"]}), 201)  # fmt: skip
    gone = case.client.delete(f"/people/{ids['pat']}", headers=case.coordinator.headers)
    assert gone.status_code == 204, gone.text
    expected = _safeguarding_by_person(case)
    assert any(" -> pat Test -> " in c for c in expected[ids["mum"]])
    page = case.client.get(f"/young-people/{case.yp}/map", headers=case.social_worker.headers).text
    nodes = json.loads(page_data(page, "ll-nodes"))
    drawn = {n["id"]: n["llChains"] for n in nodes if n.get("llChains")}
    on_map = {n["id"] for n in nodes}
    assert ids["pat"] not in on_map
    assert "connection pat" not in page
    assert drawn == {pid: chains for pid, chains in expected.items() if pid in on_map}


def test_another_parent_of_a_relative_is_said_by_the_link(case: MapCase) -> None:
    """A second reader: a cousin's foster carer was "mother of the maternal first cousin",
    and his step-mother "mother of ...", while her path said step-mother. The other parent of
    a relative is said as the link is."""
    f = case.family
    f.people(cousin="male", carer="female", stepmum="female", adopter="male")
    f.child("aunt", "cousin")
    f.child("carer", "cousin", kind="foster")
    f.child("stepmum", "cousin", kind="step")
    f.child("adopter", "cousin", kind="adoptive")
    graph = case.graph(view="tree", scope="whole")
    nodes = {case.key_of(n["id"]): n for n in graph["nodes"]}
    assert nodes["cousin"]["relation"] == "maternal first cousin"
    assert (nodes["stepmum"]["relation"], nodes["adopter"]["relation"]) == (
        "step-mother of the maternal first cousin",
        "adoptive father of the maternal first cousin",
    )
    assert nodes["carer"]["relation"] == "foster carer of the maternal first cousin"


def test_the_ecomaps_own_lines_say_a_step_parent_and_a_half_sibling(case: MapCase) -> None:
    """A second reader: the ecomap's line to a step-father was a birth parent's, solid, with
    "birth parent" on hover, as were a half-brother's and a step-sister's "siblings". The
    line to a parent or a sibling in the circle is of their kind."""
    f = case.family
    f.people(stepdad="male", tia="female", hal="male", hals_dad="male")
    f.partners("mum", "stepdad", "married", since="2015")
    f.child("stepdad", "tia")
    f.child("mum", "hal")
    f.child("hals_dad", "hal")
    graph = case.graph()
    lines = {case.key_of(e["target"]): (e["type"], e["kind"]) for e in graph["edges"]
             if e["id"].startswith("line:")}  # fmt: skip
    assert lines["stepdad"] == ("parent", "step")
    assert lines["hal"] == ("sibling", "half")
    assert lines["tia"] == ("sibling", "step")
    page = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers)
    words = {e["llWords"] for e in json.loads(page_data(page.text, "ll-edges"))}
    assert {"step-parent", "half-siblings", "step-siblings"} <= words
    # The legend has the family's lines too (dotted is foster care on the tree).
    assert "brothers and sisters (fine dots)" in page.text
    assert "parent (adoptive dashed, step dash-dot, foster dotted)" in page.text
    # And the mark of a wish against contact (a later reader: the tree's ⊘ had no entry).
    assert "⊘ no contact wished by the young person (now or ever)" in page.text


def test_the_young_persons_foster_carer_by_a_parent_link_is_drawn(case: MapCase) -> None:
    """A second reader: a foster mother recorded as a parent link of kind foster showed on
    neither the tree nor the ecomap, while the tree's legend has a dotted line for foster
    care. She is drawn on both, as a foster carer, with the dotted line on the tree."""
    f = case.family
    f.people(fmum="female")
    f.child("fmum", "me", kind="foster")
    for view in ("tree", "ecomap"):
        nodes = {case.key_of(n["id"]): n for n in case.graph(view=view)["nodes"]}
        assert nodes["fmum"]["relation"] == "foster carer", view
    tree = case.graph(view="tree")
    kinds = {(case.key_of(e["source"]), case.key_of(e["target"])): e["kind"]
             for e in tree["edges"] if e["type"] == "parent"}  # fmt: skip
    assert kinds[("fmum", "me")] == "foster"
    # Her dotted line is drawn (a second reader: none was, beside the birth parents), and the
    # tree's key has her grey card.
    lines = {(tuple(case.key_of(p) for p in line["needs"][:-1]), case.key_of(line["needs"][-1])):
             line["style"] for line in tree["lines"] if line["kind"] == "child"}  # fmt: skip
    assert lines[(("fmum",), "me")] == "dotted"
    page = case.client.get(f"/young-people/{case.yp}/map", headers=case.coordinator.headers,
                           params={"view": "tree"}).text  # fmt: skip
    assert '<span class="sw g-other"></span>carers, teachers, workers and friends' in page


def test_a_brother_known_only_by_a_tie_is_in_the_first_view_of_the_tree(case: MapCase) -> None:
    """A second reader: brothers and sisters known only by a sibling tie (their parents not
    recorded) were left out of the close tree."""
    f = case.family
    f.people(tied="male")
    f.link("sibling", "me", "tied")
    close = case.graph(view="tree")
    assert "tied" in {case.key_of(n["id"]) for n in close["nodes"]}
