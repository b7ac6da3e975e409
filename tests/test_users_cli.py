"""The users command line writes through the same data layer, audited as "command-line"."""

from __future__ import annotations

import pytest
from neo4j import Driver

from service.auth.tokens import hash_token
from service.users_cli import main
from tests.conftest import Target


def test_create_issue_revoke(
    db: Driver,
    neo4j_target: Target,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_target.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_target.password)
    assert main(["create-user", "jo.coord", "--name", "Jo", "--role", "coordinator"]) == 0
    assert "created jo.coord (coordinator)" in capsys.readouterr().out
    assert main(["create-user", "jo.coord", "--name", "Jo", "--role", "coordinator"]) == 1
    assert "already taken" in capsys.readouterr().err
    assert main(["issue-token", "jo.coord", "--days", "7"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("llt_")
    record = db.execute_query(
        "MATCH (t:ApiToken {hash: $h})-[:TOKEN_OF]->(u:User {username: 'jo.coord'}) "
        "RETURN t.id AS id",
        h=hash_token(token),
    ).records
    assert len(record) == 1
    assert main(["revoke-token", record[0]["id"]]) == 0
    revoked = db.execute_query("MATCH (t:ApiToken) RETURN t.revoked_at IS NOT NULL AS r").records
    assert [r["r"] for r in revoked] == [True]
    events = db.execute_query(
        "MATCH (e:AuditEvent) RETURN e.action AS a, e.user_id AS u ORDER BY e.at"
    ).records
    assert [(e["a"], e["u"]) for e in events] == [
        ("user.create", "command-line"),
        ("token.issue", "command-line"),
        ("token.revoke", "command-line"),
    ]
