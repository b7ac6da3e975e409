// Raise the safety flags of a synthetic council, merged on the flags' ids (unique by the
// schema), so loading twice changes nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (f:Flag {id: row.id})
ON CREATE SET f.created_at = datetime($at)
SET f += row.props
MERGE (p)-[:HAS_FLAG]->(f)
RETURN count(*) AS rows
