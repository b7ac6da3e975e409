// A message for the young person from the person of a connection (often someone who could not
// commit to more), for their journey book.
// Only while the person is in the young person's network: one the case took out is kept, not
// worked with.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(c:Connection {id: $connection_id})-[:WITH]->(p:Person)
WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
CREATE (c)-[:WROTE]->(m:Message {
  id: $id, text: $text, written_on: $written_on, user_id: $user_id, created_at: datetime()
})
RETURN m {.id, .text, .written_on, connection_id: c.id} AS message
