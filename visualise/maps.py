"""Network maps as self-contained HTML pages, built with pyvis on the project's own template.

The page fetches nothing: vis-network (shipped inside the pyvis package) and the map script are
inlined under a Content-Security-Policy nonce, and the page's data sits in JSON blocks. pyvis
renders templates without escaping, so this module gives it an autoescaping environment and
never hands it HTML made from data; names reach the browser only as JSON and are drawn as text.

`render` takes a graph already shaped for the viewer (`NetworkGraph.model_dump()` under the
request's need-to-know), so flag details appear in tooltips only for roles that may see them.

Labels stay readable by construction: every person's label is drawn at `FONT` px times the
view's scale, vis-network hides those that would be under 12 px on screen (`drawThreshold`),
and long names are cut with an ellipsis (the whole name is in the tooltip and the side panel).
The family tree draws people as cards of `CARD` map units and its genogram connectors (`lines`)
on the canvas itself; the ecomap folds distant relatives into summary nodes opened on click.
"""

from __future__ import annotations

import importlib.resources
import re
import secrets
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pydantic_core import to_json
from pyvis.edge import Edge
from pyvis.network import Network

from visualise import map_items
from visualise.map_items import CARD, DRAW_THRESHOLD, FONT, Looks, options

_HERE = Path(__file__).resolve().parent
_TEMPLATE = "network.html"
_ENV = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=False,
)
VIS_VERSION = "9.1.2"


def _json(value: Any, **_: Any) -> str:
    """JSON for the page's data blocks, written by pydantic's core (a few times faster than the
    standard library on a map's thousand nodes and edges). `tojson` then escapes <, >, & and '
    in it as before."""
    return to_json(value).decode("utf-8")


_ENV.policies["json.dumps_function"] = _json
_ENV.policies["json.dumps_kwargs"] = {}


def _library() -> str:
    source = importlib.resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    text = (source / "vis-network.min.js").read_text(encoding="utf-8")
    # No source map to fetch, and nothing that could end the inline script early.
    # Split on newlines only: the library holds other line-break characters inside strings.
    text = "\n".join(
        line for line in text.split("\n") if not line.startswith("//# sourceMappingURL")
    )
    if "</script" in text.lower() or "<!--" in text:
        raise RuntimeError("vis-network cannot be inlined safely: it contains </script or <!--")
    return text


# Trusted text from files, never data: the library shipped with pyvis and the map script.
_LIBRARY = Markup(_library())  # noqa: S704
_SCRIPT = Markup((_HERE / "static" / "map.js").read_text(encoding="utf-8"))  # noqa: S704


class Fill(Enum):
    NONCE = "nonce"
    LIBRARY = "library"
    SCRIPT = "script"


# Where a page's nonce, the map library and the map script stand: marks drawn once per process
# (never sent, so no name or note can hold one) and cut out when the page is rendered. A page is
# held as the text between them, so keeping it and giving it again under a fresh nonce copies
# nothing of the half megabyte that is the same in every page, and the library is encoded once.
_MARKS = {fill: f"ll-{secrets.token_hex(16)}-{fill.value}" for fill in Fill}
_CUT = re.compile("(" + "|".join(_MARKS.values()) + ")")
_FILL_OF = {mark: fill for fill, mark in _MARKS.items()}
_SAME: dict[Fill, bytes] = {Fill.LIBRARY: str(_LIBRARY).encode(),
                            Fill.SCRIPT: str(_SCRIPT).encode()}  # fmt: skip


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A rendered page as the text around its nonce, library and script."""

    parts: tuple[bytes | Fill, ...]
    nodes: int
    edges: int


@dataclass(frozen=True, slots=True)
class Page:
    kept: KeptPage
    nonce: str

    @property
    def body(self) -> bytes:
        nonce = self.nonce.encode()
        return b"".join(
            p if isinstance(p, bytes) else nonce if p is Fill.NONCE else _SAME[p]
            for p in self.kept.parts
        )

    @property
    def html(self) -> str:
        return self.body.decode("utf-8")

    @property
    def nodes(self) -> int:
        return self.kept.nodes

    @property
    def edges(self) -> int:
        return self.kept.edges


def _cut(html: str, nodes: int, edges: int) -> KeptPage:
    pieces = _CUT.split(html)
    parts = tuple(_FILL_OF[p] if i % 2 else p.encode("utf-8") for i, p in enumerate(pieces))
    if (parts.count(Fill.LIBRARY), parts.count(Fill.SCRIPT), parts.count(Fill.NONCE)) != (1, 1, 3):
        # A page that lost a nonce would be refused its style or script by the browser, silently.
        raise RuntimeError(
            "The map template must hold the library and the script once each, and the nonce "
            "on its style and both scripts."
        )
    return KeptPage(parts, nodes, edges)


def keep(page: Page) -> KeptPage:
    """The page to keep: all but its nonce."""
    return page.kept


def fresh_nonce() -> str:
    """A page's nonce for its style and scripts: never given twice."""
    return secrets.token_urlsafe(18)


def renewed(kept: KeptPage) -> Page:
    """The kept page under a fresh nonce: a nonce is never given twice."""
    return Page(kept, fresh_nonce())


def render(
    graph: dict[str, Any],
    *,
    title: str,
    parent_origin: str | None = None,
    height: int = 640,
    chosen: dict[str, str] | None = None,
) -> Page:
    """The page for a shaped graph. `parent_origin`: the embedding page, told the height.
    `chosen`: the filters the map was asked for (`side`, `living`: living or deceased,
    `stage`), which its menus show chosen (a second reader: a map opened for the maternal side
    said "both sides")."""
    view = graph["view"]
    tree = view == "tree"
    net = Network(height=f"{height}px", width="100%", directed=False)
    net.path = _TEMPLATE
    net.templateEnv = _ENV
    net.options = options(view)
    # pyvis's add_node, like its add_edge, scans every node already added (quadratic), and only
    # adds the id and defaults for a label, shape and colour that every node here has; the
    # graph's nodes and summaries have unique ids, so they go in as vis-network's options.
    summaries = [] if tree else graph.get("summaries", [])
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    looks = Looks()
    net.nodes += [map_items.node_item(n, view, looks, names) for n in graph["nodes"]]
    net.nodes += [map_items.summary_item(s) for s in summaries]
    # The tree's family edges are not drawn by vis-network: its genogram connectors (`lines`)
    # replace them. The page keeps them as data, to count those between people shown.
    # pyvis's add_edge scans every edge already added (quadratic); the graph's edges are already
    # unique and between known nodes, so they go in as pyvis Edge options directly.
    if not tree:
        for edge in graph["edges"]:
            net.edges.append(Edge(edge["source"], edge["target"], False, id=edge["id"],
                                  **map_items.edge_item(edge, names)).options)  # fmt: skip
    family = [[e["source"], e["target"], e["type"]] for e in graph["edges"]] if tree else []
    folds = [
        {"id": s["id"], "side": s["side"], "label": s["label"], "members": list(s["members"])}
        for s in summaries
    ]
    net.heading = {
        "title": title,
        "nonce": _MARKS[Fill.NONCE],
        "height": height,
        "legend": map_items.legend_items(view, {n["group"] for n in graph["nodes"]}),
        "stages": list(map_items.STAGE_WORDS.items()) if view == "ecomap" else [],
        "chosen": {"side": "", "living": "", "stage": "", **(chosen or {})},
        "notice": _beyond_close(graph.get("beyond_close") or 0),
        "client": {
            "view": view,
            "parentOrigin": parent_origin,
            "youngPerson": graph["young_person_id"],
            "scope": graph.get("scope"),
            "font": FONT,
            "drawThreshold": DRAW_THRESHOLD,
            "card": CARD,
            "summaries": folds,
            "lines": graph.get("lines", []) if tree else [],
            "units": graph.get("units", []) if tree else [],
            "family": family,
            "looks": looks.sent(),
            # The headings of the page's list of everyone on the map, by colour group.
            "groups": list(map_items.GROUP_WORDS.items()),
        },
        "library": Markup(_MARKS[Fill.LIBRARY]),  # noqa: S704 (a mark, never data)
        "script": Markup(_MARKS[Fill.SCRIPT]),  # noqa: S704
    }
    return renewed(_cut(net.generate_html(), len(graph["nodes"]), len(graph["edges"])))


# What a refused embed link's page says to do, by the refusal's reason (service.auth.embed).
_TO_DO = {
    "expired": "Reload the page this map is in to get a new link, or ask whoever gave you the "
    "link for a new one.",
    "revoked": "Sign in again, then reload the page this map is in to get a new link.",
    "access_changed": "Reload the page this map is in to get a new link.",
    "no_access": "If you should still see this map, ask your manager to check that the case is "
    "allocated to you.",
    "origin_not_allowed": "Ask the service's administrator whether this system may still show "
    "maps.",
    # The refusal itself says where the link opens, and what to make instead.
    "wrong_place": "",
}
_ANYWAY = "Reload the page this map is in, or ask whoever gave you the link for a new one."


def refusal(message: str, reason: str, *, target: str, nonce: str) -> str:
    """The page of a refused embed link: `message` (the refusal in words, never anything about
    the case), what to do, and a script telling a framing page `target` ("*" or an origin) the
    reason: `{type: "lifelong-links:embed-error", code: reason}`."""
    heading = "This link has expired" if reason == "expired" else "This map cannot be shown"
    return _ENV.get_template("embed_refused.html").render(
        heading=heading, message=message, to_do=_TO_DO.get(reason, _ANYWAY), nonce=nonce,
        said={"code": reason, "target": target},
    )  # fmt: skip


def _beyond_close(count: int) -> str | None:
    """What the close family's tree says of the flagged or restricted people it leaves out."""
    if not count:
        return None
    who = "1 person" if count == 1 else f"{count} people"
    return (f"{who} of the family with a safety flag or under a court order "
            f"{'is' if count == 1 else 'are'} not on this tree of the close family: see the "
            "whole family's tree, the network map or safeguarding.")  # fmt: skip


def content_security_policy(nonce: str, frame_ancestors: list[str]) -> str:
    ancestors = " ".join(frame_ancestors) if frame_ancestors else "'none'"
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        f"img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
    )
