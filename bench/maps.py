"""Benchmark: network maps of about 50, 500 and 2,000 people, on the server and in Chromium.

    .venv/bin/python bench/maps.py [--sizes 50,500,2000] [--requests 30] [--loads 5]

For each size a family tree is generated (bench/relatives.py's generator, fixed seed) and
imported for its own young person; the maps are drawn with `max_generations=6`, so nearly the
whole tree is on them. On the server: GET /map (the HTML page) against GET /graph (the same
graph as JSON, the baseline) in the same run, through the API under uvicorn with the access
check and audit of every read; the difference is what building the page with pyvis costs. In
the browser: Debian's headless Chromium opens the page through an embed link, and the time from
navigation to the first complete drawing is read from the page (positions come from the server
and physics is off, so the first drawing is the settled map).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

import httpx2 as httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.health import database, measure, percentiles, serve_api  # noqa: E402
from bench.relatives import RUN, TOKEN, generate  # noqa: E402
from service.gedcom import write_gedcom  # noqa: E402
from tests.browser import Browser  # noqa: E402

WARMUP = 10
PARAMS = "max_generations=6&scope=whole"


async def setup(api: str, sizes: list[int]) -> tuple[dict[str, str], dict[int, str]]:
    """A coordinator allocated to one young person per size, each with an imported tree."""
    boot = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=api, timeout=300) as http:

        async def post(path: str, headers: dict[str, str], **kw: object) -> dict[str, str]:
            response = await http.post(path, headers=headers, **kw)  # type: ignore[arg-type]
            assert response.status_code == 201, response.text
            return dict(response.json())

        headers = {}
        ids = {}
        for role in ("manager", "coordinator"):
            user = await post("/users", boot, json={"username": f"maps.{role}.{RUN}",
                                                    "display_name": role, "role": role,
                                                    "team": "bench"})  # fmt: skip
            ids[role] = user["id"]
            token = await post(f"/users/{user['id']}/tokens", boot, json={})
            headers[role] = {"Authorization": f"Bearer {token['token']}"}
        young = {}
        for size in sizes:
            tree, xref = generate(size, seed=size)
            yp = await post("/young-people", headers["manager"],
                            json={"given_name": f"Map{size}", "status": "in_care"})  # fmt: skip
            await post(f"/young-people/{yp['id']}/allocations", headers["manager"],
                       json={"user_id": ids["coordinator"]})  # fmt: skip
            await post(
                "/imports/gedcom", headers["coordinator"],
                files={"file": ("t.ged", write_gedcom(tree).encode(), "text/x-gedcom")},
                data={"young_person_id": yp["id"], "young_person_xref": xref},
            )  # fmt: skip
            young[size] = yp["id"]
    return headers["coordinator"], young


async def server_rows(
    api: str, headers: dict[str, str], young: dict[int, str], total: int
) -> tuple[list[str], dict[tuple[int, str], int]]:
    rows, drawn = [], {}
    async with httpx.AsyncClient(base_url=api, timeout=60) as http:
        for size, yp in young.items():
            for view in ("ecomap", "tree"):
                query = f"view={view}&{PARAMS}"
                graph = await http.get(f"/young-people/{yp}/graph?{query}", headers=headers)
                count = graph.json()["count"]
                # What the first view shows: the ecomap's summaries open only on a click.
                drawn[(size, view)] = sum(1 for n in graph.json()["nodes"] if not n["folded"])
                page_bytes = 0

                async def as_json(yp: str = yp, query: str = query) -> None:
                    r = await http.get(f"/young-people/{yp}/graph?{query}", headers=headers)
                    assert r.status_code == 200, r.text

                async def as_page(yp: str = yp, query: str = query) -> None:
                    nonlocal page_bytes
                    r = await http.get(f"/young-people/{yp}/map?{query}", headers=headers)
                    assert r.status_code == 200, r.text
                    page_bytes = len(r.content)

                j_lat, _ = await measure(as_json, total, 1, warmup=WARMUP)
                p_lat, _ = await measure(as_page, total, 1, warmup=WARMUP)
                j, p = percentiles(j_lat), percentiles(p_lat)
                rows.append(
                    f"| {view} | {count['nodes']} | {count['edges']} | {j['p50']:.1f} "
                    f"| {j['p95']:.1f} | {p['p50']:.1f} | {p['p95']:.1f} "
                    f"| {p['p50'] - j['p50']:.1f} | {p['p50'] / j['p50']:.2f} "
                    f"| {page_bytes / 1024:.0f} |"
                )
    return rows, drawn


async def mint(api: str, headers: dict[str, str], yp: str, view: str) -> str:
    async with httpx.AsyncClient(base_url=api, timeout=30) as http:
        r = await http.post(f"/young-people/{yp}/embed-tokens", headers=headers,
                            json={"view": view, "minutes": 60})  # fmt: skip
        assert r.status_code == 201, r.text
        # The link names LL_PUBLIC_URL; this API listens on a port of its own.
        return f"{api}/embed?token={r.json()['token']}"


def browser_rows(
    api: str, headers: dict[str, str], young: dict[int, str], drawn: dict[tuple[int, str], int],
    loads: int,
) -> list[str]:  # fmt: skip
    rows = []
    browser = Browser()
    try:
        for size, yp in young.items():
            for view in ("ecomap", "tree"):
                url = asyncio.run(mint(api, headers, yp, view)) + f"&{PARAMS}"
                settled = []
                for _ in range(loads + 1):  # the first load warms Chromium's caches
                    browser.get(url)
                    browser.wait_for("return window.llReady === true", timeout=60)
                    settled.append(float(browser.run("return window.llSettledAt")))
                    counts = browser.run("return window.llMap.counts()")
                    assert counts["nodes"] == drawn[(size, view)], counts
                    assert browser.console_errors() == [], browser.console_errors()
                times = settled[1:]
                rows.append(
                    f"| {view} | {drawn[(size, view)]} shown | {statistics.median(times):.0f} "
                    f"| {max(times):.0f} |"
                )
    finally:
        browser.quit()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with ExitStack() as stack:
        db = database(stack)
        api = serve_api(stack, db, LL_ADMIN_TOKEN=TOKEN, LL_EMBED_SECRET="b" * 40)
        headers, young = asyncio.run(setup(api, sizes))
        server, drawn = asyncio.run(server_rows(api, headers, young, args.requests))
        browser = browser_rows(api, headers, young, drawn, args.loads)

    print("# Network maps: building the page on the server and settling it in Chromium")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"server: {args.requests} sequential requests each after {WARMUP} warm-up, in ms")
    print("| view | people | ties | /graph p50 | /graph p95 | /map p50 | /map p95 "
          "| page build (p50 diff) | /map ÷ /graph | page KB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in server:
        print(row)
    print(f"\nChromium, {args.loads} loads each after one warm-up: navigation to settled map, ms")
    print("| view | people | median | max |")
    print("|---|---|---|---|")
    for row in browser:
        print(row)


if __name__ == "__main__":
    main()
