// The young person a connection belongs to, while its person is in their network: one the
// case took out is hidden with its connection (nothing of it is read or written) until a
// manager puts them back.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(:Connection {id: $id})-[:WITH]->(p:Person)
WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
RETURN yp.id AS young_person_id
