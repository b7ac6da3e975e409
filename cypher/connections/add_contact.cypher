// Record a contact on a connection.
// Only while the person is in the young person's network: one the case took out is kept, not
// worked with.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(c:Connection {id: $connection_id})-[:WITH]->(p:Person)
WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
CREATE (c)-[:HAD_CONTACT]->(k:Contact {
  id: $id, on: $on, mode: $mode, direction: $direction, note: $note, user_id: $user_id,
  created_at: datetime()
})
RETURN k {.id, .on, .mode, .direction, .note, connection_id: c.id} AS contact
