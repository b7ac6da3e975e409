// Change a young person's care status or team.
MATCH (p:YoungPerson {id: $id})
// A move to another team is dated (`team_since`): embed links made before it stop working.
SET p.team_since = CASE WHEN $team IS NOT NULL AND $team <> p.team THEN datetime()
                        ELSE p.team_since END,
    p.care_status = coalesce($status, p.care_status), p.team = coalesce($team, p.team),
    p.updated_at = datetime()
RETURN p.id AS id
