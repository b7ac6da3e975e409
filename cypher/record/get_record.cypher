// Everything the service holds about a young person, for their own record (a subject access
// request), as one record: `service.record` decides what is theirs to have and what is another
// person's, withheld. Their own record, external ids and addresses; the workers allocated; the
// trusted adults' ties to them; their connections with the stages (who, when, why), contacts,
// commitments and messages; their wishes; their own safety flags; the court orders between them
// and anyone (either way); their plan's versions and journey book choices; and who has read or
// changed their case (the audit trail, by month). The family, the timeline
// and the events come from their own queries.
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN yp {.id, .given_name, .family_name, .known_as, .sex, .birth_date, .team,
           .notes, status: yp.care_status} AS person,
  COLLECT { MATCH (yp)-[:IDENTIFIED_BY]->(e:ExternalId)
            WHERE e.case IS NULL OR e.case = yp.id  // not another case's family tree ids
            RETURN e {.system, .value} ORDER BY e.system, e.value } AS external_ids,
  COLLECT { MATCH (yp)-[l:LIVES_AT]->(a:Address) WHERE l.line1 IS NOT NULL
            RETURN l {.line1, .line2, .since, .until, town: coalesce(l.town, ''),
                      postcode: coalesce(l.postcode, '')}
            ORDER BY l.since } AS addresses,
  COLLECT { MATCH (u:User)-[a:ALLOCATED_TO]->(yp)
            RETURN {name: u.display_name, role: u.role, job_title: u.job_title,
                    from: toString(a.from), until: toString(a.until)}
            ORDER BY a.from } AS workers,
  COLLECT { MATCH (p:Person)-[t:TRUSTED_ADULT_OF]->(yp)
            RETURN {person_id: p.id, role: t.role, since: t.since, until: t.until,
                    strength: t.strength,
                    // Each case's notes on the tie: theirs is picked (`relationships.notes_for`).
                    notes: {cases: coalesce(t.notes_cases, []),
                            texts: coalesce(t.notes_texts, [])}}
            ORDER BY t.since, p.id } AS adults,
  COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
    RETURN {
      person_id: p.id, stage: c.stage,
      history: COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange)
                         OPTIONAL MATCH (u:User {id: s.user_id})
                         WITH s, u ORDER BY coalesce(s.seq, -1), s.at
                         RETURN {stage: s.stage, at: toString(s.at), by: u.display_name,
                                 reason: s.reason, override_reason: s.override_reason} },
      contacts: COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact)
                          RETURN k {.on, .mode, .direction, .note} ORDER BY k.on },
      commitments: COLLECT { MATCH (c)-[:COMMITS]->(m:Commitment)
                             RETURN m {.what, .every_days, .since, .review_on, .until}
                             ORDER BY m.since },
      messages: COLLECT { MATCH (c)-[:WROTE]->(m:Message)
                          RETURN m {.text, .written_on} ORDER BY m.written_on }
    }
    ORDER BY p.id
  } AS connections,
  yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
  COLLECT { MATCH (yp)-[w:WISH]->(p:Person)
            RETURN {person_id: p.id, wish: w.wish, note: w.note} ORDER BY p.id } AS wishes,
  COLLECT { MATCH (yp)-[:HAS_FLAG]->(f:Flag)
            RETURN f {.kind, .level, .status, .source, .details, .raised_on, .review_on,
                      .expires_on} ORDER BY f.raised_on } AS flags,
  COLLECT { MATCH (p:Person)-[o:RESTRICTED_BY_ORDER]-(yp)
            RETURN {person_id: p.id, kind: o.kind, made_on: o.made_on, until: o.until,
                    terms: o.terms, protects_them: endNode(o) = yp} ORDER BY o.made_on } AS orders,
  COLLECT { MATCH (yp)-[:HAS_PLAN_VERSION]->(v:PlanVersion)
            RETURN v {.number, .agreed_on, .review_on, .note} ORDER BY v.number } AS versions,
  COLLECT { MATCH (yp)-[:HAS_BOOK]->(b:JourneyBook)
            RETURN b {.own_words, .agreed_on} }[0] AS book,
  // Who read or changed the case, by month: how many times each worker did each thing
  // (`service.record` says which were reads, changes and refusals, never what each change was:
  // a flag raised on someone else is theirs).
  // A worker is named when they worked on this case at the time (allocated to it that day, or a
  // manager of its team); one who changed a person this case shares through another case is "a
  // council worker": their name would tell the young person that another case, of another team,
  // holds their relative (or that a worker who has left their case still works on one).
  COLLECT { MATCH (e:AuditEvent {young_person_id: yp.id})
            OPTIONAL MATCH (u:User {id: e.user_id})
            WITH e, u, CASE WHEN e.at IS NOT NULL
                            THEN date(datetime({datetime: e.at, timezone: 'Europe/London'}))
                       END AS day
            WITH e, u, day, u IS NOT NULL
                 AND (EXISTS { (u)-[a:ALLOCATED_TO]->(yp)
                               WHERE a.from <= day AND (a.until IS NULL OR day <= a.until) }
                      OR (u.role = 'manager' AND u.team = yp.team)) AS ours
            // Nor their role (a manager's would say another team's).
            // The month in England, as `day` (a second reader: 00:30 on 1 May in summer time
            // was counted in April).
            WITH substring(toString(day), 0, 7) AS month,
                 CASE WHEN u IS NULL THEN 'the service' WHEN ours THEN u.display_name
                      ELSE 'a council worker' END AS who,
                 CASE WHEN u IS NULL OR ours THEN e.role END AS role,
                 e.action AS action, e.outcome AS outcome, count(*) AS times
            RETURN {month: month, who: who, role: role, action: action, outcome: outcome,
                    times: times}
            ORDER BY month, who, action, outcome } AS audit,
  // Everyone named in any of it, with what the record may say of them: their ids gathered
  // first, each then found by its index.
  COLLECT {
    WITH $ids + COLLECT { MATCH (yp)-[:HAS_CONNECTION]->(:Connection)-[:WITH]->(p:Person)
                          RETURN p.id }
              + COLLECT { MATCH (p:Person)-[:TRUSTED_ADULT_OF|RESTRICTED_BY_ORDER]-(yp)
                          RETURN p.id }
              + COLLECT { MATCH (yp)-[:WISH]->(p:Person) RETURN p.id } AS ids
    UNWIND ids AS pid
    WITH DISTINCT pid
    MATCH (p:Person {id: pid})
    RETURN {person_id: p.id, given_name: p.given_name, family_name: p.family_name,
            known_as: p.known_as, living: coalesce(p.living, true), birth_date: p.birth_date,
            // A family tree's range (`BET 2012 AND 2016`), and whether "not living" was only
            // the import's rule: what the record decides a child or a living person by.
            birth_earliest: p.birth_earliest, birth_latest: p.birth_latest,
            birth_written: p.birth_written,
            living_inferred: p.living_inferred,
            young_person: p:YoungPerson,
            trusted_adult: EXISTS { (p)-[:TRUSTED_ADULT_OF]->(yp) },
            // Taken out of the network by the case (kept, hidden): not named.
            taken_out: EXISTS { (p)-[:REMOVED_FROM]->(yp) }
                       AND NOT EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }}
  } AS people
