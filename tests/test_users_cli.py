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


def test_a_user_is_named_by_id_first_and_two_that_a_username_could_name_are_refused(
    db: Driver,
    neo4j_target: Target,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An identity provider's username may be anything: another user's id, or a local user's
    name in other capitals. `disable <id>` disabled whichever user came first by username,
    while saying it had disabled the one asked for (a second reader). An id now matches first,
    and words that could name two users are refused; the answer names who was changed."""
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_target.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_target.password)
    assert main(["create-user", "jo.smith", "--name", "Jo", "--role", "coordinator"]) == 0
    jo = db.execute_query("MATCH (u:User {username: 'jo.smith'}) RETURN u.id AS id").records
    jo_id = jo[0]["id"]
    capsys.readouterr()
    # Two signed in through an identity provider, named after her id and her name.
    db.execute_query(
        "UNWIND [[$id, 'oidc-1', 'a-id'], ['Jo.Smith', 'oidc-2', 'b-id']] AS u "
        "CREATE (:User {id: u[2], username: u[0], display_name: u[0], role: 'coordinator', "
        "oidc_subject: u[1], disabled: false, created_at: datetime()})",
        id=jo_id,
    )  # fmt: skip
    assert main(["disable", jo_id]) == 0
    assert capsys.readouterr().out.strip() == f"disabled jo.smith (id {jo_id})"
    with pytest.raises(SystemExit, match="could be any of"):
        main(["disable", "JO.SMITH"])
    states = db.execute_query(
        "MATCH (u:User) RETURN u.id AS id, u.disabled AS disabled ORDER BY id"
    ).records  # fmt: skip
    assert {r["id"]: r["disabled"] for r in states} == {jo_id: True, "a-id": False, "b-id": False}
