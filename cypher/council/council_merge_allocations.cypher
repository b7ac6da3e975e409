// Allocate workers of a synthetic council to its young people, current and past, on the
// allocations' service-issued ids (unique by the schema).
UNWIND $rows AS row
MATCH (u:User {id: row.user_id})
MATCH (yp:Person {id: row.young_person_id})
MERGE (u)-[a:ALLOCATED_TO {id: row.id}]->(yp)
ON CREATE SET a.created_at = datetime($at), a.created_by = $actor
SET a.from = date(row.from), a.until = CASE WHEN row.until IS NULL THEN null
                                            ELSE date(row.until) END
RETURN count(*) AS rows
