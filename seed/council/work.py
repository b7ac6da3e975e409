"""The synthetic council's Lifelong Links work (see `seed.council`): connections and their
stages, contacts and wishes, safety flags, households and court orders."""

from __future__ import annotations

from datetime import date
from typing import Any

from seed.council.base import REFERENCE_DATE, _at, _Base, _between, _days, _Person, _pick
from seed.council.tables import (
    _COMMITMENTS,
    _CONTACT_MODES,
    _DIRECTIONS,
    _FLAG_KINDS,
    _FLAG_SOURCES,
    _ORDER_KINDS,
    _OUTWARD,
    _REASONS,
    _STAGE_PATH,
    _STAGES,
    _STREETS,
    _TOWNS,
    MALE,
)
from service.data.safeguarding import address_key
from service.workflow import APPROACH_STAGES


class _Work(_Base):
    # --- Lifelong Links work -----------------------------------------------------------------
    def work(self, yp: _Person, relatives: list[_Person], kept_away: set[str]) -> None:
        rng = self.rng
        co, sw = self.coordinator_of[yp.id], self.social_worker_of[yp.id]
        weight = {1: 3, 2: 6, 3: 4, 4: 2, 5: 1}
        candidates = [
            r for r in relatives
            if r.living and r.age() >= 16 and r.id != yp.id and r.id not in kept_away
            and yp.id in r.networks and r.distance <= 5
        ]  # fmt: skip
        formers = [
            self.known.get(link["from_id"]) or self.pool.get(link["from_id"])
            for link in self.out.links[self.links_from:]
            if link["type"] == "trusted_adult" and link["to_id"] == yp.id
            and link["props"]["until"] is not None
        ]  # fmt: skip
        count = rng.randint(5, 10)
        chosen: list[_Person] = []
        pool = list(candidates)
        while pool and len(chosen) < count:
            p = rng.choices(pool, [weight.get(c.distance, 1) for c in pool])[0]
            pool.remove(p)
            chosen.append(p)
        for adult in formers:
            if adult is not None and adult not in chosen and rng.random() < 0.3:
                chosen.append(adult)
        first_day = max(self.co_from[yp.id], _days(yp.born, 200))
        self.connections_from = len(self.out.connections)
        conference: list[tuple[date, str]] = []  # who came to the Family Group Conference
        for made, person in enumerate(chosen):
            stage = str(_pick(rng, _STAGES))
            # Approval is refused when the person, or someone living with them, has a level-3
            # flag or is kept from the young person by a court order.
            household = {person.id, self.housemates.get(person.id, person.id)}
            if any(self.flag_levels.get(h) == 3 or h in kept_away for h in household):
                stage = "not_approved"
            elif stage == "not_approved":
                stage = "awaiting_safety_check"
            if stage == "not_approved":
                path = ["identified", "awaiting_safety_check", "not_approved"]
            elif stage == "declined":
                path = [*_STAGE_PATH[: _STAGE_PATH.index("contacted") + 1], "declined"]
            else:
                path = list(_STAGE_PATH[: _STAGE_PATH.index(stage) + 1])
                if rng.random() < 0.4 and "located" in path and stage != "located":
                    path.remove("located")
            start = _between(rng, first_day, _days(REFERENCE_DATE, -40 - 12 * len(path)))
            at = start
            history = []
            stamps: dict[str, date] = {}
            for k, s in enumerate(path):
                if k:
                    at = min(_days(at, rng.randint(1, 25)), _days(REFERENCE_DATE, -1))
                stamps[s] = at
                who = sw if s in ("approved", "not_approved") else co
                reasons = _REASONS.get(s)
                history.append({"stage": s, "at": _at(at, 9 + k % 8), "user_id": who,
                                "reason": rng.choice(reasons) if reasons else None})  # fmt: skip
            if "attended" in stamps:
                conference.append((stamps["attended"], person.id))
            cid = f"{yp.id}-connection-{made:02d}"
            contacts: list[dict[str, Any]] = []
            commitments: list[dict[str, Any]] = []
            every, what = _pick(rng, _COMMITMENTS)
            if "contacted" in stamps:
                # Contact history: the first contact; for people in touch, contact every few
                # weeks while the plan is made, then about as often as the plan says. About a
                # third stop at some point, so their contact has lapsed.
                began = stamps["contacted"]
                days = {began}
                yesterday = _days(REFERENCE_DATE, -1)
                if stage in ("willing", "invited", "attended", "in_plan"):
                    plan = stamps.get("in_plan")
                    stop = yesterday
                    if rng.random() < 0.3:
                        stop = _between(rng, began, _days(REFERENCE_DATE, -400))
                    gap, on = rng.randint(14, 45), began
                    while on <= min(stop, plan or stop) and len(days) < 120:
                        days.add(on)
                        on = _days(on, max(1, round(gap * rng.uniform(0.6, 1.4))))
                    if plan is not None and stop == yesterday:
                        if rng.random() < 0.35:
                            stop = _between(rng, plan, _days(REFERENCE_DATE, -every - 30))
                        on = plan
                        while on <= stop and len(days) < 120:
                            days.add(on)
                            on = _days(on, max(1, round(every * rng.uniform(0.7, 1.4))))
                for k, on in enumerate(sorted(days)):
                    contacts.append({
                        "id": f"{cid}-contact-{k:03d}", "on": on.isoformat(),
                        "mode": _pick(rng, _CONTACT_MODES),
                        "direction": _pick(rng, _DIRECTIONS),
                        "note": None if rng.random() < 0.7 else "Went well.",
                        "user_id": co, "created_at": _at(on, 17),
                    })  # fmt: skip
            if stage == "in_plan":
                since = stamps["in_plan"]
                commitments.append({
                    "id": f"{cid}-commitment-00", "what": what, "every_days": every,
                    "since": since.isoformat(),
                    "review_on": _days(since, 365).isoformat() if rng.random() < 0.8 else None,
                    "user_id": co, "created_at": _at(since, 11),
                })  # fmt: skip
            if "approved" in stamps and stage != "not_approved":
                self.approved.add(person.id)
            self.out.connections.append({
                "id": cid, "young_person_id": yp.id, "person_id": person.id, "stage": stage,
                "created_at": history[0]["at"], "history": history, "contacts": contacts,
                "commitments": commitments,
            })  # fmt: skip
        if conference:
            held = min(on for on, _ in conference)
            self.out.timeline.append({
                "id": f"{yp.id}-timeline-fgc", "young_person_id": yp.id, "kind": "event",
                "title": "Family Group Conference", "place": rng.choice(_TOWNS),
                "since": held.isoformat(), "until": None,
                "note": "The Lifelong Links plan was agreed." if rng.random() < 0.5 else None,
                "user_id": co, "people": sorted(pid for _, pid in conference),
            })  # fmt: skip
        # Wishes: about someone not approached, and now and then about a whole side.
        others = [r for r in candidates if r not in chosen]
        if others and rng.random() < 0.15:
            p = rng.choice(others)
            wish = str(_pick(rng, (("never", 2), ("not_now", 2), ("want_contact", 1))))
            self.out.wishes.append({"young_person_id": yp.id, "person_id": p.id, "wish": wish,
                                    "note": "Said at a review." if rng.random() < 0.5 else None,
                                    "user_id": co,
                                    "recorded_at": _at(_between(rng, first_day,
                                                                REFERENCE_DATE), 14)})  # fmt: skip
        side = rng.choice(("maternal", "paternal"))
        # A wish about a whole side, now and then: only where no one it covers (that side, and
        # brothers and sisters, related on both) is already being approached.
        approached = {c["person_id"] for c in self.out.connections[self.connections_from:]
                      if c["stage"] in APPROACH_STAGES}  # fmt: skip
        covered = {r.id for r in relatives if r.side in (side, "own")}
        if rng.random() < 0.03 and not approached & covered:
            self.out.side_wishes.append({"young_person_id": yp.id, "side": side,
                                         "wish": "not_now"})  # fmt: skip

    def flags(self, people: list[_Person], team_no: int) -> dict[str, int]:
        """Active flags on about one person in a hundred of the family: adults only."""
        rng = self.rng
        found: dict[str, int] = {}
        author = self.user_id(team_no, "social_worker", 1)
        for p in people:
            if not p.living or p.age() < 18 or rng.random() >= 0.0155:
                continue
            level = int(rng.choices([1, 2, 3], [25, 35, 40])[0])
            kind, details = rng.choice(_FLAG_KINDS[level])
            raised = _between(rng, _days(REFERENCE_DATE, -1100), _days(REFERENCE_DATE, -5))
            fid = f"{self.prefix}-flag-{p.id.split('-', 1)[1]}"
            self.out.flags.append({"id": fid, "person_id": p.id, "props": {
                "kind": kind, "level": level, "status": "active",
                "source": f"{rng.choice(_FLAG_SOURCES)}, {raised.isoformat()}",
                "details": details, "raised_on": raised.isoformat(),
                "review_on": _days(raised, 182).isoformat(),
                "expires_on": _days(raised, 365 * 5).isoformat() if rng.random() < 0.3 else None,
                "author_id": author,
                # Raised under the case of the first young person whose network holds them:
                # theirs to change (`update_flag`).
                "raised_in": p.networks[0] if p.networks else None}})  # fmt: skip
            found[p.id] = level
        self.flag_levels.update(found)
        return found

    def households(self, f: int, people: list[_Person]) -> None:
        """About one person in 500 lives in a two-person household at a recorded address: a
        couple of the family, or a relative with someone of the family before."""
        rng = self.rng
        adults = [p for p in people if p.living and p.age() >= 18]
        known = {p.id: p for p in adults}
        couples = [
            (known[link["from_id"]], known[link["to_id"]])
            for link in self.out.links[self.links_from:]
            if link["type"] == "partner" and link["props"]["until"] is None
            and link["props"]["kind"] != "separated" and link["props"]["kind"] != "divorced"
            and link["from_id"] in known and link["to_id"] in known
        ]  # fmt: skip
        # Nobody already approved for contact moves in with someone flagged afterwards.
        outsiders = [p for p in self.previous_adults if p.id not in self.approved]
        made = 0
        for _ in range(3):
            if rng.random() >= 0.11 or not adults:
                continue
            if rng.random() < 0.5 and outsiders:
                # A relative and someone of the family before (a lodger, a new partner): often
                # someone flagged, which is how a chain reaches outside the family.
                a = rng.choice(adults)
                risky = [p for p in outsiders if self.flag_levels.get(p.id) == 3]
                b = rng.choice(risky) if risky and rng.random() < 0.6 else rng.choice(outsiders)
            elif couples:
                a, b = rng.choice(couples)
            else:
                continue
            if a is b or a.id in self.housemates or b.id in self.housemates:
                continue
            self.housemates[a.id], self.housemates[b.id] = b.id, a.id
            # A different address for every household of every seed (up to 25,000 young people).
            n = self.seed * 100_000 + f * 4 + made
            made += 1
            line1 = f"{1 + n % 97} {_STREETS[(n // 97) % len(_STREETS)]}"
            letters, m = "ABDEFGHJLNPQRSTUWXYZ", n // len(_OUTWARD)
            postcode = f"{_OUTWARD[n % len(_OUTWARD)]} {m % 10}{letters[m // 10 % 20]}" \
                       f"{letters[m // 200 % 20]}"  # fmt: skip
            since = _between(rng, _days(REFERENCE_DATE, -3000), _days(REFERENCE_DATE, -10))
            aid = f"{self.prefix}-address-{f * 4 + made - 1:06d}"
            self.out.households.append({
                "id": aid, "key": address_key(line1, postcode), "line1": line1, "line2": None,
                "town": rng.choice(_TOWNS), "postcode": postcode,
                "people": [{"person_id": p.id, "id": f"{aid}-{p.id}",
                            "since": _between(rng, since, _days(REFERENCE_DATE, -5)).isoformat()}
                           for p in (a, b)],
            })  # fmt: skip

    def order(self, yp: _Person, relatives: list[_Person], team_no: int) -> str | None:
        rng = self.rng
        adults = [r for r in relatives if r.living and r.age() >= 18 and yp.id in r.networks
                  and r.distance <= 3 and r.side in ("maternal", "paternal")]  # fmt: skip
        if not adults:
            return None
        who = min(adults, key=lambda r: (r.distance, r.sex != MALE, r.id)) if rng.random() < 0.5 \
            else rng.choice(adults)  # fmt: skip
        kind, terms = rng.choice(_ORDER_KINDS)
        made = _between(rng, _days(REFERENCE_DATE, -1500), _days(REFERENCE_DATE, -20))
        self.out.orders.append({
            "id": f"{yp.id}-order-00", "restricted_id": who.id, "protected_id": yp.id,
            "props": {"kind": kind, "terms": terms, "made_on": made.isoformat(),
                      "until": None if rng.random() < 0.4 else
                      _days(made, 365 * rng.randint(2, 6)).isoformat(),
                      "author_id": self.user_id(team_no, "social_worker", 1),
                      # Made through the young person's own case, whose words its terms are.
                      "made_in": yp.id},
        })  # fmt: skip
        return who.id
