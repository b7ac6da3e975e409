"""The map page itself in a real headless Chromium, on graphs built here by hand (no database):
the side panel and the path, search (folded people too), summaries opened in place, double-click
to centre, folding a family's descendants in the tree, genogram lines on the canvas, labels
readable by construction at the first view, hostile names as text, nothing fetched."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from seed.families import family, network_graph
from service.drawing import draw
from tests.browser import Browser, serve_html
from tests.cases import page_data
from visualise import map_items, maps

# Slow (drives Chromium): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow

HOSTILE = "<img src=x onerror=alert(1)>"
LONG = "Bartholomew Maximilian Fitzgerald-Montgomery-Wolstenholme Jr"
assert len(LONG) == 60
YP = "yp"
SUMMARY = "side:maternal"
MEMBERS = [f"m{i:02d}" for i in range(1, 21)]
FOLDED_NAME = "Zebedee Farquharson"
# A folded cousin whose path passes through someone not drawn and someone the case does not hold.
ROUNDABOUT = "m04"
ROUNDABOUT_PATH = (
    "mother Donna Brennan → sister Rita Brennan → husband someone → son Cousin Number 04"
)


def person(pid: str, name: str, group: str, x: float, y: float, **fields: Any) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": pid, "name": name, "group": group, "relation": None, "sex": "unknown",
        "living": True, "birth_date": None, "death_date": None, "generation": 0, "kind": None,
        "stage": None, "last_contact": None, "lapsed": False, "flags": [], "restricted": False,
        "x": x, "y": y, "side": None, "path": None, "wish": None, "folded": None, "chains": [],
    }  # fmt: skip
    node.update(fields)
    return node


def step(word: str, pid: str | None, name: str) -> dict[str, str | None]:
    return {"word": word, "person_id": pid, "name": name}


MUM = step("mother", "p2", "Donna Brennan")
AUNT = step("sister", "p4", "Lisa Brennan")
UNCLE = step("husband", "p5", "Gary Price")
GARY = {
    "relation": "uncle by marriage", "side": "maternal", "sex": "male", "generation": -1,
    "path": [MUM, AUNT, UNCLE], "wish": "no contact", "stage": "identified",
    "flags": [{"ask": "the team manager",
               "content": {"kind": "domestic_abuse_perpetrator", "level": 3}}],
    "restricted": True, "chains": ["Gary Price lives with Lisa Brennan, who sees Kai weekly"],
}  # fmt: skip


def tie(target: str, strength: str = "moderate", **fields: Any) -> dict[str, Any]:
    edge: dict[str, Any] = {
        "id": f"t:{target}", "source": YP, "target": target, "type": "tie", "kind": None,
        "strength": strength, "stressful": False, "lapsed": False, "current": True,
    }  # fmt: skip
    edge.update(fields)
    return edge


def ecomap(both: int = 0) -> dict[str, Any]:
    """Kai's circle, his mother's wider family folded into one summary of 20 (the first `both`
    of them related on both sides)."""
    nodes = [
        person(YP, "Kai Test", "young_person", 0, 0, path=[], sex="male"),
        person("p2", "Donna Brennan", "maternal", -250, -160, relation="mother",
               side="maternal", sex="female", path=[MUM], stage="identified",
               last_contact="2023-04-01", lapsed=True, wish="wants contact"),
        person("p3", LONG, "paternal", 250, -160, relation="father", side="paternal",
               sex="male", path=[step("father", "p3", LONG)],
               flags=[{"ask": "Sam Jones, social worker", "content": None}]),
        person("p4", "Lisa Brennan", "maternal", -250, 160, relation="aunt", side="maternal",
               sex="female", path=[MUM, AUNT], stage="in_contact"),
        person("p5", "Gary Price", "maternal", -480, 190, **GARY),
        person("p6", HOSTILE, "other", 250, 160, relation="teacher"),
    ]  # fmt: skip
    for i, pid in enumerate(MEMBERS):
        name = FOLDED_NAME if i == 15 else f"Cousin Number {i + 1:02d}"
        way = [MUM, step("cousin", pid, name)]
        if pid == ROUNDABOUT:
            way = [MUM, step("sister", "p9", "Rita Brennan"),
                   step("husband", None, "someone"),
                   step("son", pid, name)]  # fmt: skip
        side = "both" if i < both else "maternal"
        nodes.append(person(pid, name, side, -760 - (i % 4) * 200, -330 + (i // 4) * 165,
                            relation="second cousin", side=side, folded=SUMMARY,
                            path=way))  # fmt: skip
    edges = [tie("p2", "tenuous", lapsed=True), tie("p3", "strong"), tie("p4"),
             tie("p6", stressful=True)]  # fmt: skip
    summary = {"id": SUMMARY, "side": "maternal", "label": "Mum's side: 20 relatives found",
               "found": 20, "in_contact": 0, "members": MEMBERS, "x": -470, "y": -10}  # fmt: skip
    return {
        "young_person_id": YP, "view": "ecomap", "scope": None, "nodes": nodes, "edges": edges,
        "summaries": [summary], "lines": [], "units": [],
        "count": {"nodes": len(nodes), "edges": len(edges)},
    }  # fmt: skip


def line(kind: str, x1: float, y1: float, x2: float, y2: float, needs: list[str],
         any_of: list[str] | None = None, style: str = "solid", mark: str | None = None,
         ) -> dict[str, Any]:  # fmt: skip
    return {"kind": kind, "x1": x1, "y1": y1, "x2": x2, "y2": y2, "style": style, "mark": mark,
            "needs": needs, "any_of": any_of or []}  # fmt: skip


def family_edge(kind: str, source: str, target: str) -> dict[str, Any]:
    return {"id": f"{kind}:{source}:{target}", "source": source, "target": target,
            "type": kind, "kind": None, "strength": None, "stressful": False, "lapsed": False,
            "current": True}  # fmt: skip


def tree() -> dict[str, Any]:
    """Three generations as cards of 150 x 44, with the genogram connectors a layout makes."""
    top, middle, low = -300, -150, 0
    nodes = [
        person(YP, "Kai Test", "young_person", -60, low, path=[], sex="male"),
        person("g1", "Rose Brennan", "maternal", -400, top, relation="grandmother",
               side="maternal", sex="female", living=False, generation=-2,
               path=[MUM, step("mother", "g1", "Rose Brennan")]),
        person("g2", "Tom Brennan", "maternal", -120, top, relation="grandfather",
               side="maternal", sex="male", generation=-2,
               path=[MUM, step("father", "g2", "Tom Brennan")]),
        person("p5", "Gary Price", "maternal", -560, middle, **GARY),
        person("p4", "Lisa Brennan", "maternal", -360, middle, relation="aunt",
               side="maternal", sex="female", generation=-1, path=[MUM, AUNT]),
        person("p2", "Donna Brennan", "maternal", -160, middle, relation="mother",
               side="maternal", sex="female", generation=-1, path=[MUM]),
        person("p3", "Dean Test", "paternal", 40, middle, relation="father", side="paternal",
               sex="male", generation=-1, path=[step("father", "p3", "Dean Test")]),
        person("c1", LONG, "maternal", -560, low, relation="cousin", side="maternal",
               path=[MUM, AUNT, step("son", "c1", LONG)]),
        person("c2", "Mia Price", "maternal", -360, low, relation="cousin", side="maternal",
               sex="female", path=[MUM, AUNT, step("daughter", "c2", "Mia Price")]),
    ]  # fmt: skip
    edges = [
        *(family_edge("parent", p, c) for p in ("g1", "g2") for c in ("p4", "p2")),
        *(family_edge("parent", p, c) for p in ("p4", "p5") for c in ("c1", "c2")),
        family_edge("parent", "p2", YP), family_edge("parent", "p3", YP),
        family_edge("partner", "g1", "g2"), family_edge("partner", "p5", "p4"),
        family_edge("partner", "p2", "p3"),
    ]  # fmt: skip
    lines = [
        line("couple", -325, top, -195, top, ["g1", "g2"]),
        line("drop", -260, top, -260, -225, ["g1", "g2"], ["p4", "p2"]),
        line("bar", -360, -225, -160, -225, [], ["p4", "p2"]),
        line("child", -360, -225, -360, middle - 22, ["p4"], ["g1", "g2"]),
        line("child", -160, -225, -160, middle - 22, ["p2"], ["g1", "g2"]),
        line("couple", -485, middle, -435, middle, ["p5", "p4"], style="dashed", mark="/"),
        line("drop", -460, middle, -460, -75, ["p5", "p4"], ["c1", "c2"]),
        line("bar", -560, -75, -360, -75, [], ["c1", "c2"]),
        line("child", -560, -75, -560, low - 22, ["c1"], ["p5", "p4"]),
        line("child", -360, -75, -360, low - 22, ["c2"], ["p5", "p4"], style="dashdot"),
        line("couple", -85, middle, -35, middle, ["p2", "p3"], mark="//"),
        line("drop", -60, middle, -60, -75, ["p2", "p3"], [YP]),
        line("child", -60, -75, -60, low - 22, [YP], ["p2", "p3"]),
    ]  # fmt: skip
    units = [
        {"id": "u:g1:g2", "x": -260, "y": top, "parents": ["g1", "g2"],
         "descendants": ["p4", "p2", "c1", "c2", YP]},
        {"id": "u:p5:p4", "x": -460, "y": middle, "parents": ["p5", "p4"],
         "descendants": ["c1", "c2"]},
        {"id": "u:p2:p3", "x": -60, "y": middle, "parents": ["p2", "p3"], "descendants": [YP]},
    ]  # fmt: skip
    return {
        "young_person_id": YP, "view": "tree", "scope": "whole", "nodes": nodes, "edges": edges,
        "summaries": [], "lines": lines, "units": units,
        "count": {"nodes": len(nodes), "edges": len(edges)},
    }  # fmt: skip


def small() -> dict[str, Any]:
    """A circle that fits the map at a readable size."""
    graph = ecomap()
    graph["nodes"] = [n for n in graph["nodes"] if n["id"] in (YP, "p2", "p4", "p6")]
    graph["edges"] = [e for e in graph["edges"] if e["target"] in ("p2", "p4", "p6")]
    graph["summaries"] = []
    return graph


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    pages: dict[str, Any] = {}
    for path, graph in (("/ecomap.html", ecomap()), ("/tree.html", tree()),
                        ("/small.html", small()), ("/ecomap-both.html", ecomap(both=1)),
                        ("/ecomap-both-12.html", ecomap(both=12)),
                        *generated()):  # fmt: skip
        page = maps.render(graph, title="Kai Test: map")
        pages[path] = (page.html, {"Content-Security-Policy":
                                   maps.content_security_policy(page.nonce, [])})  # fmt: skip
    with serve_html(pages) as base:
        yield base


def generated() -> list[tuple[str, dict[str, Any]]]:
    """A generated family of about 450 people, drawn by the service as a whole-family tree and
    as an ecomap."""
    found = []
    for view in ("tree", "ecomap"):
        graph = network_graph(family(450), view)
        draw(graph)
        found.append((f"/family-450-{view}.html", graph.model_dump()))
    return found


def load(browser: Browser, site: str, path: str) -> None:
    browser.get(site + path)
    browser.wait_for("return window.llReady === true", timeout=20)


def clean(browser: Browser, site: str, path: str) -> None:
    """Nothing fetched but the page, nothing logged as an error, nothing run from a name."""
    assert browser.requests() == [site + path]
    assert browser.console_errors() == []
    assert browser.run("return document.querySelectorAll('img, iframe, object, embed').length") == 0


def map_element(browser: Browser) -> WebElement:
    return browser.driver.find_element(By.ID, "ll-map")


def offset(browser: Browser, node_id: str) -> tuple[int, int]:
    """Where a node is drawn, as an offset from the centre of the map element."""
    point: dict[str, float] = browser.run(
        "const n = window.llMap.network; const p = n.canvasToDOM(n.getPosition(arguments[0]));"
        "const m = document.getElementById('ll-map');"
        "return {x: p.x - m.clientWidth / 2, y: p.y - m.clientHeight / 2};",
        node_id,
    )
    return round(point["x"]), round(point["y"])


def click(browser: Browser, node_id: str, *, double: bool = False) -> None:
    x, y = offset(browser, node_id)
    actions = ActionChains(browser.driver).move_to_element_with_offset(map_element(browser), x, y)
    (actions.double_click() if double else actions.click()).perform()


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def labels(browser: Browser) -> list[dict[str, Any]]:
    drawn: list[dict[str, Any]] = browser.run("return window.llMap.labels()")
    return drawn


def panel(browser: Browser) -> str:
    text: str = browser.run("return window.llMap.panel()")
    return text


def visible(browser: Browser, *ids: str) -> list[bool]:
    return [bool(browser.run("return window.llMap.visible(arguments[0])", i)) for i in ids]


@pytest.mark.parametrize("path", ["/ecomap.html", "/tree.html"])
def test_the_first_view_is_readable(browser: Browser, site: str, path: str) -> None:
    load(browser, site, path)
    drawn = labels(browser)
    assert len(drawn) >= 6, drawn
    assert all(label["px"] >= 13 for label in drawn), drawn
    for a, b in itertools.combinations(drawn, 2):
        assert not overlaps(a, b), (a, b)
    centre = browser.run("return window.llMap.centre()")
    assert abs(centre["dx"]) <= 0.1, centre
    assert abs(centre["dy"]) <= 0.1, centre
    # The long name is cut with an ellipsis on the map; the whole of it is in the panel.
    long_id = "p3" if path == "/ecomap.html" else "c1"
    first_line = next(label for label in drawn if label["id"] == long_id)["text"].split("\n")[0]
    assert first_line.endswith("…"), first_line
    assert len(first_line) <= 24, first_line
    assert LONG.startswith(first_line[:-1])
    assert browser.run("return window.llMap.open(arguments[0])", long_id)
    assert panel(browser).startswith(LONG)
    # Zoomed far out, labels are hidden rather than drawn tiny.
    browser.run("window.llMap.network.moveTo({scale: 0.5}); window.llMap.network.redraw();")
    assert labels(browser) == []
    clean(browser, site, path)


def test_a_map_that_fits_is_fitted_on_the_young_person(browser: Browser, site: str) -> None:
    load(browser, site, "/small.html")
    scale = browser.run("return window.llMap.network.getScale()")
    assert 13 / 14 < scale <= 1.25
    assert browser.run("return window.llMap.centre()") == {"dx": 0, "dy": 0}
    drawn = labels(browser)
    assert {label["id"] for label in drawn} == {YP, "p2", "p4", "p6"}
    width, height = browser.run(
        "const m = document.getElementById('ll-map'); return [m.clientWidth, m.clientHeight];"
    )
    for label in drawn:
        assert 0 <= label["left"] < label["right"] <= width, label
        assert 0 <= label["top"] < label["bottom"] <= height, label
    clean(browser, site, "/small.html")


def test_the_first_view_fits_what_the_window_shows_of_the_map(browser: Browser, site: str) -> None:
    """A second reader: in a window whose bottom cuts the map's box (1280x720, the map 640 px
    tall below the page's heading), the first view was fitted to the whole box and the parents
    were below the window. Where everything fits what the window shows of the map at a
    readable scale, the first view is fitted to that; where it does not (a third reader: the
    parents were then cut off at the box's top, where scrolling does not show them), to the
    whole box, what does not fit below the window."""
    with browser.viewport(1280, 620):
        load(browser, site, "/small.html")
        height, shown = browser.run(
            "const m = document.getElementById('ll-map'); const r = m.getBoundingClientRect();"
            "return [m.clientHeight, window.innerHeight - r.top];"
        )
        assert shown < height  # the window cuts the box
        drawn = labels(browser)
        assert {label["id"] for label in drawn} == {YP, "p2", "p4", "p6"}
        for label in drawn:
            assert 0 <= label["top"] < label["bottom"] <= shown, (label, shown)
        centre = browser.run("return window.llMap.centre()")
        assert abs(centre["dx"]) <= 0.1, centre
        assert abs(centre["dy"]) <= 0.1, centre
        clean(browser, site, "/small.html")
    with browser.viewport(1280, 520):
        load(browser, site, "/small.html")
        drawn = labels(browser)
        assert {label["id"] for label in drawn} == {YP, "p2", "p4", "p6"}
        assert min(label["top"] for label in drawn) >= 0  # nothing cut at the box's top
        centre = browser.run("return window.llMap.centre()")
        assert abs(centre["dy"]) <= 0.1, centre  # the whole box's centre
        clean(browser, site, "/small.html")


def test_a_click_opens_the_panel_with_the_path(browser: Browser, site: str) -> None:
    load(browser, site, "/ecomap.html")
    assert browser.run("return window.llMap.counts()") == {"nodes": 6, "edges": 4}
    click(browser, "p5")
    text = browser.wait_for("return window.llMap.panel().startsWith('Gary Price') && "
                            "window.llMap.panel()")  # fmt: skip
    for said in (
        "uncle by marriage",
        "mother's side",
        "mother Donna Brennan → sister Lisa Brennan → husband Gary Price",
        "identified",
        "no contact",
        "Safety flag (level 3: domestic abuse perpetrator). Ask the team manager.",
        "A court order keeps this person from the young person.",
        "Gary Price lives with Lisa Brennan, who sees Kai weekly",
    ):
        assert said in text, (said, text)
    assert set(browser.run("return window.llMap.highlighted()")) == {YP, "p2", "p4", "p5"}
    # A flag the viewer may not read: only whom to ask.
    browser.run("window.llMap.open('p3')")
    assert "Safety flag: ask Sam Jones, social worker before any contact." in panel(browser)
    assert "level" not in panel(browser)
    assert set(browser.run("return window.llMap.highlighted()")) == {YP, "p3"}
    clean(browser, site, "/ecomap.html")


def test_the_page_sends_each_look_and_name_once() -> None:
    """A page's people carry the number of their look, and a path's step its name only when
    the page's person with that id does not have it (map.js fills in the rest)."""
    page = maps.render(ecomap(), title="Kai Test: map")
    nodes = json.loads(page_data(page.html, "ll-nodes"))
    looks = json.loads(page_data(page.html, "ll-page"))["looks"]
    people = [n for n in nodes if not n.get("llSummary")]
    assert {n["llLook"] for n in people} == set(range(len(looks)))
    assert len(looks) < len(people)
    assert not any("color" in n or "shape" in n for n in people)
    gary = looks[next(n["llLook"] for n in people if n["id"] == "p5")]
    assert gary["color"]["border"] == "#c62828"
    assert gary["borderWidth"] == 4
    steps = {n["id"]: n["llPath"] for n in people}
    assert steps["p5"] == [["mother", "p2"], ["sister", "p4"], ["husband", "p5"]]
    assert steps[ROUNDABOUT] == [["mother", "p2"], ["sister", "p9", "Rita Brennan"],
                                 ["husband", None, "someone"], ["son", ROUNDABOUT]]  # fmt: skip
    assert steps[YP] == []
    assert steps["p6"] is None


def test_a_path_through_people_not_drawn(browser: Browser, site: str) -> None:
    load(browser, site, "/ecomap.html")
    browser.run("window.llMap.open(arguments[0])", ROUNDABOUT)
    assert ROUNDABOUT_PATH in panel(browser)
    browser.run("window.llMap.open('p5')")
    assert "mother Donna Brennan → sister Lisa Brennan → husband Gary Price" in panel(browser)
    clean(browser, site, "/ecomap.html")


def test_tooltips_say_who_and_what(browser: Browser, site: str) -> None:
    """Written by map.js from the person's fields, as the panel is."""
    load(browser, site, "/ecomap.html")
    title = "return window.llMap.nodes.get(arguments[0]).title"
    assert browser.run(title, "p5") == (
        "Gary Price\nuncle by marriage\nConnection stage: identified\n"
        "Safety flag (level 3: domestic abuse perpetrator). Ask the team manager.\n"
        "A court order keeps this person from the young person.\n"
        "The young person's wish: no contact"
    )
    assert browser.run(title, "p2") == (
        "Donna Brennan\nmother\nConnection stage: identified\nLast contact: 2023-04-01\n"
        "Contact has lapsed.\nThe young person's wish: wants contact"
    )
    assert browser.run(title, "p3") == (
        f"{LONG}\nfather\nSafety flag: ask Sam Jones, social worker before any contact."
    )
    assert browser.run(title, SUMMARY) == "Mum's side: 20 relatives found"
    clean(browser, site, "/ecomap.html")


def test_a_hostile_name_stays_text(browser: Browser, site: str) -> None:
    load(browser, site, "/ecomap.html")
    browser.run("window.llMap.open('p6')")
    assert panel(browser).startswith(HOSTILE)
    box = browser.driver.find_element(By.ID, "ll-find")
    box.send_keys("onerror")
    button = browser.driver.find_element(By.CSS_SELECTOR, "#ll-matches button")
    assert button.text == f"{HOSTILE} (teacher)"
    assert browser.run("return document.getElementById('ll-panel').querySelector('h2').textContent"
                       ) == HOSTILE  # fmt: skip
    clean(browser, site, "/ecomap.html")


def test_search_finds_a_folded_person_and_shows_them(browser: Browser, site: str) -> None:
    load(browser, site, "/ecomap.html")
    assert visible(browser, "m16") == [False]
    box = browser.driver.find_element(By.ID, "ll-find")
    assert box.get_attribute("type") == "search"
    assert browser.driver.find_element(By.CSS_SELECTOR, "label[for=ll-find]").text
    box.send_keys("ZEBEDEE")
    buttons = browser.driver.find_elements(By.CSS_SELECTOR, "#ll-matches button")
    assert [b.text for b in buttons] == [f"{FOLDED_NAME} (second cousin)"]
    buttons[0].click()
    assert visible(browser, "m16") == [True]
    assert panel(browser).startswith(FOLDED_NAME)
    assert "mother Donna Brennan → cousin Zebedee Farquharson" in panel(browser)
    assert max(map(abs, offset(browser, "m16"))) <= 2
    assert set(browser.run("return window.llMap.highlighted()")) == {YP, "p2", "m16"}
    assert browser.run("return document.activeElement.matches('#ll-panel h2')")
    label = browser.run(f"return window.llMap.nodes.get('{SUMMARY}').label")
    assert label.endswith("1 shown, 19 more: click")
    assert browser.run("return window.llMap.counts()")["nodes"] == 7
    # Enter picks the first match.
    box.clear()
    box.send_keys("lisa", Keys.ENTER)
    assert panel(browser).startswith("Lisa Brennan")
    clean(browser, site, "/ecomap.html")


def test_a_summary_opens_in_place(browser: Browser, site: str) -> None:
    load(browser, site, "/ecomap.html")
    label = browser.run(f"return window.llMap.nodes.get('{SUMMARY}').label")
    assert label == "Mum's side: 20 relatives found\nclick to show the closest 8"
    click(browser, SUMMARY)
    browser.wait_for("return window.llMap.counts().nodes === 14")
    assert visible(browser, *MEMBERS[:8]) == [True] * 8
    assert visible(browser, *MEMBERS[8:]) == [False] * 12
    label = browser.run(f"return window.llMap.nodes.get('{SUMMARY}').label")
    assert label == "Mum's side: 20 relatives found\n8 shown, 12 more: click"
    browser.run(f"window.llMap.unfold('{SUMMARY}'); window.llMap.unfold('{SUMMARY}')")
    assert visible(browser, *MEMBERS) == [True] * 20
    assert browser.run(f"return window.llMap.nodes.get('{SUMMARY}').label").endswith("all 20 shown")
    clean(browser, site, "/ecomap.html")


def test_a_summary_counts_and_opens_only_whom_the_filters_show(browser: Browser, site: str) -> None:
    """A second reader: with "living only" a click on a summary opened nobody, its label saying
    "8 shown, 390 more", the deceased counted. The summary's twenty are living."""
    load(browser, site, "/ecomap.html")
    summary = f"return window.llMap.nodes.get('{SUMMARY}').label"
    Select(browser.driver.find_element(By.ID, "ll-living")).select_by_value("deceased")
    assert browser.run(summary) == "Mum's side: 20 relatives found\nnobody here the filters show"
    assert browser.run(f"return window.llMap.unfold('{SUMMARY}')") == []
    Select(browser.driver.find_element(By.ID, "ll-living")).select_by_value("living")
    assert browser.run(summary) == "Mum's side: 20 relatives found\nclick to show the closest 8"
    assert len(browser.run(f"return window.llMap.unfold('{SUMMARY}')")) == 8
    assert browser.run(summary).endswith("8 shown, 12 more: click")
    clean(browser, site, "/ecomap.html")


def test_a_summary_holding_family_of_both_sides_shows_on_either_side(
    browser: Browser, site: str
) -> None:
    """A later reader: relatives on both sides (a full brother's son) fold with the mother's
    side; with the side filter on the father's, that summary was hidden, and they could not be
    opened. Shown while any of its people pass the filters, and opens only them."""
    load(browser, site, "/ecomap-both.html")
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("paternal")
    assert browser.run(f"return window.llMap.visible('{SUMMARY}')")
    assert browser.run(f"return window.llMap.nodes.get('{SUMMARY}').label").endswith(
        "click to show the closest 1"
    )
    assert browser.run(f"return window.llMap.unfold('{SUMMARY}')") == [MEMBERS[0]]
    clean(browser, site, "/ecomap-both.html")
    load(browser, site, "/ecomap.html")
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("paternal")
    assert not browser.run(f"return window.llMap.visible('{SUMMARY}')")
    clean(browser, site, "/ecomap.html")


def test_a_double_click_centres_on_a_person(browser: Browser, site: str) -> None:
    load(browser, site, "/ecomap.html")
    before = browser.run("return window.llMap.network.getScale()")
    click(browser, "p4", double=True)
    browser.wait_for("return window.llMap.panel().startsWith('Lisa Brennan')")
    assert max(map(abs, offset(browser, "p4"))) <= 2
    assert browser.run("return window.llMap.network.getScale()") == pytest.approx(before)
    assert "mother Donna Brennan → sister Lisa Brennan" in panel(browser)
    clean(browser, site, "/ecomap.html")


def ink(browser: Browser, x: float, y: float) -> int:
    """How opaque the canvas is at map point (x, y): 0 where nothing is drawn."""
    alpha: int = browser.run(
        "const n = window.llMap.network;"
        "const p = n.canvasToDOM({x: arguments[0], y: arguments[1]});"
        "const c = document.querySelector('#ll-map canvas');"
        "const r = window.devicePixelRatio;"
        "return c.getContext('2d').getImageData(Math.round(p.x * r),"
        " Math.round(p.y * r), 1, 1).data[3];",
        x,
        y,
    )
    return alpha


def test_the_tree_draws_cards_and_genogram_lines(browser: Browser, site: str) -> None:
    load(browser, site, "/tree.html")
    assert browser.run("return window.llMap.counts()") == {"nodes": 9, "edges": 13}
    assert browser.run("return window.llMap.edges.length") == 0
    # Every card is 150 x 44 map units, as the layout expects, a long name's card too.
    cards = browser.run(
        "const all = window.llMap.network.body.nodes;"
        "return Object.keys(all).map(id => [id, all[id].shape.width, all[id].shape.height]);"
    )
    assert sorted(cards) == sorted(
        [i, 150, 44] for i in ("yp", "g1", "g2", "p2", "p3", "p4", "p5", "c1", "c2")
    )
    assert len(browser.run("return window.llMap.lines()")) == 13
    # A card says there is a safety flag or an order before the relation, which may be cut.
    # (Its spaces are no-break spaces, so that vis-network never wraps it.)
    gary = browser.run("return window.llMap.nodes.get('p5').label")
    assert gary.replace("\xa0", " ").split("\n") == ["Gary Price", "⚠ uncle by marriage"]
    # The line under Kai's parents is on the canvas; white where nothing is drawn.
    assert ink(browser, -60, -110) > 0
    assert ink(browser, -110, -110) == 0
    clean(browser, site, "/tree.html")


def test_folding_a_familys_descendants(browser: Browser, site: str) -> None:
    load(browser, site, "/tree.html")
    browser.run("window.llMap.open('p4')")
    buttons = browser.driver.find_elements(By.CSS_SELECTOR, "#ll-panel button")
    assert [b.text for b in buttons] == ["Hide 2 descendants (with Gary Price)"]
    buttons[0].click()
    assert visible(browser, "c1", "c2", "p4", "p5", YP) == [False, False, True, True, True]
    drawn = browser.run("return window.llMap.lines()")
    assert len(drawn) == 9
    assert not any({"c1", "c2"} & set(line["needs"]) for line in drawn)
    assert browser.run("return window.llMap.counts()") == {"nodes": 7, "edges": 9}
    assert ink(browser, -460, -110) == 0  # the drop to the children
    assert ink(browser, -260, -260) > 0  # the grandparents' drop
    button = browser.driver.find_element(By.CSS_SELECTOR, "#ll-panel button")
    assert button.text == "Show 2 descendants (with Gary Price)"
    button.click()
    assert visible(browser, "c1", "c2") == [True, True]
    assert len(browser.run("return window.llMap.lines()")) == 13
    # The grandparents' family folds away all but Kai and his line.
    browser.run("window.llMap.open('g1')")
    browser.driver.find_element(By.CSS_SELECTOR, "#ll-panel button").click()
    assert visible(browser, "p4", "c1", "c2", "p2", YP) == [False, False, False, True, True]
    # Search finds a folded-away person and unfolds the family.
    browser.run("window.llMap.search('mia'); document.querySelector('#ll-matches button').click()")
    assert visible(browser, "c2", "p4") == [True, True]
    clean(browser, site, "/tree.html")


def test_filters_hide_people_and_their_lines(browser: Browser, site: str) -> None:
    load(browser, site, "/tree.html")
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("paternal")
    assert browser.run("return window.llMap.counts()") == {"nodes": 2, "edges": 1}
    assert browser.driver.find_element(By.ID, "ll-shown").text == "2 people shown"
    drawn = browser.run("return window.llMap.lines()")
    # Only Kai's own line down from his parents, which needs one of them.
    assert [(line["kind"], line["needs"]) for line in drawn] == [("child", [YP])]
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("")
    Select(browser.driver.find_element(By.ID, "ll-living")).select_by_value("deceased")
    assert visible(browser, "g1", "g2") == [True, False]
    clean(browser, site, "/tree.html")


@pytest.mark.parametrize("view", ["tree", "ecomap"])
def test_a_family_of_450_reads_at_the_first_view(browser: Browser, site: str, view: str) -> None:
    """Issue 18's acceptance on a generated family of about 450, in a 1280x720 window."""
    path = f"/family-450-{view}.html"
    with browser.viewport(1280, 720):
        load(browser, site, path)
        drawn = labels(browser)
        assert len(drawn) >= 10
        assert min(label["px"] for label in drawn) >= 12
        for a, b in itertools.combinations(drawn, 2):
            assert not overlaps(a, b), (a, b)
        centre = browser.run("return window.llMap.centre()")
        assert abs(centre["dx"]) <= 0.1, centre
        assert abs(centre["dy"]) <= 0.1, centre
        clean(browser, site, path)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_colours_that_say_a_side_stand_out_from_the_page() -> None:
    """A side's colour is the only outline of a deceased relative's pale dot and of a tree
    card's corners: at least 3:1 against the white page (WCAG 2.2, 1.4.11)."""
    for group, colour in map_items.COLOURS.items():
        assert _contrast(colour, "#ffffff") >= 3, group


def test_without_javascript_the_page_says_what_it_needs(browser: Browser, site: str) -> None:
    """A second reader: with JavaScript off the page was blank under controls that did
    nothing. It says the map needs JavaScript and what else there is, and its dead controls
    are not shown."""
    driver = browser.driver
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(site + "/ecomap.html")
        text = driver.find_element(By.TAG_NAME, "body").text
        assert "This map needs JavaScript" in text, text
        assert "/young-people/{id}/graph" in text
        for hidden in ("ll-filters", "ll-search", "ll-everyone", "ll-map", "ll-panel"):
            assert not driver.find_element(By.ID, hidden).is_displayed(), hidden
        assert driver.find_element(By.CSS_SELECTOR, "ul.legend").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    # With it, the words are not shown and the controls are.
    load(browser, site, "/ecomap.html")
    assert "needs JavaScript" not in driver.find_element(By.TAG_NAME, "body").text
    for shown in ("ll-filters", "ll-search", "ll-everyone", "ll-map", "ll-panel"):
        assert driver.find_element(By.ID, shown).is_displayed(), shown
    clean(browser, site, "/ecomap.html")


def test_the_labels_measured_are_those_drawn(browser: Browser, site: str) -> None:
    """A second reader: `llMap.labels()` gave 400 labels "in view", 76,245 pairs overlapping,
    on a tree whose screenshot showed 7: vis-network sizes the label of a card it never drew
    without placing it, so it stood at the map's origin. Each label measured is now where its
    card is, and only cards drawn in the view are measured."""
    load(browser, site, "/family-450-tree.html")
    # The view on the map's origin, where the labels of cards never drawn stood.
    browser.run("window.llMap.network.moveTo({position: {x: 0, y: 0}, scale: 1});")
    drawn = labels(browser)
    cards = browser.run(
        "const n = window.llMap.network; const m = document.getElementById('ll-map');"
        "return n.body.nodeIndices.map(id => { const b = n.getBoundingBox(id);"
        " const a = n.canvasToDOM({x: b.left, y: b.top});"
        " const z = n.canvasToDOM({x: b.right, y: b.bottom});"
        " return {id: id, left: a.x, top: a.y, right: z.x, bottom: z.y}; })"
        ".filter(c => c.right > 0 && c.left < m.clientWidth && c.bottom > 0"
        " && c.top < m.clientHeight);"
    )
    assert 0 < len(drawn) == len(cards), (len(drawn), len(cards))
    where = {card["id"]: card for card in cards}
    for label in drawn:
        card = where[label["id"]]
        assert card["left"] - 1 <= label["left"] < label["right"] <= card["right"] + 1, label
        assert card["top"] - 1 <= label["top"] < label["bottom"] <= card["bottom"] + 1, label
    for a, b in itertools.combinations(drawn, 2):
        assert not overlaps(a, b), (a, b)
    clean(browser, site, "/family-450-tree.html")


@pytest.mark.parametrize("path", ["/ecomap.html", "/tree.html"])
def test_printed_the_map_takes_the_page_and_the_controls_stay_off_it(
    browser: Browser, site: str, path: str
) -> None:
    """A second reader printed the map on A4: the filters, search and an empty side panel
    printed, and the map was 534 px of the page's 794, a card cut at its edge. In print the
    controls and an empty panel are left out, the legend kept, the map as wide as the page;
    a panel holding someone prints under the map."""
    driver = browser.driver
    with browser.viewport(794, 1123):
        load(browser, site, path)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            for hidden in ("ll-filters", "ll-search", "ll-everyone", "ll-panel"):
                assert not driver.find_element(By.ID, hidden).is_displayed(), hidden
            assert driver.find_element(By.CSS_SELECTOR, "ul.legend").is_displayed()
            page_width, map_width = browser.run(
                "return [document.documentElement.clientWidth,"
                " document.getElementById('ll-map').clientWidth];"
            )
            assert map_width == page_width == 794
            browser.wait_for(
                "return document.querySelector('#ll-map canvas').clientWidth === 794", timeout=5
            )
            # Someone chosen: the panel prints, under the map.
            browser.run("window.llMap.open('p4')")
            assert driver.find_element(By.ID, "ll-panel").is_displayed()
            below = browser.run(
                "return document.getElementById('ll-panel').getBoundingClientRect().top >="
                " document.getElementById('ll-map').getBoundingClientRect().bottom"
            )
            assert below
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        # On screen again: the controls and the panel beside the map.
        assert driver.find_element(By.ID, "ll-filters").is_displayed()
        assert browser.run("return document.getElementById('ll-map').clientWidth") < 794 - 200
        clean(browser, site, path)


def summary_boxes(browser: Browser) -> list[dict[str, Any]]:
    """Each summary shown, its box in px relative to the map, with the part of the map the
    window shows (`top`, `bottom`) and the map's width."""
    found: list[dict[str, Any]] = browser.run(
        "const n = window.llMap.network; const m = document.getElementById('ll-map');"
        "const r = m.getBoundingClientRect();"
        "return window.llMap.nodes.get({filter: x => x.llSummary && !x.hidden}).map(x => {"
        " const b = n.getBoundingBox(x.id); const a = n.canvasToDOM({x: b.left, y: b.top});"
        " const z = n.canvasToDOM({x: b.right, y: b.bottom});"
        " return {id: x.id, left: a.x, top: a.y, right: z.x, bottom: z.y, width: m.clientWidth,"
        " shownTop: Math.max(-r.top, 0),"
        " shownBottom: Math.min(m.clientHeight, window.innerHeight - r.top)}; });"
    )
    return found


@pytest.mark.parametrize("width", [400, 800, 1024])
@pytest.mark.parametrize("path", ["/ecomap.html", "/family-450-ecomap.html"])
def test_the_first_view_shows_every_summary_whole(
    browser: Browser, site: str, path: str, width: int
) -> None:
    """A second reader: at 1024 and 800 px windows the first view cut the "Mum's side" and
    "Dad's side" boxes, the only way to open the rest of the family, as it may not zoom out
    below a readable size. A summary the readable view would cut is brought into it, clear of
    every label; in a window too small for that (400 px), into the map's box below the window,
    where scrolling shows it, rather than over another label."""
    with browser.viewport(width, 800):
        load(browser, site, path)
        boxes = summary_boxes(browser)
        assert boxes
        height = browser.run("return document.getElementById('ll-map').clientHeight")
        for box in boxes:
            assert 0 <= box["left"] < box["right"] <= box["width"], box
            if width > 400:
                assert box["shownTop"] <= box["top"] < box["bottom"] <= box["shownBottom"], box
            else:
                assert 0 <= box["top"] < box["bottom"] <= height, box
        drawn = labels(browser)
        assert min(label["px"] for label in drawn) >= 12
        for a, b in itertools.combinations(drawn, 2):
            assert not overlaps(a, b), (a, b)
        centre = browser.run("return window.llMap.centre()")
        assert abs(centre["dx"]) <= 0.1, centre
        # Still opened in place by a click, where the window shows it (the map's box runs
        # below the window: the helper `click` aims from the box's middle, Selenium from the
        # middle of what the window shows of it).
        first = boxes[0]["id"]
        before = browser.run("return window.llMap.counts().nodes")
        # (Scrolled to it first where it is below the window.)
        x, y = browser.run(
            "const n = window.llMap.network; const p = n.canvasToDOM(n.getPosition(arguments[0]));"
            "const m = document.getElementById('ll-map');"
            "let r = m.getBoundingClientRect();"
            "if (r.top + p.y > window.innerHeight - 40) {"
            " window.scrollBy(0, r.top + p.y - window.innerHeight / 2);"
            " r = m.getBoundingClientRect(); }"
            "return [Math.round(r.left + p.x), Math.round(r.top + p.y)];",
            first,
        )
        actions = ActionBuilder(browser.driver)
        actions.pointer_action.move_to_location(x, y).click()  # type: ignore[no-untyped-call]
        actions.perform()
        browser.wait_for(f"return window.llMap.counts().nodes > {before}")
        clean(browser, site, path)


def panel_buttons(browser: Browser) -> list[WebElement]:
    return browser.driver.find_elements(By.CSS_SELECTOR, "#ll-panel button")


def test_a_summary_opens_all_its_people_at_once(browser: Browser, site: str) -> None:
    """A second reader: a summary opened 8 people a click, 125 clicks for a family of 1,000.
    A click on it opens the closest 8 and says in the panel what it holds, with a button for
    the next 8 and one for all the rest (of those the filters show)."""
    load(browser, site, "/ecomap.html")
    click(browser, SUMMARY)
    browser.wait_for("return window.llMap.counts().nodes === 14")
    assert panel(browser).startswith("Mum's side: 20 relatives found\n")
    assert "8 shown, 12 more" in panel(browser)
    assert [b.text for b in panel_buttons(browser)] == ["Show the closest 8", "Show all 12"]
    panel_buttons(browser)[1].click()
    assert visible(browser, *MEMBERS) == [True] * 20
    assert browser.run(f"return window.llMap.nodes.get('{SUMMARY}').label").endswith("all 20 shown")
    assert "all 20 shown" in panel(browser)
    assert panel_buttons(browser) == []
    clean(browser, site, "/ecomap.html")
    # Only those the filters show: twelve of the twenty are on both sides.
    load(browser, site, "/ecomap-both-12.html")
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("paternal")
    opened = browser.run(f"return window.llMap.unfoldAll('{SUMMARY}')")
    assert opened == MEMBERS[:12]
    assert "all 12 shown" in panel(browser)
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("")
    assert visible(browser, *MEMBERS) == [True] * 12 + [False] * 8
    # The panel follows the filters; eight left, one button opens them.
    assert "12 shown, 8 more" in panel(browser)
    assert [b.text for b in panel_buttons(browser)] == ["Show the closest 8"]
    panel_buttons(browser)[0].click()
    assert visible(browser, *MEMBERS) == [True] * 20
    clean(browser, site, "/ecomap-both-12.html")
