// Take the write locks of a connection and of the person it is with, for the rest of the
// transaction (a property written and removed). A stage move takes them before it reads its
// facts: two moves of one connection are decided one after the other, and a flag, order or
// household change on the person (each writes a relationship of the person, which needs the
// same lock) is either seen by the move or made after it.
MATCH (c:Connection {id: $id})-[:WITH]->(p:Person)
SET c._lock = true, p._lock = true
REMOVE c._lock, p._lock
RETURN c.id AS id, c.stage AS stage
