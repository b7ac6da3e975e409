// Create the parentage, partnerships, sibling ties and trusted-adult ties of a synthetic
// council that are not there yet, each with its service-issued id (unique by the schema, so
// the check is an index look-up).
UNWIND $links AS link
MATCH (a:Person {id: link.from_id})
MATCH (b:Person {id: link.to_id})
CALL (a, b, link) {
  WITH a, b, link
  WHERE link.type = 'parent' AND NOT EXISTS { ()-[:PARENT_OF {id: link.props.id}]->() }
  CREATE (a)-[r:PARENT_OF]->(b) SET r = link.props
  UNION
  WITH a, b, link
  WHERE link.type = 'partner' AND NOT EXISTS { ()-[:PARTNER_OF {id: link.props.id}]->() }
  CREATE (a)-[r:PARTNER_OF]->(b) SET r = link.props
  UNION
  WITH a, b, link
  WHERE link.type = 'sibling' AND NOT EXISTS { ()-[:SIBLING_OF {id: link.props.id}]->() }
  CREATE (a)-[r:SIBLING_OF]->(b) SET r = link.props
  UNION
  WITH a, b, link
  WHERE link.type = 'trusted_adult'
    AND NOT EXISTS { ()-[:TRUSTED_ADULT_OF {id: link.props.id}]->() }
  CREATE (a)-[r:TRUSTED_ADULT_OF]->(b) SET r = link.props
}
RETURN count(*) AS rows
