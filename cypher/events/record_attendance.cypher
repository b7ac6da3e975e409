// Whether an invited guest came to the event, and what they offered there (a call, cards,
// days out: the plan's commitments are recorded on the connection).
MATCH (:CelebrationEvent {id: $event_id})-[g:INVITED]->(c:Connection {id: $connection_id})
SET g.attended = $attended, g.offered = $offered, g.recorded_by = $user_id,
    g.recorded_at = datetime()
RETURN c.stage AS stage
