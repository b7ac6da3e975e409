// One relationship by id, with its type and ends.
MATCH (a:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF {id: $id}]->(b:Person)
RETURN r {.*, type: CASE type(r)
                      WHEN 'PARENT_OF' THEN 'parent' WHEN 'PARTNER_OF' THEN 'partner'
                      WHEN 'SIBLING_OF' THEN 'sibling' ELSE 'trusted_adult' END,
          from_id: a.id, to_id: b.id} AS relationship
