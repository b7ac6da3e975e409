"""Accounts and what they open: a token issued while its user is disabled, and what the audit
trail says of changes that give or take away access. Against a real Neo4j."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from service.queries import load_queries
from tests.cases import BOOT, add_user, allocate, ok, open_case
from tests.conftest import REPO

UPDATE_USER = load_queries(REPO / "cypher")["update_user"]


def test_a_token_issued_while_its_user_is_disabled_is_revoked_with_the_others(
    api: TestClient, db: Driver
) -> None:
    """A second reader: issuing read the user as enabled before the disabling committed, so the
    token escaped its revocation, and signed in again once the user was enabled."""
    worker = add_user(api, "sw.race", "social_worker")
    issued: dict[str, Any] = {}

    def issue() -> None:
        issued["answer"] = api.post(f"/users/{worker.user_id}/tokens", headers=BOOT, json={})

    with db.session() as session:
        tx = session.begin_transaction()
        # The disabling, as PATCH /users/{id} {"disabled": true} runs it, not yet committed.
        done = tx.run(UPDATE_USER, id=worker.user_id, changes={"disabled": True}).single()
        assert done is not None
        assert done["revoked"] == 1
        thread = threading.Thread(target=issue)
        thread.start()
        time.sleep(1.5)  # the issue is under way, waiting on the user
        tx.commit()
    thread.join(30)
    # The issue waited for the disabling, and saw it: no token for a disabled user.
    answer = issued["answer"]
    assert answer.status_code in (404, 409, 422), answer.text
    ok(api.patch(f"/users/{worker.user_id}", headers=BOOT, json={"disabled": False}))
    assert api.get("/me", headers=worker.headers).status_code == 401
    usable = [t for t in ok(api.get(f"/users/{worker.user_id}/tokens", headers=BOOT))["data"]
              if t["revoked_at"] is None]  # fmt: skip
    assert usable == []


def _trail(api: TestClient, *prefixes: str) -> list[tuple[str, str | None]]:
    events = ok(api.get("/audit", headers=BOOT, params={"limit": 500}))["data"]
    return [(e["action"], e["reason"]) for e in reversed(events)
            if e["action"].startswith(prefixes)]  # fmt: skip


def test_the_trail_says_whom_a_case_was_opened_to_and_how_a_user_changed(api: TestClient) -> None:
    """A second reader: `allocation.create` named no worker and no dates, every change of an
    allocation read `allocation.end` (moving its last day a year on gave the case back), and
    `changed: role` told a promotion to admin from a demotion."""
    manager = add_user(api, "mgr.n", "manager", "north")
    worker = add_user(api, "sw.n", "social_worker", "north")
    young_person = open_case(api, manager)
    allocation = allocate(api, manager, young_person, worker, days_ago=30)
    path = f"/young-people/{young_person}/allocations/{allocation}"
    began = (date.today() - timedelta(days=30)).isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    later = (date.today() + timedelta(days=365)).isoformat()
    ok(api.patch(path, headers=manager.headers, json={"until": yesterday}))
    assert api.get(f"/young-people/{young_person}", headers=worker.headers).status_code == 404
    ok(api.patch(path, headers=manager.headers, json={"until": later}))
    assert api.get(f"/young-people/{young_person}", headers=worker.headers).status_code == 200
    who = f"user:{worker.user_id}"
    assert _trail(api, "allocation.") == [
        ("allocation.create", f"{who} from {began} until open"),
        ("allocation.end", f"{who} until open -> {yesterday}"),
        ("allocation.extend", f"{who} until {yesterday} -> {later}"),
    ]
    ok(api.patch(f"/users/{manager.user_id}", headers=BOOT, json={"role": "admin"}))
    ok(api.patch(f"/users/{worker.user_id}", headers=BOOT,
                 json={"disabled": True, "job_title": "Senior"}))  # fmt: skip
    told = _trail(api, "user.")
    assert ("user.create", "role manager, team north") in told
    assert told[-2:] == [
        ("user.update", "changed: role manager -> admin"),
        ("user.update", "changed: disabled false -> true, job_title; "
                        "1 API token revoked on disabling"),
    ]  # fmt: skip
