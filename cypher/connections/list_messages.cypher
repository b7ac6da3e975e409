// The messages written for the young person by the person of a connection, oldest first.
MATCH (c:Connection {id: $connection_id})-[:WROTE]->(m:Message)
RETURN m {.id, .text, .written_on, connection_id: c.id} AS message
ORDER BY m.written_on, m.created_at, m.id
