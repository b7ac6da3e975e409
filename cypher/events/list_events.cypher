// A young person's celebration events (one when $id is given), earliest first, each with its
// guests in the order they were invited: the connection, its person, the day they were
// invited, whether they came and what they offered, and when, by whom and why an invitation was
// withdrawn (kept, with one made again after it; not those taken out of the network).
MATCH (yp:YoungPerson {id: $young_person_id})-[:HAS_EVENT]->(e:CelebrationEvent)
WHERE $id IS NULL OR e.id = $id
RETURN e {
  .id, .on, .place, .title, .notes, young_person_id: yp.id,
  guests: COLLECT {
    MATCH (e)-[g:INVITED]->(c:Connection)-[:WITH]->(p:Person)
    WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
    RETURN {connection_id: c.id, person_id: p.id,
            person_name: trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')),
            stage: c.stage, invited_on: g.invited_on, attended: g.attended,
            offered: g.offered, withdrawn_on: g.withdrawn_on, withdrawn_reason: g.withdrawn_reason,
            withdrawn_by: CASE WHEN g.withdrawn_on IS NOT NULL
                               THEN COLLECT { MATCH (u:User {id: g.withdrawn_by})
                                              RETURN u.display_name }[0] END}
    ORDER BY g.at, c.id
  },
  // Guests a current court order keeps apart (restricted, protected): an order made after
  // both were invited is not refused at any invitation (`service.workflow.check_apart`).
  apart: COLLECT {
    MATCH (e)-[ia:INVITED]->(:Connection)-[:WITH]->(a:Person)-[o:RESTRICTED_BY_ORDER]->(b:Person)
          <-[:WITH]-(:Connection)<-[ib:INVITED]-(e)
    WHERE ia.withdrawn_on IS NULL AND ib.withdrawn_on IS NULL
      AND (o.until IS NULL OR o.until >= $today)
      AND EXISTS { (a)-[:IN_NETWORK_OF]->(yp) } AND EXISTS { (b)-[:IN_NETWORK_OF]->(yp) }
    RETURN DISTINCT [a.id, b.id] AS pair ORDER BY pair
  }
} AS event
ORDER BY e.on, e.id
