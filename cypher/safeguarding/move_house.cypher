// Record where a person lives from a date: the address is shared by everyone recorded at the
// same first line and postcode, which is how a household is known. The person's homes are a
// line of dates, and the new one takes its place in it: the home they had on that day ends
// that day, and the new one runs to the next move already recorded after it, if any (a past
// home recorded late, as a worker catching up on someone's history does: it neither ends the
// current home nor becomes it, so a household link that safeguarding reads stays). A home
// already recorded for that day is not recorded again (the same address sent twice).
MATCH (p:Person {id: $person_id})
// The person's write lock, as for a flag (a stage move on them waits for it).
SET p._lock = true
REMOVE p._lock
WITH p
// The address node is the household's key alone: the address as this worker typed it is kept
// on their person's home (a second reader typed another case's first line and postcode and
// was shown that case's second line and town: "Flat B (above the chemist)").
MERGE (a:Address {key: $key})
ON CREATE SET a.id = $address_id
WITH p, a
WHERE NOT EXISTS {
  MATCH (p)-[there:LIVES_AT]->(a)
  WHERE there.since <= $since AND (there.until IS NULL OR there.until > $since)
}
CALL (p) {
  OPTIONAL MATCH (p)-[later:LIVES_AT]->(:Address)
  WHERE later.since > $since
  RETURN min(later.since) AS next
}
CALL (p) {
  MATCH (p)-[old:LIVES_AT]->(:Address)
  WHERE old.since <= $since AND (old.until IS NULL OR old.until > $since)
  SET old.until = $since
}
CREATE (p)-[:LIVES_AT {id: $id, since: $since, until: next, line1: $line1, line2: $line2,
                       town: $town, postcode: $postcode}]->(a)
// Who else lives there now, when this is the person's current home: the cases that hold them
// are told their household changed.
RETURN a.id AS address_id,
       CASE WHEN next IS NULL THEN [(h:Person)-[l:LIVES_AT]->(a)
                                    WHERE l.until IS NULL AND h <> p | h.id] ELSE [] END
         AS household
