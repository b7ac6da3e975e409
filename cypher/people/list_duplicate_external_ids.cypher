// External ids held by more than one person (the same GEDCOM xref imported into two cases, a
// council system's id recorded twice): for merging. Each holder with whether they are a young
// person and the teams of the cases they are in; no names, no case data.
MATCH (p:Person)-[:IDENTIFIED_BY]->(e:ExternalId)
WITH e.system AS system, e.value AS value, collect(DISTINCT p) AS holders
WHERE size(holders) > 1
RETURN {system: system, value: value,
        holders: [h IN holders | {
          person_id: h.id, young_person: h:YoungPerson,
          teams: CASE WHEN h:YoungPerson THEN [h.team]
                      ELSE COLLECT { MATCH (h)-[:IN_NETWORK_OF]->(y:YoungPerson)
                                     RETURN DISTINCT y.team ORDER BY y.team } END
        }]} AS duplicate
ORDER BY duplicate.system, duplicate.value
LIMIT $limit
