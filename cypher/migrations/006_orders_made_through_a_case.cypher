// Court orders made before the case they were made through was kept on them (`made_in`): that
// case taken from the trail, whose `order.create` event was written under it in the same
// transaction, when it holds both people (the young person themselves, or members of its
// network): for a while the event was written under the protected person's first case, which
// need not hold the restricted person (a second reader: such an order could be ended by
// nobody). An order the trail says nothing of, or names no such case for, keeps none: its terms
// are every holding case's, and any case holding both people may end it, as before.
MATCH (e:AuditEvent {action: 'order.create'})
WHERE e.resource STARTS WITH 'order:' AND e.young_person_id IS NOT NULL
  // The event of the case it was made through, which has no reason: not another case holding
  // both, told of it since with its dates (`audit.record_shared`).
  AND e.reason IS NULL
MATCH (r:Person)-[o:RESTRICTED_BY_ORDER {id: substring(e.resource, 6)}]->(p:Person)
WHERE o.made_in IS NULL
  AND all(x IN [r, p] WHERE x.id = e.young_person_id
          OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: e.young_person_id}) })
SET o.made_in = e.young_person_id
