// Audit events of the whole council (the admin's view), newest first, filtered by young
// person, user and period (each optional). A manager reads list_team_audit_events instead.
MATCH (e:AuditEvent)
WHERE ($young_person_id IS NULL OR e.young_person_id = $young_person_id)
  AND ($user_id IS NULL OR e.user_id = $user_id)
  AND ($since IS NULL OR e.at >= datetime($since))
  AND ($until IS NULL OR e.at < datetime($until))
RETURN e {.id, .user_id, .role, .action, .resource, .young_person_id, .outcome, .reason,
          at: toString(e.at)} AS event
ORDER BY e.at DESC, e.id
LIMIT $limit
