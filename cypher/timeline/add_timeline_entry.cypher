// Add an entry to a young person's timeline (a place lived, a placement, a school, an event),
// with the people it involves (carers, teachers, ...).
MATCH (yp:YoungPerson {id: $young_person_id})
CREATE (yp)-[:TIMELINE]->(e:TimelineEntry {
  id: $id, kind: $kind, title: $title, place: $place, since: $since, until: $until,
  note: $note, user_id: $user_id, created_at: datetime()
})
WITH e
CALL (e) {
  UNWIND $people AS pid
  MATCH (p:Person {id: pid})
  CREATE (e)-[:INVOLVES]->(p)
}
RETURN e.id AS id
