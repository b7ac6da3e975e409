// A person's invitations to the young person's events still to come (after today: an event today
// may have happened, and who came is recorded after it), withdrawn as they decline, their
// approval is withdrawn, or they are taken out of the network (the caller holds the person's
// lock and records that in the same transaction): kept with when, by whom and why, as any
// withdrawal, so that the guest list no longer counts them and a court order between them and
// another guest no longer stands in the way. Events held, and one they are recorded as having
// come to, are what happened and stay as they were. The connection $connection_id (a move), or
// the connections with the person $person_id (taken out), the other being null; with each, its
// stage and whether it is still invited to another event, or came to one.
MATCH (yp:YoungPerson {id: $young_person_id})-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
WHERE c.id = $connection_id OR p.id = $person_id
MATCH (yp)-[:HAS_EVENT]->(e:CelebrationEvent)-[g:INVITED]->(c)
WHERE g.withdrawn_on IS NULL AND e.on > $today AND NOT coalesce(g.attended, false)
SET g.withdrawn_on = $today, g.withdrawn_by = $user_id, g.withdrawn_reason = $reason,
    g.withdrawn_at = datetime()
WITH c, collect(e.id) AS events
RETURN c.id AS connection_id, c.stage AS stage, events,
       EXISTS { (o:CelebrationEvent)-[i:INVITED]->(c)
                WHERE NOT o.id IN events AND (i.withdrawn_on IS NULL OR i.attended) } AS others
ORDER BY connection_id
