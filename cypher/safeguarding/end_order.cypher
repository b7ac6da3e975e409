// Set when a court order ends, keeping each change made to it (`$change`: what it said before,
// who changed it, when and why, as JSON) on the order itself.
MATCH (r:Person)-[o:RESTRICTED_BY_ORDER {id: $id}]->(p:Person)
SET o.until = $until, o.changes = coalesce(o.changes, []) + [$change]
RETURN o {.id, .kind, .terms, .made_on, .until, restricted_id: r.id, protected_id: p.id} AS order
