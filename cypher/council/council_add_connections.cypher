// Add the Lifelong Links connections of a synthetic council's young people, each with its
// history of stages, its contacts and its commitments; a connection the young person already
// has is left as it is (it was written whole, in one transaction).
UNWIND $rows AS row
MATCH (yp:Person {id: row.young_person_id})
WHERE NOT EXISTS { (yp)-[:HAS_CONNECTION]->(:Connection {id: row.id}) }
MATCH (p:Person {id: row.person_id})
CREATE (yp)-[:HAS_CONNECTION]->(c:Connection {
  id: row.id, stage: row.stage, created_at: datetime(row.created_at)
})-[:WITH]->(p)
WITH c, row
CALL (c, row) {
  UNWIND range(0, size(row.history) - 1) AS i
  WITH c, row, i, row.history[i] AS s
  CREATE (c)-[:STAGE_CHANGE]->(:StageChange {
    id: row.id + '-stage-' + toString(i), stage: s.stage, at: datetime(s.at),
    user_id: s.user_id, reason: s.reason, override_reason: null, seq: i
  })
}
CALL (c, row) {
  UNWIND row.contacts AS k
  CREATE (c)-[:HAD_CONTACT]->(:Contact {
    id: k.id, on: k.on, mode: k.mode, direction: k.direction, note: k.note,
    user_id: k.user_id, created_at: datetime(k.created_at)
  })
}
CALL (c, row) {
  UNWIND row.commitments AS m
  CREATE (c)-[:COMMITS]->(:Commitment {
    id: m.id, what: m.what, every_days: m.every_days, since: m.since, review_on: m.review_on,
    user_id: m.user_id, created_at: datetime(m.created_at)
  })
}
RETURN count(*) AS rows
