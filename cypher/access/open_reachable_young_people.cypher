// The ids of the young people whose cases the caller opens on $today: by allocation, or by team
// for managers. Their records are read next (GET /young-people), so each look is recorded in
// the audit trail here, against that young person's case, before anything of theirs is read.
MATCH (yp:YoungPerson)
WHERE ($role = 'manager' AND $team IS NOT NULL AND yp.team = $team)
   OR ($role IN ['coordinator', 'social_worker'] AND EXISTS {
        MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(yp)
        WHERE a.from <= date($today) AND (a.until IS NULL OR date($today) <= a.until)
      })
CREATE (:AuditEvent {
  id: randomUUID(), at: datetime(), user_id: $user_id, role: $role, action: $action,
  resource: 'young_person:' + yp.id, young_person_id: yp.id, outcome: 'allowed', reason: null
})
RETURN yp.id AS id
ORDER BY id
