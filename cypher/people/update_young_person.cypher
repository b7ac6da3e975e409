// Change a young person's care status or team.
MATCH (p:YoungPerson {id: $id})
SET p.care_status = coalesce($status, p.care_status), p.team = coalesce($team, p.team),
    p.updated_at = datetime()
RETURN p.id AS id
