// The demo team: a manager and a coordinator, the coordinator allocated to the demo young
// person from the day the case opened. They sign in with tokens issued from the command line.
UNWIND $users AS row
MERGE (u:User {id: row.id})
ON CREATE SET u.created_at = datetime(), u.disabled = false
SET u.username = row.username, u.display_name = row.display_name, u.role = row.role,
    u.job_title = row.job_title, u.team = row.team, u.demo = true
WITH u, row
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (u, row, yp) {
  WITH u, row, yp WHERE row.allocated_from IS NOT NULL
  MERGE (u)-[a:ALLOCATED_TO {id: row.id + '-allocation'}]->(yp)
  ON CREATE SET a.from = date(row.allocated_from), a.created_at = datetime(),
                a.created_by = 'demo'
}
RETURN count(u) AS users
