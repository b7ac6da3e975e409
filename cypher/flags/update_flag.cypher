// Change a flag's status, review date, expiry or details. The person's write lock is taken
// first, as raising a flag takes it (cypher/flags/create_flag.cypher): a stage move deciding on
// this person at the same time sees the change or is decided before it.
MATCH (p:Person)-[:HAS_FLAG]->(f:Flag {id: $id})
SET p._lock = true
REMOVE p._lock
SET f += $changes, f.updated_at = datetime()
RETURN p.id AS person_id, f.level AS level, f.status AS status, f.raised_on AS raised_on
