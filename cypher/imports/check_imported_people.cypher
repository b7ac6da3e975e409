// Imported people who now have more than two birth parents, with the graph as it stands.
UNWIND $ids AS id
MATCH (c:Person {id: id})
WHERE COUNT { (:Person)-[:PARENT_OF {kind: 'birth'}]->(c) } > 2
RETURN c.id AS id
LIMIT 10
