// Record the ids people of a synthetic council carry in another system (a family tree imported
// from a GEDCOM file), as the import does; merged, so loading twice changes nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (e:ExternalId {system: row.system, value: row.value})
MERGE (p)-[:IDENTIFIED_BY]->(e)
RETURN count(*) AS rows
