// The two people a court order is between, by the order's id.
MATCH (r:Person)-[:RESTRICTED_BY_ORDER {id: $id}]->(p:Person)
RETURN r.id AS restricted_id, p.id AS protected_id
