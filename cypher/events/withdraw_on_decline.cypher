// A connection's invitations to events still to come, withdrawn as they decline (the caller holds
// the connection's lock and records the decline in the same transaction): kept with when, by whom
// and why, as any withdrawal, so that the guest list no longer counts them and a court order
// between them and another guest no longer stands in the way. Events already held, and one they
// are recorded as having come to, are what happened and stay as they were.
MATCH (e:CelebrationEvent)-[g:INVITED]->(:Connection {id: $connection_id})
WHERE g.withdrawn_on IS NULL AND e.on >= $today AND NOT coalesce(g.attended, false)
SET g.withdrawn_on = $today, g.withdrawn_by = $user_id, g.withdrawn_reason = $reason,
    g.withdrawn_at = datetime()
RETURN e.id AS event_id ORDER BY e.id
