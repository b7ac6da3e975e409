// Change a flag's status, review date, expiry or details.
MATCH (p:Person)-[:HAS_FLAG]->(f:Flag {id: $id})
SET f += $changes, f.updated_at = datetime()
RETURN p.id AS person_id
