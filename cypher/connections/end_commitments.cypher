// The commitments in force of a connection whose person has just declined, or whose approval
// was just withdrawn (the caller records the move in the same transaction): a promise made
// before is not kept after it, and one asked, checked and approved again agrees afresh what
// they will do. Each is kept, with the day it ended, by whom and why; returned are those ended.
MATCH (c:Connection {id: $connection_id})-[:COMMITS]->(m:Commitment)
WHERE m.until IS NULL
SET m.until = $today, m.ended_by = $user_id, m.ended_reason = $reason, m.ended_at = datetime()
RETURN m.id AS id
ORDER BY id
