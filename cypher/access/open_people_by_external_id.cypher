// The people within the caller's cases on $today who hold an external id (in $system, or in any
// when it is null), at most 50, each look recorded in the audit trail, before anything of
// theirs is read (GET /people?external_id=): under every case of the caller's that holds the
// person, as check_person_access.cypher records a look, and opened through the first.
// The search is within the caller's cases: a holder in another case is neither listed nor
// looked at, so nothing is written for them and no other case's trail is touched. What the
// answer costs hardly depends on how many people elsewhere hold the id (an index lookup and a
// few reads each, no write), so its timing does not say whether another case holds it. The
// limit counts only the caller's people. The caller's cases and a person's cases are decided as
// check_person_access.cypher decides them: a change to one is a change to both.
WITH date($today) AS today
CALL (today) {
  OPTIONAL MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(mine:YoungPerson)
  WHERE $role IN ['coordinator', 'social_worker']
    AND a.from <= today AND (a.until IS NULL OR today <= a.until)
  RETURN collect(mine.id) AS allocated
}
MATCH (p:Person)-[:IDENTIFIED_BY]->(e:ExternalId {value: $value})
WHERE $system IS NULL OR e.system = $system
// Whose each id found is: a family tree file's ids are the importing case's (`e.case`), and
// find the person through that case alone; other ids are everyone's ('').
WITH p, allocated, collect(DISTINCT coalesce(e.case, '')) AS owners
WITH p, owners, [yp IN CASE WHEN p:YoungPerson THEN [p]
                    ELSE COLLECT { MATCH (p)-[:IN_NETWORK_OF]->(n:YoungPerson) RETURN n ORDER BY n.id }
               END
         WHERE ($role = 'manager' AND yp.team = $team) OR yp.id IN allocated | yp.id] AS open
// Found through a case that sees the id; the look recorded under each of the caller's cases
// holding the person, as a read of them by id is.
WITH p, open, head(CASE WHEN '' IN owners THEN open ELSE [c IN open WHERE c IN owners] END) AS via
WHERE via IS NOT NULL
ORDER BY p.id
LIMIT 50
CALL (p, open) {
  UNWIND open AS case_id
  CREATE (:AuditEvent {
    id: randomUUID(), at: datetime(), user_id: $user_id, role: $role, action: $action,
    resource: 'person:' + p.id, young_person_id: case_id, outcome: 'allowed', reason: null
  })
}
RETURN p.id AS id, via, open
ORDER BY id
