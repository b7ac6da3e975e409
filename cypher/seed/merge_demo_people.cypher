// Create or refresh the demo case's people, each in the young person's network, with the
// case's notes on them kept on their membership of it (`set_person_notes`); the young person's
// own on them.
UNWIND $people AS row
MERGE (p:Person {id: row.id})
SET p.given_name = row.given_name, p.family_name = row.family_name, p.known_as = row.known_as,
    p.sex = row.sex, p.birth_date = row.birth_date, p.death_date = row.death_date,
    p.living = row.living, p.demo = true
WITH p, row
CALL (p, row) {
  WITH p, row WHERE p.id = $young_person_id
  SET p.notes = row.notes
}
CALL (p, row) {
  WITH p, row WHERE p.id <> $young_person_id
  MATCH (yp:Person {id: $young_person_id})
  MERGE (p)-[m:IN_NETWORK_OF]->(yp)
  SET m.notes = row.notes
  REMOVE p.notes
}
RETURN count(p) AS people
