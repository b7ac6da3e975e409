// What suggestions are made from: who is already a connection, the young person's wishes (about
// people, and about each side of the family: `service.workflow.effective_wish` decides), the
// former trusted adults, and the people named in the timeline (of them, only the people still
// in the young person's network: someone taken out of the case is not suggested).
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN COLLECT { MATCH (yp)-[:HAS_CONNECTION]->(:Connection)-[:WITH]->(p) RETURN p.id }
         AS connected,
       COLLECT { MATCH (yp)-[w:WISH]->(p) RETURN {person_id: p.id, wish: w.wish} } AS wishes,
       yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
       COLLECT { MATCH (a:Person)-[t:TRUSTED_ADULT_OF]->(yp)
                 WHERE t.until IS NOT NULL AND t.until < $today AND coalesce(a.living, true)
                   AND EXISTS { (a)-[:IN_NETWORK_OF]->(yp) }
                 RETURN {person_id: a.id, role: t.role, until: t.until,
                         strength: coalesce(t.strength, 'moderate'),
                         stressful: coalesce(t.stressful, false),
                         name: trim(coalesce(a.given_name, '') + ' ' +
                                    coalesce(a.family_name, ''))} } AS former,
       COLLECT { MATCH (yp)-[:TIMELINE]->(e:TimelineEntry)-[:INVOLVES]->(p:Person)
                 WHERE coalesce(p.living, true) AND EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
                 RETURN {person_id: p.id, title: e.title, since: e.since, until: e.until,
                         name: trim(coalesce(p.given_name, '') + ' ' +
                                    coalesce(p.family_name, ''))} } AS named
