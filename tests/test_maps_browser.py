"""The network maps in a real headless Chromium, served by the real API on a real Neo4j.

What is drawn is counted in the browser and checked against the database; the pages must log
no errors and request nothing but themselves; hostile names stay text; embedding works only from
an allowed origin; screenshots of the demo case are written to docs/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j import Driver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from seed.demo import COORDINATOR as DEMO_COORDINATOR
from seed.demo import SOCIAL_WORKER as DEMO_SOCIAL_WORKER
from seed.demo_case import YOUNG_PERSON_ID as KAI
from service.app import create_app
from tests.browser import Browser, serve_html
from tests.cases import (
    ADMIN_TOKEN,
    BOOT,
    HOSTILE_FAMILY,
    HOSTILE_GIVEN,
    MapCase,
    build_case,
    build_work,
    ok,
)
from tests.conftest import Target, settings_for, wipe
from visualise.connectors import Line, crossings
from visualise.genogram_rows import Couple, Member, Parentage, make_blocks, sort_key
from visualise.sibships import at_ends, in_order

# Slow (drives Chromium): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PARENT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Case system</title>
<script>window.received = [];
addEventListener("message", e => window.received.push({origin: e.origin, data: e.data}));
</script></head><body><h1>Case system</h1>
<iframe id="map" src="{src}" width="1000" height="700" title="Network map"></iframe>
</body></html>"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Site:
    base: str
    app: FastAPI
    client: TestClient
    allowed_parent: str
    other_parent: str
    pages: dict[str, str]
    case: MapCase
    coordinator_token: str


def demo_token(client: TestClient) -> str:
    issued = ok(client.post(f"/users/{DEMO_COORDINATOR}/tokens", headers=BOOT, json={}), 201)
    return str(issued["token"])


@pytest.fixture(scope="module")
def site(neo4j_driver: Driver, neo4j_target: Target) -> Iterator[Site]:
    wipe(neo4j_driver)
    pages: dict[str, str] = {}
    with (
        serve_html(pages) as allowed_parent,
        serve_html(pages, host="localhost") as other_parent,
    ):
        settings = settings_for(
            neo4j_target, admin_token=ADMIN_TOKEN, demo_data=True, embed_origins=allowed_parent,
            host="127.0.0.1", port=free_port(), embed_secret="s" * 40,
        )  # fmt: skip
        app = create_app(settings)
        config = uvicorn.Config(
            app, host=settings.host, port=settings.port, log_level="warning", access_log=False
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 60
        while not server.started:
            assert time.monotonic() < deadline, "the API did not start"
            assert thread.is_alive(), "the API stopped"
            time.sleep(0.05)
        try:
            # A second app on the same database builds the purpose-made cases in-process.
            with TestClient(create_app(settings)) as client:
                case = build_case(client)
                build_work(case)
                yield Site(settings.base_url, app, client, allowed_parent, other_parent, pages,
                           case, demo_token(client))  # fmt: skip
        finally:
            server.should_exit = True
            thread.join(timeout=30)


def drawn(browser: Browser) -> dict[str, int]:
    browser.wait_for("return window.llReady === true", timeout=20)
    counts: dict[str, int] = browser.run("return window.llMap.counts()")
    return counts


def open_map(browser: Browser, site: Site, token: str, path: str) -> None:
    """Open a bearer-token page as a browser would after signing in: the header on each request."""
    browser.driver.execute_cdp_cmd("Network.enable", {})
    browser.driver.execute_cdp_cmd(
        "Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Bearer {token}"}}
    )
    try:
        browser.get(site.base + path)
        drawn(browser)
    finally:
        browser.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})


def only_own_requests(browser: Browser, base: str) -> None:
    requests = browser.requests()
    assert requests, "no request seen"
    assert all(url.startswith(base + "/") for url in requests), requests
    assert browser.console_errors() == []


def expected_counts(driver: Driver, view: str) -> tuple[int, int]:
    """Kai's network counted straight from the database, independently of the service: his
    family (everyone tied to him through parents, partners and siblings) and for the ecomap
    also his trusted adults and connections; with the family's ties among them."""
    family_query = """
        MATCH (kai:Person {id: $kai})-[:PARENT_OF|PARTNER_OF|SIBLING_OF*0..]-(p:Person)
        WITH collect(DISTINCT p) AS family, kai
        OPTIONAL MATCH (a:Person)-[:TRUSTED_ADULT_OF]->(kai)
        WITH family, kai, collect(DISTINCT a) AS adults
        OPTIONAL MATCH (kai)-[:HAS_CONNECTION]->(:Connection)-[:WITH]->(c:Person)
        WITH family, adults, collect(DISTINCT c) AS connected, kai
        WITH kai, family, adults + [c IN connected WHERE NOT c IN adults] AS tied
        WITH kai, family, tied,
             CASE WHEN $view = 'tree' THEN family
                  ELSE family + [t IN tied WHERE NOT t IN family] END AS shown
        MATCH (a:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF]->(b:Person)
        WHERE a IN shown AND b IN shown
        RETURN size(shown) AS nodes, count(DISTINCT r) AS family_edges
    """
    record = driver.execute_query(family_query, kai=KAI, view=view).records[0]
    return record["nodes"], record["family_edges"]


def graph_json(site: Site, query: str) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {site.coordinator_token}"}
    found: dict[str, Any] = ok(site.client.get(f"/young-people/{KAI}/graph?{query}",
                                               headers=headers))  # fmt: skip
    return found


def pointer_on(browser: Browser, node_id: str) -> ActionChains:
    """The mouse moved onto a node where it is drawn now (then `.click()` or just `.perform()`
    to hover)."""
    point = browser.run(
        "const n = window.llMap.network;"
        "const p = n.canvasToDOM(n.getPosition(arguments[0]));"
        "const r = document.getElementById('ll-map').getBoundingClientRect();"
        "return {x: p.x + r.left, y: p.y + r.top};",
        node_id,
    )
    body = browser.driver.find_element(By.TAG_NAME, "body")
    size = body.rect
    return ActionChains(browser.driver).move_to_element_with_offset(
        body, int(point["x"] - size["width"] / 2), int(point["y"] - size["height"] / 2)
    )


def genogram_lines(graph: dict[str, Any]) -> list[Line]:
    return [Line(g["kind"], g["x1"], g["y1"], g["x2"], g["y2"]) for g in graph["lines"]]


def out_of_birth_order(graph: dict[str, Any]) -> list[list[str]]:
    """The sibships drawn out of birth order, left to right, by the genogram's rule (where two
    drawn families meet, that sibling may stand at an end: visualise.sibships.at_ends)."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    members = {i: Member(i, n["sex"], n["birth_earliest"] or n["birth_date"], n["name"])
               for i, n in nodes.items()}  # fmt: skip
    blocks = make_blocks(
        members,
        [Parentage(e["source"], e["target"], e["kind"]) for e in graph["edges"]
         if e["type"] == "parent"],
        [Couple(e["source"], e["target"], e["kind"], e.get("since")) for e in graph["edges"]
         if e["type"] == "partner"],
    )  # fmt: skip
    ends = at_ends(blocks, graph["young_person_id"])
    positions = {i: (n["x"], n["y"]) for i, n in nodes.items()}
    return [
        [nodes[c]["name"] for c, _ in b.children] for b in blocks.values()
        if not in_order([c for c, _ in b.children], positions, lambda c: sort_key(members[c]), ends)
    ]  # fmt: skip


def open_everything(browser: Browser, graph: dict[str, Any]) -> None:
    """Open every summary in the page, eight at a time, as a coordinator clicking would."""
    for summary in graph["summaries"]:
        while browser.run("return window.llMap.unfold(arguments[0]).length", summary["id"]):
            pass


@pytest.mark.parametrize("view", ["ecomap", "tree"])
def test_demo_case_views_draw_the_database(
    browser: Browser, site: Site, neo4j_driver: Driver, view: str
) -> None:
    # Six generations each way covers the whole of Kai's demo family; the tree's whole family.
    query = f"view={view}&max_generations=6&scope=whole"
    open_map(browser, site, site.coordinator_token, f"/young-people/{KAI}/map?{query}")
    graph = graph_json(site, query)
    nodes, family_edges = expected_counts(neo4j_driver, view)
    assert graph["count"]["nodes"] == nodes > 100
    if view == "tree":
        assert graph["count"]["edges"] == family_edges
        assert graph["summaries"] == []
    else:
        # Lines only from Kai, one to each person of his circle; everyone else folded.
        circle = [n for n in graph["nodes"] if n["folded"] is None and n["id"] != KAI]
        assert len(circle) <= 24
        assert graph["count"]["edges"] == len(circle)
        assert all(KAI in (e["source"], e["target"]) for e in graph["edges"])
    open_everything(browser, graph)
    assert drawn(browser) == graph["count"]
    only_own_requests(browser, site.base)
    title = browser.driver.find_element(By.TAG_NAME, "h1").text
    assert title == f"Kai Brennan: {'family tree' if view == 'tree' else 'network map'}"


@pytest.mark.parametrize("view", ["ecomap", "tree"])
def test_the_demo_maps_read_at_the_first_view(browser: Browser, site: Site, view: str) -> None:
    """Issue 18's acceptance on the demo case, in a 1280x720 window: at least ten labels, none
    under 12 px, none overlapping, Kai within a tenth of the centre; then the screenshot."""
    with browser.viewport(1280, 720):
        open_map(browser, site, site.coordinator_token, f"/young-people/{KAI}/map?view={view}")
        labels = browser.run("return window.llMap.labels()")
        assert len(labels) >= 10
        assert min(label["px"] for label in labels) >= 12
        overlapping = [
            (a["text"], b["text"])
            for i, a in enumerate(labels)
            for b in labels[i + 1 :]
            if a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"]
        ]  # fmt: skip
        assert overlapping == []
        centre = browser.run("return window.llMap.centre()")
        assert abs(centre["dx"]) <= 0.1
        assert abs(centre["dy"]) <= 0.1
        assert browser.console_errors() == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.screenshot(SCREENSHOTS / f"demo-{view}.png")
    if view == "tree":
        # Crossings: none in the close family; at most 5 per 100 people in the whole family.
        close = graph_json(site, "view=tree")
        whole = graph_json(site, "view=tree&scope=whole&max_generations=6")
        assert crossings(genogram_lines(close)) == 0
        assert crossings(genogram_lines(whole)) <= 0.05 * whole["count"]["nodes"]
        # Siblings in birth order in both.
        assert out_of_birth_order(close) == []
        assert out_of_birth_order(whole) == []


def test_the_panel_explains_how_each_is_related(browser: Browser, site: Site) -> None:
    """Who is this? An aunt by marriage, a paternal half-brother and a first cousin once
    removed of Kai, each with the path from him in words and highlighted on the map."""
    query = "view=tree&scope=whole&max_generations=6"
    open_map(browser, site, site.coordinator_token, f"/young-people/{KAI}/map?{query}")
    graph = graph_json(site, query)
    by_name = {n["name"]: n for n in graph["nodes"]}
    expected = {
        "Lisa Brennan": (
            "maternal aunt by marriage",
            "mother Donna Brennan → brother Darren Brennan → wife Lisa Brennan",
        ),
        "Jordan Walsh": ("paternal half-brother", "father Craig Walsh → son Jordan Walsh"),
        "Isabella Kelly": (
            "maternal first cousin once removed",
            "mother Donna Brennan → brother Darren Brennan → daughter Chelsea Brennan → "
            "daughter Isabella Kelly",
        ),
    }
    for name, (relation, words) in expected.items():
        node = by_name[name]
        assert node["relation"] == relation
        browser.run("window.llMap.choose(arguments[0])", node["id"])
        text = browser.run("return window.llMap.panel()")
        assert name in text
        assert relation in text
        assert words in text
        on_path = {KAI} | {step["person_id"] for step in node["path"]}
        assert set(browser.run("return window.llMap.highlighted()")) == on_path
    # And as a coordinator opens it: a real click on Jordan's card.
    jordan = by_name["Jordan Walsh"]["id"]
    browser.run("window.llMap.network.focus(arguments[0], {scale: 1})", jordan)
    pointer_on(browser, jordan).click().perform()
    assert "father Craig Walsh → son Jordan Walsh" in browser.run("return window.llMap.panel()")
    assert browser.console_errors() == []
    # The README's picture of the panel: Kai's ecomap, his maternal grandmother chosen.
    with browser.viewport(1280, 720):
        open_map(browser, site, site.coordinator_token, f"/young-people/{KAI}/map")
        nan = next(n for n in graph["nodes"] if n["relation"] == "maternal grandmother")
        assert browser.run("return window.llMap.open(arguments[0])", nan["id"])
        text = browser.run("return window.llMap.panel()")
        assert "mother Donna Brennan → mother Margaret Brennan" in text
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.screenshot(SCREENSHOTS / "demo-panel.png")


def test_filters_in_the_page(browser: Browser, site: Site) -> None:
    case = site.case
    token = case.coordinator.headers["Authorization"].removeprefix("Bearer ")
    open_map(browser, site, token, f"/young-people/{case.yp}/map")
    # Kit's circle (parents, the aunt, the uncle under an order, the aunt's partner with a
    # safety flag, two adults) around him; his grandparents folded into their sides.
    assert drawn(browser) == {"nodes": 8, "edges": 7}
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("maternal")
    assert browser.run("return window.llMap.counts()") == {"nodes": 4, "edges": 3}
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("")
    Select(browser.driver.find_element(By.ID, "ll-stage")).select_by_value("identified")
    assert browser.run("return window.llMap.counts()")["nodes"] == 3
    assert browser.driver.find_element(By.ID, "ll-shown").text == "3 people shown"
    assert browser.console_errors() == []


def test_everyone_on_the_map_as_a_list_for_a_keyboard_and_a_screen_reader(
    browser: Browser, site: Site
) -> None:
    """The canvas is one picture to a screen reader: the page lists everyone the filters let
    through, by colour group, each a button that shows them on the map and in the panel; a
    relative folded into a summary is listed, and chosen from the list is shown."""
    open_map(browser, site, site.coordinator_token, f"/young-people/{KAI}/map")
    graph = graph_json(site, "")
    summary = browser.driver.find_element(By.CSS_SELECTOR, "#ll-everyone summary")
    assert summary.text == "Everyone on this map, as a list"
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#ll-people button") == []
    summary.send_keys(Keys.ENTER)  # opened from the keyboard (its `toggle` event comes after)
    browser.wait_for("return document.querySelectorAll('#ll-people button').length > 0")
    buttons = browser.driver.find_elements(By.CSS_SELECTOR, "#ll-people button")
    assert len(buttons) == len(graph["nodes"])
    headings = [h.text for h in browser.driver.find_elements(By.CSS_SELECTOR, "#ll-people h2")]
    groups = Counter(n["group"] for n in graph["nodes"])
    words = {"young_person": "young person", "maternal": "maternal relatives",
             "paternal": "paternal relatives", "both": "related on both sides, or side not known",
             "other": "carers, teachers, workers and friends"}  # fmt: skip
    assert headings == [f"{words[g]} ({groups[g]})" for g in words if groups[g]]
    # A relative folded into a summary, chosen with the keyboard: shown, and in the panel.
    hidden = next(n for n in graph["nodes"]
                  if n["folded"] and not browser.run("return window.llMap.visible(arguments[0])",
                                                     n["id"]))  # fmt: skip
    label = f"{hidden['name']} ({hidden['relation']}{'' if hidden['living'] else ', deceased'}"
    button = next(b for b in buttons if b.text.startswith(label))
    button.send_keys(Keys.ENTER)
    assert browser.run("return window.llMap.visible(arguments[0])", hidden["id"])
    panel = browser.run("return window.llMap.panel()")
    assert hidden["name"] in panel
    assert hidden["relation"] in panel
    # The focus on the panel's heading, so a screen reader says who; the panel is no live
    # region, which would read it all again.
    assert browser.run("return document.activeElement.matches('#ll-panel h2')")
    assert browser.run("return document.activeElement.textContent") == hidden["name"]
    live = browser.run("return document.getElementById('ll-panel').getAttribute('aria-live')")
    assert live is None
    # The filters narrow the list as they narrow the map.
    Select(browser.driver.find_element(By.ID, "ll-side")).select_by_value("paternal")
    listed = browser.driver.find_elements(By.CSS_SELECTOR, "#ll-people button")
    # With those related through the father too, further off (Isabella), as /graph's
    # side=paternal lists them (a second reader: the page hid her).
    wanted = [n for n in graph["nodes"]
              if n["group"] in ("young_person", "paternal", "both")
              or n["also_on"] == "paternal"]  # fmt: skip
    assert len(listed) == len(wanted)
    assert len(wanted) == len(graph_json(site, "side=paternal")["nodes"])
    assert browser.console_errors() == []


def test_the_map_from_the_keyboard_and_in_words(browser: Browser, site: Site) -> None:
    """What the map draws is also said, and what the mouse does the keyboard does: the map
    moves and zooms from the keys while it has focus; a tooltip goes with Escape; the panel
    says a person has died and what the tie with the young person is (strength, stress,
    lapse, end: drawn only as a line's look); the search says how many it found, and its
    buttons say what the list's say."""
    open_map(browser, site, site.coordinator_token, f"/young-people/{KAI}/map")
    surface = browser.driver.find_element(By.CSS_SELECTOR, "#ll-map .vis-network")
    assert surface.get_attribute("role") == "img"
    assert "Arrow keys move the map" in str(surface.get_attribute("aria-label"))
    before = browser.run("return [window.llMap.network.getScale(),"
                         " window.llMap.network.getViewPosition()]")  # fmt: skip
    surface.click()
    ActionChains(browser.driver).key_down(Keys.PAGE_DOWN).pause(0.3).key_up(Keys.PAGE_DOWN).key_down(
        Keys.ARROW_LEFT).pause(0.3).key_up(Keys.ARROW_LEFT).perform()  # fmt: skip
    after = browser.run("return [window.llMap.network.getScale(),"
                        " window.llMap.network.getViewPosition()]")  # fmt: skip
    assert after[0] < before[0]  # zoomed out
    assert after[1] != before[1]  # moved
    # A tooltip shown on hover goes with Escape.
    pointer_on(browser, "demo-fiona").perform()
    shown = "const t = document.querySelector('div.vis-tooltip');"
    browser.wait_for(shown + "return t && t.style.visibility !== 'hidden';")
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    assert browser.run(shown + "return t.style.visibility") == "hidden"
    # The panel in words.
    browser.run("window.llMap.choose('demo-craig')")
    assert "1983 - 2018-09-30, deceased" in browser.run("return window.llMap.panel()")
    browser.run("window.llMap.choose('demo-tasha')")
    panel = browser.run("return window.llMap.panel()")
    assert "Tie with the young person\ntenuous tie, stressful, contact lapsed, ended" in panel
    assert "Sex\nfemale" in panel  # a tree's card says it by its corners alone
    # The path as a list of steps; its arrows are hidden from a screen reader, which would read
    # each as "right arrow".
    browser.run("window.llMap.choose('demo-jordan')")
    assert "father Craig Walsh → son Jordan Walsh" in browser.run("return window.llMap.panel()")
    said = browser.run(
        "return Array.from(document.querySelectorAll('#ll-panel ol.ll-path li')).map(li => {"
        "  const copy = li.cloneNode(true);"
        "  copy.querySelectorAll('[aria-hidden=true]').forEach(a => a.remove());"
        "  return copy.textContent; })"
    )
    assert said == ["father Craig Walsh", "son Jordan Walsh"]
    arrows = browser.run(
        "const all = []; const walk = document.createTreeWalker("
        "  document.getElementById('ll-panel'), NodeFilter.SHOW_TEXT);"
        "while (walk.nextNode()) { if (walk.currentNode.textContent.includes('→')) {"
        "  all.push(!!walk.currentNode.parentElement.closest('[aria-hidden=true]')); } }"
        "return all;"
    )
    assert arrows == [True]
    # The search: a count to hear, and the same words as the list.
    browser.run("window.llMap.search('walsh')")
    found = browser.driver.find_element(By.ID, "ll-found")
    assert found.get_attribute("role") == "status"
    assert found.text.endswith("people found")
    texts = [b.text for b in browser.driver.find_elements(By.CSS_SELECTOR, "#ll-matches button")]
    assert "Craig Walsh (father, deceased)" in texts
    assert browser.console_errors() == []


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("coordinator", "map"),
        ("coordinator", "map?view=tree&scope=whole"),
        ("coordinator", "plan/document"),
        ("coordinator", "journey-book/document"),
        ("social_worker", "record/document"),
    ],
)
def test_the_pages_meet_wcag_2_2_aa(browser: Browser, site: Site, who: str, path: str) -> None:
    """Councils are held to WCAG 2.2 AA for what their staff and families use: each page the
    service serves, checked in Chromium by axe-core as it stands (a map with its list of
    everyone opened), breaks none of its rules."""
    user = {"coordinator": DEMO_COORDINATOR, "social_worker": DEMO_SOCIAL_WORKER}[who]
    token = ok(site.client.post(f"/users/{user}/tokens", headers=BOOT, json={}), 201)["token"]
    if path.startswith("map"):
        open_map(browser, site, token, f"/young-people/{KAI}/{path}")
        browser.run("document.getElementById('ll-everyone').open = true")
        browser.wait_for("return document.querySelectorAll('#ll-people button').length > 0")
    else:
        browser.driver.execute_cdp_cmd("Network.enable", {})
        browser.driver.execute_cdp_cmd(
            "Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Bearer {token}"}}
        )
        try:
            browser.get(f"{site.base}/young-people/{KAI}/{path}")
        finally:
            browser.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
        assert browser.run("return document.title")
    assert browser.accessibility() == []
    assert browser.console_errors() == []


def test_hostile_names_are_shown_as_text_and_run_nothing(browser: Browser, site: Site) -> None:
    case = site.case
    token = case.coordinator.headers["Authorization"].removeprefix("Bearer ")
    open_map(browser, site, token, f"/young-people/{case.yp}/map?view=ecomap")
    teacher = case.family.ids["teacher"]
    node: dict[str, Any] = browser.run("return window.llMap.nodes.get(arguments[0])", teacher)
    assert node["llName"] == f"{HOSTILE_GIVEN} {HOSTILE_FAMILY}"
    assert node["label"].startswith(f"{HOSTILE_GIVEN} {HOSTILE_FAMILY}"[:20])
    # Hover over the node: the tooltip shows the name as text.
    pointer_on(browser, teacher).perform()
    tip = browser.wait_for(
        "const t = document.querySelector('div.vis-tooltip');"
        "return t && t.style.visibility !== 'hidden' && t.innerText;"
    )
    assert tip.startswith(f"{HOSTILE_GIVEN} {HOSTILE_FAMILY}\n")
    # And in the list of everyone on the map: a button's text.
    browser.run("document.getElementById('ll-everyone').open = true")
    browser.wait_for("return document.querySelectorAll('#ll-people button').length > 0")
    listed = [b.text for b in browser.driver.find_elements(By.CSS_SELECTOR, "#ll-people button")]
    assert any(text.startswith(f"{HOSTILE_GIVEN} {HOSTILE_FAMILY} (") for text in listed)
    assert browser.run("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert browser.run("return typeof window.alert === 'function' && !window.__pwned")
    assert browser.run("return document.scripts.length") == 6
    assert browser.console_errors() == []


def mint(site: Site, **body: Any) -> dict[str, Any]:
    case = site.case
    link: dict[str, Any] = ok(
        case.client.post(f"/young-people/{case.yp}/embed-tokens",
                         headers=case.coordinator.headers, json=body), 201)  # fmt: skip
    # The in-process client builds links for its own settings' address: the same live server.
    assert link["url"].startswith(site.base + "/embed?token=")
    return link


def test_embedded_on_an_allowed_origin(browser: Browser, site: Site) -> None:
    link = mint(site, view="tree", origin=site.allowed_parent)
    site.pages["/allowed.html"] = PARENT_PAGE.replace("{src}", link["url"])
    browser.get(site.allowed_parent + "/allowed.html")
    browser.wait_for("return window.received.length > 0", timeout=20)
    received = browser.run("return window.received")
    assert received[0]["origin"] == site.base
    assert received[0]["data"]["type"] == "lifelong-links:height"
    assert received[0]["data"]["height"] > 600
    browser.switch_to_frame("#map")
    try:
        assert drawn(browser) == site.case.graph(view="tree")["count"]
    finally:
        browser.switch_to_main()
    assert browser.console_errors() == []


def test_a_link_made_for_a_frame_is_refused_in_a_tab_of_its_own(
    browser: Browser, site: Site
) -> None:
    """Chromium opening a framed link as a page (`Sec-Fetch-Dest: document`) is refused; the
    same link framed by its origin opens (test_embedded_on_an_allowed_origin)."""
    link = mint(site, view="ecomap", origin=site.allowed_parent)
    browser.get(link["url"])
    assert browser.driver.find_element(By.TAG_NAME, "h1").text == "This map cannot be shown"
    assert browser.driver.find_element(By.ID, "ll-why").text.startswith(
        f"This embed link opens only inside a page of {site.allowed_parent}."
    )
    assert browser.run("return document.getElementById('ll-map')") is None


def test_embedding_from_another_origin_is_refused(browser: Browser, site: Site) -> None:
    link = mint(site, view="ecomap", origin=site.allowed_parent)
    site.pages["/other.html"] = PARENT_PAGE.replace("{src}", link["url"])
    browser.get(site.other_parent + "/other.html")
    errors = browser.wait_for(
        "return window.received !== undefined && document.readyState === 'complete'"
    )
    assert errors
    time.sleep(1.0)  # time enough for a map to draw and post, were it allowed
    assert browser.run("return window.received") == []
    browser.switch_to_frame("#map")
    try:
        assert browser.run("return document.getElementById('ll-map')") is None
        assert browser.run("return window.llReady === undefined")
    finally:
        browser.switch_to_main()
    refusals = [e for e in browser.console_errors() if "frame-ancestors" in e]
    assert refusals, browser.console_errors()


def test_expired_or_tampered_links_are_refused_in_the_browser(browser: Browser, site: Site) -> None:
    from datetime import UTC, datetime, timedelta

    from service.auth import embed

    key: bytes = site.app.state.embed_key
    old, _ = embed.mint(key, user_id=site.case.coordinator.user_id,
                        young_person_id=site.case.yp, view="ecomap", origin=None, minutes=1,
                        now=datetime.now(UTC) - timedelta(minutes=2))  # fmt: skip
    good = mint(site)["token"]
    tampered = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    for token, said in ((old, "This embed link has expired; ask for a new one."),
                        (tampered, "This embed link is not valid.")):  # fmt: skip
        browser.get(f"{site.base}/embed?token={token}")
        assert browser.driver.find_element(By.ID, "ll-why").text == said
        assert browser.run("return document.getElementById('ll-map')") is None
    browser.get(f"{site.base}/embed?token={good}")
    assert drawn(browser)["nodes"] == 8  # two of the ten folded into their sides


def test_an_expired_link_in_a_frame_says_so_and_tells_the_framing_page(
    browser: Browser, site: Site
) -> None:
    """A second reader: an expired link in a council system's frame showed the raw JSON error
    to the user, and the system's page could not tell. The frame now says in words what
    happened and what to do, and posts the reason, and nothing about the case, to its parent."""
    from datetime import UTC, datetime, timedelta

    from service.auth import embed

    key: bytes = site.app.state.embed_key
    old, _ = embed.mint(key, user_id=site.case.coordinator.user_id,
                        young_person_id=site.case.yp, view="ecomap", origin=site.allowed_parent,
                        minutes=1, now=datetime.now(UTC) - timedelta(minutes=2))  # fmt: skip
    site.pages["/expired.html"] = PARENT_PAGE.replace("{src}", f"{site.base}/embed?token={old}")
    browser.get(site.allowed_parent + "/expired.html")
    browser.wait_for("return window.received.length > 0", timeout=20)
    assert browser.run("return window.received") == [
        {"origin": site.base, "data": {"type": "lifelong-links:embed-error", "code": "expired"}}
    ]
    browser.switch_to_frame("#map")
    try:
        text = browser.run("return document.body.innerText")
        lines = [line for line in text.split("\n") if line]
        assert lines[:2] == ["This link has expired",
                             "This embed link has expired; ask for a new one."]  # fmt: skip
        assert lines[2].startswith("Reload the page this map is in to get a new link")
        assert "{" not in text
    finally:
        browser.switch_to_main()
    # The frame's 401 is the only error: its style and script ran under the page's policy.
    errors = browser.console_errors()
    assert [e for e in errors if "status of 401" not in e] == [], errors
