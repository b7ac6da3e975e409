// Put a person taken out of the case $young_person_id back into its network.
// The case's notes on them come back with them (kept on the latest removal).
MATCH (p:Person {id: $id})-[r:REMOVED_FROM]->(yp:YoungPerson {id: $young_person_id})
WITH p, yp, r ORDER BY r.at
WITH p, yp, collect(r) AS removals
WITH p, yp, removals, last(removals).notes AS notes
FOREACH (r IN removals | DELETE r)
MERGE (p)-[m:IN_NETWORK_OF]->(yp)
SET m.notes = coalesce(m.notes, notes)
RETURN p.id AS id
