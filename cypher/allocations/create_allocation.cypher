// Allocate an enabled coordinator or social worker to a young person for a period.
MATCH (u:User {id: $user_id})
WHERE u.role IN ['coordinator', 'social_worker'] AND NOT u.disabled
MATCH (yp:YoungPerson {id: $young_person_id})
CREATE (u)-[a:ALLOCATED_TO {
  id: $id, from: date($from), until: CASE WHEN $until IS NULL THEN null ELSE date($until) END,
  created_at: datetime(), created_by: $actor_id
}]->(yp)
RETURN a.id AS id
