// A young person's timeline in order, for the journey book. Each person's name as its parts
// (`timeline_entries` names them as everywhere else), and the cases that hold them or took
// them out ([young person's id, team, held]: `discovery.timeline` names only whom this case
// may).
MATCH (yp:YoungPerson {id: $young_person_id})-[:TIMELINE]->(e:TimelineEntry)
RETURN e {.id, .kind, .title, .place, .since, .until, .note,
          people: COLLECT { MATCH (e)-[:INVOLVES]->(p:Person)
                            WITH p ORDER BY p.id  // before the map, which `p` is after RETURN
                            RETURN p {person_id: p.id,
                                      name: [p.given_name, p.family_name, p.known_as],
                                      cases:
                                        // fragment: person_cases
                                     } }} AS entry
ORDER BY e.since, e.until, e.id
