// The active safety flags on the young person and on the people of their network (not those
// the case took out), each as `fragments/flag_row` gives it, with the person's name: for
// `service.workflow.flag_due` to decide which are due for a worker's review. A young person of
// another case recorded in the network (a sibling in care) is left out: their flags are their
// own case's, as a map leaves them out.
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  RETURN yp AS p
  UNION
  MATCH (p:Person)-[:IN_NETWORK_OF]->(yp)
  WHERE NOT p:YoungPerson
  RETURN p
}
MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'})
OPTIONAL MATCH (u:User {id: f.author_id})
RETURN p.given_name AS given_name, p.family_name AS family_name, p.known_as AS known_as,
  // fragment: flag_row
  AS flag
