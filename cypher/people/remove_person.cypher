// Take a person out of the case $young_person_id. Someone who carries safeguarding history (a
// flag, a court order, a connection, an address, a timeline entry, a wish about them) or who
// is in another network, or was taken
// out of one before, is kept: their membership of this network becomes REMOVED_FROM (hidden,
// restorable by a manager), and nothing else changes. So is anyone whose parent or partner
// ties place others of this network on a side of the family while the young person has a wish
// about a side ("nobody from my dad's side"): deleting the father would take his ties with him
// and free his mother from the wish (`relatives.wish_sides` works the sides out with the people
// kept). Anyone else, recorded in this case alone and with none of that, is deleted with their
// external ids. A young person is never matched.
MATCH (p:Person {id: $id})-[m:IN_NETWORK_OF]->(yp:YoungPerson {id: $young_person_id})
WHERE NOT p:YoungPerson
WITH p, m, yp,
     EXISTS { (p)-[:HAS_FLAG]->(:Flag) } OR EXISTS { (p)-[:RESTRICTED_BY_ORDER]-(:Person) }
       OR EXISTS { (:Connection)-[:WITH]->(p) } OR EXISTS { (p)-[:LIVES_AT]->(:Address) }
       OR EXISTS { (:TimelineEntry)-[:INVOLVES]->(p) } OR EXISTS { (:YoungPerson)-[:WISH]->(p) }
       OR COUNT { (p)-[:IN_NETWORK_OF]->(:YoungPerson) } > 1
       OR EXISTS { (p)-[:REMOVED_FROM]->(:YoungPerson) }
       OR ((yp.wish_maternal IS NOT NULL OR yp.wish_paternal IS NOT NULL)
           AND EXISTS { (p)-[:PARENT_OF|PARTNER_OF]-(o:Person)
                        WHERE o = yp OR EXISTS { (o)-[:IN_NETWORK_OF]->(yp) } }) AS keep
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
