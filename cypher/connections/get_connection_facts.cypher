// What the stage rules need to know about a connection: its history and the young person's
// wishes (about the person, and about each side of the family), whether the person is still in
// the young person's network, and the people whose flag or order the latest approval overrode. The household's flags and
// orders are read by get_household_risks.
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(c:Connection {id: $id})-[:WITH]->(p:Person)
RETURN c.id AS id, yp.id AS young_person_id, p.id AS person_id,
       COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange) RETURN s.stage
                 ORDER BY coalesce(s.seq, -1), s.at, s.stage }
         AS history,
       COLLECT { MATCH (yp)-[w:WISH]->(p) RETURN w.wish }[0] AS person_wish,
       yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
       EXISTS { (p)-[:IN_NETWORK_OF]->(yp) } AS in_network,
       coalesce(COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange {stage: 'approved'})
                          RETURN s.overridden ORDER BY coalesce(s.seq, -1) DESC, s.at DESC
                          LIMIT 1 }[0], []) AS overridden
