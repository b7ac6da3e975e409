// A change to a person, recorded in every case that holds them other than the one it was made
// through ($via, recorded by the caller): a relative or carer shared by two young people is one
// record, and each case's managers see what changed in it, whoever changed it. Only the change
// is said (`reason`), never which other case it was made through.
MATCH (p:Person {id: $person_id})
UNWIND CASE WHEN p:YoungPerson THEN [p.id]
            ELSE COLLECT { MATCH (p)-[:IN_NETWORK_OF]->(n:YoungPerson) RETURN n.id }
       END AS case_id
WITH case_id
WHERE case_id <> $via
CREATE (:AuditEvent {
  id: randomUUID(), at: datetime(), user_id: $user_id, role: $role, action: $action,
  resource: 'person:' + $person_id, young_person_id: case_id, outcome: 'allowed',
  reason: $reason
})
