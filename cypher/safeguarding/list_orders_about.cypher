// Current court orders keeping anyone from contacting this young person.
MATCH (x:Person)-[o:RESTRICTED_BY_ORDER]->(yp:YoungPerson {id: $young_person_id})
WHERE o.until IS NULL OR o.until >= $today
RETURN o {.id, .kind, .terms, .made_on, .until, restricted_id: x.id, protected_id: yp.id,
          restricted_name: trim(coalesce(x.given_name, '') + ' ' + coalesce(x.family_name, ''))}
       AS order
ORDER BY o.made_on DESC, o.id
