// Tie the young person to their own xref in an imported file, so the file's family joins them.
// Counts the people of this young person's network who already hold that xref (a conflict the
// caller may see); holders in other cases, and xrefs of another case's file, are not looked at.
// Gives the young person's names and sex when they held the xref already (an earlier import),
// for the import to tell whether the file now gives it to someone else.
MATCH (yp:YoungPerson {id: $young_person_id})
OPTIONAL MATCH (yp)-[:IDENTIFIED_BY]->(held:ExternalId {system: $system, value: $xref})
WITH yp, held IS NOT NULL AS before
MERGE (yp)-[:IDENTIFIED_BY]->(e:ExternalId {system: $system, value: $xref})
  ON CREATE SET e.case = $young_person_id  // the file's ids are the importing case's
WITH yp, before
RETURN COUNT {
  (other:Person)-[:IDENTIFIED_BY]->(e:ExternalId {system: $system, value: $xref})
  WHERE EXISTS { (other)-[:IN_NETWORK_OF]->(yp) } AND (e.case IS NULL OR e.case = yp.id)
} AS held_by_others,
  CASE WHEN before THEN [yp.given_name, yp.family_name, yp.sex] END AS young_person
