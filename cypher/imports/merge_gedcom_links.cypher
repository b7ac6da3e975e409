// Create the parent links and partnerships of an imported file that are not there yet.
// A link already recorded between the same two people is left as it is. Returns those made,
// as [id, from id, to id, parent]: the cases that hold both people are told, and the parent
// links are looked through for someone now their own ancestor. Returns too the ties already
// recorded, as [from id, to id, parent, kind, until], for the import to say where the file
// now says otherwise; a link of type 'disproven' (a parentage the file says is ruled out)
// creates nothing and returns the parent link recorded between the two, if there is one.
UNWIND $links AS link
MATCH (a:Person {id: link.from_id})
MATCH (b:Person {id: link.to_id})
WITH a, b, link,
     CASE link.type WHEN 'partner' THEN EXISTS { (a)-[:PARTNER_OF]-(b) }
                    ELSE EXISTS { (a)-[:PARENT_OF]->(b) } END AS had
CALL (a, b, link, had) {
  WITH a, b, link WHERE link.type = 'parent' AND NOT had
  CREATE (a)-[r:PARENT_OF]->(b) SET r = link.props
  RETURN r, true AS made
  UNION
  WITH a, b, link WHERE link.type = 'partner' AND NOT had
  CREATE (a)-[r:PARTNER_OF]->(b) SET r = link.props
  RETURN r, true AS made
  UNION
  WITH a, b, link WHERE link.type IN ['parent', 'disproven'] AND had
  MATCH (a)-[r:PARENT_OF]->(b)
  RETURN r, false AS made
  UNION
  WITH a, b, link WHERE link.type = 'partner' AND had
  MATCH (a)-[r:PARTNER_OF]-(b)
  RETURN r, false AS made
}
WITH a, b, r, made
RETURN [x IN collect(CASE WHEN made THEN [r.id, a.id, b.id, type(r) = 'PARENT_OF'] END)
        WHERE x IS NOT NULL] AS made,
       [x IN collect(CASE WHEN NOT made
                          THEN [a.id, b.id, type(r) = 'PARENT_OF', r.kind, r.until] END)
        WHERE x IS NOT NULL] AS kept
