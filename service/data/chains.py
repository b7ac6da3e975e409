"""The safeguarding chains of a young person's whole network, and who each passes through: for
/safeguarding and for the map's panel."""

from __future__ import annotations

from datetime import date

from service.data.network import members
from service.data.safeguarding import Chain, Safeguarding, links, search
from service.dates import london_today
from service.db import Db
from service.family import Family


async def of_network(
    db: Db,
    *,
    young_person_id: str,
    max_steps: int,
    family: Family | None = None,
    connected: dict[str, str] | None = None,
    today: date | None = None,
) -> Safeguarding:
    """`links` from everyone in the young person's network (`network.members`; `family` and
    `connected`: the family already loaded to four generations and the connections, if a map
    has them)."""
    found = await members(db, young_person_id=young_person_id, family=family, connected=connected)
    return await links(db, young_person_id=young_person_id, network=found, max_steps=max_steps,
                       today=today)  # fmt: skip


async def through_network(
    db: Db,
    *,
    young_person_id: str,
    max_steps: int,
    family: Family | None = None,
    connected: dict[str, str] | None = None,
    today: date | None = None,
) -> dict[str, list[str]]:
    """`chains_through` of `of_network`'s chains, for a map's panel: the same search, without
    the orders about the young person, which the panel does not show."""
    found = await members(db, young_person_id=young_person_id, family=family, connected=connected)
    day = (today or london_today()).isoformat()
    chains, _ = await search(db, young_person_id=young_person_id, network=found,
                             max_steps=max_steps, today=day)  # fmt: skip
    return chains_through(chains)


def chains_through(chains: list[Chain]) -> dict[str, list[str]]:
    """Each person's chains, in words (without what the flags say): those that start from them
    or pass through them."""
    through: dict[str, list[str]] = {}
    for chain in chains:
        people = {chain.start_id} | {s.person_id for s in chain.steps if s.person_id}
        for pid in sorted(people):
            through.setdefault(pid, []).append(chain.summary)
    return through
