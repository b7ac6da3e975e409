// A young person's timeline in order, for the journey book.
MATCH (yp:YoungPerson {id: $young_person_id})-[:TIMELINE]->(e:TimelineEntry)
RETURN e {.id, .kind, .title, .place, .since, .until, .note,
          people: COLLECT { MATCH (e)-[:INVOLVES]->(p:Person)
                            WITH p ORDER BY p.id  // before the map, which `p` is after RETURN
                            RETURN p {person_id: p.id,
                                      name: trim(coalesce(p.given_name, '') + ' ' +
                                                 coalesce(p.family_name, ''))} }} AS entry
ORDER BY e.since, e.until, e.id
