// Invite a connection of the young person to one of their celebration events (the rules were
// checked by the caller, in the same transaction). `created` is false when already invited; no
// row when the connection is not this young person's, or its person was taken out of the
// network. An invitation withdrawn is kept as it was: inviting again makes a new one.
MATCH (yp:YoungPerson)-[:HAS_EVENT]->(e:CelebrationEvent {id: $event_id})
MATCH (yp)-[:HAS_CONNECTION]->(c:Connection {id: $connection_id})-[:WITH]->(p:Person)
WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
OPTIONAL MATCH (e)-[old:INVITED]->(c) WHERE old.withdrawn_on IS NULL
CALL (e, c, old) {
  WITH e, c, old WHERE old IS NULL
  CREATE (e)-[:INVITED {invited_on: $today, user_id: $user_id, at: datetime()}]->(c)
}
RETURN old IS NULL AS created
