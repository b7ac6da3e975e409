// Record the wishes of a synthetic council's young people: about named people, and about a
// whole side of the family.
CALL () {
  UNWIND $people AS row
  MATCH (yp:Person {id: row.young_person_id})
  MATCH (p:Person {id: row.person_id})
  MERGE (yp)-[w:WISH]->(p)
  SET w.wish = row.wish, w.note = row.note, w.user_id = row.user_id,
      w.recorded_at = datetime(row.recorded_at)
  RETURN count(*) AS named
}
CALL () {
  UNWIND $sides AS row
  MATCH (yp:Person {id: row.young_person_id})
  CALL (yp, row) {
    WITH yp, row WHERE row.side = 'maternal'
    SET yp.wish_maternal = row.wish
    UNION
    WITH yp, row WHERE row.side = 'paternal'
    SET yp.wish_paternal = row.wish
  }
  RETURN count(*) AS sides
}
RETURN named + sides AS rows
