// Record the young person's wish about one person, or about a whole side of the family.
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  WITH yp WHERE $person_id IS NOT NULL
  MATCH (p:Person {id: $person_id})
  MERGE (yp)-[w:WISH]->(p)
  SET w.wish = $wish, w.recorded_at = datetime(), w.user_id = $user_id, w.note = $note
  RETURN count(*) AS done
  UNION
  WITH yp WHERE $side = 'maternal'
  SET yp.wish_maternal = $wish
  RETURN count(*) AS done
  UNION
  WITH yp WHERE $side = 'paternal'
  SET yp.wish_paternal = $wish
  RETURN count(*) AS done
}
// No row when nothing was recorded (the young person or the person not found): no audit record.
WITH sum(done) AS done WHERE done > 0
RETURN done
