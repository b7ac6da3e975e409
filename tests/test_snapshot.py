"""tests/snapshot.py, which restores the route table's world for each test: what it writes back
is what it took, labels, types and Neo4j's own values included."""

from __future__ import annotations

from collections import Counter
from typing import Any

from neo4j import Driver

from tests.conftest import empty
from tests.snapshot import restore, take


def _contents(driver: Driver) -> tuple[Counter[str], Counter[str]]:
    """Every node and relationship as text, without element ids."""
    text: dict[str, str] = {}
    for r in driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
    ).records:
        text[r["id"]] = f"{sorted(r['labels'])} {_said(r['props'])}"
    ties = Counter(
        f"{text[r['a']]} -[{r['type']} {_said(r['props'])}]-> {text[r['b']]}"
        for r in driver.execute_query(
            "MATCH (a)-[x]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(x) AS type, "
            "properties(x) AS props"
        ).records
    )
    return Counter(text.values()), ties


def _said(props: dict[str, Any]) -> str:
    return repr(sorted((k, repr(v), type(v).__name__) for k, v in props.items()))


def test_a_snapshot_restores_what_it_took(db: Driver) -> None:
    db.execute_query(
        """
        CREATE (a:Person:YoungPerson {id: 'a', born: date('2010-03-01'), tags: ['x', 'y'],
                                      living: true, score: 0.5, n: 3})
        CREATE (b:Person {id: 'b', seen: datetime('2026-12-06T10:00:00.123+00:00')})
        CREATE (c:`Odd label` {id: 'c', `odd key`: "it's"})
        CREATE (d:Empty)
        CREATE (a)-[:PARENT_OF {kind: 'birth'}]->(b)
        CREATE (a)-[:PARENT_OF {kind: 'step'}]->(b)
        CREATE (b)-[:`ODD TYPE` {since: localdatetime('2020-01-02T03:04:05')}]->(c)
        CREATE (c)-[:SELF]->(c)
        CREATE (d)-[:PARENT_OF]->(a)
        """
    )
    before = _contents(db)
    snapshot = take(db)
    assert snapshot.size == (4, 5)
    empty(db)
    assert _contents(db) == (Counter(), Counter())
    restore(db, snapshot)
    assert _contents(db) == before
