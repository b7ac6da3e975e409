// Set or change the last day of an allocation; dated (`changed_at`): embed links made before
// it stop working.
MATCH (:User)-[a:ALLOCATED_TO {id: $id}]->(:YoungPerson {id: $young_person_id})
SET a.until = date($until), a.changed_at = datetime()
RETURN a.id AS id
