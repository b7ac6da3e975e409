// Create one relationship of the given type with its service-issued id and properties.
MATCH (a:Person {id: $from_id})
MATCH (b:Person {id: $to_id})
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
RETURN r.id AS id
