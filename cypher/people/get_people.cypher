// Several people by id, as the API shows them, in the order of the ids given, each read through
// a case ($via[i]: the young person through whom the caller reaches them). Notes are that
// case's own (`set_person_notes`): a young person's on them; anyone else's on their membership
// of the case's network (notes written on the person before then were moved there when their
// case could be told: `cypher/migrations/`).
UNWIND range(0, size($ids) - 1) AS i
MATCH (p:Person {id: $ids[i]})
WITH i, p, $via[i] AS via
RETURN p {
  .id, .given_name, .family_name, .known_as, .sex, .birth_date, .death_date, .living,
  notes: CASE WHEN p.id = via THEN p.notes
              ELSE COLLECT { MATCH (p)-[m:IN_NETWORK_OF]->(:YoungPerson {id: via})
                             RETURN m.notes }[0] END,
  .living_inferred,
  birth_date_written: CASE WHEN p.birth_written IS NOT NULL THEN {written: p.birth_written,
    qualifier: p.birth_qualifier, earliest: p.birth_earliest, latest: p.birth_latest} END,
  death_date_written: CASE WHEN p.death_written IS NOT NULL THEN {written: p.death_written,
    qualifier: p.death_qualifier, earliest: p.death_earliest, latest: p.death_latest} END,
  young_person: CASE WHEN p:YoungPerson THEN {status: p.care_status, team: p.team} END,
  flags: COLLECT {
    MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'})
    OPTIONAL MATCH (u:User {id: f.author_id})
    WITH p, f, u ORDER BY f.raised_on DESC, f.id  // before the map: `f` is the map after RETURN
    RETURN f {.id, .status, person_id: p.id,
              raised_in: f.raised_in, details_of: coalesce(f.details_of, f.raised_in),
              ask: coalesce(u.display_name, 'the author') + coalesce(', ' + u.job_title, '') +
               coalesce(', team ' + u.team, ''),
              content: f {.kind, .level, .source, .details, .raised_on, .review_on, .expires_on}}
  },
  address: COLLECT {
    MATCH (p)-[l:LIVES_AT]->(a:Address) WHERE l.until IS NULL AND l.line1 IS NOT NULL
    // As typed for this person (`move_house`; migration 007 for homes recorded before).
    // A home an older record left without a town or postcode reads them as empty.
    RETURN l {.line1, .line2, .since, town: coalesce(l.town, ''),
              postcode: coalesce(l.postcode, '')} ORDER BY l.since DESC LIMIT 1
  }[0],
  // A family tree file's ids are the case's that imported it (`e.case`): not shown through
  // another case (the default system names that case's young person). Others are everyone's.
  external_ids: COLLECT {
    MATCH (p)-[:IDENTIFIED_BY]->(e:ExternalId) WHERE e.case IS NULL OR e.case = via
    RETURN e {.system, .value} ORDER BY e.system, e.value
  }
} AS person
ORDER BY i
