// What says whether contact with a young person's people has lapsed, for
// `service.workflow.connection_lapse` and `former_role_lapse` to decide (the same rows as
// `get_network` gives a map), of the people in the network (not those the case took out):
// - each connection with its stage, whether the person is living, the last contact and the
//   commitment in force with the shortest interval ([since, every_days, what]);
// - each trusted-adult tie that has an end date, with its role and the adult.
MATCH (yp:YoungPerson {id: $young_person_id})
RETURN
  COLLECT {
    MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
    WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
    RETURN {
      person_id: p.id, connection_id: c.id, stage: c.stage, living: p.living,
      person_name: trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')),
      last_contact: COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact) RETURN k.on
                              ORDER BY k.on DESC LIMIT 1 }[0],
      commitment: COLLECT { MATCH (c)-[:COMMITS]->(m:Commitment)
                            WHERE m.since <= $today AND m.until IS NULL
                            RETURN [m.since, m.every_days, m.what]
                            ORDER BY m.every_days LIMIT 1 }[0]
    } AS row
  } AS connections,
  COLLECT {
    MATCH (a:Person)-[t:TRUSTED_ADULT_OF]->(yp)
    WHERE t.until IS NOT NULL AND EXISTS { (a)-[:IN_NETWORK_OF]->(yp) }
    RETURN {
      person_id: a.id, role: t.role, until: t.until, living: a.living,
      person_name: trim(coalesce(a.given_name, '') + ' ' + coalesce(a.family_name, ''))
    } AS row
  } AS trusted
