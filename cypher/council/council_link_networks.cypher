// Put people of a synthetic council in a young person's network (IN_NETWORK_OF), unless they
// are in it already.
UNWIND $rows AS row
MATCH (yp:Person {id: row.young_person_id})
UNWIND row.ids AS pid
MATCH (p:Person {id: pid})
WHERE NOT EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
CREATE (p)-[:IN_NETWORK_OF]->(yp)
RETURN count(*) AS rows
