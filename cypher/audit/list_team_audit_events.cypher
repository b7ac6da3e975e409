// Audit events about the young people of one team (a manager's view), newest first, filtered
// by young person, user and period (each optional). Only events that name a young person of
// $team today are read: access follows the case, so a young person who moves team takes their
// history to the new team's manager. A $young_person_id of another team, or of no one, finds no
// young person here and so the same empty list; a null $team finds nothing.
// The young people come from the team index (or the id index), their events from the index on
// AuditEvent.young_person_id: the filter is applied before the LIMIT, never after it.
MATCH (y:YoungPerson {team: $team})
WHERE $young_person_id IS NULL OR y.id = $young_person_id
MATCH (e:AuditEvent {young_person_id: y.id})
WHERE ($user_id IS NULL OR e.user_id = $user_id)
  AND ($since IS NULL OR e.at >= datetime($since))
  AND ($until IS NULL OR e.at < datetime($until))
RETURN e {.id, .user_id, .role, .action, .resource, .young_person_id, .outcome, .reason,
          at: toString(e.at)} AS event
ORDER BY e.at DESC, e.id
LIMIT $limit
