// Record a commitment of the plan on a connection: who does what, how often, from when.
// Only while the person is in the young person's network: one the case took out is kept, not
// worked with.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(c:Connection {id: $connection_id})-[:WITH]->(p:Person)
WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
CREATE (c)-[:COMMITS]->(m:Commitment {
  id: $id, what: $what, every_days: $every_days, since: $since, review_on: $review_on,
  user_id: $user_id, created_at: datetime()
})
RETURN m {.id, .what, .every_days, .since, .review_on, connection_id: c.id} AS commitment
