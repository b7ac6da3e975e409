// The commitments in force of a connection whose person has just declined (the caller records
// the decline in the same transaction): a promise made before a decline is not kept after it,
// and one who later asks to be involved again agrees what they will do afresh. Each is kept,
// with the day it ended, by whom and why; returned are those ended now.
MATCH (c:Connection {id: $connection_id})-[:COMMITS]->(m:Commitment)
WHERE m.until IS NULL
SET m.until = $today, m.ended_by = $user_id, m.ended_reason = $reason, m.ended_at = datetime()
RETURN m.id AS id
ORDER BY id
