// A person's safety flags, active first, newest first, each as `fragments/flag_row` gives it
// (`service/data/flags.as_seen` shows each part only to the workers of the case whose words
// it is).
MATCH (p:Person {id: $person_id})-[:HAS_FLAG]->(f:Flag)
WHERE $flag_id IS NULL OR f.id = $flag_id
OPTIONAL MATCH (u:User {id: f.author_id})
RETURN
  // fragment: flag_row
  AS flag
ORDER BY f.status = 'active' DESC, f.raised_on DESC, f.id
