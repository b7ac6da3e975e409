// Create a young person (in care or a care leaver) held by a team, with their external ids.
CREATE (p:Person:YoungPerson {id: $id})
SET p += $fields, p.care_status = $status, p.team = $team,
    p.created_at = datetime(), p.updated_at = datetime()
WITH p
CALL (p) {
  UNWIND $external_ids AS ext
  CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {system: ext.system, value: ext.value})
}
RETURN p.id AS id
