// How many people of one case, other than $exclude, already hold one of $external_ids: the
// young person $young_person_id and their network, or, for a new young person ($team), the
// young people of that team. Holders in other cases are not looked at: a write is refused only
// for a duplicate its caller can see (other duplicates are listed for merging).
UNWIND $external_ids AS ext
MATCH (h:Person)-[:IDENTIFIED_BY]->(e:ExternalId {system: ext.system, value: ext.value})
WHERE h.id <> coalesce($exclude, '')
  // Another case's family tree xrefs are not this case's to see, nor to be refused by.
  AND (e.case IS NULL OR e.case = coalesce($young_person_id, h.id))
  AND (($young_person_id IS NOT NULL
        AND (h.id = $young_person_id
             OR EXISTS { (h)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) }))
    OR ($team IS NOT NULL AND h:YoungPerson AND h.team = $team))
RETURN count(DISTINCT h) AS held
