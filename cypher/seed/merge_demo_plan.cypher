// The demo case's timeline, celebration event and Lifelong Links plan, on fixed ids so loading
// twice changes nothing: timeline entries with the people they involve, the event with its
// guests, messages for the journey book and the young person's choices for it, and the plan's
// versions (kept as first written: a version is what was agreed then).
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  UNWIND $timeline AS row
  MERGE (e:TimelineEntry {id: row.id})
  SET e.kind = row.kind, e.title = row.title, e.place = row.place, e.since = row.since,
      e.until = row.until, e.note = row.note, e.user_id = row.user_id
  MERGE (yp)-[:TIMELINE]->(e)
  WITH e, row
  CALL (e, row) {
    UNWIND row.people AS pid
    MATCH (p:Person {id: pid})
    MERGE (e)-[:INVOLVES]->(p)
  }
}
CALL (yp) {
  UNWIND $events AS row
  MERGE (e:CelebrationEvent {id: row.id})
  SET e.on = row.on, e.place = row.place, e.title = row.title, e.notes = row.notes,
      e.user_id = row.user_id
  MERGE (yp)-[:HAS_EVENT]->(e)
  WITH yp, e, row
  CALL (yp, e, row) {
    UNWIND row.guests AS g
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection {id: g.connection_id})
    MERGE (e)-[i:INVITED]->(c)
    SET i.invited_on = g.invited_on, i.at = datetime(g.invited_on + 'T09:00:00Z'),
        i.attended = g.attended, i.offered = g.offered, i.user_id = row.user_id
  }
}
CALL (yp) {
  UNWIND $messages AS row
  MATCH (yp)-[:HAS_CONNECTION]->(c:Connection {id: row.connection_id})
  MERGE (m:Message {id: row.id})
  SET m.text = row.text, m.written_on = row.written_on, m.user_id = row.user_id
  MERGE (c)-[:WROTE]->(m)
}
CALL (yp) {
  UNWIND $books AS row
  MERGE (yp)-[:HAS_BOOK]->(b:JourneyBook)
  SET b += row
}
CALL (yp) {
  UNWIND $versions AS row
  MERGE (v:PlanVersion {key: yp.id + ':' + toString(row.number)})
  ON CREATE SET v.number = row.number, v.agreed_on = row.agreed_on,
                v.review_on = row.review_on, v.note = row.note, v.content = row.content,
                v.user_id = row.user_id, v.created_at = datetime(row.agreed_on + 'T17:00:00Z')
  MERGE (yp)-[:HAS_PLAN_VERSION]->(v)
}
RETURN yp.id AS id
