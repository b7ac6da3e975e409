// The two people a court order is between, by the order's id, and the case it was made through
// (null for an order made before the case was kept).
MATCH (r:Person)-[o:RESTRICTED_BY_ORDER {id: $id}]->(p:Person)
RETURN r.id AS restricted_id, p.id AS protected_id, o.made_in AS made_in
