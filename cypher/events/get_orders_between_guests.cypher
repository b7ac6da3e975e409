// The current court orders, either way, between a connection's person and the people already
// invited to the same event, and not withdrawn (`service.workflow.stages.check_apart`
// decides): the order's id and the invited person's id. Only guests the case still holds (as
// `list_events`' own `apart`): a guest it took out, whom another case holds, is that case's,
// and an order on them that case's (a reader learnt of another case's order through a past
// event's guest the case had taken out).
MATCH (yp:YoungPerson)-[:HAS_EVENT]->(:CelebrationEvent {id: $event_id})-[i:INVITED]->
      (:Connection)-[:WITH]->(guest:Person)
WHERE i.withdrawn_on IS NULL AND (guest = yp OR EXISTS { (guest)-[:IN_NETWORK_OF]->(yp) })
MATCH (yp)-[:HAS_CONNECTION]->(:Connection {id: $connection_id})-[:WITH]->(p:Person)
WHERE guest <> p
MATCH (p)-[o:RESTRICTED_BY_ORDER]-(guest)
WHERE o.until IS NULL OR o.until >= $today
RETURN DISTINCT o.id AS order_id, guest.id AS guest_id
ORDER BY guest_id, order_id
