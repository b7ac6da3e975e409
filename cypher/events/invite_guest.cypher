// Invite a connection of the young person to one of their celebration events (the rules were
// checked by the caller, in the same transaction). `created` is false when already invited.
MATCH (yp:YoungPerson)-[:HAS_EVENT]->(e:CelebrationEvent {id: $event_id})
MATCH (yp)-[:HAS_CONNECTION]->(c:Connection {id: $connection_id})
OPTIONAL MATCH (e)-[old:INVITED]->(c)
CALL (e, c, old) {
  WITH e, c, old WHERE old IS NULL
  CREATE (e)-[:INVITED {invited_on: $today, user_id: $user_id, at: datetime()}]->(c)
}
RETURN old IS NULL AS created
