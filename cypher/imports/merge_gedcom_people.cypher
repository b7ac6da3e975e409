// Create the people of an imported file who are new, keyed by (system, xref), in the young
// person's network. People already imported keep what workers have recorded since: the file
// only fills fields that are still empty. People are matched within this young person's
// network only: another case's people are never matched, changed or counted, whatever the
// file's source is called.
MATCH (yp:YoungPerson {id: $young_person_id})
UNWIND $people AS row
OPTIONAL MATCH (known:Person)-[:IDENTIFIED_BY]->(:ExternalId {system: $system, value: row.xref})
WHERE EXISTS { (known)-[:IN_NETWORK_OF]->(yp) }
WITH yp, row, head(collect(known)) AS known
CALL (row, known, yp) {
  WITH row, known, yp WHERE known IS NULL
  CREATE (p:Person {id: row.id})
  SET p.given_name = row.given_name, p.family_name = row.family_name, p.sex = row.sex,
      p.birth_date = row.birth_date, p.death_date = row.death_date, p.living = row.living,
      p.created_at = datetime(), p.updated_at = datetime()
  CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {system: $system, value: row.xref})
  CREATE (p)-[:IN_NETWORK_OF]->(yp)
  RETURN p
  UNION
  WITH row, known WHERE known IS NOT NULL
  SET known.given_name = CASE WHEN coalesce(known.given_name, '') = '' THEN row.given_name
                              ELSE known.given_name END,
      known.family_name = CASE WHEN coalesce(known.family_name, '') = '' THEN row.family_name
                               ELSE known.family_name END,
      known.sex = CASE WHEN coalesce(known.sex, 'unknown') = 'unknown' THEN row.sex
                       ELSE known.sex END,
      known.birth_date = coalesce(known.birth_date, row.birth_date),
      known.death_date = coalesce(known.death_date, row.death_date)
  RETURN known AS p
}
RETURN row.xref AS xref, p.id AS id
