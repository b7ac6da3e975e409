// The xrefs the young person holds in an imported file's system (the importing case's own):
// a file imported again without its young person's xref still finds them under the one an
// earlier import gave them.
MATCH (yp:YoungPerson {id: $young_person_id})-[:IDENTIFIED_BY]->(e:ExternalId {system: $system})
WHERE e.case IS NULL OR e.case = yp.id
RETURN collect(e.value) AS xrefs
