// Change a person's fields; with $external_ids not null, replace their external ids: those the
// case $via sees (another case's family tree ids, `e.case`, it neither sees nor removes).
MATCH (p:Person {id: $id})
SET p += $fields, p.updated_at = datetime()
WITH p
CALL (p) {
  WITH p WHERE $external_ids IS NOT NULL
  OPTIONAL MATCH (p)-[:IDENTIFIED_BY]->(old:ExternalId)
  WHERE old.case IS NULL OR old.case = $via
  DETACH DELETE old
}
CALL (p) {
  WITH p WHERE $external_ids IS NOT NULL
  UNWIND $external_ids AS ext
  CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {system: ext.system, value: ext.value})
}
RETURN p.id AS id
