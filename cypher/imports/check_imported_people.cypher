// Imported people who now have more than two birth parents, with the graph as it stands.
UNWIND $ids AS id
MATCH (c:Person {id: id})
// On a nearly empty database the planner would scan the whole index for every id.
USING INDEX SEEK c:Person(id)
WHERE COUNT { (:Person)-[:PARENT_OF {kind: 'birth'}]->(c) } > 2
RETURN c.id AS id
LIMIT 10
