// Record the ids people of a synthetic council carry in another system (a family tree imported
// from a GEDCOM file, with the case that imported it), as the import does; merged, so loading
// twice changes nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (e:ExternalId {system: row.system, value: row.value})
MERGE (p)-[:IDENTIFIED_BY]->(e)
SET e.case = row.case  // a family tree's ids are the case's that imported it
RETURN count(*) AS rows
