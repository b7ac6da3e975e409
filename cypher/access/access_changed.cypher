// When a user's way to a young person's case last changed: one of their allocations to them
// made or its end changed, the case moved team, or the user's role or team changed (or they
// were disabled). An embed link made before then stops working, even once the user reaches
// the case again (`service.routes.maps`).
MATCH (yp:YoungPerson {id: $young_person_id})
OPTIONAL MATCH (u:User {id: $user_id})
RETURN [t IN [yp.team_since, u.access_changed_at, u.last_disabled_at] + COLLECT {
          MATCH (:User {id: $user_id})-[a:ALLOCATED_TO]->(yp)
          RETURN coalesce(a.changed_at, a.created_at)
        } WHERE t IS NOT NULL] AS changes
