// A young person's connections (or one of them), with the person, the stage, the last contact
// and the history of stages.
MATCH (yp:YoungPerson {id: $young_person_id})-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
WHERE ($id IS NULL OR c.id = $id) AND EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
RETURN c {.id, .stage, young_person_id: yp.id, person_id: p.id,
          person_name: trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')),
          last_contact: COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact) RETURN k.on
                                  ORDER BY k.on DESC LIMIT 1 }[0],
          // Ordered before the map is made: after `RETURN s {...}`, `s` in ORDER BY would be
          // the map, not the node.
          history: COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange)
                             OPTIONAL MATCH (u:User {id: s.user_id})
                             WITH s, u ORDER BY coalesce(s.seq, -1), s.at, s.stage
                             RETURN s {.stage, .reason, .override_reason, at: toString(s.at),
                                       by: coalesce(u.display_name, s.user_id)} }} AS connection
ORDER BY connection.person_name, connection.id
