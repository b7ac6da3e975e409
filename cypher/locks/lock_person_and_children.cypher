// Take the write locks of a person and their children, in id order as lock_people takes them:
// a restore's checks then see a parent link being made to one of those children at the same
// moment (it waits, or is waited for), so a child cannot end up with three birth parents.
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:PARENT_OF]->(c:Person)
WITH p, collect(DISTINCT c) AS children
UNWIND [p] + children AS x
WITH x ORDER BY x.id
SET x._lock = true
REMOVE x._lock
RETURN count(x) AS locked
