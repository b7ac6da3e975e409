// Start a connection between a young person and someone in their network, at its first stage.
// Returns nothing when the pair is already connected, or the person is no longer in the network
// (taken out while this waited for their lock: `connections.create_connection` says which).
MATCH (yp:YoungPerson {id: $young_person_id})
MATCH (p:Person {id: $person_id})
WHERE NOT EXISTS { (yp)-[:HAS_CONNECTION]->(:Connection)-[:WITH]->(p) }
  AND EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
CREATE (yp)-[:HAS_CONNECTION]->(c:Connection {id: $id, stage: $stage, created_at: datetime()})
       -[:WITH]->(p)
CREATE (c)-[:STAGE_CHANGE]->(:StageChange {
  stage: $stage, at: datetime(), user_id: $user_id, reason: $reason, override_reason: null,
  seq: 0
})
RETURN c.id AS id
