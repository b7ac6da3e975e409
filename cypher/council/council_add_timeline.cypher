// Add entries to the timelines of a synthetic council's young people, with the people each
// involves; an entry already on the young person's timeline is left as it is.
UNWIND $rows AS row
MATCH (yp:Person {id: row.young_person_id})
WHERE NOT EXISTS { (yp)-[:TIMELINE]->(:TimelineEntry {id: row.id}) }
CREATE (yp)-[:TIMELINE]->(e:TimelineEntry {
  id: row.id, kind: row.kind, title: row.title, place: row.place, since: row.since,
  until: row.until, note: row.note, user_id: row.user_id, created_at: datetime($at)
})
WITH e, row
CALL (e, row) {
  UNWIND row.people AS pid
  MATCH (p:Person {id: pid})
  CREATE (e)-[:INVOLVES]->(p)
}
RETURN count(*) AS rows
