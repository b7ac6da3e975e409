// Whether an invited guest came to the event, and what they offered there (a call, cards,
// days out: the plan's commitments are recorded on the connection). `moved`: whether this
// attendance moved the connection to `attended` (so that a correction, "did not come", moves it
// back); $moves says that this record does, and a guest recorded as not come has moved nothing.
// Returns what it was before, with the connection's stage and whether they came to another
// event (which keeps them at `attended` whatever this one says).
MATCH (:CelebrationEvent {id: $event_id})-[g:INVITED]->(c:Connection {id: $connection_id})
WHERE g.withdrawn_on IS NULL  // a guest whose invitation was withdrawn is invited again first
WITH g, c, coalesce(g.moved, false) AS moved_before
SET g.attended = $attended, g.offered = $offered, g.recorded_by = $user_id,
    g.recorded_at = datetime(),
    g.moved = CASE WHEN $moves THEN true WHEN $attended THEN moved_before ELSE false END
RETURN c.stage AS stage, moved_before,
       EXISTS { (e:CelebrationEvent)-[:INVITED {attended: true}]->(c) WHERE e.id <> $event_id }
         AS came_to_another
