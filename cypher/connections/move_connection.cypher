// Move a connection to a stage, keeping who, when and why: only from the stage $expected
// that the move was decided on (compare-and-set; no row when the stage has changed). Each
// change is numbered in its connection's history (`seq`): the history is in that order, not
// the clock's, which a virtual machine's can set back. `overridden`: the flags and court
// orders in the household ("flag:<person id>", "order:<person id>") that a manager's written
// reason approved the person despite.
MATCH (c:Connection {id: $id})
WHERE c.stage = $expected
SET c.stage = $stage, c.updated_at = datetime()
CREATE (c)-[:STAGE_CHANGE]->(:StageChange {
  stage: $stage, at: datetime(), user_id: $user_id, reason: $reason,
  override_reason: $override_reason, overridden: $overridden, seq: COUNT { (c)-[:STAGE_CHANGE]->() }
})
RETURN c.id AS id
