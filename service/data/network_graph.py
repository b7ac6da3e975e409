"""The network map's data as the service sends it and the maps read it: the graph (`NetworkGraph`)
with its people (`MapNode`), ties (`MapEdge`) and the family tree's connectors, the filters a
map is asked with, and the graph as the map page reads it for one viewer (`for_page`). Worked
out by `service.data.network`, placed by `service.drawing`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PrivateAttr
from typing_extensions import TypedDict

from service.auth.need_to_know import Sensitive, Shaped, shown
from service.data.people import Sex
from service.data.relationships import Strength
from service.family import Family
from service.kinship import Kind
from service.workflow import FlagKind, Stage

View = Literal["ecomap", "tree"]
Scope = Literal["close", "whole"]
Group = Literal["young_person", "maternal", "paternal", "both", "other"]
EdgeType = Literal["parent", "partner", "sibling", "trusted_adult", "tie", "family"]


class MapFlagContent(BaseModel):
    kind: FlagKind
    level: int


class MapFlag(Shaped):
    """A safety flag on someone in the map: that it exists and whom to ask, for everyone;
    what it says, only for those who decide on contact."""

    ask: str = Field(description="Whom to ask about the flag.")
    content: Annotated[MapFlagContent | None, Sensitive.flag_details] = None


class PathStep(TypedDict):
    """One step of a path. A typed dict rather than a model: a council map holds about 1,100
    (every person's whole path); made as models they took 1.7 ms a map, as dicts 0.2 ms."""

    word: Annotated[str, Field(description="How the step goes: mother, sister, husband, son...")]
    person_id: Annotated[str | None, Field(description="None for someone the case does not hold.")]
    name: Annotated[str, Field(description="`someone` for someone the case does not hold.")]


class MapNode(Shaped):
    id: str = Field(description="The person's id.")
    name: str
    group: Group = Field(description="Colour group: the side of the family, or other adults.")
    relation: str | None = Field(
        description="Kinship term, or the trusted adult's role, from the young person's view."
    )
    sex: Sex
    living: bool
    birth_date: str | None
    death_date: str | None
    birth_date_written: Annotated[str | None, Sensitive.notes] = Field(
        default=None, description="The birth date as an imported family tree wrote it."
    )
    birth_earliest: str | None = Field(
        default=None, description="The first day the birth date allows: birth order."
    )
    generation: int = Field(description="0 the young person's generation, -1 parents, +1 children.")
    kind: Kind | None = Field(description="How a relative is related: birth, step, ...")
    stage: Stage | None = Field(description="Stage of the young person's connection, if any.")
    last_contact: str | None
    lapsed: bool = Field(description="Contact has lapsed (see /lapsed).")
    flags: list[MapFlag] = Field(description="Active safety flags.")
    restricted: bool = Field(description="A current court order keeps them from the young person.")
    side: Literal["maternal", "paternal", "both"] | None = Field(
        description="The side of the family a relative is on."
    )
    also_on: Literal["maternal", "paternal"] | None = Field(
        default=None,
        description="The other side a relative is related through too, further off "
        "(`also_on` on /relatives): that side's map shows them.",
    )
    path: list[PathStep] | None = Field(
        description="The chain of family ties from the young person to this person, for "
        '"why is this man my cousin?"; empty for the young person, null when no family tie '
        "joins them."
    )
    wish: str | None = Field(description="The young person's wish about them, in words.")
    folded: str | None = Field(
        default=None,
        description="Ecomap: the summary that holds this person until it is opened.",
    )
    x: float
    y: float


class MapEdge(BaseModel):
    id: str
    source: str
    target: str
    type: EdgeType = Field(
        description="A family or declared tie, or `tie`: the young person's own tie to a "
        "connection or trusted adult, drawn ecomap-style; `family`: the ecomap's line to a "
        "relative in the young person's circle who has no tie of their own."
    )
    kind: str | None = Field(
        description="Parentage kind, partnership kind, or the adult's role.", default=None
    )
    strength: Strength | None = None
    stressful: bool = False
    lapsed: bool = False
    current: bool = Field(default=True, description="False for ties that have ended.")
    since: str | None = Field(default=None, description="When a partnership began.")


class GenogramLine(BaseModel):
    """One connector of the genogram, in map coordinates."""

    kind: Literal["couple", "drop", "bar", "child"]
    x1: float
    y1: float
    x2: float
    y2: float
    style: Literal["solid", "dashed", "dotted", "dashdot"]
    mark: Literal["/", "//"] | None = Field(description="Separated `/`, divorced `//`.")
    needs: list[str] = Field(description="Drawn only while all of these people are shown...")
    any_of: list[str] = Field(description="... and at least one of these, when any are given.")


class GenogramUnit(BaseModel):
    """A couple or single parent with children: where its drop starts and who is below it."""

    id: str
    x: float
    y: float
    parents: list[str]
    descendants: list[str]


class Summary(BaseModel):
    """Ecomap: the rest of one side of the family (or the other adults), folded into one node
    that opens in place."""

    id: str
    side: Literal["maternal", "paternal", "other"]
    label: str
    found: int
    in_contact: int
    members: list[str] = Field(description="The people it holds, closest first.")
    x: float
    y: float


class NetworkGraph(BaseModel):
    """The network as data. Nodes are at (0, 0) until `service.drawing.draw` places them
    (from `hints`: each node's side and ring, which are not sent)."""

    young_person_id: str
    view: View
    scope: Scope | None = Field(description="Family tree: close family or the whole family.")
    beyond_close: int = Field(
        default=0,
        description="Family tree of the close family: how many of the family with an active "
        "safety flag or under a court order it leaves out (the whole family shows them).",
    )
    nodes: list[MapNode]
    edges: list[MapEdge]
    lines: list[GenogramLine] = Field(
        default_factory=list, description="Family tree: the genogram's connectors."
    )
    units: list[GenogramUnit] = Field(default_factory=list)
    summaries: list[Summary] = Field(default_factory=list)
    count: dict[str, int] = Field(description="`nodes` and `edges`.")
    _hints: dict[str, tuple[str, int]] = PrivateAttr(default_factory=dict)
    # The family as loaded for this map, when it reaches as far as `members` looks (the default
    # four generations), and the connections (person id -> name, whatever the generations): the
    # map page's safeguarding chains use them rather than reading them again.
    _family: Family | None = PrivateAttr(default=None)
    _connected: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def hints(self) -> dict[str, tuple[str, int]]:
        return self._hints

    @hints.setter
    def hints(self, value: dict[str, tuple[str, int]]) -> None:
        self._hints = value

    @property
    def family(self) -> Family | None:
        return self._family

    @family.setter
    def family(self, value: Family | None) -> None:
        self._family = value

    @property
    def connected(self) -> dict[str, str]:
        return self._connected

    @connected.setter
    def connected(self, value: dict[str, str]) -> None:
        self._connected = value


def for_page(graph: NetworkGraph, through: dict[str, list[str]]) -> dict[str, Any]:
    """A drawn graph as `visualise.maps.render` reads it, for the request's viewer (what its
    role may not see left out), each person with the safeguarding chains through them for the
    page's panel (the JSON graph leaves those to /safeguarding). Its people are read as they
    are held (`shown`), not dumped: the page only reads them."""
    drawn = graph.model_dump(exclude={"nodes"})
    drawn["nodes"] = people = [shown(node) for node in graph.nodes]
    for person in people:
        person["chains"] = list(through.get(person["id"], ()))
    # A summary says how many of its people a safeguarding link runs through, as it says how
    # many carry a flag (a second reader: a cousin whose chain led to a flagged man was folded
    # into "82 relatives found", the chain seen only by opening the summary and clicking him).
    for summary in drawn["summaries"]:
        linked = sum(1 for pid in summary["members"] if through.get(pid))
        if linked:
            summary["label"] += f"\n{linked} with a safeguarding link"
    return drawn


class Filters(BaseModel):
    side: Literal["maternal", "paternal"] | None = None
    living: bool | None = None
    stage: Stage | None = None
    max_generations: int = 4
    scope: Scope = "close"
