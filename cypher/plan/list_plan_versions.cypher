// The recorded versions of a young person's plan, oldest first (one when $number is given),
// with who recorded each; `content` is the plan as it read (JSON).
MATCH (yp:YoungPerson {id: $young_person_id})-[:HAS_PLAN_VERSION]->(v:PlanVersion)
WHERE $number IS NULL OR v.number = $number
OPTIONAL MATCH (u:User {id: v.user_id})
RETURN v.number AS number, v.agreed_on AS agreed_on, v.review_on AS review_on, v.note AS note,
       coalesce(u.display_name, v.user_id) AS recorded_by, toString(v.created_at) AS recorded_at,
       CASE WHEN $with_content THEN v.content END AS content
ORDER BY v.number
