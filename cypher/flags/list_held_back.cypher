// The connections, in the cases given ($cases: the young people the raiser of a flag opens), of a
// person and of each of the people living with them (a household, as in
// cypher/safeguarding/get_household_risks.cypher), with each connection's stages in order and
// what its latest approval overrode (as cypher/connections/get_connection_facts.cypher reads
// them): `service.workflow.held_back_by_a_flag` decides which a flag on the person holds back.
// Each of the household's write locks is taken first (written and removed), as a stage move
// takes its person's (cypher/locks/lock_connection.cypher): an approval decided at the same
// time is then either listed here or decided after the flag, and refused by it.
MATCH (p:Person {id: $person_id})
WITH p, [p] + COLLECT {
  // fragment: household
} AS household
FOREACH (h IN household | SET h._lock = true REMOVE h._lock)
WITH p, household
UNWIND household AS h
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(h)
// A young person's own flag holds back none of their connections (their carer's household
// holds them, but is no risk to them by their own flag).
WHERE yp.id IN $cases AND yp <> p
RETURN c.id AS connection_id, yp.id AS young_person_id, h.id AS person_id,
       trim(coalesce(h.given_name, '') + ' ' + coalesce(h.family_name, '')) AS person_name,
       c.stage AS stage,
       COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange) RETURN s.stage
                 ORDER BY coalesce(s.seq, -1), s.at, s.stage } AS history,
       coalesce(COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange {stage: 'approved'})
                          RETURN s.overridden ORDER BY coalesce(s.seq, -1) DESC, s.at DESC
                          LIMIT 1 }[0], []) AS overridden
ORDER BY young_person_id, person_name, connection_id
