"""A young person's network as a graph: who is in it, how each is tied to the young person and
to each other, and where each sits on the map. The HTML maps and the JSON graph both come from
here, so what a council system draws itself is what the service draws.

Two views:
- `ecomap`: the young person in the middle; relatives, connections and trusted adults around,
  maternal on the left, paternal on the right, others below; family ties among them and one tie
  from the young person to each connection or trusted adult, drawn by its strength.
- `tree`: the family only, generations in rows, parents above children, couples side by side.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from service.data.connections import connected_people
from service.data.contacts import held_among, lapsed_rows
from service.data.network_graph import Filters, NetworkGraph, PathStep, View
from service.data.people import Sex
from service.data.relatives import (
    SIDE_GENERATIONS,
    family_names,
    load_family,
    named_rows,
    wish_sides,
    wish_sides_of,
)
from service.data.standing import (
    CENTRE,
    Standing,
    adult_standing,
    ended,
    kin_standing,
    relative_standing,
    tie_strength,
)
from service.dates import london_today
from service.db import Db, run_once, together
from service.errors import NotFound
from service.family import Family
from service.family_paths import close_family, paths_of
from service.kinship import display_name
from service.workflow import BLOCKING_FLAG_LEVEL, WISH_WORDS, effective_wish, lapse_days

MEMBER_GENERATIONS = 4  # how far the network reaches for safeguarding


async def members(
    db: Db,
    *,
    young_person_id: str,
    family: Family | None = None,
    connected: dict[str, str] | None = None,
) -> dict[str, str]:
    """Who is in the young person's network for safeguarding: the young person, relatives to
    four generations, the partners and other parents the map draws as family (the young
    person's partner and foster carers by a parent link, a relative's partner, a cousin's
    father) and connections, each with how the young person knows them. `family` and
    `connected` (person id -> name): the young person's family, to four generations, and
    connections as a map read them, not to be read again."""
    if family is None and connected is None:
        family, connected = await together(
            load_family(db, person_id=young_person_id, within=[young_person_id],
                        max_generations=MEMBER_GENERATIONS, external_ids=False),
            connected_people(db, young_person_id=young_person_id),
        )  # fmt: skip
    elif family is None:
        family = await load_family(db, person_id=young_person_id, within=[young_person_id],
                                   max_generations=MEMBER_GENERATIONS,
                                   external_ids=False)  # fmt: skip
    if connected is None:
        connected = await connected_people(db, young_person_id=young_person_id)
    if family is None:
        raise NotFound("No person with this id is within your allocations.")
    kin = named_rows(family, [young_person_id], MEMBER_GENERATIONS)
    names = family_names(family)
    found = {young_person_id: f"{names[young_person_id]} (the young person)"}
    found |= {r["person_id"]: f"{r['term']} {r['name']}" for r in kin if not r["other_case"]}
    # The partners and other parents the map draws as family are members too (a second
    # reader: the young person's flagged partner, and an aunt's flagged partner, were on the
    # map with their flags but not among the flagged people of the network).
    standing = _standings(family, kin)
    found |= {pid: f"{standing[pid].relation} {names[pid]}"
              for pid in _place_other_kin(family, kin, standing, family.people)
              if not _young(family, pid)}  # fmt: skip
    for person_id, name in connected.items():
        found.setdefault(person_id, f"connection {name}")
    return found


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a network's graph is worked out from, as read: the young person's family within
    the generations asked, and the rest of the network (`get_network`'s record)."""

    young_person_id: str
    max_generations: int
    family: Family
    row: dict[str, Any]
    # Each relative's side for the young person's wishes about a side, as the stage rules work
    # it out (`wish_sides`: six generations, with the people the case took out); read only
    # when such a wish is recorded.
    sides_for_wishes: dict[str, str | None] | None = None

    @property
    def member_family(self) -> Family | None:
        """The family, if it reaches as far as `members` looks."""
        return self.family if self.max_generations == MEMBER_GENERATIONS else None

    @property
    def connected(self) -> dict[str, str]:
        """The connections: person id -> name."""
        return {c["person_id"]: c["person_name"] for c in self.row["connections"]}


async def load(db: Db, *, young_person_id: str, max_generations: int, today: date) -> Loaded:
    # The family and the rest of the network, read side by side: nothing found by one is sent
    # back to be looked up by the other.
    family, records = await together(
        load_family(db, person_id=young_person_id, within=[young_person_id],
                    max_generations=max_generations, external_ids=False),
        run_once(db, "get_network", young_person_id=young_person_id, today=today.isoformat(),
                 blocking_level=BLOCKING_FLAG_LEVEL),
    )  # fmt: skip
    if family is None or not records:
        raise NotFound("No young person with this id is within your allocations.")
    # A driver Record's lookups by key are slow: read it once.
    row = dict(records[0])
    sides = None
    if row["wish_maternal"] is not None or row["wish_paternal"] is not None:
        # The map says the wish the rules hold: a wish about the father's side still holds his
        # mother when he was taken out, or when she is beyond the generations drawn (a
        # workflow reader: the map showed no wish for a grandmother the rules kept away).
        sides = (wish_sides(family) if max_generations >= SIDE_GENERATIONS
                 else await wish_sides_of(db, young_person_id=young_person_id))  # fmt: skip
    return Loaded(young_person_id, max_generations, family, row, sides)


async def network(
    db: Db,
    *,
    young_person_id: str,
    view: View,
    filters: Filters,
    today: date | None = None,
) -> NetworkGraph:
    when = today or london_today()
    found = await load(db, young_person_id=young_person_id,
                       max_generations=filters.max_generations, today=when)  # fmt: skip
    return assemble(found, view=view, filters=filters, today=when)


def assemble(loaded: Loaded, *, view: View, filters: Filters, today: date) -> NetworkGraph:
    """The graph, undrawn, from what `load` read with the same generations."""
    if loaded.max_generations != filters.max_generations:
        raise ValueError("the family was loaded for other generations than the filters ask")
    young_person_id, family, row = loaded.young_person_id, loaded.family, loaded.row
    when, day = today, today.isoformat()
    relatives = named_rows(family, [young_person_id], filters.max_generations)
    standing = _standings(family, relatives)
    # Marked as /lapsed lists them: overdue, and not held back by the plan (a wish, or a risk
    # in their household).
    lapsed = lapsed_rows(row["connections"], row["trusted"], today=when,
                         threshold_days=lapse_days())  # fmt: skip
    overdue = [item["person_id"] for item in lapsed]
    lapsed_ids = set(overdue) - held_among(overdue, row["holds"], loaded.sides_for_wishes,
                                           row["wish_maternal"], row["wish_paternal"])  # fmt: skip
    stages = {c["person_id"]: c for c in row["connections"]}
    trusted: dict[str, dict[str, Any]] = {}
    for tie in row["trusted"]:
        # A current tie says more than an ended one with the same person.
        held = trusted.get(tie["person_id"])
        if held is None or (ended(held.get("until"), day) and not ended(tie.get("until"), day)):
            trusted[tie["person_id"]] = tie
    other_kin = _other_kin(family, relatives)
    people = _drawn_people(family, relatives, other_kin, row)
    _place_other_kin(family, relatives, standing, people, other_kin)
    family_ids = set(standing)
    for pid in people:
        if pid not in standing:
            standing[pid] = adult_standing(trusted.get(pid))

    beyond: set[str] = set()
    if view == "tree" and filters.scope == "close":
        close = close_family(family)
        # Counted, so that the page can say so (a second reader: a close tree drew neither the
        # uncle under a restraining order nor the aunt's flagged partner, and said nothing).
        risky = {pid for pid, p in people.items() if p["flags"] or p["restricted"]}
        beyond = (family_ids - close) & risky
        family_ids &= close
    sides = {r["person_id"]: r["side"] for r in relatives}
    # The other side someone related both ways is on too: a side's map shows them.
    also = {r["person_id"]: r["also_on"] for r in relatives if r["also_on"]}
    names = family_names(family)

    def step(word: str, pid: str) -> PathStep:
        # The family holds the case's people only (`Family.from_record`): every step is named.
        return {"word": word, "person_id": pid, "name": names[pid]}

    ways = paths_of(family, young_person_id, set(people) & set(family.people), step)

    wishes = dict(row["wishes"])
    wish_side = loaded.sides_for_wishes

    # Nodes and edges are built as plain data and validated once, as a whole graph, at the end.
    nodes: dict[str, dict[str, Any]] = {}
    for pid, person in people.items():
        if view == "tree" and pid not in family_ids:
            continue
        node = _node(person, standing[pid], stages.get(pid), pid in lapsed_ids)
        if pid == young_person_id or _keep(node, filters, also.get(pid)):
            side = sides.get(pid)
            wish = effective_wish(
                wishes.get(pid), side if wish_side is None else wish_side.get(pid),
                row["wish_maternal"], row["wish_paternal"],
            )  # fmt: skip
            node |= {
                "side": side if side in ("maternal", "paternal", "both") else None,
                "also_on": also.get(pid),
                "wish": WISH_WORDS.get(wish or "") if pid != young_person_id else None,
                "path": ways.get(pid),
            }  # fmt: skip
            nodes[pid] = node

    # Of those the whole family's tree would show with the same filters (a second reader: the
    # map of Mum's side counted the paternal uncle).
    beyond_close = sum(1 for pid in beyond if _keep(
        _node(people[pid], standing[pid], stages.get(pid), pid in lapsed_ids), filters,
        also.get(pid)))  # fmt: skip

    # The young person's own trusted adults are drawn as their ties below, not as family ties;
    # another young person's (a sibling in care's carer or teacher) belong to that child's case.
    # The ecomap draws none of the family's ties but the young person's own (`draw` keeps only
    # lines from the centre): the others are not made for it.
    own = young_person_id if view == "ecomap" else None
    others = [t for t in row["ties"]
              if not (t["type"] == "trusted_adult" and _young(family, t["to_id"]))
              and own in (None, t["from_id"], t["to_id"])]  # fmt: skip
    edges = _family_edges([*_family_ties(family, own), *others], nodes, view, day)
    if view == "ecomap":
        edges += _ties(nodes, young_person_id, stages, trusted, lapsed_ids, day)
    ordered = sorted(nodes.values(),
                     key=lambda n: (n["id"] != young_person_id, n["name"], n["id"]))  # fmt: skip
    graph = NetworkGraph.model_validate({
        "young_person_id": young_person_id, "view": view, "nodes": ordered, "edges": edges,
        "scope": filters.scope if view == "tree" else None, "beyond_close": beyond_close,
        "count": {"nodes": len(ordered), "edges": len(edges)},
    })  # fmt: skip
    # A map of one side lays out and folds its family on that side, those related both ways
    # or through the other side too included (a second reader: the map of Dad's side had a
    # "Mum's side" summary of relatives on both sides).
    one = filters.side
    family_sides = ("maternal", "paternal", "both", "none")
    graph.hints = {pid: (one if one is not None and standing[pid].side in family_sides
                         else standing[pid].side, standing[pid].ring) for pid in nodes}  # fmt: skip
    graph.family = loaded.member_family
    graph.connected = loaded.connected
    return graph


def _node(
    person: dict[str, Any], standing: Standing, connection: dict[str, Any] | None, lapsed: bool
) -> dict[str, Any]:
    """A MapNode's fields."""
    sex: Sex = person["sex"] if person["sex"] in ("female", "male") else "unknown"
    return {
        "id": person["id"],
        "name": person["name"],
        "group": standing.group,
        "relation": standing.relation,
        "sex": sex,
        "living": person["living"] is not False,
        "birth_date": person["birth_date"],
        "death_date": person["death_date"],
        "birth_date_written": person.get("birth_written"),
        "birth_earliest": person.get("birth_earliest") or person["birth_date"],
        "generation": standing.generation,
        "kind": standing.kind,
        "stage": connection["stage"] if connection else None,
        "last_contact": connection["last_contact"] if connection else None,
        "lapsed": lapsed,
        "flags": [
            {"ask": f["ask"], "content": {"kind": f["kind"], "level": f["level"]}}
            for f in person["flags"]
        ],
        "restricted": bool(person["restricted"]),
        "folded": None,
        "x": 0.0,
        "y": 0.0,
    }


def _keep(node: dict[str, Any], filters: Filters, also: str | None = None) -> bool:
    if (
        filters.side is not None
        and node["group"] not in (filters.side, "both")
        and (also != filters.side)
    ):
        return False
    if filters.living is not None and node["living"] is not filters.living:
        return False
    return filters.stage is None or node["stage"] == filters.stage


def _family_edges(
    ties: Iterable[dict[str, Any]], nodes: dict[str, dict[str, Any]], view: View, today: str
) -> list[dict[str, Any]]:
    edges = []
    seen: set[str] = set()
    for tie in sorted(ties, key=lambda t: t["id"]):
        if tie["id"] in seen or tie["from_id"] not in nodes or tie["to_id"] not in nodes:
            continue
        if view == "tree" and tie["type"] == "trusted_adult":
            continue
        seen.add(tie["id"])
        kind = tie.get("role") if tie["type"] == "trusted_adult" else tie.get("kind")
        edges.append({
            "id": tie["id"], "source": tie["from_id"], "target": tie["to_id"],
            "type": tie["type"], "kind": kind, "strength": tie.get("strength"),
            "stressful": bool(tie.get("stressful")), "current": not ended(tie.get("until"), today),
            "since": tie.get("since") if tie["type"] == "partner" else None,
        })  # fmt: skip
    return edges


def _ties(
    nodes: dict[str, dict[str, Any]],
    young_person_id: str,
    stages: dict[str, dict[str, Any]],
    trusted: dict[str, dict[str, Any]],
    lapsed_ids: set[str],
    today: str,
) -> list[dict[str, Any]]:
    edges = []
    for pid in sorted(set(stages) | set(trusted)):
        if pid not in nodes or pid == young_person_id:
            continue
        adult = trusted.get(pid)
        stage = stages[pid]["stage"] if pid in stages else None
        edges.append({
            "id": f"tie:{pid}", "source": young_person_id, "target": pid, "type": "tie",
            "kind": adult.get("role") if adult else None,
            "strength": tie_strength(adult, stage, pid in lapsed_ids),
            "stressful": bool(adult and adult.get("stressful")), "lapsed": pid in lapsed_ids,
            "current": adult is None or not ended(adult.get("until"), today),
        })  # fmt: skip
    return edges


def _standings(family: Family, relatives: list[dict[str, Any]]) -> dict[str, Standing]:
    """The young person's and each relative's place (`relatives`: `named_rows`)."""
    standing = {r["person_id"]: relative_standing(r) for r in relatives}
    standing[family.person_id] = CENTRE
    return standing


def _place_other_kin(
    family: Family,
    relatives: list[dict[str, Any]],
    standing: dict[str, Standing],
    among: Container[str],
    other_kin: list[dict[str, Any]] | None = None,
) -> list[str]:
    """Each partner and other parent of the family (`_other_kin`) who is in `among`, placed
    in `standing` by the closest relative they are tied to; their ids, in that order."""
    placed = []
    waiting = _other_kin(family, relatives) if other_kin is None else other_kin
    # Those tied to someone placed first: a partner's child follows the partner.
    while ready := [k for k in waiting if k["anchor_id"] in standing]:
        waiting = [k for k in waiting if k["anchor_id"] not in standing]
        for kin in sorted(ready, key=lambda k: (standing[k["anchor_id"]].ring, k["anchor_id"])):
            pid = kin["person_id"]
            if pid not in standing and pid in among:
                sex = family.people[pid].sex or "unknown"
                standing[pid] = kin_standing(kin, standing[kin["anchor_id"]], sex)
                placed.append(pid)
    return placed


def _other_kin(family: Family, relatives: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The partners of the young person and of relatives, and the other parents of relatives
    who are not ancestors (an ancestor's parents are ancestors too, drawn or beyond the
    generations asked): not relatives, but drawn in any family tree."""
    me = family.person_id
    known = {r["person_id"] for r in relatives}
    related = [r for r in relatives if r["kind"] != "by_marriage"]
    found = []
    for anchor in [me, *(r["person_id"] for r in related)]:
        for p in family.partners.get(anchor, ()):
            other = p.other(anchor)
            if other != me and other not in known:
                found.append({"person_id": other, "anchor_id": anchor, "kind": p.kind,
                              "type": "partner"})  # fmt: skip
    # The children of the young person's current partner (a second reader: a care leaver's
    # partner's son, her baby's half-brother, was on no map, only in a safeguarding chain).
    for p in family.partners.get(me, ()):
        partner = p.other(me)
        if not p.current or partner in known:
            continue
        for link in family.children.get(partner, ()):
            if link.kind in ("birth", "adoptive") and link.child != me and link.child not in known:
                found.append({"person_id": link.child, "anchor_id": partner, "kind": link.kind,
                              "type": "child"})  # fmt: skip
    # The young person's own foster carers by a parent link (a second reader: one recorded so
    # showed on neither map, while the tree's legend has a line for foster care).
    for link in family.parents.get(me, ()):
        if link.kind == "foster" and link.parent not in known:
            found.append({"person_id": link.parent, "anchor_id": me, "kind": "foster",
                          "type": "parent"})  # fmt: skip
    for r in related:
        if r["generations_down"] > 0:
            for link in family.parents.get(r["person_id"], ()):
                if link.parent != me and link.parent not in known:
                    found.append({"person_id": link.parent, "anchor_id": r["person_id"],
                                  "kind": link.kind, "type": "parent"})  # fmt: skip
    return found


def _drawn_people(
    family: Family,
    relatives: list[dict[str, Any]],
    other_kin: list[dict[str, Any]],
    row: dict[str, Any],
) -> dict[str, dict[str, Any]]:
    """Everyone the map may draw, by id: the young person, the relatives, their other parents
    and partners who belong to this case, and the connections and trusted adults; each with
    their active flags and whether a current court order keeps them from the young person."""
    me = family.person_id
    relative_ids = {r["person_id"] for r in relatives}
    kin_ids = {k["person_id"] for k in other_kin}
    flags: dict[str, list[dict[str, Any]]] = {}
    for f in row["flags"]:
        flags.setdefault(f["person_id"], []).append(f)
    restricted = set(row["restricted"])
    found: dict[str, dict[str, Any]] = {}
    names = family_names(family)
    chosen = [p for pid, p in family.people.items()
              if pid == me or pid in relative_ids or pid in kin_ids]  # fmt: skip
    for p in chosen:
        found[p.id] = {
            "id": p.id, "name": names[p.id], "sex": p.sex, "living": p.living,
            "birth_date": p.birth_date, "death_date": p.death_date,
            "birth_written": p.birth_written, "birth_earliest": p.birth_earliest,
        }  # fmt: skip
    for person in row["people"]:
        if person["id"] not in found:
            found[person["id"]] = {
                **person,
                "name": display_name(person["given_name"], person["family_name"],
                                     person["known_as"]),
            }  # fmt: skip
    for pid, person in found.items():
        # A young person of another case (a sibling in care) is drawn as a relative, without
        # what their own case records about them (the query leaves their flags out too).
        other_case = pid != me and _young(family, pid)
        person["flags"] = [] if other_case else flags.get(pid, [])
        person["restricted"] = pid in restricted
    return dict(sorted(found.items()))


def _family_ties(family: Family, of: str | None = None) -> list[dict[str, Any]]:
    """The family's parent links, partnerships and sibling ties as map ties (only those of
    `of`, if given)."""
    ties: list[dict[str, Any]] = []
    for link in family.parent_links:
        if of in (None, link.parent, link.child):
            ties.append({"id": link.id, "kind": link.kind, "type": "parent",
                         "from_id": link.parent, "to_id": link.child})  # fmt: skip
    for p in family.partnerships:
        if of in (None, p.a, p.b):
            ties.append({"id": p.id, "kind": p.kind, "since": p.since, "until": p.until,
                         "type": "partner", "from_id": p.a, "to_id": p.b})  # fmt: skip
    for t in family.sibling_ties:
        if of in (None, t.a, t.b):
            ties.append({"id": t.id, "half": t.half, "type": "sibling", "from_id": t.a,
                         "to_id": t.b})  # fmt: skip
    return ties


def _young(family: Family, person_id: str) -> bool:
    """Whether the person is a young person: this map's, or another case's in the family."""
    known = family.people.get(person_id)
    return person_id == family.person_id or (known is not None and known.young_person)
