// The person a flag is on, and the case it was raised under (null for a flag raised before
// that was recorded, or by the demo or the synthetic council).
MATCH (p:Person)-[:HAS_FLAG]->(f:Flag {id: $id})
RETURN p.id AS person_id, f.raised_in AS raised_in
