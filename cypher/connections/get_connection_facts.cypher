// What the stage rules need to know about a connection: its history, the active level-3 flags
// on the person, and the young person's wishes about them (the person's own, else their side's).
MATCH (yp:YoungPerson)-[:HAS_CONNECTION]->(c:Connection {id: $id})-[:WITH]->(p:Person)
RETURN c.id AS id, yp.id AS young_person_id, p.id AS person_id,
       COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange) RETURN s.stage ORDER BY s.at, s.stage }
         AS history,
       COLLECT { MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'}) WHERE f.level = 3
                 RETURN DISTINCT p.id } AS flagged,
       COLLECT { MATCH (yp)-[w:WISH]->(p) RETURN w.wish }[0] AS person_wish,
       yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal
