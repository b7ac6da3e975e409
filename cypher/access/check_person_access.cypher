// Decide whether the caller reaches a person, and record the decision in the audit trail.
// The case is the unit of access. A coordinator or social worker opens the cases of the young
// people allocated to them on $today (the date in Europe/London); a manager those of their
// team. A young person is reached through their own case only. Anyone else is reached through
// the networks they belong to (IN_NETWORK_OF, kept by every write that adds someone to a
// family or network): never through a path in the graph, so a shared carer, teacher or
// relative opens nothing. Every answer is a few index lookups, whether it allows, refuses or
// finds nobody.
// A refusal is always recorded; an allowed look is recorded when $record_allowed is true
// (changes are recorded by the transaction that makes them instead). Both are recorded against
// the cases they concern: an allowed look under every case the caller opens that holds the
// person (a worker who holds two children's cases reading their shared grandmother is seen by
// both teams' managers), a refusal under the first case that holds the person, so that the
// managers of a team see who was refused their children's records (an unknown id concerns no
// case; the council-wide reader sees it). Asked for a young person's case ($young), the id of
// anyone else is refused as such, under the caller's cases that hold them (a second reader: a
// relative's id was recorded as an allowed look at a young person's record, and answered 404).
WITH date($today) AS today
// The caller's own cases are read first, whoever is asked about, so that allowing, refusing and
// finding nobody cost the same lookups (the answer's timing tells nothing).
CALL (today) {
  OPTIONAL MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(mine:YoungPerson)
  WHERE $role IN ['coordinator', 'social_worker']
    AND a.from <= today AND (a.until IS NULL OR today <= a.until)
  RETURN collect(mine.id) AS allocated
}
OPTIONAL MATCH (p:Person {id: $person_id})
WITH p, allocated, CASE WHEN p IS NULL THEN []
             WHEN p:YoungPerson THEN [p]
             ELSE COLLECT { MATCH (p)-[:IN_NETWORK_OF]->(n:YoungPerson) RETURN n ORDER BY n.id }
        END AS cases
WITH p, cases, [yp IN cases
         WHERE ($role = 'manager' AND yp.team = $team) OR yp.id IN allocated
         | yp.id] AS open
WITH p, open, head(cases).id AS probed,
     CASE WHEN p IS NULL THEN 'no such person'
          WHEN size(open) = 0 THEN 'not within the caller\'s cases'
          WHEN $young AND NOT p:YoungPerson THEN 'not a young person'
          ELSE null END AS refusal
WITH p, open, probed, refusal, CASE WHEN refusal IS NULL THEN head(open) END AS via
CALL (open, probed, refusal) {
  WITH open, probed, refusal WHERE refusal IS NOT NULL OR $record_allowed
  // A young person's route given another's id: refused under the caller's own cases holding
  // them, as an allowed look would be recorded.
  UNWIND CASE WHEN refusal IS NULL OR refusal = 'not a young person' THEN open
              ELSE [probed] END AS case_id
  CREATE (:AuditEvent {
    id: randomUUID(), at: datetime(), user_id: $user_id, role: $role, action: $action,
    resource: $resource, young_person_id: case_id,
    outcome: CASE WHEN refusal IS NULL THEN 'allowed' ELSE 'refused' END, reason: refusal
  })
}
// The data's revision, for the answers a read may give again (service.readcache).
OPTIONAL MATCH (rev:Revision {id: 'data'})
RETURN via, open AS cases, p IS NOT NULL AND p:YoungPerson AS is_young_person, refusal,
       rev.epoch + ':' + toString(rev.n) AS revision
