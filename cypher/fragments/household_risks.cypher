// Each of `household` (the person and those in their household) as [who, flags, orders]: their
// active flags at the level that blocks approval ($blocking_level, from `service.workflow`) and
// the current court orders between them and the young person `yp` (either way), as
// "flag:<id>" and "order:<id>" (`service.workflow.household` reads them). A young person of
// another case is counted, never named by id; so is anyone else living there whom the case does
// not hold (who lives at an address is found by typing it: they are another case's, or none's).
[h IN household |
 [CASE WHEN h:YoungPerson THEN 'a child known to the council'
       WHEN NOT EXISTS { (h)-[:IN_NETWORK_OF]->(yp) } THEN 'someone the case does not hold'
       ELSE h.id END,
  [(h)-[:HAS_FLAG]->(f:Flag {status: 'active'}) WHERE f.level >= $blocking_level | 'flag:' + f.id],
  [(h)-[o:RESTRICTED_BY_ORDER]-(yp) WHERE o.until IS NULL OR o.until >= $today
   | 'order:' + o.id]]]
