"""Households, court orders and safeguarding links: short chains from anyone in a young
person's network to a person with an active flag or a court order, explained step by step."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from service.auth.need_to_know import Sensitive, Shaped
from service.auth.principal import Principal
from service.data.audit import Shared, record_in_others, record_shared
from service.data.flags import FlagPublic, to_public
from service.data.people import still_in_case
from service.dates import before_birth, london_today
from service.db import Db, in_write, run_once, together
from service.errors import InvalidInput
from service.models import InputModel, IsoDate, Note, Text
from service.queries import Queries
from service.workflow import BLOCKING_FLAG_LEVEL, FLAG_WORDS, household

OrderKind = Literal[
    "section_34_contact_order",
    "prohibited_steps_order",
    "non_molestation_order",
    "occupation_order",
    "restraining_order",
    "domestic_abuse_protection_order",
    "stalking_protection_order",
    "emergency_protection_order",
    "other",
]


class AddressCreate(InputModel):
    line1: Text = Field(min_length=1, max_length=200)
    line2: Text | None = Field(default=None, max_length=200)
    town: Text = Field(min_length=1, max_length=100)
    postcode: str = Field(min_length=2, max_length=10, pattern=r"^[A-Za-z0-9 ]+$")
    since: IsoDate = Field(default_factory=london_today)


class OrderCreate(InputModel):
    kind: OrderKind
    restricted_id: Text = Field(min_length=1, max_length=100, description="Who may not contact.")
    protected_id: Text = Field(
        min_length=1, max_length=100, description="Whom they may not contact."
    )
    terms: Note | None = Field(default=None, max_length=2_000)
    made_on: IsoDate
    until: IsoDate | None = None


class OrderPublic(Shaped):
    id: str
    kind: OrderKind
    restricted_id: str
    protected_id: str | None = Field(
        description="None when the order protects a child of another case (its terms are then "
        "withheld too, saying whom to ask), or someone else this case does not hold."
    )
    made_on: str
    until: str | None
    terms: Annotated[str | None, Sensitive.flag_details] = None


class Step(BaseModel):
    person_id: str | None = Field(
        description="None for a young person of another case: a child known to the council."
    )
    name: str
    relation: str = Field(description="How this person is tied to the one before.")


class Chain(Shaped):
    start_id: str
    start: str = Field(description="Who in the network the chain starts from.")
    steps: list[Step]
    length: int
    summary: str = Field(description="The chain in words, without what the flags say.")
    explanation: Annotated[str | None, Sensitive.flag_details] = None
    flags: list[FlagPublic]
    orders: list[OrderPublic]


class RiskPerson(BaseModel):
    person_id: str
    name: str
    term: str
    flags: list[FlagPublic]
    orders: list[OrderPublic]


class Safeguarding(BaseModel):
    chains: list[Chain]
    count: int
    flagged_in_network: list[RiskPerson]
    kept_away: list[OrderPublic] = Field(description="Current orders about the young person.")


def address_key(line1: str, postcode: str) -> str:
    return " ".join(line1.lower().split()) + "|" + "".join(postcode.upper().split())


async def move_house(
    db: Db,
    *,
    actor: Principal,
    person_id: str,
    young_person_id: str,
    address: AddressCreate,
) -> None:
    if address.since > london_today():
        raise InvalidInput("'since' is in the future.")
    born = await run_once(db, "get_person_dates", id=person_id)
    if born and before_birth(address.since, born[0]["birth_date"]):
        raise InvalidInput(
            "'since' is before the person was born: check the year.",
            details=[{"loc": ["body", "since"], "msg": "before their birth"}],
        )

    async def work(tx: AsyncManagedTransaction) -> None:
        moved = await (
            await tx.run(db.queries["move_house"], person_id=person_id, id=str(uuid.uuid4()),
                         address_id=str(uuid.uuid4()),
                         key=address_key(address.line1, address.postcode),
                         line1=address.line1, line2=address.line2, town=address.town,
                         postcode=address.postcode.upper(), since=address.since.isoformat())
        ).single()  # fmt: skip
        if moved is None:
            # Gone or taken out meanwhile (404), or already living there that day: nothing
            # changed, so nothing to record or to tell the other cases.
            await still_in_case(tx, db.queries, person_id, young_person_id)
            return
        # A home other cases' household checks read too (not a young person's, which no other
        # case sees).
        await record_shared(tx, db.queries, principal=actor, action="address.set",
                            resource=f"person:{person_id}", young_person_id=young_person_id,
                            people=[] if person_id == young_person_id else [person_id])  # fmt: skip
        # The cases of the people already living there are told their household changed, and
        # by no one's name (a second reader: another team's coordinator typed a foster carer's
        # address for a flagged man, the carer's approval was held back, and her case's trail
        # said nothing of it).
        joined = [Shared("household.joined", f"person:{h}", (h,),
                         "someone now lives with them: the case's safeguarding links say "
                         "whom to ask")
                  for h in moved["household"]]  # fmt: skip
        if joined:
            await record_in_others(tx, db.queries, principal=actor,
                                   young_person_id=young_person_id, changes=joined)  # fmt: skip

    await in_write(db, work)


async def make_order(
    db: Db,
    *,
    actor: Principal,
    young_person_id: str,
    order: OrderCreate,
) -> OrderPublic:
    if order.restricted_id == order.protected_id:
        raise InvalidInput("An order is between two different people.")
    if order.made_on > london_today() or (order.until and order.until < order.made_on):
        raise InvalidInput("An order is made on or before today, and ends after it is made.")
    new_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Any:
        created = await (
            await tx.run(db.queries["create_order"], id=new_id, kind=order.kind,
                         restricted_id=order.restricted_id, protected_id=order.protected_id,
                         terms=order.terms, made_on=order.made_on.isoformat(),
                         until=order.until.isoformat() if order.until else None,
                         author_id=actor.user_id, made_in=young_person_id)
        ).single(strict=True)  # fmt: skip
        # On the trail of every other case that holds both people too, which now reads the
        # order (its kind and dates), as a flag raised is (a second reader: Sam's safeguarding
        # showed an order made through Kai's case that Sam's trail never mentioned). They are
        # told its dates, never its terms.
        dates = f"made on {order.made_on.isoformat()}, until {order.until or 'none'}"
        await record_shared(tx, db.queries, principal=actor, action="order.create",
                            resource=f"order:{new_id}", young_person_id=young_person_id,
                            people=[order.restricted_id, order.protected_id],
                            others=dates)  # fmt: skip
        return created["order"]

    return OrderPublic.model_validate(await in_write(db, work))


async def household_risks_in(
    tx: AsyncManagedTransaction,
    queries: Queries,
    *,
    person_id: str,
    young_person_id: str,
    today: date,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(people with an active flag at the blocking level, people kept from the young person by an
    order, each flag and order by id: `workflow.household`), among the person and those living
    with them; read inside the transaction that decides."""
    record = await (
        await tx.run(queries["get_household_risks"], person_id=person_id,
                     young_person_id=young_person_id, today=today.isoformat(),
                     blocking_level=BLOCKING_FLAG_LEVEL)
    ).single()  # fmt: skip
    if record is None:
        return (), (), ()
    return household(record["risks"])


def _flag_words(flag: FlagPublic) -> str:
    if flag.content is None:
        return "flagged"
    return f"level {flag.content.level}: {FLAG_WORDS.get(flag.content.kind, flag.content.kind)}"


def _order_words(order: OrderPublic) -> str:
    return order.kind.replace("_", " ")


def known_child(team: str) -> str:
    """How a young person of another case is shown in a chain: never by name or id."""
    return f"a child known to the council (ask the manager of team {team})"


def _order(row: dict[str, Any], network: dict[str, str], case: str) -> OrderPublic:
    """An order as a chain read through `case` shows it. One that protects a young person of
    another case gives neither their id nor its terms, which are that case's words and may name
    the child ("no contact with Kai"): that it exists, and whom to ask. One made through another
    case gives its kind and dates, and whom to ask, but not its terms, which are that case's
    words as a flag's are (a second reader: "no contact at Kai's school" reached Sam's case);
    one made before the case was kept gives them to every case, as a flag of no case does."""
    order = OrderPublic.model_validate(row)
    team = row.get("protected_team")
    if team is not None and order.protected_id not in network:
        order.protected_id = None
        order.terms = f"withheld: the order protects {known_child(team)}"
        return order
    if row.get("made_in") not in (None, case):
        order.terms = ("withheld: made through another case (ask the manager of team "
                       f"{row.get('made_in_team') or 'unknown'})")  # fmt: skip
    if row.get("protected_held") is False and order.protected_id not in network:
        # Someone this case does not hold (a second reader: the id of a man another case holds,
        # met through a household as "someone living there", came back here).
        order.protected_id = None
    return order


def withheld(how: str, cases: list[list[Any]], young_person_id: str) -> list[str] | None:
    """Whether a chain may name someone it reaches by a step said `how`, from the cases that
    hold them or took them out (`cases`: [young person's id, team, held]): None when it may;
    else the teams of the other cases, to ask. It names whoever this case holds, and whoever
    it took out while no other case holds them (its own record); never someone another case
    holds, nor someone only other cases took out (access follows the case: a second reader
    read an uncle recorded only in another case, with his id, through the grandmother both
    cases hold, and a third one whom this case had taken out and another held, whom this
    case's reads did not find). Someone no case holds is named when reached by a tie, not
    when reached by living somewhere: who lives at an address is found by typing it."""
    mine = [held for case, _, held in cases if case == young_person_id]
    others = [(team, held) for case, team, held in cases if case != young_person_id]
    teams = sorted({team for team, _ in others})
    if any(mine):
        return None
    if how == "lives with":
        return teams
    if (mine and not any(held for _, held in others)) or not cases:
        return None
    return teams


def whom_to_ask(teams: list[str]) -> str:
    """Whom to ask about someone the case does not hold: the managers of the cases that do."""
    if not teams:
        return "your manager (no case holds them)"
    if len(teams) == 1:
        return f"the manager of team {teams[0]}"
    return "the managers of teams " + " or ".join(teams)


def _chains_to(
    target: str,
    incoming: dict[str, set[tuple[str, str]]],
    network: dict[str, str],
    names: dict[str, str],
    children: dict[str, str],
    max_steps: int,
    sealed: dict[tuple[str, str, str], tuple[str, str]] | None = None,
) -> list[tuple[str, list[Step], str | None, str | None]]:
    """Back from `target` through people outside the network, breadth-first: each member of the
    network met within `max_steps` starts one shortest chain, with what is withheld of it (None
    when whole) and whom it is cut at. Ties are taken in sorted order, so the same graph always
    gives the same chains.

    A chain that meets a young person of another case (`children`: id -> team) before
    `target`, or starts from one, is cut there: who that child lives with or is related to is
    their case's (a second reader found Kai's chains naming the foster carer his brother in
    care lives with, and her flag). So is a chain at a step to someone the case does not hold
    (`sealed`: (from, to, how) -> whom to ask, and how they are said): by a tie, someone another
    case holds (access follows the case: a second reader found an uncle recorded only in
    another case named, with his id, through the grandmother both hold); into a household,
    anyone (who lives at an address is found by typing it: a second reader gave a person of
    their case an address and learnt who another team's case records living there, and that
    one was flagged). That a concern is recorded, and whom to ask, is said. A member
    is given such a chain only when none as short avoids those children and steps: a chain
    through the mother's partner was lost when one as short through her child in care came
    first by id, and a longer one must not hide how near the concern is (second readers)."""
    sealed = sealed or {}
    # The walks from the one that avoids the most to the one that avoids nothing: a start takes
    # the first as short as the shortest. A walk that would avoid nothing more than the next is
    # not made (most networks meet neither another case's child nor such a step: one walk).
    tiers = dict.fromkeys(
        (kids and bool(children), doors and bool(sealed))
        for kids, doors in ((True, True), (True, False), (False, False))
    )
    walks = [_walk_back(target, incoming, network, children if kids else {},
                        sealed if doors else {}, max_steps)
             for kids, doors in tiers]  # fmt: skip
    chains: list[tuple[str, list[Step], str | None, str | None]] = []
    for start, length in walks[-1][1].items():
        toward = next(t for t, found in walks if found.get(start, max_steps + 1) <= length)
        steps: list[Step] = []
        at, cut = start, None
        if start in children:
            cut = f"a concern is recorded beyond them: ask {whom_to_ask([children[start]])}"
        while at != target and cut is None:
            nxt, how = toward[at]
            child, there = children.get(nxt), sealed.get((at, nxt, how))
            ask = whom_to_ask([child]) if child else there[0] if there else None
            name = (known_child(child) if child else there[1] if there
                    else names.get(nxt, ""))  # fmt: skip
            steps.append(Step(person_id=None if ask else nxt, name=name, relation=how))
            at = nxt
            if ask is not None:
                beyond = " beyond them" if nxt != target else ""
                cut = f"a concern is recorded{beyond}: ask {ask}"
        chains.append((start, steps, cut, at if cut is not None else None))
    return chains


def _walk_back(
    target: str,
    incoming: dict[str, set[tuple[str, str]]],
    network: dict[str, str],
    children: dict[str, str],
    sealed: dict[tuple[str, str, str], tuple[str, str]],
    max_steps: int,
) -> tuple[dict[str, tuple[str, str]], dict[str, int]]:
    """The breadth-first walk of `_chains_to`: for each person met, the next step towards
    `target` (a -> (b, how a sees b)), and the members of the network met, in order, each with
    how many ties away they are. A young person of `children` is met only as `target` or as a
    member, and a step of `sealed` is not taken."""
    toward: dict[str, tuple[str, str]] = {}
    seen = {target}
    layer = [target]
    found: dict[str, int] = {}
    for length in range(1, max_steps + 1):
        following = []
        for b in layer:
            for a, how in sorted(incoming.get(b, ())):
                if a in seen:
                    continue
                if (a in children and a not in network) or (a, b, how) in sealed:
                    continue
                seen.add(a)
                toward[a] = (b, how)
                if a in network:
                    found[a] = length  # a chain starts here; it goes no further back
                else:
                    following.append(a)
        layer = following
    return toward, found


async def links(
    db: Db,
    *,
    young_person_id: str,
    network: dict[str, str],
    max_steps: int,
    today: date | None = None,
) -> Safeguarding:
    """Every chain of at most `max_steps` ties from someone in the network to a person with an
    active flag or a court order: for each such person and each member of the network who
    reaches them without passing through another member, one shortest chain. (A chain through
    another member is that member's own chain.) `network` maps person ids to how the young
    person knows them ("maternal aunt Jo Smith").

    The graph is explored breadth-first from the whole network at once, one tie a round, all
    rounds in one query (`search_ties`); every tie seen on the way is kept, so the chains can
    then be traced back from each flagged person in memory."""
    day = (today or london_today()).isoformat()
    # The orders about the young person do not depend on the search: ask for them alongside.
    (chains, in_network), orders_about = await together(
        search(db, young_person_id=young_person_id, network=network, max_steps=max_steps,
               today=day),
        run_once(db, "list_orders_about", young_person_id=young_person_id, today=day),
    )  # fmt: skip
    return Safeguarding(
        chains=chains, count=len(chains), flagged_in_network=in_network,
        kept_away=[OrderPublic.model_validate(o["order"]) for o in orders_about],
    )  # fmt: skip


# The rounds written out in search_ties.cypher: the longest chain it finds, in ties (the route
# allows 1 to 4).
SEARCH_ROUNDS = 4


async def search(
    db: Db,
    *,
    young_person_id: str,
    network: dict[str, str],
    max_steps: int,
    today: str,
) -> tuple[list[Chain], list[RiskPerson]]:
    """The chains and the flagged people of the network, as `links` gives them, without the
    orders about the young person (a map's panel shows only the chains)."""
    if not 1 <= max_steps <= SEARCH_ROUNDS:
        raise ValueError(f"max_steps is 1 to {SEARCH_ROUNDS}: search_ties has that many rounds")
    names: dict[str, str] = {}
    # Young people of other cases met on the way, with their team.
    children: dict[str, str] = {}
    # incoming[b] = the ties (a, how a sees b) by which b was reached from a.
    incoming: dict[str, set[tuple[str, str]]] = {}
    members = sorted(network)
    records = await run_once(db, "search_ties", network=members, max_steps=max_steps,
                             today=today, young_person_id=young_person_id)  # fmt: skip
    # Always one record: the query aggregates without grouping, an empty network included.
    rounds, risks = records[0]["rounds"], records[0]["risks"]
    held_by = dict(records[0]["cases"])
    children.update(dict(records[0]["member_children"]))
    # Steps to someone the case may not name (`withheld`, from the cases `search_ties` gives
    # for each person met): (from, to, how) -> whom to ask, and how the chain says them.
    sealed: dict[tuple[str, str, str], tuple[str, str]] = {}
    for steps in rounds:
        for from_id, to_id, how, child_team, name in steps:
            incoming.setdefault(to_id, set()).add((from_id, how))
            names[to_id] = name
            if child_team is not None and to_id not in network:
                children[to_id] = child_team
            cases = held_by.get(to_id)
            teams = None if cases is None else withheld(how, cases, young_person_id)
            if teams is not None:
                ask = whom_to_ask(teams)
                who = "someone living there" if how == "lives with" else "someone in another case"
                # By the step, not the pair: the mother's partner living with her is sealed as
                # a household step and named as her partner (a third reader: he was hidden).
                sealed[(from_id, to_id, how)] = (ask, f"{who} (ask {ask})")
    # The flagged people of the network in the network's order, then the others by id.
    order = {pid: i for i, pid in enumerate(network)}
    flagged = sorted(risks, key=lambda r: (order.get(r["person_id"], len(order)), r["person_id"]))
    chains: list[Chain] = []
    # The chains said of other cases' children: one each, however many concerns lie beyond.
    concerns: set[str] = set()
    in_network: list[RiskPerson] = []
    for r in flagged:
        # What a flag says in its own words is shown of this case's flags and of no case's
        # (`flags.as_seen`); another case's, even one the caller also works with, say whom to
        # ask (read through that case, GET /people/{id}/flags gives them).
        flags = [to_public(f, (young_person_id,)) for f in r["flags"]]
        orders = [_order(o, network, young_person_id) for o in r["orders"]]
        pid = r["person_id"]
        if pid in network and pid in children:
            # Another case's child in the network (a sibling in care connected to this one):
            # that a concern is recorded, and whom to ask.
            team = children[pid]
            said = f"{network[pid]} (a concern is recorded: ask the manager of team {team})"
            chains.append(Chain(start_id=pid, start=network[pid], steps=[], length=0,
                                summary=said, explanation=said, flags=[], orders=[]))  # fmt: skip
            continue
        if pid in network:
            in_network.append(RiskPerson(person_id=pid, name=r["name"], term=network[pid],
                                         flags=flags, orders=orders))  # fmt: skip
            continue
        names[pid] = r["name"]
        if r["child_team"] is not None:
            # Another case's child at the end of a chain: that a concern is recorded, and whom
            # to ask, never their id or what their case records.
            children[pid] = r["child_team"]
            flags, orders = [], []
        for start, steps, cut, at in _chains_to(pid, incoming, network, names, children, max_steps,
                                            sealed):  # fmt: skip
            words = [f"{s.relation} -> {s.name}" for s in steps]
            head = " -> ".join([network[start], *words])
            if cut is not None:
                # Another case's child or someone living where another case's people live, at
                # the end of the chain or on its way: that a concern is recorded (beyond them),
                # whom to ask, and nothing of that case.
                said = f"{head} ({cut})"
                # One chain for each child or person withheld, however many concerns lie
                # beyond them (readers: two flagged sons of the grandmother in another case
                # were one chain, and so were two sons with flagged partners).
                key = f"{said} {at}"
                if key not in concerns:
                    concerns.add(key)
                    chains.append(Chain(start_id=start, start=network[start], steps=steps,
                                        length=len(steps), summary=said, explanation=said,
                                        flags=[], orders=[]))  # fmt: skip
                continue
            # What the flags say goes into the explanation only; need-to-know decides who sees it.
            shown = ", ".join([_flag_words(f) for f in flags] + [_order_words(o) for o in orders])
            asked = "; ".join(sorted({f.ask for f in flags}))
            summary = f"{head} (flagged: ask {asked})" if flags else f"{head} ({shown})"
            chains.append(Chain(start_id=start, start=network[start], steps=steps,
                                length=len(steps), summary=summary,
                                explanation=f"{head} ({shown})", flags=flags,
                                orders=orders))  # fmt: skip
    chains.sort(key=lambda c: (c.length, c.summary))
    return chains, in_network
