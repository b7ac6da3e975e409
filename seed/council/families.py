"""The synthetic council's families (see `seed.council`): ancestors, descendants, partners
and the young people in care among them."""

from __future__ import annotations

from datetime import date

from seed.council.base import REFERENCE_DATE, _Base, _between, _days, _Person
from seed.council.tables import _SURNAMES, FEMALE, MALE


class _Families(_Base):
    def kid_count(self, mother_born: int) -> int:
        r = self.rng
        if mother_born < 1930:
            return int(r.choices([1, 2, 3, 4, 5, 6], [1, 2, 3, 3, 2, 1])[0])
        if mother_born < 1950:
            return int(r.choices([1, 2, 3, 4, 5], [2, 4, 3, 2, 1])[0])
        if mother_born < 1970:
            return int(r.choices([0, 1, 2, 3, 4], [1, 2, 4, 2, 1])[0])
        if mother_born < 1990:
            return int(r.choices([0, 1, 2, 3, 4], [2, 3, 4, 2, 1])[0])
        return int(r.choices([0, 1, 2, 3], [3, 3, 2, 1])[0])

    def kid_born(self, a: _Person, b: _Person | None) -> date | None:
        """A child's birthday for these parents, or None when it cannot be before the reference
        date or after a mother's death."""
        mother = a if a.sex == FEMALE else b if b is not None and b.sex == FEMALE else None
        base = (mother or a).born
        born = _days(base, int(365.25 * self.rng.triangular(18, 43, 26)))
        limit = _days(REFERENCE_DATE, -60)
        for p in (a, b):
            if p is not None and p.died is not None:
                limit = min(limit, p.died if p is mother else _days(p.died, 270))
        return born if born < limit else None

    def partner_for(
        self,
        p: _Person,
        *,
        since: date | None = None,
        current: bool | None = None,
        same_sex: bool | None = None,
    ) -> tuple[_Person, date | None]:
        """An outsider who is (or was) the partner of `p`, in p's networks."""
        rng = self.rng
        if same_sex is None:
            same_sex = rng.random() < 0.04
        sex = p.sex if same_sex else (MALE if p.sex == FEMALE else FEMALE)
        born = min(_days(p.born, rng.randint(-6 * 365, 4 * 365)), _days(REFERENCE_DATE, -18 * 365))
        since = since or _days(p.born, int(365.25 * rng.uniform(18, 34)))
        since = min(since, _days(REFERENCE_DATE, -90))
        kind = self.partnership_kind(since.year)
        if current is True:
            kind = "married" if since.year < 1990 and rng.random() < 0.7 else "cohabiting"
        elif current is False and kind not in ("separated", "divorced"):
            kind = "divorced" if kind == "married" else "separated"
        if same_sex and kind == "married" and since.year < 2014:
            kind = "civil_partnership"
        until = None
        if kind in ("separated", "divorced"):
            until = _between(rng, _days(since, 365), _days(since, 365 * 15))
            until = min(until, _days(REFERENCE_DATE, -30))
        name = p.family_name if kind in ("married", "civil_partnership") else rng.choice(_SURNAMES)
        other = self.person(sex, born, name, networks=p.networks, distance=p.distance + 1,
                            side=p.side)  # fmt: skip
        self.partners(p, other, kind, since, until)
        return other, until

    def descend(self, p: _Person, levels: int, *, co_parent: _Person | None = None) -> None:
        """p's partners and children, and theirs, `levels` generations down."""
        rng = self.rng
        if levels <= 0 or p.age() < 18:
            return
        partners: list[_Person | None] = []
        if co_parent is not None:
            partners.append(co_parent)
        elif p.age() >= 20 and rng.random() < 0.72:
            partner, until = self.partner_for(p)
            if partner.sex == p.sex:
                # A same-sex couple: an adopted child now and then.
                if rng.random() < 0.4:
                    self.children(p, partner, 1, levels, kind="adoptive")
                return
            partners.append(partner)
            if until is not None and rng.random() < 0.45:
                later, _ = self.partner_for(p, since=_days(until, rng.randint(90, 1500)),
                                            current=True, same_sex=False)  # fmt: skip
                partners.append(later)
        elif rng.random() < 0.6:
            # Children with someone never a partner: their other parent, known by name.
            born = min(
                _days(p.born, rng.randint(-5 * 365, 4 * 365)), _days(REFERENCE_DATE, -18 * 365)
            )
            sex = MALE if p.sex == FEMALE else FEMALE
            partners.append(self.person(sex, born, rng.choice(_SURNAMES), networks=p.networks,
                                        distance=p.distance + 1, side=p.side))  # fmt: skip
        else:
            partners.append(None)
        mother = p if p.sex == FEMALE else partners[0] or p
        total = self.kid_count(mother.born.year)
        for k, co in enumerate(partners):
            share = total if len(partners) == 1 else (total + 1) // 2 if k == 0 else total // 2
            self.children(p, co, share, levels)

    def children(self, a: _Person, b: _Person | None, count: int, levels: int,
                 *, kind: str = "birth") -> None:  # fmt: skip
        father = a if a.sex == MALE else b if b is not None and b.sex == MALE else None
        for _ in range(count):
            born = self.kid_born(a, b)
            if born is None:
                continue
            name = father.family_name if father is not None else a.family_name
            kid = self.person(self.rng.choice((FEMALE, MALE)), born, name, networks=a.networks,
                              distance=a.distance + 1, side=a.side)  # fmt: skip
            self.parent(a, kid, kind)
            if b is not None:
                self.parent(b, kid, kind)
            self.descend(kid, levels - 1)

    def ancestors(self, child: _Person, level: int) -> None:
        """The parents of `child` (who is `level - 1` generations above the young person), their
        other children and their lines, and so on up to great-great-grandparents."""
        rng = self.rng
        if level > 4:
            return
        unknown_mother = {2: 0.03, 3: 0.08, 4: 0.3}[level]
        unknown_father = {2: 0.1, 3: 0.12, 4: 0.35}[level]
        down = {2: 3, 3: 4, 4: 3}[level]  # how far the other children's lines are followed
        dist = level
        mother = father = None
        if rng.random() >= unknown_mother:
            born = _days(child.born, -int(365.25 * rng.triangular(17, 42, 25)))
            mother = self.person(FEMALE, born, child.family_name, networks=child.networks,
                                 distance=dist, side=child.side)  # fmt: skip
        if rng.random() >= unknown_father:
            base = mother.born if mother else _days(child.born, -26 * 365)
            born = _days(base, -rng.randint(-3 * 365, 8 * 365))
            father = self.person(MALE, born, child.family_name, networks=child.networks,
                                 distance=dist, side=child.side)  # fmt: skip
        for parent in (mother, father):
            if parent is not None:
                self.parent(parent, child)
        if mother is not None and father is not None:
            since = _days(child.born, -rng.randint(200, 6 * 365))
            kind = "married" if since.year < 1975 else self.partnership_kind(since.year)
            until = None
            if kind in ("separated", "divorced"):
                until = min(_between(rng, _days(child.born, 200), _days(child.born, 12 * 365)),
                            _days(REFERENCE_DATE, -30))  # fmt: skip
            if rng.random() < 0.93:
                self.partners(mother, father, kind, since, until)
            if mother.family_name != father.family_name and kind == "married":
                row = self.rows[mother.id]
                row["notes"] = f"Born {mother.given_name} {mother.family_name}."
                row["family_name"] = mother.family_name = father.family_name
        # The child's brothers and sisters, and their lines.
        if mother is not None or father is not None:
            a = mother or father
            assert a is not None
            others = max(0, self.kid_count(a.born.year) - 1)
            for _ in range(others):
                sib_born = self.kid_born(a, father if a is mother else None)
                if sib_born is None:
                    continue
                name = father.family_name if father is not None else a.family_name
                sib = self.person(rng.choice((FEMALE, MALE)), sib_born, name,
                                  networks=child.networks, distance=dist + 1,
                                  side=child.side)  # fmt: skip
                for parent in (mother, father):
                    if parent is not None:
                        self.parent(parent, sib)
                # The oldest lines are followed one generation less, mostly.
                self.descend(sib, down - (1 if level < 4 or rng.random() < 0.45 else 2))
            # A grandmother's children by another partner: half-aunts and half-uncles.
            if mother is not None and level == 2 and rng.random() < 0.2:
                other, _ = self.partner_for(mother, current=False, same_sex=False)
                self.children(mother, other, rng.randint(1, 2), down)
        elif level == 4 and rng.random() < 0.6:
            # Parents unknown: brothers and sisters known only by a sibling tie.
            for _ in range(rng.randint(1, 2)):
                born = _days(child.born, rng.randint(-8 * 365, 8 * 365))
                sib = self.person(rng.choice((FEMALE, MALE)), born, child.family_name,
                                  networks=child.networks, distance=dist + 1, side=child.side,
                                  notes="Known from family letters; their parents are not "
                                        "recorded.")  # fmt: skip
                self.link("sibling", child.id, sib.id, half=rng.random() < 0.15)
                self.descend(sib, 2)
        for parent in (mother, father):
            if parent is not None:
                self.ancestors(parent, level + 1)

    # --- a family around one young person, or two brothers and sisters in care -------------
    def family(self, first: int, pair: bool) -> list[_Person]:
        """The family of young person `first` (and `first + 1` when `pair`); returns them."""
        rng = self.rng
        self.known = {}
        self.rows = {}
        in_care = rng.random() < 0.86
        age = rng.randint(1, 17) if in_care else rng.randint(18, 24)
        yp_born = _days(REFERENCE_DATE, -(age * 365 + rng.randint(1, 360)))
        full = rng.random() < 0.75
        one = self.yp_id(first)
        two = self.yp_id(first + 1) if pair and first + 1 <= self.n else None
        both: tuple[str, ...] = (one, two) if two else (one,)
        # The second child of a pair is always made, so that a council whose last family is cut
        # short is still the start of a larger one; past the last young person it is a sibling.
        surname = rng.choice(_SURNAMES)
        mother = self.person(FEMALE, _days(yp_born, -int(365.25 * rng.triangular(16, 40, 23))),
                             surname, networks=both, distance=1, side="maternal")  # fmt: skip
        father_known = rng.random() >= 0.1
        father = None
        if father_known:
            father = self.person(MALE, _days(mother.born, -rng.randint(-3 * 365, 9 * 365)),
                                 rng.choice(_SURNAMES), networks=(one,) if not full else both,
                                 distance=1, side="paternal")  # fmt: skip
        yp_name = father.family_name if father is not None and rng.random() < 0.6 else surname
        yp = self.young_person(one, yp_born, yp_name, in_care, networks=(two,) if two else ())
        kids = [yp]
        if father is not None:
            since = _days(yp_born, -rng.randint(100, 5 * 365))
            kind = self.partnership_kind(since.year)
            ended = rng.random() < 0.7
            if ended and kind not in ("separated", "divorced"):
                kind = "divorced" if kind in ("married", "civil_partnership") else "separated"
            until = _between(rng, _days(yp_born, 30), min(_days(yp_born, 8 * 365),
                                                          _days(REFERENCE_DATE, -30)))  # fmt: skip
            self.partners(mother, father, kind, since, until if ended else None)
            self.parent(father, yp)
        self.parent(mother, yp)
        # The second of the pair: a full sibling, or a maternal half-sibling.
        second_born = _days(yp_born, rng.choice((-1, 1)) * rng.randint(300, 5 * 365))
        second_born = min(second_born, _days(REFERENCE_DATE, -200))
        second_father = father if full else None
        if not full:
            second_father = self.person(MALE, _days(mother.born, -rng.randint(-2 * 365, 8 * 365)),
                                        rng.choice(_SURNAMES), networks=(two,) if two else (one,),
                                        distance=1, side="paternal")  # fmt: skip
            self.partners(mother, second_father, "separated",
                          _days(second_born, -rng.randint(200, 900)),
                          _between(rng, second_born, _days(REFERENCE_DATE, -60)))  # fmt: skip
        if pair:
            name = second_father.family_name if second_father is not None else surname
            if two:
                second = self.young_person(two, second_born, name, in_care, networks=(one,))
            else:
                # Past the last young person: the same child, not (yet) in care.
                second = self.young_person(f"{self.prefix}-p-yp{first + 1:0{self.width}d}",
                                           second_born, name, in_care, networks=(one,),
                                           young=False)  # fmt: skip
            self.parent(mother, second)
            if second_father is not None:
                self.parent(second_father, second)
            kids.append(second)
        # Other full brothers and sisters, not in care.
        for _ in range(int(rng.choices([0, 1, 2, 3], [4, 3, 2, 1])[0])):
            born = min(_days(yp_born, rng.randint(-9 * 365, 6 * 365)), _days(REFERENCE_DATE, -90))
            if father is None or born < _days(mother.born, 16 * 365):
                continue
            sib = self.person(rng.choice((FEMALE, MALE)), born, yp_name, networks=both,
                              distance=2, side="own")  # fmt: skip
            self.parent(mother, sib)
            self.parent(father, sib)
            self.descend(sib, 2)
        # The mother's later (or earlier) partner: half-siblings; a current one is a step-parent.
        if rng.random() < 0.5:
            current = rng.random() < 0.6
            since = _days(yp_born, rng.randint(365, 9 * 365))
            step, _ = self.partner_for(mother, since=since, current=current, same_sex=False)
            self.children(mother, step, int(rng.choices([0, 1, 2], [3, 4, 2])[0]), 2)
            if current and rng.random() < 0.25:
                self.parent(step, yp, "step")
            if current and rng.random() < 0.4:
                # The step-parent's own children from before: step-brothers and sisters.
                self.children(step, None, rng.randint(1, 2), 2)
        # The father's children with other partners: paternal half-siblings.
        if father is not None and rng.random() < 0.55:
            other, _ = self.partner_for(father, current=rng.random() < 0.5, same_sex=False)
            self.children(father, other, rng.randint(1, 3), 2)
        # A care leaver's own baby, now and then, with the baby's other parent.
        if not in_care and age >= 19 and rng.random() < 0.2:
            born = _days(REFERENCE_DATE, -rng.randint(60, 700))
            other = self.person(MALE if yp.sex == FEMALE else FEMALE,
                                _days(yp.born, rng.randint(-3 * 365, 365)), rng.choice(_SURNAMES),
                                networks=both, distance=1, side="own", alive=True)  # fmt: skip
            self.partners(yp, other, rng.choice(("cohabiting", "separated")),
                          _days(born, -rng.randint(300, 700)), None)  # fmt: skip
            baby = self.person(rng.choice((FEMALE, MALE)), born, yp.family_name, networks=both,
                               distance=1, side="own", alive=True)  # fmt: skip
            self.parent(yp, baby)
            self.parent(other, baby)
        # Both sides, up to great-great-grandparents.
        self.ancestors(mother, 2)
        if father is not None:
            self.ancestors(father, 2)
        if second_father is not None and second_father is not father:
            self.ancestors(second_father, 2)
        return kids

    def young_person(
        self,
        pid: str,
        born: date,
        family_name: str,
        in_care: bool,
        *,
        networks: tuple[str, ...],
        young: bool = True,
    ) -> _Person:
        """A young person (or, with `young` false, their brother or sister, drawn alike)."""
        rng = self.rng
        sex = rng.choice((FEMALE, MALE))
        given = self.given(sex, born)
        p = _Person(pid, sex, born, None, family_name, given, networks, 0, "own")
        self.known[pid] = p
        row = {"id": pid, "given_name": given, "family_name": family_name, "known_as": None,
               "sex": sex, "birth_date": born.isoformat(), "death_date": None, "living": True,
               "notes": None}  # fmt: skip
        if young:
            self.out.young_people.append({
                **row, "care_status": "in_care" if in_care else "care_leaver",
                "team": self.team(self.family_team),
                "external_id": {"system": f"council-{self.prefix}",
                                "value": f"CASE-{pid.rsplit('-', 1)[1]}"},
            })  # fmt: skip
        else:
            self.out.people.append(row)
        for yp in networks:
            self.out.networks.setdefault(yp, []).append(pid)
        return p
