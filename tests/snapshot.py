"""A database's data kept in memory and written back: a world built once through the API (its
users, tokens, case, family and audit trail) is restored for each further test that asks for it
in one transaction, rather than built again request by request.

Only the data: the schema stays as the app applied it. Nodes and relationships come back with
the same labels, types and properties (Neo4j's own values: dates, datetimes, lists), under new
element ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction


@dataclass(frozen=True)
class Snapshot:
    # (labels, [(element id, properties)]) for each set of labels
    nodes: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]]
    # (type, [(from element id, to element id, properties)]) for each type
    relationships: dict[str, list[tuple[str, str, dict[str, Any]]]]

    @property
    def size(self) -> tuple[int, int]:
        return (
            sum(map(len, self.nodes.values())),
            sum(map(len, self.relationships.values())),
        )


def _name(word: str) -> str:
    return "`" + word.replace("`", "``") + "`"


def take(driver: Driver) -> Snapshot:
    """Every node and relationship in the database, as they are."""
    nodes: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]] = {}
    for r in driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
    ).records:
        nodes.setdefault(tuple(sorted(r["labels"])), []).append((r["id"], r["props"]))
    relationships: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for r in driver.execute_query(
        "MATCH (a)-[x]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(x) AS type, "
        "properties(x) AS props"
    ).records:
        relationships.setdefault(r["type"], []).append((r["a"], r["b"], r["props"]))
    return Snapshot(nodes, relationships)


def restore(driver: Driver, snapshot: Snapshot) -> None:
    """Write the snapshot's data into an empty database, in one transaction."""

    def work(tx: ManagedTransaction) -> None:
        assert tx.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"] == 0
        new: dict[str, str] = {}
        for labels, rows in sorted(snapshot.nodes.items()):
            written = "".join(":" + _name(label) for label in labels)
            for r in tx.run(
                f"UNWIND $rows AS r CREATE (n{written}) SET n = r.props "
                "RETURN r.old AS old, elementId(n) AS new",
                rows=[{"old": old, "props": props} for old, props in rows],
            ):
                new[r["old"]] = r["new"]
        for kind, ties in sorted(snapshot.relationships.items()):
            tx.run(
                "UNWIND $rows AS r MATCH (a) WHERE elementId(a) = r.a "
                "MATCH (b) WHERE elementId(b) = r.b "
                f"CREATE (a)-[x:{_name(kind)}]->(b) SET x = r.props",
                rows=[{"a": new[a], "b": new[b], "props": props} for a, b, props in ties],
            ).consume()

    with driver.session() as session:
        session.execute_write(work)
