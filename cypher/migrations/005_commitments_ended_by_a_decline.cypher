// Commitments still in force on a connection whose person declined, or whose approval was
// withdrawn, after they were made: recorded before such a move ended them (it now does, in
// `connections`), they made a person asked, checked and agreed to again overdue before anyone
// had been in touch. Each is ended as of the first such move after it was made (one with no
// time of its own, loaded as agreed, by the first such move at all): its day in London, who
// made it and why, as the move now writes them.
MATCH (c:Connection)-[:COMMITS]->(m:Commitment)
WHERE m.until IS NULL
CALL (c, m) {
  MATCH (c)-[:STAGE_CHANGE]->(s:StageChange)
  WHERE s.stage IN ['declined', 'not_approved'] AND s.at IS NOT NULL
    AND (m.created_at IS NULL OR s.at > m.created_at)
  RETURN s ORDER BY s.at, coalesce(s.seq, -1) LIMIT 1
}
SET m.until = toString(date(datetime({datetime: s.at, timezone: 'Europe/London'}))),
    m.ended_by = s.user_id, m.ended_at = s.at,
    m.ended_reason = CASE s.stage WHEN 'declined' THEN 'They declined to take part.'
                     ELSE 'Their approval was withdrawn.' END
