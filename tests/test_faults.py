"""Faults on real components: the database stopped under load, an import killed half-way, and
a backup and restore round trip with neo4j-admin.

The tests own one throwaway Neo4j (the local Maven-provisioned server) since they stop it,
kill what talks to it and reload its store; the API runs under uvicorn in its own process,
as in production (bench/health.py's start_api), except in the backup test, which only needs
the service's answers before and after.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import secrets
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase

from bench.health import Api, Database, start_api
from bench.load import Case, Load, Sample, case_paths, import_gedcom
from bench.load import open_case as open_api_case
from bench.relatives import generate
from service.app import create_app
from service.gedcom import GedcomTree, write_gedcom
from service.localdb import LocalNeo4j, throwaway
from service.localdb.admin import dump, load
from service.queries import load_queries
from service.settings import Settings
from tests.cases import ADMIN_TOKEN, Family, add_user, allocate, ok, open_case
from tests.conftest import REPO, SHORT_LIVED, Target, cache_dir, settings_for

# Slow (stops, kills and freezes Neo4j, restores backups): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def own_server() -> Iterator[LocalNeo4j]:
    with throwaway(cache_dir(), jvm=SHORT_LIVED) as server:
        yield server


def database_of(server: LocalNeo4j) -> Database:
    user, password = server.auth
    return Database(server.uri, user, password, None)


# --- a. the database stopped under load -----------------------------------------------------

CLIENTS = 12
STEADY_S = 2.0  # load measured before the stop: every answer in it must be a 200
# The service's own default (LL_READ_DEADLINE), passed to the API explicitly so that a
# developer's environment or .env cannot change what is tested.
DEADLINE_S: float = Settings.model_fields["read_deadline"].default
# Every 503 answers within this: the deadline, and 0.5 s for a crowded machine.
FAST_503_S = DEADLINE_S + 0.5
NO_HANG_S = DEADLINE_S + 2.0  # no request of any kind takes longer
# How long Neo4j stays stopped, killed or frozen under the load. A stopped or killed Neo4j
# refuses connections, so the 503s come at once (over a hundred in 2 s from the 12 clients); a
# frozen one answers nothing and is seen as an outage only past the deadline.
OUTAGE_S = {"term": 2.0, "kill": 2.0, "hang": DEADLINE_S + 1.0}
# After Neo4j answers Bolt again, the same API process answers 200 again within RECOVERY_S,
# 200s only for SETTLED_S. Why it takes seconds: a started Neo4j has no query plans and plans
# on a cold JVM. EXPLAIN of the relatives query of the time (now
# bench/baseline/find_relatives_paths.cypher) took 4.4 s on a fresh throwaway
# server here, 1.0-1.3 s once the JVM was warm; get_network, find_lapsed and
# check_person_access 0.4-1.2 s each, and /graph needs three of them. A read cut off by the
# deadline leaves no plan behind (that query cancelled after 1 s on a fresh server took
# 3.3 s to plan again 8 s later, 0.02 s once cached). So the service plans its busy reads
# again, uncut, in the background after a read is cut off by the deadline. Three runs on an
# idle machine: first 200 9.6-14.2 s after Bolt answered, settled 13.3-18.8 s (SIGTERM and
# SIGKILL alike); before that background planning, on a machine loaded by another test run,
# five runs gave 11.3-18.5 s and 13.8-22.4 s. The bound is about twice the slowest seen. A
# frozen Neo4j keeps its plans: first 200 0.5-1.3 s after it is thawed.
RECOVERY_S = 45.0
SETTLED_S = 2.0
# Each client pauses THINK_S after every answer, 200 or 503: 12 busy users rather than a
# benchmark. Without it the 12 clients saturate the two cores that they, the API and Neo4j
# share, answers take seconds before anything fails, and the deadline's 503s under overload
# could not be told from those of the outage.
THINK_S = 0.2
WAIT_S = 60.0  # how long the test waits for recovery, to report it even when it is late
OUTAGE_PEOPLE = 200  # the family tree of the case under load
OUTAGE_ROUTES = ("/people/{yp}/relatives", "/young-people/{yp}/graph")


@dataclass(frozen=True)
class Served:
    """The API under uvicorn against the module's Neo4j, with one case holding a family."""

    api: Api
    case: Case


@pytest.fixture(scope="module")
def served(own_server: LocalNeo4j) -> Iterator[Served]:
    with ExitStack() as stack:
        api = start_api(stack, database_of(own_server), LL_ADMIN_TOKEN=ADMIN_TOKEN,
                        LL_READ_DEADLINE=str(DEADLINE_S))  # fmt: skip
        case = open_api_case(api.url, ADMIN_TOKEN, label="outage")
        tree, xref = generate(OUTAGE_PEOPLE, seed=3)
        import_gedcom(api.url, case, write_gedcom(tree).encode(), xref, source="outage")
        yield Served(api, case)


def warm(api: Api, case: Case, within: float = 120.0) -> None:
    """Each outage route answered 200 three times: Neo4j has planned the queries (a fresh server
    takes seconds to plan the relatives query) and the driver's pool is open."""
    deadline = time.monotonic() + within
    with httpx.Client(base_url=api.url, headers=case.headers, timeout=within) as http:
        for _, path in case_paths(case.young_person_id, OUTAGE_ROUTES):
            answered = 0
            while answered < 3:
                status = http.get(path).status_code
                answered += status == 200
                assert status in (200, 503), (path, status)
                assert time.monotonic() < deadline, f"{path} not answering 200 in {within} s"


@dataclass
class Outage:
    samples: list[Sample]  # sent from STEADY_S before the stop until the end
    stop_at: float  # the stop began
    stopped_at: float  # the server's process has exited (or is frozen)
    start_at: float  # server.start() called (or SIGCONT sent)
    up_at: float  # Bolt answers again (or thawed)
    settled_at: float | None  # SETTLED_S of 200s only, after up_at

    def phase(self, sample: Sample) -> str:
        """When a request was sent, relative to the outage."""
        for name, until in (("before", self.stop_at), ("stopping", self.stopped_at),
                            ("down", self.start_at), ("starting", self.up_at)):  # fmt: skip
            if sample.started < until:
                return name
        return "after"

    def describe(self, samples: list[Sample], most: int = 4) -> str:
        return "; ".join(
            f"{s.route.split('/')[-1]} {s.status or ''} {s.code or s.error or ''} sent "
            f"{s.started - self.stop_at:+.1f} s from the stop ({self.phase(s)}), took "
            f"{s.took:.1f} s"
            for s in sorted(samples, key=lambda s: s.started)[:most]
        )


def stop(server: LocalNeo4j, how: str) -> None:
    pid = server.running_pid()
    assert pid is not None
    if how == "hang":  # Neo4j freezes (a stalled disk, a full GC): sockets open, no answer
        os.kill(pid, signal.SIGSTOP)
        return
    if how == "kill":  # the machine or the JVM dies: connections reset, nothing drains
        os.kill(pid, signal.SIGKILL)
    # SIGTERM: Neo4j shuts down, failing the transactions in flight (after SIGKILL: reaped)
    server.stop()


def resume(server: LocalNeo4j, how: str) -> None:
    """Neo4j back: a new server process on the same store, answering Bolt; or thawed."""
    if how == "hang":
        pid = server.running_pid()
        assert pid is not None
        os.kill(pid, signal.SIGCONT)
        return
    server.start()


async def outage(served: Served, server: LocalNeo4j, how: str) -> Outage:
    paths = case_paths(served.case.young_person_id, OUTAGE_ROUTES)
    load = Load(served.api.url, served.case.headers, paths, CLIENTS, timeout=3 * NO_HANG_S,
                pause=THINK_S, pause_after_error=THINK_S)  # fmt: skip
    task = asyncio.create_task(load.run())
    # Steady first: the last answers all 200s, well within the deadline. Just after the warm-up
    # the first rounds of 12 clients can take seconds (Neo4j compiling its new plans).
    t0 = time.monotonic()
    while not task.done():
        recent = load.samples[-2 * CLIENTS :]
        if len(recent) == 2 * CLIENTS and all(
            s.status == 200 and s.took <= DEADLINE_S / 2 for s in recent
        ):
            break
        last = [(s.status, round(s.took, 1)) for s in recent]
        assert time.monotonic() - t0 < WAIT_S, f"the load is not steady (last answers: {last})"
        await asyncio.sleep(0.1)
    measured_from = time.monotonic()
    await asyncio.sleep(STEADY_S)
    stop_at = time.monotonic()
    try:
        await asyncio.to_thread(stop, server, how)
        stopped_at = time.monotonic()
        await asyncio.sleep(OUTAGE_S[how])
    finally:
        start_at = time.monotonic()
        await asyncio.to_thread(resume, server, how)
    up_at = time.monotonic()
    settled_at = None
    while time.monotonic() - up_at < WAIT_S and not task.done():
        await asyncio.sleep(0.25)
        now = time.monotonic()
        recent = [s for s in load.samples if s.started >= max(up_at, now - SETTLED_S)]
        if (
            now - up_at >= SETTLED_S
            and len(recent) >= CLIENTS
            and all(s.status == 200 for s in recent)
        ):
            settled_at = now
            break
    load.stop.set()
    await task
    samples = [s for s in load.samples if s.started >= measured_from]
    return Outage(samples, stop_at, stopped_at, start_at, up_at, settled_at)


def slowest(samples: list[Sample]) -> str:
    return f"{max((s.took for s in samples), default=0) * 1000:.0f} ms"


@pytest.mark.parametrize("how", ["term", "kill", "hang"])
def test_database_stopped_under_load(served: Served, own_server: LocalNeo4j, how: str) -> None:
    """12 clients read a case through the API while Neo4j is stopped (SIGTERM), killed (SIGKILL)
    or frozen (SIGSTOP) for OUTAGE_S[how], then started again (thawed). Every answer is a 200 or a
    503 `database_unavailable` with Retry-After; no 503 takes longer than FAST_503_S, nothing
    longer than NO_HANG_S; and the same API process answers 200 again by itself."""
    warm(served.api, served.case)
    found = asyncio.run(outage(served, own_server, how))
    samples = found.samples
    unavailable = [s for s in samples if s.status == 503]
    first_200 = min(
        (s.started + s.took for s in samples if s.status == 200 and s.started >= found.up_at),
        default=None,
    )
    by_phase = Counter(f"{found.phase(s)} {s.status or 'error'}" for s in samples)
    cut = [s for s in unavailable if s.took >= DEADLINE_S]
    before = [s for s in samples if s.started + s.took < found.stop_at]
    ok_200 = [s for s in samples if s.status == 200]

    def since_up(at: float | None) -> str:
        return "never" if at is None else f"{at - found.up_at:.1f} s"

    timing = (
        f"{how}: {len(before)} answers in {STEADY_S:.0f} s before the stop (slowest "
        f"{slowest(before)}); {len(samples)} requests in all, {len(unavailable)} answered 503 "
        f"({len(cut)} at the deadline, slowest {slowest(unavailable)}), slowest 200 "
        f"{slowest(ok_200)}, slowest of any kind {slowest(samples)}; the stop took "
        f"{found.stopped_at - found.stop_at:.1f} s, Bolt answered "
        f"{found.up_at - found.start_at:.1f} s after the start; then first 200 "
        f"{since_up(first_200)}, settled "
        f"{since_up(found.settled_at)}; {dict(sorted(by_phase.items()))}"
    )
    print(f"\noutage {timing}")

    assert before, f"no answer before the stop; {timing}"
    failed = [s for s in before if s.status != 200]
    assert not failed, f"failures before the stop: {found.describe(failed)}; {timing}"
    unexpected = [s for s in samples if s.status not in (200, 503)]
    assert not unexpected, f"answers other than 200 and 503: {found.describe(unexpected)}; {timing}"
    while_down = [s for s in unavailable if found.phase(s) in ("stopping", "down", "starting")]
    assert while_down, f"no 503 while Neo4j was down: the outage was not seen; {timing}"
    unlabelled = [
        s for s in unavailable if s.code != "database_unavailable" or s.retry_after is None
    ]
    assert not unlabelled, f"503s without code or Retry-After: {found.describe(unlabelled)}"
    slow = [s for s in unavailable if s.took > FAST_503_S]
    assert not slow, f"503s slower than {FAST_503_S} s: {found.describe(slow)}; {timing}"
    hung = [s for s in samples if s.took > NO_HANG_S]
    assert not hung, f"requests longer than {NO_HANG_S} s: {found.describe(hung)}; {timing}"
    assert found.settled_at is not None, f"no recovery within {WAIT_S:.0f} s; {timing}"
    assert found.settled_at - found.up_at <= RECOVERY_S, timing


# --- b. an import killed half-way -------------------------------------------------------------

# A tree large enough that its import is still writing ties when the test sees it (polling
# every 20 ms) and kills the API, yet imports in full well within FULL_IMPORT_S on this machine
# (7-10 s; ties reached 5-7 s after sending).
KILLED_PEOPLE = 12000
KNOWN_PEOPLE = 500  # a family the case holds before the killed import
FULL_IMPORT_S = 90.0
_IMPORTS = load_queries(REPO / "cypher")
# The statements of an import as Neo4j shows them among its transactions (the text sent).
LINKS_STATEMENT = _IMPORTS["merge_gedcom_links"]
PEOPLE_STATEMENT = _IMPORTS["merge_gedcom_people"]


def large_tree(people: int, seed: int) -> tuple[GedcomTree, str]:
    """bench/relatives.generate's tree, born a century earlier: past 2,000 people its youngest
    generation would be born in the future, which the import refuses."""
    tree, xref = generate(people, seed)
    earlier = tuple(
        replace(p, birth_date=str(int(p.birth_date) - 100) if p.birth_date else None)
        for p in tree.people
    )
    return GedcomTree(earlier, tree.families), xref


def import_statements(driver: Driver) -> list[str]:
    """The import statements running in Neo4j now."""
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery AS q"
    )
    found = []
    for record in records:
        query = record["q"] or ""
        if "SHOW TRANSACTIONS" in query:
            continue
        if query.strip() == LINKS_STATEMENT:
            found.append("links")
        elif query.strip() == PEOPLE_STATEMENT:
            found.append("people")
    return found


def running_statements(driver: Driver) -> list[tuple[str, str, float]]:
    """(transaction id, first line of the statement, seconds) of what Neo4j is running."""
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery, elapsedTime "
        "WHERE NOT currentQuery STARTS WITH 'SHOW' "
        "RETURN transactionId AS id, currentQuery AS q, elapsedTime.seconds AS s"
    )
    return [(r["id"], (r["q"] or "").split("\n")[0], r["s"]) for r in records]


def counts(driver: Driver, system: str) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
        "CALL () { MATCH (p:Person) RETURN count(p) AS people } "
        "CALL () { MATCH (e:ExternalId {system: $system}) RETURN count(e) AS external_ids } "
        "RETURN nodes, relationships, people, external_ids",
        system=system,
    )
    return dict(records[0])


# --- c. backup and restore with neo4j-admin dump and load -----------------------------------


def fingerprint(driver: Driver) -> dict[str, Any]:
    """Everything in the database, order-free: counts per label set and relationship type, a
    hash of every node (labels and properties) and of every relationship (type, properties and
    both ends' content), and the schema."""

    def canonical(value: Any) -> str:
        return json.dumps(value, sort_keys=True, default=str)

    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
    )
    content = {r["id"]: canonical([sorted(r["labels"]), r["props"]]) for r in nodes}
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type, "
        "properties(r) AS props"
    )
    schema, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
        "RETURN collect([name, type, labelsOrTypes, properties]) AS c"
    )
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state "
        "RETURN collect([name, type, labelsOrTypes, properties, state]) AS i"
    )

    def digest(lines: list[str]) -> str:
        return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]

    return {
        "labels": dict(Counter(":".join(sorted(r["labels"])) for r in nodes)),
        "types": dict(Counter(r["type"] for r in rels)),
        "nodes": digest(list(content.values())),
        "relationships": digest(
            [canonical([r["type"], r["props"], content[r["a"]], content[r["b"]]]) for r in rels]
        ),
        "constraints": sorted(map(canonical, schema[0]["c"])),
        "indexes": sorted(map(canonical, indexes[0]["i"])),
    }


def build_case(client: TestClient) -> tuple[Family, dict[str, str]]:
    """A young person with a family, ties, a flag, a connection with contacts and a commitment,
    an address and an imported tree, all through the API."""
    run = secrets.token_hex(3)
    manager = add_user(client, f"backup.manager.{run}", "manager")
    coordinator = add_user(client, f"backup.coordinator.{run}", "coordinator")
    social_worker = add_user(client, f"backup.social.{run}", "social_worker")
    young_person = open_case(client, manager, given_name="Backup")
    allocate(client, manager, young_person, coordinator)
    allocate(client, manager, young_person, social_worker)
    family = Family(client, coordinator.headers, young_person)
    family.people(mum="female", dad="male", gran="female", uncle="male", sister="female")
    family.person("teacher", "female", birth_date="1980-04-02")
    family.child("mum", "me", "sister")
    family.child("dad", "me", "sister")
    family.child("gran", "mum", "uncle")
    family.partners("mum", "dad", since="2005")
    family.link("trusted_adult", "teacher", "me", role="teacher", strength="strong", since="2019")
    ok(
        client.post(
            f"/people/{family.ids['uncle']}/flags",
            headers=social_worker.headers,
            json={
                "kind": "person_posing_risk_to_children",
                "level": 2,
                "source": "Police disclosure",
                "details": "Backup test",
            },
        ),
        201,
    )
    ok(
        client.post(
            f"/people/{family.ids['gran']}/addresses",
            headers=coordinator.headers,
            json={"line1": "1 Back Lane", "town": "Leeds", "postcode": "LS1 1AA"},
        ),
        204,
    )
    connection = ok(
        client.post(
            f"/young-people/{young_person}/connections",
            headers=coordinator.headers,
            json={"person_id": family.ids["gran"], "stage": "located"},
        ),
        201,
    )
    cid = connection["id"]
    # Approved and agreed: a commitment is made only then (`check_commitment`).
    for stage, who in (("awaiting_safety_check", coordinator), ("approved", social_worker),
                       ("young_person_agreed", coordinator)):  # fmt: skip
        ok(client.post(f"/connections/{cid}/stage", headers=who.headers,
                       json={"stage": stage}))  # fmt: skip
    for on, mode in (("2026-01-10", "call"), ("2026-02-14", "letter_or_card")):
        ok(
            client.post(
                f"/connections/{cid}/contacts",
                headers=coordinator.headers,
                json={"on": on, "mode": mode, "note": "Backup contact"},
            ),
            201,
        )
    ok(
        client.post(
            f"/connections/{cid}/commitments",
            headers=coordinator.headers,
            json={"what": "A call every fortnight", "every_days": 14},
        ),
        201,
    )
    tree, _ = generate(40, seed=9)
    ok(
        client.post(
            "/imports/gedcom",
            headers=coordinator.headers,
            files={"file": ("backup.ged", write_gedcom(tree).encode(), "text/x-gedcom")},
            data={"young_person_id": young_person, "source": "backup"},
        ),
        201,
    )
    return family, coordinator.headers


def test_backup_and_restore_round_trip(own_server: LocalNeo4j, tmp_path: Path) -> None:
    """neo4j-admin dump of the stopped database, the database folder removed, neo4j-admin load
    and a start: the same nodes, relationships, properties and schema, and the same answers."""
    user, password = own_server.auth
    target = Target(uri=own_server.uri, user=user, password=password, kind="local")
    settings = settings_for(target, admin_token=ADMIN_TOKEN)
    with TestClient(create_app(settings)) as client:
        family, headers = build_case(client)
        relatives = family.relatives()
        ids = dict(family.ids)
    with GraphDatabase.driver(own_server.uri, auth=own_server.auth) as driver:
        before = fingerprint(driver)
    for label in ("Flag", "Contact", "Commitment", "ExternalId", "AuditEvent", "ApiToken"):
        assert any(label in key.split(":") for key in before["labels"]), (label, before)

    own_server.stop()
    t0 = time.monotonic()
    dumped = dump(own_server, tmp_path / "backup")
    took_dump = time.monotonic() - t0
    store = own_server.home / "data" / "databases" / "neo4j"
    log = own_server.home / "data" / "transactions" / "neo4j"
    shutil.rmtree(store)
    shutil.rmtree(log)
    t0 = time.monotonic()
    load(own_server, tmp_path / "backup")
    took_load = time.monotonic() - t0
    assert store.is_dir()
    own_server.start()
    with GraphDatabase.driver(own_server.uri, auth=own_server.auth) as driver:
        after = fingerprint(driver)
    summary = (
        f"dump {dumped.stat().st_size / 1e6:.1f} MB in {took_dump:.1f} s, load {took_load:.1f} s; "
        f"{sum(before['labels'].values())} nodes, {sum(before['types'].values())} relationships"
    )
    print(f"\nbackup: {summary}")
    assert after == before, f"the restored database differs; {summary}"

    # The service reads the restored database as before: the same token, the same relatives.
    # The restored Neo4j plans on a cold JVM first, so its first reads may pass the deadline and
    # answer 503, as after any restart (see RECOVERY_S); a client tries again, and so does this.
    with TestClient(create_app(settings)) as client:
        path = f"/people/{ids['me']}/relatives"
        t0, unavailable = time.monotonic(), 0
        while (response := client.get(path, headers=headers)).status_code == 503:
            assert response.json()["error"]["code"] == "database_unavailable", response.text
            assert time.monotonic() - t0 < RECOVERY_S, f"503 for {RECOVERY_S:.0f} s"
            unavailable += 1
            time.sleep(0.5)
        again = ok(response)
    print(f"restored: relatives answered after {unavailable} 503s, {time.monotonic() - t0:.1f} s")
    assert again == relatives


# The killed import runs after the round trip, on the database the outages left: the round trip
# then copies about 1,100 nodes (every label the service writes, checked above) rather than the
# 26,000 the two imports of 12,000 people add; it checks the same dump, load and answers, and
# the module takes about 9 s less.
def test_import_killed_half_way_leaves_nothing(own_server: LocalNeo4j) -> None:
    """The API process is killed (-9) while a large GEDCOM import is writing; the database then
    holds nothing of that file, and a new API process imports the same file completely (taking
    longer than LL_READ_DEADLINE: writes are not cut short)."""
    tree, xref = large_tree(KILLED_PEOPLE, seed=5)
    data = write_gedcom(tree).encode()
    source = "killed"
    system = f"gedcom:{source}"
    with ExitStack() as stack:
        driver = stack.enter_context(GraphDatabase.driver(own_server.uri, auth=own_server.auth))
        db = database_of(own_server)
        first = start_api(stack, db, LL_ADMIN_TOKEN=ADMIN_TOKEN)
        case = open_api_case(first.url, ADMIN_TOKEN, label="killed")
        # The case already holds a family: the kill must leave a database with data in it as
        # it was (and on a nearly empty database Neo4j once planned the import's birth-parent
        # check as an index scan per id, which made a first large import take minutes).
        known, _ = generate(KNOWN_PEOPLE, seed=6)
        import_gedcom(first.url, case, write_gedcom(known).encode(), None, source="known")
        before = counts(driver, system)

        outcome: list[BaseException | dict[str, Any]] = []

        def send() -> None:
            try:
                outcome.append(import_gedcom(first.url, case, data, xref, source=source))
            except BaseException as exc:  # the connection drops when the API dies
                outcome.append(exc)

        sender = threading.Thread(target=send)
        t0 = time.monotonic()
        sender.start()
        seen: set[str] = set()
        while "links" not in seen:  # every person written in the transaction, ties under way
            assert not outcome, f"the import ended before it was caught: {outcome}"
            assert time.monotonic() - t0 < 120, f"no import statement seen in 120 s ({seen})"
            seen.update(import_statements(driver))
            time.sleep(0.02)
        caught = time.monotonic() - t0
        os.kill(first.pid, signal.SIGKILL)
        first.proc.wait()
        sender.join(timeout=30)
        assert outcome, "the import request did not end when the API died"
        assert isinstance(outcome[0], BaseException), f"the import finished: {outcome[0]}"
        t1 = time.monotonic()
        while import_statements(driver):  # Neo4j notices the closed connection and rolls back
            assert time.monotonic() - t1 < 60, "the killed import's transaction is still open"
            time.sleep(0.05)
        rolled_back = time.monotonic() - t1
        after = counts(driver, system)
        timing = (
            f"{len(tree.people)} people: ties being written {caught:.1f} s after sending, "
            f"killed then; transaction gone {rolled_back:.2f} s later; before {before}, "
            f"after the kill {after}"
        )
        assert after == before, f"the killed import left something behind; {timing}"

        second = start_api(stack, db, LL_ADMIN_TOKEN=ADMIN_TOKEN)
        t2 = time.monotonic()
        try:
            result = import_gedcom(
                second.url, case, data, xref, source=source, timeout=FULL_IMPORT_S
            )
        except httpx.TimeoutException:
            running = running_statements(driver)
            driver.execute_query("TERMINATE TRANSACTIONS $ids", ids=[i for i, _, _ in running])
            pytest.fail(
                f"the complete import did not finish within {FULL_IMPORT_S:.0f} s; Neo4j was "
                f"running {[(q, s) for _, q, s in running]}; {timing}"
            )
        took = time.monotonic() - t2
        complete = counts(driver, system)
    print(f"\nkilled import: {timing}; then imported in full in {took:.1f} s: {result}")
    assert result["people_in_file"] == len(tree.people)
    # The young person is one of the file's people: they are tied to their xref, not created.
    assert result["people_created"] == len(tree.people) - 1, result
    assert complete["external_ids"] == len(tree.people), complete
    assert complete["people"] == before["people"] + len(tree.people) - 1, complete
