// Tie the young person to their own xref in an imported file, so the file's family joins them.
// Counts the people of this young person's network who already hold that xref (a conflict the
// caller may see); holders in other cases, and xrefs of another case's file, are not looked at.
MATCH (yp:YoungPerson {id: $young_person_id})
MERGE (yp)-[:IDENTIFIED_BY]->(e:ExternalId {system: $system, value: $xref})
  ON CREATE SET e.case = $young_person_id  // the file's ids are the importing case's
WITH yp
RETURN COUNT {
  (other:Person)-[:IDENTIFIED_BY]->(e:ExternalId {system: $system, value: $xref})
  WHERE EXISTS { (other)-[:IN_NETWORK_OF]->(yp) } AND (e.case IS NULL OR e.case = yp.id)
} AS held_by_others
