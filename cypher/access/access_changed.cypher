// When a user's way to a young person's case last changed: one of their allocations to them
// made or its end changed, or the case moved team. An embed link made before then stops
// working, even once the user reaches the case again (`service.routes.maps`).
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN [t IN [yp.team_since] + COLLECT {
          MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(yp)
          RETURN coalesce(a.changed_at, a.created_at)
        } WHERE t IS NOT NULL] AS changes
