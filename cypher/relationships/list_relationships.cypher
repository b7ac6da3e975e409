// The relationships a person is an end of.
MATCH (p:Person {id: $id})-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(:Person)
WITH DISTINCT r
MATCH (a:Person)-[r]->(b:Person)
RETURN r {.*, type: CASE type(r)
                      WHEN 'PARENT_OF' THEN 'parent' WHEN 'PARTNER_OF' THEN 'partner'
                      WHEN 'SIBLING_OF' THEN 'sibling' ELSE 'trusted_adult' END,
          from_id: a.id, to_id: b.id} AS relationship
ORDER BY relationship.type, relationship.id
