// A celebration event (the Family Group Conference) for a young person: when, where, what.
MATCH (yp:YoungPerson {id: $young_person_id})
CREATE (yp)-[:HAS_EVENT]->(e:CelebrationEvent {
  id: $id, on: $on, place: $place, title: $title, notes: $notes,
  user_id: $user_id, created_at: datetime()
})
RETURN e.id AS id
