"""The case guard: who may reach which young person, and the people seen through them.

Every route that touches case data depends on `CaseDep` (or on `PersonReach` /
`YoungPersonReach`, which are built on it). It admits the case roles only, sets the viewer for
need-to-know, and answers "does this caller reach this person?" with one query that also
writes the decision to the audit trail.

403 or 404: a role that never reads case data (admin) gets 403 before any record is looked
at. A person the caller cannot reach gets the same 404 as a person who does not exist, so
that a worker cannot learn from an id whether someone is known to the council; the audit
trail records the refusal and its real reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, NoReturn, TypeVar, cast

from fastapi import Depends, Path, Query, Request

from service.auth.guard import PrincipalDep
from service.auth.need_to_know import set_viewer
from service.auth.principal import Principal, Role
from service.data import audit
from service.dates import london_today
from service.db import Db, DbDep, run_once
from service.errors import Forbidden, InvalidInput, NotFound
from service.readcache import ReadCache

CASE_ROLES = frozenset({Role.coordinator, Role.social_worker, Role.manager})
# Allocation is for those who work with the young person; managers reach by team.
ALLOCATABLE_ROLES = frozenset({Role.coordinator, Role.social_worker})

T = TypeVar("T")

NOT_REACHABLE = "No person with this id is within your allocations."
NOT_YOUNG = "No young person with this id is within your allocations."


@dataclass(frozen=True, slots=True)
class Reach:
    """A person the caller may reach, and the young person through whom they reach them."""

    person_id: str
    young_person_id: str
    is_young_person: bool
    # Every case the caller opens that holds the person; `young_person_id` is the first.
    cases: tuple[str, ...] = ()
    # The data's revision when the check ran (service.readcache); None: no revision yet.
    revision: str | None = None
    # Whether the caller named `young_person_id` as the case they work through (`through`).
    named: bool = False

    @property
    def within(self) -> list[str]:
        """The cases a read through this reach shows: the one the caller named, or else every
        case of theirs that holds the person (a worker of two cases reads both)."""
        return [self.young_person_id] if self.named else list(self.cases)

    def through(self, case: str | None) -> Reach:
        """This reach through the case the caller names (a young person's id), first among its
        cases; NotFound when that is no case of theirs that holds the person, as for a case
        they do not open. None: as checked."""
        if case is None:
            return self
        if case not in self.cases:
            raise NotFound(NOT_REACHABLE)
        rest = tuple(c for c in self.cases if c != case)
        return replace(self, young_person_id=case, cases=(case, *rest), named=True)

    def one_case(self, what: str, loc: tuple[str, ...] = ("query", "young_person_id")) -> str:
        """The case a change that is one case's own (its notes, a flag raised under it, taking
        someone out of its network) is made under: the one case of the caller's that holds the
        person, or the one they name. Several and none named is a 422: it would go to whichever
        came first, where another case's workers may read or own it."""
        if len(self.cases) > 1 and not self.named:
            raise InvalidInput(
                f"Several of your cases hold this person: name the case {what} "
                "(young_person_id).",
                details=[{"loc": list(loc), "msg": "several of your cases hold this person"}],
            )  # fmt: skip
        return self.young_person_id


@dataclass(frozen=True, slots=True)
class CaseAccess:
    principal: Principal
    db: Db
    # "Today" in Europe/London, taken once for the request.
    today: date
    # Answers kept for reads of the same case while the data has not changed.
    kept: ReadCache

    @property
    def _caller(self) -> dict[str, str | None]:
        return {
            "user_id": self.principal.user_id,
            "role": self.principal.role.value,
            "team": self.principal.team,
            "today": self.today.isoformat(),
        }

    async def person(
        self,
        person_id: str,
        *,
        action: str,
        record_allowed: bool,
        resource: str | None = None,
        young: bool = False,
    ) -> Reach:
        """The caller's reach to `person_id` (`young`: to a young person's case), or NotFound;
        the decision is audited."""
        records = await run_once(
            self.db,
            "check_person_access",
            write=True,
            person_id=person_id,
            action=action,
            resource=resource or f"person:{person_id}",
            record_allowed=record_allowed,
            young=young,
            **self._caller,
        )
        via, revision = records[0]["via"], records[0]["revision"]
        self.kept.saw(revision)
        if via is None:
            raise NotFound(NOT_YOUNG if records[0]["refusal"] == "not a young person"
                           else NOT_REACHABLE)  # fmt: skip
        return Reach(
            person_id, via, bool(records[0]["is_young_person"]), tuple(records[0]["cases"]),
            revision,
        )  # fmt: skip

    async def young_person(
        self,
        young_person_id: str,
        *,
        action: str,
        record_allowed: bool,
        resource: str | None = None,
    ) -> Reach:
        """The caller's reach to a young person's case; audited as a look at `resource` (the
        young person's record unless said). Anyone else's id is refused by the check itself,
        on the trail as such (`NOT_YOUNG`)."""
        return await self.person(
            young_person_id,
            action=action,
            record_allowed=record_allowed,
            resource=resource or f"young_person:{young_person_id}",
            young=True,
        )

    async def case_of(
        self, young_person_id: str | None, *, missing: str, action: str, record_allowed: bool,
        resource: str,
    ) -> Reach:  # fmt: skip
        """The caller's reach to the young person a record (`resource`: a connection, an event)
        belongs to: the same 404, `missing`, when there is no such record and when the caller
        does not reach its case, each refusal audited."""
        if young_person_id is None:
            await self.no_such_record(action=action, resource=resource, missing=missing)
        try:
            return await self.young_person(
                young_person_id, action=action, record_allowed=record_allowed, resource=resource
            )
        except NotFound as exc:
            raise NotFound(missing) from exc

    async def no_such_record(self, *, action: str, resource: str, missing: str) -> NoReturn:
        """A look at a record (a connection, an event, a tie, a flag) that no one has: a 404 like
        any refusal, and on the audit trail like one, where the admin sees it (it concerns no
        case)."""
        await audit.record_refusal(self.db, principal=self.principal, action=action,
                                   resource=resource, reason="no such record")  # fmt: skip
        raise NotFound(missing)

    async def anothers(
        self, *, action: str, resource: str, case: str, reason: str, said: str
    ) -> NoReturn:
        """A change to a record of another case's (a flag raised under it, an order made through
        it), seen through a case of the caller's that shares its people: whether it still
        stands is for that case's workers. A 403 (`said`), on the trail of the case whose record
        it is, as a refused look is on the case it probed."""
        await audit.record(self.db, principal=self.principal, action=action, resource=resource,
                           outcome="refused", young_person_id=case, reason=reason)  # fmt: skip
        raise Forbidden(said)

    async def named(
        self,
        person_id: str,
        *,
        loc: tuple[str | int, ...],
        action: str,
        young: bool = False,
        case: str | None = None,
    ) -> Reach:
        """A person named in a request body; with `case`, they must be that young person's or
        in their network (a write under one case names only its people). Out of reach is a 422
        on that field, not a 404: the request is what is wrong. Changes are audited where they
        are made."""
        try:
            if young:
                reach = await self.young_person(person_id, action=action, record_allowed=False)
            else:
                reach = await self.person(person_id, action=action, record_allowed=False)
            if case is not None and case not in reach.cases:
                raise NotFound(NOT_REACHABLE)
            return reach
        except NotFound as exc:
            who = "young person" if young else "person"
            raise InvalidInput(
                f"No {who} with this id is within your allocations.",
                details=[{"loc": ["body", *loc], "msg": "not within your allocations"}],
            ) from exc

    async def person_through(
        self, person_id: str, *, action: str, read: bool, case: str | None,
        resource: str | None = None,
    ) -> Reach:  # fmt: skip
        """The caller's reach to `person_id` through the case they name (`case`, None: every
        case of theirs that holds the person); a read is audited here, a change by the
        transaction that makes it. A read through a named case is recorded under it; naming a
        case that is not one of the caller's holding the person is refused as a person out of
        reach is, and recorded under the case named (the case probed, if there is one)."""
        if case is None:
            return await self.person(person_id, action=action, record_allowed=read,
                                     resource=resource)  # fmt: skip
        reach = await self.person(person_id, action=action, record_allowed=False,
                                  resource=resource)  # fmt: skip
        if case not in reach.cases:
            await audit.record_probe(
                self.db, principal=self.principal, action=action,
                resource=resource or f"person:{person_id}", case=case, people=[person_id],
                reason="the case named does not hold the person",
            )  # fmt: skip
        elif read:
            await audit.record(
                self.db, principal=self.principal, action=action,
                resource=resource or f"person:{person_id}", outcome="allowed",
                young_person_id=case,
            )  # fmt: skip
        return reach.through(case)

    async def read_person(
        self,
        person_id: str,
        *,
        action: str,
        fetch: Callable[[list[str]], Awaitable[T]],
        young: bool = False,
        key: Hashable | None = None,
        keep_as: Callable[[T], T] | None = None,
        case: str | None = None,
    ) -> T:
        """`fetch(cases)` the person's data through the cases the caller opens that hold them,
        once the guard has allowed it (`young`: only if the person is a young person the caller
        reaches). `fetch` must only read.

        The check comes first, and nothing else is done for a caller it refuses: a refusal
        takes the same time whether or not the person exists, and whether or not anything is
        kept for them (reads started alongside the check and discarded on a refusal made a
        refusal of a child whose answer was kept 2 ms quicker, and killed pooled connections).

        With a `key` (what the answer depends on besides the data and the cases), an answer
        kept for the same key, the same cases and the revision the check sees is given again
        instead (service.readcache); one worked out is kept under that revision (it was read
        after the check, so it is no older), as `keep_as` makes it, if given (what is worth
        keeping of it)."""
        if young:
            reach = await self.young_person(person_id, action=action, record_allowed=True)
        else:
            reach = await self.person_through(person_id, action=action, read=True, case=case)
        if key is None:
            return await fetch(reach.within)
        kept = self.kept_for(reach, key)
        if kept is not None:
            return cast(T, kept)
        found = await fetch(reach.within)
        self.keep_for(reach, key, keep_as(found) if keep_as else found)
        return found

    def kept_for(self, reach: Reach, key: Hashable) -> object | None:
        """The answer kept under `key` (as `read_person` keeps it) for the cases read through
        (`Reach.within`) and the revision this check saw, if any."""
        hit = self.kept.get(reach.revision, key)
        if hit is None:
            return None
        cases, answer = hit
        return cast(object, answer) if cases == tuple(reach.within) else None

    def keep_for(self, reach: Reach, key: Hashable, found: object) -> None:
        """Keep an answer read after this check, as `read_person` keeps one."""
        self.kept.put(reach.revision, key, (tuple(reach.within), found))

    async def young_people(self, *, action: str) -> list[str]:
        """The ids of the young people the caller reaches today, to read their records: each
        look is recorded in the audit trail under its young person, before anything is read."""
        records = await run_once(
            self.db, "open_reachable_young_people", write=True, action=action, **self._caller
        )
        return [r["id"] for r in records]

    async def people_holding(
        self, *, value: str, system: str | None, action: str
    ) -> list[tuple[str, str, tuple[str, ...]]]:
        """The people within the caller's cases who hold an external id (at most 50), each
        with the case (young person) it is opened through and every case of the caller's that
        holds them: each look is recorded under those cases, before anything is read. Other
        cases are not searched: nothing about them is written or told, not even by the time the
        answer takes."""
        records = await run_once(
            self.db, "open_people_by_external_id", write=True, action=action, value=value,
            system=system, **self._caller,
        )  # fmt: skip
        return [(r["id"], r["via"], tuple(r["open"])) for r in records]


async def case_access(
    request: Request,
    principal: PrincipalDep,
    db: DbDep,
) -> CaseAccess:
    if principal.role not in CASE_ROLES:
        await audit.record(
            db, principal=principal, action=_action(request), resource=request.url.path,
            outcome="refused", reason=f"role {principal.role.value} does not read case data",
        )  # fmt: skip
        raise Forbidden(f"The {principal.role.value} role does not read case data.")
    set_viewer(principal.role)
    today = london_today(request.app.state.clock())
    return CaseAccess(principal, db, today, request.app.state.read_cache)


CaseDep = Annotated[CaseAccess, Depends(case_access)]


def case_roles(*roles: Role) -> Callable[..., Awaitable[CaseAccess]]:
    """Case access for some case roles only; a refusal is a 403, audited."""

    async def guard(request: Request, access: CaseDep) -> CaseAccess:
        if access.principal.role not in roles:
            await audit.record(
                access.db, principal=access.principal, action=_action(request),
                resource=request.url.path, outcome="refused",
                reason=f"role {access.principal.role.value} may not {_action(request)}",
            )  # fmt: skip
            names = " or ".join(r.value.replace("_", " ") for r in roles)
            raise Forbidden(f"Only a {names} may do this.")
        return access

    return guard


# Opening records and allocating workers.
ManagerCaseDep = Annotated[CaseAccess, Depends(case_roles(Role.manager))]
# Safety flags: raised and changed by those who decide on contact.
DeciderCaseDep = Annotated[CaseAccess, Depends(case_roles(Role.social_worker, Role.manager))]


def _action(request: Request) -> str:
    """The audited action: the route's endpoint name, such as `read_relatives`."""
    route = request.scope.get("route")
    return str(getattr(route, "name", None) or request.url.path)


def _is_read(request: Request) -> bool:
    return request.method in {"GET", "HEAD"}


PathId = Annotated[str, Path(min_length=1, max_length=100)]


# The case a caller works through when several of theirs hold a person (siblings in two cases
# share their mother): its own notes are read and written, its people alone are read, and it is
# the one changed.
CaseQuery = Annotated[
    str | None,
    Query(
        alias="young_person_id", min_length=1, max_length=100,
        description="The case to work through (a young person's id) when several of yours "
        "hold the person: the notes read and written are its own, a flag is raised under it, "
        "someone is taken out of its network. Needed for those when several do.",
    ),
]  # fmt: skip


async def person_in_reach(
    person_id: PathId, request: Request, access: CaseDep, case: CaseQuery = None
) -> Reach:
    """The `{person_id}` of the path, reached by the caller through the case they name, if
    they name one (`CaseAccess.person_through`)."""
    return await access.person_through(
        person_id, action=_action(request), read=_is_read(request), case=case
    )


async def young_person_in_reach(
    young_person_id: PathId, request: Request, access: CaseDep
) -> Reach:
    return await access.young_person(
        young_person_id, action=_action(request), record_allowed=_is_read(request)
    )


PersonReach = Annotated[Reach, Depends(person_in_reach)]
YoungPersonReach = Annotated[Reach, Depends(young_person_in_reach)]
