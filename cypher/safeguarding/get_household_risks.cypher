// For approving contact between a person and a young person: who among the person and the
// people living with them has an active level-3 safety flag, and who is kept by a current
// court order from contacting the young person.
MATCH (p:Person {id: $person_id})
MATCH (yp:YoungPerson {id: $young_person_id})
WITH p, yp, [p] + COLLECT {
  MATCH (p)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(h:Person)
  WHERE l1.until IS NULL AND l2.until IS NULL AND h <> p
  RETURN DISTINCT h
} AS household
RETURN [h IN household WHERE EXISTS {
          (h)-[:HAS_FLAG]->(f:Flag {status: 'active'}) WHERE f.level = 3
        } | h.id] AS flagged,
       [h IN household WHERE EXISTS {
          (h)-[o:RESTRICTED_BY_ORDER]->(yp) WHERE o.until IS NULL OR o.until >= $today
        } | h.id] AS restricted
