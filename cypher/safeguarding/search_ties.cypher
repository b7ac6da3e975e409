// Safeguarding's search in one statement: breadth-first from the whole network ($network, ids)
// over family, partner, household and other declared ties, $max_steps rounds (1 to 4), then the
// flags and court orders of everyone met. One round trip however far it reaches: the rounds are
// written out below, each from the people first met in the round before, and a round past
// $max_steps runs over no one.
// Each round's steps: one step out from each person of its frontier, with what the step is and
// whom it reaches (a parent link by its kind: a foster carer or a step-parent is never said to
// be a parent, which a social worker reads as a birth parent). Steps into the network are left out: a chain ends at the first member it
// meets, so the search never needs them. A young person met on the way is marked with their
// team: a chain through another child's case shows them as a child known to the council, never
// by name or id (and `service.data.safeguarding` withholds whoever is met beyond them). Who
// lives with whom is among the living (as `fragments/household`): someone who has died lives
// with nobody. `service.data.safeguarding` traces the chains back in memory. Each step is a
// list (from id, to id, how, the team of a young person reached, name): the driver decodes a
// few hundred short lists far faster than as many maps with their keys. With them, for each
// person met who is not a young person, the cases that hold them or took them out ([young
// person's id, team, held]): `service.data.safeguarding` decides from it whom a chain may name.
MATCH (m:Person) WHERE m.id IN $network
WITH collect(m) AS met0
CALL (met0) {
  UNWIND CASE WHEN $max_steps >= 1 THEN met0 ELSE [] END AS a
  CALL (a) {
    MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(b:Person)
    WHERE NOT b.id IN $network
    RETURN b, CASE type(r)
        WHEN 'PARENT_OF' THEN CASE WHEN startNode(r) = a THEN
            CASE r.kind WHEN 'adoptive' THEN 'adopted child' WHEN 'step' THEN 'step-child'
                        WHEN 'foster' THEN 'foster child' ELSE 'child' END
          ELSE CASE r.kind WHEN 'adoptive' THEN 'adoptive parent' WHEN 'step' THEN 'step-parent'
                           WHEN 'foster' THEN 'foster carer' ELSE 'parent' END END
        WHEN 'PARTNER_OF' THEN CASE WHEN r.kind IN ['separated', 'divorced'] OR r.until IS NOT NULL
                                    THEN 'former partner' ELSE 'partner' END
        WHEN 'SIBLING_OF' THEN 'sibling'
        ELSE 'known through a trusted-adult tie' END AS how
    UNION
    MATCH (a)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(b:Person)
    WHERE l1.until IS NULL AND l2.until IS NULL AND b <> a AND NOT b.id IN $network
      AND coalesce(a.living, true) AND coalesce(b.living, true)
    RETURN b, 'lives with' AS how
  }
  RETURN collect([a.id, b.id, how,
                  CASE WHEN b:YoungPerson THEN coalesce(b.team, 'unknown') END,
                  trim(coalesce(b.given_name, '') + ' ' + coalesce(b.family_name, ''))])
           AS steps1,
         collect(DISTINCT b) AS met1
}
CALL (met1) {
  UNWIND CASE WHEN $max_steps >= 2 THEN met1 ELSE [] END AS a
  CALL (a) {
    MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(b:Person)
    WHERE NOT b.id IN $network
    RETURN b, CASE type(r)
        WHEN 'PARENT_OF' THEN CASE WHEN startNode(r) = a THEN
            CASE r.kind WHEN 'adoptive' THEN 'adopted child' WHEN 'step' THEN 'step-child'
                        WHEN 'foster' THEN 'foster child' ELSE 'child' END
          ELSE CASE r.kind WHEN 'adoptive' THEN 'adoptive parent' WHEN 'step' THEN 'step-parent'
                           WHEN 'foster' THEN 'foster carer' ELSE 'parent' END END
        WHEN 'PARTNER_OF' THEN CASE WHEN r.kind IN ['separated', 'divorced'] OR r.until IS NOT NULL
                                    THEN 'former partner' ELSE 'partner' END
        WHEN 'SIBLING_OF' THEN 'sibling'
        ELSE 'known through a trusted-adult tie' END AS how
    UNION
    MATCH (a)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(b:Person)
    WHERE l1.until IS NULL AND l2.until IS NULL AND b <> a AND NOT b.id IN $network
      AND coalesce(a.living, true) AND coalesce(b.living, true)
    RETURN b, 'lives with' AS how
  }
  RETURN collect([a.id, b.id, how,
                  CASE WHEN b:YoungPerson THEN coalesce(b.team, 'unknown') END,
                  trim(coalesce(b.given_name, '') + ' ' + coalesce(b.family_name, ''))])
           AS steps2,
         collect(DISTINCT b) AS met2
}
CALL (met1, met2) {
  UNWIND [x IN met1 | [x, 1]] + [x IN met2 | [x, 2]] AS seen
  WITH seen[0] AS x, min(seen[1]) AS round
  WHERE round = 2
  RETURN collect(x) AS new2
}
CALL (new2) {
  UNWIND CASE WHEN $max_steps >= 3 THEN new2 ELSE [] END AS a
  CALL (a) {
    MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(b:Person)
    WHERE NOT b.id IN $network
    RETURN b, CASE type(r)
        WHEN 'PARENT_OF' THEN CASE WHEN startNode(r) = a THEN
            CASE r.kind WHEN 'adoptive' THEN 'adopted child' WHEN 'step' THEN 'step-child'
                        WHEN 'foster' THEN 'foster child' ELSE 'child' END
          ELSE CASE r.kind WHEN 'adoptive' THEN 'adoptive parent' WHEN 'step' THEN 'step-parent'
                           WHEN 'foster' THEN 'foster carer' ELSE 'parent' END END
        WHEN 'PARTNER_OF' THEN CASE WHEN r.kind IN ['separated', 'divorced'] OR r.until IS NOT NULL
                                    THEN 'former partner' ELSE 'partner' END
        WHEN 'SIBLING_OF' THEN 'sibling'
        ELSE 'known through a trusted-adult tie' END AS how
    UNION
    MATCH (a)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(b:Person)
    WHERE l1.until IS NULL AND l2.until IS NULL AND b <> a AND NOT b.id IN $network
      AND coalesce(a.living, true) AND coalesce(b.living, true)
    RETURN b, 'lives with' AS how
  }
  RETURN collect([a.id, b.id, how,
                  CASE WHEN b:YoungPerson THEN coalesce(b.team, 'unknown') END,
                  trim(coalesce(b.given_name, '') + ' ' + coalesce(b.family_name, ''))])
           AS steps3,
         collect(DISTINCT b) AS met3
}
CALL (met1, met2, met3) {
  UNWIND [x IN met1 | [x, 1]] + [x IN met2 | [x, 2]] + [x IN met3 | [x, 3]] AS seen
  WITH seen[0] AS x, min(seen[1]) AS round
  WHERE round = 3
  RETURN collect(x) AS new3
}
CALL (new3) {
  UNWIND CASE WHEN $max_steps >= 4 THEN new3 ELSE [] END AS a
  CALL (a) {
    MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(b:Person)
    WHERE NOT b.id IN $network
    RETURN b, CASE type(r)
        WHEN 'PARENT_OF' THEN CASE WHEN startNode(r) = a THEN
            CASE r.kind WHEN 'adoptive' THEN 'adopted child' WHEN 'step' THEN 'step-child'
                        WHEN 'foster' THEN 'foster child' ELSE 'child' END
          ELSE CASE r.kind WHEN 'adoptive' THEN 'adoptive parent' WHEN 'step' THEN 'step-parent'
                           WHEN 'foster' THEN 'foster carer' ELSE 'parent' END END
        WHEN 'PARTNER_OF' THEN CASE WHEN r.kind IN ['separated', 'divorced'] OR r.until IS NOT NULL
                                    THEN 'former partner' ELSE 'partner' END
        WHEN 'SIBLING_OF' THEN 'sibling'
        ELSE 'known through a trusted-adult tie' END AS how
    UNION
    MATCH (a)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(b:Person)
    WHERE l1.until IS NULL AND l2.until IS NULL AND b <> a AND NOT b.id IN $network
      AND coalesce(a.living, true) AND coalesce(b.living, true)
    RETURN b, 'lives with' AS how
  }
  RETURN collect([a.id, b.id, how,
                  CASE WHEN b:YoungPerson THEN coalesce(b.team, 'unknown') END,
                  trim(coalesce(b.given_name, '') + ' ' + coalesce(b.family_name, ''))])
           AS steps4,
         collect(DISTINCT b) AS met4
}
// Which of the people met (the network included) have an active flag (level 1 to 3) or are kept
// by a current court order from contacting the young person, with the flags and orders.
CALL (met0, met1, met2, met3, met4) {
  UNWIND met0 + met1 + met2 + met3 + met4 AS p
  WITH DISTINCT p
  // Most people have neither: the cheap test first, the flags and orders only for those who do.
  WHERE EXISTS { (p)-[:HAS_FLAG]->() } OR EXISTS { (p)-[:RESTRICTED_BY_ORDER]->() }
  WITH p,
       COLLECT {
         MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'})
         OPTIONAL MATCH (u:User {id: f.author_id})
         WITH p, f, u ORDER BY f.level DESC, f.id  // before the map: `f` is the map after RETURN
         RETURN f {.id, .status, person_id: p.id,
                   raised_in: f.raised_in, details_of: coalesce(f.details_of, f.raised_in),
                   ask: coalesce(u.display_name, 'the author') + coalesce(', ' + u.job_title, '') +
                        coalesce(', team ' + u.team, ''),
                   content: f {.kind, .level, .source, .details, .raised_on, .review_on,
                               .expires_on}}
       } AS flags,
       COLLECT {
         MATCH (p)-[o:RESTRICTED_BY_ORDER]->(q:Person)
         WHERE o.until IS NULL OR o.until >= $today
         RETURN o {.id, .kind, .terms, .made_on, .until, .made_in, restricted_id: p.id,
                   protected_id: q.id,
                   protected_team: CASE WHEN q:YoungPerson THEN coalesce(q.team, 'unknown') END,
                   protected_held: q.id = $young_person_id
                     OR EXISTS { (q)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) },
                   made_in_team: COLLECT { MATCH (m:YoungPerson {id: o.made_in})
                                           RETURN coalesce(m.team, 'unknown') }[0]}
           ORDER BY o.id
       } AS orders
  WHERE size(flags) > 0 OR size(orders) > 0
  RETURN collect({person_id: p.id,
                  child_team: CASE WHEN p:YoungPerson THEN coalesce(p.team, 'unknown') END,
                  name: trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')),
                  flags: flags, orders: orders}) AS risks
}
// The cases that hold each person met beyond the network, or took them out: once a person.
CALL (met1, met2, met3, met4) {
  UNWIND met1 + met2 + met3 + met4 AS p
  WITH DISTINCT p
  WHERE NOT p:YoungPerson
  RETURN collect([p.id,
                  // fragment: person_cases
                 ]) AS cases
}
// One record holding the lists: the driver decodes one record far faster than many. With them,
// the members of the network who are young people of other cases (a sibling in care connected
// to this one), with their team: what is met beyond them is their case's.
RETURN [steps1, steps2, steps3, steps4] AS rounds, risks, cases,
       [m IN met0 WHERE m:YoungPerson AND m.id <> $young_person_id
        | [m.id, coalesce(m.team, 'unknown')]] AS member_children
