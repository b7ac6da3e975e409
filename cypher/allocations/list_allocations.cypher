// Who is allocated to a young person, current and past, newest first; current on $today (the
// date in Europe/London).
MATCH (u:User)-[a:ALLOCATED_TO]->(yp:YoungPerson {id: $young_person_id})
WHERE $id IS NULL OR a.id = $id
RETURN a {.id, user_id: u.id, username: u.username, display_name: u.display_name,
          role: u.role, young_person_id: yp.id, from: toString(a.from),
          until: toString(a.until),
          current: a.from <= date($today) AND (a.until IS NULL OR date($today) <= a.until)} AS allocation
ORDER BY a.from DESC, a.id
