// Raise a safety flag on a person; its author is the user raising it.
MATCH (p:Person {id: $person_id})
MATCH (u:User {id: $author_id})
CREATE (p)-[:HAS_FLAG]->(f:Flag {
  id: $id, kind: $kind, level: $level, status: 'active', source: $source, details: $details,
  raised_on: $raised_on, review_on: $review_on, expires_on: $expires_on,
  author_id: u.id, created_at: datetime()
})
RETURN f.id AS id
