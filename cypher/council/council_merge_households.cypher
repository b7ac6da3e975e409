// Record the shared addresses of a synthetic council: an address is one node per first line
// and postcode (its key, unique by the schema), and the people at it are a household. The
// address's wording is on each home, as `move_house` keeps it.
UNWIND $rows AS row
MERGE (a:Address {key: row.key})
ON CREATE SET a.id = row.id
WITH a, row
UNWIND row.people AS l
MATCH (p:Person {id: l.person_id})
WHERE NOT EXISTS { (p)-[:LIVES_AT {id: l.id}]->(a) }
CREATE (p)-[:LIVES_AT {id: l.id, since: l.since, until: null, line1: row.line1, line2: row.line2,
                       town: row.town, postcode: row.postcode}]->(a)
RETURN count(*) AS rows
