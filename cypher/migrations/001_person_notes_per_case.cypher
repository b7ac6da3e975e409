// Notes on a relative or carer written before each case kept its own (on the person), moved to
// the membership of the one case whose they were: the person is in that one network alone and
// no case ever took them out of one. Notes whose case cannot be told stay where they were,
// shown to no case. A young person's own notes stay on them.
MATCH (p:Person)-[m:IN_NETWORK_OF]->(:YoungPerson)
WHERE p.notes IS NOT NULL AND NOT p:YoungPerson
  AND COUNT { (p)-[:IN_NETWORK_OF]->() } = 1 AND NOT EXISTS { (p)-[:REMOVED_FROM]->() }
SET m.notes = coalesce(m.notes, p.notes)
REMOVE p.notes
