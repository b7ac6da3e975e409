// The demo case's Lifelong Links work, on fixed ids so loading twice changes nothing: safety
// flags, court orders, connections with their stages, contacts and commitments, and wishes.
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  UNWIND $flags AS row
  MATCH (p:Person {id: row.person_id})
  MERGE (f:Flag {id: row.id})
  SET f += row.props, f.status = 'active', f.raised_in = yp.id
  MERGE (p)-[:HAS_FLAG]->(f)
}
CALL (yp) {
  UNWIND $orders AS row
  MATCH (a:Person {id: row.restricted_id})
  MATCH (b:Person {id: row.protected_id})
  MERGE (a)-[o:RESTRICTED_BY_ORDER {id: row.id}]->(b)
  SET o += row.props
}
CALL (yp) {
  UNWIND $connections AS row
  MATCH (p:Person {id: row.person_id})
  MERGE (c:Connection {id: row.id})
  SET c.stage = row.stage
  MERGE (yp)-[:HAS_CONNECTION]->(c)
  MERGE (c)-[:WITH]->(p)
  WITH c, row
  CALL (c, row) {
    UNWIND range(0, size(row.history) - 1) AS i
    MERGE (s:StageChange {id: row.id + '-stage-' + toString(i)})
    SET s.stage = row.history[i].stage, s.at = datetime(row.history[i].at),
        s.user_id = row.history[i].user_id, s.reason = row.history[i].reason,
        s.override_reason = null, s.seq = i
    MERGE (c)-[:STAGE_CHANGE]->(s)
  }
  CALL (c, row) {
    UNWIND row.contacts AS k
    MERGE (contact:Contact {id: k.id})
    SET contact += k
    MERGE (c)-[:HAD_CONTACT]->(contact)
  }
  CALL (c, row) {
    UNWIND row.commitments AS m
    MERGE (commitment:Commitment {id: m.id})
    SET commitment += m
    MERGE (c)-[:COMMITS]->(commitment)
  }
}
CALL (yp) {
  UNWIND $wishes AS row
  MATCH (p:Person {id: row.person_id})
  MERGE (yp)-[w:WISH]->(p)
  SET w.wish = row.wish, w.note = row.note, w.user_id = row.user_id,
      w.recorded_at = datetime(row.recorded_at)
}
RETURN yp.id AS id
