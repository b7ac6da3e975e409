// A person's dates and life status, to check a change against what is already recorded.
MATCH (p:Person {id: $id})
RETURN p.birth_date AS birth_date, p.death_date AS death_date, p.living AS living,
       p.living_inferred AS living_inferred, coalesce(p.living_recorded, false) AS recorded,
       p:YoungPerson AS is_young_person,
       CASE WHEN p:YoungPerson THEN p.team END AS team
