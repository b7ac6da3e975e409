// One person as the API shows them, with their external ids, young-person details and
// active safety flags.
MATCH (p:Person {id: $id})
RETURN p {
  .id, .given_name, .family_name, .known_as, .sex, .birth_date, .death_date, .living, .notes,
  young_person: CASE WHEN p:YoungPerson THEN {status: p.care_status, team: p.team} END,
  flags: COLLECT {
    MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'})
    OPTIONAL MATCH (u:User {id: f.author_id})
    RETURN f {.id, .status, person_id: p.id,
              ask: coalesce(u.display_name, 'the author') + coalesce(', ' + u.job_title, '') +
               coalesce(', team ' + u.team, ''),
              content: f {.kind, .level, .source, .details, .raised_on, .review_on, .expires_on}}
    ORDER BY f.raised_on DESC, f.id
  },
  address: COLLECT {
    MATCH (p)-[l:LIVES_AT]->(a:Address) WHERE l.until IS NULL
    RETURN a {.line1, .line2, .town, .postcode, since: l.since} ORDER BY l.since DESC LIMIT 1
  }[0],
  external_ids: COLLECT {
    MATCH (p)-[:IDENTIFIED_BY]->(e:ExternalId)
    RETURN e {.system, .value} ORDER BY e.system, e.value
  }
} AS person
