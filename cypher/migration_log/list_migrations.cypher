// The data migrations (`cypher/migrations/`) already run on this database.
MATCH (m:Migration)
RETURN m.name AS name
