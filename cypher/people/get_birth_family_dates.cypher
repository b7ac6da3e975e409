// The recorded birth dates of a person's birth parents and birth children within one case (the
// young person and their network), and of their adoptive parents and foster carers and the
// children they adopted or foster, to check a new birth date against: a date in another case
// is not looked at, so the answer tells nothing of it.
MATCH (p:Person {id: $id})
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN [(x:Person)-[:PARENT_OF {kind: 'birth'}]->(p)
          WHERE x.birth_date IS NOT NULL AND (x = yp OR (x)-[:IN_NETWORK_OF]->(yp))
          | x.birth_date] AS parents,
       [(p)-[:PARENT_OF {kind: 'birth'}]->(c:Person)
          WHERE c.birth_date IS NOT NULL AND (c = yp OR (c)-[:IN_NETWORK_OF]->(yp))
          | c.birth_date] AS children,
       [(x:Person)-[l:PARENT_OF]->(p)
          WHERE l.kind IN ['adoptive', 'foster'] AND x.birth_date IS NOT NULL
            AND (x = yp OR (x)-[:IN_NETWORK_OF]->(yp))
          | x.birth_date] AS raising,
       [(p)-[l:PARENT_OF]->(c:Person)
          WHERE l.kind IN ['adoptive', 'foster'] AND c.birth_date IS NOT NULL
            AND (c = yp OR (c)-[:IN_NETWORK_OF]->(yp))
          | c.birth_date] AS raised
