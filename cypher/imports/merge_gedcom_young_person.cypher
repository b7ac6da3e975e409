// Tie the young person to their own xref in an imported file, so the file's family joins them.
// Fails on the external id constraint when another person already holds that xref.
MATCH (yp:YoungPerson {id: $young_person_id})
MERGE (e:ExternalId {system: $system, value: $xref})
MERGE (yp)-[:IDENTIFIED_BY]->(e)
WITH yp, e
RETURN COUNT { (other:Person)-[:IDENTIFIED_BY]->(e) WHERE other <> yp } AS held_by_others
