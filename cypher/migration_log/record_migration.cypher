// A data migration has run, in the transaction that ran it.
MERGE (m:Migration {name: $name})
ON CREATE SET m.at = datetime()
