"""Generated families for the genogram's tests and benchmark: the shape of real ones, with no
real data. Four generations of ancestors on each side, each couple with two to five children,
most of them with a partner and children of their own down to the young person's children's
generation; parents who separated and found new partners (half and step siblings), a
grandparent with three partners, an adoption, and a cousin marriage."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from service.data.network_graph import NetworkGraph
from service.family import Family, ParentLink, Partnership, Person, relatives
from visualise.genogram_rows import Couple, Member, Parentage


@dataclass
class Generated:
    members: list[Member] = field(default_factory=list)
    parentages: list[Parentage] = field(default_factory=list)
    couples: list[Couple] = field(default_factory=list)
    generation: dict[str, int] = field(default_factory=dict)


def family(target: int = 450, seed: int = 7) -> Generated:
    """About `target` people (never fewer), the young person's id "yp"."""
    rng = random.Random(seed)  # noqa: S311 - made-up people, no secrets
    out = Generated()

    def person(gen: int, lane: int, sex: str, pid: str | None = None) -> str:
        pid = pid or f"p{len(out.members):04d}"
        year = 2010 + gen * 28 + rng.randint(-6, 6)
        out.members.append(Member(pid, sex, f"{year}-{rng.randint(1, 12):02d}", pid, lane))
        out.generation[pid] = gen
        return pid

    def couple(a: str, b: str, kind: str = "married", since: str | None = None) -> None:
        out.couples.append(Couple(a, b, kind, since))

    def child(a: str, b: str | None, pid: str, kind: str = "birth") -> None:
        out.parentages.append(Parentage(a, pid, kind))
        if b is not None:
            out.parentages.append(Parentage(b, pid, kind))

    yp = person(0, 1, "male", "yp")
    mum, dad = person(-1, 0, "female"), person(-1, 2, "male")
    couple(dad, mum, "divorced", "2005")
    for pid in (yp, person(0, 1, "female")):
        child(mum, dad, pid)
    # Each parent's new partner, with children of their own (half and step siblings).
    for parent, lane, sex in ((mum, 0, "male"), (dad, 2, "female")):
        new = person(-1, lane, sex)
        couple(parent, new, "cohabiting", "2016")
        child(parent, new, person(0, lane, "female"))
        earlier = person(-1, lane, "female" if sex == "female" else "male")
        couple(new, earlier, "separated", "2001")
        child(new, earlier, person(0, lane, "male"))

    # Ancestors: the parents of each parent, four generations up.
    tops: list[tuple[str, str, int, int, str]] = []  # (a, b, generation, lane, their child)

    def up(child_id: str, gen: int, lane: int, depth: int) -> None:
        if depth == 0:
            return
        a, b = person(gen - 1, lane, "male"), person(gen - 1, lane, "female")
        couple(a, b, "married")
        child(a, b, child_id)
        tops.append((a, b, gen - 1, lane, child_id))
        up(a, gen - 1, lane, depth - 1)
        up(b, gen - 1, lane, depth - 1)

    # Deeper ancestry for larger families (five generations above the parents at most).
    depth = 3 if target <= 500 else 4 if target <= 1200 else 5
    up(mum, -1, 0, depth)
    up(dad, -1, 2, depth)
    # A grandparent with three partners.
    gran = next(a for a, _, gen, lane, _ in tops if gen == -2 and lane == 2)
    for year in ("1990", "1998"):
        other = person(-2, 2, "female")
        couple(gran, other, "married" if year == "1998" else "divorced", year)
        child(gran, other, person(-1, 2, "male"))

    # Descendants of every ancestor couple: the young person's aunts, uncles, cousins and theirs.
    queue = [(a, b, gen, lane) for a, b, gen, lane, _ in tops]
    cousins: list[tuple[str, int]] = []
    while queue and len(out.members) < target:
        a, b, gen, lane = queue.pop(0)
        for _ in range(rng.randint(1, 3)):
            if len(out.members) >= target or gen + 1 > 1:
                break
            kid = person(gen + 1, lane, rng.choice(("female", "male")))
            child(a, b, kid, "adoptive" if rng.random() < 0.03 else "birth")
            if gen + 1 == 0:
                cousins.append((kid, lane))
            if gen + 1 < 1 and rng.random() < 0.75:
                partner = person(gen + 1, lane, rng.choice(("female", "male")))
                couple(kid, partner, rng.choice(("married", "cohabiting", "separated")))
                queue.append((kid, partner, gen + 1, lane))
    # A cousin marriage across the two sides, with a child.
    maternal = next((c for c, lane in cousins if lane == 0), None)
    paternal = next((c for c, lane in cousins if lane == 2), None)
    if maternal and paternal:
        couple(maternal, paternal, "married", "2020")
        child(maternal, paternal, person(1, 1, "female"))
    return out


def network_graph(generated: Generated, view: str, scope: str = "whole") -> NetworkGraph:
    """The generated family as the service's network graph (before drawing): made-up names,
    each relative's side and closeness, parent links and partnerships, for the map page's tests
    and benchmark."""
    names = ["Alex", "Billie", "Casey", "Dana", "Eden", "Frankie", "Jo", "Kim", "Lee", "Sam"]
    groups = {0: "maternal", 1: "both", 2: "paternal", 3: "other"}
    nodes: list[dict[str, object]] = []
    for n, m in enumerate(sorted(generated.members, key=lambda m: m.id)):
        centre = m.id == "yp"
        nodes.append({
            "id": m.id, "name": f"{names[n % len(names)]} {m.id.upper()}",
            "group": "young_person" if centre else groups[m.lane],
            "relation": "young person" if centre else "relative", "sex": m.sex or "unknown",
            "living": True, "birth_date": m.birth, "death_date": None,
            "generation": generated.generation[m.id], "kind": None, "stage": None,
            "last_contact": None, "lapsed": False, "flags": [], "restricted": False,
            "side": None, "path": None, "wish": None, "x": 0.0, "y": 0.0,
        })  # fmt: skip
    edges = [{"id": f"pl{n}", "source": p.parent, "target": p.child, "type": "parent",
              "kind": p.kind} for n, p in enumerate(generated.parentages)]  # fmt: skip
    edges += [{"id": f"pa{n}", "source": c.a, "target": c.b, "type": "partner", "kind": c.kind,
               "since": c.since} for n, c in enumerate(generated.couples)]  # fmt: skip
    graph = NetworkGraph.model_validate({
        "young_person_id": "yp", "view": view, "scope": scope if view == "tree" else None,
        "nodes": nodes, "edges": edges, "count": {"nodes": len(nodes), "edges": len(edges)},
    })  # fmt: skip
    # Each relative's side and closeness, as the service works them out.
    links = [ParentLink(p.parent, p.child, p.kind or "birth") for p in generated.parentages]
    kin = {k.person_id: k for k in relatives(Family(
        person_id="yp",
        people={m.id: Person(m.id, sex=m.sex) for m in generated.members},
        parent_links=links,
        partnerships=[Partnership(c.a, c.b, c.kind, c.since) for c in generated.couples],
        sibling_ties=[],
    ), 8)}  # fmt: skip
    sides = {"maternal": "maternal", "paternal": "paternal", "both": "both"}
    graph.hints = {"yp": ("centre", 0)}
    for m in generated.members:
        if m.id in kin:
            k = kin[m.id]
            graph.hints[m.id] = (sides.get(k.side, "none"), max(k.ga + k.gb, 1))
        elif m.id != "yp":
            graph.hints[m.id] = ({0: "maternal", 2: "paternal"}.get(m.lane, "none"), 9)
    return graph
