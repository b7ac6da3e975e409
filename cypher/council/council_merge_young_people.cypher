// Create or refresh the young people of a synthetic council (seed/council.py): a Person and
// YoungPerson with care status, team and the council's case id. Merged on the ids, so loading
// twice changes nothing.
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.created_at = datetime($at), p.updated_at = datetime($at)
SET p:YoungPerson, p.given_name = row.given_name, p.family_name = row.family_name,
    p.known_as = row.known_as, p.sex = row.sex, p.birth_date = row.birth_date,
    p.death_date = row.death_date, p.living = row.living, p.notes = row.notes,
    p.care_status = row.care_status, p.team = row.team
MERGE (e:ExternalId {system: row.external_id.system, value: row.external_id.value})
MERGE (p)-[:IDENTIFIED_BY]->(e)
RETURN count(*) AS rows
