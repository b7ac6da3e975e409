// The recorded versions of a young person's plan, oldest first (one when $number is given),
// with who recorded each; `content` is the plan as it read (JSON), and `taken_out` the people
// the case has taken out of the network since, whom reads of it no longer show.
MATCH (yp:YoungPerson {id: $young_person_id})-[:HAS_PLAN_VERSION]->(v:PlanVersion)
WHERE $number IS NULL OR v.number = $number
OPTIONAL MATCH (u:User {id: v.user_id})
RETURN v.number AS number, v.agreed_on AS agreed_on, v.review_on AS review_on, v.note AS note,
       coalesce(u.display_name, v.user_id) AS recorded_by, toString(v.created_at) AS recorded_at,
       CASE WHEN $with_content THEN v.content END AS content,
       CASE WHEN $with_content THEN [(p:Person)-[:REMOVED_FROM]->(yp) | p.id] END AS taken_out
ORDER BY v.number
