// A manager reads the audit events of their team's young people (list_team_audit_events):
// without this index each young person of the team scans every audit event.
CREATE INDEX audit_event_young_person IF NOT EXISTS
FOR (e:AuditEvent) ON (e.young_person_id)
