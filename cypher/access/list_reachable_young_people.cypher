// The ids of the young people whose cases the caller opens on $today: by allocation, or by team
// for managers.
MATCH (yp:YoungPerson)
WHERE ($role = 'manager' AND $team IS NOT NULL AND yp.team = $team)
   OR ($role IN ['coordinator', 'social_worker'] AND EXISTS {
        MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(yp)
        WHERE a.from <= date($today) AND (a.until IS NULL OR date($today) <= a.until)
      })
RETURN yp.id AS id
ORDER BY id
