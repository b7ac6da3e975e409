// Delete a person who is not a young person, with their ties and external ids.
MATCH (p:Person {id: $id})
WHERE NOT p:YoungPerson
OPTIONAL MATCH (p)-[:IDENTIFIED_BY]->(e:ExternalId)
DETACH DELETE e
WITH DISTINCT p
DETACH DELETE p
RETURN count(*) AS deleted
