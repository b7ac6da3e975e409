// Create or refresh the demo case's people, each in the young person's network.
UNWIND $people AS row
MERGE (p:Person {id: row.id})
SET p.given_name = row.given_name, p.family_name = row.family_name, p.known_as = row.known_as,
    p.sex = row.sex, p.birth_date = row.birth_date, p.death_date = row.death_date,
    p.living = row.living, p.notes = row.notes, p.demo = true
WITH p
MATCH (yp:Person {id: $young_person_id})
CALL (p, yp) {
  WITH p, yp WHERE p <> yp
  MERGE (p)-[:IN_NETWORK_OF]->(yp)
}
RETURN count(p) AS people
