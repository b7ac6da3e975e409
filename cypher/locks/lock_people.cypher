// Take the write locks of some people for the rest of the transaction (a property written and
// removed), in id order so that two transactions never wait on each other crosswise. Checks
// that must see each other's writes (two birth parents at most) take them before they read.
UNWIND $ids AS id
WITH id ORDER BY id
MATCH (p:Person {id: id})
SET p._lock = true
REMOVE p._lock
RETURN count(p) AS locked
