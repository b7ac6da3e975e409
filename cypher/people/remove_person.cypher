// Take a person out of the case $young_person_id. Someone who carries safeguarding history (a
// flag, a court order, a connection, an address, a timeline entry, a wish about them) or who
// is in another network, or was taken
// out of one before, is kept: their membership of this network becomes REMOVED_FROM (hidden,
// restorable by a manager), and nothing else changes. So is anyone whose family ties join two
// others of this case (the young person, its network, the people it took out before): deleting
// the father would take his ties with him, lose how his mother is related to the child, and free
// her from a wish about his side of the family ("nobody from my dad's side": `relatives.wish_sides`
// works the sides out with the people kept). Someone tied to one other only (a brother, a wrong
// father, entered by mistake) joins nobody to anyone, and is deleted.
// Anyone else, recorded in this case alone and with none of that, is deleted with their
// external ids. A young person is never matched.
MATCH (p:Person {id: $id})-[m:IN_NETWORK_OF]->(yp:YoungPerson {id: $young_person_id})
WHERE NOT p:YoungPerson
WITH p, m, yp,
     EXISTS { (p)-[:HAS_FLAG]->(:Flag) } OR EXISTS { (p)-[:RESTRICTED_BY_ORDER]-(:Person) }
       OR EXISTS { (:Connection)-[:WITH]->(p) } OR EXISTS { (p)-[:LIVES_AT]->(:Address) }
       OR EXISTS { (:TimelineEntry)-[:INVOLVES]->(p) } OR EXISTS { (:YoungPerson)-[:WISH]->(p) }
       OR COUNT { (p)-[:IN_NETWORK_OF]->(:YoungPerson) } > 1
       OR EXISTS { (p)-[:REMOVED_FROM]->(:YoungPerson) }
       OR COUNT { MATCH (p)-[:PARENT_OF|PARTNER_OF|SIBLING_OF]-(o:Person)
                  WHERE o <> p AND (o = yp OR EXISTS { (o)-[:IN_NETWORK_OF|REMOVED_FROM]->(yp) })
                  RETURN DISTINCT o } >= 2 AS keep
CALL (p, m, yp, keep) {
  WITH p, m, yp WHERE keep
  CREATE (p)-[:REMOVED_FROM {at: datetime(), by: $user_id, notes: m.notes}]->(yp)
  DELETE m
  RETURN 'removed' AS outcome
  UNION
  WITH p, keep WHERE NOT keep
  OPTIONAL MATCH (p)-[:IDENTIFIED_BY]->(e:ExternalId)
  DETACH DELETE e
  WITH DISTINCT p
  DETACH DELETE p
  RETURN 'deleted' AS outcome
}
RETURN outcome
