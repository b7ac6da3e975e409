"""Where everyone goes on a map: the network graph drawn by `visualise` (the genogram for the
family tree, the ecomap's circle and summaries), written back into the graph's models.

Called by the map routes after the data layer has built the graph; the drawing modules see only
plain fields, never the database.
"""

from __future__ import annotations

import subprocess
import threading

from service.data.network_graph import (
    GenogramLine,
    GenogramUnit,
    MapEdge,
    MapNode,
    NetworkGraph,
    Summary,
)
from service.errors import LayoutUnavailable
from visualise import ecomap, genogram, genogram_rows, graphviz

# Laying out a tree takes a core for up to a second or two on the largest families: at most two
# at once, so a burst of them cannot starve every other request.
_LAYOUTS = threading.BoundedSemaphore(2)


def draw(graph: NetworkGraph) -> None:
    """Set every node's x and y, and the view's connectors or summaries."""
    if graph.view == "tree":
        _genogram(graph)
    else:
        _ecomap(graph)
    graph.count = {"nodes": len(graph.nodes), "edges": len(graph.edges)}


def _genogram(graph: NetworkGraph) -> None:
    lanes = {"maternal": 0, "both": 1, "young_person": 1, "paternal": 2, "other": 3}
    # Birth order by the first day each birth date allows (a range's start, when that is all
    # an imported tree says).
    members = [genogram_rows.Member(n.id, n.sex, n.birth_earliest or n.birth_date, n.name,
                                    lanes.get(n.group, 1), n.generation)
               for n in graph.nodes]  # fmt: skip
    parentages = [genogram_rows.Parentage(e.source, e.target, e.kind)
                  for e in graph.edges if e.type == "parent"]  # fmt: skip
    couples = [genogram_rows.Couple(e.source, e.target, e.kind, e.since)
               for e in graph.edges if e.type == "partner"]  # fmt: skip
    try:
        with _LAYOUTS:
            drawn = genogram.layout(
                members, parentages, couples, graphviz.run, centre=graph.young_person_id
            )
    except (graphviz.GraphvizMissing, OSError, subprocess.SubprocessError) as exc:
        # The text of the error names no person (the DOT text holds ids only).
        raise LayoutUnavailable(
            "The family tree cannot be drawn now: its layout engine (Graphviz) is not "
            "available. The network map (view=ecomap) and /graph?view=ecomap still work."
        ) from exc
    for node in graph.nodes:
        _place(node, *drawn.positions[node.id])
    graph.lines = [
        GenogramLine(kind=line.kind, x1=line.x1, y1=line.y1, x2=line.x2, y2=line.y2,
                     style=line.style, mark=line.mark, needs=list(line.needs),
                     any_of=list(line.any_of))
        for line in drawn.lines
    ]  # fmt: skip
    graph.units = [
        GenogramUnit(id=u.id, x=u.x, y=u.y, parents=list(u.parents),
                     descendants=list(u.descendants))
        for u in drawn.units
    ]  # fmt: skip


def _ecomap(graph: NetworkGraph) -> None:
    centre = graph.young_person_id
    drawn = ecomap.arrange(graph.nodes, graph.edges, centre, graph.hints)
    for node in graph.nodes:
        x, y = drawn.positions.get(node.id, (0.0, 0.0))
        _place(node, x, y, drawn.folded.get(node.id))
    edges = [e for e in graph.edges if e.id in drawn.keep_edges]
    nodes = {node.id: node for node in graph.nodes}
    for person, line in drawn.new_lines:
        edges.append(MapEdge(id=f"line:{person}", source=centre, target=person, type=line,
                             kind=_line_kind(line, nodes.get(person))))  # fmt: skip
    graph.edges = sorted(edges, key=lambda e: e.id)
    graph.summaries = [
        Summary(id=s.id, side=s.side, label=s.label, found=s.found,
                in_contact=s.in_contact, members=list(s.members), x=s.x, y=s.y)
        for s in drawn.summaries
    ]  # fmt: skip


def _line_kind(line: str, node: MapNode | None) -> str | None:
    """The kind of the ecomap's own line to a parent or a sibling in the circle: as the
    relative is related (a second reader: a step-father's line was a birth parent's, solid,
    "birth parent" on hover)."""
    if node is None or line not in ("parent", "sibling"):
        return None
    kind = {"step": "step", "by_marriage": "step", "adoptive": "adoptive"}.get(node.kind or "")
    if kind is None and line == "sibling" and "half-" in (node.relation or ""):
        return "half"
    return kind or "birth"


def _place(node: MapNode, x: float, y: float, folded: str | None = None) -> None:
    """A node's place, written straight into the model: its fields are plain values of their
    type (floats, a summary's id), and pydantic's own assignment, three times a person, cost
    about 0.3 ms of a map of 240 people. The node was made with these fields (`MapNode`'s x, y
    and folded are always given), so what a dump writes is unchanged."""
    vars(node).update(x=x, y=y, folded=folded)
