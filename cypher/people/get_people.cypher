// Several people by id, as the API shows them, in the order of the ids given.
UNWIND range(0, size($ids) - 1) AS i
MATCH (p:Person {id: $ids[i]})
RETURN p {
  .id, .given_name, .family_name, .known_as, .sex, .birth_date, .death_date, .living, .notes,
  young_person: CASE WHEN p:YoungPerson THEN {status: p.care_status, team: p.team} END,
  external_ids: COLLECT {
    MATCH (p)-[:IDENTIFIED_BY]->(e:ExternalId)
    RETURN e {.system, .value} ORDER BY e.system, e.value
  }
} AS person
ORDER BY i
