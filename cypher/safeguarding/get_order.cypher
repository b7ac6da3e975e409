// A court order by id, with the people it is between (and whether one is a young person), and
// the restricted person's write lock taken for the rest of the transaction (as making an order
// takes it: a stage move deciding on them waits for the change or is decided before it).
MATCH (r:Person)-[o:RESTRICTED_BY_ORDER {id: $id}]->(p:Person)
SET r._lock = true
REMOVE r._lock
RETURN o {.id, .kind, .terms, .made_on, .until, restricted_id: r.id, protected_id: p.id} AS order,
       r:YoungPerson OR p:YoungPerson AS about_a_child, o.made_in AS made_in
