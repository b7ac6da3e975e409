// A message taken back: typed to the wrong connection, or one the writer or the young person
// no longer wants kept. Gone from the journey book and the own record; the audit trail keeps
// that it was, never its words.
MATCH (c:Connection {id: $connection_id})-[:WROTE]->(m:Message {id: $id})
WITH m, m.id AS id
DETACH DELETE m
RETURN id
