// Whether the young person $case holds every one of $people (is them, or has them in their
// network): a refusal recorded under a case a request named, which is not one of the caller's
// holding them, names what was asked for only when it is that case's own (`audit.record_probe`).
OPTIONAL MATCH (y:YoungPerson {id: $case})
RETURN y IS NOT NULL AND all(p IN $people WHERE p = y.id
         OR EXISTS { MATCH (:Person {id: p})-[:IN_NETWORK_OF]->(y) }) AS held
