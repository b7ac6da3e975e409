// Append one event to the audit trail. Events are only ever created, never changed.
CREATE (e:AuditEvent {
  id: $id, at: datetime(), user_id: $user_id, role: $role, action: $action,
  resource: $resource, young_person_id: $young_person_id, outcome: $outcome, reason: $reason
})
RETURN e.id AS id
