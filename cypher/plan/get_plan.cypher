// What a young person's Lifelong Links plan is made of, as one record: the young person; the
// people in the plan (connections at `in_plan` whose person is still in the network) with
// whether they are living, their commitments, their role when they are a trusted adult, the young person's wish about them, and
// the flags and court orders in their household now; the workers allocated today (whom to contact); and the
// celebration events with who came. `service.plan` decides what the plan says.
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN yp.id AS young_person_id,
  trim(coalesce(yp.given_name, '') + ' ' + coalesce(yp.family_name, '')) AS young_person_name,
  yp.known_as AS known_as, yp.given_name AS given_name,
  yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
  COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection {stage: 'in_plan'})-[:WITH]->(p:Person)
    WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
    WITH yp, c, p, [p] + [h IN COLLECT {
      // fragment: household
    }
      // The young person is not of the risks of their own carer's household.
      WHERE h <> yp] AS household
    WITH yp, c, p,
      // fragment: household_risks
      AS risks
    RETURN {
      connection_id: c.id, person_id: p.id, given_name: p.given_name,
      family_name: p.family_name, known_as: p.known_as, sex: p.sex,
      living: coalesce(p.living, true),
      role: COLLECT { MATCH (p)-[t:TRUSTED_ADULT_OF]->(yp) RETURN t.role
                      ORDER BY t.until IS NULL DESC, t.since DESC LIMIT 1 }[0],
      wish: COLLECT { MATCH (yp)-[w:WISH]->(p) RETURN w.wish }[0],
      // The person's household now (themselves and those living with them): the flags at the
      // blocking level and the court orders of each (as get_household_risks), and what their
      // latest approval overrode.
      risks: risks,
      overridden: coalesce(COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange {stage: 'approved'})
                                     RETURN s.overridden
                                     ORDER BY coalesce(s.seq, -1) DESC, s.at DESC LIMIT 1 }[0], []),
      // In force: a decline or a withdrawn approval ends the commitments made before it.
      commitments: COLLECT {
        MATCH (c)-[:COMMITS]->(m:Commitment) WHERE m.until IS NULL
        RETURN m {.id, .what, .every_days, .since, .review_on}
        ORDER BY m.since, m.id
      }
    }
    ORDER BY c.id
  } AS people,
  COLLECT {
    MATCH (u:User)-[a:ALLOCATED_TO]->(yp)
    WHERE a.from <= date($today) AND (a.until IS NULL OR date($today) <= a.until)
    RETURN {name: u.display_name, role: u.role, job_title: u.job_title, team: u.team}
    ORDER BY u.role, u.display_name
  } AS workers,
  COLLECT {
    MATCH (yp)-[:HAS_EVENT]->(e:CelebrationEvent)
    RETURN {id: e.id, on: e.on, place: e.place, title: e.title,
            attended: COLLECT { MATCH (e)-[g:INVITED {attended: true}]->(:Connection)
                                RETURN g.offered }}
    ORDER BY e.on, e.id
  } AS events
