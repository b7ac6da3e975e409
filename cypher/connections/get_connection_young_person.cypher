// The young person a connection belongs to.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(:Connection {id: $id})
RETURN yp.id AS young_person_id
