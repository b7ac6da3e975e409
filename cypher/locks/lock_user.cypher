// Take the write lock of a user for the rest of the transaction (a property written and
// removed: Neo4j's own way to lock a node). Checks that must see each other's writes, such as
// allocation overlap, take it before they read.
MATCH (u:User {id: $user_id})
SET u._lock = true
REMOVE u._lock
RETURN u.id AS id
