// Lapsed contacts of a young person, most overdue first:
// - connections with a commitment whose last contact (or the commitment's start, if nothing
//   since) is older than the commitment's frequency allows;
// - connections without a commitment whose last contact is older than $threshold_days;
// - former foster carers, teachers and workers whose role ended, with no contact for longer
//   than $threshold_days since it ended.
// Connections refused, declined or with people who have died are left out.
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
  WHERE coalesce(p.living, true) AND NOT c.stage IN ['not_approved', 'declined']
  WITH p, c,
       COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact) RETURN k.on ORDER BY k.on DESC LIMIT 1 }[0]
         AS last,
       COLLECT { MATCH (c)-[:COMMITS]->(m:Commitment) WHERE m.since <= $today
                 RETURN m ORDER BY m.every_days LIMIT 1 }[0] AS commitment
  WITH p, c, last, commitment,
       CASE WHEN commitment IS NULL THEN last
            WHEN last IS NULL OR last < commitment.since THEN commitment.since
            ELSE last END AS since
  WHERE since IS NOT NULL
  WITH p, c, last, commitment, since,
       duration.inDays(date(since), date($today)).days AS days_since,
       coalesce(commitment.every_days, $threshold_days) AS allowed
  WHERE days_since > allowed
  RETURN p, 'connection' AS kind, c.stage AS role, c.id AS connection_id, last, days_since,
         allowed, commitment.what AS expected
  UNION
  MATCH (a:Person)-[t:TRUSTED_ADULT_OF]->(yp)
  WHERE t.until IS NOT NULL AND t.until < $today AND coalesce(a.living, true)
  OPTIONAL MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(a)
  WITH a, t, c,
       CASE WHEN c IS NULL THEN null
            ELSE COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact) RETURN k.on
                           ORDER BY k.on DESC LIMIT 1 }[0] END AS last
  WITH a, t, c, last,
       CASE WHEN last IS NOT NULL AND last > t.until THEN last ELSE t.until END AS since
  WITH a, t, c, last, duration.inDays(date(since), date($today)).days AS days_since
  WHERE days_since > $threshold_days
  RETURN a AS p, 'former_trusted_adult' AS kind, t.role AS role, c.id AS connection_id, last,
         days_since, $threshold_days AS allowed, null AS expected
}
WITH p, kind, role, connection_id, last, days_since, allowed, expected
ORDER BY days_since - allowed DESC, p.id
RETURN collect({
  person_id: p.id, name: trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')),
  kind: kind, role: role, connection_id: connection_id, last_contact: last,
  days_since: days_since, allowed_days: allowed, overdue_days: days_since - allowed,
  expected: expected
}) AS lapsed
