// For each pair of people an imported file gives as brothers or sisters in a family that names
// no parents, what a sibling tie between them may not contradict in the case $young_person_id
// (as check_new_relationship.cypher finds it for a tie recorded by hand): whether one is already
// recorded, whether one is the other's ancestor by birth, and each one's recorded birth
// parents in the case, [id, sex]. Only the case's people are looked at.
UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]})
MATCH (b:Person {id: pair[1]})
OPTIONAL MATCH down = shortestPath((a)-[:PARENT_OF*..100]->(b))
  WHERE all(l IN relationships(down) WHERE l.kind = 'birth')
    AND all(n IN nodes(down) WHERE n.id = $young_person_id
            OR EXISTS { (n)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
OPTIONAL MATCH up = shortestPath((b)-[:PARENT_OF*..100]->(a))
  WHERE all(l IN relationships(up) WHERE l.kind = 'birth')
    AND all(n IN nodes(up) WHERE n.id = $young_person_id
            OR EXISTS { (n)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) })
RETURN a.id AS a, b.id AS b, EXISTS { (a)-[:SIBLING_OF]-(b) } AS already,
       down IS NOT NULL OR up IS NOT NULL AS birth_line,
       [[(x:Person)-[:PARENT_OF {kind: 'birth'}]->(a)
         WHERE x.id = $young_person_id
            OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) }
         | [x.id, x.sex]],
        [(x:Person)-[:PARENT_OF {kind: 'birth'}]->(b)
         WHERE x.id = $young_person_id
            OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) }
         | [x.id, x.sex]]] AS parents
