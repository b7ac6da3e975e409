"""Generating the synthetic council (see `seed.council`): everything from the seed number, in
memory; nothing is written here. The parts: `base` (people, ties, the council), `families`,
`care` (placements, schools, workers, allocations) and `work` (Lifelong Links work, flags,
households, orders); the names and sizes they draw from are in `tables`."""

from __future__ import annotations

import math

from seed.council.base import Council, _stream
from seed.council.care import _Care
from seed.council.families import _Families
from seed.council.tables import (
    _COORDINATOR_LOAD,
    _GIVEN,
    _SOCIAL_WORKER_LOAD,
    _SURNAMES,
    FEMALE,
    MALE,
)
from seed.council.work import _Work


class _Generator(_Families, _Care, _Work):
    """Builds a council family by family; each family draws from its own random stream."""

    # --- the whole council -------------------------------------------------------------------
    def generate(self) -> Council:
        i = 1
        while i <= self.n:
            # Young people 5 and 6, 15 and 16, ... are brothers and sisters: one in five.
            pair = i % 10 == 5
            self.rng = _stream(self.seed, "family", i)
            team_no = (i - 1) % self.team_count
            self.family_team = team_no
            self.links_from = len(self.out.links)
            kids = self.family(i, pair)
            if self.rng.random() < 0.5:
                # The coordinator researched the family tree elsewhere and imported it (GEDCOM):
                # each relative carries the file's id, as `POST /imports/gedcom` records it.
                system = f"gedcom:{self.yp_id(i)}"
                tree = [p for p in self.known.values() if p.distance < 9]
                for n, p in enumerate(tree, start=1):
                    self.out.external_ids.append(
                        {
                            "person_id": p.id,
                            "system": system,
                            "value": f"@I{n}@",
                            "case": self.yp_id(i),
                        }
                    )
            # Relatives (not the young people, nor their trusted adults) may be flagged, or
            # share a household.
            family_people = [p for p in self.known.values() if 0 < p.distance < 9]
            self.flags(family_people, team_no)
            self.households(i, family_people)
            young = [k for k in kids if k.id.startswith(f"{self.prefix}-yp-")]
            kept_away: set[str] = set()
            # Each young person's own story draws from its own stream, so that it is the same
            # whether or not a brother or sister is in the council.
            for n, yp in enumerate(young):
                self.rng = _stream(self.seed, "care", yp.id)
                self.care(yp, i + n, [p for p in family_people if yp.id in p.networks], team_no)
                if (i + n) % 50 == 3:
                    self.rng = _stream(self.seed, "order", yp.id)
                    restricted = self.order(yp, family_people, team_no)
                    if restricted:
                        kept_away.add(restricted)
            for yp in young:
                self.rng = _stream(self.seed, "work", yp.id)
                relatives = [p for p in self.known.values() if yp.id in p.networks]
                self.work(yp, relatives, kept_away)
            self.previous_adults = [p for p in family_people if p.living and p.age() >= 18]
            i += len(young)
        self.make_users()
        return self.out

    def make_users(self) -> None:
        """Each team's manager, and as many coordinators and social workers as its caseloads
        need; each drawn from a stream of their own, so a larger council adds workers only."""
        for team_no in range(self.team_count):
            load = self.team_load.get(team_no, 0)
            team = self.team(team_no)
            roles = [
                ("manager", 1, "Team manager"),
                ("coordinator", max(1, math.ceil(load / _COORDINATOR_LOAD)),
                 "Lifelong Links coordinator"),
                # One more social worker than the caseloads need: the one before, for some.
                ("social_worker", max(2, math.ceil(load / _SOCIAL_WORKER_LOAD) + 1),
                 "Social worker"),
            ]  # fmt: skip
            for role, count, title in roles:
                for k in range(1, count + 1):
                    uid = self.user_id(team_no, role, k)
                    rng = _stream(self.seed, "user", uid)
                    sex = rng.choice((FEMALE, MALE))
                    name = f"{rng.choice(_GIVEN[(sex, 1)])} {rng.choice(_SURNAMES)}"
                    self.out.users.append({
                        "id": uid, "username": f"{self.prefix}.{team}.{role.replace('_', '.')}{k}",
                        "display_name": name, "role": role, "job_title": title, "team": team,
                    })  # fmt: skip


def generate(*, seed: int = 7, young_people: int = 1000, team_count: int = 10) -> Council:
    """The council of this seed and size, in memory: nothing is written."""
    return _Generator(seed=seed, young_people=young_people, team_count=team_count).generate()
