"""The synthetic council's young people in care (see `seed.council`): placements, schools and
workers shared between them, and their allocations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from seed.council.base import (
    REFERENCE_DATE,
    _Base,
    _between,
    _birthday,
    _days,
    _month,
    _Person,
    _pick,
    _stream,
)
from seed.council.tables import (
    _BLOCK,
    _CARER_HOUSEHOLDS,
    _COORDINATOR_LOAD,
    _HOMES,
    _PRIMARIES,
    _SCHOOL_NAMES,
    _SECONDARIES,
    _SOCIAL_WORKER_LOAD,
    _SURNAMES,
    _TEACHERS,
    _TOWNS,
    _WORKERS,
    _YOUTH_WORKERS,
    FEMALE,
    MALE,
)


class _Care(_Base):
    # --- pools: foster carers, schools and workers shared by young people ------------------
    def pool_person(self, kind: str, block: int, k: int, sex: str | None = None) -> _Person:
        pid = f"{self.prefix}-{kind}-{block:03d}-{k:03d}"
        if pid in self.pool:
            return self.pool[pid]
        saved, self.rng = self.rng, _stream(self.seed, "pool", pid)
        try:
            rng = self.rng
            born = _birthday(rng, REFERENCE_DATE.year - rng.randint(26, 64))
            # In the networks of the young people they are tied to (see `tie`), only.
            p = self.person(sex or rng.choice((FEMALE, MALE)), born, rng.choice(_SURNAMES),
                            networks=(), distance=9, side="other", alive=True, pid=pid)  # fmt: skip
            del self.known[pid]
        finally:
            self.rng = saved
        self.pool[pid] = p
        return p

    def carers(self, block: int, k: int) -> list[_Person]:
        first = self.pool_person("carer", block, 2 * k, FEMALE if k % 5 else MALE)
        if k % 3 == 2:
            return [first]  # a single carer
        key = f"{self.prefix}-carer-{block:03d}-{2 * k + 1:03d}"
        known = key in self.pool
        second = self.pool_person("carer", block, 2 * k + 1, MALE if k % 5 else FEMALE)
        if not known:
            married = min(_days(first.born, 30 * 365), _days(REFERENCE_DATE, -365))
            self.partners(first, second, "married", married, None)
        return [first, second]

    def tie(self, adult: _Person, yp: _Person, role: str, since: date, until: date | None,
            *, strength: str | None = None, stressful: bool | None = None,
            notes: str | None = None) -> None:  # fmt: skip
        rng = self.rng
        if strength is None:
            strength = str(_pick(rng, (("strong", 4), ("moderate", 5), ("tenuous", 2))))
        if stressful is None:
            stressful = rng.random() < 0.08
        self.link("trusted_adult", adult.id, yp.id, role=role, since=_month(since),
                  until=_month(until) if until else None, strength=strength,
                  stressful=stressful, notes=notes)  # fmt: skip
        if not adult.networks and (adult.id, yp.id) not in self.pool_members:
            self.pool_members.add((adult.id, yp.id))
            self.out.networks.setdefault(yp.id, []).append(adult.id)

    # --- the young person's life in care ---------------------------------------------------
    def care(self, yp: _Person, first: int, relatives: list[_Person], team_no: int) -> None:
        rng = self.rng
        block = (first - 1) // _BLOCK
        sw = self.user_id(team_no, "social_worker", self.load(team_no, "sw"))
        age_now = yp.age()
        entry_age = rng.uniform(0.2, min(age_now, 16.0) - 0.1) if age_now > 1 else 0.3
        entry = _days(yp.born, int(365.25 * entry_age))
        leaving = _days(yp.born, 18 * 365 + 5) if age_now >= 18 else None
        end_of_care = leaving or REFERENCE_DATE
        living_rel = [r for r in relatives if r.living and r.age() >= 25 and r.distance <= 3]
        events: list[dict[str, Any]] = []

        def entry_row(kind: str, title: str, place: str | None, since: date, until: date | None,
                      people: list[_Person], note: str | None = None) -> None:  # fmt: skip
            events.append({
                "kind": kind, "title": title, "place": place, "since": since.isoformat(),
                "until": until.isoformat() if until else None, "note": note, "user_id": sw,
                "people": [p.id for p in people],
            })  # fmt: skip

        town = rng.choice(_TOWNS)
        parents = [r for r in relatives if r.distance == 1 and r.side in ("maternal", "paternal")]
        entry_row("lived", "Lived with mum" if parents else "Lived with family", town, yp.born,
                  entry, [p for p in parents[:1] if p.living])  # fmt: skip
        note = "Section 20, then a care order." if rng.random() < 0.5 else None
        entry_row("event", "Came into care", town, entry, None, [], note=note)
        # Placements from entry into care until now (or the 18th birthday).
        start = entry
        span = (end_of_care - entry).days
        n_places = int(rng.choices([1, 2, 3, 4, 5, 6], [3, 4, 4, 3, 2, 1])[0])
        n_places = max(1, min(n_places, span // 120))
        cuts = [*sorted(rng.sample(range(60, span - 30), n_places - 1)), span]
        used: set[int] = set()
        for n, cut in enumerate(cuts):
            until = _days(entry, cut) if n < len(cuts) - 1 or leaving else None
            end = until or REFERENCE_DATE
            if end <= start:
                continue
            place = rng.choice(_TOWNS)
            kin = [r for r in living_rel if r.distance in (2, 3)]
            if n == 0 and kin and rng.random() < 0.15:
                carer = rng.choice(kin)
                self.tie(carer, yp, "foster_carer", start, until, strength="strong",
                         notes="Kinship foster carer.")  # fmt: skip
                entry_row("placement", f"Kinship placement with {carer.given_name} "
                          f"{carer.family_name}", place, start, until, [carer])  # fmt: skip
            elif yp.age() >= 12 and rng.random() < 0.15:
                home = rng.choice(_HOMES)
                worker = self.pool_person("worker", block, 100 + rng.randrange(_WORKERS))
                self.tie(worker, yp, "other", start, until, notes=f"Key worker at {home}.")
                entry_row("placement", f"Children's home: {home}", place, start, until, [worker])
            else:
                choices = [k for k in range(_CARER_HOUSEHOLDS) if k not in used]
                k = rng.choice(choices)
                used.add(k)
                household = self.carers(block, k)
                strength = str(_pick(rng, (("strong", 2), ("moderate", 3), ("tenuous", 1))))
                if (end - start).days > 700:
                    strength = "strong"
                for carer in household:
                    self.tie(carer, yp, "foster_carer", start, until, strength=strength)
                names = " and ".join(c.given_name for c in household)
                title = f"Foster placement with {names} {household[0].family_name}"
                entry_row("placement", title, place, start, until, household)
            start = end
        if leaving is not None:
            entry_row("lived", str(_pick(rng, (("Supported lodgings", 2), ("Own flat", 3),
                                               ("Staying put with former carers", 1)))),
                      rng.choice(_TOWNS), leaving, None, [])  # fmt: skip
        # Schools: primary from 4, secondary from 11 to 16, teachers named in some of them.
        for first_age, last_age, count, word in ((4, 11, _PRIMARIES, "Primary School"),
                                                 (11, 16, _SECONDARIES, "Academy")):  # fmt: skip
            since = _days(yp.born, int(365.25 * first_age) + 240)
            if since >= REFERENCE_DATE:
                continue
            until = _days(yp.born, int(365.25 * last_age) + 230)
            current = until >= REFERENCE_DATE
            school = rng.randrange(count)
            base = 0 if word == "Primary School" else _PRIMARIES
            name = f"{_SCHOOL_NAMES[(block * 7 + base + school) % len(_SCHOOL_NAMES)]} {word}"
            teachers = []
            if rng.random() < 0.6:
                k = (base + school) * 10 + rng.randrange(_TEACHERS)
                teacher = self.pool_person("teacher", block, k)
                t_since = _between(rng, since, min(until, REFERENCE_DATE) - timedelta(days=1))
                t_until = None
                if not current or rng.random() >= 0.6:
                    later = _days(t_since, rng.randint(300, 800))
                    t_until = min(later, until, _days(REFERENCE_DATE, -1))
                self.tie(teacher, yp, "teacher", t_since, t_until)
                teachers.append(teacher)
            entry_row("school", name, rng.choice(_TOWNS), since, None if current else until,
                      teachers)  # fmt: skip
        # Workers who are people of the network too (not users of the service).
        current_sw = self.pool_person("worker", block, rng.randrange(_WORKERS))
        self.tie(current_sw, yp, "social_worker", _between(rng, entry, REFERENCE_DATE), None)
        if rng.random() < 0.5:
            former = self.pool_person("worker", block, _WORKERS + rng.randrange(_WORKERS))
            self.tie(former, yp, "social_worker", entry,
                     _between(rng, entry, _days(REFERENCE_DATE, -60)))  # fmt: skip
        if yp.age() >= 10 and rng.random() < 0.35:
            youth = self.pool_person("youth", block, rng.randrange(_YOUTH_WORKERS))
            since = _between(rng, _days(yp.born, 10 * 365), _days(REFERENCE_DATE, -30))
            self.tie(youth, yp, "youth_worker", since,
                     None if rng.random() < 0.6 else _between(rng, since, REFERENCE_DATE),
                     notes="Runs the Tuesday club.")  # fmt: skip
        networks = (yp.id,)
        if rng.random() < 0.25:
            mentor = self.person(rng.choice((FEMALE, MALE)),
                                 _birthday(rng, REFERENCE_DATE.year - rng.randint(22, 60)),
                                 rng.choice(_SURNAMES), networks=networks, distance=9,
                                 side="other", alive=True)  # fmt: skip
            self.tie(mentor, yp, "mentor", _between(rng, entry, REFERENCE_DATE), None,
                     notes="Independent visitor.")  # fmt: skip
        if rng.random() < 0.3:
            friend = self.person(rng.choice((FEMALE, MALE)),
                                 _birthday(rng, yp.born.year - rng.randint(20, 40)),
                                 rng.choice(_SURNAMES), networks=networks, distance=9,
                                 side="other", alive=True)  # fmt: skip
            self.tie(friend, yp, "family_friend", yp.born,
                     entry if rng.random() < 0.6 else None,
                     stressful=rng.random() < 0.25, notes="A friend of the family.")  # fmt: skip
        for k, e in enumerate(events):
            e["id"] = f"{yp.id}-timeline-{k:02d}"
            e["young_person_id"] = yp.id
            self.out.timeline.append(e)
        self.allocate(yp, team_no, entry, sw)

    def load(self, team_no: int, what: str) -> int:
        """Which worker of the team takes the team's next young person (by caseload)."""
        n = self.team_load.get(team_no, 0)
        return n // (_COORDINATOR_LOAD if what == "co" else _SOCIAL_WORKER_LOAD) + 1

    def allocate(self, yp: _Person, team_no: int, entry: date, sw: str) -> None:
        rng = self.rng
        co = self.user_id(team_no, "coordinator", self.load(team_no, "co"))
        self.team_load[team_no] = self.team_load.get(team_no, 0) + 1
        sw_from = _between(rng, max(entry, _days(REFERENCE_DATE, -900)), _days(REFERENCE_DATE, -90))
        co_from = _between(
            rng, max(entry, _days(REFERENCE_DATE, -1000)), _days(REFERENCE_DATE, -120)
        )
        self.out.allocations.append({"id": f"{yp.id}-allocation-coordinator", "user_id": co,
                                     "young_person_id": yp.id, "from": co_from.isoformat(),
                                     "until": None})  # fmt: skip
        self.out.allocations.append({"id": f"{yp.id}-allocation-social-worker", "user_id": sw,
                                     "young_person_id": yp.id, "from": sw_from.isoformat(),
                                     "until": None})  # fmt: skip
        if rng.random() < 0.4 and sw_from > _days(entry, 60):
            k = self.load(team_no, "sw")
            earlier = self.user_id(team_no, "social_worker", k + 1 if k > 1 else 2)
            began = _between(rng, entry, _days(sw_from, -30))
            self.out.allocations.append({
                "id": f"{yp.id}-allocation-social-worker-before", "user_id": earlier,
                "young_person_id": yp.id, "from": began.isoformat(),
                "until": _days(sw_from, -1).isoformat(),
            })  # fmt: skip
        self.coordinator_of[yp.id] = co
        self.social_worker_of[yp.id] = sw
        self.co_from[yp.id] = co_from
