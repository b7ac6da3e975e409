// Changes to what several cases hold, each recorded in every case that holds all of its
// `person_ids` other than the one it was made through ($via, recorded by the caller): a
// relative or carer shared by two young people is one record, and so are their flags and the
// ties between them, so each case's managers see what changed in it, whoever changed it. A case
// holds a person in its network, and its young person. Only the change is said (its `reason`,
// or what $told says to that case), never which other case it was made through. $changes: maps
// of `person_ids`, `action`, `resource` and `reason` (one for most writes; an import's many).
UNWIND $changes AS change
CALL (change) {
  UNWIND change.person_ids AS pid
  MATCH (p:Person {id: pid})
  WITH p, CASE WHEN p:YoungPerson THEN [p.id] ELSE [] END
          + COLLECT { MATCH (p)-[:IN_NETWORK_OF]->(n:YoungPerson) RETURN n.id } AS held
  WITH collect(held) AS each
  UNWIND reduce(common = head(each), h IN tail(each) | [c IN common WHERE c IN h]) AS case_id
  WITH DISTINCT case_id
  WHERE case_id <> $via
  CREATE (:AuditEvent {
    id: randomUUID(), at: datetime(), user_id: $user_id, role: $role, action: change.action,
    resource: change.resource, young_person_id: case_id, outcome: 'allowed',
    reason: coalesce($told[case_id], change.reason)
  })
}
