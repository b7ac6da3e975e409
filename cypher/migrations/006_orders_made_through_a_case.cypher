// Court orders made before the case they were made through was kept on them (`made_in`): that
// case taken from the trail, whose `order.create` event was written under it in the same
// transaction. An order the trail says nothing of keeps none: its terms are every holding
// case's, and any case holding both people may end it, as before.
MATCH (e:AuditEvent {action: 'order.create'})
WHERE e.resource STARTS WITH 'order:' AND e.young_person_id IS NOT NULL
MATCH ()-[o:RESTRICTED_BY_ORDER {id: substring(e.resource, 6)}]->()
WHERE o.made_in IS NULL
SET o.made_in = e.young_person_id
