// Create the parent links, partnerships and sibling ties of an imported file that are not there yet.
// A link already recorded between the same two people is left as it is. Returns those made,
// as [id, from id, to id, parent]: the cases that hold both people are told, and the parent
// links are looked through for someone now their own ancestor.
UNWIND $links AS link
MATCH (a:Person {id: link.from_id})
MATCH (b:Person {id: link.to_id})
CALL (a, b, link) {
  WITH a, b, link WHERE link.type = 'parent' AND NOT EXISTS { (a)-[:PARENT_OF]->(b) }
  CREATE (a)-[r:PARENT_OF]->(b) SET r = link.props
  RETURN r
  UNION
  WITH a, b, link WHERE link.type = 'partner' AND NOT EXISTS { (a)-[:PARTNER_OF]-(b) }
  CREATE (a)-[r:PARTNER_OF]->(b) SET r = link.props
  RETURN r
  UNION
  WITH a, b, link WHERE link.type = 'sibling' AND NOT EXISTS { (a)-[:SIBLING_OF]-(b) }
  CREATE (a)-[r:SIBLING_OF]->(b) SET r = link.props
  RETURN r
}
RETURN collect([r.id, a.id, b.id, type(r) = 'PARENT_OF']) AS made
