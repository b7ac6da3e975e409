// The young person's wishes: about each side, and about named people.
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN yp.wish_maternal AS maternal, yp.wish_paternal AS paternal,
       COLLECT { MATCH (yp)-[w:WISH]->(p:Person)
                 RETURN w {.wish, .note, person_id: p.id, recorded_at: toString(w.recorded_at)}
                 ORDER BY p.id } AS people
