// The people taken out of the case $young_person_id and kept: who, when and by whom.
MATCH (p:Person)-[r:REMOVED_FROM]->(:YoungPerson {id: $young_person_id})
WHERE NOT EXISTS { (p)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) }
RETURN {person_id: p.id, given_name: p.given_name, family_name: p.family_name,
        known_as: p.known_as, removed_at: toString(r.at), removed_by: r.by,
        // The cases that hold them or took them out: another case's now, their name is that
        // case's (`removal.list_removed`).
        cases:
          // fragment: person_cases
       } AS removed
// By the time itself: its text drops a fraction's trailing zeros (.12 would sort after .123).
ORDER BY r.at DESC, removed.person_id
