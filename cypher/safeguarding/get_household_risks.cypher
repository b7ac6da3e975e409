// For approving contact between a person and a young person: for the person and each of the
// people living with them, their active safety flags at the level that blocks approval
// ($blocking_level, from `service.workflow`) and the current court orders between them and the
// young person (either way), as "flag:<id>" and "order:<id>": [who, flags, orders].
MATCH (p:Person {id: $person_id})
MATCH (yp:YoungPerson {id: $young_person_id})
WITH p, yp, [p] + [h IN COLLECT {
  // fragment: household
}
  // The young person is not of the risks of their own carer's household.
  WHERE h <> yp] AS household
// A young person of another case in the household is counted, never named by id.
RETURN [h IN household |
          [CASE WHEN h:YoungPerson AND h <> yp THEN 'a child known to the council' ELSE h.id END,
           [(h)-[:HAS_FLAG]->(f:Flag {status: 'active'}) WHERE f.level >= $blocking_level
            | 'flag:' + f.id],
           [(h)-[o:RESTRICTED_BY_ORDER]-(yp) WHERE o.until IS NULL OR o.until >= $today
            | 'order:' + o.id]]] AS risks
