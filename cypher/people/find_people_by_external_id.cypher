// The ids of the people holding an external id, in one system or in any.
MATCH (p:Person)-[:IDENTIFIED_BY]->(e:ExternalId {value: $value})
WHERE $system IS NULL OR e.system = $system
RETURN DISTINCT p.id AS id
ORDER BY id
LIMIT 50
