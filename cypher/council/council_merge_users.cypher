// Create or refresh the workers of a synthetic council's teams: managers, coordinators and
// social workers. They sign in with tokens issued by an admin.
UNWIND $rows AS row
MERGE (u:User {id: row.id})
ON CREATE SET u.created_at = datetime($at), u.disabled = false
SET u.username = row.username, u.display_name = row.display_name, u.role = row.role,
    u.job_title = row.job_title, u.team = row.team
RETURN count(*) AS rows
