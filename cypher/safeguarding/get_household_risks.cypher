// For approving contact between a person and a young person: for the person and each of the
// people living with them, their active safety flags at the level that blocks approval
// ($blocking_level, from `service.workflow`) and the current court orders between them and the
// young person (either way), as "flag:<id>" and "order:<id>": [who, flags, orders].
MATCH (p:Person {id: $person_id})
MATCH (yp:YoungPerson {id: $young_person_id})
WITH p, yp, [p] + COLLECT {
  // Those living with them: at their current address, and their current partner (married,
  // civil or living together: a partner need not have an address recorded to share one), who
  // are alive (a late husband's flag is no risk in his widow's home).
  // The young person is not of their own carer's household's risks.
  MATCH (p)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(h:Person)
  WHERE l1.until IS NULL AND l2.until IS NULL AND h <> p AND coalesce(h.living, true) AND h <> yp
  RETURN h
  UNION
  MATCH (p)-[r:PARTNER_OF]-(h:Person)
  WHERE r.until IS NULL AND NOT coalesce(r.kind IN ['separated', 'divorced'], false)
    AND h <> p AND h <> yp AND coalesce(h.living, true)
  RETURN h
} AS household
// A young person of another case in the household is counted, never named by id.
RETURN [h IN household |
          [CASE WHEN h:YoungPerson AND h <> yp THEN 'a child known to the council' ELSE h.id END,
           [(h)-[:HAS_FLAG]->(f:Flag {status: 'active'}) WHERE f.level >= $blocking_level
            | 'flag:' + f.id],
           [(h)-[o:RESTRICTED_BY_ORDER]-(yp) WHERE o.until IS NULL OR o.until >= $today
            | 'order:' + o.id]]] AS risks
