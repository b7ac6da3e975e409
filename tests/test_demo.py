"""The demo case loads with the API when LL_DEMO_DATA is on, once however often it starts, and the
relatives endpoint names every relative planted in it as the case's own oracle says."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from neo4j import Driver

from seed.demo import DEMO_USERS, EXTRA_PEOPLE, relationships
from seed.demo_case import EXPECTED, GAPS, PEOPLE, YOUNG_PERSON_ID
from service.app import create_app
from service.users_cli import main as users_cli
from tests.cases import page_data
from tests.conftest import Target, settings_for


def counts(db: Driver) -> tuple[int, int, int, int]:
    record = db.execute_query(
        "MATCH (p:Person) WITH count(p) AS people "
        "OPTIONAL MATCH (:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]->(:Person) "
        "WITH people, count(r) AS links "
        "OPTIONAL MATCH (y:YoungPerson) WITH people, links, count(y) AS young "
        "OPTIONAL MATCH (u:User) RETURN people, links, young, count(u) AS users"
    ).records[0]
    return record["people"], record["links"], record["young"], record["users"]


def test_demo_loads_once(db: Driver, neo4j_target: Target) -> None:
    settings = settings_for(neo4j_target, demo_data=True)
    for _ in range(2):
        with TestClient(create_app(settings)) as client:
            assert client.get("/health").status_code == 200
        assert counts(db) == (
            len(PEOPLE) + len(EXTRA_PEOPLE),
            len(relationships()),
            1,
            len(DEMO_USERS),
        )


def test_demo_is_off_by_default(db: Driver, neo4j_target: Target) -> None:
    with TestClient(create_app(settings_for(neo4j_target))) as client:
        assert client.get("/health").status_code == 200
    assert counts(db) == (0, 0, 0, 0)


def test_demo_relatives_match_the_planted_family(db: Driver, neo4j_target: Target) -> None:
    settings = settings_for(neo4j_target, demo_data=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").status_code == 200
        # The demo coordinator signs in as a newcomer would: a token from the command line.
        env = {
            "NEO4J_URI": neo4j_target.uri,
            "NEO4J_USER": neo4j_target.user,
            "NEO4J_PASSWORD": neo4j_target.password,
        }
        token = issue_token(env, "demo.coordinator")
        headers = {"Authorization": f"Bearer {token}"}
        found = client.get(f"/people/{YOUNG_PERSON_ID}/relatives", headers=headers)
        assert found.status_code == 200, found.text
        body = found.json()
        got = {r["person_id"]: (r["term"], r["side"]) for r in body["data"]}
        assert got == EXPECTED
        # Isabella, named maternal by the nearer way, is a paternal second cousin's daughter
        # too: on both sides for Kai's wishes.
        also = {r["person_id"]: r["also_on"] for r in body["data"] if r["also_on"]}
        assert also == {"demo-isabella": "paternal"}, also
        for path in (
            f"/people/{YOUNG_PERSON_ID}/relatives",
            f"/young-people/{YOUNG_PERSON_ID}/graph",
        ):
            paternal = client.get(path, headers=headers, params={"side": "paternal"})
            assert "demo-isabella" in paternal.text, path
        # The map says so, and its page's own side filter shows her on the paternal side too
        # (a second reader: the page hid her there).
        graph = client.get(f"/young-people/{YOUNG_PERSON_ID}/graph", headers=headers).json()
        said = {n["id"]: n["also_on"] for n in graph["nodes"] if n["also_on"]}
        assert said == {"demo-isabella": "paternal"}
        page = client.get(f"/young-people/{YOUNG_PERSON_ID}/map", headers=headers).text
        items = json.loads(page_data(page, "ll-nodes"))
        assert {n["id"]: n["llAlso"] for n in items if n.get("llAlso")} == said
        living = sum(1 for r in body["data"] if r["living"])
        assert living > 80
        assert body["summary"]["living"] == living
        assert body["summary"]["text"].startswith(f"{living} living relatives: ")

        gaps = client.get(f"/people/{YOUNG_PERSON_ID}/gaps", headers=headers).json()["data"]
        assert sorted((g["child_id"], g["missing"]) for g in gaps) == sorted(GAPS)
        grandfather = next(g for g in gaps if g["child_id"] == "demo-donna")
        assert grandfather["relation"] == "maternal grandfather"


def issue_token(env: dict[str, str], username: str) -> str:
    """Issue a token with the real command line, in this process, and read it back."""
    import contextlib
    import io
    import os

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            assert users_cli(["issue-token", username, "--label", "demo"]) == 0
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return next(w for w in out.getvalue().split() if w.startswith("llt_"))


def test_demo_case_has_the_work_in_progress(db: Driver, neo4j_target: Target) -> None:
    """The demo shows the daily tool: a lapsed grandmother, former carers and a teacher not heard
    from, a relative's flagged partner, an uncle kept away by an order, a "never" wish."""
    settings = settings_for(neo4j_target, demo_data=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").status_code == 200
        env = {
            "NEO4J_URI": neo4j_target.uri,
            "NEO4J_USER": neo4j_target.user,
            "NEO4J_PASSWORD": neo4j_target.password,
        }
        coordinator = {"Authorization": f"Bearer {issue_token(env, 'demo.coordinator')}"}
        worker = {"Authorization": f"Bearer {issue_token(env, 'demo.social.worker')}"}
        base = f"/young-people/{YOUNG_PERSON_ID}"
        lapsed = client.get(f"{base}/lapsed", headers=coordinator).json()["data"]
        by_id = {r["person_id"]: r for r in lapsed}
        assert by_id["demo-margaret"]["kind"] == "connection"
        assert by_id["demo-margaret"]["last_contact"] == "2026-07-19"
        assert by_id["demo-margaret"]["allowed_days"] == 14
        assert by_id["demo-angela"]["role"] == "foster_carer"
        assert by_id["demo-paul"]["kind"] == "former_trusted_adult"
        assert by_id["demo-joan"]["days_since"] > 2 * 365  # not seen for over two years
        assert "demo-helen" not in by_id  # his current foster carer
        seen = client.get(f"{base}/safeguarding", headers=worker).json()
        flagged = {p["person_id"]: p for p in seen["flagged_in_network"]}
        assert flagged["demo-mark"]["term"].startswith("paternal uncle by marriage")
        assert flagged["demo-mark"]["flags"][0]["content"]["level"] == 3
        assert [o["restricted_id"] for o in seen["kept_away"]] == ["demo-sean"]
        hidden = client.get(f"{base}/safeguarding", headers=coordinator).json()
        assert "content" not in hidden["flagged_in_network"][0]["flags"][0]
        wishes = client.get(f"{base}/wishes", headers=coordinator).json()
        assert [(w["person_id"], w["wish"]) for w in wishes["people"]] == [("demo-gary", "never")]
        connections = client.get(f"{base}/connections", headers=coordinator).json()
        assert {c["person_id"]: c["stage"] for c in connections["data"]} == {
            "demo-margaret": "in_plan", "demo-darren": "awaiting_safety_check",
            "demo-angela": "identified", "demo-priya": "willing",
        }  # fmt: skip
        # The end of the work so far: his celebration event, his plan and its review, and the
        # timeline his journey book will tell.
        events = client.get(f"{base}/events", headers=coordinator).json()["data"]
        assert [(e["on"], [(g["person_id"], g["attended"]) for g in e["guests"]])
                for e in events] == [("2025-04-05", [("demo-margaret", True)])]  # fmt: skip
        plan = client.get(f"{base}/plan", headers=coordinator).json()
        assert [(v["number"], v["agreed_on"]) for v in plan["versions"]] == [
            (1, "2025-04-06"), (2, "2026-04-09")
        ]  # fmt: skip
        assert plan["next_review"] == "2027-04-09"
        assert [(p["name"], p["relation"]) for p in plan["plan"]["people"]] == [
            ("Margaret Brennan (Maggie)", "maternal grandmother")
        ]  # fmt: skip
        assert plan["changes_since_latest"] == []
        timeline = client.get(f"{base}/timeline", headers=coordinator).json()["data"]
        assert [t["kind"] for t in timeline][:3] == ["lived", "school", "placement"]
        assert len(timeline) == 8
