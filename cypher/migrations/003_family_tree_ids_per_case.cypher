// Family tree ids imported before each import recorded its case on them (`case` unset), given
// to the case whose they were: the young person the default system names (`gedcom:<their
// id>`); for a file with a source of its own, the young person themselves or the one case
// holding the person, if no case ever took them out. Ids whose case cannot be told stay shown
// to every case holding the person, as before.
MATCH (p:Person)-[:IDENTIFIED_BY]->(e:ExternalId)
WHERE e.system STARTS WITH 'gedcom:' AND e.case IS NULL
OPTIONAL MATCH (named:Person {id: substring(e.system, 7)}) WHERE named:YoungPerson
WITH e, CASE
          WHEN named IS NOT NULL THEN [named.id]
          WHEN p:YoungPerson THEN [p.id]
          WHEN EXISTS { (p)-[:REMOVED_FROM]->() } THEN []
          ELSE [(p)-[:IN_NETWORK_OF]->(y:YoungPerson) | y.id]
        END AS held
WHERE size(held) = 1
SET e.case = held[0]
