// Move a connection to a stage, keeping who, when and why: only from the stage $expected
// that the move was decided on (compare-and-set; no row when the stage has changed).
MATCH (c:Connection {id: $id})
WHERE c.stage = $expected
SET c.stage = $stage, c.updated_at = datetime()
CREATE (c)-[:STAGE_CHANGE]->(:StageChange {
  stage: $stage, at: datetime(), user_id: $user_id, reason: $reason,
  override_reason: $override_reason
})
RETURN c.id AS id
