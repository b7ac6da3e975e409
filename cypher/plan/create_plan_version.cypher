// Record the plan as agreed (at the celebration event, at a review): the next version of the
// young person's plan, kept as it read that day. The young person's lock is taken first, so two
// versions recorded at once are numbered one after the other (the key is unique besides), and
// one agreed before a version recorded meanwhile is not recorded (no row: the caller says why).
MATCH (yp:YoungPerson {id: $young_person_id})
SET yp._lock = true
REMOVE yp._lock
WITH yp
WHERE NOT EXISTS { (yp)-[:HAS_PLAN_VERSION]->(later:PlanVersion) WHERE later.agreed_on > $agreed_on }
WITH yp, COUNT { (yp)-[:HAS_PLAN_VERSION]->(:PlanVersion) } + 1 AS number
CREATE (yp)-[:HAS_PLAN_VERSION]->(v:PlanVersion {
  key: yp.id + ':' + toString(number), number: number, agreed_on: $agreed_on,
  review_on: $review_on, note: $note, content: $content, user_id: $user_id,
  created_at: datetime()
})
RETURN v.number AS number
