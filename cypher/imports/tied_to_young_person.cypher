// Whether any of the given people (an imported file's) has a tie of family with the young
// person: a parent link, a partnership or a sibling tie, either way round.
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN EXISTS {
  MATCH (yp)-[:PARENT_OF|PARTNER_OF|SIBLING_OF]-(p:Person)
  WHERE p.id IN $ids
} AS tied
