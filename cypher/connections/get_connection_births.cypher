// The birth dates of a connection's young person and person: nobody was in contact before
// both were born.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(:Connection {id: $id})-[:WITH]->(p:Person)
RETURN yp.birth_date AS young_person_born, p.birth_date AS person_born
