// Record where a person lives from a date: the address is shared by everyone recorded at the
// same first line and postcode, which is how a household is known; any current address of the
// person ends that day.
MATCH (p:Person {id: $person_id})
// The person's write lock, as for a flag (a stage move on them waits for it).
SET p._lock = true
REMOVE p._lock
WITH p
OPTIONAL MATCH (p)-[old:LIVES_AT]->(:Address)
WHERE old.until IS NULL
SET old.until = $since
WITH DISTINCT p
MERGE (a:Address {key: $key})
ON CREATE SET a.id = $address_id, a.line1 = $line1, a.line2 = $line2, a.town = $town,
              a.postcode = $postcode
CREATE (p)-[:LIVES_AT {id: $id, since: $since, until: null}]->(a)
RETURN a.id AS address_id
