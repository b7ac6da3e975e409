// Create or refresh the demo case's people; young people also get the YoungPerson label.
UNWIND $people AS row
MERGE (p:Person {id: row.id})
SET p.given_name = row.given_name,
    p.family_name = row.family_name,
    p.sex = row.sex,
    p.birth_date = row.birth_date,
    p.death_date = row.death_date,
    p.living = row.living,
    p.demo = true
WITH p, row
CALL (p, row) {
  WITH p, row WHERE row.care_status IS NOT NULL
  SET p:YoungPerson, p.care_status = row.care_status
}
RETURN count(p) AS people
