// A case's notes about a person: a young person's own notes when $via is the person (their
// case), otherwise on the person's membership of $via's network, so that what one case writes
// about a relative or carer they share with another case is not shown to it (`get_people`).
MATCH (p:Person {id: $id})
CALL (p) {
  WITH p WHERE p.id = $via
  SET p.notes = $notes
}
CALL (p) {
  WITH p WHERE p.id <> $via
  MATCH (p)-[m:IN_NETWORK_OF]->(:YoungPerson {id: $via})
  SET m.notes = $notes
}
RETURN p.id AS id
