// The person a flag is on.
MATCH (p:Person)-[:HAS_FLAG]->(:Flag {id: $id})
RETURN p.id AS person_id
