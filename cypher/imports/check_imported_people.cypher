// Imported people who now have more than two birth parents in this young person's case (the
// young person and their network): parents recorded only under another case are not counted,
// so the answer reveals nothing outside the case.
UNWIND $ids AS id
MATCH (c:Person {id: id})
// On a nearly empty database the planner would scan the whole index for every id.
USING INDEX SEEK c:Person(id)
WHERE COUNT {
  (x:Person)-[:PARENT_OF {kind: 'birth'}]->(c)
  WHERE x.id = $young_person_id
     OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) }
} > 2
// Whether an earlier import under another source name gave any of their birth parents (an
// xref of another file of this case's), for the refusal to say what to do.
RETURN c.id AS id, EXISTS {
  (x:Person)-[:PARENT_OF {kind: 'birth'}]->(c)
  WHERE EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) }
    AND EXISTS { (x)-[:IDENTIFIED_BY]->(e:ExternalId)
                 WHERE e.system STARTS WITH 'gedcom:' AND e.system <> $system
                   AND (e.case IS NULL OR e.case = $young_person_id) }
} AS other_source
LIMIT 10
