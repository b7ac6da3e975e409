// Create one relationship of the given type with its service-issued id and properties, under
// the case $young_person_id: both people are in that case's network afterwards.
MATCH (a:Person {id: $from_id})
MATCH (b:Person {id: $to_id})
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (a, b) {
  WITH a, b WHERE $type = 'parent'
  CREATE (a)-[r:PARENT_OF]->(b) SET r = $props
  RETURN r
  UNION
  WITH a, b WHERE $type = 'partner'
  CREATE (a)-[r:PARTNER_OF]->(b) SET r = $props
  RETURN r
  UNION
  WITH a, b WHERE $type = 'sibling'
  CREATE (a)-[r:SIBLING_OF]->(b) SET r = $props
  RETURN r
  UNION
  WITH a, b WHERE $type = 'trusted_adult'
  CREATE (a)-[r:TRUSTED_ADULT_OF]->(b) SET r = $props
  RETURN r
}
FOREACH (x IN [n IN [a, b] WHERE n <> yp] | MERGE (x)-[:IN_NETWORK_OF]->(yp))
RETURN r.id AS id
