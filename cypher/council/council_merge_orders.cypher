// Record the court orders of a synthetic council, each keeping a relative from contacting a
// young person, on the orders' ids.
UNWIND $rows AS row
MATCH (a:Person {id: row.restricted_id})
MATCH (b:Person {id: row.protected_id})
MERGE (a)-[o:RESTRICTED_BY_ORDER {id: row.id}]->(b)
ON CREATE SET o.created_at = datetime($at)
SET o += row.props
RETURN count(*) AS rows
