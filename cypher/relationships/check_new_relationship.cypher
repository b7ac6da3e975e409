// What a new relationship from $from_id to $to_id would conflict with. The two ids differ.
// For a parent link, $from_id is the parent and $to_id the child.
MATCH (a:Person {id: $from_id})
MATCH (b:Person {id: $to_id})
OPTIONAL MATCH loop = shortestPath((b)-[:PARENT_OF*..100]->(a))
RETURN a.birth_date AS from_birth, b.birth_date AS to_birth,
       loop IS NOT NULL AS to_is_ancestor_of_from,
       COUNT { (x:Person)-[:PARENT_OF {kind: 'birth'}]->(b) WHERE x <> a } AS to_other_birth_parents,
       CASE $type
         WHEN 'parent' THEN EXISTS { (a)-[:PARENT_OF]->(b) } OR EXISTS { (b)-[:PARENT_OF]->(a) }
         WHEN 'partner' THEN EXISTS { (a)-[:PARTNER_OF]-(b) }
         WHEN 'sibling' THEN EXISTS { (a)-[:SIBLING_OF]-(b) }
         WHEN 'trusted_adult' THEN EXISTS { (a)-[:TRUSTED_ADULT_OF {role: $role}]->(b) }
       END AS already
