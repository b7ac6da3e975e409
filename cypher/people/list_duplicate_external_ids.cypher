// External ids held by more than one person (the same GEDCOM xref imported into two cases, a
// council system's id recorded twice): for merging. Each holder with whether they are a young
// person and the teams of the cases they are in, or that took them out and keep them (whose
// managers can restore them: a holder taken out of their one case was listed with no team);
// no names, no case data.
// A family tree file's xref names someone only within its file, and two files given the same
// source label both have an @I1@: its holders are listed only when each agrees with another
// on at least two of given name, family name and birth date, each recorded (one file imported
// into two cases; a second reader found two unrelated files' people paired for merging). A
// council system's id is the same person wherever it is held.
MATCH (p:Person)-[:IDENTIFIED_BY]->(e:ExternalId)
WITH e.system AS system, e.value AS value, collect(DISTINCT p) AS holders
WHERE size(holders) > 1
WITH system, value,
     CASE WHEN system STARTS WITH 'gedcom:' THEN
       [h IN holders WHERE any(o IN holders WHERE o <> h AND size([same IN [
          h.given_name <> '' AND toLower(o.given_name) = toLower(h.given_name),
          h.family_name <> '' AND toLower(o.family_name) = toLower(h.family_name),
          o.birth_date = h.birth_date] WHERE same]) >= 2)]
     ELSE holders END AS holders
WHERE size(holders) > 1
RETURN {system: system, value: value,
        holders: [h IN holders | {
          person_id: h.id, young_person: h:YoungPerson,
          teams: CASE WHEN h:YoungPerson THEN [h.team]
                      ELSE COLLECT { MATCH (h)-[:IN_NETWORK_OF|REMOVED_FROM]->(y:YoungPerson)
                                     RETURN DISTINCT y.team ORDER BY y.team } END
        }]} AS duplicate
ORDER BY duplicate.system, duplicate.value
LIMIT $limit
