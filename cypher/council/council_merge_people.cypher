// Create or refresh people of a synthetic council: relatives, their partners and trusted
// adults. Merged on the id, so loading twice changes nothing. Their notes are the cases' own,
// kept on their membership of each network (`council_link_networks`).
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.created_at = datetime($at), p.updated_at = datetime($at)
SET p.given_name = row.given_name, p.family_name = row.family_name, p.known_as = row.known_as,
    p.sex = row.sex, p.birth_date = row.birth_date, p.death_date = row.death_date,
    p.living = row.living
RETURN count(*) AS rows
