// Withdraw a connection's invitation to an event (the caller took the event's lock and decided
// on `get_invitation`): kept, with when, by whom and why. No row when not invited to it now.
MATCH (:CelebrationEvent {id: $event_id})-[g:INVITED]->(c:Connection {id: $connection_id})
WHERE g.withdrawn_on IS NULL
SET g.withdrawn_on = $today, g.withdrawn_by = $user_id, g.withdrawn_reason = $reason,
    g.withdrawn_at = datetime()
RETURN c.id AS id
