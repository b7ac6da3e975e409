// What a young person's journey book may hold, as one record (`service.journey` decides what
// it does hold): the young person's choices (none until recorded); every connection with its
// stage, whether its person is still in the network, and what their approval overrode; the
// people in the plan with their commitments in force and whether they are living; the messages
// written for the young person; when each person joined the plan and each commitment, message
// and timeline entry was added (the book holds only what the young person has agreed to), as a
// day in London, as the day they agreed is (a message added at 00:30 in summer is of the day
// before in UTC), and whether after the agreement was recorded (`after`: on the day itself); and,
// for everyone the book could name ($ids: the family picture's people, and those found here),
// whether they were taken out of the network, the young person's wish about them, their role
// when they are a trusted adult, and the flags and court orders in their household now.
MATCH (yp:YoungPerson {id: $young_person_id})
OPTIONAL MATCH (yp)-[:HAS_BOOK]->(b:JourneyBook)
WITH yp, b,
  COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
    RETURN {person_id: p.id, stage: c.stage, connection_id: c.id,
      in_network: EXISTS { (p)-[:IN_NETWORK_OF]->(yp) },
      // What their latest approval overrode (their household's flags and orders now are read
      // with everyone's, below).
      overridden: coalesce(COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange {stage: 'approved'})
                                     RETURN s.overridden
                                     ORDER BY coalesce(s.seq, -1) DESC, s.at DESC LIMIT 1 }[0], [])}
  } AS connections,
  COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection {stage: 'in_plan'})-[:WITH]->(p:Person)
    WITH b, p, COLLECT { MATCH (c)-[:STAGE_CHANGE]->(s:StageChange {stage: 'in_plan'})
                         WHERE s.at IS NOT NULL RETURN s.at ORDER BY s.at DESC LIMIT 1 }[0] AS at,
         c
    RETURN {person_id: p.id, living: coalesce(p.living, true),
            added: CASE WHEN at IS NOT NULL
                        THEN toString(date(datetime({datetime: at,
                                                     timezone: 'Europe/London'}))) END,
            after: coalesce(at > b.updated_at, false),
            commitments: COLLECT { MATCH (c)-[:COMMITS]->(m:Commitment)
                                   WHERE m.until IS NULL
                                   RETURN m {.what, .every_days,
                                             added: CASE WHEN m.created_at IS NOT NULL
                                               THEN toString(date(datetime({
                                                 datetime: m.created_at,
                                                 timezone: 'Europe/London'}))) END,
                                             after: coalesce(m.created_at > b.updated_at,
                                                             false)}
                                   ORDER BY m.since, m.id }}
  } AS plan_people,
  COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
    MATCH (c)-[:WROTE]->(m:Message)
    RETURN {person_id: p.id, text: m.text, written_on: m.written_on,
            // None for the demo's, loaded as they were agreed (a null is no datetime).
            added: CASE WHEN m.created_at IS NOT NULL
                        THEN toString(date(datetime({datetime: m.created_at,
                                                     timezone: 'Europe/London'}))) END,
            after: coalesce(m.created_at > b.updated_at, false)}
    ORDER BY m.written_on, m.id
  } AS messages,
  COLLECT {
    MATCH (yp)-[:TIMELINE]->(:TimelineEntry)-[:INVOLVES]->(p:Person) RETURN DISTINCT p.id
  } AS named,
  // When each timeline entry was added (none for the demo's, loaded as they were agreed).
  COLLECT { MATCH (yp)-[:TIMELINE]->(e:TimelineEntry) WHERE e.created_at IS NOT NULL
            RETURN [e.id, toString(date(datetime({datetime: e.created_at,
                                                   timezone: 'Europe/London'}))),
                    coalesce(e.created_at > b.updated_at, false)] }
    AS entries_added
WITH yp, b, connections, plan_people, messages, entries_added,
     $ids + named + [c IN connections | c.person_id] AS ids
UNWIND (CASE WHEN ids = [] THEN [null] ELSE ids END) AS id
WITH yp, b, connections, plan_people, messages, entries_added, collect(DISTINCT id) AS ids
RETURN yp.id AS young_person_id,
  coalesce(yp.known_as, yp.given_name, trim(coalesce(yp.given_name, '') + ' ' +
           coalesce(yp.family_name, ''))) AS young_person_name,
  yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
  CASE WHEN b IS NULL THEN null
       ELSE b {.own_words, .family_picture, .people, .timeline, .messages, .leave_out,
               .agreed_on} END AS choices,
  connections, plan_people, messages, entries_added,
  COLLECT {
    UNWIND ids AS id
    MATCH (p:Person {id: id})
    WITH yp, p, [p] + [h IN COLLECT {
      // fragment: household
    }
      // The young person is not of the risks of their own carer's household.
      WHERE h <> yp] AS household
    WITH yp, p,
      // fragment: household_risks
      AS risks
    RETURN {
      person_id: p.id, name: [p.given_name, p.family_name, p.known_as],
      removed: EXISTS { (p)-[:REMOVED_FROM]->(yp) },
      wish: COLLECT { MATCH (yp)-[w:WISH]->(p) RETURN w.wish }[0],
      role: COLLECT { MATCH (p)-[t:TRUSTED_ADULT_OF]->(yp)
                      RETURN t.role ORDER BY t.until IS NULL DESC, t.since DESC LIMIT 1 }[0],
      // The flags and court orders in their household now (as get_household_risks).
      risks: risks
    }
  } AS people
