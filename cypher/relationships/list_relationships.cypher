// The relationships a person is an end of, with the people of the cases $within (young
// people's ids): those young people and the members of their networks. Ties to people
// recorded only under another case (a foster carer's other foster child) are not listed, nor
// ties to another case's young person recorded in these networks (a sibling in care): their
// kind, role and notes are that case's record (the sibling shows as a relative). Notes on a
// tie are each case's own (`relationships.notes_for`).
MATCH (p:Person {id: $id})-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(o:Person)
WHERE o.id IN $within
   OR (NOT o:YoungPerson
       AND EXISTS { (o)-[:IN_NETWORK_OF]->(n:YoungPerson) WHERE n.id IN $within })
WITH DISTINCT r
MATCH (a:Person)-[r]->(b:Person)
RETURN r {.id, .kind, .since, .since_written, .until, .half, .role, .strength, .stressful,
          type: CASE type(r)
                  WHEN 'PARENT_OF' THEN 'parent' WHEN 'PARTNER_OF' THEN 'partner'
                  WHEN 'SIBLING_OF' THEN 'sibling' ELSE 'trusted_adult' END,
          from_id: a.id, to_id: b.id} AS relationship,
       // Each case's notes, as for one relationship (`get_relationship`), and the cases that
       // hold both ends: the notes shown are the first of $within's to hold them.
       {cases: coalesce(r.notes_cases, []), texts: coalesce(r.notes_texts, []),
        held_by: [(a)-[:IN_NETWORK_OF]->(y:YoungPerson) WHERE y = b OR (b)-[:IN_NETWORK_OF]->(y)
                  | y.id]
                 + [(b)-[:IN_NETWORK_OF]->(a) WHERE a:YoungPerson | a.id]} AS notes
ORDER BY relationship.type, relationship.id
