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
RETURN c.id AS id
LIMIT 10
