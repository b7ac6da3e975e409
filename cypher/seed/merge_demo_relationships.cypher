// Create or refresh the demo case's relationships, each with a fixed id so loading twice
// changes nothing.
UNWIND $links AS link
MATCH (a:Person {id: link.from_id})
MATCH (b:Person {id: link.to_id})
CALL (a, b, link) {
  WITH a, b, link WHERE link.type = 'parent'
  MERGE (a)-[r:PARENT_OF {id: link.props.id}]->(b) SET r = link.props
  UNION
  WITH a, b, link WHERE link.type = 'partner'
  MERGE (a)-[r:PARTNER_OF {id: link.props.id}]->(b) SET r = link.props
  UNION
  WITH a, b, link WHERE link.type = 'sibling'
  MERGE (a)-[r:SIBLING_OF {id: link.props.id}]->(b) SET r = link.props
  UNION
  WITH a, b, link WHERE link.type = 'trusted_adult'
  MERGE (a)-[r:TRUSTED_ADULT_OF {id: link.props.id}]->(b) SET r = link.props
}
RETURN count(*) AS links
