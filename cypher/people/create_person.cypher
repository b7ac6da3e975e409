// Create a person in a young person's network (IN_NETWORK_OF), with their external ids and
// this case's notes about them (kept on the membership: another case that comes to hold the
// person has notes of its own, `get_people`).
// Fails on the external id constraint when another person already has one of the ids.
MATCH (yp:YoungPerson {id: $young_person_id})
CREATE (p:Person {id: $id})
SET p += $fields, p.created_at = datetime(), p.updated_at = datetime()
CREATE (p)-[:IN_NETWORK_OF {notes: $notes}]->(yp)
WITH p
CALL (p) {
  UNWIND $external_ids AS ext
  CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {system: ext.system, value: ext.value})
}
RETURN p.id AS id
