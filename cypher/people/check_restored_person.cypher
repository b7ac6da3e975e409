// What putting $id back into the case $young_person_id conflicts with, read after it is done in
// the same transaction (refused, it is rolled back): their children in the case who now have
// more than two birth parents in it (a parent recorded while they were out), and the external
// ids of theirs the case sees that someone else in the case now holds (a re-import while they
// were out). Only the case's people count, as for a new tie or an import.
MATCH (p:Person {id: $id})
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN
  [(p)-[:PARENT_OF {kind: 'birth'}]->(c:Person)
     WHERE (c = yp OR EXISTS { (c)-[:IN_NETWORK_OF]->(yp) })
       AND COUNT { (x:Person)-[:PARENT_OF {kind: 'birth'}]->(c)
                   WHERE x = yp OR EXISTS { (x)-[:IN_NETWORK_OF]->(yp) } } > 2
   | c.id] AS crowded,
  [(p)-[:IDENTIFIED_BY]->(e:ExternalId)
     WHERE (e.case IS NULL OR e.case = yp.id)
       AND EXISTS { (h:Person)-[:IDENTIFIED_BY]->(:ExternalId {system: e.system, value: e.value})
                    WHERE h <> p AND (h = yp OR EXISTS { (h)-[:IN_NETWORK_OF]->(yp) }) }
   | e.system + ' ' + e.value] AS held
