// Put people of a synthetic council in a young person's network (IN_NETWORK_OF), unless they
// are in it already, with the case's notes on them ($rows' notes, one for each id: the case's
// own, as `set_person_notes` keeps them).
UNWIND $rows AS row
MATCH (yp:Person {id: row.young_person_id})
UNWIND range(0, size(row.ids) - 1) AS i
MATCH (p:Person {id: row.ids[i]})
WHERE NOT EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
CREATE (p)-[m:IN_NETWORK_OF]->(yp)
SET m.notes = row.notes[i]
RETURN count(*) AS rows
