// Whose celebration event this is: access is decided by that young person's case.
MATCH (yp:YoungPerson)-[:HAS_EVENT]->(:CelebrationEvent {id: $id})
RETURN yp.id AS young_person_id
