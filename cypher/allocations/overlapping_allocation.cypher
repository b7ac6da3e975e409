// Whether the user already has an allocation to the young person overlapping a period.
MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(:YoungPerson {id: $young_person_id})
WHERE (a.until IS NULL OR date($from) <= a.until)
  AND ($until IS NULL OR a.from <= date($until))
RETURN count(a) > 0 AS overlaps
