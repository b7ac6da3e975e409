// The contacts on a connection, newest first.
MATCH (c:Connection {id: $connection_id})-[:HAD_CONTACT]->(k:Contact)
RETURN k {.id, .on, .mode, .direction, .note, connection_id: c.id} AS contact
ORDER BY k.on DESC, k.id
