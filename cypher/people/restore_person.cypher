// Put a person taken out of the case $young_person_id back into its network.
MATCH (p:Person {id: $id})-[r:REMOVED_FROM]->(yp:YoungPerson {id: $young_person_id})
WITH p, yp, collect(r) AS removals
FOREACH (r IN removals | DELETE r)
MERGE (p)-[:IN_NETWORK_OF]->(yp)
RETURN p.id AS id
