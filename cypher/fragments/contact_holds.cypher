// What says whether each person of `pids` (a list of ids) may be got in touch with now, for the
// young person `yp` (the body of a COLLECT subquery; `service.workflow.held_from_contact`
// decides): the young person's wish about them, and the flags at the blocking level and court
// orders in their household now, with what the latest approval of their connection overrode.
// Only those with a wish about them or a flag or an order in their household: most have
// neither, and hold nothing but a side wish (which the caller works out).
UNWIND pids AS pid
MATCH (p:Person {id: pid})
WITH yp, p, [p] + [h IN COLLECT {
  // fragment: household
}
  // The young person is not of the risks of their own carer's household.
  WHERE h <> yp] AS household
WITH yp, p, COLLECT { MATCH (yp)-[w:WISH]->(p) RETURN w.wish }[0] AS wish,
  // fragment: household_risks
  AS risks
WHERE wish IS NOT NULL OR any(r IN risks WHERE r[1] <> [] OR r[2] <> [])
RETURN {
  person_id: p.id, wish: wish, risks: risks,
  overridden: coalesce(COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p)
    MATCH (c)-[:STAGE_CHANGE]->(s:StageChange {stage: 'approved'})
    RETURN s.overridden ORDER BY coalesce(s.seq, -1) DESC, s.at DESC LIMIT 1 }[0], [])
}
