// Whether the user already has an allocation to the young person overlapping a period, other
// than $other_than (the allocation whose period is being changed; null for a new one).
MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(:YoungPerson {id: $young_person_id})
WHERE ($other_than IS NULL OR a.id <> $other_than)
  // One withdrawn (ended the day before it began) was never in force.
  AND (a.until IS NULL OR a.from <= a.until)
  AND (a.until IS NULL OR date($from) <= a.until)
  AND ($until IS NULL OR a.from <= date($until))
RETURN count(a) > 0 AS overlaps
