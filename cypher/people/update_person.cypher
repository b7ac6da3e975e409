// Change a person's fields; with $external_ids not null, replace their external ids: those the
// case $via sees (another case's family tree ids, `e.case`, it neither sees nor removes).
MATCH (p:Person {id: $id})
SET p += $fields, p.updated_at = datetime(),
  // A name known by a worker records is theirs, not a family tree file's married name.
  p.known_as_kind = CASE WHEN 'known_as' IN keys($fields) THEN null ELSE p.known_as_kind END
WITH p
CALL (p) {
  OPTIONAL MATCH (p)-[:IDENTIFIED_BY]->(old:ExternalId)
  WHERE $external_ids IS NOT NULL AND (old.case IS NULL OR old.case = $via)
  WITH collect(old) AS olds
  // The case's own family tree xrefs sent back stay the case's.
  WITH olds, [o IN olds WHERE o.case = $via | [o.system, o.value]] AS owned
  FOREACH (o IN olds | DETACH DELETE o)
  RETURN owned
}
CALL (p, owned) {
  WITH p, owned WHERE $external_ids IS NOT NULL
  UNWIND $external_ids AS ext
  CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {
    system: ext.system, value: ext.value,
    case: CASE WHEN [ext.system, ext.value] IN owned THEN $via END
  })
}
RETURN p.id AS id
