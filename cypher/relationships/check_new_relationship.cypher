// What a new relationship from $from_id to $to_id would conflict with, in the case it is
// recorded under ($young_person_id: the young person and their network). The two ids differ.
// For a parent link, $from_id is the parent and $to_id the child. Only the case's people are
// counted or walked through, as check_imported_people.cypher counts them: parents or ancestors
// recorded under another case alone are not, so the answer reveals nothing outside the case
// (a second reader: "the child already has two birth parents" told a worker that another case
// records both, and kept them from recording the grandparents their own gaps ask for).
MATCH (a:Person {id: $from_id})
MATCH (b:Person {id: $to_id})
OPTIONAL MATCH loop = shortestPath((b)-[:PARENT_OF*..100]->(a))
  // The tie's two people are the case's once it is made (one may join the network by it).
  WHERE all(n IN nodes(loop) WHERE n.id IN [$young_person_id, $from_id, $to_id]
            OR EXISTS { (n)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
// For a sibling tie: whether one is the other's ancestor by birth (an older sister who is a
// foster carer, special guardian or adoptive parent may be recorded as a sister too); for a
// partnership, by birth or adoption (a second reader recorded a young person married to their
// own mother: a slip of the person chosen).
OPTIONAL MATCH down = shortestPath((a)-[:PARENT_OF*..100]->(b))
  WHERE $type IN ['sibling', 'partner']
    AND all(l IN relationships(down)
            WHERE l.kind = 'birth' OR ($type = 'partner' AND l.kind = 'adoptive'))
    AND all(n IN nodes(down) WHERE n.id IN [$young_person_id, $from_id, $to_id]
            OR EXISTS { (n)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
OPTIONAL MATCH up = shortestPath((b)-[:PARENT_OF*..100]->(a))
  WHERE $type IN ['sibling', 'partner']
    AND all(l IN relationships(up)
            WHERE l.kind = 'birth' OR ($type = 'partner' AND l.kind = 'adoptive'))
    AND all(n IN nodes(up) WHERE n.id IN [$young_person_id, $from_id, $to_id]
            OR EXISTS { (n)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
RETURN a.birth_date AS from_birth, b.birth_date AS to_birth,
       loop IS NOT NULL AS to_is_ancestor_of_from,
       down IS NOT NULL OR up IS NOT NULL AS birth_line,
       // For a sibling tie: each one's recorded birth parents in the case, [id, sex].
       [(x:Person)-[:PARENT_OF {kind: 'birth'}]->(a)
        WHERE $type = 'sibling' AND (x.id = $young_person_id
              OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
        | [x.id, x.sex]] AS from_birth_parents,
       [(x:Person)-[:PARENT_OF {kind: 'birth'}]->(b)
        WHERE $type = 'sibling' AND (x.id = $young_person_id
              OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
        | [x.id, x.sex]] AS to_birth_parents,
       COUNT { (x:Person)-[:PARENT_OF {kind: 'birth'}]->(b)
               WHERE x <> a
                 AND (x.id = $young_person_id
                      OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
       } AS to_other_birth_parents,
       // Taken out of the case's network by the case: a tie under it would bring them back
       // without the restore its manager decides.
       EXISTS { (a)-[:REMOVED_FROM]->(:YoungPerson {id: $young_person_id}) }
         OR EXISTS { (b)-[:REMOVED_FROM]->(:YoungPerson {id: $young_person_id}) } AS taken_out,
       // Partners already, for a parent link (a second reader recorded a marriage first, then
       // the husband as the wife's birth father).
       EXISTS { (a)-[:PARTNER_OF]-(b) } AS partners,
       CASE $type
         WHEN 'parent' THEN EXISTS { (a)-[:PARENT_OF]->(b) } OR EXISTS { (b)-[:PARENT_OF]->(a) }
         WHEN 'partner' THEN EXISTS { (a)-[:PARTNER_OF]-(b) }
         WHEN 'sibling' THEN EXISTS { (a)-[:SIBLING_OF]-(b) }
         WHEN 'trusted_adult' THEN EXISTS { (a)-[:TRUSTED_ADULT_OF {role: $role}]->(b) }
       END AS already
