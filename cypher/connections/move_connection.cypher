// Move a connection to a stage, keeping who, when and why.
MATCH (c:Connection {id: $id})
SET c.stage = $stage, c.updated_at = datetime()
CREATE (c)-[:STAGE_CHANGE]->(:StageChange {
  stage: $stage, at: datetime(), user_id: $user_id, reason: $reason,
  override_reason: $override_reason
})
RETURN c.id AS id
