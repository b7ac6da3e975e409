// Record a contact on a connection.
MATCH (c:Connection {id: $connection_id})
CREATE (c)-[:HAD_CONTACT]->(k:Contact {
  id: $id, on: $on, mode: $mode, direction: $direction, note: $note, user_id: $user_id,
  created_at: datetime()
})
RETURN k {.id, .on, .mode, .direction, .note, connection_id: c.id} AS contact
