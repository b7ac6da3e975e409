// BASELINE ONLY (bench/access.py): the access check as it was before issue 16, a path search
// of up to 12 family or trusted-adult ties from the caller's young people. Not used by the service.
// Decide whether the caller reaches a person, and record the decision in the audit trail.
// A coordinator or social worker reaches the young people they are allocated to today; a
// manager reaches the young people of their team. Through a young person they reach the
// people of that young person's network: those added to it, and those within 12 family or
// trusted-adult ties of the young person (relatives of four generations each way and their
// partners).
// A refusal is always recorded; an allowed look is recorded when $record_allowed is true
// (changes are recorded by the transaction that makes them instead).
OPTIONAL MATCH (p:Person {id: $person_id})
// The cheap answers first, from the person's own ties: the person is one of the caller's young
// people, or was added to the network of one. A manager reaches their team's young people, a
// coordinator or social worker those allocated to them today.
WITH p, [yp IN CASE WHEN p:YoungPerson THEN [p] ELSE [] END +
               COLLECT { MATCH (p)-[:IN_NETWORK_OF]->(n:YoungPerson) RETURN n ORDER BY n.id }
         WHERE ($role = 'manager' AND yp.team = $team)
            OR ($role IN ['coordinator', 'social_worker'] AND EXISTS {
                  MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(yp)
                  WHERE a.from <= date() AND (a.until IS NULL OR date() <= a.until) })
         | yp.id] AS direct
// Only then a search through family and trusted-adult ties (not through the network
// membership ties, which make every young person a hub of their whole network), from the
// caller's young people: a manager's by the team index, a worker's from their own allocations.
OPTIONAL CALL (p, direct) {
  WITH p WHERE p IS NOT NULL AND size(direct) = 0
  CALL () {
    MATCH (yp:YoungPerson {team: $team})
    WHERE $role = 'manager'
    RETURN yp
    UNION
    MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(yp:YoungPerson)
    WHERE $role IN ['coordinator', 'social_worker']
      AND a.from <= date() AND (a.until IS NULL OR date() <= a.until)
    RETURN yp
  }
  WITH p, collect(yp) AS mine
  UNWIND mine AS yp
  MATCH path = shortestPath(
    (yp)-[:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF*..12]-(p))
  RETURN yp.id AS linked
  ORDER BY length(path), linked
  LIMIT 1
}
WITH p, coalesce(head(direct), linked) AS via
WITH p, via,
     CASE WHEN p IS NULL THEN 'no such person'
          WHEN via IS NULL THEN 'not within the caller\'s allocations'
          ELSE null END AS refusal
CALL (p, via, refusal) {
  WITH p, via, refusal WHERE refusal IS NOT NULL OR $record_allowed
  CREATE (:AuditEvent {
    id: randomUUID(), at: datetime(), user_id: $user_id, role: $role, action: $action,
    resource: $resource,
    young_person_id: coalesce(via, CASE WHEN p:YoungPerson THEN p.id END),
    outcome: CASE WHEN refusal IS NULL THEN 'allowed' ELSE 'refused' END, reason: refusal
  })
}
RETURN via, p IS NOT NULL AND p:YoungPerson AS is_young_person
