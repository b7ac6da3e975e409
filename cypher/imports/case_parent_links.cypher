// The parent links among the people of the case $young_person_id (the young person and their
// network), as [parent id, child id] pairs: after an import has linked its people, for
// `gedcom_checks.ancestor_loop` to find anyone now their own ancestor through a tie the file
// gives the other way round from one already recorded. Only the case's people, as
// check_imported_people.cypher counts them: nothing outside the case is looked at or told.
MATCH (y:YoungPerson {id: $young_person_id})
UNWIND [y] + COLLECT { MATCH (m:Person)-[:IN_NETWORK_OF]->(y) RETURN m } AS p
MATCH (p)-[:PARENT_OF]->(c:Person)
WHERE c = y OR EXISTS { (c)-[:IN_NETWORK_OF]->(y) }
RETURN collect([p.id, c.id]) AS links
