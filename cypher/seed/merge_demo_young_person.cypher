// Mark the demo case's young person, with their care status and team.
MATCH (p:Person {id: $id})
SET p:YoungPerson, p.care_status = $status, p.team = $team
RETURN p.id AS id
