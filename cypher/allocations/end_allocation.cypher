// Set or change the last day of an allocation.
MATCH (:User)-[a:ALLOCATED_TO {id: $id}]->(:YoungPerson {id: $young_person_id})
SET a.until = date($until)
RETURN a.id AS id
