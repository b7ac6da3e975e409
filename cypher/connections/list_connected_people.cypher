// The people a young person has a connection with, and their names: who is in the network for
// safeguarding, without each connection's stages and contacts. In list_connections' order.
MATCH (yp:YoungPerson {id: $young_person_id})-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
WITH c, p, trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')) AS person_name
ORDER BY person_name, c.id
RETURN p.id AS person_id, person_name
