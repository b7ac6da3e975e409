"""The demo case loads with the API when LL_DEMO_DATA is on, once however often it starts, and the
relatives endpoint names every relative planted in it as the case's own oracle says."""

from __future__ import annotations

from fastapi.testclient import TestClient
from neo4j import Driver

from seed.demo import DEMO_USERS, relationships
from seed.demo_case import EXPECTED, GAPS, PEOPLE, YOUNG_PERSON_ID
from service.app import create_app
from service.users_cli import main as users_cli
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
        assert counts(db) == (len(PEOPLE), len(relationships()), 1, len(DEMO_USERS))


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
