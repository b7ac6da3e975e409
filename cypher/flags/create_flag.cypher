// Raise a safety flag on a person; its author is the user raising it, under the case
// $raised_in (whose workers may change it: `routes/flags.update_flag`). The person's write lock
// is taken first (written and removed): a stage move deciding on this person at the same time
// then either sees the flag or is decided before it (cypher/locks/lock_connection.cypher).
MATCH (p:Person {id: $person_id})
MATCH (u:User {id: $author_id})
SET p._lock = true
REMOVE p._lock
CREATE (p)-[:HAS_FLAG]->(f:Flag {
  id: $id, kind: $kind, level: $level, status: 'active', source: $source, details: $details,
  raised_on: $raised_on, review_on: $review_on, expires_on: $expires_on,
  author_id: u.id, raised_in: $raised_in, created_at: datetime()
})
RETURN f.id AS id
